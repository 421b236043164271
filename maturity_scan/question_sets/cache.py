"""A cache of parsed question sets, so that commands need not parse TOML every time.

One file per question-set file, named after a checksum of its path, holding a key and the
validated set (msgpack). The key is the file's path, size and modification time, plus this
release and the source of the models and of texts (``lang``), so an edited set or a new
release is parsed afresh. A cache
that is missing, unreadable, damaged or stale is simply not used; one that cannot be
written is skipped. Nothing here can make a command fail.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from pathlib import Path

import msgspec

from maturity_scan import __version__, lang
from maturity_scan.atomic import write_atomic
from maturity_scan.core import models
from maturity_scan.core.models import QuestionSet
from maturity_scan.errors import StoreError

#: A set's texts keep the order of their languages (the set's, see loading): msgpack keeps
#: the order of a map's keys.
_decoder = msgspec.msgpack.Decoder(tuple[str, QuestionSet], dec_hook=lang.decode_hook)


def _key(path: Path) -> str | None:
    try:
        source = path.resolve().stat()
        code = [Path(models.__file__).stat(), Path(lang.__file__).stat()]
    except OSError:
        return None
    return f"{path.resolve()}|{source.st_size}|{source.st_mtime_ns}|{__version__}" + "".join(
        f"|{stat.st_size}|{stat.st_mtime_ns}" for stat in code
    )


def _file(cache: Path, path: Path) -> Path:
    return cache / f"qs-{zlib.crc32(os.fsencode(path.resolve())):08x}.msgpack"


def load(cache: Path, path: Path) -> QuestionSet | None:
    """The set parsed from ``path`` earlier, if it has not changed since."""
    key = _key(path)
    if key is None:
        return None
    try:
        stored_key, question_set = _decoder.decode(_file(cache, path).read_bytes())
    except (OSError, msgspec.DecodeError):
        return None
    return question_set if stored_key == key else None


def save(cache: Path, path: Path, question_set: QuestionSet) -> None:
    key = _key(path)
    if key is None:
        return
    with contextlib.suppress(StoreError):
        write_atomic(_file(cache, path), msgspec.msgpack.encode((key, question_set)))
