"""A round's consensus as a scan (issue #14): what a consensus session (the app) agreed, made
into the normal completed scan the round stores as its consensus.

Each answer records where it comes from: the respondents' provisional answer (``median``: the
lower median, or the "na"/"unknown" the provisional result gives) or a change of it that the
team gave a reason for (``override``, the reason also kept as the answer's note). A question
left without an answer has no source.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time

from maturity_scan.core.models import (
    AnswerRecord,
    AnswerSource,
    AnswerValue,
    Respondent,
    Round,
    RoundLink,
    Scan,
)


def round_moment(round_: Round) -> datetime:
    """The moment a round's consensus is dated with: noon of the round's date, in the zone
    the round was opened in (the same day in every nearby zone)."""
    return datetime.combine(round_.opened, time(12, 0), tzinfo=round_.created_at.tzinfo)


def overrides(
    answers: Mapping[str, AnswerValue], provisional: Mapping[str, AnswerValue]
) -> list[str]:
    """The questions whose answer differs from the provisional one (each needs a reason)."""
    return [q for q, value in answers.items() if value != provisional.get(q)]


def consensus_scan(
    round_: Round,
    scan_id: str,
    answers: Mapping[str, AnswerValue],
    provisional: Mapping[str, AnswerValue],
    reasons: Mapping[str, str],
    *,
    started_at: datetime,
    completed_at: datetime,
) -> Scan:
    """The consensus of ``round_``: ``answers`` (question id → answer; None leaves it
    unanswered), each from the ``provisional`` answer or an override with its reason in
    ``reasons``. Raises KeyError naming an override without a reason (a caller's error: the
    session asks for one before it changes an answer)."""
    records: dict[str, AnswerRecord] = {}
    sources: dict[str, AnswerSource] = {}
    for question, value in answers.items():
        if value is None:
            continue
        if value == provisional.get(question):
            records[question] = AnswerRecord(level=value)
            sources[question] = AnswerSource(source="median")
            continue
        reason = reasons[question].strip()
        if not reason:
            raise KeyError(question)
        records[question] = AnswerRecord(level=value, note=reason)
        sources[question] = AnswerSource(source="override", reason=reason)
    return Scan(
        id=scan_id,
        organisation=round_.organisation,
        respondent=Respondent(),
        question_set=round_.question_set,
        status="completed",
        started_at=started_at,
        completed_at=completed_at,
        answers=records,
        taken_at=round_moment(round_),
        round=RoundLink(id=round_.id, kind="consensus", sources=sources),
    )


def session_start(
    provisional: Mapping[str, AnswerValue], earlier: Scan | None
) -> tuple[dict[str, AnswerValue], dict[str, str]]:
    """What a consensus session starts from: the provisional answers, and the overrides of an
    ``earlier`` consensus of the round (with their reasons) where they still differ from
    the provisional answer, so that a second session does not lose the first one's reasons."""
    answers = dict(provisional)
    reasons: dict[str, str] = {}
    if earlier is not None and earlier.round is not None:
        for question, source in earlier.round.sources.items():
            value = earlier.answer(question)
            if source.source == "override" and value != provisional.get(question):
                answers[question] = value
                reasons[question] = source.reason
    return answers, reasons
