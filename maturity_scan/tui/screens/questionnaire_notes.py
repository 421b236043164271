"""The questionnaire's note field: every change stored, a refused note kept and asked about.

A note is stored as it is typed (through :meth:`StoredDraftScreen._record`, which lets a burst
of typing become one write). A note that cannot be stored (too long, a control character)
stays in the field with the reason under it, is kept per question (``refused_notes.py``)
for when the user comes back, and leaving the questionnaire while one exists asks first.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.widgets import Label, TextArea

from maturity_scan.core.models import QuestionSet, Scan
from maturity_scan.tui.screens.dialogs import ConfirmDialog
from maturity_scan.tui.screens.questionnaire_stored import DraftStore, StoredDraftScreen
from maturity_scan.tui.screens.refused_notes import refusal
from maturity_scan.tui.widgets.note_editor import NoteEditor, note_problem


class NotesScreen(StoredDraftScreen):
    """The questionnaire's handling of the note of the question shown."""

    def __init__(
        self,
        scan: Scan,
        question_set: QuestionSet,
        start: int | None = None,
        store: DraftStore | None = None,
    ) -> None:
        super().__init__(scan, question_set, start, store)
        self._note_for: str | None = None  # the question whose note the field shows
        self._asking_leave = False  # the "leave with refused notes?" question is open

    def _show_note(self) -> None:
        """The note of the question shown, in the field: the stored note, or the refused
        text typed when the user comes back to it."""
        question = self.question
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
