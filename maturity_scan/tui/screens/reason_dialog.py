"""A dialog that asks for a short, required reason: why a question does not apply, why the
team's consensus differs from the respondents' median. ``None`` (Esc) changes nothing."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from maturity_scan.tui.screens.base import BaseModal
from maturity_scan.tui.widgets.note_editor import note_problem

#: The longest reason, in characters.
REASON_LIMIT = 500


class ShortReasonDialog(BaseModal[str | None]):
    """Subclasses name their widget ids' prefix and their texts (title, prompt, hint and
    what an empty reason is told); ``detail`` is an optional line under the question."""

    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel")]
    #: The prefix of the widgets' ids (``#<prefix>-reason`` is the field).
    PREFIX: str
    #: Message keys: title, prompt, hint, empty.
    TEXTS: tuple[str, str, str, str]

    def __init__(self, question: str, reason: str = "", detail: str | None = None) -> None:
        super().__init__(classes="dialog")
        self._question = question
        self._reason = reason
        self._detail = detail

    def compose(self) -> ComposeResult:
        p = self.PREFIX
        with Vertical(classes="dialog-box"):
            yield Label("", id=f"{p}-title", classes="dialog-title", markup=False)
            yield Static(self._question, id=f"{p}-question", markup=False)
            if self._detail is not None:
                yield Static(self._detail, id=f"{p}-change", markup=False)
            yield Label("", id=f"{p}-prompt", classes="hint", markup=False)
            yield Input(self._reason, id=f"{p}-reason", max_length=REASON_LIMIT)
            yield Label("", id=f"{p}-error", classes="error", markup=False)
            yield Label("", id=f"{p}-hint", classes="hint", markup=False)

    def update_texts(self) -> None:
        title, prompt, hint, _ = self.TEXTS
        for part, key in (("title", title), ("prompt", prompt), ("hint", hint)):
            self.query_one(f"#{self.PREFIX}-{part}", Label).update(self.t(key))

    def on_mount(self) -> None:
        self.query_one(f"#{self.PREFIX}-reason", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        reason = " ".join(event.value.split())
        problem = note_problem(reason)
        error = self.query_one(f"#{self.PREFIX}-error", Label)
        if not reason:
            error.update(self.t(self.TEXTS[3]))
        elif problem is not None:
            key, values = problem
            error.update(self.t(key, **values))
        else:
            self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)
