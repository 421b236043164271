"""An organisation's team rounds (``o`` on its screen): per round its date, title, how many
respondents are done and how many still answering, and whether it has a consensus; newest
first. Enter opens the round, ``n`` opens a new round, ``j`` joins the selected one, Esc goes
back. It follows the database like home.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static

from maturity_scan.core.models import Round
from maturity_scan.errors import ScanError
from maturity_scan.present.textreport import local_date
from maturity_scan.storage.round_store import RoundContents
from maturity_scan.storage.rounds import scans_of
from maturity_scan.tui.screens.base import translate_bindings
from maturity_scan.tui.screens.following import FollowingScreen
from maturity_scan.tui.widgets.keyed_table import KeyedTable
from maturity_scan.visible import visible

COLUMNS = ("ui.col.date", "ui.round.col.title", "ui.round.col.people", "ui.round.col.consensus")


@dataclass(frozen=True)
class RoundsRead:
    """The organisation's rounds with their scans, newest first."""

    rounds: list[RoundContents]


class RoundsScreen(FollowingScreen[RoundsRead]):
    CSS_PATH = Path(__file__).parent / "rounds.tcss"
    BINDINGS = [
        Binding("escape", "back", "ui.key.back"),
        Binding("n", "open_round", "ui.key.open_round"),
        Binding("enter", "view", "ui.key.open", show=False),
        Binding("j", "join", "ui.key.join_round"),
    ]

    def __init__(self, organisation: str) -> None:
        super().__init__()
        self.organisation = organisation
        self.rounds: list[RoundContents] = []
        #: The round the cursor goes to once it is in the table (one just opened).
        self._focus: str | None = None
        translate_bindings(self, self.lang)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="rounds-view", classes="following"):
            yield Static("", id="rounds-title", classes="screen-title", markup=False)
            yield Static("", id="rounds-error", classes="error", markup=False)
            yield Static("", id="rounds-empty", classes="empty", markup=False)
            yield KeyedTable(id="rounds")
            yield Static("", id="rounds-hint", classes="hint", markup=False)
        yield Footer(show_command_palette=False)

    def _read(self) -> RoundsRead:
        contents = self.app.config.store.contents(self.organisation)
        found = [RoundContents(r, scans_of(contents.scans, r.id)) for r in contents.rounds]
        return RoundsRead(found[::-1])

    def _take(self, read: RoundsRead) -> None:
        self.rounds = read.rounds

    def update_texts(self) -> None:
        name = visible(self.organisation, single_line=True)
        self.sub_title = name
        self.query_one("#rounds-title", Static).update(self.t("ui.rounds.title", org=name))
        error = self.query_one("#rounds-error", Static)
        error.update(visible(self.error.render(self.lang)) if self.error else "")
        error.display = self.error is not None
        empty = self.query_one("#rounds-empty", Static)
        empty.update(self.t("ui.rounds.empty") if self.loaded else self.t("ui.home.loading"))
        empty.display = not self.rounds and self.error is None
        table = self.query_one("#rounds", KeyedTable)
        table.display = bool(self.rounds)
        selected = self.selected()
        wanted = self._focus or (selected.id if selected else None)
        table.show([self.t(key) for key in COLUMNS], [self._cells(c) for c in self.rounds])
        if wanted is not None and any(c.round.id == wanted for c in self.rounds):
            table.move_cursor(row=table.get_row_index(wanted))
            self._focus = None
        self.query_one("#rounds-hint", Static).update(self.t("ui.rounds.hint"))
        if self.rounds:
            table.focus()

    def _cells(self, contents: RoundContents) -> tuple[str, tuple[str, ...]]:
        made = contents.round
        people = self.t(
            "ui.round.people", done=len(contents.responses), answering=len(contents.drafts)
        )
        consensus = contents.consensus
        agreed = local_date(consensus.date) if consensus is not None else "–"
        title = visible(made.title, single_line=True)
        return made.id, (made.opened.isoformat(), title, people, agreed)

    # ----------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("view", "join"):
            return bool(self.rounds)
        return True

    def selected(self) -> Round | None:
        table = self.query_one("#rounds", DataTable)
        if not self.rounds or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((c.round for c in self.rounds if c.round.id == key), None)

    def action_back(self) -> None:
        self.dismiss(None)

    @on(DataTable.RowSelected, "#rounds")
    def _row_chosen(self) -> None:
        self.action_view()

    def action_view(self) -> None:
        if (chosen := self.selected()) is not None:
            self.app.show_round(chosen.id)

    def action_open_round(self) -> None:
        from maturity_scan.tui.round_flows import open_round_dialog

        def opened(made: Round) -> None:
            self._focus = made.id
            self.load()
            self.app.show_round(made.id)

        open_round_dialog(self, self.organisation, opened)

    def action_join(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        from maturity_scan.tui.round_flows import join_round_dialog

        try:
            ref = chosen.question_set
            question_set = self.app.config.catalog.get(ref.id, ref.version)
        except ScanError as err:
            self.app.report(err)
            return
        join_round_dialog(self, chosen, question_set)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            self.t("ui.cmd.open_round"), self.t("ui.cmd.open_round.help"), self.action_open_round
        )
        if self.rounds:
            yield SystemCommand(
                self.t("ui.cmd.join_round"), self.t("ui.cmd.join_round.help"), self.action_join
            )
