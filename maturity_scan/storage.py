"""A TinyDB storage that never leaves a half-written database behind.

TinyDB's own ``JSONStorage`` writes over the file in place. This one writes the whole
database to a temporary file in the same directory, flushes and fsyncs it, then renames
it over the database (atomic on POSIX and Windows) and fsyncs the directory. A crash at
any moment leaves either the old or the new file, never a mix. No file handle is kept
open between operations, and files are created readable by the owner only.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from maturity_scan.errors import StoreError

TEMP_PREFIX = ".maturity-scan-"
TEMP_SUFFIX = ".tmp"


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as err:
            raise StoreError(
                "err.file_unreadable", file=str(self.path), reason=err.strerror or err
            ) from None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
            reason = "empty file" if not raw.strip() else str(err).splitlines()[0]
            raise StoreError("err.db_not_json", file=str(self.path), reason=reason) from None
        _check_shape(data, self.path)
        return data  # type: ignore[no-any-return]

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        write_atomic(self.path, payload)

    def close(self) -> None:
        """Nothing is held open between operations."""


def _check_shape(data: Any, path: Path) -> None:
    if not isinstance(data, dict):
        raise StoreError(
            "err.db_shape", file=str(path), reason=f"top level is {type(data).__name__}, not object"
        )
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise StoreError("err.db_shape", file=str(path), reason=f"table '{name}' is malformed")


def write_atomic(path: Path, payload: bytes, error_key: str = "err.db_write") -> None:
    """Replace ``path`` by ``payload`` atomically and durably, readable by the owner only."""
    directory = path.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=directory)
    except OSError as err:
        raise StoreError(error_key, file=str(path), reason=err.strerror or err) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
        _fsync_directory(directory)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise StoreError(error_key, file=str(path), reason=err.strerror or err) from None


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
