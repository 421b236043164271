"""The rows of a history whose points include team rounds, for every front end: each
point's cells (a respondent's scan without a change: the change is the organisation's, from
point to point), what kind of point it is, and the note under the table.

See :mod:`maturity_scan.core.points` for what the points are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from maturity_scan.i18n import tr
from maturity_scan.present.textreport import fmt_score, history_cells

if TYPE_CHECKING:
    from maturity_scan.core.history import HistoryPoint
    from maturity_scan.core.models import Lang, QuestionSet, SetRef

#: Marks a respondent's scan under its round's point.
RESPONSE_MARK = "↳"
_KIND_KEYS = {"consensus": "history.kind.consensus", "provisional": "history.kind.provisional"}


def point_cells(points: Sequence[HistoryPoint], principle_ids: Sequence[str]) -> list[list[str]]:
    """Per point: each principle's score and then overall; the organisation's points (every
    kind but ``response``) with the change against the one before, as
    :func:`~maturity_scan.present.textreport.history_cells`; a respondent's scan without."""
    own = [p for p in points if p.kind != "response"]
    cells = iter(history_cells(own, principle_ids))
    rows: list[list[str]] = []
    for point in points:
        if point.kind != "response":
            rows.append(next(cells))
            continue
        scores = [point.scores.principle(pid) for pid in principle_ids]
        rows.append(
            [fmt_score(s.score if s is not None else None) for s in scores]
            + [fmt_score(point.scores.overall.score)]
        )
    return rows


def has_rounds(points: Sequence[HistoryPoint]) -> bool:
    return any(p.kind != "single" for p in points)


def point_kind(
    point: HistoryPoint, find_set: Callable[[SetRef], QuestionSet | None], lang: Lang
) -> str:
    """What a point is, in a word: empty for a scan of its own; "consensus", "voorlopig", or
    "↳ <role>" for a respondent's scan (its role's name, when the round shows roles)."""
    if point.kind == "single":
        return ""
    if point.kind != "response":
        return tr(_KIND_KEYS[point.kind], lang)
    question_set = find_set(point.question_set)
    role = point.role
    name = question_set.role_name(role, lang) if question_set is not None and role else ""
    return f"{RESPONSE_MARK} {name or tr('history.kind.response', lang)}"


def provisional_note(points: Sequence[HistoryPoint], lang: Lang) -> str | None:
    """The note under a history with a provisional point: what it is, and how a round gets
    its consensus."""
    if not any(p.provisional for p in points):
        return None
    return tr("history.provisional_note", lang)
