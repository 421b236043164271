"""Next steps in ``scan show`` (text and JSON) and exports: all of them, with the question
and the levels they lead from and to; a set without per-answer steps (1.0) shows its
per-level advice exactly as before."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from maturity_scan.core.models import Target
from maturity_scan.exchange.demo import DEMO_ORGANISATION, demo_scans, demo_targets
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets.loading import load_question_set
from maturity_scan.storage.store import Store

from .conftest import FIXTURES
from .test_cli import run

GOLDEN = FIXTURES / "golden"
STEPS_SETS = FIXTURES / "sets" / "steps"
TODAY = date(2026, 3, 31)


def demo_show(db: Path, capsys: pytest.CaptureFixture[str], lang: str) -> str:
    """``scan show`` of the demo's last 1.0 scan, without the chart."""
    shipped = load_question_set(builtin_questions_dir() / "sociale-inkoop.toml")
    assert shipped.version == "1.0"
    scans = demo_scans(shipped, TODAY)
    targets = [
        Target(
            organisation=DEMO_ORGANISATION,
            question_set=shipped.id,
            principle=principle,
            level=level,
            by=by,
        )
        for principle, level, by in demo_targets(TODAY)
    ]
    Store(db).import_scans(scans, "demo", targets)
    code, out, err = run(capsys, "--lang", lang, "scan", "show", scans[-1].id, "--no-chart")
    assert (code, err) == (0, "")
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sets_without_steps_show_exactly_what_they_showed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """The golden files are ``scan show`` of the demo's last scan before per-answer steps."""
    db = tmp_path / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(db))
    out = demo_show(db, capsys, lang)
    assert out == (GOLDEN / f"demo-show-1.0.{lang}.txt").read_text(encoding="utf-8")
