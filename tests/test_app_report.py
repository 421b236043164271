"""The app's results render the report model: the same sections as ``scan show``, and the
change since the previous completed scan."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from maturity_scan.core.report import build_report, previous_scan
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.present.report_view import principle_lines
from maturity_scan.question_sets.loading import load_catalog
from maturity_scan.storage.store import Store
from maturity_scan.tui.app import make_app
from maturity_scan.tui.screens.results import ResultsScreen

from .conftest import make_config
from .test_app import SIZE, as_text, settle
from .test_app_progress import load_demo


def flat(text: str) -> str:
    return " ".join(text.split())


async def test_results_show_the_report_with_the_change_since_the_previous_scan(
    db_path: Path,
) -> None:
    ids = load_demo(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")  # home lists the newest scan first
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ResultsScreen) and screen.scan.id == ids[-1]
        meta = as_text(screen.query_one("#r-meta", Static).content)
        assert f"Verschil met de vorige afgeronde scan, {ids[-2][:8]}" in meta
        table = as_text(screen.query_one("#r-table", Static).content)
        assert "Verschil" in table and table.count("▲") == 3
        blocks = [flat(as_text(b.content)) for b in screen.query(".advice-block")]

    # every line of every section, as scan show renders them, is in the app's block
    catalog = load_catalog([builtin_questions_dir()])
    scans = Store(db_path).scans()
    scan = scans[-1]
    before = previous_scan(scan, scans, catalog)
    assert before is not None and before.id == ids[-2]
    qs = catalog.get("sociale-inkoop", scan.question_set.version)
    report = build_report(scan, qs, previous=(before, qs))
    assert len(blocks) == len(report.scores.principles)
    for block, principle in zip(blocks, report.scores.principles, strict=True):
        lines = principle_lines(principle, "nl")
        assert any(line.kind == "heading" for line in lines)
        for line in lines:
            for part in (line.text, line.detail, line.note):
                assert flat(part) in block, part
