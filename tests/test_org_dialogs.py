"""The app's organisation dialogs (#13): rename, merge, groups, rescan interval, driven with
the pilot from the home screen of the real app; the database is checked afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList

from maturity_scan.core.models import Target
from maturity_scan.core.names import org_key
from maturity_scan.storage.store import Store
from maturity_scan.tui.app import MaturityScanApp, make_app
from maturity_scan.tui.org_flows import (
    groups_dialog,
    merge_organisation_dialog,
    rename_organisation_dialog,
    rescan_dialog,
)
from maturity_scan.tui.screens.dialogs import ConfirmDialog
from maturity_scan.tui.screens.home import HomeScreen
from maturity_scan.tui.screens.org_dialogs import (
    GroupsDialog,
    MergeDialog,
    RenameDialog,
    RescanDialog,
)

from .conftest import make_config, seed_scan, wait_for_workers

SIZE = (100, 32)


@pytest.fixture
def orgs(db_path: Path) -> Path:
    store = Store(db_path)
    seed_scan(store, "Gemeente Zwolle", "2025-01-10", {}, scan_id="1" * 32)
    seed_scan(store, "gemeente zwolle", "2026-06-01", {}, status="draft", scan_id="2" * 32)
    seed_scan(store, "Gemeente Kampen", "2026-11-20", {}, scan_id="3" * 32)
    seed_scan(store, "Gemeente Zwijndrecht", "2026-02-01", {}, scan_id="4" * 32)
    store.set_target(Target("Gemeente Zwolle", "sociale-inkoop", "bestuur", 5))
    store.set_target(Target("Gemeente Zwolle", "sociale-inkoop", "keten", 3))
    store.set_target(Target("Gemeente Kampen", "sociale-inkoop", "bestuur", 4))
    return db_path


async def settle(app: MaturityScanApp, pilot: Pilot[object]) -> None:
    await pilot.pause()
    app.autosaver.flush()
    await wait_for_workers(app)
    await pilot.pause()


async def home(app: MaturityScanApp, pilot: Pilot[object]) -> HomeScreen:
    await settle(app, pilot)
    assert isinstance(app.screen, HomeScreen)
    return app.screen


def notices(app: MaturityScanApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def error_of(app: MaturityScanApp) -> str:
    label = app.screen.query_one("#org-error", Label)
    return str(label.render()) if label.display else ""


async def type_into(app: MaturityScanApp, pilot: Pilot[object], text: str) -> None:
    """``text`` in the dialog's field, the cursor at its end, as if typed."""
    field = app.screen.query_one("#org-input", Input)
    field.value = text
    field.cursor_position = len(text)
    await pilot.pause()


def counts(db: Path) -> dict[str, tuple[int, int]]:
    contents = Store(db).contents()
    keys = {org_key(s.organisation) for s in contents.scans}
    return {
        k: (
            sum(org_key(s.organisation) == k for s in contents.scans),
            sum(org_key(t.organisation) == k for t in contents.targets),
        )
        for k in keys
    }


# ----------------------------------------------------------------- rename


async def test_rename_asks_says_what_moves_and_renames(orgs: Path) -> None:
    before = counts(orgs)
    followed: list[str] = []
    app = make_app(make_config(orgs))
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app, pilot)
        rename_organisation_dialog(screen, "Gemeente Zwolle", followed.append)
        await settle(app, pilot)
        assert isinstance(app.screen, RenameDialog)
        assert app.screen.query_one("#org-input", Input).value == "Gemeente Zwolle"
        # the same name, another organisation's name: said under the field, dialog stays
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RenameDialog)
        assert error_of(app) == "Dat is al de naam van deze organisatie."
        await type_into(app, pilot, "gemeente kampen")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RenameDialog)
        assert "'Gemeente Kampen' bestaat al" in error_of(app)
        await type_into(app, pilot, "Zwolle\x07")
        await pilot.press("enter")
        await pilot.pause()
        assert "bevat het stuurteken" in error_of(app)
        await type_into(app, pilot, "Gemeente  Zwolle-Stad ")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        body = str(app.screen.query_one(".dialog-body Static").render())
        assert "2 scans en 2 streefniveaus van 'Gemeente Zwolle'" in body
        assert "'Gemeente Zwolle-Stad'" in body
        await pilot.press("j")
        await settle(app, pilot)
        assert followed == ["Gemeente Zwolle-Stad"]
        assert any("heet nu 'Gemeente Zwolle-Stad'" in n for n in notices(app))
    after = counts(orgs)
    assert after.pop("gemeente zwolle-stad") == before.pop("gemeente zwolle") == (2, 2)
    assert after == before


async def test_rename_declined_or_cancelled_changes_nothing(orgs: Path) -> None:
    raw = orgs.read_bytes()
    app = make_app(make_config(orgs, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app, pilot)
        rename_organisation_dialog(screen, "Gemeente Zwolle", lambda _name: None)
        await settle(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        rename_organisation_dialog(screen, "Gemeente Zwolle", lambda _name: None)
        await settle(app, pilot)
        await type_into(app, pilot, "Zwolle")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Rename (y)" in str(app.screen.query_one("#yes").render())
        await pilot.press("n")
        await settle(app, pilot)
        assert app.screen is screen
    assert orgs.read_bytes() == raw


async def test_a_refused_rename_reopens_the_dialog_with_the_input(orgs: Path) -> None:
    app = make_app(make_config(orgs))
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app, pilot)
        rename_organisation_dialog(screen, "Gemeente Zwolle", lambda _name: None)
        await settle(app, pilot)
        await type_into(app, pilot, "Gemeente Hattem")
        await pilot.press("enter")
        await pilot.pause()
        # meanwhile another process files a scan for Gemeente Hattem: the store refuses
        seed_scan(Store(orgs), "Gemeente Hattem", "2026-03-01", {}, scan_id="5" * 32)
        await pilot.press("j")
        await settle(app, pilot)
        assert isinstance(app.screen, RenameDialog)
        assert app.screen.query_one("#org-input", Input).value == "Gemeente Hattem"
        assert "'Gemeente Hattem' bestaat al" in error_of(app)
    assert {s.organisation for s in Store(orgs).scans("gemeente zwolle")} == {"Gemeente Zwolle"}


# ----------------------------------------------------------------- merge


async def test_merge_suggests_as_you_type_and_merges(orgs: Path) -> None:
    before = counts(orgs)
    followed: list[str] = []
    app = make_app(make_config(orgs))
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app, pilot)
        names = Store(orgs).organisations()
        merge_organisation_dialog(screen, "Gemeente Zwolle", names, followed.append)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MergeDialog)
        assert dialog.shown == ["Gemeente Kampen", "Gemeente Zwijndrecht"]  # not itself
        await type_into(app, pilot, "ge")
        assert dialog.shown == ["Gemeente Kampen", "Gemeente Zwijndrecht"]
        await pilot.press("enter")
        await pilot.pause()
        assert "kies er een uit de lijst" in error_of(app)
        await type_into(app, pilot, "KÀMP")
        assert dialog.shown == ["Gemeente Kampen"]
        await type_into(app, pilot, "gemeente k")
        await settle(app, pilot)
        field = dialog.query_one("#org-input", Input)
        assert field._suggestion == "Gemeente Kampen"
        await pilot.press("right")  # takes the suggestion
        assert field.value == "Gemeente Kampen"
        await type_into(app, pilot, "almere")
        assert dialog.shown == [] and not dialog.query_one("#org-options").display
        await pilot.press("enter")
        await pilot.pause()
        assert error_of(app) == "Geen andere organisatie gevonden voor 'almere'."
        await type_into(app, pilot, "kampen")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        body = str(app.screen.query_one(".dialog-body Static").render())
        assert "Naar 'Gemeente Kampen': 2 scans en 1 streefniveau van 'Gemeente Zwolle'" in body
        assert "1 streefniveau van 'Gemeente Zwolle' vervalt" in body
        await pilot.press("j")
        await settle(app, pilot)
        assert followed == ["Gemeente Kampen"]
        assert any("samengevoegd met 'Gemeente Kampen'" in n for n in notices(app))
    after = counts(orgs)
    zwolle, kampen = before.pop("gemeente zwolle"), before.pop("gemeente kampen")
    assert after.pop("gemeente kampen") == (zwolle[0] + kampen[0], zwolle[1] + kampen[1] - 1)
    assert after == before


async def test_merge_chosen_from_the_list(orgs: Path) -> None:
    app = make_app(make_config(orgs))
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app, pilot)
        merge_organisation_dialog(
            screen, "Gemeente Kampen", Store(orgs).organisations(), lambda _n: None
        )
        await pilot.pause()
        await type_into(app, pilot, "zw")
        await pilot.press("down")
        assert app.screen.query_one("#org-options", OptionList).has_focus
        await pilot.press("down", "enter")  # the second: Zwolle
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(app, pilot)
    # Kampen's target for bestuur dropped: Zwolle has its own
    assert counts(orgs) == {"gemeente zwolle": (3, 2), "gemeente zwijndrecht": (1, 0)}


async def test_merge_reopened_keeps_the_input_and_the_error_until_typing(orgs: Path) -> None:
    app = make_app(make_config(orgs))
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app, pilot)
        names = Store(orgs).organisations()
        merge_organisation_dialog(screen, "Gemeente Zwolle", names, print, "kamp", "bezet")
        await settle(app, pilot)
        assert app.screen.query_one("#org-input", Input).value == "kamp"
        assert error_of(app) == "bezet"
        await type_into(app, pilot, "kampe")
        assert error_of(app) == ""


async def test_merge_into_an_organisation_gone_meanwhile_is_reported(orgs: Path) -> None:
    app = make_app(make_config(orgs))
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app, pilot)
        names = Store(orgs).organisations()
        merge_organisation_dialog(screen, "Gemeente Zwolle", names, print)
        await pilot.pause()
        await type_into(app, pilot, "Gemeente Kampen")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        Store(orgs).delete("3" * 32)  # Kampen's only scan, elsewhere
        await pilot.press("j")
        await settle(app, pilot)
        assert app.screen is screen
        assert "geen organisatie 'Gemeente Kampen'" in notices(app)[-1]
    assert counts(orgs)["gemeente zwolle"] == (2, 2)


async def test_merge_with_nobody_else_says_so(db_path: Path) -> None:
    seed_scan(Store(db_path), "Alleen", "2026-01-01", {})
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app, pilot)
        merge_organisation_dialog(screen, "Alleen", ["alleen"], lambda _n: None)
        await pilot.pause()
        assert app.screen is screen
        assert notices(app)[-1] == "Er is geen andere organisatie om 'Alleen' mee samen te voegen."


# ----------------------------------------------------------------- groups, interval


async def test_groups_are_edited_as_a_list(orgs: Path) -> None:
    Store(orgs).tag_organisation("Gemeente Zwolle", ["Regio Oost", "2025"])
    Store(orgs).tag_organisation("Gemeente Kampen", ["Noord"])
    followed: list[str] = []
    app = make_app(make_config(orgs))
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app, pilot)
        record = Store(orgs).contents("Gemeente Zwolle").organisations[0]
        groups_dialog(screen, record, followed.append, known=["2025", "Noord", "Regio Oost"])
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, GroupsDialog)
        field = dialog.query_one("#org-input", Input)
        assert field.value == "Regio Oost, 2025"
        await pilot.press(*", Klant")  # typing adds to the groups, it does not replace them
        assert field.value == "Regio Oost, 2025, Klant"
        known = str(dialog.query_one("#org-known", Label).render())
        assert known == "In gebruik: 2025, Noord, Regio Oost"
        await type_into(app, pilot, "regio oost, n")
        await settle(app, pilot)
        assert field._suggestion == "regio oost, Noord"
        await pilot.press("right")
        field.value += ", " + "x" * 61
        await pilot.press("enter")
        await pilot.pause()
        assert "maximaal 60 tekens" in error_of(app)
        await type_into(app, pilot, "regio oost, Noord, , noord")
        await pilot.press("enter")
        await settle(app, pilot)
        assert followed == ["Gemeente Zwolle"]
        assert notices(app)[-1] == "'Gemeente Zwolle' zit in de groepen 'Regio Oost', 'Noord'."
        record = Store(orgs).contents("Gemeente Zwolle").organisations[0]
        assert record.groups == ["Regio Oost", "Noord"]
        groups_dialog(screen, record, followed.append)
        await pilot.pause()
        await type_into(app, pilot, "")
        await pilot.press("enter")
        await settle(app, pilot)
        assert notices(app)[-1] == "'Gemeente Zwolle' zit in geen enkele groep."
    assert Store(orgs).contents("Gemeente Zwolle").organisations == []  # defaults: no record


async def test_rescan_interval(orgs: Path) -> None:
    followed: list[str] = []
    app = make_app(make_config(orgs, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app, pilot)
        rescan_dialog(screen, "Gemeente Kampen", 12, followed.append)
        await pilot.pause()
        assert isinstance(app.screen, RescanDialog)
        assert app.screen.query_one("#org-input", Input).value == "12"
        for typed, error in (
            ("0", "rescan interval: expected 1 to 120 months, not 0"),
            ("121", "rescan interval: expected 1 to 120 months, not 121"),
            ("", "Type a number of months: 1 to 120."),
        ):
            await type_into(app, pilot, typed)
            await pilot.press("enter")
            await pilot.pause()
            assert error_of(app) == error
        await type_into(app, pilot, "6")
        await pilot.press("enter")
        await settle(app, pilot)
        assert followed == ["Gemeente Kampen"]
        assert notices(app)[-1] == "'Gemeente Kampen': a new scan every 6 months."
    assert [r.rescan_months for r in Store(orgs).contents("Gemeente Kampen").organisations] == [6]


async def test_names_in_the_dialogs_are_never_markup(db_path: Path) -> None:
    odd = "[bold]Gem[/] \x1b[31m"
    seed_scan(Store(db_path), odd, "2026-01-01", {}, scan_id="7" * 32)
    seed_scan(Store(db_path), "[/]", "2026-01-01", {}, scan_id="8" * 32)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app, pilot)
        rename_organisation_dialog(screen, odd, lambda _n: None)
        await settle(app, pilot)
        title = str(app.screen.query_one("#org-title", Label).render())
        assert title == "'[bold]Gem[/] \\x1b[31m' hernoemen"
        assert app.screen.query_one("#org-input", Input).value == ""  # never raw on screen
        await pilot.press("escape")
        merge_organisation_dialog(screen, "[/]", [odd, "[/]"], lambda _n: None)
        await pilot.pause()
        options = app.screen.query_one("#org-options", OptionList)
        assert str(options.get_option_at_index(0).prompt) == "[bold]Gem[/] \\x1b[31m"
