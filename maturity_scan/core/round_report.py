"""The report of a team round, that every front end renders (``round show``, the round
screen, the board report): who answered, the statistics of :mod:`~maturity_scan.core.rounds`,
the provisional result and the consensus, each as a scan report
(:func:`~maturity_scan.core.report.build_report`).

What it shows of individuals follows the round's visibility: names and roles (``named``),
roles only (``by-role``) or neither (``anonymous``). The per-role statistics are shown in
every case: they are about roles, not people (a role with one respondent says what that
person answered; the round's opener chooses the visibility knowing that).

Pure: no I/O.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

import msgspec

from maturity_scan.core.models import (
    AnswerRecord,
    AnswerValue,
    QuestionSet,
    Respondent,
    Round,
    RoundLink,
    Scan,
    ScanStatus,
    consensus_of,
)
from maturity_scan.core.report import ScanReport, build_report
from maturity_scan.core.rounds import QuestionSpread, Response, RoundStatistics, round_statistics

#: The order in which questions need the team's attention: divided first (widest spread
#: first), then those most did not know, then the rest, the agreed ones last.
_ATTENTION = {"divided": 0, "knowledge_gap": 1, None: 2, "agreed": 3}


class RoundRespondent(msgspec.Struct, gc=False, frozen=True):
    """One respondent as the round's visibility lets it be shown."""

    scan: str
    status: ScanStatus
    date: datetime
    #: None unless the round is ``named`` (or the respondent gave none).
    name: str | None
    #: The role id; None in an ``anonymous`` round.
    role: str | None
    #: Answered only the questions of their role.
    role_only: bool = False


class RoundReport(msgspec.Struct, gc=False, frozen=True):
    round: Round
    #: Respondents, completed and still answering, in the order they answered.
    respondents: list[RoundRespondent]
    #: The statistics of the completed responses.
    statistics: RoundStatistics
    #: The provisional result: the lower medians as a scan, scored with the set's rules.
    provisional: ScanReport
    #: The team's agreed result, once a consensus session stored it.
    consensus: ScanReport | None
    #: The consensus scan itself (its answers' sources and reasons), when there is one.
    consensus_scan: Scan | None
    #: The digest of the completed responses now (:func:`responses_basis`).
    basis: str = ""

    @property
    def consensus_outdated(self) -> bool:
        """Respondents' answers were added, changed or removed after the consensus."""
        link = self.consensus_scan.round if self.consensus_scan is not None else None
        return link is not None and bool(link.basis) and link.basis != self.basis

    @property
    def completed(self) -> int:
        return sum(1 for r in self.respondents if r.status == "completed")

    def roles(self) -> list[str]:
        """The roles of the completed responses (ids, in the order of first appearance)."""
        seen: dict[str, None] = {}
        for principle in self.statistics.principles:
            seen.update(dict.fromkeys(principle.by_role))
        for question in self.statistics.questions:
            seen.update(dict.fromkeys(question.by_role))
        return list(seen)


def responses(scans: Sequence[Scan]) -> list[Response]:
    """The completed respondents' scans as the statistics take them."""
    return [
        Response(role=(s.round.role or "") if s.round else "", answers=_levels(s))
        for s in scans
        if s.kind == "response" and s.status == "completed"
    ]


def responses_basis(scans: Sequence[Scan]) -> str:
    """A digest of the completed responses' ids and levels (notes aside: they change no
    statistic): what a consensus records it was agreed on."""
    digest = hashlib.sha256()
    for scan in sorted((s for s in scans if s.kind == "response"), key=lambda s: s.id):
        if scan.status != "completed":
            continue
        digest.update(scan.id.encode() + b"\0")
        for question, level in sorted(_levels(scan).items()):
            digest.update(f"{question}={level};".encode())
    return digest.hexdigest()[:16]


def _levels(scan: Scan) -> dict[str, AnswerValue]:
    return {q: a.level for q, a in scan.answers.items() if a.level is not None}


def provisional_scan(round_: Round, answers: dict[str, AnswerValue]) -> Scan:
    """The provisional result as a (never stored) completed scan of the round: the
    organisation, set and date of the round, the given answers, no respondent."""
    moment = round_.moment
    return Scan(
        id=f"{round_.id}-provisional",
        organisation=round_.organisation,
        respondent=Respondent(),
        question_set=round_.question_set,
        status="completed",
        started_at=round_.created_at,
        completed_at=moment,
        answers={q: AnswerRecord(level=v) for q, v in answers.items() if v is not None},
        taken_at=moment,
        round=RoundLink(id=round_.id, kind="consensus"),
    )


def attention_order(questions: Sequence[QuestionSpread]) -> list[QuestionSpread]:
    """``questions`` in the order they need the team's attention (see :data:`_ATTENTION`),
    the set's order within each group."""
    return sorted(
        questions,
        key=lambda q: (
            _ATTENTION[q.flag],
            -((q.max or 0) - (q.min or 0)) if q.flag == "divided" else 0,
        ),
    )


def answered_at(scan: Scan) -> datetime:
    """When a respondent answered (finished, else started): their scans all carry the
    round's date."""
    return scan.completed_at or scan.started_at


def shown_respondent(round_: Round, scan: Scan) -> RoundRespondent:
    """A respondent's scan as the round's visibility lets it be shown (every front end that
    lists respondents uses this rule)."""
    link = scan.round
    return RoundRespondent(
        scan=scan.id,
        status=scan.status,
        date=answered_at(scan),
        name=scan.respondent.name if round_.visibility == "named" else None,
        role=None if round_.visibility == "anonymous" or link is None else link.role,
        role_only=bool(link and link.role_only),
    )


def build_round_report(
    round_: Round, scans: Sequence[Scan], question_set: QuestionSet
) -> RoundReport:
    """The report of ``round_`` from its ``scans`` (respondents' and consensus), scored with
    ``question_set`` (the version the round pinned)."""
    statistics = round_statistics(question_set, responses(scans))
    consensus = consensus_of(scans)
    return RoundReport(
        round=round_,
        respondents=[
            shown_respondent(round_, s)
            for s in sorted(
                (s for s in scans if s.kind == "response"), key=lambda s: (answered_at(s), s.id)
            )
        ],
        statistics=statistics,
        provisional=build_report(
            provisional_scan(round_, statistics.provisional_answers), question_set
        ),
        consensus=None if consensus is None else build_report(consensus, question_set),
        consensus_scan=consensus,
        basis=responses_basis(scans),
    )
