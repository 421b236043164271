"""Home: every organisation's scans, and the way into a new scan, a draft or a result.

Home is the first thing the app shows, so it imports only what that needs: the modules of
the other screens, of the dialogs and of scoring are imported when they are first used.

Home follows the database without a key press: every two seconds, and when it is shown again,
it compares the size and modification time of the database file and of the journals with
those of its last read (a few ``stat`` calls), and reads again only when they differ. One read
runs at a time; a change seen meanwhile starts the next read when it is done, so reads never
pile up (each is a second of work with 10,000 scans) and the rows shown are always those of
the newest read. Opening a scan reads that scan afresh: never a copy from an older read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from maturity_scan.core.models import Lang
from maturity_scan.core.names import org_key
from maturity_scan.errors import ScanError
from maturity_scan.storage.changes import Signature, signature, small_enough
from maturity_scan.tui.flows import (
    delete_scan_dialog,
    edit_scan_dialog,
    export_scan_dialog,
    new_scan_dialog,
    open_compare,
    open_targets_dialog,
    write_then,
)
from maturity_scan.tui.screens.base import BaseScreen, translate_bindings
from maturity_scan.tui.screens.home_rows import (
    COLUMNS,
    HomeRead,
    Row,
    day,
    read_home,
    status_line,
    table_cells,
)
from maturity_scan.tui.widgets.footer import KeysFooter
from maturity_scan.tui.widgets.keyed_table import KeyedTable
from maturity_scan.visible import visible

if TYPE_CHECKING:
    from maturity_scan.core.catalog import Catalog
    from maturity_scan.core.models import QuestionSet, Scan

#: How often home looks whether another program changed the database (seconds).
CHECK_EVERY = 2.0


class HomeScreen(BaseScreen[None]):
    BINDINGS = [
        Binding("n", "new_scan", "ui.key.new"),
        Binding("enter", "open", "ui.key.open", show=False),
        Binding("e", "export", "ui.key.export"),
        Binding("d,delete", "delete", "ui.key.delete"),
        Binding("h", "history", "ui.key.history"),
        Binding("c", "compare", "ui.key.compare", show=False),
        Binding("t", "targets", "ui.key.targets", show=False),
        Binding("a", "edit", "ui.key.edit", show=False),  # in F1 help and the palette
    ]

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
        self.error: ScanError | None = None
        self.loaded = False
        self._resumed = False
        #: Organisations (casefolded) that have targets, from the same read as the rows.
        self._with_targets: set[str] = set()
        #: The database's size and times when the rows were read (see ``changes``).
        self._seen: Signature | None = None
        self._loading = False  # a read is running
        self._load_again = False  # and another is wanted when it is done
        self._opening = False  # a scan is being read to be opened
        # Before the first compose, so the footer shows its keys at once, translated.
        translate_bindings(self, self.lang)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static("", id="home-title", classes="screen-title", markup=False)
            yield Static("", id="home-intro", classes="intro", markup=False)
            yield Static("", id="home-error", classes="error", markup=False)
            yield Static("", id="home-empty", classes="empty", markup=False)
            yield KeyedTable(id="scans")
            yield Static("", id="home-status", classes="hint", markup=False)
        yield KeysFooter(show_command_palette=False, ready=True)

    def on_mount(self) -> None:
        if small_enough(self.app.config.db_path):
            self._load_now()
        else:
            self.load()
        self.set_interval(CHECK_EVERY, self.check_for_changes)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed:
            # Shown for the first time, just mounted: every widget was styled as it was
            # mounted, so Textual's restyle of the whole screen would change nothing.
            self._resumed = True
            event.refresh_styles = False
        elif self.loaded:
            self.check_for_changes()  # back from another screen or a dialog

    def check_for_changes(self) -> None:
        """Read again if the database or a journal changed since the last read, or if writes
        of this app are still on their way (the read waits for them). Cheap: a few stats."""
        if not self.loaded or not self.is_current:
            return
        if self.app.autosaver.pending or signature(self.app.config.db_path) != self._seen:
            self.load()

    # ----------------------------------------------------------------- loading

    def _load_now(self) -> None:
        """Read on the UI thread, before the first paint: home appears once, complete.
        (BaseScreen.on_mount, which runs after this, sets the texts.)"""
        self._seen = signature(self.app.config.db_path)
        try:
            self._take(self._read())
        except ScanError as err:
            self.error = err
        self.loaded = True

    def load(self) -> None:
        """Read the scans again, off the UI thread; if a read is running, once it is done."""
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        self._load_worker()

    @work(thread=True, group="home-load")
    def _load_worker(self) -> None:
        """Read the question sets and the scans off the UI thread."""
        app = self.app
        app.autosaver.flush()  # show what was just saved, not what was on disk before
        seen = signature(app.config.db_path)  # before the read: a change during it shows later
        try:
            read = self._read()
        except ScanError as err:
            app.call_from_thread(self._loaded, seen, None, err)
            return
        app.call_from_thread(self._loaded, seen, read, None)

    def _loaded(
        self,
        seen: Signature,
        read: HomeRead | None,
        error: ScanError | None,
    ) -> None:
        self._loading = False
        self._seen = seen
        if read is not None:
            self._show(read)
        elif error is not None:
            self._show_error(error)
        if self._load_again:
            self._load_again = False
            self.load()

    def _read(self) -> HomeRead:
        """One read for home, its cells made for the current language and width."""
        return read_home(self.app.config, self.lang, self._table_width())

    def _take(self, read: HomeRead) -> None:
        self.catalog, self.rows, self.error, self.loaded = read.catalog, read.rows, None, True
        self._cells, self._cells_for = read.cells, read.made_for
        self._with_targets = read.with_targets

    def _show(self, read: HomeRead) -> None:
        self._take(read)
        self.update_texts()
        self.refresh_bindings()

    def _show_error(self, err: ScanError) -> None:
        self.error, self.loaded = err, True
        self.update_texts()

    # ----------------------------------------------------------------- texts

    def update_texts(self) -> None:
        self.sub_title = self.t("ui.home.title")
        self.query_one("#home-title", Static).update(self.t("ui.home.title"))
        self.query_one("#home-intro", Static).update(self.t("ui.home.intro"))
        error = self.query_one("#home-error", Static)
        error.update(visible(self.error.render(self.lang)) if self.error else "")
        error.display = self.error is not None
        empty = self.query_one("#home-empty", Static)
        empty.update(self.t("ui.home.empty") if self.loaded else self.t("ui.home.loading"))
        empty.display = not self.rows and self.error is None
        table = self.query_one("#scans", KeyedTable)
        self._fill_table(table)
        status = status_line(self.rows, self.lang, self.app.config.db_path)
        self.query_one("#home-status", Static).update(status)
        if self.rows:
            table.focus()

    def _table_width(self) -> int | None:
        """The columns the table's cells may use (its width less a scrollbar), or None
        before home has a size."""
        width = self.size.width
        return width - 2 - 2 if width else None  # home's padding; a vertical scrollbar

    def on_resize(self) -> None:
        if self.loaded and self.rows:
            self._fill_table(self.query_one("#scans", KeyedTable))

    def _fill_table(self, table: KeyedTable) -> None:
        """Show the rows; in place, so only what changed since the last time is redrawn."""
        table.display = bool(self.rows)
        selected = self.selected()
        wanted = self._focus or (selected.id if selected else None)
        made_for = (self.lang, self._table_width())
        if self._cells_for != made_for:  # the language or the size changed since the read
            self._cells = table_cells(self.rows, *made_for)
            self._cells_for = made_for
        table.show([self.t(key) for key in COLUMNS], self._cells)
        if wanted is not None and any(r.scan.id == wanted for r in self.rows):
            table.move_cursor(row=table.get_row_index(wanted))
            if wanted == self._focus:
                self._focus = None

    # ----------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Open, export and delete need a scan: hide them while the list is empty."""
        if action in ("open", "export", "delete", "history", "compare", "targets", "edit"):
            return bool(self.rows)
        return True

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
        is gone says "deleted elsewhere"; any other refusal is reported. Either way home reads
        again."""
        write_then(self, operation, then, self._refused, group="home-write")

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
        new_scan_dialog(self, self.catalog, organisations, self._started)

    def _started(self, scan: Scan) -> None:
        self._focus = scan.id  # back on home, the cursor is on this scan

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
