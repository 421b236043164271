"""Invitations: the answers file of one respondent of a team round (#14).

``maturity-scan round invite`` writes one; ``maturity-scan respond FILE`` fills it in, every
answer and note saved into it at once (:func:`save_answer`, atomically); ``round import``
reads it back (:mod:`maturity_scan.exchange.invitation_import`). It is JSON that reads and
fills in with any editor: a format marker and version, the invitation's id (the response
scan's id), the round, the respondent and their role, the language its texts are in, the
levels and definitions, and every question asked with its principle, text, help, anchors,
whether "na" is allowed and the roles it suits, with its ``answer`` (null) and ``note`` ("")
right beside it. A respondent who answers only their role's questions (``role_only``) gets
only those.

The file is complete in itself: ``respond`` shows the questions from its texts
(:mod:`~maturity_scan.exchange.invitation_questions`), so a colleague on another laptop
needs no database and not the round's question set. The texts are for reading: only ids,
answers, notes and the times are read back, and ``round import`` checks them against the
set the round pinned.

``saved_at`` is when ``respond`` last saved an answer (null: never; an editor does not set
it), ``completed_at`` when the respondent finished. Finishing marks the file; answers can
still be changed afterwards (``respond`` opens a finished file again), until it is imported.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

from maturity_scan.atomic import real_path, write_atomic
from maturity_scan.core.models import (
    NA,
    AnswerRecord,
    AnswerValue,
    Identifier,
    LevelNumber,
    NonEmpty,
    OrganisationName,
    Respondent,
    RoundLink,
    Scan,
    SetRef,
)
from maturity_scan.errors import ScanError
from maturity_scan.inputs import MAX_INPUT_BYTES, convert, parse_json, read_bytes
from maturity_scan.lang import LangCode
from maturity_scan.visible import find_control

#: What the ``format`` field of every invitation says.
FORMAT: Literal["maturity-scan-invitation"] = "maturity-scan-invitation"
#: The version of the format this program writes and reads.
FORMAT_VERSION = 1
#: A save into the file that failed (disk full, no permission): the app tries it again.
WRITE_ERROR = "err.invite_write"
#: The longest note (as the app's note field allows).
MAX_NOTE = 50_000
MAX_NAME = 200
#: The form of the ids the program makes (``uuid4().hex``).
_ID_PATTERN = r"^[0-9a-f]{32}$"
Day = date
InvitationId = Annotated[str, msgspec.Meta(pattern=_ID_PATTERN)]


class InvitedRound(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    id: NonEmpty
    title: NonEmpty
    organisation: OrganisationName
    question_set: Identifier
    question_set_version: NonEmpty
    date: Day
    closes: Day | None = None


class InvitedRespondent(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    #: Optional when the round is anonymous.
    name: str | None = None
    role: Identifier
    #: The role's name in the file's language (for the reader).
    role_name: str = ""


class InvitedLevel(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    level: LevelNumber
    name: NonEmpty
    description: NonEmpty


class InvitedDefinition(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    id: Identifier
    term: NonEmpty
    text: NonEmpty


class Anchors(
    msgspec.Struct,
    kw_only=True,
    forbid_unknown_fields=True,
    rename={"one": "1", "two": "2", "three": "3", "four": "4", "five": "5"},
):
    """What the organisation does at level 1 ... 5."""

    one: NonEmpty
    two: NonEmpty
    three: NonEmpty
    four: NonEmpty
    five: NonEmpty

    def texts(self) -> list[str]:
        return [self.one, self.two, self.three, self.four, self.five]


class InvitedQuestion(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    id: Identifier
    principle_id: Identifier
    principle: NonEmpty
    text: NonEmpty
    help: NonEmpty
    anchors: Anchors
    na_allowed: bool = False
    #: The roles the question suits best; none: every role.
    roles: list[Identifier] = []
    #: 1-5, "na", "unknown" or null (unanswered).
    answer: AnswerValue = None
    note: str = ""


class Invitation(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    format: Literal["maturity-scan-invitation"]
    format_version: int
    #: How to fill the file in by hand, in the file's language (for the reader).
    how_to: str = ""
    id: InvitationId
    round: InvitedRound
    respondent: InvitedRespondent
    #: The respondent answers only the questions of their role.
    role_only: bool = False
    #: Who to send the answered file back to (optional).
    return_to: str | None = None
    language: LangCode
    invited_at: datetime
    saved_at: datetime | None = None
    completed_at: datetime | None = None
    levels: list[InvitedLevel]
    definitions: list[InvitedDefinition] = []
    questions: list[InvitedQuestion]

    @property
    def set_ref(self) -> SetRef:
        return SetRef(id=self.round.question_set, version=self.round.question_set_version)

    @property
    def completed(self) -> bool:
        return self.completed_at is not None

    @property
    def answered(self) -> int:
        return sum(1 for q in self.questions if q.answer is not None)


# --------------------------------------------------------------------------- writing


def encode_invitation(invitation: Invitation) -> bytes:
    """The file's bytes: indented JSON, non-ASCII as it is, a newline at the end."""
    return msgspec.json.format(msgspec.json.encode(invitation), indent=2) + b"\n"


# --------------------------------------------------------------------------- reading


def parse_invitation(data: bytes, source: str) -> Invitation:
    """An invitation, checked: its format and version first (anything else is "not an
    invitation"), then every field, then what a type cannot say (each question once, "na"
    only where allowed, notes that can be stored). One-line errors name the file and field."""
    raw = parse_json(data, source)
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ScanError("err.invite_not_invitation", file=source)
    version = raw.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise ScanError("err.invite_newer", file=source, version=version, known=FORMAT_VERSION)
    parsed = convert(raw, Invitation, source)
    if parsed.format_version != FORMAT_VERSION:
        raise ScanError(
            "err.invite_newer", file=source, version=parsed.format_version, known=FORMAT_VERSION
        )
    if parsed.respondent.name is not None:
        _check_in_file(parsed.respondent.name, source, "respondent.name", MAX_NAME)
    seen: set[str] = set()
    for question in parsed.questions:
        if question.id in seen:
            raise ScanError("err.invite_question_twice", file=source, question=question.id)
        seen.add(question.id)
        if question.answer == NA and not question.na_allowed:
            raise ScanError("err.answers_na_not_allowed", file=source, question=question.id)
        _check_in_file(question.note, source, f"questions[{question.id}].note", MAX_NOTE)
    if not parsed.questions:
        raise ScanError("err.invite_no_questions_in", file=source)
    return parsed


def _check_in_file(text: str, source: str, field: str, limit: int) -> None:
    if len(text) > limit:
        raise ScanError("err.invite_field_long", file=source, field=field, limit=limit)
    char = find_control(text, allow_newlines=True)
    if char is not None:
        raise ScanError("err.invite_field_control", file=source, field=field, char=char)


def read_invitation(path: Path) -> Invitation:
    return parse_invitation(read_bytes(path, MAX_INPUT_BYTES), str(path))


def file_time(path: Path) -> datetime | None:
    """When the file was last written, in the local zone (None: it cannot be looked at)."""
    try:
        return datetime.fromtimestamp(os.stat(path).st_mtime).astimezone()
    except OSError:
        return None


# --------------------------------------------------------------------------- saving


_UNSET: Any = msgspec.UNSET


def save_answer(
    path: Path,
    question_id: str,
    when: datetime,
    level: AnswerValue = _UNSET,
    note: str = _UNSET,
) -> Invitation:
    """Store one answer and/or note in the invitation at ``path``, durably: the file read
    afresh, changed and written atomically (a crash leaves the old file or the new one)."""
    target = real_path(path)
    invitation = read_invitation(target)
    source = str(path)
    questions = []
    found = False
    for question in invitation.questions:
        if question.id == question_id:
            found = True
            changes: dict[str, Any] = {}
            if level is not _UNSET:
                if level == NA and not question.na_allowed:
                    raise ScanError("err.answers_na_not_allowed", file=source, question=question_id)
                changes["answer"] = convert(level, AnswerValue, source)  # type: ignore[arg-type]
            if note is not _UNSET:
                _check_in_file(note, source, f"questions[{question_id}].note", MAX_NOTE)
                changes["note"] = note
            question = msgspec.structs.replace(question, **changes)
        questions.append(question)
    if not found:
        raise ScanError("err.invite_unknown_question", file=source, question=question_id)
    changed = msgspec.structs.replace(invitation, questions=questions, saved_at=when)
    write_atomic(target, encode_invitation(changed), error_key=WRITE_ERROR)
    return changed


def mark_completed(path: Path, when: datetime) -> Invitation:
    """The invitation at ``path`` marked finished at ``when`` (atomically)."""
    target = real_path(path)
    invitation = read_invitation(target)
    changed = msgspec.structs.replace(invitation, completed_at=when, saved_at=when)
    write_atomic(target, encode_invitation(changed), error_key=WRITE_ERROR)
    return changed


# --------------------------------------------------------------------------- as a scan


def draft_of(invitation: Invitation) -> Scan:
    """The invitation as a draft scan for the questionnaire (its id is the invitation's)."""
    return Scan(
        id=invitation.id,
        organisation=invitation.round.organisation,
        respondent=Respondent(name=invitation.respondent.name),
        question_set=invitation.set_ref,
        status="draft",
        started_at=invitation.invited_at,
        answers=answers_of(invitation),
        round=RoundLink(
            id=invitation.round.id,
            role=invitation.respondent.role,
            role_only=invitation.role_only,
        ),
    )


def answers_of(invitation: Invitation) -> dict[str, AnswerRecord]:
    return {
        q.id: AnswerRecord(level=q.answer, note=q.note)
        for q in invitation.questions
        if q.answer is not None or q.note
    }
