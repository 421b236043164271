"""A screen that shows what one read of the database gives, and follows the database.

Home, the scans view and an organisation's screen follow the database without a key press:
every two seconds, and when they are shown again, they compare the size and modification time
of the database file and of the journals with those of their last read (a few ``stat``
calls), and read again only when they differ. One read runs at a time; a change seen
meanwhile starts the next read when it is done, so reads never pile up (each is a second of
work with 10,000 scans) and what is shown is always that of the newest read. A small database
is read before the first paint, so the screen appears once, complete.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from textual import events

from maturity_scan.errors import ScanError
from maturity_scan.storage.changes import Signature, signature, small_enough
from maturity_scan.tui.screens.base import BaseScreen

#: How often a following screen looks whether another program changed the database (seconds).
CHECK_EVERY = 2.0

ReadT = TypeVar("ReadT")


class FollowingScreen(BaseScreen[None], Generic[ReadT]):
    """Subclasses say what a read is (``_read``, off the UI thread except before the first
    paint) and take its result (``_take``, on the UI thread); :meth:`update_texts` then
    shows it."""

    #: One read of the database (each subclass defines it).
    _read: Callable[[], ReadT]
    #: Keep what a read gives (each subclass defines it).
    _take: Callable[[ReadT], None]

    def __init__(self) -> None:
        super().__init__()
        self.error: ScanError | None = None
        self.loaded = False
        self._resumed = False
        #: The database's size and times when the shown read was made (see ``changes``).
        self._seen: Signature | None = None
        self._loading = False  # a read is running
        self._load_again = False  # and another is wanted when it is done

    def on_mount(self) -> None:
        if small_enough(self.app.config.db_path):
            self._load_now()
        else:
            self.load()
        self.set_interval(CHECK_EVERY, self.check_for_changes)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed:
            # Shown for the first time, just mounted: every widget was styled as it was
            # mounted, so Textual's restyle of the whole screen would change nothing.
            self._resumed = True
            event.refresh_styles = False
        elif self.loaded:
            self.check_for_changes()  # back from another screen or a dialog

    def check_for_changes(self) -> None:
        """Read again if the database or a journal changed since the last read, or if writes
        of this app are still on their way (the read waits for them). Cheap: a few stats."""
        if not self.loaded or not self.is_current:
            return
        if self.app.autosaver.pending or signature(self.app.config.db_path) != self._seen:
            self.load()

    def _load_now(self) -> None:
        """Read on the UI thread, before the first paint. (BaseScreen.on_mount, which runs
        after this, sets the texts.)"""
        self._seen = signature(self.app.config.db_path)
        try:
            self._take(self._read())
        except ScanError as err:
            self.error = err
        self.loaded = True

    def load(self) -> None:
        """Read again, off the UI thread; if a read is running, once it is done."""
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        self.run_worker(self._load_worker, thread=True, group=f"{type(self).__name__}-load")

    def _load_worker(self) -> None:
        app = self.app
        app.autosaver.flush()  # show what was just saved, not what was on disk before
        seen = signature(app.config.db_path)  # before the read: a change during it shows later
        try:
            read = self._read()
        except ScanError as err:
            app.call_from_thread(self._loaded, seen, None, err)
            return
        app.call_from_thread(self._loaded, seen, read, None)

    def _loaded(self, seen: Signature, read: ReadT | None, error: ScanError | None) -> None:
        self._loading = False
        self._seen = seen
        if read is not None:
            self._take(read)
            self.error, self.loaded = None, True
            self.update_texts()
            self.refresh_bindings()
        elif error is not None:
            self.error, self.loaded = error, True
            self.update_texts()
        if self._load_again:
            self._load_again = False
            self.load()

    def _table_width(self) -> int | None:
        """The columns a table's cells may use (the width less padding and a scrollbar), or
        None before the screen has a size."""
        width = self.size.width
        return width - 2 - 2 if width else None
