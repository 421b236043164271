"""A table of rows that is updated in place: only the rows that changed are touched.

Textual's DataTable measures every cell of every row it is given. Filled afresh with 10,000
scans, that takes seconds on the UI thread; coming back to home after answering a question
changes one row. :meth:`KeyedTable.show` compares what it is asked to show with what it
shows, and removes, adds and updates only the difference.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text as RichText
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

#: One row: its key, and the text of each cell.
Row = tuple[str, Sequence[str]]


class KeyedTable(DataTable[RichText]):
    """A DataTable whose rows are given as (key, cell texts), shown as plain text: a cell is
    never read as markup, so names with ``[`` or ``:`` are shown as typed.

    Home and End go to the first and the last row (a DataTable scrolls sideways with them,
    which in a list of rows nobody expects; the new-user trial of 2026-12-02)."""

    BINDINGS = [
        Binding("home", "scroll_top", show=False),
        Binding("end", "scroll_bottom", show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self._headers: tuple[str, ...] = ()
        self._column_keys: list[ColumnKey] = []
        self._shown: dict[str, tuple[str, ...]] = {}
        self._order: list[str] = []
        #: The first cell of each row, the object the table holds: it identifies the row
        #: in :meth:`DataTable.sort`, whose key function is given the cells only.
        self._first: dict[str, RichText] = {}

    def show(self, headers: Sequence[str], rows: Sequence[Row]) -> None:
        """Show ``rows``, in this order, under ``headers``. Keys must be unique."""
        if tuple(headers) != self._headers:
            self.clear(columns=True)
            self._headers = tuple(headers)
            self._column_keys = [self.add_column(RichText(h)) for h in headers]
            self._shown, self._order, self._first = {}, [], {}
        wanted = {key: tuple(cells) for key, cells in rows}
        order = [key for key, _ in rows]
        for key in [k for k in self._order if k not in wanted]:
            self.remove_row(key)
            del self._shown[key], self._first[key]
        kept = [k for k in self._order if k in wanted]
        added = []
        for key in order:
            cells = wanted[key]
            before = self._shown.get(key)
            if before is None:
                texts = [RichText(cell) for cell in cells]
                self.add_row(*texts, key=key)
                self._first[key] = texts[0]
                added.append(key)
            elif before != cells:
                self._update_row(key, before, cells)
            self._shown[key] = cells
        if kept + added != order:  # new rows went to the end, or the order changed
            position = {id(self._first[key]): index for index, key in enumerate(order)}
            self.sort(key=lambda cells: position[id(cells[0])])
        self._order = order

    def _update_row(self, key: str, before: tuple[str, ...], after: tuple[str, ...]) -> None:
        for index, (old, new) in enumerate(zip(before, after, strict=True)):
            if old != new:
                text = RichText(new)
                self.update_cell(key, self._column_keys[index], text, update_width=True)
                if index == 0:
                    self._first[key] = text
