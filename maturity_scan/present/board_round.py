"""The team-round part of the board report (``maturity-scan report --round``): who answered
(as the round's visibility allows), each role's score per principle side by side, the
questions where the respondents are divided, and the consensus with the reasons for each
answer that differs from the median, the questions the respondents did not know and the
notes they wrote (as the visibility allows).
Rendered from :func:`~maturity_scan.core.round_report.build_round_report`; the result itself
(consensus, else provisional) is the scan part of the report, built as an organisation's point
(:func:`~maturity_scan.present.board_build.round_board`). :func:`round_facts` are the header
facts of every report on a round's point (``--round``, ``--org``, ``--scan`` of a consensus);
:func:`point_round_block` the round's part of a report on its point made by ``--org`` or
``--scan`` (the "don't know" questions and the notes, without the round's own section).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from maturity_scan.core.models import AnswerValue, Lang, QuestionSet
from maturity_scan.core.round_notes import QuestionNotes
from maturity_scan.core.round_report import RoundReport, attention_order
from maturity_scan.core.rounds import COUNT_KEYS
from maturity_scan.i18n import tr
from maturity_scan.present import svg_charts
from maturity_scan.present.board_report import (
    BoardReport,
    Chart,
    Table,
    decimal,
    long_date,
)
from maturity_scan.present.round_text import role_order, shown_gap

#: What a round's visibility shows of its respondents, and what it hides.
_VISIBILITY = {
    "named": "board.round.shows.named",
    "by-role": "board.round.shows.by_role",
    "anonymous": "board.round.shows.anonymous",
}
#: How the respondents' notes are shown, by the round's visibility.
_NOTES_SHOWN = {
    "named": "board.round.notes.named",
    "by-role": "board.round.notes.by_role",
    "anonymous": "board.round.notes.anonymous",
}
#: A count's key (:data:`~maturity_scan.core.rounds.COUNT_KEYS`) that is not a level.
_COUNT_KEYS = {
    "na": "board.round.count.na",
    "unknown": "board.round.count.unknown",
    "none": "board.round.count.none",
}


@dataclass(frozen=True)
class Divided:
    question: str
    spread: str
    roles: str


@dataclass(frozen=True)
class Unknown:
    question: str
    #: How many said "don't know", of how many, and the flag.
    about: str


@dataclass(frozen=True)
class Reason:
    question: str
    answer: str
    reason: str


@dataclass(frozen=True)
class Note:
    #: Who wrote it, as the visibility allows ("Anna, HR", "HR"); "" in an anonymous round.
    who: str
    note: str


@dataclass(frozen=True)
class QuestionNoteGroup:
    question: str
    notes: list[Note]


@dataclass(frozen=True)
class RoundBlock:
    #: The result shown: "consensus" or "provisional", as a sentence.
    result: str
    people: list[str]
    roles: Chart | None
    gaps: list[str]
    divided: list[Divided]
    #: The questions some respondents did not know (knowledge gaps first): to find out.
    unknown: list[Unknown]
    reasons: list[Reason]
    no_reasons: str | None
    #: The headings of the divided questions, the consensus reasons, the round's
    #: "don't know" answers and the respondents' notes.
    titles: dict[str, str]
    #: The respondents' notes per question, as the visibility shows them.
    notes: list[QuestionNoteGroup]
    #: How the notes are shown (names, roles, neither), and, while some still answer, that
    #: their notes are not in it yet; empty: no notes, none still answering (nothing shown).
    notes_about: list[str]
    #: The round's own section shown (``--round``); False: only the round's "don't know"
    #: questions and notes, in a report on its point (``--org``, ``--scan`` of a consensus).
    whole: bool = True


def _role_chart(report: RoundReport, question_set: QuestionSet, lang: Lang) -> Chart | None:
    spreads = report.statistics.principles
    roles = role_order({r for s in spreads for r in s.by_role}, question_set)
    if not roles:
        return None
    names = [question_set.role_name(r, lang) or "?" for r in roles]
    labels, values = [], []
    for spread in spreads:
        principle = question_set.principle(spread.principle)
        labels.append(principle.title.get(lang) if principle else spread.principle)
        values.append([spread.by_role.get(r) for r in roles])
    desc = ". ".join(  # "; " between roles: a decimal comma never runs into a list comma
        f"{label}: "
        + "; ".join(f"{n} {decimal(v, lang)}" for n, v in zip(names, row, strict=True) if v)
        for label, row in zip(labels, values, strict=True)
    )
    svg = svg_charts.role_bars(
        "roles",
        labels,
        names,
        values,
        [d.name.get(lang) for d in question_set.levels],
        (tr("board.chart.roles", lang), desc),
        lambda v: decimal(v, lang),
    )
    rows = [
        [label, *("—" if v is None else decimal(v, lang) for v in row)]
        for label, row in zip(labels, values, strict=True)
    ]
    head = [tr("board.principle", lang), *names]
    return Chart(svg, Table(tr("board.chart_data", lang), head, rows))


def _people(report: RoundReport, question_set: QuestionSet, lang: Lang) -> list[str]:
    done = [r for r in report.respondents if r.status == "completed"]
    lines = [tr("board.round.people", lang, count=len(done)), tr("board.round.partial", lang)]
    if report.round.visibility == "named":
        lines += [
            ", ".join(x for x in (r.name, question_set.role_name(r.role, lang)) if x) or "—"
            for r in done
        ]
    elif report.round.visibility == "by-role":
        per_role = Counter(r.role or "" for r in done)
        lines += [
            f"{question_set.role_name(r, lang) or '?'}: {per_role[r]}"
            for r in role_order(per_role, question_set)
        ]
    return lines


def _divided(report: RoundReport, question_set: QuestionSet, lang: Lang) -> list[Divided]:
    decided = report.consensus_scan
    found = []
    for spread in attention_order(report.statistics.questions):
        if spread.flag != "divided":
            continue
        question = question_set.question(spread.question)
        parts = [spread_text(spread.counts, lang)]
        if spread.lower_median is not None:
            parts.append(tr("board.round.median", lang, level=spread.lower_median))
        if decided is not None:
            answer = answer_label(decided.answer(spread.question), lang)
            parts.append(tr("board.round.decision", lang, answer=answer))
        roles = "; ".join(  # not ", ": the scores have a decimal comma
            f"{question_set.role_name(r, lang) or '?'} {decimal(spread.by_role[r], lang)}"
            for r in role_order(spread.by_role, question_set)
        )
        text = question.text.get(lang) if question is not None else spread.question
        found.append(Divided(text, " · ".join(parts), roles))
    return found


def spread_text(counts: dict[str, int], lang: Lang) -> str:
    """How many gave each answer: ``2 × niveau 2, 1 × niveau 4, 1 × weet niet``."""
    return ", ".join(
        tr(_COUNT_KEYS.get(k, "board.round.count"), lang, count=counts[k], level=k)
        for k in COUNT_KEYS
        if counts.get(k)
    )


def answer_label(answer: AnswerValue, lang: Lang) -> str:
    """An answer in words, as the team's decision: ``niveau 3``, ``weet niet``."""
    if isinstance(answer, int):
        return tr("board.round.answer.level", lang, level=answer)
    if answer == "na":
        return tr("board.round.answer.na", lang)
    return tr(
        "board.round.answer.unknown" if answer == "unknown" else "board.round.answer.none", lang
    )


def _unknown(report: RoundReport, question_set: QuestionSet, lang: Lang) -> list[Unknown]:
    """The questions someone answered "don't know" (knowledge gaps first), with how many."""
    found = []
    spreads = attention_order(report.statistics.questions)
    for spread in sorted(spreads, key=lambda q: q.flag != "knowledge_gap"):
        said = spread.counts.get("unknown", 0)
        if not said:
            continue
        question = question_set.question(spread.question)
        parts = [tr("board.round.unknown_count", lang, count=said, total=report.completed)]
        if spread.flag == "knowledge_gap":
            parts.append(tr("round.flag.knowledge_gap", lang))
        text = question.text.get(lang) if question is not None else spread.question
        found.append(Unknown(text, " · ".join(parts)))
    return found


def _value(key: str) -> AnswerValue:
    """A count's key ("1".."5", "na", "unknown", "none") as the answer it counts."""
    if key.isdigit():
        return int(key)
    if key == "na":
        return "na"
    return "unknown" if key == "unknown" else None


def _reasons(report: RoundReport, question_set: QuestionSet, lang: Lang) -> list[Reason]:
    scan = report.consensus_scan
    if scan is None or scan.round is None:
        return []
    reasons = []
    for question_id, source in scan.round.sources.items():
        if source.source != "override":
            continue
        question = question_set.question(question_id)
        reasons.append(
            Reason(
                question=question.text.get(lang) if question is not None else question_id,
                answer=answer_label(scan.answer(question_id), lang),
                reason=source.reason,
            )
        )
    return reasons


def _notes(
    report: RoundReport, notes: list[QuestionNotes], question_set: QuestionSet, lang: Lang
) -> tuple[list[QuestionNoteGroup], list[str]]:
    """The respondents' notes (:func:`~maturity_scan.core.round_notes.respondent_notes`) in
    words, and the lines about them."""
    groups = []
    for found in notes:
        question = question_set.question(found.question)
        text = question.text.get(lang) if question is not None else found.question
        shown = [
            Note(
                ", ".join(
                    x for x in (n.name, question_set.role_name(n.role, lang) if n.role else "") if x
                ),
                n.note,
            )
            for n in found.notes
        ]
        groups.append(QuestionNoteGroup(text, shown))
    about = [tr(_NOTES_SHOWN[report.round.visibility], lang)] if groups else []
    if answering := len(report.respondents) - report.completed:
        about.append(tr("board.round.notes.answering", lang, count=answering))
    return groups, about


def _titles(lang: Lang) -> dict[str, str]:
    return {
        "divided": tr("board.round.divided", lang),
        "reasons": tr("board.round.reasons", lang),
        "unknown": tr("board.round.unknown", lang),
        "notes": tr("board.round.notes", lang),
    }


def point_round_block(
    report: RoundReport, notes: list[QuestionNotes], question_set: QuestionSet, lang: Lang
) -> RoundBlock:
    """The round's part of a report on its point made by ``--org`` or ``--scan``: the
    questions the respondents did not know and their notes, as ``--round`` shows them."""
    groups, about = _notes(report, notes, question_set, lang)
    return RoundBlock(
        result="",
        people=[],
        roles=None,
        gaps=[],
        divided=[],
        unknown=_unknown(report, question_set, lang),
        reasons=[],
        no_reasons=None,
        titles=_titles(lang),
        notes=groups,
        notes_about=about,
        whole=False,
    )


def round_facts(report: RoundReport, lang: Lang) -> list[tuple[str, str]]:
    """The header facts of a report on a round's point: the round, when it opened, what its
    visibility shows, how many answered (as ``round show`` counts them) and whether the
    result is the consensus or provisional (and whether answers changed after it)."""
    made_round = report.round
    answering = len(report.respondents) - report.completed
    people = tr("board.round.answered", lang, count=report.completed)
    if answering:
        people += ", " + tr("board.round.answering", lang, count=answering)
    if report.consensus is None:
        result = tr("board.round.result.provisional", lang)
    else:
        result = tr("board.round.result.consensus", lang)
        if report.consensus_outdated:
            result += "; " + tr("board.round.result.outdated", lang)
    return [
        (tr("board.round", lang), made_round.title),
        (tr("board.round.opened", lang), long_date(made_round.opened, lang)),
        (tr("board.round.visibility", lang), tr(_VISIBILITY[made_round.visibility], lang)),
        (tr("board.round.respondents", lang), people),
        (tr("board.round.result", lang), result),
    ]


def round_board_report(
    report: RoundReport,
    base: BoardReport,
    notes: list[QuestionNotes],
    question_set: QuestionSet,
    lang: Lang,
) -> BoardReport:
    """``base`` (the report on the round's result, as an organisation's point) with the
    round's own part; ``notes``: the respondents' notes
    (:func:`~maturity_scan.core.round_notes.respondent_notes`)."""
    gaps = []
    for spread in report.statistics.principles:
        gap = shown_gap(spread)  # the difference of the role scores in the table
        if gap is None:
            continue
        principle = question_set.principle(spread.principle)
        title = principle.title.get(lang) if principle else spread.principle
        written = f"{gap:.1f}".replace(".", tr("fmt.decimal", lang))
        gaps.append(tr("board.round.gap", lang, principle=title, gap=written))
    reasons = _reasons(report, question_set, lang)
    said = tr(
        "board.round.consensus" if report.consensus is not None else "board.round.provisional",
        lang,
    )
    if report.consensus_outdated:  # answers changed after the team agreed: said, not hidden
        said += " " + tr("round.consensus_outdated", lang)
    groups, about = _notes(report, notes, question_set, lang)
    block = RoundBlock(
        result=said,
        people=_people(report, question_set, lang),
        roles=_role_chart(report, question_set, lang),
        gaps=gaps,
        divided=_divided(report, question_set, lang),
        unknown=_unknown(report, question_set, lang),
        reasons=reasons,
        no_reasons=(
            tr("board.round.no_reasons", lang)
            if report.consensus is not None and not reasons
            else None
        ),
        titles=_titles(lang),
        notes=groups,
        notes_about=about,
    )
    return replace(base, round=block)
