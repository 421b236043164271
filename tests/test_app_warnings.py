"""The store's warnings reach the app's screen: a daily backup that cannot be made is said
once as a notice, and the write goes on."""

from __future__ import annotations

from pathlib import Path

from maturity_scan.storage.backups import backup_dir
from maturity_scan.storage.store import Store
from maturity_scan.tui.app import make_app

from .conftest import make_config, seed_scan
from .test_app import SIZE, settle, start_scan


async def test_a_backup_that_cannot_be_made_is_a_notice_and_the_scan_is_stored(
    db_path: Path,
) -> None:
    seed_scan(Store(db_path), "Gemeente Eerst", "2026-03-01", {"bestuur-principebesluit": 3})
    backup_dir(db_path).write_text("in the way", encoding="utf-8")  # a file, not a folder
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await start_scan(app, pilot, "Gemeente Waarschuwing")
        await pilot.press("3")
        await settle(app, pilot)
        app.autosaver.flush(timeout=5)
        await settle(app, pilot)
        notices = [n for n in app._notifications if n.severity == "warning"]
        assert len(notices) == 1, [n.message for n in app._notifications]
        assert "reservekopie" in notices[0].message
    organisations = [s.organisation for s in Store(db_path).scans()]
    assert organisations == ["Gemeente Eerst", "Gemeente Waarschuwing"]
