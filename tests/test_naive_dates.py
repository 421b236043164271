"""A stored time without a zone (a hand-edited or restored file) never crashes a command:
it is taken as local time when read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maturity_scan.storage.store import Store

from .conftest import seed_scan
from .test_cli import db as db
from .test_cli import run


def test_a_naive_stored_date_is_read_as_local_time(
    db: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store = Store(db)
    seed_scan(store, "Gemeente Eerst", "2026-03-01", {"bestuur-principebesluit": 3})
    seed_scan(store, "Gemeente Twee", "2026-04-01", {"bestuur-principebesluit": 2})
    data = json.loads(db.read_text(encoding="utf-8"))
    first = next(iter(data["scans"].values()))
    first["taken_at"] = "2026-11-02T10:00:00"  # no zone
    first["started_at"] = "2026-11-02T10:00:00"
    db.write_text(json.dumps(data), encoding="utf-8")

    assert [s.date.tzinfo is not None for s in Store(db).scans()] == [True, True]
    for args in (["scan", "list"], ["scan", "list", "--json"], ["db", "check"], ["export"]):
        code, out, err = run(capsys, *args)
        assert code == 0, (args, err)
        assert "Traceback" not in err
    _code, out, _err = run(capsys, "scan", "list")
    assert out.index("Gemeente Twee") < out.index("Gemeente Eerst")  # 2026-04-01 < 2026-11-02
