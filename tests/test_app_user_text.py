"""Text that users type (organisations, names, roles, notes, file names) is shown as typed on
every screen: never read as Textual or Rich markup, which would eat ``[b]``, turn
``:smile:`` into an emoji, or crash the app on ``[/]``."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.content import Content
from textual.visual import RichVisual
from textual.widget import Widget
from textual.widgets import DataTable, Label, Static

from maturity_scan.app import MaturityScanApp, make_app
from maturity_scan.models import Respondent
from maturity_scan.screens.compare import CompareScreen
from maturity_scan.screens.dialogs import ChooseScansDialog, ConfirmDialog, ExportDialog
from maturity_scan.screens.history import HistoryScreen
from maturity_scan.screens.questionnaire import QuestionnaireScreen
from maturity_scan.screens.results import ResultsScreen
from maturity_scan.screens.targets import TargetsDialog
from maturity_scan.store import Store

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


def cells(app: MaturityScanApp) -> str:
    """The plain text of every cell of the home table, as the table renders it."""
    table = app.screen.query_one("#scans", DataTable)
    rendered = [table._get_row_renderables(i).cells for i in range(table.row_count)]
    return "\n".join(as_text(cell) for row in rendered for cell in row)


async def test_user_text_is_shown_as_typed_on_every_screen(db_path: Path) -> None:
    seed(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        home = cells(app)
        assert ORG in home and f"{NAME} ({ROLE})" in home

        await pilot.press("enter")  # the newest scan: its results
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
        results = shown(app)
        assert NOTE_B in results and NAME in results

        await pilot.press("h")
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert ORG in shown(app)

        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        changes = shown(app)
        assert NOTE_A in changes and NOTE_B in changes

        await pilot.press("s")
        await settle(app, pilot)
        assert isinstance(app.screen, ChooseScansDialog)
        await pilot.press("escape", "escape")
        await settle(app, pilot)

        await pilot.press("t")
        await settle(app, pilot)
        assert isinstance(app.screen, TargetsDialog)
        assert ORG in shown(app)
        await pilot.press("escape", "escape")
        await settle(app, pilot)

        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("escape", "escape")  # back to home
        await settle(app, pilot)

        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert ORG in shown(app)
        await pilot.press("escape")
        await settle(app, pilot)

        await pilot.press("n")  # a new draft of the same organisation, then a note
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
        assert app.screen.sub_title == ORG
        await pilot.press("3")
        await settle(app, pilot)


async def test_a_database_path_with_brackets_is_shown_as_typed(tmp_path: Path) -> None:
    db = tmp_path / "[/]data [b]" / "scans.json"
    seed(db)
    app = make_app(make_config(db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert str(db) in shown(app)
