"""Backups of the database: validated copies kept beside it, and setting a file aside.

A backup is made before every schema migration and at the first write of each day; the
newest :data:`BACKUPS_KEPT` are kept. They live in ``<db stem>-backups/`` next to the database,
named ``<db stem>-<YYYY-MM-DDTHHMMSS>-<reason>.json``. A file that is replaced by a restore or
a reset is never deleted: it is first copied aside as ``<db name>.<label>-<timestamp>``.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from maturity_scan.atomic import (
    is_own_temp,
    make_private_dirs,
    parse_database,
    read_bytes_or_none,
    write_atomic,
)
from maturity_scan.errors import ScanError, StoreError

BACKUPS_KEPT = 10
_STAMP = "%Y-%m-%dT%H%M%S"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{4}-\d{2}-\d{2}T\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z-]+)\.json$"
)


@dataclass(frozen=True)
class Backup:
    path: Path
    created: datetime
    reason: str
    counter: int = 1  # a second backup in the same second is "-2-"

    @property
    def name(self) -> str:
        return self.path.name


def backup_dir(db: Path) -> Path:
    return db.parent / f"{db.stem}-backups"


def list_backups(db: Path) -> list[Backup]:
    """The backups of ``db``, oldest first."""
    directory = backup_dir(db)
    if not directory.is_dir():
        return []
    found = []
    for path in directory.glob(f"{db.stem}-*.json"):
        match = _NAME.match(path.name)
        if match and match.group("stem") == db.stem:
            created = datetime.strptime(match.group("stamp"), _STAMP)
            counter = int(match.group("n") or 1)
            found.append(Backup(path, created, match.group("reason"), counter))
    return sorted(found, key=lambda b: (b.created, b.counter))


def has_backup_on(db: Path, day: date) -> bool:
    return any(b.created.date() == day for b in list_backups(db))


def make_backup(db: Path, raw: bytes, reason: str, when: datetime | None = None) -> Path:
    """Validate ``raw`` (the database's bytes) and keep it as a backup; prune old ones.

    Every failure is a :class:`StoreError` (``err.backup_write`` naming the folder or file),
    never a bare OSError: a folder that cannot be made, a file where the folder should be.
    """
    parse_database(raw, db)
    stamp = (when or datetime.now()).strftime(_STAMP)
    directory = backup_dir(db)
    try:
        make_private_dirs(directory)  # private: backups hold notes
        for name in os.listdir(directory):  # from a crash; the caller holds the lock
            if is_own_temp(name):
                (directory / name).unlink(missing_ok=True)
    except OSError as err:
        raise StoreError(
            "err.backup_write", file=str(directory), reason=err.strerror or err
        ) from None
    target = directory / f"{db.stem}-{stamp}-{reason}.json"
    counter = 1
    while target.exists():
        counter += 1
        target = directory / f"{db.stem}-{stamp}-{counter}-{reason}.json"
    write_atomic(target, raw, error_key="err.backup_write")
    for old in list_backups(db)[:-BACKUPS_KEPT]:
        with contextlib.suppress(OSError):  # pruning is tidying: it never fails a write
            old.path.unlink(missing_ok=True)
    return target


def find_backup(db: Path, name: str) -> Backup:
    """The backup called ``name`` (a name from :func:`list_backups`, never a path)."""
    for backup in list_backups(db):
        if backup.name == name:
            return backup
    known = ", ".join(b.name for b in list_backups(db)[-3:]) or "-"
    raise ScanError("err.backup_unknown", name=name, known=known)


def set_aside(db: Path, label: str, when: datetime | None = None) -> Path | None:
    """Copy the current file, as it is (even damaged), to a timestamped name beside it."""
    raw = read_bytes_or_none(db)
    if raw is None:
        return None
    stamp = (when or datetime.now()).strftime(_STAMP)
    target = db.with_name(f"{db.name}.{label}-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = db.with_name(f"{db.name}.{label}-{stamp}-{counter}")
    write_atomic(target, raw, error_key="err.backup_write")
    return target
