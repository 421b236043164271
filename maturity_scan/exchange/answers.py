"""Answers files: the JSON a person fills in to record a scan from the command line.

``{"question_set": "sociale-inkoop", "answers": {"<question id>": 3, ...}, "notes": {...}}``
An answer is a level 1-5, ``"na"``, ``"unknown"`` or ``null`` (unanswered).

The template of a set with scope and definitions carries them, as
``"definitions": {"<id>": {"term": {...}, "text": {...}}}``, for the person filling it in;
reading ignores them (and accepts files without them). In such a set (2.0 and later) an
answer ``"na"`` needs a short reason in ``notes``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

import msgspec

from maturity_scan.core.catalog import Catalog
from maturity_scan.core.models import AnswerRecord, AnswerValue, Identifier, QuestionSet
from maturity_scan.errors import ScanError
from maturity_scan.inputs import MAX_INPUT_BYTES, convert, parse_json, read_bytes


class AnswersFile(msgspec.Struct, forbid_unknown_fields=True):
    question_set: Identifier
    answers: dict[str, Any]
    notes: dict[str, Any] = {}
    question_set_version: str | None = None
    #: The set's scope and definitions, as the template gives them: for the reader only.
    definitions: dict[str, Any] = {}


def template(question_set: QuestionSet) -> dict[str, Any]:
    """An answers file to fill in: every question of the set, unanswered; with the set's
    scope and definitions first, when it has them."""
    data: dict[str, Any] = {
        "question_set": question_set.id,
        "question_set_version": question_set.version,
    }
    if question_set.definitions:
        data["definitions"] = {
            d.id: {"term": dict(d.term), "text": dict(d.text)} for d in question_set.definitions
        }
    data["answers"] = {q.id: None for _, q in question_set.questions()}
    data["notes"] = {}
    return data


def na_needs_reason(question_set: QuestionSet) -> bool:
    """Whether answering "na" asks for a short reason: in sets with scope and definitions
    (2.0 and later); sets before them accept "na" alone."""
    return bool(question_set.definitions)


def check_na_allowed(
    question_set: QuestionSet, question_id: str, level: AnswerValue, source: str
) -> None:
    question = question_set.question(question_id)
    if level == "na" and question is not None and not question.allow_na:
        raise ScanError("err.answers_na_not_allowed", file=source, question=question_id)


def _shown(value: Any) -> str:
    """``value`` as JSON for an error message; the parser accepts nesting ``json`` cannot dump."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (RecursionError, ValueError):
        return f"[{type(value).__name__} nested too deeply]"


def _answer(value: Any, question_id: str, source: str) -> AnswerValue:
    try:
        return cast(AnswerValue, msgspec.convert(value, AnswerValue))
    except msgspec.ValidationError:
        shown = _shown(value)
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        raise ScanError(
            "err.answers_bad_level", file=source, question=question_id, value=shown
        ) from None


def parse_answers(
    data: bytes, source: str, catalog: Catalog
) -> tuple[QuestionSet, dict[str, AnswerRecord]]:
    """The question set named in the file and the validated answers with their notes."""
    parsed = convert(parse_json(data, source), AnswersFile, source)
    try:
        question_set = catalog.get(parsed.question_set, parsed.question_set_version)
    except ScanError as err:
        raise err.in_file(source) from None
    records = answer_records(question_set, parsed.answers, parsed.notes, source)
    if not any(r.level is not None for r in records.values()):
        raise ScanError("err.answers_empty", file=source)
    return question_set, {k: v for k, v in records.items() if v != AnswerRecord()}


def answer_records(
    question_set: QuestionSet,
    answers: Mapping[str, Any],
    notes: Mapping[str, Any],
    source: str,
) -> dict[str, AnswerRecord]:
    """The ``answers`` and ``notes`` of a file checked against ``question_set``: known
    questions, valid levels, "na" only where allowed and, in a set that asks one, with a
    reason in ``notes``. A question given ``null`` keeps an empty record."""
    records: dict[str, AnswerRecord] = {}
    for field_name, mapping in (("answers", answers), ("notes", notes)):
        for question_id in mapping:
            if question_set.question(question_id) is None:
                raise ScanError(
                    "err.answers_unknown_question",
                    file=source,
                    field=field_name,
                    question=question_id,
                    set=question_set.id,
                )
    for question_id, value in answers.items():
        level = _answer(value, question_id, source)
        check_na_allowed(question_set, question_id, level, source)
        records[question_id] = AnswerRecord(level=level)
    for question_id, note in notes.items():
        if note is None:
            continue
        if not isinstance(note, str):
            shown = _shown(note)[:40]
            raise ScanError("err.answers_bad_note", file=source, question=question_id, value=shown)
        old = records.get(question_id, AnswerRecord())
        records[question_id] = AnswerRecord(level=old.level, note=note.strip())
    _check_na_reasons(question_set, records, source)
    return records


def _check_na_reasons(
    question_set: QuestionSet, records: dict[str, AnswerRecord], source: str
) -> None:
    if not na_needs_reason(question_set):
        return
    for _, question in question_set.questions():  # in the set's order: the first is named
        record = records.get(question.id)
        if record is not None and record.level == "na" and not record.note:
            raise ScanError("err.answers_na_needs_note", file=source, question=question.id)


def load_answers(path: Path, catalog: Catalog) -> tuple[QuestionSet, dict[str, AnswerRecord]]:
    return parse_answers(read_bytes(path, MAX_INPUT_BYTES), str(path), catalog)
