"""Scoring a scan: pure functions, exact arithmetic.

Per principle, over its questions:

- ``applicable`` = questions − questions answered ``"na"``;
- ``answered`` = questions answered with a level 1-5 (``"unknown"`` and unanswered
  lower coverage, never the score);
- ``score`` = Σ(weight × level) / Σ(weight) over the answered questions, ``None`` if none;
- ``level`` = ⌊score⌋, exactly, but only when ``applicable`` > 0 and
  ``answered`` / ``applicable`` ≥ ``min_coverage``; otherwise ``None``.

Overall score: the plain mean of the principle scores that have a level. Overall level, by the
set's ``overall`` rule: ``"mean"``, the floor of that mean; ``"lowest"``, the lowest principle
level, and ``None`` unless every principle has a level.

The rules are the set's :class:`~maturity_scan.core.models.ScoringRules`; the defaults
(``min_coverage`` 0.5, ``overall`` "mean") are those of every set before sets declared them.
``min_coverage`` is taken as written, as the weights are (0.75 is 3/4), and compared exactly.

Weights are taken as written (0.1 is 1/10, not the binary float nearest to it), so a score
of exactly 3 gives level 3. To keep this fast, each principle's weights are scaled once by
the least common denominator of their exact fractions into whole numbers (the scale cancels
in the quotient). A scan is then scored with integer sums; the float score is the correctly
rounded quotient of two integers (as ``float(Fraction)`` is), and the level their floor
division, so the results equal those of exact ``Fraction`` arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

import msgspec

from maturity_scan.core.models import (
    NA,
    AnswerValue,
    Principle,
    QuestionSet,
    ScoringRules,
    Text,
)

if TYPE_CHECKING:
    from fractions import Fraction  # imported when used: importing it compiles a regex


class PrincipleScore(msgspec.Struct, gc=False, frozen=True):
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


class OverallScore(msgspec.Struct, gc=False, frozen=True):
    score: float | None
    level: int | None


class ScanScores(msgspec.Struct, gc=False, frozen=True):
    principles: list[PrincipleScore]
    overall: OverallScore

    def principle(self, principle_id: str) -> PrincipleScore | None:
        return next((p for p in self.principles if p.id == principle_id), None)


@lru_cache(maxsize=1024)
def _exact(weight: float) -> tuple[int, int]:
    """The weight as written, as (numerator, denominator) in lowest terms: 0.1 is 1/10, not
    the binary float nearest to it. ``repr`` gives the shortest decimal that reads back as
    the same float, which is the decimal the question set file has."""
    numerator, denominator = Decimal(repr(float(weight))).as_integer_ratio()
    return numerator, denominator


def integer_weights(weights: Sequence[float]) -> list[int]:
    """The exact weights (see :func:`_exact`) times the least common denominator of them all:
    whole numbers in the same proportions as the weights as written."""
    exact = [_exact(w) for w in weights]
    scale = math.lcm(*(d for _, d in exact)) if exact else 1
    return [n * (scale // d) for n, d in exact]


def weighted_score(pairs: Sequence[tuple[float, int]]) -> Fraction | None:
    """Σ(weight × level) / Σ(weight) as an exact fraction; ``None`` for no pairs."""
    from fractions import Fraction

    if not pairs:
        return None
    weights = integer_weights([weight for weight, _ in pairs])
    numerator = sum(w * level for w, (_, level) in zip(weights, pairs, strict=True))
    return Fraction(numerator, sum(weights))


#: The rules of a set that declares none.
DEFAULT_RULES = ScoringRules()


def qualifies(answered: int, applicable: int, min_coverage: float = 0.5) -> bool:
    """Enough is answered to judge a level: ``answered / applicable ≥ min_coverage``, exactly,
    with ``min_coverage`` as written (by default, at least half of the applicable questions)."""
    numerator, denominator = _exact(min_coverage)
    return applicable > 0 and answered * denominator >= applicable * numerator


# ------------------------------------------------------------------------------ plans

#: A principle prepared for scoring: the principle, and per question its id and its weight
#: as a whole number (see :func:`integer_weights`).
_PrinciplePlan = tuple[Principle, tuple[tuple[str, int], ...]]

#: Plans by ``id()`` of the question set or principle. Each entry holds the object itself,
#: so its id cannot be reused while the entry exists. Question sets and principles are
#: frozen structs and are never changed after loading. Threads may share it: each dict
#: operation is atomic, and a plan made twice is the same plan.
_PLANS: dict[int, tuple[object, tuple[_PrinciplePlan, ...]]] = {}
_PLANS_MAX = 256


def _make_plan(principles: Sequence[Principle]) -> tuple[_PrinciplePlan, ...]:
    return tuple(
        (
            p,
            tuple(
                zip(
                    [q.id for q in p.questions],
                    integer_weights([q.weight for q in p.questions]),
                    strict=True,
                )
            ),
        )
        for p in principles
    )


def _plan(owner: QuestionSet | Principle) -> tuple[_PrinciplePlan, ...]:
    entry = _PLANS.get(id(owner))
    if entry is not None and entry[0] is owner:
        return entry[1]
    principles = owner.principles if isinstance(owner, QuestionSet) else [owner]
    plan = _make_plan(principles)
    if len(_PLANS) >= _PLANS_MAX:
        _PLANS.clear()
    _PLANS[id(owner)] = (owner, plan)
    return plan


# ------------------------------------------------------------------------------ scoring


def _score(
    plan: tuple[_PrinciplePlan, ...],
    answers: Mapping[str, AnswerValue],
    counted: list[tuple[int, int]],
    min_coverage: float,
) -> list[PrincipleScore]:
    """The principles' scores; appends (Σ weight × level, Σ weight) of each principle that
    has a level to ``counted``."""
    get = answers.get
    coverage, of = _exact(min_coverage)
    results = []
    for principle, questions in plan:
        numerator = denominator = answered = na = unknown = 0
        for question_id, weight in questions:
            answer = get(question_id)
            if answer is None:
                continue
            if answer.__class__ is not int:
                if answer == NA:
                    na += 1
                    continue
                if not isinstance(answer, int):
                    unknown += 1
                    continue
            numerator += weight * answer
            denominator += weight
            answered += 1
        total = len(questions)
        applicable = total - na
        score = level = None
        if answered:
            # int / int is correctly rounded, as float(Fraction) is; // is the exact floor
            score = numerator / denominator
            if applicable > 0 and answered * of >= applicable * coverage:  # see qualifies
                level = numerator // denominator
                counted.append((numerator, denominator))
        results.append(
            PrincipleScore(
                principle.id,
                principle.title,
                score,
                level,
                answered,
                applicable,
                total,
                unknown,
            )
        )
    return results


def score_principle(
    principle: Principle,
    answers: Mapping[str, AnswerValue],
    rules: ScoringRules = DEFAULT_RULES,
) -> PrincipleScore:
    """One principle scored by ``rules`` (those of its set: see :func:`score_scan`)."""
    return _score(_plan(principle), answers, [], rules.min_coverage)[0]


def score_scan(question_set: QuestionSet, answers: Mapping[str, AnswerValue]) -> ScanScores:
    """The scan's scores by the rules ``question_set`` declares."""
    rules = question_set.scoring
    counted: list[tuple[int, int]] = []
    principles = _score(_plan(question_set), answers, counted, rules.min_coverage)
    if not counted:
        return ScanScores(principles, OverallScore(None, None))
    # the mean of the fractions n/d, exactly: Σ n_i × (D / d_i) / (D × k) with D = Π d_i
    numerator, denominator = counted[0]
    for n, d in counted[1:]:
        numerator = numerator * d + n * denominator
        denominator *= d
    denominator *= len(counted)
    if rules.overall == "lowest":
        levels = [p.level for p in principles if p.level is not None]
        level = min(levels) if len(levels) == len(principles) else None
    else:
        level = numerator // denominator
    return ScanScores(principles, OverallScore(numerator / denominator, level))
