"""A follow-up scan starts from a completed scan: what is carried over, and what is not.

The mini set (tests/fixtures/sets/mini.toml): a1 (no "na"), a2 and a3 ("na" allowed), b1,
b2 ("na" allowed).
"""

from __future__ import annotations

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from maturity_scan.core.followup import carried_answers, follow_up
from maturity_scan.core.models import (
    AnswerRecord,
    Definition,
    QuestionSet,
    Respondent,
    Scan,
    SetRef,
    Text,
)
from maturity_scan.question_sets.loading import load_question_set

from .conftest import MINI_SETS, at

MINI = load_question_set(MINI_SETS / "mini.toml")


def scan_of(
    records: dict[str, AnswerRecord], ref: SetRef = MINI.ref, ident: str = "p" * 32
) -> Scan:
    return Scan(
        id=ident,
        organisation="Gemeente Zwolle",
        respondent=Respondent(),
        question_set=ref,
        status="completed",
        started_at=at("2025-03-01"),
        completed_at=at("2025-03-01"),
        answers=records,
    )


def draft(question_set: QuestionSet = MINI) -> Scan:
    return Scan(
        id="n" * 32,
        organisation="Gemeente Zwolle",
        respondent=Respondent(),
        question_set=question_set.ref,
        status="draft",
        started_at=at("2026-03-01"),
    )


def without(question_set: QuestionSet, question_id: str, na: bool | None = None) -> QuestionSet:
    """``question_set`` as a later version: ``question_id`` removed, or its "na" changed."""
    principles = []
    for principle in question_set.principles:
        questions = [
            q if na is None or q.id != question_id else msgspec.structs.replace(q, allow_na=na)
            for q in principle.questions
            if na is not None or q.id != question_id
        ]
        principles.append(msgspec.structs.replace(principle, questions=questions))
    return msgspec.structs.replace(question_set, version="2", principles=principles)


R = AnswerRecord


@pytest.mark.parametrize(
    ("previous", "new_set", "expected"),
    [
        # every kind of answer and its note, in the same version
        (
            {"a1": R(3, "ok"), "a2": R("na", "n.v.t."), "b1": R("unknown"), "b2": R(None, "nb")},
            MINI,
            {"a1": R(3, "ok"), "a2": R("na", "n.v.t."), "b1": R("unknown"), "b2": R(None, "nb")},
        ),
        # a question the new version does not have is left behind
        ({"a1": R(3), "a3": R(2, "weg")}, without(MINI, "a3"), {"a1": R(3)}),
        # "na" where the new version no longer allows it: the level goes, the note stays
        (
            {"a2": R("na", "reden"), "a1": R(1)},
            without(MINI, "a2", na=False),
            {"a2": R(None, "reden"), "a1": R(1)},
        ),
        ({"a2": R("na")}, without(MINI, "a2", na=False), {}),
    ],
)
def test_carried_answers(
    previous: dict[str, AnswerRecord], new_set: QuestionSet, expected: dict[str, AnswerRecord]
) -> None:
    assert carried_answers(scan_of(previous), new_set) == expected


def test_na_without_a_reason_is_not_carried_into_a_set_that_asks_one() -> None:
    definition = Definition(id="term", term=Text(nl="t", en="t"), text=Text(nl="t", en="t"))
    asking = msgspec.structs.replace(MINI, definitions=[definition])
    previous = scan_of({"a2": R("na"), "a3": R("na", "geen inkoop")})
    assert carried_answers(previous, asking) == {"a3": R("na", "geen inkoop")}


def test_another_question_set_carries_nothing() -> None:
    previous = scan_of({"a1": R(3)}, ref=SetRef(id="other", version="1"))
    made = follow_up(draft(), previous, MINI)
    assert made.answers == {} and made.carried == [] and made.follows == previous.id


def test_follow_up_names_the_scan_and_lists_carried_levels_in_the_sets_order() -> None:
    previous = scan_of({"b1": R(2), "a1": R(4, "x"), "a3": R(None, "alleen notitie")})
    made = follow_up(draft(), previous, MINI)
    assert made.follows == previous.id
    assert made.carried == ["a1", "b1"]  # a note alone is not an answer
    assert list(made.answers) == ["a1", "a3", "b1"]
    assert made.status == "draft" and made.id == "n" * 32


def test_answers_given_replace_and_confirm_carried_ones() -> None:
    previous = scan_of({"a1": R(4, "oud"), "a2": R(2, "oud a2"), "b1": R(3)})
    given_now = {"a1": R(5, "nieuw"), "a2": R(None, "nieuwe notitie"), "b2": R(1), "b1": R(3)}
    made = follow_up(draft(), previous, MINI, given_now)
    assert made.answers == {
        "a1": R(5, "nieuw"),  # replaced: confirmed
        "a2": R(2, "nieuwe notitie"),  # only a note given: the level is still the carried one
        "b1": R(3),  # the same level given: confirmed
        "b2": R(1),  # new
    }
    assert made.carried == ["a2"]
    # a level alone keeps the carried note
    assert follow_up(draft(), previous, MINI, {"a1": R(2)}).answers["a1"] == R(2, "oud")


levels = st.sampled_from([1, 2, 3, 4, 5, "na", "unknown", None])
records = st.builds(AnswerRecord, level=levels, note=st.sampled_from(["", "n"]))
question_ids = st.sampled_from([q.id for _, q in MINI.questions()])


@given(
    previous=st.dictionaries(question_ids, records),
    removed=st.sampled_from([None, *(q.id for _, q in MINI.questions())]),
    given_now=st.dictionaries(question_ids, records),
)
def test_follow_up_invariants(
    previous: dict[str, AnswerRecord], removed: str | None, given_now: dict[str, AnswerRecord]
) -> None:
    new_set = MINI if removed is None else without(MINI, removed)
    given_now = {  # as an answers file gives them: checked against the new set
        q: r
        for q, r in given_now.items()
        if (question := new_set.question(q)) is not None and (r.level != "na" or question.allow_na)
    }
    made = follow_up(draft(new_set), scan_of(previous), new_set, given_now)
    for question_id, record in made.answers.items():
        question = new_set.question(question_id)
        assert question is not None  # only questions of the new set
        assert record.level != "na" or question.allow_na
        assert record != AnswerRecord()
    # carried: exactly the copied answers with a level that were not given a level now
    assert set(made.carried) <= set(previous)
    for question_id in made.carried:
        assert made.answer(question_id) is not None
        assert made.answer(question_id) == previous[question_id].level
        assert given_now.get(question_id, R()).level is None
    for question_id, record in given_now.items():
        if record.level is not None:
            assert made.answers[question_id].level == record.level
        if record.note:
            assert made.answers[question_id].note == record.note
