"""Whether a database changed since it was read, without reading it: a few ``stat`` calls.

Every write replaces the database file (a new inode, size and modification time) or appends
to a draft's journal (a new size and time), so the sizes and times of the file and of the
journals tell a reader that it must read again. Home uses this to notice scans that another
program (the command line, a second window) added, changed or deleted; the questionnaire uses
it to notice that its own draft changed.
"""

from __future__ import annotations

import os
from pathlib import Path

from maturity_scan.storage.journal import journal_dir, journal_path

#: A database up to this size (about 100 scans) is read on the UI thread, before a screen is
#: first painted, in milliseconds; a larger one is read off the UI thread.
READ_AT_ONCE = 200_000

#: (inode, size, mtime_ns) of a file; None: absent or unreadable.
FileState = tuple[int, int, int] | None
#: The database file, and (name, size, mtime_ns) of each journal, sorted by name.
Signature = tuple[FileState, tuple[tuple[str, int, int], ...]]
#: The database file and one draft's journal.
DiskState = tuple[FileState, FileState]


def small_enough(db: Path) -> bool:
    """Whether ``db`` can be read before the first paint (an absent file: yes, there is
    nothing to read, or the read says what is wrong)."""
    state = file_state(db)
    return state is None or state[1] <= READ_AT_ONCE


def file_state(path: Path | None) -> FileState:
    if path is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def signature(db: Path) -> Signature:
    """What changes whenever the database at ``db`` or one of its journals is written
    (home: scans added, changed or deleted by another program)."""
    return file_state(db), tuple(sorted(_journal_states(db)))


def _journal_states(db: Path) -> list[tuple[str, int, int]]:
    try:
        with os.scandir(journal_dir(db)) as entries:
            found = []
            for entry in entries:
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                found.append((entry.name, info.st_size, info.st_mtime_ns))
            return found
    except OSError:  # no journal folder: no drafts being answered
        return []


def disk_state(db: Path, scan_id: str) -> DiskState:
    """The database file and the draft's journal as they are now (two ``stat`` calls): what
    the questionnaire compares to notice that another program changed its scan."""
    return file_state(db), file_state(journal_path(db, scan_id))
