"""The questionnaire on an invitation file (``maturity-scan respond FILE``, #14).

The questionnaire itself, its store the file (:class:`~maturity_scan.tui.file_draft.FileDraft`):
every answer and note is written into the file at once. There is no home to go back to:
Esc (outside the note field) quits, as ``q`` does. Finishing marks the file finished and
says where to send it, then the app ends. A file finished before opens as it was: its
answers can still be changed (until the round's owner imports it), and the screen says so.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from maturity_scan.core.models import Scan
from maturity_scan.errors import ScanError
from maturity_scan.present.textreport import local_date
from maturity_scan.tui.file_draft import FileDraft
from maturity_scan.tui.screens.base import BaseModal
from maturity_scan.tui.screens.questionnaire import QuestionnaireScreen
from maturity_scan.visible import visible


class FileQuestionnaireScreen(QuestionnaireScreen):
    """The questionnaire of one invitation file, with no database."""

    BINDINGS = [Binding("escape", "back", "ui.key.quit", show=False)]  # q is in the footer
    KEYS_REST = "ui.respond.keys.rest"

    def __init__(self, draft: FileDraft) -> None:
        super().__init__(draft.scan, draft.question_set, store=draft)
        self.draft = draft

    def on_mount(self) -> None:
        finished = self.draft.invitation.completed_at
        if finished is not None:  # finished before: it can still be changed, and says so
            label = self.query_one("#q-notice", Label)
            label.update(self.t("ui.respond.reopened", date=local_date(finished)))
            label.set_class(True, "shown")

    def update_texts(self) -> None:
        super().update_texts()
        invitation = self.draft.invitation
        who = invitation.respondent.name
        role = invitation.respondent.role_name or invitation.respondent.role
        parts = [invitation.round.organisation, invitation.round.title]
        parts.append(f"{who} ({role})" if who else role)
        self.sub_title = visible(" · ".join(parts), single_line=True)

    def _back_home(self) -> None:
        """No home here: leaving the questionnaire ends the app (after the writes)."""
        if not self.is_current:
            return
        self._take_note()
        self.app.call_later(self.app.action_quit)

    def _finished(self, scan: Scan) -> None:
        if not self.is_attached:
            return
        if not self.draft.invitation.completed:  # complete() wrote it; never claim it
            self._finish_failed_after_write()
            return
        self.app.push_screen(
            DoneDialog(self.draft.path, self.draft.invitation.return_to),
            lambda _: self.app.exit(),
        )

    def _finish_failed_after_write(self) -> None:
        self._finish_failed(ScanError("err.finish_unsaved"))


class DoneDialog(BaseModal[None]):
    """The file is finished: where it is, and who to send it back to."""

    BINDINGS = [
        Binding("escape", "close", "ui.key.close"),
        Binding("enter", "close", "ui.key.close", show=False),
    ]

    def __init__(self, path: Path, return_to: str | None) -> None:
        super().__init__(classes="dialog")
        self._path, self._return_to = path, return_to

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("", id="done-title", classes="dialog-title", markup=False)
            yield Static("", id="done-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("", id="done-close", variant="primary")

    def update_texts(self) -> None:
        self.query_one("#done-title", Label).update(self.t("ui.respond.done_title"))
        file = visible(os.path.abspath(self._path), single_line=True)
        if self._return_to:
            to = visible(self._return_to, single_line=True)
            body = self.t("ui.respond.done_to", file=file, who=to)
        else:
            body = self.t("ui.respond.done_back", file=file)
        self.query_one("#done-body", Static).update(body)
        self.query_one("#done-close", Button).label = f"{self.t('ui.respond.close')} (Enter)"

    def on_mount(self) -> None:
        self.query_one("#done-close", Button).focus()

    @on(Button.Pressed, "#done-close")
    def _pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
