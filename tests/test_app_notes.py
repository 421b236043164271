"""Notes in the app: several lines, pasted whole, shown whole, refused (never cut) when they
cannot be stored, and saved however the question or the app is left."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Label, OptionList, Static

from maturity_scan.storage.store import Store
from maturity_scan.tui.app import make_app
from maturity_scan.tui.screens.dialogs import ConfirmDialog, OverviewDialog
from maturity_scan.tui.screens.organisation import OrganisationScreen
from maturity_scan.tui.screens.questionnaire import QuestionnaireScreen
from maturity_scan.tui.screens.results import ResultsScreen
from maturity_scan.tui.widgets.note_editor import NOTE_LIMIT, NoteEditor

from .conftest import make_config, seed_scan
from .test_app import SIZE, as_text, settle

ORG = "Gemeente Notitie"
#: The first questions of sociale-inkoop, in order.
Q0, Q1, Q2 = "bestuur-principebesluit", "bestuur-actieplan", "bestuur-eigenaar"
PARAGRAPHS = [
    f"Alinea {n}: " + "het MT besprak de SROI-monitor en de afspraken. " * 11 for n in range(60)
]
MINUTES = "\n\n".join(PARAGRAPHS)


def seed_draft(
    db: Path, notes: dict[str, str] | None = None, answers: dict[str, int] | None = None
) -> str:
    scan = seed_scan(Store(db), ORG, "2026-03-01", answers or {}, status="draft", notes=notes)
    return scan.id


def shown(app: object, selector: str) -> str:
    """What a label or static of the current screen shows ("" when it is hidden)."""
    widget = app.screen.query_one(selector)  # type: ignore[attr-defined]
    return str(widget.render()) if widget.display else ""


def note_field(app: object) -> NoteEditor:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, QuestionnaireScreen)
    return screen.query_one("#q-note", NoteEditor)


async def test_a_pasted_multi_paragraph_note_keeps_every_line(db_path: Path) -> None:
    scan_id = seed_draft(db_path)
    assert len(MINUTES) > 30_000
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")  # the draft
        await settle(app, pilot)
        await pilot.press("n")
        field = note_field(app)
        assert field.has_focus
        app.post_message(events.Paste(MINUTES))
        await settle(app, pilot)
        assert field.text == MINUTES
    assert Store(db_path).get(scan_id).note(Q0) == MINUTES


async def test_typed_lines_and_a_last_key_right_before_leaving_are_saved(db_path: Path) -> None:
    scan_id = seed_draft(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter", "n", *"regel 1", "enter", *"regel 2")
        await pilot.press("pagedown")  # leaves the question at once, from inside the field
        await pilot.press("n", *"ook hier", "ctrl+q")  # quits right after typing
        await pilot.pause()
    stored = Store(db_path).get(scan_id)
    assert stored.note(Q0) == "regel 1\nregel 2"
    assert stored.note(Q1) == "ook hier"


async def test_a_stored_multi_line_note_is_shown_whole_and_wrapped(db_path: Path) -> None:
    long_line = "Het college besprak het actieplan en vroeg om een tweede lezing. " * 6
    seed_draft(db_path, notes={Q0: f"regel 1\nregel 2\n{long_line}"})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        field = note_field(app)
        assert field.text == f"regel 1\nregel 2\n{long_line}"
        wrapped = field.wrapped_document.height
        assert wrapped >= 5  # two short lines and the long one wrapped to the field's width
        # every wrapped line has a row of its own: the field is as tall as the note
        assert field.content_region.height == wrapped
        assert field.max_scroll_y == 0


async def test_the_overview_marks_questions_with_a_note(db_path: Path) -> None:
    seed_draft(db_path, notes={Q1: "navragen"}, answers={Q0: 2})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, OverviewDialog)
        options = app.screen.query_one("#overview", OptionList)
        prompts = {
            option.id: str(option.prompt)
            for option in (options.get_option_at_index(i) for i in range(options.option_count))
            if option.id is not None
        }
        assert "✎" in prompts["1"] and "✎" not in prompts["0"] and "✎" not in prompts["2"]
        assert "✎" in str(app.screen.query(Label)[1].render())  # the legend explains it


async def test_a_note_over_the_limit_is_refused_whole_and_kept_in_the_field(db_path: Path) -> None:
    scan_id = seed_draft(db_path, notes={Q0: "oude notitie"})
    too_long = "x" * (NOTE_LIMIT + 1)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter", "n", "end")
        field = note_field(app)
        app.post_message(events.Paste(too_long))
        await settle(app, pilot)
        assert field.text == "oude notitie" + too_long, "nothing typed or pasted is cut"
        error = str(app.screen.query_one("#q-note-error", Label).render())
        assert "50.000" in error and "niet opgeslagen" in error
        label = app.screen.query_one("#q-note-error", Label)
        assert label.size.width <= SIZE[0] and label.size.height >= 2, "wrapped whole, not cut"
        assert "alles is opgeslagen" not in str(app.screen.query_one("#q-keys", Static).render())
        assert Store(db_path).get(scan_id).note(Q0) == "oude notitie"
        # shortened again, it is stored
        field.load_text("korter")
        await settle(app, pilot)
        assert not app.screen.query_one("#q-note-error", Label).display
    assert Store(db_path).get(scan_id).note(Q0) == "korter"


async def test_a_note_with_a_control_character_is_refused(db_path: Path) -> None:
    scan_id = seed_draft(db_path, notes={Q0: "oud"})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter", "n")
        assert note_field(app).has_focus
        app.post_message(events.Paste("\x1b]52;c;Y2xpcGJvYXJk\x07 en\tmeer"))
        await settle(app, pilot)
        error = str(app.screen.query_one("#q-note-error", Label).render())
        assert "\\x1b" in error
        await pilot.press("escape", "right")  # leaving says it was not stored
        await settle(app, pilot)
        assert any("niet opgeslagen" in n.message for n in app._notifications)
    assert Store(db_path).get(scan_id).note(Q0) == "oud"


async def test_results_show_a_multi_line_note_whole_with_a_hanging_indent(db_path: Path) -> None:
    note = "regel 1\nregel 2\n" + "lang " * 40
    seed_scan(Store(db_path), ORG, "2026-03-01", {Q0: "unknown", Q1: 3}, notes={Q0: note})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
        blocks = [as_text(b.content) for b in app.screen.query(".advice-block")]
    [text] = [b for b in blocks if "regel 1" in b]
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if "notitie: regel 1" in line)
    column = lines[first].index("regel 1")
    assert lines[first + 1].index("regel 2") == column
    continued = [line for line in lines[first + 2 :] if "lang" in line]
    assert len(continued) >= 2 and all(line.index("lang") == column for line in continued)


REVERSED = "oud\u202e omgekeerd"  # the stored note, with a BiDi override typed behind it


async def type_refused_note(app: object, pilot: Pilot[object]) -> None:
    """On the first question (stored note "oud"): type a BiDi override behind the note."""
    await settle(app, pilot)  # type: ignore[arg-type]
    await pilot.press("enter", "enter", "n", "end")
    app.post_message(events.Paste("\u202e omgekeerd"))  # type: ignore[attr-defined]
    await settle(app, pilot)  # type: ignore[arg-type]
    assert note_field(app).text == REVERSED
    assert "\\u202e" in shown(app, "#q-note-error")


async def test_a_refused_note_is_kept_when_the_user_moves_away_and_back(db_path: Path) -> None:
    scan_id = seed_draft(db_path, notes={Q0: "oud", Q1: "tweede"})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await type_refused_note(app, pilot)
        await pilot.press("escape", "right")
        await settle(app, pilot)
        assert note_field(app).text == "tweede"
        assert shown(app, "#q-note-error") == ""
        # the header and the hint keep saying that a note is not saved
        assert "notitie niet opgeslagen" in shown(app, "#q-saved")
        assert "alles is opgeslagen" not in shown(app, "#q-keys")
        await pilot.press("left")
        await settle(app, pilot)
        assert note_field(app).text == REVERSED, "the text typed is back, not the stored note"
        assert "\\u202e" in shown(app, "#q-note-error")
        # a jump from the overview comes back to it too
        await pilot.press("]", "g")
        await pilot.pause()
        assert isinstance(app.screen, OverviewDialog)
        app.screen.dismiss(0)
        await settle(app, pilot)
        assert note_field(app).text == REVERSED
        assert "\\u202e" in shown(app, "#q-note-error")
        await pilot.press("escape", "j")  # home, leaving the refused note anyway
        await settle(app, pilot)
        assert isinstance(app.screen, OrganisationScreen)
    assert Store(db_path).get(scan_id).note(Q0) == "oud"


async def test_leaving_with_a_refused_note_asks_and_a_fixed_note_is_stored(db_path: Path) -> None:
    scan_id = seed_draft(db_path, notes={Q0: "oud"})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await type_refused_note(app, pilot)
        await pilot.press("escape", "right")  # out of the field, to the next question
        await settle(app, pilot)
        await pilot.press("escape")  # back to home: asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        body = str(app.screen.query_one(".dialog-body Static", Static).render())
        assert "vraag 1" in body and "stuurteken (\\u202e)" in body
        assert app.screen.query_one("#no").has_focus, "the default is to stay"
        await pilot.press("n")  # stay
        await settle(app, pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
        await pilot.press("left")
        await settle(app, pilot)
        field = note_field(app)
        assert field.text == REVERSED
        field.load_text("oud omgekeerd")  # the override taken out: stored as usual
        await settle(app, pilot)
        assert shown(app, "#q-note-error") == ""
        assert "notitie niet opgeslagen" not in shown(app, "#q-saved")
        await pilot.press("right", "left")
        await settle(app, pilot)
        assert note_field(app).text == "oud omgekeerd"
        await pilot.press("escape")  # nothing refused any more: home at once
        await settle(app, pilot)
        assert isinstance(app.screen, OrganisationScreen)
    assert Store(db_path).get(scan_id).note(Q0) == "oud omgekeerd"


async def test_finish_and_quit_ask_first_and_leave_anyway_proceeds(db_path: Path) -> None:
    scan_id = seed_draft(db_path, notes={Q0: "oud"})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await type_refused_note(app, pilot)
        await pilot.press("escape", "f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Niet elke notitie" in str(app.screen.query_one(".dialog-title", Label).render())
        await pilot.press("j")  # leave anyway: on to the usual finish question
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "afronden" in str(app.screen.query_one(".dialog-title", Label).render())
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        await pilot.press("q")  # quitting asks too
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.is_running
        await pilot.press("ctrl+q")  # asked once, not twice
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        await pilot.press("q", "j")
        await pilot.pause()
        assert not app.is_running
    assert Store(db_path).get(scan_id).note(Q0) == "oud"


async def test_a_note_whose_first_write_waits_for_the_lock_is_stored_and_blocks_nothing(
    db_path: Path,
) -> None:
    """The note's text survives a write that fails for a passing reason (another program
    holds the lock): the retry writes it, and the answers after it are not held up."""
    from filelock import FileLock

    scan_id = seed_draft(db_path)
    config = make_config(db_path)
    config.store.lock_timeout = 0.2
    app = make_app(config)
    app.autosaver._retry_delay = 0.1
    reported: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")  # the draft
        await settle(app, pilot)
        original = app.report
        app.report = lambda err: (reported.append(err.key), original(err))  # type: ignore[method-assign]
        lock = FileLock(str(db_path) + ".lock")
        lock.acquire()  # another program holds the database
        try:
            await pilot.press("n")
            app.post_message(events.Paste("belangrijk"))
            await pilot.pause(1.0)  # the first attempt waited for the lock and failed
            assert app.autosaver.pending == 1
        finally:
            lock.release()
        await pilot.press("escape", "3")  # leave the note; answer the question
        assert app.autosaver.flush(timeout=10), "every write is done: nothing is stuck"
        await settle(app, pilot)
    stored = Store(db_path).get(scan_id)
    assert stored.note(Q0) == "belangrijk"
    assert stored.answer(Q0) == 3
    assert "err.save_unexpected" not in reported
