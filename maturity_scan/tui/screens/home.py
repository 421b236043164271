"""Home: one row per organisation (its latest levels, change, gap to its targets, last scan,
rescan, open drafts), with search and filters; Enter opens the organisation, ``s`` every scan.

Home is the first thing the app shows, so it imports only what that needs: the modules of
the other screens, of the dialogs and of scoring are imported when they are first used. It
follows the database (see ``following.py``); rows are updated in place.

Search: ``/``, or simply typing a letter that no key uses, puts it in the search field above
the table; while that field has the focus it takes every printable key, so no single-key
action fires. Enter goes to the table, Esc clears the search.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import msgspec
from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Input, Static

from maturity_scan.core.models import Lang
from maturity_scan.core.names import org_key
from maturity_scan.core.organisations import OrgFilter, OrgRow, groups
from maturity_scan.tui.flows import new_scan_dialog, open_targets_dialog
from maturity_scan.tui.screens import org_actions
from maturity_scan.tui.screens.base import translate_bindings
from maturity_scan.tui.screens.following import CHECK_EVERY, FollowingScreen
from maturity_scan.tui.screens.home_rows import HomeCells, HomeRead, home_cells, read_home
from maturity_scan.tui.screens.home_rows import status_line as home_status
from maturity_scan.tui.widgets.footer import KeysFooter
from maturity_scan.tui.widgets.keyed_table import KeyedTable
from maturity_scan.visible import visible

if TYPE_CHECKING:
    from maturity_scan.core.catalog import Catalog
    from maturity_scan.core.models import Scan

__all__ = ["CHECK_EVERY", "HomeScreen"]

#: The actions that need an organisation: offered only while the list shows one.
ORG_ACTIONS = ("open", "history", "targets", *org_actions.ACTIONS)


class HomeScreen(org_actions.OrgActions, FollowingScreen[HomeRead]):
    AUTO_FOCUS = "#orgs"
    BINDINGS = [
        Binding("n", "new_scan", "ui.key.new"),
        Binding("enter", "open", "ui.key.open_org", show=False),
        Binding("slash", "search", "ui.key.search", key_display="/"),
        Binding("f", "filter", "ui.key.filter"),
        Binding("x", "clear_filter", "ui.key.clear_filter"),
        Binding("s", "scans", "ui.key.scans"),
        Binding("h", "history", "ui.key.history", show=False),
        Binding("t", "targets", "ui.key.targets", show=False),
        Binding("escape", "escape", show=False),
        # rename, merge, groups, rescan interval: keys on the organisation screen, and in
        # the palette here; as keys on home they fired while a name was typed to search
    ]

    def __init__(self) -> None:
        super().__init__()
        #: Every organisation of the last read, by name (folded).
        self.rows: list[OrgRow] = []
        #: What is shown of them: the search and the filters.
        self.filter = OrgFilter()
        self.scan_count = 0
        self._table: HomeCells = HomeCells([], [])
        #: The language and table width the cells were made for.
        self._cells_for: tuple[Lang, int | None] | None = None
        #: The organisation the cursor goes to once it is in the table (that of a new scan).
        self._focus: str | None = None
        self.catalog: Catalog | None = None
        # Before the first compose, so the footer shows its keys at once, translated.
        translate_bindings(self, self.lang)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home", classes="following"):
            yield Static("", id="home-title", classes="screen-title", markup=False)
            yield Static("", id="home-intro", classes="intro", markup=False)
            yield Input(id="home-search", compact=True, select_on_focus=False)
            yield Static("", id="home-error", classes="error", markup=False)
            yield Static("", id="home-empty", classes="empty", markup=False)
            yield KeyedTable(id="orgs")
            yield Static("", id="home-status", classes="hint", markup=False)
        yield KeysFooter(show_command_palette=False, ready=True)

    # ----------------------------------------------------------------- loading

    def _read(self) -> HomeRead:
        """One read for home, its cells made for the current language and width."""
        return read_home(self.app.config, self.lang, self._table_width())

    def _take(self, read: HomeRead) -> None:
        self.catalog, self.rows, self.scan_count = read.catalog, read.rows, read.scans
        self._table, self._cells_for = read.table, read.made_for

    # ----------------------------------------------------------------- texts

    def shown(self) -> list[OrgRow]:
        """The organisations the search and the filters let through, in the table's order."""
        return [row for row in self.rows if self.filter.admits(row)]

    def update_texts(self) -> None:
        self.sub_title = self.t("ui.home.title")
        self.query_one("#home-title", Static).update(self.t("ui.home.title"))
        intro = self.query_one("#home-intro", Static)
        intro.update(self.t("ui.home.intro"))
        intro.display = not self.rows  # the first time; then the room is for the rows
        search = self.query_one("#home-search", Input)
        search.placeholder = self.t("ui.home.search")
        search.display = bool(self.rows)
        error = self.query_one("#home-error", Static)
        error.update(visible(self.error.render(self.lang)) if self.error else "")
        error.display = self.error is not None
        self._fill_table()

    def _fill_table(self) -> None:
        """Show the organisations the filter lets through; in place, so only what changed
        since the last time is redrawn. Then the empty notice and the status line."""
        table = self.query_one("#orgs", KeyedTable)
        made_for = (self.lang, self._table_width())
        if self._cells_for != made_for:  # the language or the size changed since the read
            self._table = home_cells(self.rows, *made_for)
            self._cells_for = made_for
        selected = self.selected()
        wanted = self._focus or (org_key(selected.name) if selected else None)
        admitted = {row.key for row in self.shown()}
        cells = [(key, c) for key, c in self._table.cells if key in admitted]
        table.display = bool(cells)
        table.show(self._table.headers, cells)
        if wanted is not None and wanted in admitted:
            table.move_cursor(row=table.get_row_index(wanted))
            if wanted == self._focus:
                self._focus = None
        empty = self.query_one("#home-empty", Static)
        if not self.loaded:
            empty.update(self.t("ui.home.loading"))
        elif self.rows:
            empty.update(self.t("ui.home.none_shown"))
        else:
            empty.update(self.t("ui.home.empty"))
        empty.display = not cells and self.error is None
        status = home_status(
            self.rows, len(cells), self.scan_count, self.filter, self.lang, self.app.config.db_path
        )
        self.query_one("#home-status", Static).update(status)
        if cells and not self.query_one("#home-search", Input).has_focus:
            table.focus()

    def on_resize(self) -> None:
        if self.loaded and self.rows:
            self._fill_table()

    # ----------------------------------------------------------------- search and filters

    def on_key(self, event: events.Key) -> None:
        """A printable key that no binding uses, typed on the table, starts a search."""
        search = self.query_one("#home-search", Input)
        if (
            not self.rows
            or search.has_focus
            or not event.is_printable
            or event.character is None
            or event.key == "space"
            or event.key in self.active_bindings
            or event.key in self._bindings.key_to_bindings  # bound, if not offered now
        ):
            return
        event.stop()
        event.prevent_default()
        search.focus()
        search.insert_text_at_cursor(event.character)

    def action_search(self) -> None:
        """To the search field, its text selected: what is typed next replaces it."""
        if self.rows:
            search = self.query_one("#home-search", Input)
            search.focus()
            search.select_all()

    @on(Input.Changed, "#home-search")
    def _searched(self, event: Input.Changed) -> None:
        query = event.value.strip()
        if query != self.filter.query:
            self.filter = msgspec.structs.replace(self.filter, query=query)
            self._filtered()

    @on(Input.Submitted, "#home-search")
    def _search_done(self) -> None:
        self.query_one("#orgs", KeyedTable).focus()

    def action_escape(self) -> None:
        """Esc: in the search field, clear it and go to the table; on the table, clear the
        search."""
        search = self.query_one("#home-search", Input)
        if search.value:
            search.value = ""  # Input.Changed clears the query
        self.query_one("#orgs", KeyedTable).focus()

    def action_filter(self) -> None:
        from maturity_scan.tui.screens.org_filter import FilterDialog

        if self.rows:
            self.app.push_screen(FilterDialog(self.filter, groups(self.rows)), self._set_filter)

    def _set_filter(self, wanted: OrgFilter | None) -> None:
        if wanted is not None:
            self.filter = msgspec.structs.replace(wanted, query=self.filter.query)
            self._filtered()

    def action_clear_filter(self) -> None:
        """Clear the search and every filter."""
        self.filter = OrgFilter()
        self.query_one("#home-search", Input).value = ""
        self._filtered()

    def _filtered(self) -> None:
        self._fill_table()
        self.refresh_bindings()

    # ----------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The actions on an organisation are hidden while none is shown; clearing the
        filter is offered while there is one; searching and filtering need organisations."""
        if action in ORG_ACTIONS:
            return self.selected() is not None
        if action == "clear_filter":
            return self.filter.active
        if action in ("search", "filter", "scans"):
            return bool(self.rows)
        return True

    def selected(self) -> OrgRow | None:
        if not self.rows:
            return None
        table = self.query_one("#orgs", DataTable)
        if table.row_count == 0 or not table.display:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((r for r in self.rows if r.key == key), None)

    def _selected_or_hint(self) -> OrgRow | None:
        row = self.selected()
        if row is None:
            self.notify(self.t("ui.home.none_selected_org"), severity="warning", markup=False)
        return row

    def action_new_scan(self) -> None:
        if self.catalog is None or not self.catalog.sets:
            if self.error:
                self.app.report(self.error)
            return
        organisations = [row.name for row in self.rows]
        selected = self.selected()  # the form starts with it filled in
        preset = selected.name if selected is not None else None
        new_scan_dialog(self, self.catalog, organisations, self._started, preset=preset)

    def follow(self, name: str) -> None:
        """Read again, the cursor on organisation ``name`` (after a rename or merge: the
        ``then`` of ``tui/org_flows``). A search or filter that would hide it is cleared."""
        self._focus = org_key(name)
        if self.filter.active or self.query_one("#home-search", Input).value:
            self.action_clear_filter()
        self.load()

    def _started(self, scan: Scan) -> None:
        self._focus = org_key(scan.organisation)  # back on home, the cursor is on it

    @on(DataTable.RowSelected, "#orgs")
    def _row_chosen(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        if row := self._selected_or_hint():
            self.app.show_organisation(row.name)

    def action_scans(self) -> None:
        if self.rows:
            self.app.show_scans()

    def action_history(self) -> None:
        if row := self._selected_or_hint():
            self.app.show_history(row.name)

    def action_targets(self) -> None:
        if row := self._selected_or_hint():
            open_targets_dialog(self, row.name)

    def _org_action(self, action: str) -> None:
        if row := self._selected_or_hint():
            names = [r.name for r in self.rows]
            org_actions.run(self, action, row, self.follow, names, groups(self.rows))

    def palette_commands(self) -> Iterable[SystemCommand]:
        for name, action in [
            ("new", self.action_new_scan),
            ("open_org", self.action_open),
            ("search", self.action_search),
            ("filter", self.action_filter),
            ("clear_filter", self.action_clear_filter),
            ("scans", self.action_scans),
            ("history", self.action_history),
            ("targets", self.action_targets),
        ]:
            yield SystemCommand(self.t(f"ui.cmd.{name}"), self.t(f"ui.cmd.{name}.help"), action)
        if self.selected() is not None:
            yield from org_actions.palette(self, self._org_action)
