"""Formatting shared by every front end: scores as shown (rounded down), changes, levels,
answers, dates and labels of a scan. Whole texts for the command line: ``cli/text.py``."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from maturity_scan.core.models import AnswerValue, Lang, QuestionSet, Scan
from maturity_scan.dates import day_label
from maturity_scan.i18n import tr

if TYPE_CHECKING:
    from maturity_scan.core.compare import Comparison
    from maturity_scan.core.history import HistoryPoint


def local_date(moment: datetime) -> str:
    """The local day of ``moment``; never fails, whatever date was stored."""
    return day_label(moment)


def shown(score: float) -> float:
    """A score as the screens show it: one decimal, rounded down."""
    return math.floor(round(score * 10, 6)) / 10


def shown_delta(before: float | None, after: float | None) -> float | None:
    """The change between two scores as shown, so "1.0 → 1.2" reads "+0.2"."""
    if before is None or after is None:
        return None
    return round(shown(after) - shown(before), 1)


def fmt_score(score: float | None) -> str:
    """One decimal, rounded down, so the shown score never contradicts the level (2.96 → 2.9)."""
    if score is None:
        return "—"
    return f"{shown(score):.1f}"


def fmt_delta(delta: float | None) -> str:
    """A signed change with one decimal: +0.4, -1.0, 0.0."""
    if delta is None:
        return ""
    shown = round(delta, 1)
    return f"{shown:+.1f}" if shown else "0.0"


def fmt_change(before: float | None, after: float | None) -> str:
    """The change as shown: "▲+0.2", "▼-0.3", "=0.0"; empty when either score is missing."""
    from maturity_scan.core.history import trend_marker

    delta = shown_delta(before, after)
    return "" if delta is None else f"{trend_marker(delta)}{fmt_delta(delta)}"


def history_cells(points: Sequence[HistoryPoint], principle_ids: Sequence[str]) -> list[list[str]]:
    """Per scan: each principle's score and then overall, with the change against the scan
    before it computed from the scores as shown (so the figures add up)."""
    rows: list[list[str]] = []
    previous: HistoryPoint | None = None
    for point in points:
        pairs = [
            (_principle_score(previous, pid), _principle_score(point, pid)) for pid in principle_ids
        ]
        before_overall = previous.scores.overall.score if previous else None
        pairs.append((before_overall, point.scores.overall.score))
        rows.append(
            [f"{fmt_score(after)} {fmt_change(before, after)}".rstrip() for before, after in pairs]
        )
        previous = point
    return rows


#: Marks, in a history's date column, the scan from which another question-set version is used.
VERSION_MARK = "◆"


def history_date(point: HistoryPoint) -> str:
    """The date of a point in a history, marked when its question-set version changed."""
    return (
        f"{local_date(point.date)} {VERSION_MARK}"
        if point.version_changed
        else local_date(point.date)
    )


def version_note(points: Sequence[HistoryPoint], lang: Lang) -> str | None:
    """The note under a history whose scans used more than one question-set version, naming
    each change ("1.0 → 2.0"); None when every scan used the same."""
    changes: list[str] = []
    for before, after in itertools.pairwise(points):
        if after.version_changed:
            a, b = before.question_set, after.question_set
            if a.id == b.id:
                changes.append(f"{a.version} → {b.version}")
            else:
                changes.append(f"{a.id} {a.version} → {b.id} {b.version}")
    return tr("history.version_changed", lang, change=", ".join(changes)) if changes else None


def _principle_score(point: HistoryPoint | None, principle_id: str) -> float | None:
    score = point.scores.principle(principle_id) if point else None
    return score.score if score else None


def missing_set_label(scan: Scan) -> str:
    """Where a level would be, for a scan whose question-set version is not installed."""
    return f"{scan.question_set.id} {scan.question_set.version}?"


def level_label(question_set: QuestionSet, level: int | None, lang: Lang) -> str:
    if level is None:
        return tr("level.none", lang)
    return f"{level} {question_set.level_name(level).get(lang)}"


def answer_label(
    question_set: QuestionSet, question_id: str, value: AnswerValue, lang: Lang
) -> str:
    if value is None:
        return tr("answer.none", lang)
    if value == "na":
        return tr("answer.na", lang)
    if value == "unknown":
        return tr("answer.unknown", lang)
    question = question_set.question(question_id)
    anchor = question.anchor(value, lang) if question else ""
    return f"{value} — {anchor}"


def progress_label(scan: Scan, question_set: QuestionSet, lang: Lang) -> str:
    """How far a draft is: questions with any answer, of all; and how many of those answers
    were carried over and not yet confirmed ("· 23 ↺"), so a follow-up draft that starts
    full does not read as done."""
    total = len(question_set.questions())
    done = sum(1 for _, q in question_set.questions() if scan.answer(q.id) is not None)
    label = tr("progress", lang, done=done, total=total)
    if scan.carried:
        label += " · " + tr("ui.q.carried_count", lang, count=len(scan.carried))
    return label


def respondent_label(scan: Scan) -> str:
    parts = [p for p in (scan.respondent.name, scan.respondent.role) if p]
    if len(parts) == 2:
        return f"{parts[0]} ({parts[1]})"
    return parts[0] if parts else ""


def versions_differ(result: Comparison, lang: Lang) -> str:
    """Said above a comparison of scans made with different versions of a set."""
    a, b = result.set_a, result.set_b
    return tr("compare.versions_differ", lang, a=f"{a.id} {a.version}", b=f"{b.id} {b.version}")
