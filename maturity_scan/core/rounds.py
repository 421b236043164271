"""Where the respondents of a round agree and where they do not (issue #14): the statistics
per question and per principle, and the provisional result.

A round's respondents each answer their own scan of one question set. Per question:

- ``counts``: how many answered each level 1-5, "na", "unknown", and nothing;
- the **lower median** of the levels given: sorted, the element at index ``(n - 1) // 2``
  (always one of the levels given, never a mean between two);
- ``min`` and ``max`` of the levels given;
- a **flag**, the first that holds: ``knowledge_gap`` (at least half of those who answered
  the question said "unknown"), ``divided`` (max − min ≥ 2), ``agreed`` (at least two levels
  given, max − min ≤ 1); else none;
- the mean level per role.

Per principle: each role's score (the mean of its respondents' principle scores, each scored
with the set's rules; a respondent whose principle has no level under those rules, too
little answered, does not count) and the **perception
gap** (highest role score − lowest; None with fewer than two roles that have a score).

The **provisional result**: per question the lower median, else "na" when at least half of
those who answered said "na", else "unknown" when someone said it, else unanswered; scored
with the set's rules like any scan.

Pure: no I/O. "Those who answered" a question are the respondents who gave it a level, "na"
or "unknown": a respondent who answers only the questions of their role does not dilute the
others.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import msgspec

from maturity_scan.core.models import NA, UNKNOWN, AnswerValue, QuestionSet
from maturity_scan.core.scoring import ScanScores, score_scan

Flag = Literal["knowledge_gap", "divided", "agreed"]
#: Answers as the counts name them: "1".."5", "na", "unknown", "none" (no answer).
COUNT_KEYS = ("1", "2", "3", "4", "5", "na", "unknown", "none")


class Response(msgspec.Struct, frozen=True):
    """One respondent's answers in a round, with the role they answered as (a role id)."""

    role: str
    answers: Mapping[str, AnswerValue]


class QuestionSpread(msgspec.Struct, frozen=True):
    question: str
    counts: dict[str, int]
    lower_median: int | None
    min: int | None
    max: int | None
    flag: Flag | None
    #: Per role id (of the roles with a level given): the mean level.
    by_role: dict[str, float]


class PrincipleSpread(msgspec.Struct, frozen=True):
    principle: str
    #: Per role id (of the roles with a score): the mean of its respondents' scores.
    by_role: dict[str, float]
    perception_gap: float | None


class RoundStatistics(msgspec.Struct, frozen=True):
    questions: list[QuestionSpread]
    principles: list[PrincipleSpread]
    #: The provisional answers (question id → answer) and their scores.
    provisional_answers: dict[str, AnswerValue]
    provisional: ScanScores


def lower_median(levels: Sequence[int]) -> int | None:
    """The element at index ``(n - 1) // 2`` of ``levels`` sorted; None for none."""
    if not levels:
        return None
    return sorted(levels)[(len(levels) - 1) // 2]


def flag(levels: Sequence[int], unknown: int, answered: int) -> Flag | None:
    """The question's flag (see the module's docstring); ``answered`` counts every
    respondent who gave a level, "na" or "unknown"."""
    if answered and 2 * unknown >= answered:
        return "knowledge_gap"
    if levels and max(levels) - min(levels) >= 2:
        return "divided"
    if len(levels) >= 2:
        return "agreed"
    return None


def provisional_answer(levels: Sequence[int], na: int, unknown: int, answered: int) -> AnswerValue:
    median = lower_median(levels)
    if median is not None:
        return median
    if answered and 2 * na >= answered:
        return NA
    return UNKNOWN if unknown else None


def spread(question: str, responses: Sequence[Response]) -> QuestionSpread:
    counts = dict.fromkeys(COUNT_KEYS, 0)
    levels: list[int] = []
    per_role: dict[str, list[int]] = {}
    for response in responses:
        answer = response.answers.get(question)
        if answer is None:
            counts["none"] += 1
        elif isinstance(answer, int):
            counts[str(answer)] += 1
            levels.append(answer)
            per_role.setdefault(response.role, []).append(answer)
        else:
            counts[answer] += 1
    answered = len(responses) - counts["none"]
    return QuestionSpread(
        question=question,
        counts=counts,
        lower_median=lower_median(levels),
        min=min(levels, default=None),
        max=max(levels, default=None),
        flag=flag(levels, counts["unknown"], answered),
        by_role={role: sum(v) / len(v) for role, v in sorted(per_role.items())},
    )


def round_statistics(question_set: QuestionSet, responses: Sequence[Response]) -> RoundStatistics:
    """The statistics of a round's ``responses`` to ``question_set``."""
    questions = [spread(q.id, responses) for _, q in question_set.questions()]
    provisional_answers: dict[str, AnswerValue] = {}
    for item in questions:
        levels = [int(k) for k in COUNT_KEYS[:5] for _ in range(item.counts[k])]
        answered = len(responses) - item.counts["none"]
        answer = provisional_answer(levels, item.counts["na"], item.counts["unknown"], answered)
        if answer is not None:
            provisional_answers[item.question] = answer
    scores = [(r.role, score_scan(question_set, r.answers)) for r in responses]
    principles = []
    for principle in question_set.principles:
        per_role: dict[str, list[float]] = {}
        for role, scored in scores:
            found = scored.principle(principle.id)
            if found is not None and found.score is not None and found.level is not None:
                per_role.setdefault(role, []).append(found.score)
        by_role = {role: sum(v) / len(v) for role, v in sorted(per_role.items())}
        gap = max(by_role.values()) - min(by_role.values()) if len(by_role) >= 2 else None
        principles.append(
            PrincipleSpread(principle=principle.id, by_role=by_role, perception_gap=gap)
        )
    return RoundStatistics(
        questions=questions,
        principles=principles,
        provisional_answers=provisional_answers,
        provisional=score_scan(question_set, provisional_answers),
    )
