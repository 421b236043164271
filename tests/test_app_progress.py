"""History, compare and targets in the app, driven through the pilot."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Input, Label, Select, Static

from maturity_scan.core.models import Target
from maturity_scan.exchange.demo import (
    DEMO_ORGANISATION,
    DEMO_SET_ID,
    DEMO_SET_VERSION,
    demo_scans,
)
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets.loading import load_catalog
from maturity_scan.storage.store import Contents, Store
from maturity_scan.tui.app import make_app
from maturity_scan.tui.screens.compare import CompareScreen
from maturity_scan.tui.screens.dialogs import ChooseScansDialog
from maturity_scan.tui.screens.history import HistoryScreen
from maturity_scan.tui.screens.results import ResultsScreen
from maturity_scan.tui.screens.targets import TargetsDialog

from .conftest import make_config
from .test_app import SIZE, as_text, settle

__all__ = ["Console"]


def load_demo(db: Path) -> list[str]:
    # the demo's scans are 1.0 (its answers are 1.0's questions), whatever the latest set is
    qs = load_catalog([builtin_questions_dir()]).get(DEMO_SET_ID, DEMO_SET_VERSION)
    scans = demo_scans(qs, date(2026, 11, 1))
    Store(db).import_scans(scans, "demo")
    return [s.id for s in scans]


async def test_history_shows_every_completed_scan_with_changes(db_path: Path) -> None:
    ids = load_demo(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert [p.scan_id for p in screen.points] == ids
        table = as_text(screen.query_one("#h-table", Static).content)
        assert table.count("▲") >= 9, "every later scan rose on every principle"
        assert "Nog geen streefniveaus" in as_text(screen.query_one("#h-targets", Static).content)


async def test_history_says_from_which_scan_another_set_version_is_used(
    db_path: Path, tmp_path: Path
) -> None:
    from .conftest import seed_scan

    sets = tmp_path / "sets"
    sets.mkdir()
    shipped = (builtin_questions_dir() / "sociale-inkoop.toml").read_text(encoding="utf-8")
    (sets / "si-1.1.toml").write_text(
        shipped.replace('version = "1.0"', 'version = "1.1"', 1), encoding="utf-8"
    )
    store = Store(db_path)
    seed_scan(store, "Gemeente Versie", "2025-01-10", {"bestuur-actieplan": 2})
    seed_scan(store, "Gemeente Versie", "2026-01-10", {"bestuur-actieplan": 3}, version="1.1")
    app = make_app(make_config(db_path, lang="en", extra_dirs=(sets,)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = as_text(screen.query_one("#h-table", Static).content)
        assert "2026-01-10 ◆" in table and "2025-01-10 ◆" not in table
        assert "another version of the question set (1.0 → 1.1)" in " ".join(table.split())


async def test_compare_defaults_to_the_latest_two_and_lists_changed_answers(db_path: Path) -> None:
    ids = load_demo(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert (screen.a.id, screen.b.id) == (ids[2], ids[3])
        assert screen.result is not None and screen.result.changed_answers
        changes = as_text(screen.query_one("#c-changes", Static).content)
        result = screen.result
        # levels and notes counted apart, each under its own heading, levels first
        levels = f"Gewijzigde niveaus ({result.changed_levels})"
        notes = f"Alleen de notitie gewijzigd ({result.changed_notes_only})"
        assert result.changed_levels and result.changed_notes_only
        assert levels in changes and notes in changes
        assert changes.index(levels) < changes.index(notes)
        scroll = screen.query_one("#compare")
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y > 0
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ChooseScansDialog)
        await pilot.press("enter", "down", "down", "down", "enter")  # first and fourth scan
        await pilot.pause()
        assert (screen.a.id, screen.b.id) == (ids[0], ids[3])
        await pilot.pause()
        assert scroll.scroll_y == 0, "another comparison starts at its top"


async def test_targets_are_set_in_the_dialog_and_shown_in_results(db_path: Path) -> None:
    load_demo(db_path)
    app = make_app(make_config(db_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("t")
        await settle(app, pilot)  # the targets are read in a worker
        dialog = app.screen
        assert isinstance(dialog, TargetsDialog)
        dialog.query_one("#t-level-keten", Select).value = 4
        dialog.query_one("#t-by-keten", Input).value = "2027-13-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog, "a bad date keeps the dialog open"
        by = date.today() + timedelta(days=200)  # a target date lies ahead
        dialog.query_one("#t-by-bestuur", Input).value = by.strftime("%d-%m-%Y")
        dialog.query_one("#t-by-keten", Input).value = by.isoformat()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog, "a date without a level is not dropped without a word"
        error = dialog.query_one("#t-error-bestuur", Label)
        assert error.display and "choose a level first" in str(error.render())
        dialog.query_one("#t-by-bestuur", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert Store(db_path).targets(DEMO_ORGANISATION) == [
            Target(
                organisation=DEMO_ORGANISATION,
                question_set="sociale-inkoop",
                principle="keten",
                level=4,
                by=by,
            )
        ]
        await pilot.press("enter", "enter")  # the demo organisation, its newest scan's results
        await settle(app, pilot)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        table = as_text(results.query_one("#r-table", Static).content)
        assert "Target (gap)" in table and "4 (−1.4)" in table  # chain 2.67 shows as 2.6
        chain = as_text(results.query(".advice-block")[2].content)
        assert "target level 4" in chain
        # chain is at level 2; the target 4 is two levels up: the answers below 4 are listed
        assert "4 Embedded" in chain


async def test_history_reads_the_database_once_when_opened(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening history is one read of the file (with 10,000 scans, each read costs 0.1 s)."""
    load_demo(db_path)
    reads: list[str | None] = []
    real = Store.contents

    def counting(self: Store, organisation: str | None = None) -> Contents:
        reads.append(organisation)
        return real(self, organisation)

    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        monkeypatch.setattr(Store, "contents", counting)
        await pilot.press("h")
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen) and app.screen.points
        assert reads == [DEMO_ORGANISATION]
