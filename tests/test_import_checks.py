"""What an import file may carry beyond its JSON shape (issue #10): ids of the form the
program makes, one scan per id, dates every screen can show, a status that fits the dates;
a database given as an export; where in a broken file the error is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from maturity_scan.errors import ScanError
from maturity_scan.inputs import parse_json
from maturity_scan.storage.store import Store

from .conftest import seed_scan
from .test_cli import SETS, assert_one_line_error, new_scan, run, write_json


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    monkeypatch.setenv("MATURITY_SCAN_QUESTIONS", str(SETS))
    return path


def scan_in(
    other: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], mp: pytest.MonkeyPatch
) -> None:
    """One completed scan stored in the database ``other``."""
    with mp.context() as patch:
        patch.setenv("MATURITY_SCAN_DB", str(other))
        new_scan(capsys, tmp_path, "--org", "Gemeente Ommen")


@pytest.fixture
def export(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> dict[str, Any]:
    """An export of one completed scan, from another database; ``db`` stays empty."""
    other = tmp_path / "other.json"
    scan_in(other, tmp_path, capsys, monkeypatch)
    code, out, _ = run(capsys, "--db", str(other), "export")
    assert code == 0
    data: dict[str, Any] = json.loads(out)
    return data


def import_one_line_error(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], data: Any, fragments: list[str]
) -> str:
    path = write_json(tmp_path / "in.json", data)
    line = assert_one_line_error(*run(capsys, "import", str(path)), [str(path), *fragments])
    assert not db.exists()  # nothing stored
    return line


def test_the_export_as_made_imports(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], export: dict[str, Any]
) -> None:
    path = write_json(tmp_path / "in.json", export)
    code, _, err = run(capsys, "import", str(path))
    assert (code, err) == (0, "")
    assert len(Store(db).scans()) == 1


@pytest.mark.parametrize(
    ("scan_id", "shown"),
    [
        ("ABCDEF0123456789ABCDEF0123456789", "ABCDEF0123456789ABCDEF0123456789"),
        ("  abcd1234  ", " abcd1234 "),  # a message is one line: blanks are folded
        ("../../pwned", "../../pwned"),
        ("abc\x1b]0;X\x07", "abc\\x1b]0;X\\x07"),
        ("a" * 5000, "a" * 40 + "…"),
        ("0" * 31, "0" * 31),
    ],
)
def test_ids_not_of_the_program_s_form_are_refused(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    export: dict[str, Any],
    scan_id: str,
    shown: str,
) -> None:
    export["scans"][0]["id"] = scan_id
    line = import_one_line_error(db, tmp_path, capsys, export, [f"'{shown}'", "0-9 en a-f"])
    assert "\x1b" not in line and "\x07" not in line


def test_two_scans_with_one_id_in_a_file(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], export: dict[str, Any]
) -> None:
    twin = json.loads(json.dumps(export["scans"][0]))
    twin["organisation"] = "Gemeente Twee"
    export["scans"].append(twin)
    line = import_one_line_error(
        db, tmp_path, capsys, export, [twin["id"][:8], "meer dan eens in het bestand"]
    )
    assert "al in de database" not in line


def test_the_store_refuses_two_scans_with_one_id_in_one_import(db: Path) -> None:
    first = seed_scan(Store(db), "A", "2026-01-05", {}, scan_id="a" * 32)
    db.unlink()
    with pytest.raises(ScanError) as info:
        Store(db).import_scans([first, first], "x.json")
    assert info.value.key == "err.import_duplicate_scan"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("started_at", "9999-12-31T23:59:59-12:00"),
        ("completed_at", "9999-12-31T23:59:59-12:00"),
        ("started_at", "0001-01-01T00:00:00+14:00"),
        ("started_at", "0001-01-01T00:00:00"),  # no zone: local time, which is year 0 east
        ("taken_at", "9999-12-31T23:59:59"),
        ("taken_at", "0001-01-01T00:00:00Z"),
    ],
)
def test_dates_no_screen_can_show_are_refused(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    export: dict[str, Any],
    field: str,
    value: str,
) -> None:
    scan = export["scans"][0]
    if field == "started_at":  # a draft: only its start is checked
        scan["status"], scan["completed_at"] = "draft", None
    scan[field] = value
    import_one_line_error(db, tmp_path, capsys, export, [scan["id"][:8], field])


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/New_York", "UTC"])
def test_a_zone_less_year_one_is_one_line_in_every_zone(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    export: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    zone: str,
) -> None:
    import time

    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        scan = export["scans"][0]
        scan["started_at"] = scan["completed_at"] = scan["taken_at"] = "0001-01-01T00:00:00"
        import_one_line_error(db, tmp_path, capsys, export, [scan["id"][:8], "started_at"])
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize(
    ("changes", "fragments"),
    [
        (
            {
                "started_at": "2026-06-02T10:00:00+00:00",
                "completed_at": "2026-06-01T10:00:00+00:00",
            },
            ["completed_at", "vóór started_at"],
        ),
        ({"status": "draft"}, ["completed_at", "concept"]),
        ({"completed_at": None}, ["completed_at", "afgeronde scan"]),
    ],
)
def test_status_and_dates_must_fit(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    export: dict[str, Any],
    changes: dict[str, Any],
    fragments: list[str],
) -> None:
    scan = export["scans"][0]
    scan.update(changes)
    import_one_line_error(db, tmp_path, capsys, export, [scan["id"][:8], *fragments])


def test_a_database_given_to_import_says_so(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "elders.json"
    scan_in(source, tmp_path, capsys, monkeypatch)
    line = assert_one_line_error(*run(capsys, "import", str(source)), [str(source)])
    assert "database van maturity-scan, geen export" in line and "meta" not in line
    assert not db.exists()


# ------------------------------------------------------------------ where a file is broken


def test_a_json_error_names_line_and_column_not_the_byte(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.json"
    path.write_text('{\n  "schema_version": 3,\n  "scans": [1 2]\n}\n', encoding="utf-8")
    line = assert_one_line_error(*run(capsys, "import", str(path)), [str(path)])
    assert "regel 3, kolom 15" in line and "byte" not in line
    code, _, err = run(capsys, "--lang", "en", "import", str(path))
    assert code == 2 and "line 3, column 15" in err


def test_line_and_column_count_characters_after_a_bom() -> None:
    data = '\ufeff{\n "é": [1,\n  2,,]}'.encode()
    with pytest.raises(ScanError) as info:
        parse_json(data, "f.json")
    assert "regel 3, kolom 5" in info.value.render("nl")


def test_a_file_not_in_utf8_says_how_to_fix_it(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ansi.json"
    path.write_bytes('{"question_set": "mini",\n "notes": {"a1": "café"}}'.encode("cp1252"))
    line = assert_one_line_error(*run(capsys, "import", str(path)), [str(path)])
    assert "regel 2, kolom 22" in line and "sla het bestand op als UTF-8" in line
    code, _, err = run(capsys, "--lang", "en", "scan", "new", "--org", "X", "--answers", str(path))
    assert code == 2 and "line 2, column 22" in err and "save the file as UTF-8" in err
