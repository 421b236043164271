"""Dates, names and corrections typed on the command line: ``scan edit``, ``scan new --date``,
``target set --by``, and control characters in typed names (issue #10)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from maturity_scan.core.models import Respondent
from maturity_scan.storage.store import Store

from .test_cli import SAMPLE_ANSWERS, SETS, assert_one_line_error, new_scan, run, write_json

TODAY = date.today()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The database for this test, and the mini set next to the shipped one."""
    path = tmp_path / "data" / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    monkeypatch.setenv("MATURITY_SCAN_QUESTIONS", str(SETS))
    return path


@pytest.fixture
def existing(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> bytes:
    """A database with one scan in it; returns its bytes."""
    new_scan(capsys, tmp_path, "--org", "Bestaand")
    return db.read_bytes()


def _day(moment_day: date) -> str:
    return moment_day.isoformat()


# ------------------------------------------------------------------ scan edit


def test_edit_changes_the_date_in_either_form(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan_id = new_scan(capsys, tmp_path, "--org", "Gemeente Ommen", "--date", "2026-09-01")
    code, out, err = run(capsys, "scan", "edit", scan_id[:8], "--date", "01-06-2026")
    assert (code, err) == (0, "")
    expected = f"Scan {scan_id[:8]} van Gemeente Ommen gewijzigd: datum 2026-06-01"
    assert out == expected + ", ingevuld door (niemand)\n"
    stored = Store(db).get(scan_id)
    assert stored.date.date() == date(2026, 6, 1)
    code, out, _ = run(capsys, "scan", "list")
    assert "2026-06-01" in out


def test_edit_respondent_and_role_separately(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan_id = new_scan(capsys, tmp_path, "--org", "X", "--respondent", "Ans", "--role", "Inkoper")
    before = Store(db).get(scan_id)
    code, out, _ = run(capsys, "--lang", "en", "scan", "edit", scan_id, "--role", "Adviseur")
    assert code == 0 and out.endswith("answered by Ans (Adviseur)\n")
    assert Store(db).get(scan_id).respondent == Respondent(name="Ans", role="Adviseur")
    run(capsys, "scan", "edit", scan_id, "--respondent", "  Bea   de Vries ")
    assert Store(db).get(scan_id).respondent == Respondent(name="Bea de Vries", role="Adviseur")
    run(capsys, "scan", "edit", scan_id, "--role", "")
    edited = Store(db).get(scan_id)
    assert edited.respondent == Respondent(name="Bea de Vries", role=None)
    assert (edited.date, edited.answers, edited.status) == (
        before.date,
        before.answers,
        before.status,
    )


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--date", "31-02-2026"], ["--date", "'31-02-2026'"]),
        (["--date", "0001-01-01"], ["--date", "0001-01-01", "2000-01-01"]),
        (["--date", "1999-12-31"], ["--date", "1999-12-31"]),
        (["--date", _day(TODAY + timedelta(days=1))], ["--date", "vandaag"]),
        (["--respondent", "Ans\x1b]0;X\x07"], ["--respondent", "\\x1b"]),
        (["--role", "a\nb"], ["--role", "\\n"]),
        (["--respondent", "Ans\u202e"], ["--respondent", "\\u202e"]),
        ([], ["--date", "--respondent", "--role"]),
    ],
)
def test_edit_refuses_bad_input_and_changes_nothing(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    existing: bytes,
    args: list[str],
    fragments: list[str],
) -> None:
    scan_id = Store(db).scans()[0].id
    result = run(capsys, "scan", "edit", scan_id, *args)
    assert_one_line_error(*result, fragments)
    assert db.read_bytes() == existing


def test_edit_of_an_unknown_id_changes_nothing(
    db: Path, capsys: pytest.CaptureFixture[str], existing: bytes
) -> None:
    result = run(capsys, "scan", "edit", "ffff0000", "--role", "X")
    assert_one_line_error(*result, ["ffff0000"])
    assert db.read_bytes() == existing


# ------------------------------------------------------------------ scan new --date


PAST = TODAY - timedelta(days=40)


@pytest.mark.parametrize(
    "value", [f"{PAST.day:02d}-{PAST.month:02d}-{PAST.year}", PAST.isoformat()]
)
def test_new_scan_date_in_either_form_is_stored_as_taken_at(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    scan_id = new_scan(capsys, tmp_path, "--org", "X", "--date", value)
    stored = Store(db).get(scan_id)
    assert stored.taken_at is not None and stored.taken_at.date() == PAST
    assert stored.date == stored.taken_at


@pytest.mark.parametrize("value", ["0001-01-01", "0002-01-01", "1999-12-31", "1026-05-01"])
def test_new_scan_date_out_of_range_is_one_line(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: bytes, value: str
) -> None:
    path = write_json(tmp_path / "a.json", SAMPLE_ANSWERS)
    result = run(capsys, "scan", "new", "--org", "X", "--answers", str(path), "--date", value)
    assert_one_line_error(*result, ["--date", value, "2000-01-01"])
    assert db.read_bytes() == existing


# ------------------------------------------------------------------ control characters


@pytest.mark.parametrize(
    ("option", "value", "char"),
    [
        ("--org", "Evil\x1b]0;PWNED\x07", "\\x1b"),
        ("--org", "Evil\x9b2J", "\\x9b"),
        ("--respondent", "Ans\x07", "\\x07"),
        ("--role", "Rol\tnaam", "\\t"),
    ],
)
def test_new_scan_refuses_control_characters(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    existing: bytes,
    option: str,
    value: str,
    char: str,
) -> None:
    path = write_json(tmp_path / "a.json", SAMPLE_ANSWERS)
    args = {"--org": "X", option: value}
    flat = [part for pair in args.items() for part in pair]
    result = run(capsys, "scan", "new", "--answers", str(path), *flat)
    line = assert_one_line_error(*result, [option, char, "stuurteken"])
    assert "\x1b" not in line and "\x07" not in line
    assert db.read_bytes() == existing


# ------------------------------------------------------------------ target set --by


def test_target_by_takes_the_dutch_form(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_scan(capsys, tmp_path, "--org", "X")
    by = TODAY + timedelta(days=400)
    code, _, err = run(
        capsys,
        "target",
        "set",
        "--org",
        "X",
        "--questions",
        "mini",
        "--principle",
        "alpha",
        "--level",
        "4",
        "--by",
        f"{by.day}-{by.month}-{by.year}",
    )
    assert (code, err) == (0, "")
    assert Store(db).targets("X")[0].by == by


@pytest.mark.parametrize(
    ("by", "org"),
    [
        (_day(TODAY - timedelta(days=1)), "X"),
        ("0001-01-01", "X"),
        (_day(TODAY + timedelta(days=11 * 366)), "X"),
        ("31-02-2030", "X"),
        (None, "X\x1b[2J"),
    ],
)
def test_target_set_refuses_bad_dates_and_control_characters(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    existing: bytes,
    by: str | None,
    org: str,
) -> None:
    args = ["--org", org, "--questions", "mini", "--principle", "alpha", "--level", "4"]
    if by is not None:
        args += ["--by", by]
    result = run(capsys, "target", "set", *args)
    assert_one_line_error(*result, ["--by" if by else "--org"])
    assert db.read_bytes() == existing
