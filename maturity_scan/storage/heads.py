"""The read behind the organisation overview: every scan without its answers, except the
answers the overview scores.

The overview (:func:`maturity_scan.core.organisations.overview`) scores only the latest
:data:`~maturity_scan.core.organisations.SCORED_PER_ORGANISATION` points of each
organisation (a completed scan of its own, a round's consensus, or the responses a round
without consensus makes its provisional result of: :func:`~maturity_scan.core.points.scored_scans`);
the rest of a scan it needs is its head (organisation, status, dates, set, round).
Answers are most of the file, so this read decodes every scan's head and leaves its answers
as raw JSON (:class:`ScanHead`), then decodes and validates the answers of the scans the
overview scores. With 10,000 scans that is less than half the time of a whole read.

What it does not do: validate the answers of the other scans (every other read, ``db
check`` and any write still do), or replay drafts' journals (they only hold answers of
drafts, which the overview does not score). Anything unusual (damage, another schema
version, a naive date) falls back to the whole read, which says what is wrong.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec

from maturity_scan.core.models import (
    AnswerRecord,
    Organisation,
    Respondent,
    Round,
    RoundLink,
    Scan,
    ScanStatus,
    SetRef,
    Target,
)
from maturity_scan.core.organisations import SCORED_PER_ORGANISATION
from maturity_scan.core.points import scored_scans
from maturity_scan.storage.codec import CURRENT_META

#: A moment with a zone: a hand-edited file's naive one sends the read the whole way, which
#: gives it one (:func:`maturity_scan.storage.codec.with_zones`).
Moment = Annotated[datetime, msgspec.Meta(tz=True)]


class ScanHead(msgspec.Struct, gc=False, frozen=True, forbid_unknown_fields=True):
    """A stored scan with its answers left as raw JSON: the fields of
    :class:`~maturity_scan.core.models.Scan`, in its order (``tests/test_organisations.py``
    checks they stay the same)."""

    id: str
    organisation: str
    respondent: Respondent
    question_set: SetRef
    status: ScanStatus
    started_at: Moment
    completed_at: Moment | None = None
    answers: msgspec.Raw = msgspec.Raw(b"{}")
    taken_at: Moment | None = None
    follows: str | None = None
    carried: list[str] = []
    round: RoundLink | None = None

    def scan(self, answers: dict[str, AnswerRecord]) -> Scan:
        return Scan(
            id=self.id,
            organisation=self.organisation,
            respondent=self.respondent,
            question_set=self.question_set,
            status=self.status,
            started_at=self.started_at,
            completed_at=self.completed_at,
            answers=answers,
            taken_at=self.taken_at,
            follows=self.follows,
            carried=self.carried,
            round=self.round,
        )


class HeadFile(msgspec.Struct, forbid_unknown_fields=True):
    meta: dict[int, dict[str, Any]] = msgspec.field(default_factory=dict)
    scans: dict[int, ScanHead] = msgspec.field(default_factory=dict)
    targets: dict[int, Target] = msgspec.field(default_factory=dict)
    organisations: dict[int, Organisation] = msgspec.field(default_factory=dict)
    rounds: dict[int, Round] = msgspec.field(default_factory=dict)


_head_decoder = msgspec.json.Decoder(HeadFile)
_answers_decoder = msgspec.json.Decoder(dict[str, AnswerRecord])


def overview_scans(
    raw: bytes | None,
) -> tuple[list[Scan], list[Target], list[Organisation], list[Round]] | None:
    """Every scan, oldest first (the answers of those the overview scores, the others
    none), the targets, the organisation records and the rounds of the file ``raw``;
    ``None`` when the whole read must do it (see the module's docstring). No file: nothing."""
    if raw is None:
        return [], [], [], []
    try:
        contents = _head_decoder.decode(raw)
    except (msgspec.DecodeError, RecursionError, ValueError):
        return None
    if contents.meta != CURRENT_META:
        return None
    heads = sorted(contents.scans.values(), key=_when)  # oldest first, as every read gives
    scans = [head.scan({}) for head in heads]
    rounds = list(contents.rounds.values())
    # the scans of the points the overview scores (a round without consensus: its responses)
    wanted = scored_scans(scans, rounds, SCORED_PER_ORGANISATION)
    for index, head in enumerate(heads):
        if head.id in wanted:
            try:
                answers = _answers_decoder.decode(head.answers)
            except (msgspec.DecodeError, RecursionError, ValueError):
                return None
            scans[index] = head.scan(answers)
    return (
        scans,
        list(contents.targets.values()),
        list(contents.organisations.values()),
        rounds,
    )


def _when(head: ScanHead) -> tuple[datetime, str]:
    """As :attr:`Scan.date`, then the id: the order of history."""
    return (head.taken_at or head.completed_at or head.started_at, head.id)
