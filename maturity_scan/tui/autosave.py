"""Writes that must not block the screen, done in order on one background thread.

The app hands every answer, note and status change to :class:`Autosaver`; they are written
one after the other, in the order given. A write that fails for a passing reason (another
program holds the lock, the disk is full) is kept and tried again, so nothing handed over is
dropped; the ones after it wait their turn. A write that can never succeed (the scan was
completed elsewhere, the file is damaged) is reported and skipped.

Anything else a write raises (a bug, an error from a library: RuntimeError, OSError, …) is
reported too, as ``err.save_unexpected``, and the write is kept and tried again like a
passing failure: nothing handed over is dropped, and the thread never dies. A ``settled``
callback that raises is reported the same way and does not stop the writes after it.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable

from maturity_scan.errors import ScanError

Operation = Callable[[], object]
Settled = Callable[[bool], object]

#: Errors worth trying again: the lock was busy or could not be opened, or the write itself
#: failed (disk full, I/O), also into an invitation file (``respond FILE``).
TRANSIENT = {"err.db_locked", "err.lock_open", "err.db_write", "err.invite_write"}


class Autosaver:
    def __init__(
        self,
        on_error: Callable[[ScanError], None],
        retry_delay: float = 1.0,
    ) -> None:
        self._on_error = on_error
        self._retry_delay = retry_delay
        self._queue: queue.Queue[tuple[Operation, Settled | None] | None] = queue.Queue()
        self._closing = threading.Event()
        self.failing = False  # the write at the head of the queue failed and is being retried
        self._thread = threading.Thread(target=self._run, name="autosave", daemon=True)
        self._thread.start()

    def submit(self, operation: Operation, settled: Settled | None = None) -> None:
        """Queue a write; ``settled(ok)`` is called on this thread once it is done or given up."""
        self._queue.put((operation, settled))

    @property
    def pending(self) -> int:
        """Writes handed over and not yet done."""
        return self._queue.unfinished_tasks

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every write handed over so far is done; ``False`` if ``timeout`` ran out."""
        with self._queue.all_tasks_done:
            return self._queue.all_tasks_done.wait_for(
                lambda: self._queue.unfinished_tasks == 0, timeout
            )

    def close(self, timeout: float = 5.0) -> None:
        """Stop after the writes that can still be done within ``timeout``; no more retries."""
        self.flush(timeout)
        self._closing.set()
        self._queue.put(None)
        self._thread.join(timeout=timeout)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                operation, settled = item
                ok = self._attempt(operation)
                if settled is not None:
                    self._guarded(settled, ok)
            finally:
                self._queue.task_done()

    def _attempt(self, operation: Operation) -> bool:
        while True:
            try:
                operation()
            except ScanError as err:
                self._report(err)
                if err.key not in TRANSIENT:
                    self.failing = False
                    return False
            except Exception as err:  # the thread must live: report, retry
                self._report(_unexpected(err))
            else:
                self.failing = False
                return True
            if self._closing.is_set():  # closing: no more retries
                self.failing = False
                return False
            self.failing = True
            self._closing.wait(self._retry_delay)

    def _report(self, err: ScanError) -> None:
        with contextlib.suppress(Exception):  # a broken reporter must not stop the writes
            self._on_error(err)

    def _guarded(self, settled: Settled, ok: bool) -> None:
        try:
            settled(ok)
        except Exception as err:
            self._report(_unexpected(err))


def _unexpected(err: BaseException) -> ScanError:
    """An error no write should raise, as one line for the user."""
    reason = (err.strerror if isinstance(err, OSError) else None) or str(err) or type(err).__name__
    return ScanError("err.save_unexpected", kind=type(err).__name__, reason=reason)
