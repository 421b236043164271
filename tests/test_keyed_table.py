"""KeyedTable: what it shows is always what it was last asked to show, and it touches only
the rows that changed."""

from __future__ import annotations

import random
from collections.abc import Sequence

from textual.app import App, ComposeResult

from maturity_scan.tui.widgets.keyed_table import KeyedTable, Row

HEADERS = ("Organisatie", "Datum")


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield KeyedTable(id="t")


def displayed(table: KeyedTable) -> list[tuple[str, ...]]:
    """Per row, top to bottom: its key and the plain text of its cells."""
    out = []
    for index in range(table.row_count):
        key = table.coordinate_to_cell_key((index, 0)).row_key.value
        assert key is not None
        out.append((key, *(cell.plain for cell in table.get_row_at(index))))
    return out


def expected(rows: Sequence[Row]) -> list[tuple[str, ...]]:
    return [(key, *cells) for key, cells in rows]


async def test_only_changed_rows_are_touched() -> None:
    app = TableApp()
    async with app.run_test() as pilot:
        table = app.query_one(KeyedTable)
        rows: list[Row] = [("a", ["A", "1"]), ("b", ["B", "2"]), ("c", ["C", "3"])]
        table.show(HEADERS, rows)
        await pilot.pause()
        assert displayed(table) == expected(rows)
        untouched = table.get_row("a")[0]

        rows = [("a", ["A", "1"]), ("b", ["B", "22"]), ("c", ["C", "3"])]
        table.show(HEADERS, rows)
        await pilot.pause()
        assert displayed(table) == expected(rows)
        assert table.get_row("a")[0] is untouched, "an unchanged row keeps its cells"

        rows = [("x", ["X [/] :smile:", "0"]), ("a", ["A", "1"]), ("c", ["C", "3"])]
        table.show(HEADERS, rows)  # one removed, one added at the top
        await pilot.pause()
        assert displayed(table) == expected(rows), "plain text, in the order given"
        assert table.get_row("a")[0] is untouched

        table.show(("Organisation", "Date"), rows)  # other headers: built afresh
        await pilot.pause()
        assert [c.label.plain for c in table.ordered_columns] == ["Organisation", "Date"]
        assert displayed(table) == expected(rows)


async def test_any_sequence_of_updates_shows_the_last_one() -> None:
    """Rows added, removed, changed and reordered at random, 60 times over: after each
    update the table shows exactly the rows it was given, in their order."""
    chooser = random.Random(6)
    app = TableApp()
    async with app.run_test() as pilot:
        table = app.query_one(KeyedTable)
        rows: list[Row] = []
        for _ in range(60):
            keys = [key for key, _ in rows]
            keep = [k for k in keys if chooser.random() > 0.2]
            new = [f"k{chooser.randrange(1000)}" for _ in range(chooser.randrange(4))]
            order = list(dict.fromkeys(keep + new))
            if chooser.random() < 0.3:
                chooser.shuffle(order)
            rows = [(k, [k.upper(), str(chooser.randrange(3))]) for k in order]
            table.show(HEADERS, rows)
            await pilot.pause()
            assert displayed(table) == expected(rows)


async def test_home_and_end_go_to_the_first_and_last_row() -> None:
    app = TableApp()
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(KeyedTable)
        table.show(HEADERS, [(str(i), [f"Organisatie {i}", "2026"]) for i in range(30)])
        table.focus()
        await pilot.press("end")
        assert table.cursor_row == 29
        await pilot.press("home")
        assert table.cursor_row == 0
