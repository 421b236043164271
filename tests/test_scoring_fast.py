"""The fast scoring path (whole-number weights per principle, integer sums) against a plain
reference with exact fractions: the results must be identical, not merely close."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import msgspec
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from maturity_scan.core.models import AnswerValue, QuestionSet, ScoringRules
from maturity_scan.core.scoring import (
    integer_weights,
    score_principle,
    score_scan,
    weighted_score,
)
from tests.test_scoring import build_set

# ------------------------------------------------------------------ the reference


def as_written(weight: float) -> Fraction:
    """The weight as its shortest decimal spelling says: 0.1 is 1/10."""
    return Fraction(Decimal(str(weight)))


def reference_principle(
    weights: Sequence[float],
    ids: Sequence[str],
    answers: Mapping[str, Any],
    min_coverage: float = 0.5,
) -> tuple[Fraction | None, int | None, int, int, int, int]:
    """(exact score, level, answered, applicable, questions, unknown) by the rules as written."""
    numerator = denominator = Fraction(0)
    answered = na = unknown = 0
    for weight, question_id in zip(weights, ids, strict=True):
        answer = answers.get(question_id)
        if answer is None:
            continue
        if answer == "na":
            na += 1
        elif isinstance(answer, int):
            numerator += as_written(weight) * answer
            denominator += as_written(weight)
            answered += 1
        else:
            unknown += 1
    applicable = len(ids) - na
    score = numerator / denominator if answered else None
    enough = applicable > 0 and Fraction(answered, applicable) >= as_written(min_coverage)
    level = math.floor(score) if score is not None and enough else None
    return score, level, answered, applicable, len(ids), unknown


def reference_scan(
    qs: QuestionSet, answers: Mapping[str, Any]
) -> tuple[
    list[tuple[Fraction | None, int | None, int, int, int, int]], Fraction | None, int | None
]:
    """The principles, the exact overall score and the overall level by the set's rules."""
    rules = qs.scoring
    principles = [
        reference_principle(
            [q.weight for q in p.questions],
            [q.id for q in p.questions],
            answers,
            rules.min_coverage,
        )
        for p in qs.principles
    ]
    counted = [score for score, level, *_ in principles if level is not None and score is not None]
    mean = sum(counted, Fraction(0)) / len(counted) if counted else None
    levels = [level for _, level, *_ in principles]
    if rules.overall == "lowest":
        overall = None if None in levels else min(level for level in levels if level is not None)
    else:
        overall = math.floor(mean) if mean is not None else None
    return principles, mean, overall


def assert_same(qs: QuestionSet, answers: Mapping[str, Any]) -> None:
    got = score_scan(qs, answers)
    expected, mean, overall = reference_scan(qs, answers)
    for principle, score, (exact, level, answered, applicable, total, unknown) in zip(
        qs.principles, got.principles, expected, strict=True
    ):
        assert score.id == principle.id
        assert score.title == principle.title
        # exactly the float nearest to the exact score (what float(Fraction) gives)
        assert score.score == (float(exact) if exact is not None else None)
        assert type(score.score) is (float if exact is not None else type(None))
        assert score.level == level
        assert (score.answered, score.applicable, score.questions, score.unknown) == (
            answered,
            applicable,
            total,
            unknown,
        )
        assert score_principle(principle, answers, qs.scoring) == score
    if mean is None:
        assert got.overall.score is None
    else:
        assert got.overall.score == float(mean)
    assert got.overall.level == overall


# ------------------------------------------------------------------ strategies

#: Decimals as people write them (0.1, 1.5, 2.25, 0.003, 12.5), floats with many digits
#: (0.1 + 0.2, 1/3), and tiny and large ones.
DECIMAL_WEIGHTS = st.builds(
    lambda digits, places: digits / 10**places, st.integers(1, 99_999), st.integers(0, 4)
).filter(lambda w: 0 < w <= 1000)
ODD_WEIGHTS = st.sampled_from(
    [0.1, 0.2, 0.3, 0.7, 1.5, 2.25, 0.1 + 0.2, 1 / 3, 2 / 3, 1e-05, 1000.0]
)
WEIGHTS = st.one_of(DECIMAL_WEIGHTS, ODD_WEIGHTS, st.integers(1, 1000).map(float))
ANSWERS = st.one_of(
    st.none(), st.integers(1, 5), st.sampled_from(["na", "unknown"]), st.just("missing")
)


#: Shares as people write them (0.5, 0.75, 2/3 as 0.667, 1), the binary float of a third,
#: and any other in (0, 1].
COVERAGES = st.one_of(
    st.sampled_from([0.5, 0.75, 0.6, 0.667, 0.1, 0.3, 1 / 3, 2 / 3, 1.0, 0.001]),
    st.builds(lambda n, places: n / 10**places, st.integers(1, 1000), st.just(3)),
    st.floats(min_value=0, max_value=1, exclude_min=True),
)
RULES = st.builds(ScoringRules, min_coverage=COVERAGES, overall=st.sampled_from(["mean", "lowest"]))


@st.composite
def set_and_answers(draw: st.DrawFn) -> tuple[QuestionSet, dict[str, AnswerValue]]:
    shape = draw(st.lists(st.lists(WEIGHTS, min_size=1, max_size=8), min_size=1, max_size=5))
    qs = build_set(shape)
    if draw(st.booleans()):
        qs = msgspec.structs.replace(qs, scoring=draw(RULES))
    answers: dict[str, AnswerValue] = {}
    for _, question in qs.questions():
        answer = draw(ANSWERS)
        if answer != "missing":  # left out of the mapping altogether
            answers[question.id] = answer
    if draw(st.booleans()):
        answers["not-in-the-set"] = draw(st.integers(1, 5))
    return qs, answers


# ------------------------------------------------------------------ properties


@settings(max_examples=400, deadline=None)
@given(set_and_answers())
@example((build_set([[0.1, 0.1, 0.1]]), {"p0q0": 3, "p0q1": 3, "p0q2": 3}))
@example((build_set([[0.1, 0.3], [0.7]]), {"p0q0": 1, "p0q1": 5, "p1q0": 2}))
@example((build_set([[1 / 3, 2 / 3]]), {"p0q0": 2, "p0q1": 5}))
def test_fast_path_equals_reference(case: tuple[QuestionSet, dict[str, AnswerValue]]) -> None:
    qs, answers = case
    assert_same(qs, answers)
    assert_same(qs, answers)  # a second time, from the cached plan


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(WEIGHTS, st.integers(1, 5)), max_size=10))
def test_weighted_score_equals_exact_fractions(pairs: list[tuple[float, int]]) -> None:
    expected = (
        sum((as_written(w) * level for w, level in pairs), Fraction(0))
        / sum(as_written(w) for w, _ in pairs)
        if pairs
        else None
    )
    assert weighted_score(pairs) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(WEIGHTS, min_size=1, max_size=10))
def test_integer_weights_keep_the_proportions(weights: list[float]) -> None:
    scaled = integer_weights(weights)
    assert all(type(w) is int and w > 0 for w in scaled)
    ratio = Fraction(scaled[0]) / as_written(weights[0])
    assert [Fraction(w) / as_written(x) for w, x in zip(scaled, weights, strict=True)] == [
        ratio
    ] * len(weights)
    # scaled by the least common denominator, not just any common multiple
    assert ratio == math.lcm(*(as_written(w).denominator for w in weights))


# ------------------------------------------------------------------ worked examples


def test_worked_example_decimal_weights() -> None:
    # weights 0.1, 1.5, 2.25 become 2, 30, 45 (scale 20).
    # levels 5, 3, 1: (0.5 + 4.5 + 2.25) / 3.85 = 7.25 / 3.85 = 145/77 = 1.883... -> level 1
    assert integer_weights([0.1, 1.5, 2.25]) == [2, 30, 45]
    qs = build_set([[0.1, 1.5, 2.25]])
    p = score_scan(qs, {"p0q0": 5, "p0q1": 3, "p0q2": 1}).principles[0]
    assert p.score == 145 / 77
    assert p.level == 1


def test_worked_example_exactly_three_with_tenths() -> None:
    # weights 0.1 and 0.2 (binary 0.1 + 0.2 != 0.3); levels 5 and 2:
    # (0.5 + 0.4) / 0.3 = 3 exactly -> level 3, not 2.
    qs = build_set([[0.1, 0.2]])
    p = score_scan(qs, {"p0q0": 5, "p0q1": 2}).principles[0]
    assert (p.score, p.level) == (3.0, 3)


def test_worked_example_overall_exact_mean() -> None:
    # p0: weights 0.1, 0.2 with levels 1, 4 -> (0.1 + 0.8) / 0.3 = 3;
    # p1: weights 1.5, 2.25 with levels 2, 3 -> (3 + 6.75) / 3.75 = 2.6;
    # p2: weight 0.3 with level 4 -> 4 but with 1 of 3 answered: no level, not counted.
    # overall (3 + 2.6) / 2 = 2.8 -> level 2.
    qs = build_set([[0.1, 0.2], [1.5, 2.25], [0.3, 1, 1]])
    s = score_scan(qs, {"p0q0": 1, "p0q1": 4, "p1q0": 2, "p1q1": 3, "p2q0": 4})
    assert [(p.score, p.level) for p in s.principles] == [(3.0, 3), (2.6, 2), (4.0, None)]
    assert (s.overall.score, s.overall.level) == (2.8, 2)


def test_same_ids_other_weights_are_not_confused() -> None:
    # Many sets with the same question ids but other weights, more than the plan cache
    # holds: every one is scored with its own weights.
    answers: dict[str, AnswerValue] = {"p0q0": 1, "p0q1": 5}
    for k in range(1, 600):
        qs = build_set([[k / 10, 0.1]])  # (k/10 + 0.5) / (k/10 + 0.1)
        expected = Fraction(k + 5, k + 1)
        assert score_scan(qs, answers).principles[0].score == float(expected)


@pytest.mark.parametrize("answer", [True, 3])
def test_int_like_answers_count_as_levels(answer: int) -> None:
    # an int subclass (bool) is counted as a level, as before the fast path
    qs = build_set([[1.0, 1.0]])
    assert_same(qs, {"p0q0": answer, "p0q1": 2})


# ------------------------------------------------------------------ declared rules


def with_rules(qs: QuestionSet, min_coverage: float = 0.5, overall: str = "mean") -> QuestionSet:
    rules = msgspec.convert({"min_coverage": min_coverage, "overall": overall}, ScoringRules)
    return msgspec.structs.replace(qs, scoring=rules)


def test_default_rules_are_those_of_1_0() -> None:
    assert ScoringRules() == ScoringRules(min_coverage=0.5, overall="mean")
    qs = build_set([[1, 1, 1, 1], [1, 1]])
    assert qs.scoring == ScoringRules()
    answers: dict[str, AnswerValue] = {"p0q0": 2, "p0q1": 3, "p1q0": 5}
    assert score_scan(qs, answers) == score_scan(with_rules(qs, 0.5, "mean"), answers)


def test_min_coverage_three_quarters() -> None:
    # 3 of 4 answered is exactly 0.75: a level; 2 of 4 (enough under 0.5) is not
    qs = with_rules(build_set([[1, 1, 1, 1]]), 0.75)
    assert score_scan(qs, {"p0q0": 3, "p0q1": 3, "p0q2": 4}).principles[0].level == 3
    assert score_scan(qs, {"p0q0": 3, "p0q1": 3, "p0q2": "unknown"}).principles[0].level is None
    # "na" leaves the applicable questions: 3 of 3 applicable
    assert score_scan(qs, {"p0q0": 3, "p0q1": 3, "p0q2": 4, "p0q3": "na"}).principles[0].level == 3


def test_min_coverage_is_taken_as_written() -> None:
    # 0.667 is 667/1000, a little more than 2/3: 2 of 3 is not enough; 0.666 is less
    answers: dict[str, AnswerValue] = {"p0q0": 3, "p0q1": 3}
    assert (
        score_scan(with_rules(build_set([[1, 1, 1]]), 0.667), answers).principles[0].level is None
    )
    assert score_scan(with_rules(build_set([[1, 1, 1]]), 0.666), answers).principles[0].level == 3
    # 0.3 as written: 3 of 10 is enough (the float 0.3 is a little less than 3/10 anyway,
    # but 0.1 + 0.2 is a little more, and is written 0.30000000000000004)
    ten = build_set([[1] * 10])
    three: dict[str, AnswerValue] = {f"p0q{j}": 2 for j in range(3)}
    assert score_scan(with_rules(ten, 0.3), three).principles[0].level == 2
    assert score_scan(with_rules(ten, 0.1 + 0.2), three).principles[0].level is None


def test_overall_lowest() -> None:
    # p0 at 4.5, p1 at 2: mean 3.25 -> 3; lowest -> 2; the score is the mean either way
    qs = build_set([[1, 1], [1]])
    answers: dict[str, AnswerValue] = {"p0q0": 4, "p0q1": 5, "p1q0": 2}
    mean = score_scan(qs, answers).overall
    lowest = score_scan(with_rules(qs, overall="lowest"), answers).overall
    assert (mean.score, mean.level) == (3.25, 3)
    assert (lowest.score, lowest.level) == (3.25, 2)


def test_overall_lowest_needs_every_principle() -> None:
    # p1 unknown: "mean" still gives the level of p0; "lowest" gives none
    qs = build_set([[1, 1], [1]])
    answers: dict[str, AnswerValue] = {"p0q0": 4, "p0q1": 5, "p1q0": "unknown"}
    assert score_scan(qs, answers).overall.level == 4
    lowest = score_scan(with_rules(qs, overall="lowest"), answers).overall
    assert (lowest.score, lowest.level) == (4.5, None)


@pytest.mark.parametrize("bad", [0, -0.5, 1.01, 2])
def test_min_coverage_out_of_range_is_refused(bad: float) -> None:
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert({"min_coverage": bad}, ScoringRules)
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert({"overall": "median"}, ScoringRules)
