"""Home follows the database: scans added, changed or deleted by another program show without
a key press; opening a scan always reads it afresh; the date and respondent of a scan can be
changed; a scan whose question set is not installed is one unreadable scan, named."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from textual.widgets import DataTable, Input, Label, Static

from maturity_scan.core.models import Respondent
from maturity_scan.storage.store import Store
from maturity_scan.tui.app import MaturityScanApp, make_app
from maturity_scan.tui.screens.definitions import DefinitionsDialog
from maturity_scan.tui.screens.dialogs import ConfirmDialog
from maturity_scan.tui.screens.history import HistoryScreen
from maturity_scan.tui.screens.home import CHECK_EVERY
from maturity_scan.tui.screens.new_scan import EditScanDialog, NewScanDialog, day_text
from maturity_scan.tui.screens.organisation import OrganisationScreen
from maturity_scan.tui.screens.questionnaire import QuestionnaireScreen

from .conftest import make_config, seed_scan
from .test_app import SIZE, settle


def messages(app: MaturityScanApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def row_keys(app: MaturityScanApp, table_id: str = "#scans") -> list[str]:
    table = app.screen.query_one(table_id, DataTable)
    return [str(table.coordinate_to_cell_key((i, 0)).row_key.value) for i in range(table.row_count)]


async def test_home_shows_a_scan_added_elsewhere_without_a_key_press(db_path: Path) -> None:
    seed_scan(Store(db_path), "Gemeente Een", "2026-01-01", {})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert row_keys(app, "#orgs") == ["gemeente een"]
        other = seed_scan(Store(db_path), "Gemeente Twee", "2026-02-01", {})
        await pilot.pause(CHECK_EVERY * 1.5)  # the timer looks; no key is pressed
        await settle(app, pilot)
        assert row_keys(app, "#orgs") == ["gemeente een", "gemeente twee"]
        await pilot.press("s")  # and every scan: the same
        await settle(app, pilot)
        assert other.id in row_keys(app)
        Store(db_path).delete(other.id)  # and a scan deleted elsewhere goes
        await pilot.pause(CHECK_EVERY * 1.5)
        await settle(app, pilot)
        assert other.id not in row_keys(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert row_keys(app, "#orgs") == ["gemeente een"]


async def test_opening_a_scan_reads_it_afresh(db_path: Path) -> None:
    """D5: home's rows may be older than the database; Enter opens what is stored now."""
    draft = seed_scan(Store(db_path), "Gemeente Concept", "2026-01-01", {}, status="draft")
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        Store(db_path).set_answer(draft.id, "bestuur-principebesluit", 4)  # elsewhere
        await pilot.press("enter", "enter")  # before home has read it again
        await settle(app, pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
        assert app.screen.scan.answer("bestuur-principebesluit") == 4


async def test_deleting_a_scan_deleted_elsewhere_says_so(db_path: Path) -> None:
    scan = seed_scan(Store(db_path), "Gemeente Weg", "2026-01-01", {})
    seed_scan(Store(db_path), "Gemeente Blijft", "2026-01-02", {})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("s", "down", "d")  # every scan: Gemeente Weg's
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        Store(db_path).delete(scan.id)
        await pilot.press("j")
        await settle(app, pilot)
        assert "elders verwijderd" in messages(app)
        assert "geen scan met id" not in messages(app)


async def test_the_new_scan_form_takes_a_date(db_path: Path) -> None:
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewScanDialog)
        field = dialog.query_one("#new-date", Input)
        today = datetime.now().astimezone().date()
        assert field.value == today.strftime("%d-%m-%Y"), "today, as Dutch people write it"
        dialog.query_one("#new-org", Input).value = "Gemeente Datum"
        for bad, says in [("31-12-1999", "2000-01-01"), ("2026-02-30", "datum"), ("morgen", "")]:
            field.value = bad
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is dialog, f"{bad!r} must be refused"
            error = str(dialog.query_one("#new-date-error", Label).render())
            assert says in error and error
        assert not db_path.exists(), "nothing stored"
        field.value = "15-03-2026"
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DefinitionsDialog), "2.0: scope and definitions first"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
    (scan,) = Store(db_path).scans()
    assert scan.date.date() == date(2026, 3, 15)


async def test_typed_control_characters_are_refused(db_path: Path) -> None:
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewScanDialog)
        dialog.query_one("#new-org", Input).value = "Evil\x1b]0;PWNED\x07"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "\\x1b" in str(dialog.query_one("#new-org-error", Label).render())
        dialog.query_one("#new-org", Input).value = "Gemeente Goed"
        dialog.query_one("#new-role", Input).value = "HR\u202e"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "\\u202e" in str(dialog.query_one("#new-role-error", Label).render())
    assert not db_path.exists()


async def test_date_and_respondent_of_a_scan_can_be_changed(db_path: Path) -> None:
    scan = seed_scan(
        Store(db_path),
        "Gemeente Wijzig",
        "2026-01-01",
        {"bestuur-principebesluit": 3},
        respondent=Respondent(name="Jan", role="HR"),
    )
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "a")  # the organisation, its scan
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EditScanDialog)
        field = dialog.query_one("#edit-date", Input)
        assert field.value == "01-01-2026"
        field.value = "2099-01-01"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog, "a date in the future is refused"
        assert str(dialog.query_one("#edit-date-error", Label).render())
        assert Store(db_path).get(scan.id) == scan, "nothing stored"
        field.value = "31-12-2025"
        dialog.query_one("#edit-name", Input).value = "Marieke  Jansen"
        dialog.query_one("#edit-role", Input).value = ""
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, OrganisationScreen)
        assert "aangepast" in messages(app)
        stored = Store(db_path).get(scan.id)
        assert stored.date.date() == date(2025, 12, 31)
        assert stored.respondent == Respondent(name="Marieke Jansen", role=None)
        assert stored.answers == scan.answers and stored.status == "completed"
        cells = app.screen.query_one("#scans", DataTable).get_row_at(0)
        assert "2025-12-31" in str(cells[0]) and "Marieke Jansen" in str(cells[1])
        # only the respondent: the stored moment stays exactly as it is
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EditScanDialog)
        app.screen.query_one("#edit-role", Input).value = "adviseur"
        await pilot.press("enter")
        await settle(app, pilot)
    again = Store(db_path).get(scan.id)
    assert again.date == stored.date and again.respondent.role == "adviseur"


def test_days_are_shown_as_the_language_writes_them() -> None:
    assert day_text(date(2026, 12, 2), "nl") == "02-12-2026"
    assert day_text(date(2026, 12, 2), "en") == "2026-12-02"


async def test_a_scan_whose_question_set_is_missing_is_named_and_skipped(db_path: Path) -> None:
    """D8: opening it says which scan cannot be opened and why; history shows the others."""
    store = Store(db_path)
    seed_scan(store, "Gemeente Mix", "2026-01-01", {"bestuur-principebesluit": 2})
    seed_scan(store, "Gemeente Mix", "2026-03-01", {"bestuur-principebesluit": 3})
    missing = seed_scan(
        store, "Gemeente Mix", "2026-06-01", {"bestuur-principebesluit": 4}, version="9.9"
    )
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # the organisation
        await settle(app, pilot)
        assert row_keys(app)[0] == missing.id  # the newest first
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, OrganisationScreen)
        said = messages(app)
        assert missing.short_id in said and "Gemeente Mix" in said and "9.9" in said
        await pilot.press("h")
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert len(app.screen.points) == 2
        skipped = str(app.screen.query_one("#h-skipped", Static).render())
        assert missing.short_id in skipped and "9.9" in skipped
