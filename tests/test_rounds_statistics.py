"""The statistics of a round (#14's core): worked examples and properties."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from maturity_scan.core.models import AnswerValue
from maturity_scan.core.rounds import (
    Response,
    flag,
    lower_median,
    provisional_answer,
    round_statistics,
    spread,
)
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets.loading import load_catalog

SET = load_catalog([builtin_questions_dir()]).get("sociale-inkoop", "2.0")
QUESTIONS = [q.id for _, q in SET.questions()]
FIRST = QUESTIONS[0]

answers_st = st.one_of(st.integers(1, 5), st.sampled_from(["na", "unknown"]), st.none())


def responses(*rows: tuple[str, AnswerValue]) -> list[Response]:
    return [Response(role=role, answers={FIRST: answer}) for role, answer in rows]


def test_worked_example_of_one_question() -> None:
    item = spread(
        FIRST,
        responses(("hr", 1), ("inkoop", 4), ("inkoop", 3), ("bestuur", "unknown"), ("hr", None)),
    )
    assert item.counts == {
        "1": 1, "2": 0, "3": 1, "4": 1, "5": 0, "na": 0, "unknown": 1, "none": 1,
    }  # fmt: skip
    assert (item.lower_median, item.min, item.max) == (3, 1, 4)  # sorted 1 3 4: index 1
    assert item.flag == "divided"  # 1 of 4 answered "unknown": no knowledge gap; 4 − 1 ≥ 2
    assert item.by_role == {"hr": 1.0, "inkoop": 3.5}


def test_lower_median_of_an_even_count_is_the_lower_middle() -> None:
    assert lower_median([4, 2, 3, 1]) == 2
    assert lower_median([5]) == 5
    assert lower_median([]) is None


def test_flags() -> None:
    assert flag([3], unknown=1, answered=2) == "knowledge_gap"  # half said "unknown"
    assert flag([2, 4], unknown=0, answered=2) == "divided"
    assert flag([2, 3, 3], unknown=0, answered=3) == "agreed"
    assert flag([3], unknown=0, answered=1) is None  # one level is no agreement
    assert flag([], unknown=0, answered=0) is None


def test_provisional_answer_falls_back_to_na_then_unknown() -> None:
    assert provisional_answer([2, 4, 5], na=3, unknown=1, answered=7) == 4
    assert provisional_answer([], na=2, unknown=1, answered=3) == "na"
    assert provisional_answer([], na=1, unknown=1, answered=3) == "unknown"
    assert provisional_answer([], na=1, unknown=0, answered=3) is None
    assert provisional_answer([], na=0, unknown=0, answered=0) is None


def test_round_statistics_per_principle_and_provisional() -> None:
    first_principle = SET.principles[0]
    ids = [q.id for q in first_principle.questions]
    low = {q: 1 for q in ids}
    high = {q: 4 for q in ids}
    result = round_statistics(
        SET,
        [
            Response(role="hr", answers=low),
            Response(role="inkoop", answers=high),
            Response(role="inkoop", answers={q: 3 for q in ids}),
        ],
    )
    spread_ = result.principles[0]
    assert spread_.by_role == {"hr": 1.0, "inkoop": 3.5}
    assert spread_.perception_gap == 2.5
    assert result.principles[1].by_role == {} and result.principles[1].perception_gap is None
    assert all(result.provisional_answers[q] == 3 for q in ids)
    assert result.provisional.principles[0].level == 3


@given(st.lists(st.tuples(st.sampled_from(["hr", "inkoop"]), answers_st), max_size=12))
def test_properties_of_one_question(rows: list[tuple[str, AnswerValue]]) -> None:
    given_rows = responses(*rows)
    item = spread(FIRST, given_rows)
    levels = [a for _, a in rows if isinstance(a, int)]
    # the lower median is one of the levels given
    assert (item.lower_median in levels) if levels else item.lower_median is None
    # the counts account for every respondent
    assert sum(item.counts.values()) == len(rows)
    # the flags partition the questions: exactly one of them, or none, by the rules
    unknown = sum(1 for _, a in rows if a == "unknown")
    answered = sum(1 for _, a in rows if a is not None)
    holds = {
        "knowledge_gap": answered > 0 and 2 * unknown >= answered,
        "divided": bool(levels) and max(levels) - min(levels) >= 2,
        "agreed": len(levels) >= 2 and max(levels) - min(levels) <= 1,
    }
    first_true = next((name for name, ok in holds.items() if ok), None)
    assert item.flag == first_true


@given(
    st.lists(st.fixed_dictionaries({q: answers_st for q in QUESTIONS[:6]}), min_size=1, max_size=6)
)
def test_a_respondent_with_the_provisional_answers_changes_no_lower_median(
    answer_sets: list[dict[str, AnswerValue]],
) -> None:
    given_rows = [Response(role="hr", answers=a) for a in answer_sets]
    before = round_statistics(SET, given_rows)
    joined = [*given_rows, Response(role="inkoop", answers=before.provisional_answers)]
    after = round_statistics(SET, joined)
    assert [q.lower_median for q in after.questions] == [q.lower_median for q in before.questions]


def test_a_principle_too_little_answered_does_not_count_for_its_role() -> None:
    """2.0 asks three quarters of a principle's questions answered before it has a level: a
    respondent who answered fewer has no score for it in the role's mean (the set's rules)."""
    bestuur = [q.id for q in SET.principles[0].questions]
    full = Response(role="inkoop", answers=dict.fromkeys(bestuur, 4))
    partial = Response(role="inkoop", answers=dict.fromkeys(bestuur[:2], 1))
    stats = round_statistics(SET, [full, partial])
    assert stats.principles[0].by_role == {"inkoop": 4.0}
