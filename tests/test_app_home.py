"""Home as an overview of organisations (#13): search as you type (no single-key action fires
while typing), filters, Enter to an organisation and back, every scan one key away, rows
updated in place when another program writes."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, DataTable, Input, Select, Static

from maturity_scan.storage.store import Store
from maturity_scan.tui.app import MaturityScanApp, make_app
from maturity_scan.tui.screens.following import CHECK_EVERY
from maturity_scan.tui.screens.home import HomeScreen
from maturity_scan.tui.screens.new_scan import NewScanDialog
from maturity_scan.tui.screens.org_filter import FilterDialog
from maturity_scan.tui.screens.organisation import OrganisationScreen
from maturity_scan.tui.screens.results import ResultsScreen
from maturity_scan.tui.screens.scans import ScansScreen
from maturity_scan.tui.widgets.keyed_table import KeyedTable

from .conftest import make_config, seed_scan
from .test_app import SIZE, settle

ANSWERS = {
    "bestuur-principebesluit": 3,
    "bestuur-actieplan": 3,
    "bestuur-eigenaar": 3,
    "bestuur-middelen": 2,
    "hr-inkoop-collegas": 2,
    "hr-inkoop-kleine-inkoop": 2,
    "hr-inkoop-overleg": 2,
    "keten-verkenning": 1,
    "keten-proeftuin": 1,
    "keten-rollen": 1,
}


def seeded(db: Path) -> Store:
    store = Store(db)
    seed_scan(store, "Gemeente Zwolle", "2025-04-01", ANSWERS)
    seed_scan(store, "Gemeente Zwolle", "2026-10-01", {**ANSWERS, "keten-rollen": 4})
    seed_scan(store, "Gemeente Ede", "2026-11-03", {"bestuur-actieplan": 2}, status="draft")
    seed_scan(store, "Waterschap Rivierenland", "2025-02-20", {k: 4 for k in ANSWERS})
    store.tag_organisation("Gemeente Zwolle", ["Overijssel"])
    return store


def names(app: MaturityScanApp) -> list[str]:
    """The organisations home shows, in order."""
    home = app.screen
    assert isinstance(home, HomeScreen)
    table = home.query_one("#orgs", DataTable)
    if not table.display:
        return []
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def status(app: MaturityScanApp) -> str:
    return str(app.screen.query_one("#home-status", Static).render())


def search(app: MaturityScanApp) -> Input:
    return app.screen.query_one("#home-search", Input)


async def test_typing_in_the_search_field_fires_no_action(db_path: Path) -> None:
    seeded(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        home = app.screen
        # every single printable key bound on home now (the screen's and the app's: n, s, f,
        # x, h, t, q, / …), typed into the search field, is text, never an action
        bound = sorted(
            {key for key in home.active_bindings if len(key) == 1}
            | {"/", "q", "?", "e", "d", "a", "c", "r", "m", "g", "i"}
        )
        assert {"n", "s", "f", "h", "t", "q"} <= set(bound)
        await pilot.press("slash")
        assert search(app).has_focus
        keys = [k if k != "/" else "slash" for k in bound]
        keys = [{"?": "question_mark"}.get(k, k) for k in keys]
        await pilot.press(*keys)
        await settle(app, pilot)
        assert app.screen is home, f"an action fired: {app.screen}"
        assert search(app).value == "".join(bound)
        assert names(app) == []
        assert "Geen organisatie past" in str(home.query_one("#home-empty", Static).render())


async def test_typing_on_the_list_searches_case_and_accent_insensitive(db_path: Path) -> None:
    seeded(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert names(app) == ["Gemeente Ede", "Gemeente Zwolle", "Waterschap Rivierenland"]
        assert app.screen.query_one("#orgs", DataTable).has_focus
        await pilot.press("e", "d")  # not export and delete: a search for "ed"
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert search(app).has_focus and search(app).value == "ed"
        assert names(app) == ["Gemeente Ede"]
        await pilot.press("escape")  # clears the search, back on the list
        await pilot.pause()
        assert search(app).value == "" and len(names(app)) == 3
        assert app.screen.query_one("#orgs", DataTable).has_focus
        await pilot.press(*"ZWÖL")
        await pilot.pause()
        assert names(app) == ["Gemeente Zwolle"]
        assert "1 van 3 organisaties" in status(app) and "„ZWÖL”" in status(app)
        await pilot.press("enter")  # to the list
        await pilot.pause()
        assert app.screen.query_one("#orgs", DataTable).has_focus
        await pilot.press("enter")  # opens the organisation
        await settle(app, pilot)
        assert isinstance(app.screen, OrganisationScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert names(app) == ["Gemeente Zwolle"], "the search is kept"
        await pilot.press("slash", *"overijssel")  # groups are searched too
        await pilot.pause()
        assert names(app) == ["Gemeente Zwolle"]
        await pilot.press("escape", "x")
        await pilot.pause()
        assert len(names(app)) == 3


async def test_filters_drafts_rescan_level_and_group(db_path: Path) -> None:
    seeded(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "x" not in app.screen.active_bindings, "nothing to clear yet"

        async def choose(**wanted: object) -> None:
            await pilot.press("f")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, FilterDialog)
            dialog.query_one("#f-drafts", Checkbox).value = bool(wanted.get("drafts"))
            dialog.query_one("#f-due", Checkbox).value = bool(wanted.get("due"))
            dialog.query_one("#f-level", Select).value = wanted.get("level", 0)
            dialog.query_one("#f-group", Select).value = wanted.get("group", "")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)

        await choose(drafts=True)
        assert names(app) == ["Gemeente Ede"]
        assert "1 van 3 organisaties" in status(app) and "open concepten" in status(app)
        await choose(due=True)  # the water board's last scan is more than a year ago
        assert names(app) == ["Waterschap Rivierenland"]
        await choose(level=2)
        assert names(app) == ["Gemeente Zwolle"]
        assert "niveau ≤ 2" in status(app)
        await choose(group="Overijssel")
        assert names(app) == ["Gemeente Zwolle"]
        await pilot.press("x")  # one key clears it all
        await pilot.pause()
        assert len(names(app)) == 3 and "filter:" not in status(app)


async def test_an_organisation_shows_its_scans_newest_first_and_esc_goes_home(
    db_path: Path,
) -> None:
    seeded(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "enter")  # Gemeente Zwolle
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, OrganisationScreen)
        assert str(screen.query_one("#scans-title", Static).render()) == "Gemeente Zwolle"
        details = str(screen.query_one("#org-details", Static).render())
        assert "Groepen: Overijssel" in details and "volgende scan: 2027-10-01" in details
        status = str(screen.query_one("#scans-status", Static).render())
        assert status.startswith("2 scans · ")  # not "organisaties: 1"
        table = screen.query_one("#scans", DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == [
            "2026-10-01",
            "2025-04-01",
        ]
        await pilot.press("n")  # a new scan of this organisation: the form has its name
        await pilot.pause()
        assert isinstance(app.screen, NewScanDialog)
        assert app.screen.query_one("#new-org", Input).value == "Gemeente Zwolle"
        await pilot.press("escape", "enter")  # the newest scan's results
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_every_scan_is_one_key_away(db_path: Path) -> None:
    seeded(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ScansScreen) and not isinstance(screen, OrganisationScreen)
        assert len(screen.rows) == 4
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_write_elsewhere_updates_the_rows_in_place(db_path: Path) -> None:
    store = seeded(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#orgs", KeyedTable)
        before = dict(table._first)
        seed_scan(store, "Gemeente Ede", "2026-11-20", ANSWERS)  # another program
        await pilot.pause(CHECK_EVERY * 1.5)  # no key is pressed
        await settle(app, pilot)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        ede = next(row for row in rows if row[0] == "Gemeente Ede")
        assert "2026-11-20" in ede
        assert table._first == before, "the rows stayed: none was removed and added again"


async def test_the_organisation_screen_goes_home_when_its_last_scan_is_deleted(
    db_path: Path,
) -> None:
    store = seeded(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # Gemeente Ede: one draft
        await settle(app, pilot)
        assert isinstance(app.screen, OrganisationScreen)
        [draft] = store.scans("Gemeente Ede")
        store.delete(draft.id)
        await pilot.pause(CHECK_EVERY * 1.5)
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert names(app) == ["Gemeente Zwolle", "Waterschap Rivierenland"]


async def test_a_resize_and_a_language_switch_remake_the_cells(db_path: Path) -> None:
    store = Store(db_path)
    full = {**ANSWERS, "keten-afspraken": 1, "keten-banen": 1, "hr-inkoop-brainstorm": 2}
    seed_scan(store, "Gemeente Utrecht", "2026-05-01", full)
    seed_scan(store, "Waterschap Rivierenland", "2026-06-01", full)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#orgs", DataTable)

        def levels() -> list[str]:
            return [str(table.get_row_at(i)[2]) for i in range(table.row_count)]

        assert levels() == ["1 Beginnend", "1 Beginnend"]
        await pilot.resize_terminal(80, 24)
        await settle(app, pilot)
        assert levels() == ["1", "1"], "no room for the names of the levels: the numbers"
        assert str(table.get_row_at(0)[0]) == "Gemeente Utrecht"
        await pilot.resize_terminal(*SIZE)
        await pilot.press("f2")
        await settle(app, pilot)
        assert levels() == ["1 Starting", "1 Starting"]
        assert "Organisation" in str(next(iter(table.columns.values())).label)


async def test_after_a_rename_the_screens_follow_the_organisation(db_path: Path) -> None:
    """What ``tui/org_flows`` calls with the new name once a rename or merge is stored."""
    store = seeded(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("down", "enter")  # Gemeente Zwolle
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, OrganisationScreen)
        store.rename_organisation("Gemeente Zwolle", "Gemeente Zwolle (Overijssel)")
        screen.follow("Gemeente Zwolle (Overijssel)")
        await settle(app, pilot)
        assert app.screen is screen, "it follows the organisation, it does not go home"
        title = str(screen.query_one("#scans-title", Static).render())
        assert title == "Gemeente Zwolle (Overijssel)" and len(screen.rows) == 2
        await pilot.press("escape")
        home.follow("Gemeente Zwolle (Overijssel)")
        await settle(app, pilot)
        selected = home.selected()
        assert selected is not None and selected.name == "Gemeente Zwolle (Overijssel)"


async def test_r_m_g_i_manage_the_organisation_on_its_screen(db_path: Path) -> None:
    """On the organisation screen r renames it (the screen, and home after it, follow the
    new name), i sets its rescan interval, g its groups, m asks which to merge into. On home
    these letters start a search (a name typed there never opens a dialog)."""
    from maturity_scan.tui.screens.dialogs import ConfirmDialog
    from maturity_scan.tui.screens.org_dialogs import (
        GroupsDialog,
        MergeDialog,
        RenameDialog,
        RescanDialog,
    )

    store = seeded(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "enter")  # Gemeente Zwolle
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, OrganisationScreen)
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, RenameDialog)
        app.screen.query_one("#org-input", Input).value = "Gemeente Zwolle-Stad"
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await settle(app, pilot)
        assert app.screen is screen and screen.organisation == "Gemeente Zwolle-Stad"
        assert store.organisations() == [
            "Gemeente Ede",
            "Gemeente Zwolle-Stad",
            "Waterschap Rivierenland",
        ]
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, RescanDialog)
        app.screen.query_one("#org-input", Input).value = "6"
        await pilot.press("enter")
        await settle(app, pilot)
        assert store.contents("Gemeente Zwolle-Stad").organisations[0].rescan_months == 6
        await pilot.press("g")
        await settle(app, pilot)
        assert isinstance(app.screen, GroupsDialog)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, MergeDialog)
        await pilot.press("escape")
        await settle(app, pilot)
        assert len(store.scans("Gemeente Zwolle-Stad")) == 2  # nothing merged
        await pilot.press("escape")
        await settle(app, pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("r", "m", "g", "i")  # on home: a search, no dialog
        await settle(app, pilot)
        assert app.screen is home and search(app).value == "rmgi"


async def test_n_on_a_selected_organisation_fills_it_in(db_path: Path) -> None:
    seeded(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down")  # Waterschap Rivierenland
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, NewScanDialog)
        assert app.screen.query_one("#new-org", Input).value == "Waterschap Rivierenland"


async def test_following_an_organisation_clears_a_search_that_hides_it(db_path: Path) -> None:
    """After a merge from home's palette, the organisation merged into is shown even when
    the search typed before does not match it."""
    store = seeded(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press(*"ede")
        await settle(app, pilot)
        assert names(app) == ["Gemeente Ede"]
        store.merge_organisations("Gemeente Ede", "Gemeente Zwolle")
        home = app.screen
        assert isinstance(home, HomeScreen)
        home.follow("Gemeente Zwolle")
        await settle(app, pilot)
        assert search(app).value == ""
        selected = home.selected()
        assert selected is not None and selected.name == "Gemeente Zwolle"
