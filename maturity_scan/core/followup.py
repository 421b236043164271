"""A follow-up scan: a new draft that starts from the answers and notes of a completed scan.

Only what the new scan's question set can hold is carried over: questions whose id the new
set has (the earlier scan may use an older version of the set, or its questions may have
been removed), with a level that is valid there ("na" only where the new question allows it
and, in a set that asks why a question does not apply, only with the reason, the note).
Every carried answer with a level, "na" or "don't know" is listed in :attr:`Scan.carried`
until it is confirmed or changed, so nobody mistakes an old answer for a new judgement.
Scans of another question set (another id) carry nothing over.
"""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from maturity_scan.core.models import NA, AnswerRecord, QuestionSet, Scan


def carried_answers(previous: Scan, question_set: QuestionSet) -> dict[str, AnswerRecord]:
    """The answers and notes of ``previous`` that ``question_set`` can hold, in its order."""
    if previous.question_set.id != question_set.id:
        return {}
    # a set with scope and definitions asks why a question does not apply (the reason is the
    # note; :func:`maturity_scan.exchange.answers.na_needs_reason` is the same rule)
    na_needs_reason = bool(question_set.definitions)
    copied: dict[str, AnswerRecord] = {}
    for _, question in question_set.questions():
        record = previous.answers.get(question.id)
        if record is None:
            continue
        level = record.level
        if level == NA and (not question.allow_na or (na_needs_reason and not record.note)):
            level = None
        kept = AnswerRecord(level=level, note=record.note)
        if kept != AnswerRecord():
            copied[question.id] = kept
    return copied


def follow_up(
    draft: Scan,
    previous: Scan,
    question_set: QuestionSet,
    given: Mapping[str, AnswerRecord] | None = None,
) -> Scan:
    """``draft`` (a new scan of ``question_set``, no answers yet) starting from ``previous``:
    its answers and notes carried over (:func:`carried_answers`), ``follows`` naming it.

    ``given``: answers given now (an answers file), field by field as the app gives them: a
    level given replaces the carried one and confirms it, a note given replaces the carried
    note (a question given only a note keeps its carried level, still carried).
    """
    answers = carried_answers(previous, question_set)
    for question_id, record in (given or {}).items():
        old = answers.get(question_id, AnswerRecord())
        answers[question_id] = AnswerRecord(
            level=old.level if record.level is None else record.level,
            note=record.note or old.note,
        )
        if answers[question_id] == AnswerRecord():
            del answers[question_id]
    given_levels = {q for q, r in (given or {}).items() if r.level is not None}
    carried = [
        q for q, record in answers.items() if record.level is not None and q not in given_levels
    ]
    order = {q.id: i for i, (_, q) in enumerate(question_set.questions())}
    ordered = dict(sorted(answers.items(), key=lambda item: order.get(item[0], len(order))))
    return msgspec.structs.replace(draft, answers=ordered, follows=previous.id, carried=carried)
