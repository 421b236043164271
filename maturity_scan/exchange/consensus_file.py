"""The consensus answers file of a team round (#14): ``round consensus ROUND --answers FILE``.

It is an answers file (:mod:`~maturity_scan.exchange.answers`: ``answers``, ``notes``) with
``"reasons": {"<question>": "why"}``, and optionally the round it is for::

    {"round": "<round id>", "question_set": "sociale-inkoop", "question_set_version": "2.0",
     "answers": {"<question>": 4}, "notes": {}, "reasons": {"<question>": "why"}}

A question absent from ``answers`` takes the provisional answer (the lower median); every
answer that differs from it (``null`` too, where the provisional answer is not) needs a
non-empty reason. Values are checked as ``scan new`` checks them.

The consensus scan made from it is a completed scan of the round's organisation and set
version (kind ``consensus``), taken on the round's date; its respondent's name is the
round's title (so ``scan list`` tells it apart), without a role. Each answered question
records its source: ``median``, or ``override`` with the reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import msgspec

from maturity_scan.core.models import (
    AnswerRecord,
    AnswerSource,
    AnswerValue,
    Identifier,
    QuestionSet,
    Respondent,
    Round,
    RoundLink,
    Scan,
    SourceKind,
)
from maturity_scan.errors import ScanError
from maturity_scan.exchange.answers import answer_records, template
from maturity_scan.inputs import convert, parse_json

#: The longest reason a consensus answer keeps (:class:`~maturity_scan.core.models.AnswerSource`).
MAX_REASON = 2000


class ConsensusFile(msgspec.Struct, forbid_unknown_fields=True):
    question_set: Identifier
    answers: dict[str, Any] = {}
    notes: dict[str, Any] = {}
    reasons: dict[str, Any] = {}
    question_set_version: str | None = None
    #: The round the file was made for (its id, or the first characters of it).
    round: str | None = None
    #: The set's scope and definitions, as the template gives them: for the reader only.
    definitions: dict[str, Any] = {}


@dataclasses.dataclass(frozen=True)
class ConsensusAnswers:
    """The consensus as the file gives it: per question its answer and note, and where the
    answer comes from."""

    answers: dict[str, AnswerRecord]
    sources: dict[str, AnswerSource]

    @property
    def overrides(self) -> int:
        return sum(1 for s in self.sources.values() if s.source == "override")


def consensus_template(
    round_: Round,
    question_set: QuestionSet,
    provisional: Mapping[str, AnswerValue],
    order: Sequence[str],
) -> dict[str, Any]:
    """A consensus file to fill in: the provisional answers of every question in ``order``
    (the order they need attention in), no notes, an empty reason per question."""
    data: dict[str, Any] = {"round": round_.id, **template(question_set)}
    data["answers"] = {q: provisional.get(q) for q in order}
    data["reasons"] = dict.fromkeys(order, "")
    return data


def read_consensus(
    data: bytes,
    source: str,
    round_: Round,
    question_set: QuestionSet,
    provisional: Mapping[str, AnswerValue],
) -> ConsensusAnswers:
    """The consensus that file ``source`` (its bytes ``data``) gives for ``round_``, whose
    provisional answers are ``provisional``; a one-line error naming the file and the
    question(s) otherwise."""
    parsed = convert(parse_json(data, source), ConsensusFile, source)
    _check_round(parsed, round_, source)
    records = answer_records(question_set, parsed.answers, parsed.notes, source)
    reasons = _reasons(parsed.reasons, question_set, source)
    answers: dict[str, AnswerRecord] = {}
    sources: dict[str, AnswerSource] = {}
    missing: list[str] = []
    for _, question in question_set.questions():
        given = records.get(question.id)
        median = provisional.get(question.id)
        level = median if given is None or question.id not in parsed.answers else given.level
        record = AnswerRecord(level=level, note=given.note if given else "")
        reason = reasons.get(question.id, "")
        if level != median and not reason:
            missing.append(question.id)
        if record != AnswerRecord():
            answers[question.id] = record
        if level is not None or level != median:
            kind: SourceKind = "median" if level == median else "override"
            sources[question.id] = AnswerSource(source=kind, reason=reason)
    if missing:
        raise ScanError("err.consensus_reasons_missing", file=source, questions=", ".join(missing))
    if not any(r.level is not None for r in answers.values()):
        raise ScanError("err.answers_empty", file=source)
    return ConsensusAnswers(answers, sources)


def _check_round(parsed: ConsensusFile, round_: Round, source: str) -> None:
    if parsed.round is not None and not (
        len(parsed.round) >= 4 and round_.id.startswith(parsed.round)
    ):
        raise ScanError(
            "err.consensus_other_round", file=source, round=parsed.round, wanted=round_.short_id
        )
    wanted = round_.question_set
    version = parsed.question_set_version
    if parsed.question_set != wanted.id or (version is not None and version != wanted.version):
        given = parsed.question_set if version is None else f"{parsed.question_set} {version}"
        raise ScanError(
            "err.consensus_other_set",
            file=source,
            set=given,
            wanted=f"{wanted.id} {wanted.version}",
        )


def _reasons(reasons: Mapping[str, Any], question_set: QuestionSet, source: str) -> dict[str, str]:
    """The non-empty reasons, trimmed; an unknown question, a reason that is no text or one
    that is too long is refused."""
    kept: dict[str, str] = {}
    for question_id, reason in reasons.items():
        if question_set.question(question_id) is None:
            raise ScanError(
                "err.answers_unknown_question",
                file=source,
                field="reasons",
                question=question_id,
                set=question_set.id,
            )
        if reason is None:
            continue
        if not isinstance(reason, str):
            raise ScanError("err.consensus_bad_reason", file=source, question=question_id)
        reason = " ".join(reason.split())
        if len(reason) > MAX_REASON:
            raise ScanError(
                "err.consensus_reason_long",
                file=source,
                question=question_id,
                limit=MAX_REASON,
                length=len(reason),
            )
        if reason:
            kept[question_id] = reason
    return kept


def consensus_scan(
    round_: Round, consensus: ConsensusAnswers, scan_id: str, made_at: datetime, basis: str
) -> Scan:
    """The round's consensus as a completed scan (kind ``consensus``), taken on the round's
    date, made at ``made_at``, agreed on the responses whose digest is ``basis``
    (:func:`~maturity_scan.core.round_report.responses_basis`)."""
    return Scan(
        id=scan_id,
        organisation=round_.organisation,
        respondent=Respondent(name=round_.title),
        question_set=round_.question_set,
        status="completed",
        started_at=made_at,
        completed_at=made_at,
        answers=consensus.answers,
        taken_at=round_.moment,
        round=RoundLink(id=round_.id, kind="consensus", sources=consensus.sources, basis=basis),
    )
