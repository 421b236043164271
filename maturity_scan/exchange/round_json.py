"""``round show --json``: a round's report
(:func:`~maturity_scan.core.round_report.build_round_report`) as typed JSON, with the keys
the issue names (#14).

Nothing is computed here but the shape: the statistics are the report's, and the provisional
result's scores are converted by the export's own conversion
(:func:`~maturity_scan.exchange.export.export_scan`), so they read exactly like the
``scores`` of a scan in an export or in ``scan show --json``.
"""

from __future__ import annotations

import datetime

import msgspec

from maturity_scan.core.models import AnswerValue, QuestionSet, SetRef, Visibility
from maturity_scan.core.round_report import RoundReport, RoundRespondent, provisional_scan
from maturity_scan.core.rounds import Flag
from maturity_scan.exchange.export import ExportScores, export_scan


class RoundQuestion(msgspec.Struct, gc=False, frozen=True):
    """Where the respondents agree on one question, and where they do not."""

    question: str
    principle: str
    #: How many answered "1".."5", "na", "unknown", and "none" (no answer).
    counts: dict[str, int]
    #: Of the levels given: sorted, the element at index (n - 1) // 2.
    lower_median: int | None
    min: int | None
    max: int | None
    flag: Flag | None
    #: Per role id: the mean level its respondents gave.
    by_role: dict[str, float]
    #: The provisional answer (the lower median, else "na", "unknown" or null).
    provisional: AnswerValue


class RoundPrinciple(msgspec.Struct, gc=False, frozen=True):
    id: str
    #: Per role id: the mean of its respondents' principle scores.
    by_role: dict[str, float]
    #: Highest role score minus lowest; null with fewer than two roles.
    perception_gap: float | None


class RoundJson(msgspec.Struct, gc=False, frozen=True):
    """A round as ``round show --json`` prints it."""

    id: str
    organisation: str
    title: str
    date: datetime.date
    closes: datetime.date | None
    question_set: SetRef
    visibility: Visibility
    #: Completed and still answering, oldest first; names only in a ``named`` round, roles
    #: not in an ``anonymous`` one.
    respondents: list[RoundRespondent]
    #: Questions in the set's order.
    questions: list[RoundQuestion]
    principles: list[RoundPrinciple]
    #: The provisional result's scores, in the export's shape.
    provisional: ExportScores
    #: The id of the round's consensus scan, or null.
    consensus: str | None
    #: Respondents' answers were added, changed or removed after the consensus was agreed.
    consensus_outdated: bool


def round_json(report: RoundReport, question_set: QuestionSet) -> RoundJson:
    """``report`` (of a round scored with ``question_set``) as ``round show --json``."""
    made = report.round
    statistics = report.statistics
    answers = statistics.provisional_answers
    principle_of = {q.id: p.id for p, q in question_set.questions()}
    provisional = provisional_scan(made, answers)
    return RoundJson(
        id=made.id,
        organisation=made.organisation,
        title=made.title,
        date=made.opened,
        closes=made.closes,
        question_set=made.question_set,
        visibility=made.visibility,
        respondents=report.respondents,
        questions=[
            RoundQuestion(
                question=q.question,
                principle=principle_of[q.question],
                counts=q.counts,
                lower_median=q.lower_median,
                min=q.min,
                max=q.max,
                flag=q.flag,
                by_role=q.by_role,
                provisional=answers.get(q.question),
            )
            for q in statistics.questions
        ],
        principles=[
            RoundPrinciple(id=p.principle, by_role=p.by_role, perception_gap=p.perception_gap)
            for p in statistics.principles
        ],
        provisional=export_scan(provisional, question_set).scores,
        consensus=None if report.consensus_scan is None else report.consensus_scan.id,
        consensus_outdated=report.consensus_outdated,
    )
