"""An organisation's team rounds are in reach from home (#14): an organisation with only a
round (nobody answered yet) is on home and its screen stays open; the screen says how many
rounds it has and which of its scans are team answers or a consensus."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import DataTable, Static

from maturity_scan.core.organisations import overview
from maturity_scan.storage.store import Store
from maturity_scan.tui.app import make_app
from maturity_scan.tui.screens.organisation import OrganisationScreen
from maturity_scan.tui.screens.rounds import RoundsScreen

from .conftest import make_config
from .round_seed import ORG, SET, seed_round
from .test_app import settle


def test_an_organisation_with_only_a_round_has_an_overview_row(db_path: Path) -> None:
    store = Store(db_path)
    store.rounds.open("Waterschap Rijn", "Nulmeting", SET.ref, date(2026, 11, 1))
    contents = store.contents()
    (row,) = overview(contents.scans, [], [], lambda _: SET, date(2026, 12, 1), contents.rounds)
    assert row.name == "Waterschap Rijn" and row.scans == 0 and row.latest is None


async def test_a_round_alone_keeps_its_organisation_screen_open(db_path: Path) -> None:
    Store(db_path).rounds.open("Waterschap Rijn", "Nulmeting", SET.ref, date(2026, 11, 1))
    app = make_app(make_config(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, OrganisationScreen)  # not gone back for want of scans
        details = str(app.screen.query_one("#org-details", Static).render())
        assert "1 teamronde (o)" in details
        await pilot.press("o")
        await settle(app, pilot)
        assert isinstance(app.screen, RoundsScreen)


async def test_the_organisation_screen_marks_team_answers_and_the_consensus(
    db_path: Path,
) -> None:
    seed_round(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, OrganisationScreen)
        table = app.screen.query_one(DataTable)
        statuses = {str(table.get_row_at(i)[2]) for i in range(table.row_count)}
        assert statuses == {"teamantwoord"}
        assert app.screen.title_text() == ORG


async def test_joining_again_under_the_same_name_resumes_the_draft(db_path: Path) -> None:
    """The trial joined as "Ed" twice and was counted twice: now the second join goes on with
    Ed's own draft (name compared without case or accents), and says so."""
    from textual.widgets import Input, Select

    from maturity_scan.core.models import Respondent
    from maturity_scan.tui.screens.questionnaire import QuestionnaireScreen
    from maturity_scan.tui.screens.round_dialogs import JoinRoundDialog

    round_id = seed_round(db_path, respondents=1)
    first = Store(db_path).rounds.join(round_id, Respondent(name="Ed"), "hr")
    app = make_app(make_config(db_path, lang="en"))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        app.show_round(round_id)
        await settle(app, pilot)
        await pilot.press("j")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, JoinRoundDialog)
        dialog.query_one("#rj-name", Input).value = "ed"
        dialog.query_one("#rj-role", Select).value = "hr"
        dialog.query_one("#rj-name", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        while not isinstance(app.screen, QuestionnaireScreen):  # past the definitions
            await pilot.press("escape")
            await settle(app, pilot)
        assert app.screen.scan.id == first.id
        notices = [n.message for n in app._notifications]
        assert any("already started in this round" in m for m in notices)
    assert [d.id for d in Store(db_path).rounds.contents(round_id).drafts] == [first.id]
