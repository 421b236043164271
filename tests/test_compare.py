"""Comparing two scans: same organisation, scores per principle, changed answers, versions.

The mini set (tests/fixtures/sets/mini.toml): alpha has a1 (weight 1), a2 (weight 2, "na"
allowed), a3 (weight 1, "na" allowed); beta has b1 (weight 1) and b2 (weight 0.5, "na"
allowed). Scores are worked out by hand in the comments.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import msgspec
import pytest

from maturity_scan import i18n
from maturity_scan.core.compare import AnswerChange, Comparison, compare
from maturity_scan.core.models import (
    AnswerRecord,
    AnswerValue,
    QuestionSet,
    Respondent,
    Scan,
    SetRef,
)
from maturity_scan.errors import ScanError
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets.loading import load_catalog, load_question_set

from .conftest import FIXTURES, MINI_SETS, at

V2_DIR = FIXTURES / "sets-v2"
V2_FILE = V2_DIR / "sociale-inkoop-1.1.toml"


@pytest.fixture
def mini() -> QuestionSet:
    return load_question_set(MINI_SETS / "mini.toml")


@pytest.fixture
def shipped() -> QuestionSet:
    return load_question_set(builtin_questions_dir() / "sociale-inkoop.toml")


@pytest.fixture
def shipped_v11() -> QuestionSet:
    return load_question_set(V2_FILE)


@pytest.fixture
def compare_orgs_message(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """ScanError renders its message when raised: the catalogue has the key."""
    assert i18n.has_message("err.compare_orgs")
    yield


def make(
    day: str,
    answers: Mapping[str, AnswerValue],
    *,
    notes: Mapping[str, str] | None = None,
    organisation: str = "Gemeente Testdorp",
    set_ref: SetRef | None = None,
    scan_id: str | None = None,
) -> Scan:
    notes = notes or {}
    return Scan(
        id=scan_id or f"scan{day.replace('-', '')}".ljust(32, "0"),
        organisation=organisation,
        respondent=Respondent(),
        question_set=set_ref or SetRef(id="mini", version="1"),
        status="completed",
        started_at=at(day),
        completed_at=at(day),
        answers={
            q: AnswerRecord(level=answers.get(q), note=notes.get(q, "")) for q in {*answers, *notes}
        },
    )


# ---------------------------------------------------------------- organisations


@pytest.mark.usefixtures("compare_orgs_message")
def test_scans_of_different_organisations_are_refused(mini: QuestionSet) -> None:
    a = make("2024-01-10", {"a1": 1}, organisation="Gemeente Testdorp")
    b = make("2024-07-10", {"a1": 2}, organisation="Gemeente Anderdorp")
    with pytest.raises(ScanError) as err:
        compare(a, b, mini, mini)
    assert err.value.key == "err.compare_orgs"
    assert err.value.params == {"a": "Gemeente Testdorp", "b": "Gemeente Anderdorp"}


def test_organisation_is_compared_without_case(mini: QuestionSet) -> None:
    a = make("2024-01-10", {"a1": 1}, organisation="Gemeente Testdorp")
    b = make("2024-07-10", {"a1": 2}, organisation="GEMEENTE TESTDORP")
    assert compare(a, b, mini, mini).changed_answers[0].question == "a1"


# ---------------------------------------------------------------- scores

# a: alpha = (1·2 + 2·3 + 1·4) / 4 = 12/4 = 3.0 (level 3)
#    beta  = (1·1 + 0.5·2) / 1.5 = 2/1.5 = 1.333… (level 1)
#    overall = (3 + 4/3) / 2 = 13/6 = 2.1666… (level 2)
A_ANSWERS: dict[str, AnswerValue] = {"a1": 2, "a2": 3, "a3": 4, "b1": 1, "b2": 2}
# b: alpha = (1·3 + 2·3 + 1·4) / 4 = 13/4 = 3.25 (level 3)
#    beta  = 1·1 / 1 = 1.0 (b2 "na"; level 1)
#    overall = (3.25 + 1) / 2 = 2.125 (level 2)
B_ANSWERS: dict[str, AnswerValue] = {"a1": 3, "a2": 3, "a3": 4, "b1": 1, "b2": "na"}


def scores_pair(mini: QuestionSet) -> Comparison:
    a = make("2024-01-10", A_ANSWERS, notes={"b1": "  Zie verslag "})
    b = make("2024-07-10", B_ANSWERS, notes={"a3": "Besproken met MT", "b1": "Zie verslag"})
    return compare(a, b, mini, mini)


def test_principle_scores_levels_and_deltas(mini: QuestionSet) -> None:
    result = scores_pair(mini)
    alpha, beta = result.principles
    assert (alpha.id, alpha.score_a, alpha.score_b, alpha.delta) == ("alpha", 3.0, 3.25, 0.25)
    assert (alpha.level_a, alpha.level_b) == (3, 3)
    assert alpha.title == mini.principles[0].title
    # beta 4/3 → 1: −1/3, rounded to 9 decimals
    assert beta.id == "beta"
    assert beta.score_a == pytest.approx(4 / 3)
    assert (beta.score_b, beta.delta, beta.level_a, beta.level_b) == (1.0, -0.333333333, 1, 1)


def test_overall_change(mini: QuestionSet) -> None:
    overall = scores_pair(mini).overall
    assert overall.score_a == pytest.approx(13 / 6)
    assert overall.score_b == 2.125
    # 2.125 − 2.1666… = −1/24 = −0.041666…
    assert overall.delta == -0.041666667
    assert (overall.level_a, overall.level_b) == (2, 2)


def test_missing_scores_give_no_delta(mini: QuestionSet) -> None:
    # a: beta open (no score, no level); b: beta b1 = 3 → 3.0
    a = make("2024-01-10", {"a1": 2, "a2": 2})
    b = make("2024-07-10", {"a1": 2, "a2": 2, "b1": 3})
    beta = compare(a, b, mini, mini).principles[1]
    assert (beta.score_a, beta.score_b, beta.delta) == (None, 3.0, None)
    assert (beta.level_a, beta.level_b) == (None, 3)


# ---------------------------------------------------------------- changed answers


def test_changed_answers_level_and_note_changes_only(mini: QuestionSet) -> None:
    changed = scores_pair(mini).changed_answers
    # a1 level 2 → 3; a3 same level, a note added; b2 2 → "na".
    # a2 (3 → 3) is unchanged, and b1's note differs only in white space: neither is listed.
    assert changed == [
        AnswerChange(
            question="a1",
            principle="alpha",
            level_a=2,
            level_b=3,
            note_a="",
            note_b="",
            level_changed=True,
            note_changed=False,
        ),
        AnswerChange(
            question="a3",
            principle="alpha",
            level_a=4,
            level_b=4,
            note_a="",
            note_b="Besproken met MT",
            level_changed=False,
            note_changed=True,
        ),
        AnswerChange(
            question="b2",
            principle="beta",
            level_a=2,
            level_b="na",
            note_a="",
            note_b="",
            level_changed=True,
            note_changed=False,
        ),
    ]


def test_changed_levels_and_changed_notes_are_counted_apart(mini: QuestionSet) -> None:
    # a1: level and note changed (a level change); a2: note only; a3: level only;
    # b1: note only (white space around the old note does not count: still a change of
    # words); b2: unchanged
    a = make(
        "2024-01-10",
        {"a1": 2, "a2": 3, "a3": 1, "b1": 2, "b2": 4},
        notes={"a1": "oud", "a2": "oud", "b1": " eerst ", "b2": "zelfde"},
    )
    b = make(
        "2024-07-10",
        {"a1": 3, "a2": 3, "a3": "na", "b1": 2, "b2": 4},
        notes={"a1": "nieuw", "a2": "nieuw", "b1": "daarna", "b2": " zelfde "},
    )
    result = compare(a, b, mini, mini)
    assert (result.changed_levels, result.changed_notes_only) == (2, 2)
    assert [c.question for c in result.level_changes] == ["a1", "a3"]
    assert [c.question for c in result.note_changes] == ["a2", "b1"]
    assert [(c.level_changed, c.note_changed) for c in result.changed_answers] == [
        (True, True),
        (False, True),
        (True, False),
        (False, True),
    ]
    encoded = msgspec.json.decode(msgspec.json.encode(result))
    assert (encoded["changed_levels"], encoded["changed_notes_only"]) == (2, 2)
    assert len(encoded["changed_answers"]) == 4  # the key scripts read stays as it was


def test_note_changed_and_removed(mini: QuestionSet) -> None:
    a = make("2024-01-10", {"a1": 3}, notes={"a1": "Plan in concept", "b1": "Navragen"})
    b = make("2024-07-10", {"a1": 3}, notes={"a1": "Plan vastgesteld door MT"})
    changed = compare(a, b, mini, mini).changed_answers
    assert [(c.question, c.note_a, c.note_b) for c in changed] == [
        ("a1", "Plan in concept", "Plan vastgesteld door MT"),
        ("b1", "Navragen", ""),
    ]
    assert (changed[1].level_a, changed[1].level_b) == (None, None)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (None, "unknown"),
        ("unknown", None),
        ("unknown", 3),
        (3, "unknown"),
        ("na", None),
        (None, "na"),
        ("na", 2),
        (2, "na"),
        ("unknown", "na"),
        ("na", "unknown"),
        (None, 1),
        (5, None),
        (1, 5),
    ],
)
def test_every_answer_transition_is_a_change(
    mini: QuestionSet, before: AnswerValue, after: AnswerValue
) -> None:
    a = make("2024-01-10", {"a2": before})
    b = make("2024-07-10", {"a2": after})
    changed = compare(a, b, mini, mini).changed_answers
    assert [(c.question, c.level_a, c.level_b) for c in changed] == [("a2", before, after)]


@pytest.mark.parametrize("same", [None, "unknown", "na", 1, 4])
def test_same_answer_is_not_a_change(mini: QuestionSet, same: AnswerValue) -> None:
    a = make("2024-01-10", {"a2": same}, notes={"a2": "Zelfde notitie"})
    b = make("2024-07-10", {"a2": same}, notes={"a2": "Zelfde notitie"})
    assert compare(a, b, mini, mini).changed_answers == []


def test_empty_record_equals_no_record(mini: QuestionSet) -> None:
    a = make("2024-01-10", {"a1": None})  # a record with no answer and no note
    b = make("2024-07-10", {})
    assert compare(a, b, mini, mini).changed_answers == []


def test_answers_to_unknown_questions_are_ignored(mini: QuestionSet) -> None:
    a = make("2024-01-10", {"zz-old": 1})
    b = make("2024-07-10", {"zz-old": 5})
    assert compare(a, b, mini, mini).changed_answers == []


def test_changed_answers_follow_set_b_order(mini: QuestionSet) -> None:
    reordered = msgspec.structs.replace(mini, principles=list(reversed(mini.principles)))
    a = make("2024-01-10", {"a1": 1, "b2": 1})
    b = make("2024-07-10", {"a1": 2, "b2": 2})
    result = compare(a, b, mini, reordered)
    assert [c.question for c in result.changed_answers] == ["b2", "a1"]
    assert [p.id for p in result.principles] == ["beta", "alpha"]


# ---------------------------------------------------------------- question-set versions


def mini_v2(mini: QuestionSet) -> QuestionSet:
    """Version 2 in memory: a3 dropped from alpha, a4 (like a1) added; beta unchanged."""
    alpha, beta = mini.principles
    a1 = alpha.questions[0]
    alpha2 = msgspec.structs.replace(
        alpha, questions=[*alpha.questions[:2], msgspec.structs.replace(a1, id="a4")]
    )
    return msgspec.structs.replace(mini, version="2", principles=[alpha2, beta])


def test_versions_in_memory(mini: QuestionSet) -> None:
    v2 = mini_v2(mini)
    a = make("2024-01-10", {"a1": 2, "a2": 2, "a3": 5, "a4": 1})
    b = make(
        "2024-07-10", {"a1": 2, "a2": 2, "a3": 1, "a4": 4}, set_ref=SetRef(id="mini", version="2")
    )
    result = compare(a, b, mini, v2)
    assert result.questions_only_in_a == ["a3"]
    assert result.questions_only_in_b == ["a4"]
    # a3 and a4 changed as stored, but each is in one version only: not an answer change
    assert result.changed_answers == []
    # a (v1): alpha = (2 + 2·2 + 5) / 4 = 11/4 = 2.75; b (v2): alpha = (2 + 2·2 + 4) / 4 = 2.5
    alpha = result.principles[0]
    assert (alpha.score_a, alpha.score_b, alpha.delta) == (2.75, 2.5, -0.25)
    assert (result.set_a, result.set_b) == (
        SetRef(id="mini", version="1"),
        SetRef(id="mini", version="2"),
    )
    assert not result.same_version


def test_same_version_lists_nothing_added_or_removed(mini: QuestionSet) -> None:
    result = scores_pair(mini)
    assert result.questions_only_in_a == []
    assert result.questions_only_in_b == []
    assert result.same_version


def test_principles_in_one_set_only_are_not_compared(mini: QuestionSet) -> None:
    alpha, beta = mini.principles
    gamma = msgspec.structs.replace(
        beta,
        id="gamma",
        questions=[msgspec.structs.replace(q, id=f"g{i}") for i, q in enumerate(beta.questions)],
    )
    v2 = msgspec.structs.replace(mini, version="2", principles=[gamma, alpha])
    result = compare(make("2024-01-10", {"b1": 3}), make("2024-07-10", {"g0": 3}), mini, v2)
    assert [p.id for p in result.principles] == ["alpha"]
    assert result.questions_only_in_a == ["b1", "b2"]
    assert result.questions_only_in_b == ["g0", "g1"]


def test_second_version_file_is_a_valid_set(shipped: QuestionSet, shipped_v11: QuestionSet) -> None:
    assert (shipped_v11.id, shipped_v11.version) == ("sociale-inkoop", "1.1")
    catalog = load_catalog([builtin_questions_dir(), V2_DIR])
    # 1.1 (the test's file) sorts between the shipped 1.0 and 2.0
    assert catalog.versions("sociale-inkoop") == ["1.0", "1.1", "2.0"]
    assert catalog.get("sociale-inkoop").version == "2.0"
    old = {q.id for _, q in shipped.questions()}
    new = {q.id for _, q in shipped_v11.questions()}
    assert old - new == {"hr-inkoop-gedeeld-beeld"}
    assert new - old == {"keten-kandidaten"}
    assert [p.id for p in shipped_v11.principles] == [p.id for p in shipped.principles]


def test_compare_across_shipped_versions(shipped: QuestionSet, shipped_v11: QuestionSet) -> None:
    hr_ids = [q.id for q in shipped.principles[1].questions]
    # a (1.0): every hr-inkoop question 2, except hr-inkoop-gedeeld-beeld 5.
    #   weights: overleg 1.5, the other seven 1 → 8.5; sum 2·7.5 + 5 = 20 → 20/8.5 = 2.352941…
    a_answers: dict[str, AnswerValue] = {q: 2 for q in hr_ids}
    a_answers["hr-inkoop-gedeeld-beeld"] = 5
    a_answers["keten-banen"] = 1
    # b (1.1): the seven remaining hr-inkoop questions 2 → 2.0; keten-kandidaten answered 3
    b_answers: dict[str, AnswerValue] = {q: 2 for q in hr_ids if q != "hr-inkoop-gedeeld-beeld"}
    b_answers["keten-kandidaten"] = 3
    b_answers["keten-banen"] = 2
    a = make("2024-01-10", a_answers, set_ref=shipped.ref)
    b = make("2024-07-10", b_answers, set_ref=shipped_v11.ref)
    result = compare(a, b, shipped, shipped_v11)
    assert result.questions_only_in_a == ["hr-inkoop-gedeeld-beeld"]
    assert result.questions_only_in_b == ["keten-kandidaten"]
    assert [p.id for p in result.principles] == ["bestuur", "hr-inkoop", "keten"]
    hr = result.principles[1]
    assert hr.score_a == pytest.approx(20 / 8.5)
    assert (hr.score_b, hr.delta) == (2.0, -0.352941176)
    # only keten-banen is a change; the questions in one version only are not
    assert [(c.question, c.level_a, c.level_b) for c in result.changed_answers] == [
        ("keten-banen", 1, 2)
    ]
    assert (result.set_a.version, result.set_b.version) == ("1.0", "1.1")


# ---------------------------------------------------------------- JSON


def test_json_has_the_documented_fields(shipped: QuestionSet, shipped_v11: QuestionSet) -> None:
    a = make("2024-01-10", {"bestuur-eigenaar": 3}, set_ref=shipped.ref)
    b = make(
        "2024-07-10",
        {"bestuur-eigenaar": "unknown"},
        notes={"bestuur-eigenaar": "Gemeentesecretaris vertrokken"},
        set_ref=shipped_v11.ref,
    )
    data = msgspec.json.decode(msgspec.json.encode(compare(a, b, shipped, shipped_v11)))
    assert data["scan_a"] == a.id and data["scan_b"] == b.id
    bestuur = data["principles"][0]
    assert bestuur == {
        "id": "bestuur",
        "title": {"nl": "Commitment van het bestuur", "en": "Board commitment"},
        "score_a": 3.0,
        "score_b": None,
        "delta": None,
        "level_a": None,  # 1 of 7 answered: too few for a level
        "level_b": None,
    }
    assert set(data["overall"]) == {"score_a", "score_b", "delta", "level_a", "level_b"}
    assert data["changed_answers"] == [
        {
            "question": "bestuur-eigenaar",
            "principle": "bestuur",
            "level_a": 3,
            "level_b": "unknown",
            "note_a": "",
            "note_b": "Gemeentesecretaris vertrokken",
            "level_changed": True,
            "note_changed": True,
        }
    ]
    assert (data["changed_levels"], data["changed_notes_only"]) == (1, 0)
    assert data["questions_only_in_a"] == ["hr-inkoop-gedeeld-beeld"]
    assert data["questions_only_in_b"] == ["keten-kandidaten"]
    assert data["set_a"] == {"id": "sociale-inkoop", "version": "1.0"}
    assert data["set_b"] == {"id": "sociale-inkoop", "version": "1.1"}


def test_v2_fixture_is_not_shipped() -> None:
    assert not (Path(builtin_questions_dir()) / V2_FILE.name).exists()
