"""What to do next: advice for the level reached, and the answers that hold a principle back."""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from maturity_scan.models import UNKNOWN, AnswerValue, Question, QuestionSet, Text
from maturity_scan.scoring import PrincipleScore


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


def next_steps(question_set: QuestionSet, score: PrincipleScore) -> list[Text]:
    """The set's advice for the level this principle reached; empty without a level."""
    if score.level is None:
        return []
    return question_set.advice_for(score.id, score.level)


def holding_back(
    question_set: QuestionSet, score: PrincipleScore, answers: Mapping[str, AnswerValue]
) -> list[HoldingBack]:
    """The questions of this principle answered below its next level, lowest first."""
    target = next_level(score)
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
