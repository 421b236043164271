"""Files that are never left half-written: the database's bytes, read and parsed, and
written atomically.

:func:`write_atomic` writes (bytes, or chunks as they are produced) to a temporary file in
the same directory, flushes and fsyncs it, renames it over the target (atomic on POSIX and
Windows) and fsyncs the directory. A crash at any moment leaves the old or the new file,
never a mix. No file handle is kept
open between operations, and every file is created readable by the owner only.

Nothing here imports TinyDB or :mod:`json` until it is used: a read-only command decodes
the database with msgspec and needs neither (see :mod:`maturity_scan.storage.codec`).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from maturity_scan.errors import StoreError

TEMP_SUFFIX = ".tmp"
#: In the name of every temporary file this program makes, before 16 random hex digits:
#: ``.<target name>.maturity-scan-<16 hex>.tmp``. Clean-up matches exactly that form, so it
#: never takes another program's temporary file (``.scans.json.copy.json.x1y2.tmp``).
TEMP_MARKER = "maturity-scan-"
_OWN_TEMP = re.compile(
    rf"^\.(?P<target>.+)\.(?:{TEMP_MARKER}[0-9a-f]{{16}}|(?P<legacy>[a-z0-9_]{{8}}))"
    rf"{re.escape(TEMP_SUFFIX)}$"
)
#: Open flags for files the program writes: never through a symlink where the OS can tell,
#: binary on Windows (where os.open means text mode otherwise), not inherited by children.
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
#: Folders the program creates: private, whatever the umask (backups and journals hold notes).
PRIVATE_DIR = 0o700

Tables = dict[str, dict[str, Any]]


def temp_prefix(path: Path) -> str:
    """Temporary files of ``path`` start with this (see :data:`TEMP_MARKER`)."""
    return f".{path.name}.{TEMP_MARKER}"


def is_own_temp(name: str, target: str | None = None) -> bool:
    """Whether ``name`` is a temporary file of this program (of ``target`` when given).

    Besides the marked form, the unmarked form of releases before 2026-12 (``tempfile``'s
    eight random characters, nothing else between the dots) is recognised, so a crash of an
    older release is still cleaned up; no other program's file has that exact form.
    """
    match = _OWN_TEMP.match(name)
    return match is not None and (target is None or match.group("target") == target)


def open_temp(path: Path) -> tuple[int, Path]:
    """Create a new, empty temporary file beside ``path``, readable by the owner only;
    returns its descriptor (open for writing) and its path. Raises OSError."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | _BINARY
    for _ in range(100):
        temp = path.parent / f"{temp_prefix(path)}{os.urandom(8).hex()}{TEMP_SUFFIX}"
        try:
            return os.open(temp, flags, 0o600), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def make_private_dirs(directory: Path) -> None:
    """Create ``directory`` and every missing folder above it, each with mode 0700 whatever
    the umask (``mkdir(parents=True)`` gives the parents the umask's mode). Raises OSError,
    also when something that is not a folder is in the way."""
    missing: list[Path] = []
    current = directory
    while not current.is_dir():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, PRIVATE_DIR)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # made by another process just now: not ours to change
        os.chmod(folder, PRIVATE_DIR)


def real_path(path: Path) -> Path:
    """``path`` itself, or, when it is a symbolic link, the file it points to (followed to
    the end): a symlinked database is written where it really is, and the link stays."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


def is_regular_or_missing(path: Path) -> bool:
    """Whether ``path`` is a regular file (followed through links) or does not exist."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return True


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


def write_atomic(
    path: Path, payload: bytes | Iterable[bytes], error_key: str = "err.db_write"
) -> None:
    """Replace ``path`` by ``payload`` atomically and durably, readable by the owner only.

    ``payload`` is the bytes, or an iterable of chunks written one after the other as they
    are produced (an export of any size never sits in memory at once). Whatever goes wrong
    (writing, or producing a chunk, even an interrupt), the temporary file is removed and
    ``path`` is as it was; an OSError is a :class:`StoreError` with ``error_key``.
    """
    chunks = (payload,) if isinstance(payload, bytes | bytearray | memoryview) else payload
    directory = path.parent
    try:
        make_private_dirs(directory)  # each missing folder 0700, whatever the umask
        fd, temp_name = open_temp(path)
    except OSError as err:
        raise StoreError(error_key, file=str(path), reason=err.strerror or err) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise StoreError(error_key, file=str(path), reason=err.strerror or err) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
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
    """Temporary files of ``path`` made by this program (an earlier crash's, or a writer's
    at this moment); never another program's (see :func:`is_own_temp`)."""
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    start = f".{path.name}."
    return [
        path.parent / name
        for name in names
        if name.startswith(start) and name.endswith(TEMP_SUFFIX) and is_own_temp(name, path.name)
    ]


def fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
