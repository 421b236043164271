"""Next steps from the answers (core/advice.py, issue #12): per answer that holds a principle
back the question's step, most important first; "don't know" answers get a step to find out;
a set without steps per answer keeps its advice per level. And the steps check on loading."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from maturity_scan.core.advice import aim, has_steps, next_steps
from maturity_scan.core.models import (
    AnswerRecord,
    AnswerValue,
    Respondent,
    Scan,
    SetRef,
    Target,
)
from maturity_scan.core.report import build_report
from maturity_scan.core.scoring import score_scan
from maturity_scan.errors import ScanError
from maturity_scan.present.report_view import principle_lines
from maturity_scan.question_sets.loading import load_question_set

from .conftest import FIXTURES, MINI_SETS, at
from .test_questions import write_set

STEPPED_FILE = FIXTURES / "sets" / "steps" / "stepped.toml"
STEPPED = load_question_set(STEPPED_FILE)
MINI = load_question_set(MINI_SETS / "mini.toml")
ORG = "Gemeente Testdorp"


def make(answers: Mapping[str, AnswerValue], set_id: str = "stepped") -> Scan:
    return Scan(
        id="s" * 32,
        organisation=ORG,
        respondent=Respondent(),
        question_set=SetRef(id=set_id, version="1"),
        status="completed",
        started_at=at("2025-03-01"),
        completed_at=at("2025-03-01"),
        answers={q: AnswerRecord(level=level) for q, level in answers.items()},
    )


def steps_of(
    answers: Mapping[str, AnswerValue], principle: str = "alpha", target: int | None = None
) -> list[tuple[str | None, int | None, int | None]]:
    report = build_report(
        make(answers),
        STEPPED,
        [] if target is None else [Target(ORG, "stepped", principle, target)],
    )
    found = next(p for p in report.scores.principles if p.id == principle)
    return [(s.question, s.from_level, s.to_level) for s in found.next_steps]


def test_the_step_from_each_answer_below_the_next_level() -> None:
    # alpha = (1·3 + 2·2 + 1·4 + 0.5·1) / 4.5 = 2.55… → level 2, aim 3
    answers = {"a1": 3, "a2": 2, "a3": 4, "a4": 1, "b1": 3, "b2": 3}
    report = build_report(make(answers), STEPPED)
    alpha = report.scores.principles[0]
    assert alpha.level == 2 and alpha.aim == 3
    # a2: weight 2 × distance 1 = 2; a4: 0.5 × 2 = 1; a1 (3) and a3 (4) are at or above 3
    assert [(s.kind, s.question, s.from_level, s.to_level) for s in alpha.next_steps] == [
        ("answer", "a2", 2, 3),
        ("answer", "a4", 1, 2),
    ]
    first = alpha.next_steps[0]
    assert (first.text.get("nl"), first.text.get("en")) == ("a2 stap 2 naar 3", "a2 step 2 to 3")
    assert first.source is None and alpha.next_steps[1].source == "Gids a4 (2019)"
    assert first.question_text is not None and first.question_text.get("en") == "Question a2?"
    # the set's advice per level stays, as context
    assert [t.get("nl") for t in alpha.level_advice] == ["alpha advies 2"]


def test_ties_keep_the_order_of_the_set() -> None:
    # alpha = (1·1 + 2·2 + 1·2 + 0.5·2) / 4.5 = 1.77… → level 1, aim 2: a1 1 × 1 = 1
    # vs a2..a4 at 2: not below 2. Raise the aim with a target of 3:
    # a1: 1 × 2 = 2, a2: 2 × 1 = 2, a3: 1 × 1 = 1, a4: 0.5 × 1 = 0.5 → a1 and a2 tie
    answers = {"a1": 1, "a2": 2, "a3": 2, "a4": 2}
    assert steps_of(answers) == [("a1", 1, 2)]
    assert steps_of(answers, target=3) == [("a1", 1, 2), ("a2", 2, 3), ("a3", 2, 3), ("a4", 2, 3)]


def test_a_target_raises_the_aim() -> None:
    # alpha = 3 → level 3, aim 4: every answer at 3 holds it back; a target of 5 adds a1 at 4
    answers = {"a1": 4, "a2": 3, "a3": 3, "a4": 1}
    # a2: 2 × 1 = 2, a4: 0.5 × 3 = 1.5, a3: 1 × 1 = 1
    assert steps_of(answers) == [("a2", 3, 4), ("a4", 1, 2), ("a3", 3, 4)]
    assert steps_of(answers, target=5) == [
        ("a2", 3, 4),  # 2 × 2 = 4
        ("a3", 3, 4),  # 1 × 2 = 2, before a4 (a tie) in the set's order
        ("a4", 1, 2),  # 0.5 × 4 = 2
        ("a1", 4, 5),  # 1 × 1 = 1
    ]
    # a target at or below the level reached does not lower the aim
    assert steps_of(answers, target=2) == steps_of(answers)


def test_dont_know_answers_get_a_step_to_find_out() -> None:
    answers: dict[str, AnswerValue] = {
        "a1": "unknown",
        "a2": 2,
        "a3": "unknown",
        "a4": 2,
        "b1": "unknown",
    }
    report = build_report(make(answers), STEPPED)
    alpha, beta = report.scores.principles
    assert [(s.kind, s.question) for s in alpha.next_steps] == [
        ("answer", "a2"),
        ("answer", "a4"),
        ("unknown", "a1"),
        ("unknown", "a3"),
    ]
    find_out = alpha.next_steps[2]
    assert (find_out.from_level, find_out.to_level, find_out.source) == (None, None, None)
    assert "Vraag a1?" in find_out.text.get("nl") and "Zoek uit wie" in find_out.text.get("nl")
    assert "Question a1?" in find_out.text.get("en") and "Find out who" in find_out.text.get("en")
    # beta has no level (b1 unknown, b2 open): finding out is all there is to do
    assert beta.level is None
    assert [(s.kind, s.question) for s in beta.next_steps] == [("unknown", "b1")]


def test_a_question_without_steps_gives_none_in_a_set_with_steps() -> None:
    # beta = (1·2 + 0.5·1) / 1.5 = 1.67 → level 1; a target of 3: b2 at 1 and b1 at 2 hold
    # it back, but b2 has no steps
    target = Target(ORG, "stepped", "beta", 3)
    report = build_report(make({"b1": 2, "b2": 1}), STEPPED, [target])
    beta = report.scores.principles[1]
    assert [a.question for a in beta.holding_back] == ["b2", "b1"]
    assert [(s.question, s.from_level) for s in beta.next_steps] == [("b1", 2)]
    assert [t.get("nl") for t in beta.level_advice] == ["beta advies 1", "beta advies 2"]


def test_sets_without_steps_keep_their_advice_per_level() -> None:
    assert not has_steps(MINI) and has_steps(STEPPED)
    answers: dict[str, AnswerValue] = {"a1": 3, "a2": 2, "a3": 4, "b1": "unknown", "b2": 2}
    target = Target(ORG, "mini", "alpha", 4)
    report = build_report(make(answers, "mini"), MINI, [target])
    alpha, beta = report.scores.principles
    assert [(s.kind, s.question, s.from_level, s.to_level) for s in alpha.next_steps] == [
        ("level", None, 2, 3),
        ("level", None, 3, 4),
    ]
    for principle in (alpha, beta):
        assert [s.text for s in principle.next_steps] == principle.level_advice
        assert all(s.kind == "level" for s in principle.next_steps)  # no "don't know" step


# ------------------------------------------------------------------ properties

QUESTIONS = [q.id for _, q in STEPPED.questions()]
ANSWER = st.one_of(st.none(), st.integers(1, 5), st.just("unknown"), st.just("na"))
ANSWER_SETS = st.fixed_dictionaries({q: ANSWER for q in QUESTIONS})
GOALS = st.dictionaries(st.sampled_from(["alpha", "beta"]), st.integers(1, 5))


@given(ANSWER_SETS, GOALS)
def test_steps_follow_the_answers(answers: dict[str, AnswerValue], goals: dict[str, int]) -> None:
    """No step for a practice answered at or above the level it leads to; a step for every
    answer below the aim whose question has steps; most important first; then every "don't
    know"."""
    scores = score_scan(STEPPED, answers)
    for score in scores.principles:
        goal = goals.get(score.id)
        towards = aim(score, goal)
        principle = STEPPED.principle(score.id)
        assert principle is not None
        order = [q.id for q in principle.questions]
        weights = {q.id: Decimal(repr(q.weight)) for q in principle.questions}
        found = next_steps(STEPPED, score, answers, goal)
        for_answers = [s for s in found if s.kind == "answer"]
        unknown = [s for s in found if s.kind == "unknown"]
        assert found == for_answers + unknown
        for step in for_answers:
            level = answers[step.question or ""]
            assert isinstance(level, int) and step.from_level == level
            assert step.to_level == level + 1 and level < step.to_level
            assert towards is not None and level < towards
        expected = [
            q.id
            for q in principle.questions
            if q.steps and isinstance(answers[q.id], int) and towards is not None
            if answers[q.id] < towards  # type: ignore[operator]
        ]
        assert sorted(s.question or "" for s in for_answers) == sorted(expected)
        keys = [
            (
                -weights[s.question or ""] * ((towards or 0) - (s.from_level or 0)),
                order.index(s.question or ""),
            )
            for s in for_answers
        ]
        assert keys == sorted(keys)
        assert [s.question for s in unknown] == sorted(
            (q for q in order if answers[q] == "unknown"),
            key=lambda q: (-weights[q], order.index(q)),
        )


@given(ANSWER_SETS, GOALS)
def test_the_app_shows_three_steps_and_says_how_many_more(
    answers: dict[str, AnswerValue], goals: dict[str, int]
) -> None:
    targets = [Target(ORG, "stepped", p, level) for p, level in goals.items()]
    for principle in build_report(make(answers), STEPPED, targets).scores.principles:
        every = principle_lines(principle, "en")
        app = principle_lines(principle, "en", limit=3)
        markers = [ln.marker for ln in every if ln.kind == "entry" and ln.marker != "•"]
        steps = [
            ln
            for ln in app
            if ln.kind == "entry" and ln.text in {s.text.get("en") for s in principle.next_steps}
        ]
        assert len(steps) == min(3, len(principle.next_steps))
        more = [ln.text for ln in app if ln.text.endswith("give every step.")]
        hidden = len(principle.next_steps) - 3
        assert more == ([] if hidden <= 0 else [more[0]])
        assert all(f"{hidden} more step" in m for m in more)
        assert len(markers) >= len(principle.next_steps)


# ------------------------------------------------------------------ loading


def stepped_data() -> dict[str, Any]:
    return tomllib.loads(STEPPED_FILE.read_text(encoding="utf-8"))


def _steps(data: dict[str, Any], principle: int, question: int) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = data["principles"][principle]["questions"][question]["steps"]
    return steps


STEP_ERRORS = [
    (
        "three-steps",
        lambda d: _steps(d, 0, 1).pop(),
        "principles[alpha].questions[a2].steps",
        ["3 steps", "no steps or exactly 4"],
        ["3 stappen", "geen stappen of precies 4"],
    ),
    (
        "five-steps",
        lambda d: _steps(d, 1, 0).append(_steps(d, 1, 0)[0]),
        "principles[beta].questions[b1].steps",
        ["5 steps", "no steps or exactly 4"],
        ["5 stappen", "geen stappen of precies 4"],
    ),
    (
        "one-step",
        lambda d: d["principles"][0]["questions"][0].update(steps=[_steps(d, 0, 0)[0]]),
        "principles[alpha].questions[a1].steps",
        ["1 step;", "no steps or exactly 4"],
        ["1 stap;", "geen stappen of precies 4"],
    ),
    (
        "step-missing-a-language",
        lambda d: _steps(d, 0, 2)[1]["text"].pop("en"),
        "principles[alpha].questions[a3].steps[1].text",
        ["language `en` is missing"],
        ["taal `en` ontbreekt"],
    ),
    (
        "step-in-an-undeclared-language",
        lambda d: _steps(d, 0, 3)[3]["text"].update(de="Schritt"),
        "principles[alpha].questions[a4].steps[3].text",
        ["language `de` is not one of the set's languages"],
        ["taal `de`"],
    ),
    (
        "step-source-with-a-control-character",
        lambda d: _steps(d, 0, 0)[0].update(source="Gids\x1b[31m"),
        "principles[alpha].questions[a1].steps[0].source",
        ["control character \\x1b"],
        ["stuurteken \\x1b"],
    ),
    (
        "step-with-an-unknown-field",
        lambda d: _steps(d, 0, 0)[0].update(page=12),
        "principles[alpha].questions[a1].steps[0]",
        ["unknown field `page`"],
        [],
    ),
]


@pytest.mark.parametrize(
    ("mutate", "field", "expected_en", "expected_nl"),
    [pytest.param(m, f, en, nl, id=name) for name, m, f, en, nl in STEP_ERRORS],
)
def test_steps_are_none_or_four_each_in_every_language(
    tmp_path: Path, mutate: Any, field: str, expected_en: list[str], expected_nl: list[str]
) -> None:
    """One line naming the file, the question and what was expected."""
    data = stepped_data()
    mutate(data)
    path = write_set(tmp_path / "broken.toml", data)
    with pytest.raises(ScanError) as info:
        load_question_set(path)
    en, nl = info.value.render("en"), info.value.render("nl")
    assert "\n" not in en and "\n" not in nl
    assert en.startswith(f"{path}: field {field}"), en
    assert nl.startswith(f"{path}: veld {field}"), nl
    for fragment in expected_en:
        assert fragment in en, en
    for fragment in expected_nl:
        assert fragment in nl, nl


def test_steps_may_be_absent_or_empty(tmp_path: Path) -> None:
    data = stepped_data()
    data["principles"][0]["questions"][0]["steps"] = []
    del data["principles"][0]["questions"][1]["steps"]
    loaded = load_question_set(write_set(tmp_path / "ok.toml", data))
    a1, a2, a3, _ = loaded.principles[0].questions
    assert a1.steps == [] and a2.steps == [] and len(a3.steps) == 4
    assert a3.step(1) is not None and a3.step(1).source == "Gids a3 (2019)"  # type: ignore[union-attr]
    assert a3.step(5) is None and a1.step(1) is None


def test_step_texts_are_put_in_the_set_order(tmp_path: Path) -> None:
    data = stepped_data()
    first = _steps(data, 0, 0)[0]
    first["text"] = {"en": first["text"]["en"], "nl": first["text"]["nl"]}
    loaded = load_question_set(write_set(tmp_path / "order.toml", data))
    assert list(loaded.principles[0].questions[0].steps[0].text) == ["nl", "en"]
    assert loaded == STEPPED


def test_the_report_json_carries_every_step_field() -> None:
    report = build_report(make({"a1": 1, "a2": "unknown", "a3": 1, "a4": 1}), STEPPED)
    alpha = msgspec.to_builtins(report)["scores"]["principles"][0]
    assert alpha["next_steps"][0] == {
        "kind": "answer",
        "question": "a1",
        "from_level": 1,
        "to_level": 2,
        "text": {"nl": "a1 stap 1 naar 2", "en": "a1 step 1 to 2"},
        "source": "Gids a1 (2019)",
        "question_text": {"nl": "Vraag a1?", "en": "Question a1?"},
    }
    assert alpha["next_steps"][-1]["kind"] == "unknown"
    assert alpha["level_advice"] == [{"nl": "alpha advies 1", "en": "alpha advice 1"}]


def test_weights_compare_as_written() -> None:
    """0.1 × 3 ties with 0.3 × 1 (as floats 0.1 × 3 is more), so the set's order decides."""
    alpha = STEPPED.principles[0]
    a1, a2, *rest = alpha.questions
    weighted = msgspec.structs.replace(
        alpha,
        questions=[
            msgspec.structs.replace(a1, weight=0.3),
            msgspec.structs.replace(a2, weight=0.1),
            *rest,
        ],
    )
    question_set = msgspec.structs.replace(STEPPED, principles=[weighted, *STEPPED.principles[1:]])
    assert 0.1 * 3 > 0.3
    answers: dict[str, AnswerValue] = {"a1": 4, "a2": 2, "a3": 5, "a4": 5}
    score = score_scan(question_set, answers).principles[0]
    # (0.3·4 + 0.1·2 + 5 + 0.5·5) / 1.9 = 4.68… → level 4, aim 5:
    # a1 0.3 × (5 − 4) = 0.3 and a2 0.1 × (5 − 2) = 0.3 tie
    assert score.level == 4
    steps = next_steps(question_set, score, answers, None)
    assert [(s.question, s.from_level) for s in steps] == [("a1", 4), ("a2", 2)]
