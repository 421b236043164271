"""A smoke run of the benchmark harness at the tiniest sizes: every case gives a row of numbers.

No timing is asserted: benchmarks never fail on a slow machine.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from pathlib import Path

import pytest

from benchmarks import run
from maturity_scan.storage.migrations import SCHEMA_VERSION
from maturity_scan.storage.store import Store

CASE_ROWS = {
    "scripted start",
    "app start",
    "reading: scan list",
    "reading: export",
    "growth: scan list",
    "growth: export",
    "memory",
    "scoring",
    "history",
    "autosave median",
    "autosave p95",
    "home",
    "round",
    "round screen",
    "report",
    "report pdf",
}


def test_every_case_gives_a_row_of_numbers(tmp_path: Path) -> None:
    suite = run.Suite(tmp_path / "data", sizes=(0, 5, 10), repeat=1, answers=3, log=lambda _: None)
    results = suite.run()

    assert {r.case for r in results} >= CASE_ROWS
    for result in results:
        for value in (result.median, result.minimum, result.maximum):
            assert isinstance(value, float | int) and math.isfinite(value), result
        assert result.samples, result
        if result.case != "scoring":
            assert result.floor is not None and math.isfinite(result.floor), result
        # At these sizes a net time (minus the empty database) is noise and may be <= 0: then
        # there is no ratio. Otherwise there is one, and a verdict where there is a target.
        if result.case.startswith("growth"):
            assert result.ratio is None or math.isfinite(result.ratio), result
        else:
            assert result.ratio is not None and math.isfinite(result.ratio), result
        assert result.met in (True, False, None)
    autosave = next(r for r in results if r.case == "autosave median")
    assert len(autosave.samples) == 3 and len(autosave.floor_samples) == 3
    scoring = next(r for r in results if r.case == "scoring")
    assert scoring.extra["answers"] == 10 * 22

    table = run.format_table(results)
    assert all(case in table for case in CASE_ROWS)
    assert len(table.splitlines()) == len(results) + 2
    report = json.loads(json.dumps(run.report(suite, datetime.now(), 1.0)))
    assert len(report["results"]) == len(results)


def test_generated_databases_are_valid(tmp_path: Path) -> None:
    db = run.generate_database(tmp_path / "scans.json", 12)
    store = Store(db.path)
    assert store.check() == 12
    scans = store.scans()
    assert all(s.status == "completed" and len(s.answers) == 22 for s in scans)
    assert any(r.note for s in scans for r in s.answers.values())
    assert len(store.scans(db.focus_organisation)) == db.focus_scans == 6
    assert len({s.organisation for s in scans}) == 1 + 6
    assert store.targets(db.focus_organisation)
    assert json.loads(db.path.read_text())["meta"] == {"1": {"schema_version": SCHEMA_VERSION}}


def test_main_writes_the_table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "results.json"
    argv = ["--sizes", "0,2,4", "--repeat", "1", "--cases", "scoring", "--json", str(out)]
    assert run.main(argv) == 0
    printed = capsys.readouterr().out
    assert "scoring" in printed and "answers/s" in printed
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["sizes"] == [0, 2, 4]
    assert [r["case"] for r in figures["results"]] == ["scoring"]
    assert run.main(["--cases", "nonsense", "--json", str(out)]) == 2
