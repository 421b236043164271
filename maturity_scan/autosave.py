"""Writes that must not block the screen, done in order on one background thread.

The app hands every answer, note and status change to :class:`Autosaver`; they are
written one after the other, in the order given. :meth:`Autosaver.flush` waits until
everything handed over is on disk, which the app does before it exits.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from maturity_scan.errors import ScanError

Operation = Callable[[], object]


class Autosaver:
    def __init__(
        self, on_error: Callable[[ScanError], None], on_saved: Callable[[], None] | None = None
    ) -> None:
        self._on_error = on_error
        self._on_saved = on_saved
        self._queue: queue.Queue[Operation | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="autosave", daemon=True)
        self._thread.start()

    def submit(self, operation: Operation) -> None:
        self._queue.put(operation)

    def flush(self) -> None:
        """Return when every operation submitted so far has been written (or has failed)."""
        self._queue.join()

    def close(self) -> None:
        self.flush()
        self._queue.put(None)
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            operation = self._queue.get()
            try:
                if operation is None:
                    return
                operation()
                if self._on_saved is not None:
                    self._on_saved()
            except ScanError as err:
                self._on_error(err)
            except OSError as err:
                self._on_error(ScanError("err.db_write", file="?", reason=err.strerror or err))
            finally:
                self._queue.task_done()
