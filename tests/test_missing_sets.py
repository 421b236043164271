"""A scan whose question-set version is not installed never makes a command fail for the
other scans (issue #10, review D8): it is named on stderr, one line each, the others are
done, and the exit status (3) says something was skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maturity_scan.cli import EXIT_SKIPPED
from maturity_scan.core.history import history, history_report
from maturity_scan.core.models import Target
from maturity_scan.errors import ScanError
from maturity_scan.storage.store import Store

from .conftest import make_config, seed_scan
from .test_cli import run

ANSWERS = {"bestuur-principebesluit": 3, "bestuur-actieplan": 2}
LATER = {"bestuur-principebesluit": 4, "bestuur-actieplan": 4}


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Gemeente Mix: 1.0 (installed), 9.9 (not), 1.0; Gemeente Weg: 9.9 only."""
    path = tmp_path / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    store = Store(path)
    seed_scan(store, "Gemeente Mix", "2026-01-05", ANSWERS, scan_id="1" * 32)
    seed_scan(store, "Gemeente Mix", "2026-03-05", ANSWERS, version="9.9", scan_id="2" * 32)
    seed_scan(store, "Gemeente Mix", "2026-06-05", LATER, scan_id="3" * 32)
    seed_scan(store, "Gemeente Weg", "2026-02-05", ANSWERS, version="9.9", scan_id="4" * 32)
    store.set_target(Target("Gemeente Weg", "sociale-inkoop", "bestuur", 4))
    return path


def skipped_lines(err: str, *ids: str) -> list[str]:
    """The stderr lines: one per skipped scan (in order), then the summary."""
    lines = err.splitlines()
    assert len(lines) == len(ids) + 1, err
    for scan_id, line in zip(ids, lines, strict=False):
        assert scan_id[:8] in line and "sociale-inkoop" in line and "9.9" in line, line
    assert "--questions-dir" in lines[-1]
    return lines


def test_export_of_the_whole_database_exports_the_others(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "export")
    assert code == EXIT_SKIPPED == 3
    data = json.loads(out)
    assert [s["id"] for s in data["scans"]] == ["1" * 32, "3" * 32]
    assert [t["organisation"] for t in data["targets"]] == ["Gemeente Weg"]  # kept
    lines = skipped_lines(err, "4" * 32, "2" * 32)  # oldest first
    assert "Gemeente Weg" in lines[0] and "Gemeente Mix" in lines[1]


def test_export_of_one_organisation_exports_its_other_scans(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "mix.json"
    code, out, err = run(
        capsys, "--lang", "en", "export", "--org", "gemeente mix", "-o", str(out_file)
    )
    assert (code, out) == (EXIT_SKIPPED, "")
    assert len(json.loads(out_file.read_bytes())["scans"]) == 2
    lines = err.splitlines()
    assert "Scans exported: 2" in lines[0]
    assert "skipped: scan 22222222 of Gemeente Mix" in lines[1] and len(lines) == 3


def test_history_goes_on_without_the_unreadable_scan(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "history", "--org", "Gemeente Mix", "--no-chart")
    assert code == EXIT_SKIPPED
    assert "2026-01-05" in out and "2026-06-05" in out and "2026-03-05" not in out
    skipped_lines(err, "2" * 32)
    code, out, err = run(capsys, "history", "--org", "Gemeente Mix", "--json")
    assert code == EXIT_SKIPPED
    assert [s["id"] for s in json.loads(out)["scans"]] == ["1" * 32, "3" * 32]


def test_history_of_an_organisation_with_only_unreadable_scans(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "history", "--org", "Gemeente Weg")
    assert code == EXIT_SKIPPED and "nog geen afgeronde scans" in out
    skipped_lines(err, "4" * 32)


def test_db_check_names_each_scan_and_goes_on(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "db", "check")
    assert code == EXIT_SKIPPED and "in orde — 4 scans" in out
    lines = skipped_lines(err, "4" * 32, "2" * 32)
    assert "niet te openen" in lines[0]


def test_show_and_compare_of_other_scans_work(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "scan", "show", "1" * 8)[0] == 0
    code, out, _ = run(capsys, "compare", "1" * 8, "3" * 8)
    assert code == 0 and "Gemeente Mix" in out
    code, out, err = run(capsys, "compare", "1" * 8, "2" * 8)
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and "9.9" in err


def test_history_keeps_raising_and_history_report_skips(db: Path) -> None:
    """The app calls ``history``: it still raises; ``history_report`` is the new way."""
    config = make_config(db)
    scans = Store(db).scans("Gemeente Mix")
    with pytest.raises(ScanError):
        history(scans, config.catalog)
    report = history_report(scans, config.catalog)
    assert [p.scan_id for p in report.points] == ["1" * 32, "3" * 32]
    assert [s.id for s in report.skipped] == ["2" * 32]
    assert report.points[1].deltas["bestuur"] == 1.5  # against the scan before it that reads
