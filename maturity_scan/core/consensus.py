"""What a consensus session (the app) agreed, as the answers of a round's consensus scan
(issue #14); the scan itself is made as ``round consensus`` makes it
(:func:`maturity_scan.exchange.consensus_file.consensus_scan`).

Each answer records where it comes from: the respondents' provisional answer (``median``: the
lower median, or the "na"/"unknown" the provisional result gives) or a change of it that the
team gave a reason for (``override``). A question left without an answer, as the
provisional result leaves it, has no source.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping

from maturity_scan.core.models import AnswerRecord, AnswerSource, AnswerValue, Scan


def overrides(
    answers: Mapping[str, AnswerValue], provisional: Mapping[str, AnswerValue]
) -> list[str]:
    """The questions whose answer differs from the provisional one (each needs a reason)."""
    return [q for q, value in answers.items() if value != provisional.get(q)]


def consensus_answers(
    answers: Mapping[str, AnswerValue],
    provisional: Mapping[str, AnswerValue],
    reasons: Mapping[str, str],
) -> tuple[dict[str, AnswerRecord], dict[str, AnswerSource]]:
    """The consensus scan's answers and their sources: ``answers`` (question id → answer),
    each from the ``provisional`` answer or an override with its reason in ``reasons``.
    Raises KeyError naming an override without a reason (a caller's error: the session asks
    for one before it changes an answer)."""
    records: dict[str, AnswerRecord] = {}
    sources: dict[str, AnswerSource] = {}
    for question, value in answers.items():
        median = provisional.get(question)
        if value == median:
            if value is not None:
                records[question] = AnswerRecord(level=value)
                sources[question] = AnswerSource(source="median")
            continue
        reason = " ".join(reasons.get(question, "").split())
        if not reason:
            raise KeyError(question)
        if value is not None:
            records[question] = AnswerRecord(level=value)
        sources[question] = AnswerSource(source="override", reason=reason)
    return records, sources


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
