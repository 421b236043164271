"""The app's flows, driven through Textual's pilot against a database in tmp_path."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, OptionList, Static, TextArea

from maturity_scan.core.models import NA, UNKNOWN, Target
from maturity_scan.core.scoring import score_scan
from maturity_scan.exchange.export import parse_export
from maturity_scan.question_sets.loading import load_catalog
from maturity_scan.storage.store import Store
from maturity_scan.tui.app import MaturityScanApp, make_app
from maturity_scan.tui.screens.definitions import DefinitionsDialog
from maturity_scan.tui.screens.dialogs import (
    ConfirmDialog,
    ExportDialog,
    HelpScreen,
    OverviewDialog,
)
from maturity_scan.tui.screens.home import HomeScreen
from maturity_scan.tui.screens.new_scan import NewScanDialog
from maturity_scan.tui.screens.questionnaire import QuestionnaireScreen
from maturity_scan.tui.screens.results import ResultsScreen
from maturity_scan.tui.screens.scans import ScansScreen

from .conftest import MINI_SETS, make_config, seed_scan, wait_for_workers

SIZE = (100, 32)


async def settle(app: MaturityScanApp, pilot: Pilot[object]) -> None:
    """Let workers (loading, saving) finish and the screen repaint."""
    await pilot.pause()
    app.autosaver.flush()
    await wait_for_workers(app)
    await pilot.pause()


async def start_scan(app: MaturityScanApp, pilot: Pilot[object], organisation: str) -> None:
    await settle(app, pilot)
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, NewScanDialog)
    org = app.screen.query_one("#new-org", Input)
    org.value = organisation
    await pilot.press("enter")
    await pilot.pause()
    # A new scan uses the latest set (sociale-inkoop 2.0), whose scope and definitions come
    # before the first question: close them (tests/test_app_definitions.py tests that dialog).
    if isinstance(app.screen, DefinitionsDialog):
        await pilot.press("enter")
        await pilot.pause()
    assert isinstance(app.screen, QuestionnaireScreen)


def as_text(renderable: object) -> str:
    """What a Rich renderable shows, as plain text."""
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def stored_scans(db: Path) -> list:  # type: ignore[type-arg]
    return Store(db).scans()


async def test_empty_home_says_what_to_do_first(db_path: Path) -> None:
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        empty = app.screen.query_one("#home-empty", Static)
        assert empty.display
        assert "Druk op n" in str(empty.render())
        assert not app.screen.query_one("#orgs", DataTable).display
    assert not db_path.exists(), "opening the app must not create the database"


async def test_complete_scan_with_digit_keys_reaches_results_matching_core(db_path: Path) -> None:
    config = make_config(db_path)
    question_set = config.catalog.get("sociale-inkoop")
    keys = [str(1 + i % 5) for i in range(len(question_set.questions()))]
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await start_scan(app, pilot, "Gemeente Testdorp")
        await pilot.press(*keys)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        assert all(screen.scan.answer(q.id) is not None for _, q in question_set.questions())
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), "finishing always asks first"
        await pilot.press("j")
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
        shown = app.screen.scores
    [scan] = stored_scans(db_path)
    assert scan.status == "completed" and scan.completed_at is not None
    expected = score_scan(question_set, {q: r.level for q, r in scan.answers.items()})
    assert shown == expected
    assert [scan.answer(q.id) for _, q in question_set.questions()] == [int(k) for k in keys]


async def test_quit_halfway_then_resume_at_first_open_question_and_finish(db_path: Path) -> None:
    config = make_config(db_path)
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await start_scan(app, pilot, "Provincie Proef")
        await pilot.press("3", "4", "w")
        await pilot.press("q")  # quits at once; everything was already saved
        await pilot.pause()
    [draft] = stored_scans(db_path)
    assert draft.status == "draft"
    ids = [q.id for _, q in config.catalog.get("sociale-inkoop").questions()]
    assert [draft.answer(i) for i in ids[:4]] == [3, 4, UNKNOWN, None]
    # Quitting folded the draft's journal into the file: the file alone holds the answers.
    assert not list(db_path.with_name(db_path.name + ".journal").glob("*.jsonl"))
    [record] = json.loads(db_path.read_text(encoding="utf-8"))["scans"].values()
    assert record["answers"][ids[0]] == {"level": 3, "note": ""}

    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#orgs", DataTable)
        assert table.row_count == 1
        await pilot.press("enter", "enter")  # the organisation, then its draft
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        assert screen.question.id == ids[3], "a draft resumes at the first unanswered question"
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), "open questions: asks first"
        body = str(app.screen.query_one(".dialog-body Static", Static).render())
        assert str(len(ids) - 3) in body  # all questions but the 3 answered are open
        await pilot.press("j")
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
    [done] = stored_scans(db_path)
    assert done.status == "completed"


async def test_back_and_forward_keep_answers(db_path: Path) -> None:
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await start_scan(app, pilot, "Waterschap Vooruit")
        await pilot.press("2", "5")
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        assert screen.index == 2
        await pilot.press("left", "left")
        assert screen.index == 0
        options = screen.query_one("#q-options", OptionList)
        assert options.highlighted == 1, "the stored answer (level 2) is highlighted"
        await pilot.press("right", "pagedown", "pageup")
        assert screen.index == 1
        await settle(app, pilot)
        first, second = (q.id for _, q in screen.items[:2])
        assert screen.scan.answer(first) == 2 and screen.scan.answer(second) == 5
    [draft] = stored_scans(db_path)
    assert draft.answer(first) == 2 and draft.answer(second) == 5


async def test_not_applicable_only_where_allowed(db_path: Path) -> None:
    # A 1.0 draft: "not applicable" there is stored at once (2.0 asks for a reason first,
    # tests/test_app_definitions.py).
    seed_scan(Store(db_path), "Gemeente Na", "2026-03-01", {}, status="draft", version="1.0")
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")  # the organisation, its draft (nothing answered)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        assert not screen.question.allow_na
        options = screen.query_one("#q-options", OptionList)

        def option_ids() -> list[str | None]:
            return [options.get_option_at_index(i).id for i in range(options.option_count)]

        assert option_ids() == ["1", "2", "3", "4", "5", UNKNOWN]
        await pilot.press("0")
        assert screen.index == 0 and screen.scan.answer(screen.question.id) is None
        target = next(i for i, (_, q) in enumerate(screen.items) if q.allow_na)
        screen._go(target)
        assert option_ids() == ["1", "2", "3", "4", "5", NA, UNKNOWN]
        await pilot.press("0")
        await settle(app, pilot)
        assert screen.scan.answer(screen.items[target][1].id) == NA
        assert screen.index == target + 1


async def test_notes_are_saved_with_the_answer(db_path: Path) -> None:
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await start_scan(app, pilot, "Gemeente Notitie")
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        question_id = screen.question.id
        await pilot.press("n")
        assert screen.query_one("#q-note", TextArea).has_focus
        # digits type into the note, not answer; Enter is a new line; Esc leaves the field
        await pilot.press(*"Besluit 12-3", "enter", *"MT", "escape")
        assert screen.index == 0
        await pilot.press("4")
        await settle(app, pilot)
        assert screen.index == 1
        await pilot.press("left")
        assert screen.query_one("#q-note", TextArea).text == "Besluit 12-3\nMT"
    [draft] = stored_scans(db_path)
    assert draft.note(question_id) == "Besluit 12-3\nMT"
    assert draft.answer(question_id) == 4


async def test_switching_language_changes_the_texts(db_path: Path) -> None:
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await start_scan(app, pilot, "Gemeente Taal")
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        dutch = str(screen.query_one("#q-text", Static).render())
        assert dutch == screen.question.text["nl"]
        assert "Vraag 1 van" in str(screen.query_one("#q-position", Label).render())
        await pilot.press("f2")
        await pilot.pause()
        assert str(screen.query_one("#q-text", Static).render()) == screen.question.text["en"]
        assert "Question 1 of" in str(screen.query_one("#q-position", Label).render())
        descriptions = {b.binding.description for b in screen.active_bindings.values()}
        assert "finish" in descriptions and "afronden" not in descriptions
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#orgs", DataTable).columns  # rebuilt in English
        header = [str(c.label) for c in app.screen.query_one("#orgs", DataTable).columns.values()]
        assert header[0] == "Organisation"


async def test_language_from_config_is_english(db_path: Path) -> None:
    app = make_app(make_config(db_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "Press n" in str(app.screen.query_one("#home-empty", Static).render())


async def test_export_from_results_writes_an_importable_file(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store = Store(db_path)
    seed_scan(store, "Gemeente Export", "2026-03-01", {"bestuur-principebesluit": 3})
    config = make_config(db_path)
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")  # the organisation, its scan
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        path_input = app.screen.query_one("#export-path", Input)
        assert path_input.value == str(tmp_path / "gemeente-export-2026-03-01.json")
        await pilot.press("enter")
        await settle(app, pilot)
    exported = tmp_path / "gemeente-export-2026-03-01.json"
    scans = parse_export(exported.read_bytes(), str(exported), load_catalog(config.questions_dirs))
    assert [s.id for s in scans] == [s.id for s in store.scans()]
    assert json.loads(exported.read_text())["scans"][0]["organisation"] == "Gemeente Export"


async def test_delete_asks_first_and_removes_the_scan(db_path: Path) -> None:
    store = Store(db_path)
    seed_scan(store, "Gemeente Weg", "2026-01-01", {})
    seed_scan(store, "Gemeente Blijft", "2026-01-02", {})
    store.set_target(Target("Gemeente Weg", "sociale-inkoop", "bestuur", 3))
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("s")  # every scan
        await pilot.pause()
        home = app.screen
        assert isinstance(home, ScansScreen)
        assert [r.scan.organisation for r in home.rows] == ["Gemeente Blijft", "Gemeente Weg"]
        await pilot.press("d")  # Gemeente Blijft: its last scan, but it has no targets
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        body = str(app.screen.query_one(".dialog-body Static", Static).render())
        assert "Gemeente Blijft" in body and "streefniveaus" not in body
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("down", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        body = str(app.screen.query_one(".dialog-body Static", Static).render())
        assert "laatste scan van Gemeente Weg" in body, "its targets go with its last scan"
        await pilot.press("escape")  # no
        await settle(app, pilot)
        assert len(Store(db_path).scans()) == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("j")
        await settle(app, pilot)
        assert [r.scan.organisation for r in home.rows] == ["Gemeente Blijft"]
    assert [s.organisation for s in Store(db_path).scans()] == ["Gemeente Blijft"]


async def test_new_scan_form_prefills_the_only_organisation_and_requires_one(db_path: Path) -> None:
    seed_scan(Store(db_path), "Gemeente Enig", "2026-01-01", {})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewScanDialog)
        org = dialog.query_one("#new-org", Input)
        assert org.value == "Gemeente Enig" and org.has_focus
        assert not dialog.query("#new-set"), "one question set installed: no choice shown"
        org.value = "   "
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "organisatie" in str(dialog.query_one("#new-org-error", Label).render())


async def test_question_set_choice_appears_with_more_than_one_set(db_path: Path) -> None:
    app = make_app(make_config(db_path, extra_dirs=(MINI_SETS,)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query("#new-set")


async def test_help_on_home_lists_enter_which_the_table_takes_for_itself(db_path: Path) -> None:
    seed_scan(Store(db_path), "Gemeente Help", "2026-01-05", {"bestuur-actieplan": 2})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-keys", DataTable)
        rows = {
            str(table.get_row_at(i)[1]): str(table.get_row_at(i)[0]) for i in range(table.row_count)
        }
        assert rows.get("organisatie openen") == "⏎", rows
        await pilot.press("escape", "enter", "f1")  # the organisation: Enter opens a scan
        await pilot.pause()
        table = app.screen.query_one("#help-keys", DataTable)
        rows = {
            str(table.get_row_at(i)[1]): str(table.get_row_at(i)[0]) for i in range(table.row_count)
        }
        assert rows.get("openen") == "⏎", rows


async def test_help_lists_the_keys_of_the_current_screen(db_path: Path) -> None:
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await start_scan(app, pilot, "Gemeente Help")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-keys", DataTable)
        actions = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert {"afronden", "notitie", "weet ik niet", "alle vragen", "kies niveau"} <= actions
        assert "Scroll Left" not in actions, "Textual's own bindings are not listed"
        assert len(actions) == table.row_count, "each action once (1-5 is one row)"
        keys = {
            str(table.get_row_at(i)[1]): str(table.get_row_at(i)[0]) for i in range(table.row_count)
        }
        assert keys["vorige"] == "←" and keys["volgende"] == "→", "the keys the footer shows"
        assert keys["kies niveau"] == "1-5"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)


async def test_overview_jumps_to_a_question(db_path: Path) -> None:
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await start_scan(app, pilot, "Gemeente Overzicht")
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, OverviewDialog)
        await pilot.press("down", "down", "enter")  # header rows are skipped
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        assert screen.index == 2
        await pilot.press("]")
        assert screen.principle.id == "hr-inkoop"


async def test_broken_question_set_is_shown_as_a_message_not_a_traceback(
    db_path: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "sets"
    broken.mkdir()
    (broken / "kapot.toml").write_text('id = "kapot"\nversion = 1\n', encoding="utf-8")
    app = make_app(make_config(db_path, extra_dirs=(broken,)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        error = app.screen.query_one("#home-error", Static)
        assert error.display
        assert "kapot.toml" in str(error.render())
        await pilot.press("n")  # cannot start: tells why instead of crashing
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_unreadable_database_is_shown_as_a_message(db_path: Path) -> None:
    db_path.write_text("{not json", encoding="utf-8")
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        error = app.screen.query_one("#home-error", Static)
        assert "scans.json" in str(error.render())
    assert db_path.read_text(encoding="utf-8") == "{not json"


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_small_terminals_do_not_crash(db_path: Path, size: tuple[int, int]) -> None:
    seed_scan(Store(db_path), "Gemeente Klein", "2026-01-01", {"bestuur-principebesluit": 2})
    app = make_app(make_config(db_path))
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")  # the organisation, its results
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("end", "escape")
        await start_scan(app, pilot, "Gemeente Klein")
        await pilot.press("h", "1", "g")
        await pilot.pause()
        await pilot.press("escape", "f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)


def test_no_subcommand_starts_the_app_with_the_command_lines_settings(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from maturity_scan.cli import main

    started: list[tuple[Path, str]] = []
    monkeypatch.setattr(
        MaturityScanApp,
        "run",
        lambda self, *a, **k: started.append((self.config.db_path, self.lang)),
    )
    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(db_path), "--lang", "en"])
    assert stopped.value.code == 0
    assert started == [(db_path, "en")]


async def test_command_palette_offers_the_screens_actions_in_the_current_language(
    db_path: Path,
) -> None:
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"Nieuwe scan", "Alle scans", "Zoeken", "Switch to English", "Stoppen"} <= set(
            titles
        )
        await start_scan(app, pilot, "Gemeente Palet")
        await pilot.press("f2")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"Finish scan", "Next question", "Write a note", "Quit"} <= set(titles)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"


async def test_escape_in_the_note_returns_to_the_answers_not_home(db_path: Path) -> None:
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await start_scan(app, pilot, "Gemeente Esc")
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        await pilot.press("n", "x", "escape")
        assert app.screen is screen
        assert screen.query_one("#q-options", OptionList).has_focus
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_question_stays_visible_at_the_top_on_a_small_terminal(db_path: Path) -> None:
    app = make_app(make_config(db_path))
    async with app.run_test(size=(60, 20)) as pilot:
        await start_scan(app, pilot, "Gemeente Klein")
        await pilot.pause()
        body = app.screen.query_one("#q-body")
        assert body.scroll_y == 0
        await pilot.press("2")
        await pilot.pause()
        assert body.scroll_y == 0


async def test_reopen_a_completed_scan_to_correct_an_answer(db_path: Path) -> None:
    store = Store(db_path)
    first = "bestuur-principebesluit"
    seed_scan(store, "Gemeente Herstel", "2026-02-01", {first: 2, "bestuur-actieplan": 3})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter", "r")  # the organisation, its scan: reopen
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        screen._go(0)
        await pilot.press("4", "f", "j")
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
    [scan] = Store(db_path).scans()
    assert scan.status == "completed" and scan.answer(first) == 4


async def test_results_list_dont_know_questions_and_notes(db_path: Path) -> None:
    store = Store(db_path)
    answers = {"bestuur-principebesluit": 3, "bestuur-actieplan": UNKNOWN, "bestuur-publiek": 4}
    notes = {"bestuur-actieplan": "Navragen bij de wethouder", "bestuur-publiek": "Speech mei"}
    seed_scan(store, "Gemeente Notities", "2026-02-01", answers, notes=notes)
    app = make_app(make_config(db_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")
        await pilot.pause()
        blocks = [as_text(w.content) for w in app.screen.query(".advice-block")]
    board = blocks[0]
    assert "To find out" in board and "Navragen bij de wethouder" in board
    assert "Notes:" in board and "Speech mei" in board


async def test_export_asks_before_overwriting(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    seed_scan(Store(db_path), "Gemeente Dubbel", "2026-03-01", {"bestuur-principebesluit": 3})
    existing = tmp_path / "gemeente-dubbel-2026-03-01.json"
    existing.write_text("keep me", encoding="utf-8")
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "e")  # the organisation, its scan: export
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # no: the path dialog opens again
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert existing.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter", "j")
        await settle(app, pilot)
    assert json.loads(existing.read_text(encoding="utf-8"))["scans"][0]["organisation"] == (
        "Gemeente Dubbel"
    )


async def test_saved_is_shown_only_after_the_answer_is_on_disk(db_path: Path) -> None:
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await start_scan(app, pilot, "Gemeente Opslag")
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        saved = screen.query_one("#q-saved", Label)
        question_id = screen.question.id
        await pilot.press("3")
        await settle(app, pilot)
        assert screen.pending == 0
        assert str(saved.render()) == "✓ opgeslagen"
        assert Store(db_path).get(screen.scan.id).answer(question_id) == 3


async def test_an_answer_that_cannot_be_saved_yet_is_retried_not_lost(db_path: Path) -> None:
    from filelock import FileLock

    config = make_config(db_path)
    config.store.lock_timeout = 0.2
    app = make_app(config)
    app.autosaver._retry_delay = 0.1
    async with app.run_test(size=SIZE) as pilot:
        await start_scan(app, pilot, "Gemeente Slot")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        question_id = screen.question.id
        lock = FileLock(str(db_path) + ".lock")
        lock.acquire()  # another program holds the database
        try:
            await pilot.press("3")
            await pilot.pause(0.8)
            saved = str(screen.query_one("#q-saved", Label).render())
            assert "opnieuw proberen" in saved, saved
            await pilot.press("q")  # not everything is on disk: asks instead of quitting
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("escape")  # wait
        finally:
            lock.release()
        await settle(app, pilot)
        assert str(screen.query_one("#q-saved", Label).render()) == "✓ opgeslagen"
    [draft] = Store(db_path).scans()
    assert draft.answer(question_id) == 3, "the answer shown as given is on disk"


async def test_back_from_a_new_scan_the_cursor_is_on_it(db_path: Path) -> None:
    store = Store(db_path)
    seed_scan(store, "Gemeente Assen", "2026-01-10", {"bestuur-actieplan": 2})
    seed_scan(store, "Gemeente Breda", "2026-02-10", {"bestuur-actieplan": 3})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await start_scan(app, pilot, "Gemeente Zwolle")  # the cursor was on Assen
        draft = app.screen.scan  # type: ignore[attr-defined]
        await pilot.press("3", "escape")
        await settle(app, pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        selected = home.selected()
        assert selected is not None and selected.name == "Gemeente Zwolle"
        await pilot.press("enter", "enter")  # its organisation, the draft just left
        await settle(app, pilot)
        assert isinstance(app.screen, QuestionnaireScreen) and app.screen.scan.id == draft.id


@pytest.mark.parametrize("size", [(100, 32), (80, 24)])
async def test_overview_lines_fit_the_list(db_path: Path, size: tuple[int, int]) -> None:
    """The overview wraps each question to the list's width itself; a line any longer is
    wrapped again by the list, leaving one word on a line of its own."""
    app = make_app(make_config(db_path))
    async with app.run_test(size=size) as pilot:
        await start_scan(app, pilot, "Gemeente Overzicht")
        await pilot.press("g")
        await pilot.pause()
        options = app.screen.query_one("#overview", OptionList)
        room = options.scrollable_content_region.width
        widths = [
            len(line)
            for index in range(options.option_count)
            for line in str(options.get_option_at_index(index).prompt).splitlines()
        ]
        assert max(widths) <= room
