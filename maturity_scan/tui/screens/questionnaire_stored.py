"""The questionnaire's scan as stored: read, followed on disk, and written answer by answer.

:class:`StoredDraftScreen` is the part of the questionnaire that keeps what it shows equal to
what is stored: it reads the scan afresh when it opens, again when another program changed
the files (checked on resume and every few seconds, see ``changes.py``) and after a write
that failed; every answer and note is handed to the autosaver at once, and the screen says
whether everything is on disk. The questionnaire (``questionnaire.py``) adds the questions,
the keys and finishing; its notes (``questionnaire_notes.py``) the note field.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import msgspec
from textual import work
from textual.widgets import Label, Static

from maturity_scan.core.models import (
    AnswerRecord,
    AnswerValue,
    Principle,
    Question,
    QuestionSet,
    Scan,
)
from maturity_scan.errors import ScanError
from maturity_scan.storage.changes import DiskState, disk_state, small_enough
from maturity_scan.tui.autosave import TRANSIENT
from maturity_scan.tui.screens.base import BaseScreen
from maturity_scan.tui.screens.refused_notes import RefusedNotes

#: How often (seconds) the screen looks whether another program changed the scan.
WATCH_INTERVAL = 3.0
#: A note's write waits this long (seconds) in the queue, so that a burst of typing is one
#: write; it is queued at the first key, so quitting or leaving never loses it.
NOTE_SETTLE = 0.3


class DraftStore(Protocol):
    """What the questionnaire uses of where its draft is stored: the database's
    :class:`~maturity_scan.storage.store.Store`, or an invitation file
    (:class:`~maturity_scan.tui.file_draft.FileDraft`, ``maturity-scan respond FILE``).
    ``path`` is the file whose changes (``changes.disk_state``) mean "read again"."""

    @property
    def path(self) -> Path: ...

    def get(self, ref: str) -> Scan: ...

    def set_answer(
        self, scan_id: str, question_id: str, level: AnswerValue = ..., note: str = ...
    ) -> None: ...

    def complete(self, scan_id: str, when: datetime | None = None) -> Scan: ...


def asked_questions(question_set: QuestionSet, scan: Scan) -> list[tuple[Principle, Question]]:
    """The questions the scan's respondent is asked, in order: all of them, or in a team
    round answered for one role only (:attr:`RoundLink.role_only`) those that suit it."""
    items = question_set.questions()
    return [(p, q) for p, q in items if scan.asks(q)] or items


def first_open(items: list[tuple[Principle, Question]], scan: Scan) -> int:
    """Index of the first question of ``items`` without an answer, or with a carried answer
    not yet confirmed; 0 when all are answered."""
    for index, (_, question) in enumerate(items):
        if scan.answer(question.id) is None or question.id in scan.carried:
            return index
    return 0


def previous_date(store: DraftStore, scan: Scan) -> datetime | None:
    """The date of the scan ``scan`` follows, when it has carried answers (None when it
    has none, or that scan is gone)."""
    if not scan.carried or scan.follows is None:
        return None
    try:
        return store.get(scan.follows).date
    except ScanError:
        return None


class StoredDraftScreen(BaseScreen[None]):
    """A draft scan on screen, one question at a time, as it is stored."""

    #: The hint line's keys after the levels (what Esc does differs without a home).
    KEYS_REST = "ui.q.keys.rest"

    def __init__(
        self,
        scan: Scan,
        question_set: QuestionSet,
        start: int | None = None,
        store: DraftStore | None = None,
    ) -> None:
        super().__init__()
        self.scan = scan
        self.question_set = question_set
        self.items: list[tuple[Principle, Question]] = asked_questions(question_set, scan)
        #: The principles with a question asked, in order.
        self.principles = list({p.id: p for p, _ in self.items}.values())
        self._store = store
        self._start = start
        self.index = first_open(self.items, scan) if start is None else start
        self.pending = 0  # writes handed to the autosaver and not yet on disk
        self.failed = False  # a write was given up: the screen says so
        self.ready = False  # the scan was read from the store: answers are taken
        self.finishing = False  # the completion is being written
        self.notice = ""  # what the screen says about the stored scan (changed elsewhere, …)
        self.gone = False  # deleted or completed elsewhere: nothing more can be answered
        self._seen_stored = False  # a read found the scan (a later "not found" = deleted)
        self._known: DiskState | None = None  # the files after this window's last read/write
        self._submitted = 0  # writes handed over so far (a read started before one is stale)
        self._note_queued: dict[str, str] = {}  # the newest text of a note write still queued
        self._note_lock = threading.Lock()  # _note_queued is shared with the autosave thread
        self._read_again = False  # a read was dropped as stale: read once the writes settle
        self.refused = RefusedNotes()  # notes refused (not stored): the text typed, kept
        #: The date of the scan the carried answers come from (read with the scan).
        self.carried_from: datetime | None = None

    @property
    def store(self) -> DraftStore:
        """Where the draft is stored: the one given, else the app's database."""
        return self._store if self._store is not None else self.app.config.store

    @property
    def principle(self) -> Principle:
        return self.items[self.index][0]

    @property
    def question(self) -> Question:
        return self.items[self.index][1]

    # ----------------------------------------------------------------- what is stored

    def _read_now(self) -> bool:
        """Read a small database on the UI thread (after the writes handed over, such as
        the new scan itself); ``False`` when it must be read in the background instead."""
        store = self.store
        if self.app.autosaver.failing or not small_enough(store.path):
            return False
        if not self.app.autosaver.flush(timeout=1.0):
            return False
        state = disk_state(store.path, self.scan.id)
        try:
            scan = store.get(self.scan.id)
        except ScanError as err:
            self._read_failed(err)
            return True
        if self.carried_from is None:
            self.carried_from = previous_date(store, scan)
        self._apply_read(scan, state, self._submitted)
        return True

    @work(thread=True, exclusive=True, group="q-read")
    def reload(self) -> None:
        """Read the scan afresh, off the UI thread, once this window's writes are on disk."""
        app = self.app
        submitted = self._submitted
        app.autosaver.flush()
        store = self.store
        state = disk_state(store.path, self.scan.id)
        try:
            scan = store.get(self.scan.id)
        except ScanError as err:
            app.call_from_thread(self._read_failed, err)
            return
        if self.carried_from is None:
            self.carried_from = previous_date(store, scan)
        app.call_from_thread(self._apply_read, scan, state, submitted)

    def check_elsewhere(self) -> None:
        """Read again if the files changed since this window last read or wrote them."""
        if not self.ready or self.pending or self.finishing or self.gone:
            return
        if disk_state(self.store.path, self.scan.id) != self._known:
            self.reload()

    def _apply_read(self, scan: Scan, state: DiskState, submitted: int) -> None:
        """Show the stored scan (on the UI thread). A read that started before a write of
        this window was handed over may miss it: read again instead."""
        if not self.is_attached:
            return
        if submitted != self._submitted or self.pending:
            self._read_again = True  # read again once the writes settle
            return
        first = not self.ready
        shown = self.scan
        self.scan = scan
        self._known = state
        self._seen_stored = True
        self.ready = True
        if scan.status != "draft":
            self._say("ui.q.completed_elsewhere", gone=True)
        elif not first and shown.answers != scan.answers:
            self._say("ui.q.changed_elsewhere")
        if first and self._start is None:
            self.index = first_open(self.items, scan)
        self.update_texts()

    def _read_failed(self, err: ScanError) -> None:
        if not self.is_attached:
            return
        self.ready = True
        if err.key == "err.scan_not_found":
            self._say("ui.q.deleted_elsewhere" if self._seen_stored else "ui.q.not_stored", True)
            self.update_texts()
        else:
            self.app.report(err)

    def _say(self, key: str, gone: bool = False) -> None:
        """A lasting line under the progress: what happened to the stored scan."""
        self.gone = self.gone or gone
        self.notice = self.t(key)
        label = self.query_one("#q-notice", Label)
        label.update(self.notice)
        label.set_class(True, "shown")
        self.notify(self.notice, severity="warning", timeout=10, markup=False)

    def _clear_notice(self) -> None:
        if self.notice and not self.gone:
            self.notice = ""
            self.query_one("#q-notice", Label).set_class(False, "shown")

    # ----------------------------------------------------------------- answering

    def _accepting(self) -> bool:
        """Whether an answer can be given now; says why not."""
        if self.gone:
            self.notify(self.notice, severity="warning", markup=False)
            return False
        return self.ready and not self.finishing

    def _record(
        self, question_id: str, level: AnswerValue | None = None, note: str | None = None
    ) -> None:
        """Change the answer and/or note in memory and hand the write to the autosaver."""
        old = self.scan.answers.get(question_id, AnswerRecord())
        new = AnswerRecord(
            level=old.level if level is None else level,
            note=old.note if note is None else note,
        )
        answers = dict(self.scan.answers)
        answers[question_id] = new
        carried = self.scan.carried
        if level is not None:  # any level given confirms a carried answer (as stored)
            carried = [q for q in carried if q != question_id]
        self.scan = msgspec.structs.replace(self.scan, answers=answers, carried=carried)
        self._clear_notice()
        if note is not None and level is None:
            with self._note_lock:
                queued = question_id in self._note_queued
                self._note_queued[question_id] = note
            if queued:
                return  # the write already queued takes the newest text
        changes: dict[str, Any] = {} if level is None else {"level": level}
        self._submit(question_id, changes, with_note=note is not None)

    def _submit(self, question_id: str, changes: dict[str, Any], with_note: bool) -> None:
        store, scan_id = self.store, self.scan.id
        seen = self._seen_stored
        states: dict[str, DiskState] = {}

        written: list[str] = []  # the note text of the last attempt (a retry reuses it)

        def write() -> None:
            given = dict(changes)
            if with_note:
                if not given and not written:
                    time.sleep(NOTE_SETTLE)  # let a burst of typing become one write
                with self._note_lock:
                    # the newest text typed; on a retry the text of the failed attempt,
                    # unless more was typed since
                    text = self._note_queued.pop(question_id, None)
                if text is None:
                    text = written[-1]
                written.append(text)
                given["note"] = text
            states["before"] = disk_state(store.path, scan_id)
            try:
                store.set_answer(scan_id, question_id, **given)
            except Exception as err:
                retried = not isinstance(err, ScanError) or err.key in TRANSIENT
                if with_note and retried:  # the autosaver tries again: with this text, or
                    with self._note_lock:  # with newer text typed since
                        self._note_queued.setdefault(question_id, written[-1])
                raise
            finally:
                states["after"] = disk_state(store.path, scan_id)

        def write_or_say() -> None:
            try:
                write()
            except ScanError as err:
                if err.key == "err.scan_not_found" and seen:
                    raise ScanError("err.scan_deleted_elsewhere") from None
                if err.key == "err.scan_completed":
                    raise ScanError("err.scan_completed_elsewhere") from None
                raise

        self.pending += 1
        self._submitted += 1
        self.show_save_state()
        self.app.save(write_or_say, settled=partial(self._settled, states))

    def _settled(self, states: dict[str, DiskState], ok: bool) -> None:
        """Runs on the UI thread once a write is on disk (or given up, after an error)."""
        self.pending -= 1
        if not self.is_attached:
            return  # the screen was left; the write is done (or was reported)
        changed = not ok or states.get("before") != self._known
        self._known = states.get("after")
        # "not saved" stays until a later write succeeds (the screen shows the stored state)
        self.failed = not ok or (self.failed and bool(self.pending))
        self.show_save_state()
        if (changed or self._read_again) and not self.pending and not self.finishing:
            self._read_again = False
            self.reload()  # another program wrote, or this write failed: show what is stored

    def show_save_state(self) -> None:
        """'✓ opgeslagen' only when everything is on disk; else saving, retrying or failed.
        The hint line says "everything is saved" only then too."""
        label = self.query_one("#q-saved", Label)
        retrying = self.app.autosaver.failing
        if not self.ready:
            text = self.t("ui.q.reading")
        elif retrying:
            text = self.t("ui.q.retrying")
        elif self.pending:
            text = self.t("ui.q.saving")
        elif self.failed:
            text = self.t("ui.q.not_saved")
        elif self.refused:
            text = self.t("ui.q.note_not_saved")
        else:
            text = self.t("ui.q.saved")
        label.update(text)
        label.set_class(bool(self.pending or not self.ready) and not retrying, "pending")
        failed = self.failed and not self.pending
        label.set_class(retrying or failed or bool(self.refused), "failed")
        all_saved = self.ready and not (retrying or self.pending or self.failed)
        keys = [self.t("ui.q.keys.levels")]
        if self.question.allow_na:
            keys.append(self.t("ui.q.keys.na"))
        keys.append(self.t(self.KEYS_REST))
        if all_saved and not self.refused and not self.gone:
            keys[-1] += " " + self.t("ui.q.keys.all_saved")
        self.query_one("#q-keys", Static).update(" · ".join(keys))
