"""Comparing two scans of one organisation: scores per principle, and which answers changed.

Scans made with different versions of a question set compare at principle level over the
principles both versions have, and per question only where the id is in both; the questions
added or removed between the versions are listed, so nothing is mixed in silently.

A :class:`Comparison` encodes to JSON with ``msgspec.json.encode`` as it is.
"""

from __future__ import annotations

import msgspec

from maturity_scan.core.history import answer_levels, score_delta
from maturity_scan.core.models import AnswerValue, QuestionSet, Scan, SetRef, Text
from maturity_scan.core.names import org_key
from maturity_scan.core.points import is_provisional
from maturity_scan.core.scoring import ScanScores, score_scan
from maturity_scan.errors import ScanError


class PrincipleChange(msgspec.Struct, frozen=True):
    id: str
    #: The title in the later scan's question set.
    title: Text
    score_a: float | None
    score_b: float | None
    #: ``score_b − score_a``; ``None`` when either score is ``None``.
    delta: float | None
    level_a: int | None
    level_b: int | None


class OverallChange(msgspec.Struct, frozen=True):
    score_a: float | None
    score_b: float | None
    delta: float | None
    level_a: int | None
    level_b: int | None


class AnswerChange(msgspec.Struct, frozen=True):
    """A question whose answer or note differs between the two scans: its level changed
    (and perhaps its note), or only its note."""

    question: str
    #: The principle the question belongs to in the later scan's question set.
    principle: str
    level_a: AnswerValue
    level_b: AnswerValue
    note_a: str
    note_b: str
    #: The answer differs (a level, "na", "don't know" or none).
    level_changed: bool
    #: The note differs (white space around it does not count).
    note_changed: bool


class Comparison(msgspec.Struct, frozen=True):
    scan_a: str
    scan_b: str
    #: Principles in both question sets, in the order of set b.
    principles: list[PrincipleChange]
    overall: OverallChange
    #: Questions in both sets whose answer or note differs, in the order of set b.
    changed_answers: list[AnswerChange]
    #: How many of them changed level (:attr:`level_changes`) and how many only their note
    #: (:attr:`note_changes`): "22 changed answers" said nothing of how many levels moved.
    changed_levels: int
    changed_notes_only: int
    #: Question ids of set a that set b does not have (removed), sorted.
    questions_only_in_a: list[str]
    #: Question ids of set b that set a does not have (added), sorted.
    questions_only_in_b: list[str]
    #: The question sets the scores were computed with.
    set_a: SetRef
    set_b: SetRef
    #: The team round each side is the point of (its consensus, or its provisional result),
    #: or null for a scan of its own.
    round_a: str | None = None
    round_b: str | None = None
    #: The side is a round's provisional result: its lower medians, not a stored scan (its
    #: id is ``<round id>-provisional``).
    provisional_a: bool = False
    provisional_b: bool = False

    @property
    def same_version(self) -> bool:
        return self.set_a == self.set_b

    @property
    def level_changes(self) -> list[AnswerChange]:
        """The changed answers whose level changed (whether or not the note did)."""
        return [c for c in self.changed_answers if c.level_changed]

    @property
    def note_changes(self) -> list[AnswerChange]:
        """The changed answers whose note changed and level did not."""
        return [c for c in self.changed_answers if not c.level_changed]


def compare(a: Scan, b: Scan, set_a: QuestionSet, set_b: QuestionSet) -> Comparison:
    """Compare scan ``a`` (the earlier) with scan ``b`` (the later), each scored with its own set.

    Raises :class:`ScanError` ``err.compare_orgs`` (params ``a``, ``b``: the organisations)
    when the scans belong to different organisations (compared case-insensitively).
    The scans are taken in the order given; the caller decides which one is earlier.
    """
    if org_key(a.organisation) != org_key(b.organisation):
        raise ScanError("err.compare_orgs", a=a.organisation, b=b.organisation)
    scores_a = score_scan(set_a, answer_levels(a))
    scores_b = score_scan(set_b, answer_levels(b))

    ids_a = {q.id for _, q in set_a.questions()}
    ids_b = {q.id for _, q in set_b.questions()}
    changed = _changed_answers(a, b, set_b, ids_a)
    levels = sum(1 for c in changed if c.level_changed)
    return Comparison(
        scan_a=a.id,
        scan_b=b.id,
        principles=_principle_changes(scores_a, scores_b),
        overall=OverallChange(
            score_a=scores_a.overall.score,
            score_b=scores_b.overall.score,
            delta=score_delta(scores_a.overall.score, scores_b.overall.score),
            level_a=scores_a.overall.level,
            level_b=scores_b.overall.level,
        ),
        changed_answers=changed,
        changed_levels=levels,
        changed_notes_only=len(changed) - levels,
        questions_only_in_a=sorted(ids_a - ids_b),
        questions_only_in_b=sorted(ids_b - ids_a),
        set_a=set_a.ref,
        set_b=set_b.ref,
        round_a=_round_of(a),
        round_b=_round_of(b),
        provisional_a=is_provisional(a),
        provisional_b=is_provisional(b),
    )


def _round_of(scan: Scan) -> str | None:
    """The round of a round's point (a consensus or provisional scan); None otherwise."""
    link = scan.round
    return link.id if link is not None and link.kind == "consensus" else None


def _principle_changes(scores_a: ScanScores, scores_b: ScanScores) -> list[PrincipleChange]:
    """Per principle of the later set that the earlier set has too: both scores and levels."""
    changes: list[PrincipleChange] = []
    for after in scores_b.principles:
        before = scores_a.principle(after.id)
        if before is not None:
            changes.append(
                PrincipleChange(
                    id=after.id,
                    title=after.title,
                    score_a=before.score,
                    score_b=after.score,
                    delta=score_delta(before.score, after.score),
                    level_a=before.level,
                    level_b=after.level,
                )
            )
    return changes


def _changed_answers(a: Scan, b: Scan, set_b: QuestionSet, ids_a: set[str]) -> list[AnswerChange]:
    """The answers (level or note) that differ, for questions both sets have, in b's order.
    White space around a note is not a change."""
    changes: list[AnswerChange] = []
    for principle, question in set_b.questions():
        if question.id not in ids_a:
            continue
        level_a, level_b = a.answer(question.id), b.answer(question.id)
        note_a, note_b = a.note(question.id), b.note(question.id)
        level_changed = level_a != level_b
        note_changed = note_a.strip() != note_b.strip()
        if level_changed or note_changed:
            changes.append(
                AnswerChange(
                    question=question.id,
                    principle=principle.id,
                    level_a=level_a,
                    level_b=level_b,
                    note_a=note_a,
                    note_b=note_b,
                    level_changed=level_changed,
                    note_changed=note_changed,
                )
            )
    return changes
