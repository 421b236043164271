"""Scoring: the exact rules of issue 2, worked examples by hand and hypothesis properties.

The mini set (tests/fixtures/sets/mini.toml):
  alpha: a1 (weight 1), a2 (weight 2, "na" allowed), a3 (weight 1, "na" allowed)
  beta:  b1 (weight 1), b2 (weight 0.5, "na" allowed)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maturity_scan.core.models import (
    AnswerValue,
    LevelDef,
    Principle,
    Question,
    QuestionSet,
    Text,
)
from maturity_scan.core.scoring import qualifies, score_principle, score_scan
from maturity_scan.question_sets.loading import load_question_set

MINI = Path(__file__).parent / "fixtures" / "sets" / "mini.toml"


@pytest.fixture(scope="module")
def mini() -> QuestionSet:
    return load_question_set(MINI)


# ------------------------------------------------------------------ building sets by hand


def _t(s: str) -> Text:
    return Text(nl=s, en=s)


def build_set(weights: Sequence[Sequence[float]]) -> QuestionSet:
    """A question set with one principle per inner list; question ids p<i>q<j>."""
    principles = [
        Principle(
            id=f"p{i}",
            title=_t(f"P{i}"),
            description=_t("d"),
            questions=[
                Question(
                    id=f"p{i}q{j}",
                    text=_t("q"),
                    help=_t("h"),
                    answers=[_t(f"l{n}") for n in range(1, 6)],
                    allow_na=True,
                    weight=w,
                )
                for j, w in enumerate(ws)
            ],
        )
        for i, ws in enumerate(weights)
    ]
    return QuestionSet(
        id="built",
        version="1",
        title=_t("t"),
        description=_t("d"),
        levels=[LevelDef(level=n, name=_t(f"L{n}"), description=_t("x")) for n in range(1, 6)],
        principles=principles,
    )


def scale_weights(qs: QuestionSet, factor: float) -> QuestionSet:
    return msgspec.structs.replace(
        qs,
        principles=[
            msgspec.structs.replace(
                p,
                questions=[
                    msgspec.structs.replace(q, weight=q.weight * factor) for q in p.questions
                ],
            )
            for p in qs.principles
        ],
    )


# ------------------------------------------------------------------ worked examples, mini set


def test_all_answered_weighted(mini: QuestionSet) -> None:
    # alpha: a1=3 (w1), a2=4 (w2), a3=2 (w1): (3 + 8 + 2) / 4 = 13/4 = 3.25 -> level 3
    # beta:  b1=2 (w1), b2=5 (w0.5):          (2 + 2.5) / 1.5 = 3.0     -> level 3 (not 2)
    # overall: (3.25 + 3.0) / 2 = 3.125 -> level 3
    s = score_scan(mini, {"a1": 3, "a2": 4, "a3": 2, "b1": 2, "b2": 5})
    alpha, beta = s.principles
    assert (alpha.id, alpha.score, alpha.level) == ("alpha", 3.25, 3)
    assert (alpha.answered, alpha.applicable, alpha.questions) == (3, 3, 3)
    assert (beta.id, beta.score, beta.level) == ("beta", 3.0, 3)
    assert (beta.answered, beta.applicable, beta.questions) == (2, 2, 2)
    assert s.overall.score == pytest.approx(3.125)
    assert s.overall.level == 3


def test_weight_two_and_half_exact_integer(mini: QuestionSet) -> None:
    # alpha: a1=1, a2=5 (w2), a3=1: (1 + 10 + 1) / 4 = 3 exactly -> level 3
    # beta:  b1=1, b2=2 (w0.5): (1 + 1) / 1.5 = 4/3 -> level 1
    # overall: (3 + 4/3) / 2 = 13/6 = 2.1666... -> level 2
    s = score_scan(mini, {"a1": 1, "a2": 5, "a3": 1, "b1": 1, "b2": 2})
    assert s.principles[0].score == 3.0
    assert s.principles[0].level == 3
    assert s.principles[1].score == pytest.approx(4 / 3)
    assert s.principles[1].level == 1
    assert s.overall.score == pytest.approx(13 / 6)
    assert s.overall.level == 2


def test_weight_half_counts_half(mini: QuestionSet) -> None:
    # beta: b1=4 (w1), b2=1 (w0.5): (4 + 0.5) / 1.5 = 3.0 -> level 3;
    # an unweighted mean would give 2.5 -> level 2.
    beta = score_principle(mini.principles[1], {"b1": 4, "b2": 1})
    assert beta.score == 3.0
    assert beta.level == 3


def test_na_lowers_applicable_not_score(mini: QuestionSet) -> None:
    # alpha: a1=1, a2="na", a3 unanswered: applicable 3 - 1 = 2, answered 1;
    # 1 >= 2/2 so a level: score 1/1 = 1.0, level 1.
    alpha = score_principle(mini.principles[0], {"a1": 1, "a2": "na", "a3": None})
    assert (alpha.applicable, alpha.answered, alpha.score, alpha.level) == (2, 1, 1.0, 1)


def test_unknown_lowers_coverage_only(mini: QuestionSet) -> None:
    # alpha: a1=5, a2="unknown", a3 unanswered: applicable 3, answered 1;
    # 1 < 3/2 -> no level, but the score 5.0 is still reported.
    alpha = score_principle(mini.principles[0], {"a1": 5, "a2": "unknown"})
    assert (alpha.applicable, alpha.answered, alpha.score, alpha.level) == (3, 1, 5.0, None)
    assert alpha.unknown == 1
    assert alpha.open == 1  # a3


def test_half_answered_is_enough(mini: QuestionSet) -> None:
    # beta: b1=2, b2 unanswered: applicable 2, answered 1, 1 >= 2/2 -> level 2.
    beta = score_principle(mini.principles[1], {"b1": 2})
    assert (beta.answered, beta.applicable, beta.level) == (1, 2, 2)


def test_less_than_half_answered_gives_no_level_and_no_overall(mini: QuestionSet) -> None:
    # alpha: only a3=4 of 3 applicable: 1 < 1.5 -> level None.
    # beta: nothing answered -> score None, level None.
    # overall: no principle has a level -> both None.
    s = score_scan(mini, {"a3": 4})
    assert s.principles[0].score == 4.0
    assert s.principles[0].level is None
    assert s.principles[1].score is None
    assert s.principles[1].level is None
    assert (s.overall.score, s.overall.level) == (None, None)


def test_overall_ignores_principles_without_level(mini: QuestionSet) -> None:
    # alpha: a1=5 only -> 1 of 3 answered -> score 5.0 but no level, not in the overall.
    # beta: b1=2, b2=3 -> (2 + 1.5) / 1.5 = 7/3 -> level 2.
    # overall = 7/3 alone (not (5 + 7/3) / 2) -> level 2.
    s = score_scan(mini, {"a1": 5, "b1": 2, "b2": 3})
    assert s.principles[0].level is None
    assert s.principles[1].score == pytest.approx(7 / 3)
    assert s.overall.score == pytest.approx(7 / 3)
    assert s.overall.level == 2


def test_overall_is_plain_mean_not_weighted_by_questions(mini: QuestionSet) -> None:
    # alpha: all 5 (3 questions) -> 5; beta: b1=1, b2=1 -> 1.
    # plain mean (5 + 1) / 2 = 3 -> level 3; a mean over the 5 questions would be 3.4.
    s = score_scan(mini, {"a1": 5, "a2": 5, "a3": 5, "b1": 1, "b2": 1})
    assert s.overall.score == 3.0
    assert s.overall.level == 3


def test_all_na_gives_nothing(mini: QuestionSet) -> None:
    # alpha all "na": applicable 0, answered 0 -> score None, level None.
    alpha = score_principle(mini.principles[0], {"a1": "na", "a2": "na", "a3": "na"})
    assert (alpha.applicable, alpha.answered, alpha.score, alpha.level) == (0, 0, None, None)


def test_na_with_only_answer_left(mini: QuestionSet) -> None:
    # beta: b1=4, b2="na": applicable 1, answered 1 -> 4.0, level 4.
    beta = score_principle(mini.principles[1], {"b1": 4, "b2": "na"})
    assert (beta.applicable, beta.answered, beta.score, beta.level) == (1, 1, 4.0, 4)


def test_unknown_question_ids_are_ignored(mini: QuestionSet) -> None:
    # answers for ids not in the set do not count anywhere.
    s = score_scan(mini, {"zz": 1, "b1": 3})
    assert s.principles[0].answered == 0
    assert s.principles[1].score == 3.0


def test_nothing_answered(mini: QuestionSet) -> None:
    s = score_scan(mini, {})
    assert [(p.score, p.level, p.answered, p.applicable) for p in s.principles] == [
        (None, None, 0, 3),
        (None, None, 0, 2),
    ]
    assert (s.overall.score, s.overall.level) == (None, None)


@pytest.mark.parametrize(
    ("answered", "applicable", "expected"),
    [
        (0, 0, False),
        (0, 1, False),
        (1, 1, True),
        (1, 2, True),
        (1, 3, False),
        (2, 3, True),
        (2, 5, False),
        (3, 5, True),
        (5, 0, False),
    ],
)
def test_qualifies(answered: int, applicable: int, expected: bool) -> None:
    assert qualifies(answered, applicable) is expected


# ------------------------------------------------------------------ exactness


def test_float_weights_point_one_level_three() -> None:
    # 0.1 + 0.1 + 0.1 is 0.30000000000000004 in floats; with all levels 3 the
    # score is 3 x 0.3 / 0.3 = 3 exactly -> level 3, not 2.
    qs = build_set([[0.1, 0.1, 0.1]])
    p = score_scan(qs, {"p0q0": 3, "p0q1": 3, "p0q2": 3}).principles[0]
    assert p.score == 3.0
    assert p.level == 3


def test_decimal_weights_are_exact() -> None:
    # weights 0.1 and 0.3, levels 1 and 5: (0.1 + 1.5) / 0.4 = 1.6 / 0.4 = 4 exactly -> level 4.
    # (With the binary floats nearest to 0.1 and 0.3 the quotient is just below 4.)
    qs = build_set([[0.1, 0.3]])
    p = score_scan(qs, {"p0q0": 1, "p0q1": 5}).principles[0]
    assert p.score == 4.0
    assert p.level == 4


def test_overall_floor_is_exact() -> None:
    # p0: 3, 3, 4 -> 10/3; p1: 3, 3, 2 -> 8/3; overall (10/3 + 8/3) / 2 = 3 exactly -> level 3.
    qs = build_set([[1, 1, 1], [1, 1, 1]])
    s = score_scan(qs, {"p0q0": 3, "p0q1": 3, "p0q2": 4, "p1q0": 3, "p1q1": 3, "p1q2": 2})
    assert s.principles[0].level == 3
    assert s.principles[1].level == 2
    assert s.overall.score == 3.0
    assert s.overall.level == 3


def test_overall_floor_with_decimal_weights() -> None:
    # p0: weights 0.1, 0.3 with levels 1, 5 -> 4 exactly; p1: weight 0.7 with level 2 -> 2;
    # overall (4 + 2) / 2 = 3 exactly -> level 3.
    qs = build_set([[0.1, 0.3], [0.7]])
    s = score_scan(qs, {"p0q0": 1, "p0q1": 5, "p1q0": 2})
    assert s.overall.score == 3.0
    assert s.overall.level == 3


# ------------------------------------------------------------------ hypothesis properties

#: Weights with at most two decimals: exact as written, and every score is then at
#: least 1/60000 away from a whole number unless it is one.
WEIGHTS = st.integers(1, 10_000).map(lambda k: k / 100)
ANSWERS = st.one_of(st.none(), st.integers(1, 5), st.sampled_from(["na", "unknown"]))


@st.composite
def set_and_answers(
    draw: st.DrawFn, weights: st.SearchStrategy[float] = WEIGHTS
) -> tuple[QuestionSet, dict[str, AnswerValue]]:
    shape = draw(st.lists(st.lists(weights, min_size=1, max_size=6), min_size=1, max_size=4))
    qs = build_set(shape)
    answers: dict[str, AnswerValue] = {q.id: draw(ANSWERS) for _, q in qs.questions()}
    return qs, answers


def reference(
    qs: QuestionSet, answers: Mapping[str, AnswerValue]
) -> list[tuple[Fraction | None, int | None]]:
    """An independent reading of the rules, with weights taken as the decimals written."""
    out = []
    for p in qs.principles:
        levels = [(Fraction(repr(q.weight)), answers.get(q.id)) for q in p.questions]
        rated = [(w, a) for w, a in levels if isinstance(a, int)]
        applicable = sum(1 for _, a in levels if a != "na")
        score = sum(w * a for w, a in rated) / sum(w for w, _ in rated) if rated else None
        ok = score is not None and applicable > 0 and len(rated) >= Fraction(applicable, 2)
        out.append((score, math.floor(score) if ok and score is not None else None))
    return out


@settings(max_examples=200, deadline=None)
@given(set_and_answers())
def test_scores_match_reference_and_stay_in_range(
    case: tuple[QuestionSet, dict[str, AnswerValue]],
) -> None:
    qs, answers = case
    s = score_scan(qs, answers)
    expected = reference(qs, answers)
    for got, (score, level) in zip(s.principles, expected, strict=True):
        assert got.level == level
        if score is None:
            assert got.score is None
        else:
            assert got.score == pytest.approx(float(score), rel=1e-12)
            assert 1 <= got.score <= 5
            if got.level is not None:
                assert got.level == math.floor(got.score)
    counted = [score for score, level in expected if level is not None]
    if counted:
        mean = sum(counted, Fraction(0)) / len(counted)
        assert s.overall.score == pytest.approx(float(mean), rel=1e-12)
        assert s.overall.level == math.floor(mean)
        assert 1 <= s.overall.score <= 5
        assert s.overall.level == math.floor(s.overall.score)
    else:
        assert (s.overall.score, s.overall.level) == (None, None)


@settings(max_examples=150, deadline=None)
@given(set_and_answers(), st.data())
def test_na_and_unknown_on_open_questions_never_change_a_score(
    case: tuple[QuestionSet, dict[str, AnswerValue]], data: st.DataObject
) -> None:
    qs, answers = case
    before = score_scan(qs, answers)
    open_ids = [q.id for _, q in qs.questions() if answers.get(q.id) is None]
    extra = (
        {
            qid: data.draw(st.sampled_from(["na", "unknown"]), label=qid)
            for qid in data.draw(st.lists(st.sampled_from(open_ids), unique=True), label="ids")
        }
        if open_ids
        else {}
    )
    after = score_scan(qs, {**answers, **extra})
    for b, a in zip(before.principles, after.principles, strict=True):
        assert a.score == b.score
        assert a.answered == b.answered
        principle = qs.principle(b.id)
        assert principle is not None
        added_na = sum(1 for q in principle.questions if extra.get(q.id) == "na")
        assert a.applicable == b.applicable - added_na


@settings(max_examples=150, deadline=None)
@given(set_and_answers())
def test_unknown_on_open_questions_changes_nothing_but_the_count(
    case: tuple[QuestionSet, dict[str, AnswerValue]],
) -> None:
    qs, answers = case
    before = score_scan(qs, answers)
    filled = {qid: ("unknown" if a is None else a) for qid, a in answers.items()}
    after = score_scan(qs, filled)
    assert after.overall == before.overall
    for b, a in zip(before.principles, after.principles, strict=True):
        assert (a.score, a.level, a.answered, a.applicable) == (
            b.score,
            b.level,
            b.answered,
            b.applicable,
        )


#: Weights in quarters and factors that keep every product exact in binary and decimal.
QUARTERS = st.integers(1, 400).map(lambda k: k / 4)
FACTORS = st.one_of(st.integers(1, 64).map(float), st.sampled_from([0.5, 0.25, 0.125]))


@settings(max_examples=150, deadline=None)
@given(set_and_answers(QUARTERS), FACTORS)
def test_scaling_all_weights_changes_nothing(
    case: tuple[QuestionSet, dict[str, AnswerValue]], factor: float
) -> None:
    qs, answers = case
    assert score_scan(scale_weights(qs, factor), answers) == score_scan(qs, answers)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(WEIGHTS, min_size=1, max_size=8),
    st.integers(1, 5),
)
def test_same_level_everywhere_gives_that_level(weights: list[float], level: int) -> None:
    # Σ(w × L) / Σw = L whatever the weights.
    qs = build_set([weights])
    p = score_scan(qs, {q.id: level for _, q in qs.questions()}).principles[0]
    assert p.score == float(level)
    assert p.level == level
