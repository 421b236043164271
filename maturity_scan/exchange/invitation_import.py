"""Answered invitations back into their round (``round import``, #14): each file checked
against the round stored in the database and the question set it pinned, and turned into
a completed response scan; then sorted into new, already imported, newer (replaces after
asking) and older (left out) by comparing it with what the round holds.

Every error is one line naming the file and, where there is one, the question.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

import msgspec

from maturity_scan.core.catalog import Catalog
from maturity_scan.core.models import (
    NA,
    AnswerRecord,
    QuestionSet,
    Respondent,
    Round,
    RoundLink,
    Scan,
)
from maturity_scan.core.names import org_key
from maturity_scan.dates import representable, zoned
from maturity_scan.errors import ScanError
from maturity_scan.exchange.answers import na_needs_reason
from maturity_scan.exchange.invitation import Invitation, answers_of, file_time


@dataclasses.dataclass(frozen=True)
class Answered:
    """One file read: where from, the invitation, and the response scan it becomes."""

    source: str
    invitation: Invitation
    scan: Scan


def check_round(invitation: Invitation, round_: Round, source: str) -> None:
    """The file belongs to ``round_`` as stored: its organisation and set version."""
    given = invitation.round
    if org_key(given.organisation) != org_key(round_.organisation):
        raise ScanError(
            "err.invite_other_org",
            file=source,
            org=given.organisation,
            round_org=round_.organisation,
        )
    if invitation.set_ref != round_.question_set:
        raise ScanError(
            "err.invite_other_set",
            file=source,
            version=f"{given.question_set} {given.question_set_version}",
            round_version=f"{round_.question_set.id} {round_.question_set.version}",
        )


def check_answers(invitation: Invitation, question_set: QuestionSet, source: str) -> None:
    """The answers against the round's set: its questions only, the role one of its roles,
    in a role-only file only the role's questions, "na" only where allowed and, in a set
    that asks why, with its reason (the note); at least one answer."""
    role = invitation.respondent.role
    if question_set.role(role) is None:
        known = ", ".join(r.id for r in question_set.roles) or "-"
        raise ScanError("err.invite_file_role", file=source, role=role, known=known)
    for item in invitation.questions:
        question = question_set.question(item.id)
        if question is None:
            raise ScanError(
                "err.answers_unknown_question",
                file=source,
                field="questions",
                question=item.id,
                set=question_set.id,
            )
        if item.answer is None and not item.note:
            continue
        if invitation.role_only and not question.suits(role):
            raise ScanError("err.invite_not_asked", file=source, question=item.id, role=role)
        if item.answer == NA and not question.allow_na:
            raise ScanError("err.answers_na_not_allowed", file=source, question=item.id)
        if item.answer == NA and na_needs_reason(question_set) and not item.note.strip():
            raise ScanError("err.invite_na_needs_note", file=source, question=item.id)
    if invitation.answered == 0:
        raise ScanError("err.invite_unanswered", file=source)


def saved_time(invitation: Invitation, path: Path, source: str) -> datetime:
    """When the answers were last saved: by ``respond`` (``saved_at``, else the finish),
    else (filled in with an editor) when the file was last written."""
    moment = invitation.saved_at or invitation.completed_at or file_time(path)
    if moment is None:
        moment = invitation.invited_at
    invited = zoned(invitation.invited_at)
    for checked in (moment := zoned(moment), invited):
        if not representable(checked):
            raise ScanError("err.invite_date", file=source, value=checked.isoformat())
    return max(moment, invited)


def response_scan(
    invitation: Invitation, round_: Round, path: Path, source: str, catalog: Catalog
) -> Answered:
    """The completed response scan an answered invitation to ``round_`` becomes."""
    check_round(invitation, round_, source)
    try:
        question_set = catalog.get(round_.question_set.id, round_.question_set.version)
    except ScanError as err:
        raise err.in_file(source) from None
    check_answers(invitation, question_set, source)
    when = saved_time(invitation, path, source)
    answers = {
        k: AnswerRecord(level=v.level, note=v.note.strip())
        for k, v in answers_of(invitation).items()
    }
    scan = Scan(
        id=invitation.id,
        organisation=round_.organisation,
        respondent=Respondent(name=invitation.respondent.name),
        question_set=round_.question_set,
        status="completed",
        started_at=min(zoned(invitation.invited_at), when),
        completed_at=when,
        answers={k: v for k, v in answers.items() if v != AnswerRecord()},
        taken_at=round_.moment,  # a respondent's scan is of the round's date
        round=RoundLink(
            id=round_.id, role=invitation.respondent.role, role_only=invitation.role_only
        ),
    )
    return Answered(source, invitation, scan)


@dataclasses.dataclass
class Sorted:
    """What importing the files would do, before anything is written."""

    new: list[Answered] = dataclasses.field(default_factory=list)
    #: Stored with the same answers: nothing to do.
    same: list[Answered] = dataclasses.field(default_factory=list)
    #: Stored with other answers, saved earlier than this file: replaces after asking.
    newer: list[Answered] = dataclasses.field(default_factory=list)
    #: Stored with other answers saved later than this file: left out.
    older: list[Answered] = dataclasses.field(default_factory=list)

    @property
    def to_store(self) -> list[Scan]:
        return [a.scan for a in [*self.new, *self.newer]]


def same_content(a: Scan, b: Scan) -> bool:
    """The same response, whenever it was saved."""
    return msgspec.structs.replace(
        a, started_at=b.started_at, completed_at=b.completed_at, taken_at=b.taken_at
    ) == msgspec.structs.replace(b, organisation=a.organisation)


def sort_answered(answered: Sequence[Answered], stored: Iterable[Scan]) -> Sorted:
    """Each file compared with the scan of its id in the round (and with the other files:
    of one invitation given twice, the later one counts)."""
    known = {s.id: s for s in stored}
    result = Sorted()
    chosen: dict[str, Answered] = {}
    for item in answered:
        other = chosen.get(item.scan.id)
        if other is None or _later(item.scan, other.scan):
            if other is not None and not same_content(other.scan, item.scan):
                result.older.append(other)
            elif other is not None:
                result.same.append(other)
            chosen[item.scan.id] = item
        elif same_content(other.scan, item.scan):
            result.same.append(item)
        else:
            result.older.append(item)
    for item in chosen.values():
        existing = known.get(item.scan.id)
        if existing is None:
            result.new.append(item)
        elif same_content(existing, item.scan):
            result.same.append(item)
        elif saved_by_respond(item.invitation) and _later(existing, item.scan):
            result.older.append(item)
        else:
            result.newer.append(item)
    return result


def saved_by_respond(invitation: Invitation) -> bool:
    """Whether the file says when it was saved (``respond`` does); a file filled in with an
    editor has only its modification time, which a mail program may change: it is never
    taken as older than what is stored, it is asked about (or ``--yes``)."""
    return invitation.saved_at is not None or invitation.completed_at is not None


def _later(a: Scan, b: Scan) -> bool:
    return (a.completed_at or a.started_at) > (b.completed_at or b.started_at)
