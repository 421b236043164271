"""An organisation's progress over time: its completed scans by date, with the change per step.

Pure functions: the caller gives the scans (usually ``Store.scans(organisation)``) and the
catalog; each scan is scored with the question-set version it was made with, so a later
version of the set never rewrites an earlier result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import msgspec

from maturity_scan.core.catalog import Catalog
from maturity_scan.core.models import AnswerValue, Scan, SetRef
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
    """One completed scan in an organisation's history."""

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


class HistoryReport(msgspec.Struct, frozen=True):
    """:func:`history_report`: the history, and the scans left out of it because their
    question-set version is not installed."""

    points: list[HistoryPoint]
    skipped: list[Scan]


def score_delta(before: float | None, after: float | None) -> float | None:
    """``after − before``, rounded to :data:`DELTA_DIGITS` decimals; ``None`` if either is."""
    if before is None or after is None:
        return None
    return round(after - before, DELTA_DIGITS)


def answer_levels(scan: Scan) -> dict[str, AnswerValue]:
    """The scan's answers as ``question id → answer``, as :func:`score_scan` takes them."""
    return {question: record.level for question, record in scan.answers.items()}


def history(scans: Sequence[Scan], catalog: Catalog) -> list[HistoryPoint]:
    """The completed scans, oldest first (ties by id), each with its change against the last.

    Drafts are left out. Each scan is scored with its own question set version; a version
    the catalog does not have raises :class:`~maturity_scan.errors.ScanError`
    (``err.qs_unknown`` / ``err.qs_unknown_version``). :func:`history_report` leaves such a
    scan out instead, and names it.
    """
    for scan in scans:
        if scan.status == "completed":
            catalog.get(scan.question_set.id, scan.question_set.version)
    return history_report(scans, catalog).points


def history_report(scans: Sequence[Scan], catalog: Catalog) -> HistoryReport:
    """:func:`history` of the scans whose question-set version is installed; the completed
    scans whose version is not are left out (the others' changes are against the scan
    before them that could be read) and returned as ``skipped``, oldest first."""
    completed = [s for s in scans if s.status == "completed"]
    completed.sort(key=lambda s: (s.date, s.id))
    points: list[HistoryPoint] = []
    skipped: list[Scan] = []
    previous: ScanScores | None = None
    previous_set: SetRef | None = None
    for scan in completed:
        question_set = catalog.find(scan.question_set.id, scan.question_set.version)
        if question_set is None:
            skipped.append(scan)
            continue
        scores = score_scan(question_set, answer_levels(scan))
        points.append(
            HistoryPoint(
                scan_id=scan.id,
                date=scan.date,
                question_set=scan.question_set,
                scores=scores,
                deltas=_deltas(previous, scores),
                overall_delta=(
                    score_delta(previous.overall.score, scores.overall.score)
                    if previous is not None
                    else None
                ),
                completed_at=scan.completed_at,
                version_changed=previous_set is not None and previous_set != scan.question_set,
            )
        )
        previous, previous_set = scores, scan.question_set
    return HistoryReport(points=points, skipped=skipped)


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
