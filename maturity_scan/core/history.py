"""An organisation's progress over time: its points by date, with the change per step.

A point is a completed scan of its own, or a team round (its consensus, else its provisional
result): :mod:`~maturity_scan.core.points`. Pure functions: the caller gives the scans and
rounds (usually ``Store.contents(organisation)``) and the catalog; each point is scored with
the question-set version it was made with, so a later version of the set never rewrites an
earlier result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime

import msgspec

from maturity_scan.core.catalog import Catalog
from maturity_scan.core.models import AnswerValue, QuestionSet, Round, Scan, SetRef
from maturity_scan.core.points import PointKind, points
from maturity_scan.core.scoring import ScanScores, score_scan

#: Score changes smaller than this (in either direction) count as "unchanged": they
#: disappear when a score is shown with two decimals.
UNCHANGED_BELOW = 0.005
#: Deltas are rounded to this many decimals, so 2.1 − 1.8 is 0.3 and not 0.30000000000000004.
DELTA_DIGITS = 9

TREND_UP = "▲"
TREND_DOWN = "▼"
TREND_SAME = "="


class HistoryPoint(msgspec.Struct, frozen=True):
    """One point in an organisation's history: a completed scan, or a team round."""

    #: The scored scan's id; of a provisional point ``<round id>-provisional`` (not stored).
    scan_id: str
    #: The scan's date (:attr:`Scan.date`: the day it was taken, else its completion): a
    #: correction (reopen and finish again) never moves a scan in history.
    date: datetime
    question_set: SetRef
    scores: ScanScores
    #: Per principle id of this scan's set: score change against the previous point;
    #: ``None`` for the first point, or when either score is ``None`` (or the principle is
    #: not in the previous point's set).
    deltas: dict[str, float | None]
    overall_delta: float | None
    #: When the scan was (last) completed.
    completed_at: datetime | None = None
    #: Whether this scan used another question set (version) than the point before it:
    #: principle scores still compare, answers only for question ids in both.
    version_changed: bool = False
    #: ``single``, a round's ``consensus`` or ``provisional`` result, or (asked for) a
    #: respondent's scan (``response``: no change is computed for it, and the points after it
    #: change against the point before it).
    kind: PointKind = "single"
    #: The team round of a consensus, provisional or response point.
    round: str | None = None
    #: A respondent's scan: the role answered as (None in an anonymous round).
    role: str | None = None

    @property
    def provisional(self) -> bool:
        return self.kind == "provisional"


class HistoryReport(msgspec.Struct, frozen=True):
    """:func:`history_report`: the history, and the scans left out of it because their
    question-set version is not installed."""

    points: list[HistoryPoint]
    skipped: list[Scan]
    #: The scan scored for each point, in the same order (of a provisional point: the
    #: round's provisional scan, never stored): what a comparison of two points compares.
    scans: list[Scan] = []


def score_delta(before: float | None, after: float | None) -> float | None:
    """``after − before``, rounded to :data:`DELTA_DIGITS` decimals; ``None`` if either is."""
    if before is None or after is None:
        return None
    return round(after - before, DELTA_DIGITS)


def answer_levels(scan: Scan) -> dict[str, AnswerValue]:
    """The scan's answers as ``question id → answer``, as :func:`score_scan` takes them."""
    return {question: record.level for question, record in scan.answers.items()}


def history(
    scans: Sequence[Scan], catalog: Catalog, rounds: Iterable[Round] = ()
) -> list[HistoryPoint]:
    """The points of ``scans`` and ``rounds`` (:func:`~maturity_scan.core.points.points`),
    oldest first (ties by id), each with its change against the last.

    Drafts are left out. Each point is scored with its own question set version; a version
    the catalog does not have raises :class:`~maturity_scan.errors.ScanError`
    (``err.qs_unknown`` / ``err.qs_unknown_version``). :func:`history_report` leaves such a
    point out instead, and names it.
    """
    report = history_report(scans, catalog, rounds)
    for scan in report.skipped:
        catalog.get(scan.question_set.id, scan.question_set.version)
    return report.points


def history_report(
    scans: Sequence[Scan],
    catalog: Catalog,
    rounds: Iterable[Round] = (),
    *,
    responses: bool = False,
) -> HistoryReport:
    """:func:`history` of the points whose question-set version is installed; the points
    whose version is not are left out (the others' changes are against the point before
    them that could be read) and their scans returned as ``skipped``, oldest first.
    ``responses``: the respondents' scans of each round too, right after its point."""
    rounds = list(rounds)
    anonymous = {r.id for r in rounds if r.visibility == "anonymous"}
    found: list[HistoryPoint] = []
    scored: list[Scan] = []
    skipped: list[Scan] = []
    previous: ScanScores | None = None
    previous_set: SetRef | None = None
    for point in points(scans, rounds, _finder(catalog), responses=responses):
        scan = point.scan
        question_set = catalog.find(scan.question_set.id, scan.question_set.version)
        if question_set is None:
            skipped.append(scan)
            continue
        scores = score_scan(question_set, answer_levels(scan))
        response = point.kind == "response"
        scored.append(scan)
        found.append(
            HistoryPoint(
                scan_id=scan.id,
                date=scan.date,
                question_set=scan.question_set,
                scores=scores,
                deltas=_deltas(None if response else previous, scores),
                overall_delta=(
                    score_delta(previous.overall.score, scores.overall.score)
                    if previous is not None and not response
                    else None
                ),
                completed_at=None if point.provisional else scan.completed_at,
                version_changed=(
                    not response and previous_set is not None and previous_set != scan.question_set
                ),
                kind=point.kind,
                round=point.round,
                role=(
                    scan.round.role
                    if response and scan.round is not None and point.round not in anonymous
                    else None
                ),
            )
        )
        if not response:
            previous, previous_set = scores, scan.question_set
    return HistoryReport(points=found, skipped=skipped, scans=scored)


def _finder(catalog: Catalog) -> Callable[[SetRef], QuestionSet | None]:
    return lambda ref: catalog.find(ref.id, ref.version)


def _deltas(previous: ScanScores | None, current: ScanScores) -> dict[str, float | None]:
    before: Mapping[str, float | None] = (
        {p.id: p.score for p in previous.principles} if previous is not None else {}
    )
    return {p.id: score_delta(before.get(p.id), p.score) for p in current.principles}


def trend_marker(delta: float | None) -> str:
    """``"▲"`` up, ``"▼"`` down, ``"="`` unchanged, ``""`` unknown: the change without colour."""
    if delta is None:
        return ""
    if abs(delta) < UNCHANGED_BELOW:
        return TREND_SAME
    return TREND_UP if delta > 0 else TREND_DOWN
