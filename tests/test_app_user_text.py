"""Text that users type (organisations, names, roles, notes, file names) is shown as typed on
every screen: never read as Textual or Rich markup, which would eat ``[b]``, turn
``:smile:`` into an emoji, or crash the app on ``[/]``."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.content import Content
from textual.pilot import Pilot
from textual.screen import Screen
from textual.visual import RichVisual
from textual.widget import Widget
from textual.widgets import DataTable, Label, Static

from maturity_scan.core.models import Respondent
from maturity_scan.storage.store import Store
from maturity_scan.tui.app import MaturityScanApp, make_app
from maturity_scan.tui.screens.compare import CompareScreen
from maturity_scan.tui.screens.definitions import DefinitionsDialog
from maturity_scan.tui.screens.dialogs import ChooseScansDialog, ConfirmDialog, ExportDialog
from maturity_scan.tui.screens.history import HistoryScreen
from maturity_scan.tui.screens.home import HomeScreen
from maturity_scan.tui.screens.new_scan import EditScanDialog, NewScanDialog
from maturity_scan.tui.screens.org_filter import FilterDialog
from maturity_scan.tui.screens.organisation import OrganisationScreen
from maturity_scan.tui.screens.questionnaire import QuestionnaireScreen
from maturity_scan.tui.screens.results import ResultsScreen
from maturity_scan.tui.screens.scans import ScansScreen
from maturity_scan.tui.screens.targets import TargetsDialog

from .conftest import make_config, seed_scan
from .test_app import SIZE, as_text, settle

ORG = "Stichting [/] Werk [b]vet[/b] :smile:"
NAME = "Jan [/]"
ROLE = "[red]HR"
NOTE_A = "zie [/] en [b]dit[/b]"
NOTE_B = "[i]anders[/i] :thumbs_up:"
QUESTIONS = ["bestuur-principebesluit", "bestuur-actieplan", "hr-inkoop-collegas", "keten-rollen"]


def seed(db: Path) -> None:
    store = Store(db)
    for day, level, note in (("2026-01-10", 2, NOTE_A), ("2026-06-10", 4, NOTE_B)):
        seed_scan(
            store,
            ORG,
            day,
            dict.fromkeys(QUESTIONS, level),
            notes={QUESTIONS[0]: note},
            respondent=Respondent(name=NAME, role=ROLE),
            scan_id=f"{day.replace('-', '')}".ljust(32, "a"),
        )


def rendered(widget: Widget) -> str:
    """What ``widget`` shows, as plain text: its content as Textual made it, and a Rich
    renderable printed the way the app's own console prints it (markup on, emoji off)."""
    visual = widget.render()
    if isinstance(visual, Content):
        return visual.plain
    renderable = visual._renderable if isinstance(visual, RichVisual) else visual
    console = Console(width=100, record=True, file=io.StringIO(), markup=True, emoji=False)
    console.print(renderable)
    return console.export_text()


def shown(app: MaturityScanApp) -> str:
    """The text of every Static and Label on the current screen, as it is rendered."""
    widgets: list[Widget] = [*app.screen.query(Static), *app.screen.query(Label)]
    return "\n".join(rendered(w) for w in widgets)


def cells(app: MaturityScanApp, table_id: str = "#orgs") -> str:
    """The plain text of every cell of a table (home's), as the table renders it."""
    table = app.screen.query_one(table_id, DataTable)
    rendered = [table._get_row_renderables(i).cells for i in range(table.row_count)]
    return "\n".join(as_text(cell) for row in rendered for cell in row)


async def visit(
    app: MaturityScanApp, pilot: Pilot[object], keys: Sequence[str], screen: type[Screen[Any]]
) -> str:
    """Press ``keys``; the screen they lead to, and what it shows."""
    await pilot.press(*keys)
    await settle(app, pilot)
    assert isinstance(app.screen, screen), app.screen
    return shown(app)


async def test_user_text_is_shown_as_typed_on_every_screen(db_path: Path) -> None:
    seed(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        home = cells(app)
        # home cuts long names to keep the level in view; what it shows is as typed
        assert ORG[:12] in home
        assert ORG in await visit(app, pilot, ["enter"], OrganisationScreen)
        assert f"{NAME} (" in cells(app, "#scans")

        results = await visit(app, pilot, ["enter"], ResultsScreen)  # the newest scan
        assert NOTE_B in results and NAME in results
        assert ORG in await visit(app, pilot, ["h"], HistoryScreen)
        changes = await visit(app, pilot, ["c"], CompareScreen)
        assert NOTE_A in changes and NOTE_B in changes
        await visit(app, pilot, ["s"], ChooseScansDialog)
        await visit(app, pilot, ["escape", "escape"], HistoryScreen)
        assert ORG in await visit(app, pilot, ["t"], TargetsDialog)
        await visit(app, pilot, ["escape", "escape"], ResultsScreen)
        await visit(app, pilot, ["e"], ExportDialog)
        await visit(app, pilot, ["escape", "escape"], OrganisationScreen)
        assert ORG in await visit(app, pilot, ["d"], ConfirmDialog)
        await visit(app, pilot, ["escape"], OrganisationScreen)
        # a new draft of the same organisation (the form offers it), and an answer
        # (new scans use sociale-inkoop 2.0: its scope and definitions come first)
        await visit(app, pilot, ["n", "enter"], DefinitionsDialog)
        await visit(app, pilot, ["enter"], QuestionnaireScreen)
        assert app.screen.sub_title == ORG
        await visit(app, pilot, ["3"], QuestionnaireScreen)


async def test_a_database_path_with_brackets_is_shown_as_typed(tmp_path: Path) -> None:
    db = tmp_path / "[/]data [b]" / "scans.json"
    seed(db)
    app = make_app(make_config(db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert str(db) in shown(app)


EVIL_ORG = "Evil\x1b]0;PWNED\x07\x1b[2J \x9b31m\u202eOrg"
EVIL_NAME = "Jan\x1b]52;c;aGFjaw==\x07"
EVIL_ROLE = "HR\x85\u2066"


def raw_controls(app: MaturityScanApp) -> str | None:
    """The first control character in what the screen would write (its rendered text), or None."""
    from maturity_scan.visible import find_control

    return find_control(app.export_screenshot(), allow_newlines=True)


async def test_control_characters_never_reach_the_terminal_raw(db_path: Path) -> None:
    store = Store(db_path)
    for day, level in (("2026-01-10", 2), ("2026-06-10", 4)):
        seed_scan(
            store,
            EVIL_ORG,
            day,
            dict.fromkeys(QUESTIONS, level),
            notes={QUESTIONS[0]: f"note\x1b[31m {day}"},
            respondent=Respondent(name=EVIL_NAME, role=EVIL_ROLE),
            scan_id=f"{day.replace('-', '')}".ljust(32, "b"),
        )
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert raw_controls(app) is None
        assert "\\x1b]0;PWNED" in cells(app)
        steps: list[tuple[list[str], type[Screen[Any]]]] = [
            (["h"], HistoryScreen),
            (["c"], CompareScreen),
            (["s"], ChooseScansDialog),
            (["escape", "escape"], HistoryScreen),
            (["t"], TargetsDialog),
            (["escape", "escape"], HomeScreen),
            (["enter"], OrganisationScreen),
            (["d"], ConfirmDialog),
            (["escape", "a"], EditScanDialog),
            (["escape"], OrganisationScreen),
            (["n"], NewScanDialog),  # the only organisation is not put in the field raw
            (["escape"], OrganisationScreen),
            (["escape", "s"], ScansScreen),
            (["escape", "f"], FilterDialog),
            (["escape"], HomeScreen),
        ]
        for keys, screen in steps:
            await visit(app, pilot, keys, screen)
            assert raw_controls(app) is None, (screen, raw_controls(app))
        assert "PWNED" in app.export_screenshot()  # shown, escaped
