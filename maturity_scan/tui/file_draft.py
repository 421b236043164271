"""An invitation file as the questionnaire's store (``maturity-scan respond FILE``, #14).

:class:`FileDraft` gives the questionnaire what it uses of the database
(:class:`~maturity_scan.tui.screens.questionnaire_stored.DraftStore`): reading the draft,
storing one answer or note, finishing. Every answer and note is written into the file at
once, atomically (:func:`~maturity_scan.exchange.invitation.save_answer`), by the app's
autosave thread like any answer; nothing else is stored anywhere, and no database is opened.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec

from maturity_scan.core.models import AnswerValue, QuestionSet, Scan
from maturity_scan.errors import ScanError
from maturity_scan.exchange.invitation import (
    Invitation,
    draft_of,
    mark_completed,
    read_invitation,
    save_answer,
)
from maturity_scan.exchange.invitation_questions import question_set_of
from maturity_scan.storage.scans import now

_UNSET: Any = msgspec.UNSET


class FileDraft:
    """One invitation file, read and written whole at every step."""

    def __init__(self, path: Path) -> None:
        self._path = path
        #: The file as last read or written.
        self.invitation: Invitation = read_invitation(path)
        #: The questions as the file gives them (in its language).
        self.question_set: QuestionSet = question_set_of(self.invitation)

    @property
    def path(self) -> Path:
        return self._path

    @property
    def scan(self) -> Scan:
        """The file's answers as a draft scan (its id is the invitation's)."""
        return draft_of(self.invitation)

    def _check(self, ref: str) -> None:
        if ref != self.invitation.id:
            raise ScanError("err.scan_not_found", id=ref)

    def get(self, ref: str) -> Scan:
        self._check(ref)
        self.invitation = read_invitation(self._path)
        return self.scan

    def set_answer(
        self,
        scan_id: str,
        question_id: str,
        level: AnswerValue = _UNSET,
        note: str = _UNSET,
    ) -> None:
        self._check(scan_id)
        self.invitation = save_answer(self._path, question_id, now(), level=level, note=note)

    def complete(self, scan_id: str, when: datetime | None = None) -> Scan:
        self._check(scan_id)
        self.invitation = mark_completed(self._path, when or now())
        return msgspec.structs.replace(self.scan, status="completed")
