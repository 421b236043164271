"""The scans view: every scan of every organisation (one key from home), and the way into a
scan: open a draft or a result, export, delete, edit, history, compare, targets.

An organisation's screen (``organisation.py``) is this view of one organisation's scans.
It follows the database like home (see ``following.py``). Opening a scan reads that scan
afresh: never a copy from an older read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from maturity_scan.core.models import Lang
from maturity_scan.core.names import org_key
from maturity_scan.errors import ScanError
from maturity_scan.tui.flows import (
    delete_scan_dialog,
    edit_scan_dialog,
    export_scan_dialog,
    new_scan_dialog,
    open_compare,
    open_targets_dialog,
    write_then,
)
from maturity_scan.tui.screens.base import translate_bindings
from maturity_scan.tui.screens.following import FollowingScreen
from maturity_scan.tui.screens.scan_rows import (
    COLUMNS,
    ORG_COLUMNS,
    Row,
    ScansRead,
    day,
    read_scans,
    status_line,
    table_cells,
)
from maturity_scan.tui.widgets.footer import KeysFooter
from maturity_scan.tui.widgets.keyed_table import KeyedTable
from maturity_scan.visible import visible

if TYPE_CHECKING:
    from maturity_scan.core.catalog import Catalog
    from maturity_scan.core.models import QuestionSet, Scan

#: The actions that need a scan: offered only while the list has one.
SCAN_ACTIONS = ("open", "export", "delete", "history", "compare", "targets", "edit")


class ScansScreen(FollowingScreen[ScansRead]):
    BINDINGS = [
        Binding("escape", "back", "ui.key.back"),
        Binding("n", "new_scan", "ui.key.new"),
        Binding("enter", "open", "ui.key.open", show=False),
        # export and delete: in F1 help and the palette (the footer keeps 80 columns)
        Binding("e", "export", "ui.key.export", show=False),
        Binding("d,delete", "delete", "ui.key.delete", show=False),
        Binding("h", "history", "ui.key.history"),
        Binding("c", "compare", "ui.key.compare", show=False),
        Binding("t", "targets", "ui.key.targets", show=False),
        Binding("a", "edit", "ui.key.edit", show=False),  # in F1 help and the palette
    ]

    #: Whose scans: None for every organisation's.
    organisation: str | None = None

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        #: Per row, its scan's id and cells, in the language they were made for.
        self._cells: list[tuple[str, tuple[str, ...]]] = []
        #: The language and table width the cells were made for.
        self._cells_for: tuple[Lang, int | None] | None = None
        #: The scan the cursor goes to once it is in the table (a new scan, after its
        #: questionnaire); otherwise the cursor stays on the scan it was on.
        self._focus: str | None = None
        self.catalog: Catalog | None = None
        #: Organisations (folded) that have targets, from the same read as the rows.
        self._with_targets: set[str] = set()
        self._opening = False  # a scan is being read to be opened
        # Before the first compose, so the footer shows its keys at once, translated.
        translate_bindings(self, self.lang)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="scans-view", classes="following"):
            yield Static("", id="scans-title", classes="screen-title", markup=False)
            yield from self.compose_head()
            yield Static("", id="scans-error", classes="error", markup=False)
            yield Static("", id="scans-empty", classes="empty", markup=False)
            yield KeyedTable(id="scans")
            yield Static("", id="scans-status", classes="hint", markup=False)
        yield KeysFooter(show_command_palette=False, ready=True)

    def compose_head(self) -> ComposeResult:
        """What comes between the title and the table (an organisation's details)."""
        return iter(())

    def _read(self) -> ScansRead:
        return read_scans(self.app.config, self.lang, self._table_width(), self.organisation)

    def _take(self, read: ScansRead) -> None:
        self.catalog, self.rows = read.catalog, read.rows
        self._cells, self._cells_for = read.cells, read.made_for
        self._with_targets = read.with_targets

    # ----------------------------------------------------------------- texts

    def title_text(self) -> str:
        return self.t("ui.scans.title")

    def update_texts(self) -> None:
        self.sub_title = self.title_text()
        self.query_one("#scans-title", Static).update(self.title_text())
        error = self.query_one("#scans-error", Static)
        error.update(visible(self.error.render(self.lang)) if self.error else "")
        error.display = self.error is not None
        empty = self.query_one("#scans-empty", Static)
        empty.update(self.t("ui.scans.empty") if self.loaded else self.t("ui.home.loading"))
        empty.display = not self.rows and self.error is None
        table = self.query_one("#scans", KeyedTable)
        self._fill_table(table)
        status = status_line(
            self.rows, self.lang, self.app.config.db_path, self.organisation is not None
        )
        self.query_one("#scans-status", Static).update(status)
        if self.rows:
            table.focus()

    def on_resize(self) -> None:
        if self.loaded and self.rows:
            self._fill_table(self.query_one("#scans", KeyedTable))

    def _fill_table(self, table: KeyedTable) -> None:
        """Show the rows; in place, so only what changed since the last time is redrawn."""
        table.display = bool(self.rows)
        selected = self.selected()
        wanted = self._focus or (selected.id if selected else None)
        made_for = (self.lang, self._table_width())
        with_org = self.organisation is None
        if self._cells_for != made_for:  # the language or the size changed since the read
            self._cells = table_cells(self.rows, *made_for, with_org=with_org)
            self._cells_for = made_for
        columns = COLUMNS if with_org else ORG_COLUMNS
        table.show([self.t(key) for key in columns], self._cells)
        if wanted is not None and any(r.scan.id == wanted for r in self.rows):
            table.move_cursor(row=table.get_row_index(wanted))
            if wanted == self._focus:
                self._focus = None

    # ----------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The actions on a scan are hidden while the list is empty."""
        if action in SCAN_ACTIONS:
            return bool(self.rows)
        return True

    def action_back(self) -> None:
        self.dismiss(None)

    def selected(self) -> Scan | None:
        table = self.query_one("#scans", DataTable)
        if not self.rows or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((r.scan for r in self.rows if r.scan.id == key), None)

    def _selected_or_hint(self) -> Scan | None:
        scan = self.selected()
        if scan is None:
            self.notify(self.t("ui.home.none_selected"), severity="warning", markup=False)
        return scan

    def _question_set(self, scan: Scan) -> QuestionSet | None:
        """The scan's question set; None, and a message naming the scan, if not installed."""
        try:
            return self.app.config.catalog.get(scan.question_set.id, scan.question_set.version)
        except ScanError as err:
            self.notify(
                self.t(
                    "ui.home.unreadable",
                    id=scan.short_id,
                    org=visible(scan.organisation, single_line=True),
                    date=day(scan),
                    reason=visible(err.render(self.lang)),
                ),
                title=self.t("ui.error.title"),
                severity="error",
                timeout=15,
                markup=False,
            )
            return None

    def _write_then(self, operation: Callable[[], object], then: Callable[[], object]) -> None:
        """``operation`` (a write of this scan) in the background; then ``then()``. A scan that
        is gone says "deleted elsewhere"; any other refusal is reported. Either way the
        screen reads again."""
        write_then(self, operation, then, self._refused, group="scans-write")

    def _refused(self, err: ScanError) -> None:
        self._opening = False
        if err.key == "err.scan_not_found":
            self.notify(self.t("ui.home.deleted_elsewhere"), severity="warning", markup=False)
        else:
            self.app.report(err)
        self.load()

    def action_new_scan(self) -> None:
        if self.catalog is None or not self.catalog.sets:
            if self.error:
                self.app.report(self.error)
            return
        organisations = sorted({r.scan.organisation for r in self.rows}, key=org_key)
        selected = self.selected()  # the form starts with its organisation filled in
        preset = selected.organisation if selected is not None else None
        new_scan_dialog(self, self.catalog, organisations, self._started, preset=preset)

    def _started(self, scan: Scan) -> None:
        self._focus = scan.id  # back here, the cursor is on this scan

    @on(DataTable.RowSelected, "#scans")
    def _row_chosen(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        """Open the selected scan as it is stored now: read afresh, never the copy of an
        earlier read (answers saved meanwhile, here or elsewhere, must show)."""
        selected = self._selected_or_hint()
        if selected is None or self._opening:
            return
        self._opening = True
        store = self.app.config.store
        fresh: list[Scan] = []
        self._write_then(lambda: fresh.append(store.get(selected.id)), lambda: self._open(fresh[0]))

    def _open(self, scan: Scan) -> None:
        self._opening = False
        if not self.is_current or self.app.screen is not self:
            return  # something else was opened meanwhile
        qs = self._question_set(scan)
        if qs is None:
            return
        if scan.status == "draft":
            self.app.show_questionnaire(scan, qs, replace=False)
        else:
            self.app.show_results(scan, qs, replace=False)

    def action_export(self) -> None:
        scan = self._selected_or_hint()
        if scan is not None:
            export_scan_dialog(self, scan)

    def action_delete(self) -> None:
        scan = self._selected_or_hint()
        if scan is None:
            return
        org = org_key(scan.organisation)
        last = sum(org_key(r.scan.organisation) == org for r in self.rows) == 1
        # The store deletes an organisation's targets with its last scan (Store.delete).
        warn = last and org in self._with_targets
        delete_scan_dialog(self, scan, warn, self._write_then, then=self.load)

    def action_edit(self) -> None:
        """Change the date, name or role of the selected scan (its answers stay)."""
        if scan := self._selected_or_hint():
            edit_scan_dialog(self, scan, self._write_then, then=self.load)

    def action_history(self) -> None:
        if scan := self._selected_or_hint():
            self.app.show_history(scan.organisation)

    def action_compare(self) -> None:
        if scan := self._selected_or_hint():
            open_compare(self, scan)

    def action_targets(self) -> None:
        if scan := self._selected_or_hint():
            open_targets_dialog(self, scan.organisation)

    def palette_commands(self) -> Iterable[SystemCommand]:
        for name, action in [
            ("new", self.action_new_scan),
            ("open", self.action_open),
            ("export", self.action_export),
            ("delete", self.action_delete),
            ("history", self.action_history),
            ("compare", self.action_compare),
            ("targets", self.action_targets),
            ("edit", self.action_edit),
        ]:
            yield SystemCommand(self.t(f"ui.cmd.{name}"), self.t(f"ui.cmd.{name}.help"), action)
