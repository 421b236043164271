"""What the questionnaire and the results show is what is stored: finishing waits for the
completion and reads it back, another program's changes are noticed and shown, a stale copy
handed to the questionnaire is replaced by a fresh read, and the hint and F1 say only what
is true."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Label, Static

from maturity_scan.core.models import Respondent
from maturity_scan.core.scoring import score_scan
from maturity_scan.errors import ScanError
from maturity_scan.storage.store import Store
from maturity_scan.tui.app import MaturityScanApp, make_app
from maturity_scan.tui.screens.dialogs import HelpScreen
from maturity_scan.tui.screens.questionnaire import QuestionnaireScreen
from maturity_scan.tui.screens.results import ResultsScreen
from maturity_scan.visible import visible

from .conftest import make_config, seed_scan
from .test_app import SIZE, as_text, settle

ORG = "Gemeente Twee"
Q0, Q1, Q2 = "bestuur-principebesluit", "bestuur-actieplan", "bestuur-eigenaar"


def seed_draft(db: Path, answers: dict[str, Any], organisation: str = ORG) -> str:
    return seed_scan(Store(db), organisation, "2026-03-01", answers, status="draft").id


async def open_draft(app: MaturityScanApp, pilot: Any) -> QuestionnaireScreen:
    await settle(app, pilot)
    await pilot.press("enter", "enter")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, QuestionnaireScreen)
    return screen


def notices(app: MaturityScanApp) -> str:
    return "\n".join(n.message for n in app._notifications)


def hint(screen: QuestionnaireScreen) -> str:
    return str(screen.query_one("#q-keys", Static).render())


async def test_results_after_finishing_are_the_stored_scan(db_path: Path) -> None:
    """B2: another window answered question 3 differently; the results show what is stored."""
    scan_id = seed_draft(db_path, {Q0: 3, Q1: 3})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_draft(app, pilot)
        await pilot.press("5")  # this window: question 3 = 5
        await settle(app, pilot)
        Store(db_path).set_answer(scan_id, Q2, level=1)  # the other window, later: 1
        await pilot.press("f", "j")
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
        shown = app.screen.scores
        assert app.screen.scan.answer(Q2) == 1
    stored = Store(db_path).get(scan_id)
    assert stored.status == "completed"
    qs = screen.question_set
    assert shown == score_scan(qs, {q: r.level for q, r in stored.answers.items()})


async def test_a_completion_that_fails_stays_in_the_questionnaire(db_path: Path) -> None:
    """D4 C: the write was refused; never results, never "afgerond" for a draft on disk."""
    scan_id = seed_draft(db_path, {Q0: 3})
    app = make_app(make_config(db_path))

    def refused(*args: object, **kwargs: object) -> None:
        raise ScanError("err.db_write", file=str(db_path), reason="No space left on device")

    async with app.run_test(size=SIZE) as pilot:
        screen = await open_draft(app, pilot)
        app.config.store.complete = refused  # type: ignore[method-assign]
        await pilot.press("f", "j")
        await settle(app, pilot)
        assert app.screen is screen
        assert "No space left on device" in notices(app)
        assert not screen.finishing
    assert Store(db_path).get(scan_id).status == "draft"


async def test_results_read_the_scan_again_when_shown_again(db_path: Path) -> None:
    scan = seed_scan(Store(db_path), ORG, "2026-03-01", {Q0: 2, Q1: 2})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        results = app.screen
        assert isinstance(results, ResultsScreen) and results.scan.answer(Q0) == 2
        other = Store(db_path)  # another program corrects the scan
        other.reopen(scan.id)
        other.set_answer(scan.id, Q0, level=5)
        other.complete(scan.id)
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is results
        assert results.scan.answer(Q0) == 5


async def test_a_change_made_elsewhere_is_shown_and_said(db_path: Path) -> None:
    scan_id = seed_draft(db_path, {Q0: 3})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_draft(app, pilot)
        assert screen.scan.answer(Q1) is None
        Store(db_path).set_answer(scan_id, Q1, level=4)
        screen.check_elsewhere()  # what the timer and a resume do
        await settle(app, pilot)
        assert screen.scan.answer(Q1) == 4
        notice = str(screen.query_one("#q-notice", Label).render())
        assert "elders gewijzigd" in notice and screen.query_one("#q-notice").display
        # nothing changed since: no second read, no second message
        screen.check_elsewhere()
        assert not [w for w in app.workers if w.group == "q-read" and not w.is_finished]


async def test_an_answer_written_after_a_change_elsewhere_shows_both(db_path: Path) -> None:
    """This window's write notices that the files changed before it: it reads again."""
    scan_id = seed_draft(db_path, {Q0: 3})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_draft(app, pilot)
        Store(db_path).set_answer(scan_id, Q0, level=1)  # the other window changes question 1
        await pilot.press("4")  # this window answers question 2
        await settle(app, pilot)
        assert screen.scan.answer(Q0) == 1 and screen.scan.answer(Q1) == 4
        assert "elders gewijzigd" in notices(app)


async def test_a_scan_deleted_elsewhere_says_so(db_path: Path) -> None:
    scan_id = seed_draft(db_path, {Q0: 3})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_draft(app, pilot)
        Store(db_path).delete(scan_id)
        await pilot.press("4")
        await settle(app, pilot)
        text = notices(app)
        assert "elders verwijderd" in text and "geen scan met id" not in text
        assert screen.gone and "elders verwijderd" in str(
            screen.query_one("#q-notice", Label).render()
        )
        await pilot.press("5")  # refused, with the reason
        await settle(app, pilot)
        assert "alles is opgeslagen" not in hint(screen)


async def test_a_scan_completed_elsewhere_says_so_and_takes_no_answers(db_path: Path) -> None:
    scan_id = seed_draft(db_path, {Q0: 3})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_draft(app, pilot)
        Store(db_path).complete(scan_id)
        screen.check_elsewhere()
        await settle(app, pilot)
        assert screen.gone and "elders afgerond" in notices(app)
        await pilot.press("2")
        await settle(app, pilot)
        assert screen.scan.answer(Q1) is None
    assert Store(db_path).get(scan_id).answer(Q1) is None


async def test_a_write_that_failed_is_not_shown_nor_called_saved(db_path: Path) -> None:
    scan_id = seed_draft(db_path, {Q0: 3})
    app = make_app(make_config(db_path))

    def damaged(*args: object, **kwargs: object) -> None:
        raise ScanError("err.db_write", file=str(db_path), reason="Input/output error")

    async with app.run_test(size=SIZE) as pilot:
        screen = await open_draft(app, pilot)
        assert "alles is opgeslagen" in hint(screen)
        app.autosaver._retry_delay = 0.01
        app.config.store.set_answer = damaged  # type: ignore[method-assign]
        await pilot.press("4")
        await pilot.pause()
        assert screen.pending and "alles is opgeslagen" not in hint(screen)
        app.autosaver._closing.set()  # stop retrying: the write is given up
        await settle(app, pilot)
        assert "alles is opgeslagen" not in hint(screen)
    assert Store(db_path).get(scan_id).answer(Q1) is None


async def test_f1_lists_not_applicable_only_where_the_question_allows_it(db_path: Path) -> None:
    seed_draft(db_path, {})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_draft(app, pilot)
        assert not screen.question.allow_na
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "n.v.t." not in [text for _, text in app.screen._keys]
        await pilot.press("escape", "0")  # still says why "0" does not work here
        await pilot.pause()
        assert "niet van toepassing" in notices(app)
        screen._go(13)  # hr-inkoop-aanbestedingen allows it
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "n.v.t." in [text for _, text in app.screen._keys]


@pytest.mark.parametrize("background", [False, True], ids=["small", "large"])
async def test_a_stale_copy_is_replaced_by_the_stored_scan(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, background: bool
) -> None:
    """D5: the questionnaire is handed an old copy (home's earlier read); it shows every saved
    answer and opens at the first open question. A large database is read in a worker, and
    no answer is taken before that read."""
    if background:
        monkeypatch.setattr("maturity_scan.storage.changes.READ_AT_ONCE", 0)
    scan_id = seed_draft(db_path, {Q0: 3})
    stale = Store(db_path).get(scan_id)
    for question in (Q1, Q2):
        Store(db_path).set_answer(scan_id, question, level=4)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        qs = app.config.catalog.get("sociale-inkoop", "1.0")
        store = app.config.store
        read = store.get
        go_on = threading.Event()

        def slow_get(ref: str) -> Any:
            go_on.wait(timeout=30)
            return read(ref)

        store.get = slow_get  # type: ignore[method-assign]
        if not background:
            go_on.set()
        screen = QuestionnaireScreen(stale, qs)
        await app.push_screen(screen)
        if background:
            assert not screen.ready
            await pilot.press("1")  # not taken: the stored scan is not read yet
            assert screen.scan.answer("bestuur-actieplan") is None
            go_on.set()
        await settle(app, pilot)
        assert screen.ready
        assert [screen.scan.answer(q) for q in (Q0, Q1, Q2)] == [3, 4, 4]
        assert screen.question.id == "bestuur-middelen"
        assert "3/22" in str(screen.query_one("#q-answered", Label).render())
    assert Store(db_path).get(scan_id).answer("bestuur-middelen") is None


async def test_user_text_with_control_characters_is_shown_escaped(db_path: Path) -> None:
    organisation = "Gemeente \x1b]0;pwned\x07X"
    store = Store(db_path)
    seed_scan(
        store,
        organisation,
        "2026-03-01",
        {Q0: 3},
        respondent=Respondent(name="Ann\x1b[2J", role="rol"),
        notes={Q1: "notitie \x1b[31mrood"},
    )
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert results.sub_title == visible(organisation, single_line=True)
        texts = "\n".join(as_text(w.content) for w in results.query(Static))
        assert "\x1b" not in texts and "Ann\\x1b[2J" in texts
        assert "\\x1b]0;pwned" in texts and "notitie \\x1b[31mrood" in texts
        await pilot.press("r", "j")  # reopen: the questionnaire shows the same
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        assert screen.sub_title == visible(organisation, single_line=True)
        field = screen.query_one("#q-note")
        assert "\x1b" not in field.text and "\\x1b[31m" in field.text  # type: ignore[attr-defined]
    assert Store(db_path).get(results.scan.id).note(Q1) == "notitie \x1b[31mrood"
