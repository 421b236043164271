"""Where a file the user asked for may be written: ``export -o``, ``template -o`` and the
app's export dialog.

:func:`output_target` refuses, with one line naming the file and what it is:

- the database itself, its lock file, its journal folder or its backups folder (or anything
  inside those two), compared by real path (symbolic links and ``..`` resolved) and, for
  files that exist, by identity (a hard link or a second mount of the database);
- a folder, a FIFO, a socket or a device (writing replaces the file by a rename, which would
  turn ``/dev/full`` or a pipe into a regular file);
- a symbolic link, unless ``force``: then the link's *target* gets the new content (the
  link stays), after the same checks on the target.

Nothing here writes; the caller writes to the path returned (atomically, see
:func:`maturity_scan.atomic.write_atomic`). Checking and writing are not one atomic step:
this guards against mistakes, not against another user racing the program in a folder
they can write to.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from maturity_scan.errors import ScanError
from maturity_scan.i18n import Message

SYMLINK = "err.output_symlink"


def output_target(path: Path, db: Path, *, force: bool = False) -> Path:
    """The file to write for ``path``: ``path`` itself, or a symlink's target with ``force``.

    Raises :class:`ScanError` (exit 2): ``err.output_symlink`` for a link without ``force``
    (its ``target`` parameter says where it points), ``err.output_protected`` for the
    database's own files, ``err.output_not_file`` for a folder, pipe, socket or device.
    """
    link = os.path.islink(path)
    where = Path(os.path.realpath(path)) if link else path
    # what may never be written is refused first: a link to the database is not a question
    _refuse_database_files(path, where, db)
    _refuse_special(path, where)
    if link and not force:
        raise ScanError(SYMLINK, file=str(path), target=str(where))
    return where


def _what(key: str) -> Message:
    return Message(key)


def _refuse_database_files(shown: Path, where: Path, db: Path) -> None:
    from maturity_scan.storage.backups import backup_dir
    from maturity_scan.storage.journal import journal_dir

    real_db = Path(os.path.realpath(db))
    real = Path(os.path.realpath(where))
    lock = real_db.with_name(real_db.name + ".lock")
    files = {real_db: "output.database", lock: "output.lock"}
    folders = {journal_dir(real_db): "output.journals", backup_dir(real_db): "output.backups"}
    found = files.get(real)
    if found is None:
        found = next(
            (key for folder, key in folders.items() if real == folder or folder in real.parents),
            None,
        )
    if found is None:
        found = next((key for file, key in files.items() if _same_file(where, file)), None)
    if found is not None:
        raise ScanError("err.output_protected", file=str(shown), what=_what(found), db=str(db))


def _same_file(a: Path, b: Path) -> bool:
    try:
        first, second = os.stat(a), os.stat(b)
    except OSError:  # one of them does not exist (or cannot be looked at): not the same
        return False
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


def _refuse_special(shown: Path, where: Path) -> None:
    try:
        mode = os.stat(where).st_mode
    except FileNotFoundError:
        return  # a new file
    except OSError:
        return  # the write itself says what is wrong (permission denied, a loop, …)
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        key = "output.folder"
    elif stat.S_ISFIFO(mode):
        key = "output.fifo"
    elif stat.S_ISSOCK(mode):
        key = "output.socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        key = "output.device"
    else:
        key = "output.special"
    raise ScanError("err.output_not_file", file=str(shown), what=_what(key))


def default_export_name(organisation: str, day: str) -> str:
    """A safe file name ``<organisation>-<date>.json``: names are data, never paths."""
    from maturity_scan.core.names import file_slug

    return f"{file_slug(organisation)}-{day}.json"
