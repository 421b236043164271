"""The questionnaire: one question at a time, every answer and note saved at once.

What the screen shows is what is stored: it reads the scan afresh when it opens, again when
another program changed the files (checked on resume and every few seconds, see
``changes.py``) and after a write that failed; finishing waits until the completion
is on disk and builds the results from a stored read.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

import msgspec
from rich.text import Text as RichText
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Label, OptionList, ProgressBar, Static, TextArea
from textual.widgets.option_list import Option

from maturity_scan.core.models import (
    NA,
    UNKNOWN,
    AnswerRecord,
    AnswerValue,
    Principle,
    Question,
    QuestionSet,
    Scan,
)
from maturity_scan.errors import ScanError
from maturity_scan.storage.changes import DiskState, disk_state, small_enough
from maturity_scan.storage.store import now
from maturity_scan.tui.autosave import TRANSIENT
from maturity_scan.tui.screens.base import BaseScreen
from maturity_scan.tui.screens.dialogs import ConfirmDialog, OverviewDialog
from maturity_scan.tui.screens.refused_notes import RefusedNotes, refusal
from maturity_scan.tui.widgets.hanging import hanging_text
from maturity_scan.tui.widgets.note_editor import NoteEditor, note_problem
from maturity_scan.visible import visible

#: How many open questions the finish dialog names before it says "and N more".
FINISH_LIST_MAX = 12
#: How often (seconds) the screen looks whether another program changed the scan.
WATCH_INTERVAL = 3.0
#: A note's write waits this long (seconds) in the queue, so that a burst of typing is one
#: write; it is queued at the first key, so quitting or leaving never loses it.
NOTE_SETTLE = 0.3


def first_open(question_set: QuestionSet, scan: Scan) -> int:
    """Index of the first question without an answer; 0 when all are answered."""
    for index, (_, question) in enumerate(question_set.questions()):
        if scan.answer(question.id) is None:
            return index
    return 0


class QuestionnaireScreen(BaseScreen[None]):
    BINDINGS = [
        Binding("1", "answer(1)", "ui.key.answer", key_display="1-5"),
        *(Binding(str(n), f"answer({n})", "ui.key.answer", show=False) for n in range(2, 6)),
        Binding("0", "answer('na')", "ui.key.na", show=False),
        # "0" where n.v.t. is not allowed: says why (no description: F1 does not list it)
        Binding("0", "na_refused", "", show=False),
        Binding("w", "answer('unknown')", "ui.key.unknown", show=False),
        Binding("left", "move(-1)", "ui.key.prev", key_display="←"),
        Binding("right", "move(1)", "ui.key.next", key_display="→"),
        Binding("pageup", "move(-1)", "ui.key.prev", show=False, priority=True),
        Binding("pagedown", "move(1)", "ui.key.next", show=False, priority=True),
        Binding("h", "toggle_help", "ui.key.why", show=False),
        Binding("n", "note", "ui.key.note", show=False),
        Binding("g", "overview", "ui.key.overview"),
        Binding("[", "principle(-1)", "ui.key.prev_principle", show=False),
        Binding("]", "principle(1)", "ui.key.next_principle", show=False),
        Binding("f", "finish", "ui.key.finish"),
        Binding("escape", "back", "ui.key.back"),
    ]

    def __init__(self, scan: Scan, question_set: QuestionSet, start: int | None = None) -> None:
        super().__init__()
        self.scan = scan
        self.question_set = question_set
        self.items: list[tuple[Principle, Question]] = question_set.questions()
        self._start = start
        self.index = first_open(question_set, scan) if start is None else start
        self.show_help = False
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
        self._note_for: str | None = None  # the question whose note the field shows
        self._asking_leave = False  # the "leave with refused notes?" question is open

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="q-head"):
            with Horizontal(id="q-progress-row"):
                yield Label("", id="q-position", markup=False)
                yield ProgressBar(total=len(self.items), show_eta=False, id="q-progress")
                yield Label("", id="q-answered", markup=False)
                yield Label("", id="q-saved", markup=False)
            with Horizontal(id="q-principle-row"):
                yield Label("", id="q-principle", markup=False)
                yield ProgressBar(show_eta=False, id="q-principle-progress")
            yield Label("", id="q-notice", markup=False)
        with VerticalScroll(id="q-body"):
            yield Static("", id="q-text", markup=False)
            yield Static("", id="q-help", markup=False)
            yield OptionList(id="q-options")
            yield Label("", id="q-note-label", markup=False)
            yield NoteEditor(id="q-note")
            yield Label("", id="q-note-error", markup=False)
            yield Static("", id="q-keys", classes="hint", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        # Runs before BaseScreen.on_mount, which shows the texts: a small database is read
        # here, so the first paint shows the stored scan; a large one is read in a worker.
        self.query_one("#q-options", OptionList).focus(scroll_visible=False)
        if not self._read_now():
            self.reload()
        self.set_interval(WATCH_INTERVAL, self.check_elsewhere)

    def on_screen_resume(self) -> None:
        self.check_elsewhere()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fill_options)

    @property
    def principle(self) -> Principle:
        return self.items[self.index][0]

    @property
    def question(self) -> Question:
        return self.items[self.index][1]

    def update_texts(self) -> None:
        self.sub_title = visible(self.scan.organisation, single_line=True)
        principle, question = self.principle, self.question
        lang = self.lang
        in_principle = [q for p, q in self.items if p.id == principle.id]
        k = in_principle.index(question) + 1
        total = len(self.items)
        done = sum(1 for _, q in self.items if self.scan.answer(q.id) is not None)
        self.query_one("#q-position", Label).update(
            self.t("ui.q.position", k=self.index + 1, n=total)
        )
        self.query_one("#q-progress", ProgressBar).update(total=total, progress=done)
        open_count = total - done
        answered = self.t("ui.q.answered", done=done, total=total)
        if open_count:
            answered += " · " + self.t("ui.q.open_count", count=open_count)
        self.query_one("#q-answered", Label).update(answered)
        position = self.question_set.principles.index(principle) + 1
        self.query_one("#q-principle", Label).update(
            f"{position}/{len(self.question_set.principles)} {principle.title.get(lang)} — "
            + self.t("ui.q.in_principle", k=k, n=len(in_principle))
        )
        principle_done = sum(1 for q in in_principle if self.scan.answer(q.id) is not None)
        self.query_one("#q-principle-progress", ProgressBar).update(
            total=len(in_principle), progress=principle_done
        )
        self.query_one("#q-text", Static).update(RichText(question.text.get(lang), style="bold"))
        help_widget = self.query_one("#q-help", Static)
        if self.show_help:
            help_widget.update(
                RichText.assemble((self.t("ui.q.why") + " ", "bold"), question.help.get(lang))
            )
        else:
            help_widget.update(RichText(self.t("ui.q.why_hint"), style="italic"))
        help_widget.set_class(self.show_help, "open")
        self._fill_options()
        self.query_one("#q-note-label", Label).update(self.t("ui.q.note"))
        note = self.query_one("#q-note", NoteEditor)
        note.placeholder = self.t("ui.q.note.placeholder")
        note.read_only = self.gone
        kept = self.refused.get(question.id)
        if kept is None:
            note.show_note(self.scan.note(question.id))
        elif self._note_for != question.id:  # back at a refused note: the text typed, again
            note.show_note(self.scan.note(question.id))
            note.load_text(kept)
        # (a refused note being typed on this question stays in the field, for the user to fix)
        self._note_for = question.id
        self._show_note_problem()
        self.show_save_state()
        body = self.query_one("#q-body", VerticalScroll)
        body.scroll_home(animate=False)
        self.call_after_refresh(body.scroll_home, animate=False)
        self.refresh_bindings()

    def _fill_options(self) -> None:
        question = self.question
        current = self.scan.answer(question.id)
        entries: list[tuple[str, str, str]] = [
            (str(n), str(n), question.anchor(n, self.lang)) for n in range(1, 6)
        ]
        if question.allow_na:
            entries.append((NA, "0", self.t("ui.q.opt.na")))
        entries.append((UNKNOWN, "w", self.t("ui.q.opt.unknown")))
        widget = self.query_one("#q-options", OptionList)
        widget.clear_options()
        highlight = 0
        # Wrap the anchors ourselves, so that continuation lines hang under the text.
        width = (widget.scrollable_content_region.width or widget.size.width or 76) - 2
        for position, (ident, key, text) in enumerate(entries):
            chosen = ident == str(current)
            if chosen:
                highlight = position
            marker = f"{'●' if chosen else ' '}{key} "
            widget.add_option(Option(hanging_text(marker, text, width, bold=chosen), id=ident))
        widget.highlighted = highlight

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``0`` is offered (footer, F1) only on questions that allow "not applicable"."""
        if action == "answer" and parameters == (NA,):
            return self.question.allow_na
        if action == "na_refused":
            return not self.question.allow_na
        return True

    # ----------------------------------------------------------------- what is stored

    def _read_now(self) -> bool:
        """Read a small database on the UI thread (after the writes handed over, such as
        the new scan itself); ``False`` when it must be read in the background instead."""
        config = self.app.config
        if self.app.autosaver.failing or not small_enough(config.store.path):
            return False
        if not self.app.autosaver.flush(timeout=1.0):
            return False
        state = disk_state(config.store.path, self.scan.id)
        try:
            scan = config.store.get(self.scan.id)
        except ScanError as err:
            self._read_failed(err)
            return True
        self._apply_read(scan, state, self._submitted)
        return True

    @work(thread=True, exclusive=True, group="q-read")
    def reload(self) -> None:
        """Read the scan afresh, off the UI thread, once this window's writes are on disk."""
        app = self.app
        submitted = self._submitted
        app.autosaver.flush()
        store = app.config.store
        state = disk_state(store.path, self.scan.id)
        try:
            scan = store.get(self.scan.id)
        except ScanError as err:
            app.call_from_thread(self._read_failed, err)
            return
        app.call_from_thread(self._apply_read, scan, state, submitted)

    def check_elsewhere(self) -> None:
        """Read again if the files changed since this window last read or wrote them."""
        if not self.ready or self.pending or self.finishing or self.gone:
            return
        if disk_state(self.app.config.store.path, self.scan.id) != self._known:
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
            self.index = first_open(self.question_set, scan)
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
        self.scan = msgspec.structs.replace(self.scan, answers=answers)
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
        store, scan_id = self.app.config.store, self.scan.id
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
        keys.append(self.t("ui.q.keys.rest"))
        if all_saved and not self.refused and not self.gone:
            keys[-1] += " " + self.t("ui.q.keys.all_saved")
        self.query_one("#q-keys", Static).update(" · ".join(keys))

    def action_answer(self, value: int | str) -> None:
        answer: AnswerValue = NA if value == NA else UNKNOWN if value == UNKNOWN else int(value)
        if answer == NA and not self.question.allow_na:
            self.action_na_refused()
            return
        if not self._accepting():
            return
        self._record(self.question.id, level=answer)
        self._advance()

    def action_na_refused(self) -> None:
        self.notify(self.t("ui.q.na_not_allowed"), severity="warning", markup=False)

    def _advance(self) -> None:
        if self.index + 1 < len(self.items):
            self._go(self.index + 1)
            return
        unanswered = [i for i, (_, q) in enumerate(self.items) if self.scan.answer(q.id) is None]
        if unanswered:
            self._go(unanswered[0])
        else:
            self.update_texts()
            self.notify(self.t("ui.q.all_answered"), markup=False)

    def _go(self, index: int) -> None:
        self._leave_note()
        self.index = max(0, min(index, len(self.items) - 1))
        self.update_texts()
        self.query_one("#q-options", OptionList).focus(scroll_visible=False)

    @on(OptionList.OptionSelected, "#q-options")
    def _option_chosen(self, event: OptionList.OptionSelected) -> None:
        ident = event.option.id
        if ident is not None:
            self.action_answer(ident if ident in (NA, UNKNOWN) else int(ident))

    # ----------------------------------------------------------------- the note

    @on(TextArea.Changed, "#q-note")
    def _note_changed(self) -> None:
        self._take_note()

    def _take_note(self) -> None:
        """Store what the note field asks for, if it is new and allowed; a refused note stays
        in the field with the reason under it, is kept for when the user comes back, and the
        stored note stays as it was. Called on every change and before leaving the question
        (a change may still be on its way)."""
        field = self.query_one("#q-note", NoteEditor)
        if self._note_for != self.question.id:
            return  # the field does not show this question's note (yet)
        wanted = field.wanted
        question_id = self.question.id
        refused = field.typed and not self.gone and note_problem(wanted) is not None
        was_refused = question_id in self.refused
        if refused:
            self.refused.keep(question_id, field.text)
        else:
            self.refused.drop(question_id)  # fixed (or back to the stored note): stored as usual
        if refused != was_refused:
            self._show_note_problem()
            self.show_save_state()
        if refused or self.gone or not self.ready:
            return
        if wanted != self.scan.note(self.question.id):
            self._record(self.question.id, note=wanted)

    @on(TextArea.SelectionChanged, "#q-note")
    def _note_cursor(self) -> None:
        self.call_after_refresh(self.query_one("#q-note", NoteEditor).follow_cursor)

    def _show_note_problem(self) -> None:
        """Under the field: why the note in it is not stored (too long, control characters)."""
        label = self.query_one("#q-note-error", Label)
        reason = refusal(self.query_one("#q-note", NoteEditor).text, self.lang)
        if self.question.id in self.refused and reason is not None:
            label.update(reason)
            label.set_class(True, "shown")
        else:
            label.set_class(False, "shown")

    def _leave_note(self) -> None:
        """Leaving the question: store the note's last change; if the field holds a refused
        note, say that it was not stored and is kept for when the user comes back."""
        self._take_note()
        if self.question.id in self.refused:
            self.notify(
                self.t("ui.q.note_dropped", k=self.index + 1),
                severity="warning",
                timeout=15,
                markup=False,
            )

    def ask_before_leaving(self, leave: Callable[[], object]) -> bool:
        """Leaving the questionnaire (home, finish, quit) while a refused note exists: ask
        first, naming the questions and why (default: stay); ``leave()`` if the user says so.
        Returns whether it asks (or is already asking); else the caller leaves at once."""
        self._take_note()
        if self._asking_leave:
            return True
        if not self.refused or self.gone:
            return False
        self._asking_leave = True

        def answer(yes: bool | None) -> None:
            self._asking_leave = False
            if yes:
                leave()

        self.app.push_screen(
            ConfirmDialog(
                self.t("ui.q.leave_notes_title"),
                self.refused.leave_body(self.items, self.lang),
                yes_key="ui.q.leave_notes_yes",
                no_key="ui.q.leave_notes_no",
            ),
            answer,
        )
        return True

    # ----------------------------------------------------------------- moving

    def action_move(self, step: int) -> None:
        self._go(self.index + step)

    def action_principle(self, step: int) -> None:
        ids = [p.id for p in self.question_set.principles]
        target = ids.index(self.principle.id) + step
        if 0 <= target < len(ids):
            self._go(next(i for i, (p, _) in enumerate(self.items) if p.id == ids[target]))

    def action_toggle_help(self) -> None:
        self.show_help = not self.show_help
        self.update_texts()

    def action_note(self) -> None:
        self.query_one("#q-note", NoteEditor).focus()

    def action_overview(self) -> None:
        rows: list[tuple[str, str, int | None]] = []
        noted: set[int] = set()
        for index, (principle, question) in enumerate(self.items):
            if index == 0 or self.items[index - 1][0].id != principle.id:
                rows.append(("", principle.title.get(self.lang), None))
            rows.append((self._mark(question.id), question.text.get(self.lang), index))
            if self.scan.note(question.id):
                noted.add(index)
        self.app.push_screen(
            OverviewDialog(
                self.t("ui.q.overview"), self.t("ui.q.legend"), rows, self.index, noted=noted
            ),
            lambda index: self._go(index) if index is not None else None,
        )

    def _mark(self, question_id: str) -> str:
        answer = self.scan.answer(question_id)
        if answer is None:
            return "·"
        if answer == NA:
            return "–"
        if answer == UNKNOWN:
            return "?"
        return str(answer)

    # ----------------------------------------------------------------- finishing

    def action_finish(self) -> None:
        """Ask first; list the open questions, if any. A finished scan can be reopened. A
        refused note is asked about before that."""
        if not self._accepting() or self.ask_before_leaving(self._ask_finish):
            return
        self._ask_finish()

    def _ask_finish(self) -> None:
        if not self._accepting():
            return
        open_questions = [q for _, q in self.items if self.scan.answer(q.id) is None]
        if open_questions:
            lines = [self.t("ui.q.finish_open", count=len(open_questions)), ""]
            lines += [f"· {q.text.get(self.lang)}" for q in open_questions[:FINISH_LIST_MAX]]
            if len(open_questions) > FINISH_LIST_MAX:
                more = len(open_questions) - FINISH_LIST_MAX
                lines.append(self.t("ui.q.finish_more", count=more))
        else:
            lines = [self.t("ui.q.finish_all")]
        self.app.push_screen(
            ConfirmDialog(
                self.t("ui.q.finish_title"),
                "\n".join(lines),
                yes_key="ui.q.finish_yes",
                no_key="ui.q.finish_no",
            ),
            lambda yes: self._complete() if yes else None,
        )

    def _complete(self) -> None:
        """Write the completion (after every answer and note), read the scan back, and only
        then show the results, built from that read. A failure keeps the questionnaire."""
        self._take_note()
        self.finishing = True
        self.refresh_bindings()
        self._finish()

    @work(thread=True, exclusive=True, group="q-finish")
    def _finish(self) -> None:
        app = self.app
        store, scan_id = app.config.store, self.scan.id
        app.autosaver.flush()
        try:
            store.complete(scan_id, now())
            scan = store.get(scan_id)
        except ScanError as err:
            app.call_from_thread(self._finish_failed, err)
            return
        app.call_from_thread(self._finished, scan)

    def _finished(self, scan: Scan) -> None:
        if not self.is_current:
            return  # the user left meanwhile (Esc): the scan is completed, home shows it
        if scan.status != "completed":  # cannot happen: complete() wrote it; never claim it
            self._finish_failed(ScanError("err.finish_unsaved"))
            return
        self.app.show_results(scan, self.question_set, replace=True)

    def _finish_failed(self, err: ScanError) -> None:
        if not self.is_attached:
            self.app.report(err)
            return
        self.finishing = False
        self.refresh_bindings()
        self.app.report(err)
        if err.key == "err.scan_not_found":
            self._read_failed(err)
        else:
            self.reload()

    def action_back(self) -> None:
        """Esc: out of the note field back to the answers; else back to home."""
        if self.query_one("#q-note", NoteEditor).has_focus:
            self.query_one("#q-options", OptionList).focus(scroll_visible=False)
            return
        if not self.ask_before_leaving(self._back_home):
            self._back_home()

    def _back_home(self) -> None:
        if not self.is_current:
            return
        self._take_note()
        self.app.pop_screen()

    def palette_commands(self) -> Iterable[SystemCommand]:
        commands: list[tuple[str, Callable[[], object]]] = [
            ("next", partial(self.action_move, 1)),
            ("prev", partial(self.action_move, -1)),
            ("next_principle", partial(self.action_principle, 1)),
            ("note", self.action_note),
            ("why", self.action_toggle_help),
            ("unknown", partial(self.action_answer, UNKNOWN)),
            ("overview", self.action_overview),
            ("finish", self.action_finish),
            ("back", self.action_back),
        ]
        for name, action in commands:
            yield SystemCommand(self.t(f"ui.cmd.{name}"), self.t(f"ui.cmd.{name}.help"), action)
