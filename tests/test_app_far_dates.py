"""No stored date can crash a screen: scans dated at the ends of what Python can hold, stored
directly (as an old import could have), open on every screen, and can be deleted."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import msgspec
from textual.widgets import DataTable

from maturity_scan.storage.store import Store
from maturity_scan.tui.app import make_app
from maturity_scan.tui.screens.compare import CompareScreen
from maturity_scan.tui.screens.dialogs import ConfirmDialog
from maturity_scan.tui.screens.history import HistoryScreen
from maturity_scan.tui.screens.home import HomeScreen
from maturity_scan.tui.screens.new_scan import EditScanDialog

from .conftest import make_config, seed_scan
from .test_app import SIZE, settle

FAR = ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00"]
ANSWERS = {"bestuur-principebesluit": 3, "bestuur-actieplan": 2, "hr-inkoop-collegas": 4}


def seed_far(db: Path) -> None:
    store = Store(db)
    seed_scan(store, "Gemeente Gewoon", "2026-01-10", ANSWERS)
    for index, stamp in enumerate(FAR):
        moment = datetime.fromisoformat(stamp)
        scan = seed_scan(store, "Gemeente Ver", f"2026-0{index + 1}-01", ANSWERS)
        store.delete(scan.id)
        store.add(
            msgspec.structs.replace(scan, started_at=moment, completed_at=moment, taken_at=moment)
        )


async def test_far_dates_open_on_every_screen_and_delete(db_path: Path) -> None:
    seed_far(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("s")  # every scan
        await settle(app, pilot)
        assert app.screen.query_one("#scans", DataTable).row_count == 3
        await pilot.press("ctrl+end")  # Gemeente Ver's scans are last
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert len(app.screen.points) == 2
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, EditScanDialog)
        await pilot.press("escape")
        await settle(app, pilot)
        for _ in range(2):
            await pilot.press("ctrl+end", "d")
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("j")
            await settle(app, pilot)
    assert [s.organisation for s in Store(db_path).scans()] == ["Gemeente Gewoon"]
