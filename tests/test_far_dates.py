"""No stored date can crash a command (issue #10, review D1): scans dated at the far ends of
the calendar (stored directly, since imports now refuse them) are listed, shown, compared,
exported, deleted and drawn, in any time zone, or a command says in one line why not."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from maturity_scan.core.models import AnswerRecord, Respondent, Scan, SetRef
from maturity_scan.storage.store import Store

from .test_cli import run

FAR = {
    "a" * 32: "9999-12-31T23:59:59-12:00",
    "b" * 32: "0001-01-01T00:00:00+14:00",
    "c" * 32: "2026-06-01T12:00:00+00:00",
}


@pytest.fixture(params=["UTC", "America/New_York", "Pacific/Kiritimati"])
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    store = Store(path)
    for scan_id, stamp in FAR.items():
        moment = datetime.fromisoformat(stamp)
        store.add(
            Scan(
                id=scan_id,
                organisation="Gemeente Ver",
                respondent=Respondent(),
                question_set=SetRef(id="sociale-inkoop", version="1.0"),
                status="completed",
                started_at=moment,
                completed_at=moment,
                answers={"bestuur-principebesluit": AnswerRecord(level=3)},
            )
        )
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["scan", "list"],
        ["scan", "list", "--json"],
        ["scan", "show", "aaaaaaaa"],
        ["scan", "show", "bbbbbbbb"],
        ["history", "--org", "Gemeente Ver", "--no-chart"],
        ["history", "--org", "Gemeente Ver", "--json"],
        ["compare", "bbbbbbbb", "aaaaaaaa"],
        ["compare", "aaaaaaaa", "cccccccc", "--json"],
        ["export"],
        ["db", "check"],
    ],
)
def test_commands_work_with_far_dates(
    db: Path, zone: str, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, out, err = run(capsys, *args)
    assert (code, err) == (0, ""), err
    assert out


def test_history_chart_on_a_terminal_says_why_it_is_left_out(
    db: Path, zone: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = run(capsys, "history", "--org", "Gemeente Ver")
    assert (code, err) == (0, "")
    assert "0001-01-01" in out and "9999-12-31" in out
    assert out.rstrip().endswith("te ver in het verleden of de toekomst om te tekenen)")


def test_history_is_in_date_order_and_exports_round_the_far_dates(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "history", "--org", "Gemeente Ver", "--json")
    assert code == 0
    assert [s["id"][0] for s in json.loads(out)["scans"]] == ["b", "c", "a"]


@pytest.mark.parametrize("scan_id", ["aaaaaaaa", "bbbbbbbb"])
def test_scans_with_far_dates_can_be_deleted(
    db: Path, zone: str, capsys: pytest.CaptureFixture[str], scan_id: str
) -> None:
    code, out, err = run(capsys, "scan", "delete", scan_id, "--yes")
    assert (code, err) == (0, "")
    assert out == f"Scan {scan_id} verwijderd.\n"
    assert len(Store(db).scans()) == 2
