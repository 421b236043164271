"""``maturity-scan db check|backups|restore|reset``: the commands that deal with a damaged file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from maturity_scan.cli import main
from maturity_scan.storage.backups import list_backups
from maturity_scan.storage.store import Store

from .conftest import seed_scan


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


@pytest.fixture
def db_with_backup(db_path: Path) -> Path:
    """A database written twice: the second write (on an existing file) makes the day's backup."""
    seed_scan(Store(db_path), "Gemeente Een", "2026-01-05", {"bestuur-actieplan": 2})
    seed_scan(Store(db_path), "Gemeente Twee", "2026-02-05", {"bestuur-actieplan": 3})
    return db_path


def test_check_on_a_missing_database_says_there_is_none(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, db_path, "db", "check")
    assert code == 0 and "nog geen database" in out
    assert not db_path.exists()


def test_check_counts_scans_and_backups(
    db_with_backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, db_with_backup, "--lang", "en", "db", "check")
    assert code == 0
    assert "OK — 2 scans" in out and "backups: 1" in out


def test_check_names_question_sets_that_are_not_installed(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan = seed_scan(
        Store(db_path), "Gemeente Elders", "2026-01-05", {}, set_id="elders", version="3"
    )
    code, out, err = run(capsys, db_path, "db", "check")
    lines = err.splitlines()
    assert code == 3 and len(lines) == 2 and "in orde" in out
    assert all(part in lines[0] for part in ("elders versie 3", "Gemeente Elders", scan.short_id))


def test_damaged_database_is_refused_and_restored_from_a_backup(
    db_with_backup: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = db_with_backup
    [backup] = list_backups(db)
    backed_up = json.loads(backup.path.read_text(encoding="utf-8"))
    db.write_bytes(b'{"scans": {"1": {"id": "x"')  # a write cut off half-way
    damaged = db.read_bytes()

    code, _, err = run(capsys, db, "db", "check")
    assert code == 2 and "beschadigd" in err and "db restore" in err
    assert db.read_bytes() == damaged, "a damaged file is never overwritten"

    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, _, _ = run(capsys, db, "db", "restore", backup.name)
    assert code == 1 and db.read_bytes() == damaged, "no: nothing changes"

    code, out, _ = run(capsys, db, "db", "restore", backup.name, "--yes")
    assert code == 0 and "teruggezet" in out
    aside = [p for p in db.parent.iterdir() if p.name.startswith("scans.json.before-restore-")]
    assert [p.read_bytes() for p in aside] == [damaged], "the damaged file was set aside first"
    assert json.loads(db.read_text(encoding="utf-8")) == backed_up
    assert [s.organisation for s in Store(db).scans()] == ["Gemeente Een"]


def test_restore_refuses_a_name_that_is_not_a_backup(
    db_with_backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db_with_backup.read_bytes()
    code, _, err = run(capsys, db_with_backup, "db", "restore", "../scans.json", "--yes")
    assert code == 2 and "../scans.json" in err and len(err.splitlines()) == 1
    assert db_with_backup.read_bytes() == before


def test_backups_lists_names_and_json(
    db_with_backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, db_with_backup, "db", "backups", "--json")
    assert code == 0
    [entry] = json.loads(out)
    assert entry["reason"] == "daily" and entry["name"].endswith("-daily.json")
    code, out, _ = run(capsys, db_with_backup, "db", "backups")
    assert entry["name"] in out


def test_backups_in_dutch_say_why_and_how_big_as_dutch_does(
    db_with_backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, db_with_backup, "--lang", "nl", "db", "backups", "--json")
    [entry] = json.loads(out)
    size = f"{entry['bytes']:,}".replace(",", ".")
    code, out, _ = run(capsys, db_with_backup, "--lang", "nl", "db", "backups")
    assert code == 0
    row = out.splitlines()[2]
    assert "dagelijks" in row and " daily" not in row and row.rstrip().endswith(size), out


def test_reset_sets_the_file_aside_and_starts_empty(
    db_with_backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db_with_backup.read_bytes()
    code, out, _ = run(capsys, db_with_backup, "db", "reset", "--yes")
    assert code == 0 and "Opnieuw begonnen" in out
    assert not db_with_backup.exists()
    [aside] = [p for p in db_with_backup.parent.iterdir() if ".reset-" in p.name]
    assert aside.read_bytes() == before
    assert Store(db_with_backup).scans() == []
