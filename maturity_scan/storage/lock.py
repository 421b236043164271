"""The cross-process lock on the database: ``<db>.lock`` beside the file.

Every read-modify-write of the database, every journal append and every clean-up of
temporary files holds it, so two processes (the app and a script, two app windows) never
lose each other's writes. Reads take no lock (writes replace the file atomically). A lock
another process keeps too long is a clear error (``err.db_locked``), never a hang; a lock
file that cannot be opened is named (``err.lock_open``).

``filelock`` is imported only when the lock is taken: a read never needs it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from maturity_scan.atomic import make_private_dirs
from maturity_scan.errors import StoreError

#: How long a write waits for another process's lock before it gives up with a message.
LOCK_TIMEOUT = 5.0


class Lock:
    """The lock of the database at ``path``.

    ``enabled=False`` exists for the test that proves the lock is needed; nothing else uses it.
    """

    def __init__(self, path: Path, timeout: float = LOCK_TIMEOUT, enabled: bool = True) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")
        self.timeout = timeout
        self.enabled = enabled

    @contextlib.contextmanager
    def held(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the lock, waiting at most ``timeout`` (default: :attr:`timeout`) seconds."""
        if not self.enabled:
            yield
            return
        from filelock import FileLock, Timeout

        wait = self.timeout if timeout is None else timeout
        try:
            make_private_dirs(self.path.parent)
        except OSError as err:
            raise StoreError(
                "err.db_write", file=str(self.path), reason=err.strerror or err
            ) from None
        try:
            lock = FileLock(self.lock_path, timeout=wait, mode=0o600)
            lock.acquire()
        except Timeout:
            raise StoreError(
                "err.db_locked", file=str(self.path), seconds=f"{self.timeout:g}"
            ) from None
        except OSError as err:  # the lock file itself cannot be opened: name it
            raise StoreError(
                "err.lock_open", file=str(self.lock_path), reason=err.strerror or err
            ) from None
        try:
            yield
        finally:
            lock.release()
