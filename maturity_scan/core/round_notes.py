"""The notes a team round's respondents wrote with their answers, per question, as the
round's visibility lets them be shown (:func:`~maturity_scan.core.round_report.shown_respondent`:
names and roles in a ``named`` round, roles in a ``by-role`` round, neither in an
``anonymous`` one). Only completed responses count, as in the round's statistics.

In a round that does not show names the notes of a question are in an order that does not
follow the respondents (by role, then by text; anonymous: by text), so that the order of
the notes does not tell which notes, across questions, one person wrote.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from maturity_scan.core.models import QuestionSet, Round, Scan
from maturity_scan.core.round_report import answered_at, shown_respondent


class RespondentNote(msgspec.Struct, gc=False, frozen=True):
    note: str
    #: None unless the round is ``named`` (or the respondent gave none).
    name: str | None
    #: The role id; None in an ``anonymous`` round.
    role: str | None


class QuestionNotes(msgspec.Struct, gc=False, frozen=True):
    question: str
    notes: list[RespondentNote]


def respondent_notes(
    round_: Round, scans: Sequence[Scan], question_set: QuestionSet
) -> list[QuestionNotes]:
    """The completed respondents' notes in ``round_`` (``scans``: the round's scans; the
    consensus's own notes are not theirs), per question in the set's order."""
    done = sorted(
        (s for s in scans if s.kind == "response" and s.status == "completed"),
        key=lambda s: (answered_at(s), s.id),
    )
    roles = {role.id: n for n, role in enumerate(question_set.roles)}
    found = []
    for _, question in question_set.questions():
        notes = []
        for scan in done:
            answer = scan.answers.get(question.id)
            if answer is None or not answer.note.strip():
                continue
            shown = shown_respondent(round_, scan)
            notes.append(RespondentNote(answer.note, shown.name, shown.role))
        if round_.visibility != "named":  # no order that follows a person
            notes.sort(key=lambda n: (roles.get(n.role or "", len(roles)), n.role or "", n.note))
        if notes:
            found.append(QuestionNotes(question.id, notes))
    return found
