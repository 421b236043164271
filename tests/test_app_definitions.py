"""Scope and definitions in the app, and the reason asked for "not applicable" (issue 12), in
a set that declares them (tests/fixtures/sets-rules); a set without them works as before."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Label, Static

from maturity_scan.storage.store import Store
from maturity_scan.tui.app import MaturityScanApp, make_app
from maturity_scan.tui.screens.definitions import DefinitionsDialog, NaReasonDialog
from maturity_scan.tui.screens.organisation import OrganisationScreen
from maturity_scan.tui.screens.questionnaire import QuestionnaireScreen
from maturity_scan.tui.screens.results import ResultsScreen

from .conftest import FIXTURES, make_config, seed_scan
from .test_app import SIZE, as_text, settle

RULES_SETS = FIXTURES / "sets-rules"
ORG = "Gemeente Begrip"


@pytest.fixture(autouse=True)
def _fresh_introductions() -> Iterator[None]:
    QuestionnaireScreen.introduced.clear()
    yield
    QuestionnaireScreen.introduced.clear()


def app_with(
    db: Path, set_id: str = "mini-rules", version: str = "2", **seed: object
) -> tuple[MaturityScanApp, str]:
    scan = seed_scan(
        Store(db),
        ORG,
        "2026-03-01",
        seed.pop("answers", {}),
        status=seed.pop("status", "draft"),  # type: ignore[arg-type]
        set_id=set_id,
        version=version,
        **seed,  # type: ignore[arg-type]
    )
    from .conftest import MINI_SETS

    return make_app(make_config(db, lang="en", extra_dirs=(MINI_SETS, RULES_SETS))), scan.id


def fits(app: MaturityScanApp, selector: str) -> bool:
    region = app.screen.query_one(selector).region
    width, height = app.size
    return region.width > 0 and region.right <= width and region.bottom <= height


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
async def test_a_new_scan_shows_the_definitions_first_once(
    db_path: Path, size: tuple[int, int]
) -> None:
    app, _ = app_with(db_path)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")  # the draft, nothing answered yet
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, DefinitionsDialog)
        text = as_text(dialog.query_one("#definitions-text", Static).render())
        assert "Unit" in text and "The last 12 months." in text
        assert dialog.query_one("#definitions-intro", Static).display
        assert fits(app, "#definitions-close") and fits(app, ".dialog-box")
        assert str(dialog.query_one("#definitions-close", Button).label) == "Got it (Enter)"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        # back home and into the scan again: not a second time
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, OrganisationScreen)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QuestionnaireScreen)


async def test_a_scan_with_answers_opens_at_its_question(db_path: Path) -> None:
    app, _ = app_with(db_path, answers={"b1": 3})
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QuestionnaireScreen)


async def test_h_shows_the_definitions_with_the_help_and_d_opens_them(db_path: Path) -> None:
    app, _ = app_with(db_path, answers={"b1": 3})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        assert "Unit" not in as_text(screen.query_one("#q-help", Static).render())
        await pilot.press("h")
        await pilot.pause()
        shown = as_text(screen.query_one("#q-help", Static).render())
        assert "Help a1." in shown  # the first open question
        assert "Scope and definitions" in shown and "The part of the organisation" in shown
        await pilot.press("right", "d")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DefinitionsDialog)
        assert not dialog.query_one("#definitions-intro", Static).display
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_not_applicable_asks_for_a_reason(db_path: Path) -> None:
    app, scan_id = app_with(db_path, answers={"b1": 3})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        await pilot.press("right")  # a2 allows "na"
        await pilot.pause()
        await pilot.press("0")
        await pilot.pause()
        assert isinstance(app.screen, NaReasonDialog)
        assert fits(app, "#na-reason")
        # Esc: nothing changes
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
        assert app.screen.scan.answer("a2") is None
        # an empty reason is not taken
        await pilot.press("0")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NaReasonDialog)
        assert "short reason" in str(dialog.query_one("#na-error", Label).render())
        await pilot.press(*"geen eigen inkoop", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        assert screen.question.id == "a3"  # on to the next question
        await pilot.press("left")
        await settle(app, pilot)
        assert screen.query_one("#q-note").text == "geen eigen inkoop"  # type: ignore[attr-defined]
    stored = Store(db_path).get(scan_id)
    assert (stored.answer("a2"), stored.note("a2")) == ("na", "geen eigen inkoop")


async def test_the_reason_starts_from_the_note_already_there(db_path: Path) -> None:
    app, scan_id = app_with(db_path, answers={"b1": 3}, notes={"a2": "alleen inhuur"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        await pilot.press("right", "0")
        await pilot.pause()
        assert app.screen.query_one("#na-reason", Input).value == "alleen inhuur"
        await pilot.press("enter")
        await settle(app, pilot)
    stored = Store(db_path).get(scan_id)
    assert (stored.answer("a2"), stored.note("a2")) == ("na", "alleen inhuur")


async def test_a_set_without_definitions_answers_na_at_once(db_path: Path) -> None:
    app, scan_id = app_with(db_path, set_id="mini", version="1", answers={"b1": 3})
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
        await pilot.press("right", "0", "d")
        await settle(app, pilot)
        assert isinstance(app.screen, QuestionnaireScreen)  # no dialog, "d" does nothing
    stored = Store(db_path).get(scan_id)
    assert (stored.answer("a2"), stored.note("a2")) == ("na", "")


@pytest.mark.parametrize(
    ("set_id", "version", "offered"), [("mini-rules", "2", True), ("mini", "1", False)]
)
async def test_results_offer_the_definitions(
    db_path: Path, set_id: str, version: str, offered: bool
) -> None:
    app, _ = app_with(
        db_path,
        set_id=set_id,
        version=version,
        status="completed",
        answers={"a1": 3, "a2": 4, "a3": 2, "b1": 2, "b2": 5},
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DefinitionsDialog) is offered
