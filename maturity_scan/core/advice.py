"""What to do next: the answers that hold a principle back, the step each of them takes
next (when the set gives steps per answer), and the set's advice for the level reached."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Literal

import msgspec

from maturity_scan.core.models import UNKNOWN, AnswerValue, Question, QuestionSet, Text
from maturity_scan.core.scoring import PrincipleScore
from maturity_scan.i18n import tr

#: What a next step comes from: an answer below the aim (the question's own step), a "don't
#: know" answer (find out who knows), or the set's advice for the level reached (a set
#: without steps per answer).
StepKind = Literal["answer", "unknown", "level"]


class NextStep(msgspec.Struct, gc=False, frozen=True):
    """One thing to do next for a principle."""

    kind: StepKind
    #: The question the step is about; ``None`` for the set's advice for a level.
    question: str | None
    #: "answer": the level answered and the one the step leads to (one up). "level": the
    #: level reached and the next (``None`` from 5). "unknown": both ``None``.
    from_level: int | None
    to_level: int | None
    text: Text
    #: Where the step comes from (a guide by title), as the set gives it.
    source: str | None = None
    #: The question's text; ``None`` for the set's advice for a level.
    question_text: Text | None = None


class HoldingBack(msgspec.Struct, frozen=True):
    """A question answered below the level the principle aims for next."""

    question: Question
    level: int
    target: int


def next_level(score: PrincipleScore) -> int | None:
    """The level to aim for: one above the level reached (``None`` at 5 or without a level)."""
    if score.level is None or score.level >= 5:
        return None
    return score.level + 1


def aim(score: PrincipleScore, target: int | None = None) -> int | None:
    """The level to work towards: the target when it is above the next level, else the next."""
    following = next_level(score)
    if score.level is None or following is None:
        return following
    return target if target is not None and target > following else following


def level_advice(
    question_set: QuestionSet, score: PrincipleScore, target: int | None = None
) -> list[Text]:
    """The set's advice from the level reached up to the aim: a target two levels up gets the
    steps of both levels. Empty without a level."""
    if score.level is None:
        return []
    last = aim(score, target) or score.level + 1
    steps: list[Text] = []
    for level in range(score.level, max(last, score.level + 1)):
        steps += [s for s in question_set.advice_for(score.id, level) if s not in steps]
    return steps


def holding_back(
    question_set: QuestionSet,
    score: PrincipleScore,
    answers: Mapping[str, AnswerValue],
    target: int | None = None,
) -> list[HoldingBack]:
    """The questions of this principle answered below the aim (see :func:`aim`), lowest first."""
    target = aim(score, target)
    principle = question_set.principle(score.id)
    if target is None or principle is None:
        return []
    found = []
    for question in principle.questions:
        answer = answers.get(question.id)
        if isinstance(answer, int) and answer < target:
            found.append(HoldingBack(question=question, level=answer, target=target))
    return sorted(found, key=lambda h: h.level)


def unknown_questions(
    question_set: QuestionSet, principle_id: str, answers: Mapping[str, AnswerValue]
) -> list[Question]:
    """The questions of a principle answered "don't know": things to find out."""
    principle = question_set.principle(principle_id)
    if principle is None:
        return []
    return [q for q in principle.questions if answers.get(q.id) == UNKNOWN]


def has_steps(question_set: QuestionSet) -> bool:
    """Whether the set gives steps per answer (a set without them: advice per level only)."""
    return any(q.steps for _, q in question_set.questions())


def next_steps(
    question_set: QuestionSet,
    score: PrincipleScore,
    answers: Mapping[str, AnswerValue],
    target: int | None = None,
) -> list[NextStep]:
    """What to do next for a principle, most important first.

    In a set with steps per answer: for each answer below the aim (:func:`aim`: the next
    level, or the target when higher) the question's step from the level answered to the
    one above it. Only that single step n → n+1 is given, even when the aim is further up:
    it is the concrete thing to do now, and the step after it follows once it is done. So a
    step never leads to a level the answer already has. They are ordered by weight × the
    distance from the answer to the aim, highest first, ties in the set's order. After
    them, for each "don't know" answer, a step to find out who knows (heaviest question
    first, ties in the set's order). A question without steps in such a set gives none.

    In a set without steps per answer (1.0, most custom sets): the set's advice from the
    level reached up to the aim (:func:`level_advice`), as before."""
    if not has_steps(question_set):
        return _level_steps(question_set, score, target)
    principle = question_set.principle(score.id)
    if principle is None:
        return []
    towards = aim(score, target)
    ranked: list[tuple[Decimal, int, NextStep]] = []
    for index, question in enumerate(principle.questions):
        answer = answers.get(question.id)
        if towards is None or not isinstance(answer, int) or answer >= towards:
            continue
        step = question.step(answer)
        if step is not None:
            found = NextStep(
                "answer", question.id, answer, answer + 1, step.text, step.source, question.text
            )
            ranked.append((-_exact(question.weight) * (towards - answer), index, found))
    unknown = [
        (-_exact(question.weight), index, _find_out(question))
        for index, question in enumerate(principle.questions)
        if answers.get(question.id) == UNKNOWN
    ]
    return [s for *_, s in sorted(ranked, key=_key)] + [s for *_, s in sorted(unknown, key=_key)]


def _exact(weight: float) -> Decimal:
    """The weight as written in the set (0.1, not the float nearest to it), so that equal
    priorities compare equal (0.1 × 3 = 0.3 × 1) and ties keep the set's order."""
    return Decimal(repr(float(weight)))


def _key(entry: tuple[Decimal, int, NextStep]) -> tuple[Decimal, int]:
    return entry[0], entry[1]


def _find_out(question: Question) -> NextStep:
    """The step for a "don't know" answer: find out who knows, in every language."""
    text = Text.each(lambda lang: tr("advice.find_out", lang, question=question.text.get(lang)))
    return NextStep("unknown", question.id, None, None, text, None, question.text)


def _level_steps(
    question_set: QuestionSet, score: PrincipleScore, target: int | None
) -> list[NextStep]:
    """The set's advice from the level reached up to the aim, each text once, as steps."""
    if score.level is None:
        return []
    last = max(aim(score, target) or score.level + 1, score.level + 1)
    steps: list[NextStep] = []
    seen: list[Text] = []
    for level in range(score.level, last):
        for text in question_set.advice_for(score.id, level):
            if text not in seen:
                seen.append(text)
                steps.append(NextStep("level", None, level, level + 1 if level < 5 else None, text))
    return steps
