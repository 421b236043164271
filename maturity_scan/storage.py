"""Files that are never left half-written: the database's bytes, read and parsed, and
written atomically.

:func:`write_atomic` writes to a temporary file in the same directory, flushes and fsyncs
it, renames it over the target (atomic on POSIX and Windows) and fsyncs the directory. A
crash at any moment leaves the old or the new file, never a mix. No file handle is kept
open between operations, and every file is created readable by the owner only.

Nothing here imports TinyDB or :mod:`json` until it is used: a read-only command decodes
the database with msgspec and needs neither (see :mod:`maturity_scan.tinydb_storage`).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from maturity_scan.errors import StoreError

TEMP_SUFFIX = ".tmp"

Tables = dict[str, dict[str, Any]]


def temp_prefix(path: Path) -> str:
    """Temporary files of ``path`` start with this, so a clean-up touches only its own."""
    return f".{path.name}."


def parse_database(raw: bytes, path: Path) -> Tables:
    """The tables in ``raw``; a clear error when it is not a TinyDB file of the expected shape."""
    import json  # the slow way only: a read that msgspec refused, a write, a migration

    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as err:  # ValueError: also a number over 4300 digits
        reason = "empty file" if not raw.strip() else str(err).splitlines()[0]
        raise StoreError("err.db_not_json", file=str(path), reason=reason) from None
    if not isinstance(data, dict):
        reason = f"top level is {type(data).__name__}, not object"
        raise StoreError("err.db_shape", file=str(path), reason=reason)
    for name, table in data.items():
        if not isinstance(table, dict) or not all(
            isinstance(d, dict) and _is_doc_id(i) for i, d in table.items()
        ):
            raise StoreError("err.db_shape", file=str(path), reason=f"table '{name}' is malformed")
    return data


def _is_doc_id(key: str) -> bool:
    """TinyDB turns every document key into an int; one that is not would crash it."""
    try:
        int(key)
    except ValueError:
        return False
    return True


def read_bytes_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise StoreError(
            "err.file_unreadable", file=str(path), reason=err.strerror or err
        ) from None


def read_database(path: Path) -> Tables | None:
    """The tables of the database at ``path``; ``None`` when there is no file yet."""
    raw = read_bytes_or_none(path)
    return None if raw is None else parse_database(raw, path)


def encode_database(data: Tables) -> bytes:
    import json

    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_atomic(path: Path, payload: bytes, error_key: str = "err.db_write") -> None:
    """Replace ``path`` by ``payload`` atomically and durably, readable by the owner only.

    On any error the temporary file is removed and ``path`` is as it was.
    """
    directory = path.parent
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        import tempfile  # writes only: reads start faster without it

        fd, temp_name = tempfile.mkstemp(
            prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=directory
        )
    except OSError as err:
        raise StoreError(error_key, file=str(path), reason=err.strerror or err) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise StoreError(error_key, file=str(path), reason=err.strerror or err) from None
    # The new file is in place: a failing directory fsync must not report "nothing was
    # changed" (a retry would store the same scan twice). Best effort, as SQLite does.
    with contextlib.suppress(OSError):
        fsync_directory(directory)


def cleanup_temp_files(path: Path) -> int:
    """Remove temporary files an earlier crash left beside ``path``; returns how many.

    Call it only while holding the database lock, so no writer's file is removed.
    """
    removed = 0
    for leftover in find_temp_files(path):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed += 1
    return removed


def find_temp_files(path: Path) -> list[Path]:
    """Temporary files of ``path`` (an earlier crash's, or a writer's at this moment)."""
    return list(path.parent.glob(f"{temp_prefix(path)}*{TEMP_SUFFIX}"))


def fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
