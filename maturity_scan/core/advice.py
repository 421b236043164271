"""What to do next: advice for the level reached, and the answers that hold a principle back."""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from maturity_scan.core.models import UNKNOWN, AnswerValue, Question, QuestionSet, Text
from maturity_scan.core.scoring import PrincipleScore


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


def next_steps(
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
