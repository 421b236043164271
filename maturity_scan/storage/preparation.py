"""Getting the database file ready for this release, once per store, and the daily backup.

Preparation runs before the first read or write of a :class:`~maturity_scan.storage.store.Store`
(again after :meth:`~maturity_scan.storage.store.Store.replace_file`):

- a file of a newer schema version is refused (by :func:`~maturity_scan.storage.codec.parse_tables`,
  the one place that checks it);
- a file of an older version is migrated under the lock: read afresh, a ``pre-migration``
  backup kept, migrated in memory (:mod:`maturity_scan.storage.migrations`), every scan
  checked to decode, written once atomically; a migration that gives invalid scans is not
  written;
- temporary files an earlier crash left are removed, under the lock; a reader never waits or
  fails for that (it tries the lock without waiting).

The first write of each day keeps a copy of the file as it was (``daily``). A copy that cannot
be made never stops the write: it is reported once (``warn.backup_failed``) and tried again at
the next write, until it succeeds. The pre-migration backup does block: without it there is
no way back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

from maturity_scan.atomic import (
    Tables,
    cleanup_temp_files,
    encode_database,
    find_temp_files,
    read_bytes_or_none,
    write_atomic,
)
from maturity_scan.errors import ScanError, StoreError
from maturity_scan.i18n import Localized
from maturity_scan.storage.codec import decode_scan, fast_decode, parse_tables
from maturity_scan.storage.lock import Lock
from maturity_scan.storage.migrations import SCANS, SCHEMA_VERSION, migrate

Warn = Callable[[ScanError], object]


class Preparation:
    """What a store has done to its file: prepared it, made today's backup."""

    def __init__(self, path: Path, lock: Lock, warn: Warn) -> None:
        self.path = path
        self.lock = lock
        self.warn = warn
        self.prepared = False
        self._backup_day: date | None = None
        self._backup_warned = False

    def prepare(self, version: int) -> bool:
        """Prepare (once) a file just read without the lock, of schema ``version``. Returns
        whether it was migrated (read it again)."""
        if self.prepared:
            return False
        migrated = version < SCHEMA_VERSION
        if migrated:
            with self.lock.held():
                cleanup_temp_files(self.path)
                self._migrate_afresh()
        elif self.lock.enabled and find_temp_files(self.path):
            # Clean up after an earlier crash, but never make a reader wait or fail for it.
            with contextlib.suppress(StoreError), self.lock.held(timeout=0):
                cleanup_temp_files(self.path)
        self.prepared = True
        return migrated

    def prepare_file(self) -> None:
        """Prepare (once) the file as it is now, for a write that may not read it."""
        if self.prepared:
            return
        raw = read_bytes_or_none(self.path)
        current = fast_decode(raw) is not None
        self.prepare(SCHEMA_VERSION if current else parse_tables(raw, self.path)[1])

    def prepare_locked(
        self, raw: bytes | None, tables: Tables, version: int
    ) -> tuple[bytes | None, Tables]:
        """Prepare (once) the file a unit of work read holding the lock: returns it as it is
        then (migrated, when it was older)."""
        if self.prepared:
            return raw, tables
        if self.lock.enabled:
            cleanup_temp_files(self.path)
        if raw is not None and version < SCHEMA_VERSION:
            raw, tables = self._migrate(raw, tables, version)
        self.prepared = True
        return raw, tables

    def _migrate_afresh(self) -> None:
        raw = read_bytes_or_none(self.path)  # afresh, inside the lock
        if raw is None:
            return
        tables, version = parse_tables(raw, self.path)
        if version < SCHEMA_VERSION:
            self._migrate(raw, tables, version)

    def _migrate(self, raw: bytes, tables: Tables, version: int) -> tuple[bytes, Tables]:
        from maturity_scan.storage.backups import make_backup

        make_backup(self.path, raw, "pre-migration")
        migrated = migrate(tables, version)
        for doc in migrated.get(SCANS, {}).values():
            decode_scan(doc, self.path)  # a migration that gives invalid scans is not written
        payload = encode_database(migrated)
        write_atomic(self.path, payload)
        return payload, migrated

    def daily_backup(self, raw: bytes | None) -> None:
        """Keep ``raw`` (the file as the first write of the day found it) as today's backup;
        best effort (see the module's docstring)."""
        today = date.today()
        if self._backup_day == today:
            return
        from maturity_scan.storage.backups import backup_dir, has_backup_on, make_backup

        try:
            if raw is not None and not has_backup_on(self.path, today):
                make_backup(self.path, raw, "daily")
        except (ScanError, OSError) as err:
            if not self._backup_warned:
                self._backup_warned = True
                if isinstance(err, ScanError):
                    where = err.params.get("file", str(backup_dir(self.path)))
                    reason = err.params.get("reason") or Localized(err.render)
                else:
                    where, reason = str(backup_dir(self.path)), err.strerror or err
                self.warn(ScanError("warn.backup_failed", file=where, reason=reason))
            return
        self._backup_day = today
        self._backup_warned = False
