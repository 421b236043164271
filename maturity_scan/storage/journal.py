"""Per-draft answer journals: saving one answer costs the same with 10,000 stored scans as
with none.

Every write rewrites the whole database file. So an answer or note given to a draft is not
written into the database but appended, as one JSON line, to the draft's journal
``<db>.journal/<scan id>.jsonl`` and fsynced before the app says "saved". A line holds what
changed: ``{"question": "bestuur-doelen", "level": 3}``, ``{"question": …, "note": "…"}``
or both. Replaying the lines in order on the scan in the database gives the scan as it is now.

The database stays the store of record. The store *folds* the journals into it (replays them
and writes the file once, then removes the journals) at every other write: completing,
deleting, adding, targets, imports. Readers overlay the journals on what they read, so
nobody sees stale answers. Replay is idempotent (each line sets a value), so a crash between
writing the folded database and removing the journal only replays the same values.

Invariant, kept under the database lock: a journal exists only for a scan that is a draft in
the database. Appends take the same lock, so they keep their order with a ``complete`` or
``delete`` from another process. A crash in the middle of an append leaves a last line
without its newline: it was never reported as saved, readers ignore it, and the next append
cuts it off first.

A journal is a regular file the store made. It is never opened through a symbolic link
(``O_NOFOLLOW`` where the OS has it, a check before opening where it does not): a link, a
folder or a pipe where a journal should be is refused like a damaged journal, by every read
and write, naming the file, until someone removes it. A line is checked against the draft's
question set when the store knows it (:func:`check`): a question the set does not have, or
"na" where the question does not allow it, is damage too, never folded into the database.

Nothing here imports Textual; the store calls it.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from maturity_scan.atomic import NOFOLLOW, fsync_directory, make_private_dirs
from maturity_scan.core.models import NA, AnswerRecord, AnswerValue, NonEmpty, Scan
from maturity_scan.errors import StoreError

if TYPE_CHECKING:
    from maturity_scan.core.models import QuestionSet

#: Extra flags for opening a journal: never through a symlink, never waiting on a pipe,
#: binary on Windows, not inherited by child processes.
_OPEN_FLAGS = (
    NOFOLLOW
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)

SUFFIX = ".jsonl"

#: Scan ids that can name a file as they are. Others (an imported scan with an odd id) are
#: written into the database directly, the slow way.
_SAFE_ID = re.compile(r"[0-9A-Za-z_-]{1,100}")


class Entry(msgspec.Struct, gc=False, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """One change to one answer: its level, its note, or both."""

    question: NonEmpty
    level: AnswerValue | msgspec.UnsetType = msgspec.UNSET
    note: str | msgspec.UnsetType = msgspec.UNSET


_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(Entry)


def journal_dir(db: Path) -> Path:
    return db.with_name(db.name + ".journal")


def journal_path(db: Path, scan_id: str) -> Path | None:
    """Where the journal of ``scan_id`` lives; ``None`` for an id that cannot name a file."""
    if not _SAFE_ID.fullmatch(scan_id):
        return None
    return journal_dir(db) / f"{scan_id}{SUFFIX}"


def encode(entry: Entry) -> bytes:
    return _encoder.encode(entry) + b"\n"


def parse(raw: bytes, path: Path) -> list[Entry]:
    """The complete lines of a journal. A last line without its newline was cut off by a
    crash and never reported as saved: it is left out. Any other bad line is damage."""
    lines = raw.split(b"\n")[:-1]
    entries = []
    for number, line in enumerate(lines, start=1):
        try:
            entries.append(_decoder.decode(line))
        except msgspec.DecodeError as err:
            raise StoreError(
                "err.journal_damaged", file=str(path), line=number, reason=str(err)
            ) from None
    return entries


def check(entries: Iterable[Entry], path: Path, question_set: QuestionSet) -> None:
    """Refuse, like a damaged line, an entry the question set does not allow: a question it
    does not have, or "na" on a question without "not applicable"."""
    from maturity_scan.i18n import Localized, tr

    for number, entry in enumerate(entries, start=1):
        question = question_set.question(entry.question)
        if question is None:
            key = "reason.journal_question"
        elif entry.level == NA and not question.allow_na:
            key = "reason.journal_na"
        else:
            continue
        params = {
            "question": entry.question,
            "set": question_set.id,
            "version": question_set.version,
        }
        reason = Localized(partial(tr, key, **params))  # in the language the error is shown in
        raise StoreError("err.journal_damaged", file=str(path), line=number, reason=reason)


def open_journal(path: Path, flags: int) -> int:
    """A descriptor of the journal at ``path``, which must be a regular file and not a
    symbolic link. Raises StoreError ``err.journal_not_file`` for anything else, or OSError."""
    if not NOFOLLOW and os.path.islink(path):  # an OS without O_NOFOLLOW (Windows)
        raise StoreError("err.journal_not_file", file=str(path))
    try:
        fd = os.open(path, flags | _OPEN_FLAGS, 0o600)
    except OSError as err:
        if os.path.islink(path) or isinstance(err, IsADirectoryError):
            raise StoreError("err.journal_not_file", file=str(path)) from None
        raise
    try:
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    except OSError:
        os.close(fd)
        raise
    if not regular:
        os.close(fd)
        raise StoreError("err.journal_not_file", file=str(path))
    return fd


def _read(path: Path) -> bytes:
    fd = open_journal(path, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_all(db: Path) -> dict[str, tuple[Path, list[Entry]]]:
    """Every journal beside ``db``, by scan id: ``{}`` when there are none."""
    found: dict[str, tuple[Path, list[Entry]]] = {}
    try:
        names = os.listdir(journal_dir(db))
    except FileNotFoundError:
        return found
    except OSError as err:
        raise StoreError(
            "err.file_unreadable", file=str(journal_dir(db)), reason=err.strerror or err
        ) from None
    for name in sorted(names):
        if not name.endswith(SUFFIX):
            continue
        path = journal_dir(db) / name
        try:
            raw = _read(path)
        except FileNotFoundError:  # folded by another process just now
            continue
        except OSError as err:
            raise StoreError(
                "err.file_unreadable", file=str(path), reason=err.strerror or err
            ) from None
        found[name[: -len(SUFFIX)]] = (path, parse(raw, path))
    return found


def replay(scan: Scan, entries: Iterable[Entry]) -> Scan:
    """``scan`` with the entries applied in order (the store's ``set_answer`` rules)."""
    answers = dict(scan.answers)
    carried = scan.carried
    changed = False
    for entry in entries:
        if entry.level is not msgspec.UNSET and entry.question in carried:
            carried = [q for q in carried if q != entry.question]  # confirmed or changed
        old = answers.get(entry.question, AnswerRecord())
        record = AnswerRecord(
            level=old.level if entry.level is msgspec.UNSET else entry.level,
            note=old.note if entry.note is msgspec.UNSET else entry.note,
        )
        if record == AnswerRecord():
            answers.pop(entry.question, None)
        else:
            answers[entry.question] = record
        changed = True
    return msgspec.structs.replace(scan, answers=answers, carried=carried) if changed else scan


def append(path: Path, entry: Entry) -> None:
    """Add ``entry`` to an existing journal, durably. Call it holding the database lock.

    On failure the journal is cut back to what it was and a :class:`StoreError` says
    nothing was saved.
    """
    line = encode(entry)
    try:
        fd = open_journal(path, os.O_RDWR | os.O_APPEND)
    except OSError as err:
        raise StoreError("err.db_write", file=str(path), reason=err.strerror or err) from None
    try:
        size = _drop_torn_tail(fd)
        try:
            _write_all(fd, line)
            os.fsync(fd)
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
            raise
    except OSError as err:
        raise StoreError("err.db_write", file=str(path), reason=err.strerror or err) from None
    finally:
        with contextlib.suppress(OSError):  # after the fsync: the line is stored
            os.close(fd)


def start(path: Path, entries: Iterable[Entry] = ()) -> None:
    """Create (or empty) the journal at ``path`` with ``entries``, durably: the file and its
    directory entry are fsynced. Call it holding the database lock."""
    payload = b"".join(encode(e) for e in entries)
    directory = path.parent
    try:
        created = not directory.exists()
        make_private_dirs(directory)
        if created:
            fsync_directory(directory.parent)
        fd = open_journal(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        try:
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        fsync_directory(directory)
    except OSError as err:
        if not os.path.islink(path):
            with contextlib.suppress(OSError):
                path.unlink()
        raise StoreError("err.db_write", file=str(path), reason=err.strerror or err) from None


def remove(paths: Iterable[Path]) -> None:
    """Remove folded journals. Best effort: one left behind only replays what is stored."""
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def _drop_torn_tail(fd: int) -> int:
    """Cut off a last line without its newline (a crash during an append); returns the size.

    Reads with lseek + read, not ``os.pread`` (which Windows does not have); the file is
    opened with O_APPEND, so where the offset is left does not matter for the next write."""
    size = os.fstat(fd).st_size
    if size == 0 or _read_at(fd, size - 1, 1) == b"\n":
        return size
    raw = _read_at(fd, 0, size)
    keep = raw.rfind(b"\n") + 1
    os.ftruncate(fd, keep)
    return keep


def _read_at(fd: int, offset: int, size: int) -> bytes:
    os.lseek(fd, offset, os.SEEK_SET)
    chunks = []
    while size > 0 and (chunk := os.read(fd, size)):
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
