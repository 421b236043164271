"""The daily backup never blocks a write: a backup that cannot be made is reported once as a
warning, tried again at a later write, and the write itself goes on."""

from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path

import pytest

from maturity_scan.cli import main
from maturity_scan.errors import ScanError, StoreError
from maturity_scan.storage import backups
from maturity_scan.storage.backups import backup_dir, list_backups
from maturity_scan.storage.store import Store

from .conftest import seed_scan

SETS = Path(__file__).parent / "fixtures" / "sets"


def seeded(db: Path) -> tuple[Store, list[ScanError]]:
    """A database that exists (so the next write of a new store makes the day's backup),
    and a store on it whose warnings go to the list returned."""
    seed_scan(Store(db), "Gemeente Eerst", "2026-03-01", {"bestuur-principebesluit": 3})
    warnings: list[ScanError] = []
    return Store(db, on_warning=warnings.append), warnings


def test_a_file_where_the_backups_folder_should_be_warns_once_and_the_writes_go_on(
    db_path: Path,
) -> None:
    store, warnings = seeded(db_path)
    in_the_way = backup_dir(db_path)
    in_the_way.write_text("an export someone wrote here", encoding="utf-8")

    seed_scan(store, "Gemeente Twee", "2026-03-02", {"bestuur-principebesluit": 2})
    seed_scan(store, "Gemeente Drie", "2026-03-03", {"bestuur-principebesluit": 1})
    assert [s.organisation for s in Store(db_path).scans()] == [
        "Gemeente Eerst",
        "Gemeente Twee",
        "Gemeente Drie",
    ]
    assert [w.key for w in warnings] == ["warn.backup_failed"]  # once, not per write
    line = warnings[0].render("en")
    assert line.startswith(f"{in_the_way}: cannot make the daily backup (")
    assert "the change itself was saved" in line and "\n" not in line
    assert in_the_way.read_text(encoding="utf-8") == "an export someone wrote here"

    in_the_way.unlink()  # the way is free: the next write makes the backup
    seed_scan(store, "Gemeente Vier", "2026-03-04", {"bestuur-principebesluit": 4})
    assert [b.created.date() for b in list_backups(db_path)] == [date.today()]
    assert len(warnings) == 1


def test_a_full_disk_for_the_backup_never_stops_the_write(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, warnings = seeded(db_path)
    calls = []

    def disk_full(path: Path, payload: bytes, error_key: str = "err.db_write") -> None:
        calls.append(path)
        raise StoreError(error_key, file=str(path), reason=os.strerror(errno.ENOSPC))

    monkeypatch.setattr(backups, "write_atomic", disk_full)
    draft = seed_scan(store, "Gemeente Vol", "2026-03-02", {}, status="draft")
    store.complete(draft.id)
    assert Store(db_path).get(draft.id).status == "completed"
    assert len(calls) == 2  # tried at each write
    assert [w.key for w in warnings] == ["warn.backup_failed"]
    assert "No space left on device" in warnings[0].render("en")


def test_any_oserror_of_the_backup_is_a_warning(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, warnings = seeded(db_path)

    def broken(db: Path) -> list[backups.Backup]:
        raise PermissionError(errno.EACCES, "Permission denied", str(backup_dir(db)))

    monkeypatch.setattr(backups, "list_backups", broken)
    seed_scan(store, "Gemeente Twee", "2026-03-02", {})
    assert len(Store(db_path).scans()) == 2
    assert store.warnings == []  # a callback was given: they went there
    assert [w.key for w in warnings] == ["warn.backup_failed"]
    assert "Permission denied" in warnings[0].render("en")


def test_without_a_callback_warnings_collect_on_the_store(db_path: Path) -> None:
    seeded(db_path)
    store = Store(db_path)  # no callback
    backup_dir(db_path).write_text("x", encoding="utf-8")
    seed_scan(store, "Gemeente Twee", "2026-03-02", {})
    assert [w.key for w in store.warnings] == ["warn.backup_failed"]


@pytest.mark.parametrize("lang, prefix", [("nl", "waarschuwing"), ("en", "warning")])
def test_the_command_line_prints_the_warning_once_and_exits_0(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    prefix: str,
) -> None:
    db = tmp_path / "db.json"
    monkeypatch.setenv("MATURITY_SCAN_QUESTIONS", str(SETS))
    monkeypatch.setenv("MATURITY_SCAN_CACHE", "")
    answers = tmp_path / "a.json"
    answers.write_text('{"question_set": "mini", "answers": {"a1": 3}}', encoding="utf-8")
    args = ["--lang", lang, "--db", str(db), "scan", "new", "--org", "X", "--answers", str(answers)]
    for attempt in range(2):  # the first creates the database, the second makes the backup
        if attempt == 1:
            (tmp_path / "db-backups").write_text("in the way", encoding="utf-8")
        with pytest.raises(SystemExit) as info:
            main(args)
        _, err = capsys.readouterr()
        assert info.value.code == 0, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"maturity-scan: {prefix}: {tmp_path / 'db-backups'}: ")
    assert "Traceback" not in err
    assert len(Store(db).scans()) == 2
