"""One point per team round in the app (#14): home's row, the history screen and compare show
a round as its consensus or its provisional result, never a respondent's scan."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from maturity_scan.storage.store import Store
from maturity_scan.tui.app import make_app
from maturity_scan.tui.screens.compare import CompareScreen
from maturity_scan.tui.screens.dialogs import ChooseScansDialog
from maturity_scan.tui.screens.history import HistoryScreen

from .conftest import make_config
from .rounds_seed import CONSENSUS_1, ROUND_2, SINGLE, seed_rounds
from .test_app import SIZE, as_text, settle


async def test_history_and_compare_show_a_point_per_round(db_path: Path) -> None:
    seed_rounds(Store(db_path))
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert [p.scan_id for p in screen.points] == [
            SINGLE,
            CONSENSUS_1,
            f"{ROUND_2}-provisional",
        ]
        table = as_text(screen.query_one("#h-table", Static).content)
        lines = [line for line in table.splitlines() if line.strip().startswith("20")]
        assert len(lines) == 3  # no respondent's scan
        assert "consensus" in lines[1] and "voorlopig" in lines[2]
        assert "voorlopig: de ronde heeft nog geen consensus" in " ".join(table.split())
        await pilot.press("c")
        await pilot.pause()
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        assert (compare.a.id, compare.b.id) == (CONSENSUS_1, f"{ROUND_2}-provisional")
        marks = as_text(compare.query_one("#c-rounds", Static).content)
        assert "2026-01-15: de consensus van een teamronde" in marks
        assert "2026-10-01: het voorlopige resultaat van een teamronde" in " ".join(marks.split())
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChooseScansDialog)
        assert [s.id for s in dialog._scans] == [SINGLE, CONSENSUS_1, f"{ROUND_2}-provisional"]
        options = dialog.query_one("#choose-scans", OptionList)
        shown = [str(options.get_option_at_index(n).prompt) for n in range(3)]
        assert shown[1].endswith("· consensus") and shown[2].endswith("· voorlopig")
        await pilot.press("enter", "down", "down", "enter")  # the first and the third point
        await pilot.pause()
        assert (compare.a.id, compare.b.id) == (SINGLE, f"{ROUND_2}-provisional")
        marks = as_text(compare.query_one("#c-rounds", Static).content)
        assert "de consensus van" not in marks and "voorlopig" in marks


async def test_home_shows_the_latest_point_not_a_respondents_scan(db_path: Path) -> None:
    seed_rounds(Store(db_path))
    app = make_app(make_config(db_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        rows = app.screen.rows  # type: ignore[attr-defined]
        [row] = rows
        assert (row.latest, row.latest_kind, row.scans) == (
            f"{ROUND_2}-provisional",
            "provisional",
            3,
        )
