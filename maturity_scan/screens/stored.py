"""What a screen knows of the stored scan it shows: a cheap fingerprint of the files.

A window shows only what is stored. To notice that another program changed a scan, a screen
compares the size, time and inode of the database file and of the scan's journal with what
they were after its own last read or write; only when they differ does it read again.
"""

from __future__ import annotations

import os
from pathlib import Path

from maturity_scan import journal

FileState = tuple[int, int, int] | None
DiskState = tuple[FileState, FileState]


def _file_state(path: Path | None) -> FileState:
    if path is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def disk_state(db: Path, scan_id: str) -> DiskState:
    """The database file and the draft's journal as they are now (two ``stat`` calls)."""
    return (_file_state(db), _file_state(journal.journal_path(db, scan_id)))
