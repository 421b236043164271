"""Whether a database changed since it was read, without reading it: a few ``stat`` calls.

Every write replaces the database file (a new inode, size and modification time) or appends
to a draft's journal (a new size and time), so the sizes and times of the file and of the
journals tell a reader that it must read again. Home uses this to notice scans that another
program (the command line, a second window) added, changed or deleted.
"""

from __future__ import annotations

import os
from pathlib import Path

from maturity_scan.journal import journal_dir

#: (inode, size, mtime_ns) of the database file (None: absent), and (name, size, mtime_ns)
#: of each journal, sorted by name.
Signature = tuple[tuple[int, int, int] | None, tuple[tuple[str, int, int], ...]]


def signature(db: Path) -> Signature:
    """What changes whenever the database at ``db`` or one of its journals is written."""
    try:
        info = os.stat(db)
        main: tuple[int, int, int] | None = (info.st_ino, info.st_size, info.st_mtime_ns)
    except OSError:
        main = None
    journals: list[tuple[str, int, int]] = []
    try:
        with os.scandir(journal_dir(db)) as entries:
            for entry in entries:
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                journals.append((entry.name, info.st_size, info.st_mtime_ns))
    except OSError:
        pass  # no journals
    return main, tuple(sorted(journals))
