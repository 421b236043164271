"""Scoring a scan: pure functions, exact arithmetic.

Per principle, over its questions:

- ``applicable`` = questions − questions answered ``"na"``;
- ``answered`` = questions answered with a level 1-5 (``"unknown"`` and unanswered
  lower coverage, never the score);
- ``score`` = Σ(weight × level) / Σ(weight) over the answered questions, ``None`` if none;
- ``level`` = ⌊score⌋, exactly, but only when ``applicable`` > 0 and
  ``answered`` ≥ ``applicable`` / 2; otherwise ``None``.

Overall: the plain mean of the principle scores that have a level, and its floor.

Weights are turned into exact fractions, so a score of exactly 3 gives level 3.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

import msgspec

from maturity_scan.models import NA, AnswerValue, Principle, QuestionSet, Text


class PrincipleScore(msgspec.Struct, frozen=True):
    id: str
    title: Text
    score: float | None
    level: int | None
    answered: int
    applicable: int
    questions: int
    unknown: int = 0

    @property
    def open(self) -> int:
        """Questions neither answered with a level, nor "na", nor "unknown"."""
        return self.applicable - self.answered - self.unknown


class OverallScore(msgspec.Struct, frozen=True):
    score: float | None
    level: int | None


class ScanScores(msgspec.Struct, frozen=True):
    principles: list[PrincipleScore]
    overall: OverallScore

    def principle(self, principle_id: str) -> PrincipleScore | None:
        return next((p for p in self.principles if p.id == principle_id), None)


def _exact(weight: float) -> Fraction:
    """The weight as written: 0.1 is 1/10, not the binary float nearest to it."""
    return Fraction(repr(float(weight)))


def weighted_score(pairs: Sequence[tuple[float, int]]) -> Fraction | None:
    """Σ(weight × level) / Σ(weight) as an exact fraction; ``None`` for no pairs."""
    if not pairs:
        return None
    numerator: Fraction | int = 0
    denominator: Fraction | int = 0
    for weight, level in pairs:
        w = _exact(weight)
        numerator += w * level
        denominator += w
    return Fraction(numerator, denominator)


def qualifies(answered: int, applicable: int) -> bool:
    """Enough is answered to judge a level: at least half of the applicable questions."""
    return applicable > 0 and 2 * answered >= applicable


def _floor(value: Fraction) -> int:
    return value.numerator // value.denominator


def score_principle(principle: Principle, answers: Mapping[str, AnswerValue]) -> PrincipleScore:
    return _score_principle(principle, answers)[0]


def _score_principle(
    principle: Principle, answers: Mapping[str, AnswerValue]
) -> tuple[PrincipleScore, Fraction | None]:
    pairs: list[tuple[float, int]] = []
    na = unknown = 0
    for question in principle.questions:
        answer = answers.get(question.id)
        if answer is None:
            continue
        if answer == NA:
            na += 1
        elif isinstance(answer, int):
            pairs.append((question.weight, answer))
        else:
            unknown += 1
    total = len(principle.questions)
    applicable = total - na
    exact = weighted_score(pairs)
    level = _floor(exact) if exact is not None and qualifies(len(pairs), applicable) else None
    result = PrincipleScore(
        id=principle.id,
        title=principle.title,
        score=float(exact) if exact is not None else None,
        level=level,
        answered=len(pairs),
        applicable=applicable,
        questions=total,
        unknown=unknown,
    )
    return result, exact if level is not None else None


def score_scan(question_set: QuestionSet, answers: Mapping[str, AnswerValue]) -> ScanScores:
    results = [_score_principle(p, answers) for p in question_set.principles]
    counted = [exact for _, exact in results if exact is not None]
    if counted:
        mean = sum(counted, Fraction(0)) / len(counted)
        overall = OverallScore(score=float(mean), level=_floor(mean))
    else:
        overall = OverallScore(score=None, level=None)
    return ScanScores(principles=[score for score, _ in results], overall=overall)
