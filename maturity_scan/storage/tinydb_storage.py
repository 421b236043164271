"""The database file as a TinyDB storage.

The file is a TinyDB database: one JSON object of tables, each a mapping of document id to
document (``TinyDB(path, access_mode="r")`` opens it; ``tests/test_store_integrity.py``
checks that). Every write of the program goes through :class:`AtomicJSONStorage`, a TinyDB
:class:`~tinydb.storages.Storage` whose ``write`` replaces the file atomically and durably
(:func:`~maturity_scan.atomic.write_atomic`) instead of writing over it in place as TinyDB's
own ``JSONStorage`` does, so a crash never leaves half a database behind.

Only writes import this module (and with it TinyDB): reads decode the file with msgspec in
:mod:`maturity_scan.storage.codec`.
"""

from __future__ import annotations

from pathlib import Path

from tinydb.storages import Storage

from maturity_scan.atomic import Tables, encode_database, read_bytes_or_none, write_atomic
from maturity_scan.storage.codec import parse_tables


class AtomicJSONStorage(Storage):
    """One instance per unit of work: the file is read once, when the unit starts, and the
    bytes and the parsed tables are kept for it (``raw``, ``version``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.raw: bytes | None = read_bytes_or_none(path)
        self.tables, self.version = parse_tables(self.raw, path)

    def read(self) -> Tables | None:
        return self.tables if self.raw is not None else None

    def write(self, data: Tables) -> None:
        write_atomic(self.path, encode_database(data))
        self.tables = data

    def close(self) -> None:
        """Nothing is held open between operations."""
