"""The TinyDB storage of the database: TinyDB's own ``JSONStorage`` writes over the file in
place; this one writes every change with :func:`~maturity_scan.atomic.write_atomic`, so a
crash never leaves half a database behind.

Only writes use TinyDB (reads decode the file with msgspec, see :mod:`maturity_scan.storage.store`),
so this module is imported when the first write opens the database.
"""

from __future__ import annotations

import os
from pathlib import Path

from tinydb.storages import Storage

from maturity_scan.atomic import Tables, encode_database, read_database, write_atomic


class AtomicJSONStorage(Storage):
    """Reads the file once and keeps it for the life of the instance. The store opens a fresh
    instance for every operation (a write inside its lock), so one operation parses the file
    once however many tables and queries it touches, and never sees a stale copy."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._tables: Tables | None = None

    def read(self) -> Tables | None:
        if self._tables is None:
            self._tables = read_database(self.path)
        return self._tables

    def write(self, data: Tables) -> None:
        write_atomic(self.path, encode_database(data))
        self._tables = data
        self.written = True

    written = False

    def close(self) -> None:
        """Nothing is held open between operations."""
