"""The team-round part of the board report (``maturity-scan report --round``): who answered
(as the round's visibility allows), each role's score per principle side by side, the
questions where the respondents are divided, and the consensus with the reasons for each
answer that differs from the median. Rendered from
:func:`~maturity_scan.core.round_report.build_round_report`; the result itself (consensus,
else provisional) is the scan part of the report (:mod:`~maturity_scan.present.board_report`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from maturity_scan.core.models import AnswerValue, Lang, QuestionSet
from maturity_scan.core.round_report import RoundReport, attention_order
from maturity_scan.core.rounds import COUNT_KEYS
from maturity_scan.i18n import tr
from maturity_scan.present import svg_charts
from maturity_scan.present.board_report import (
    BoardReport,
    Chart,
    Table,
    board_report,
    decimal,
    long_date,
)
from maturity_scan.present.round_text import answer_short, role_order

_VISIBILITY = {
    "named": "round.visibility.named",
    "by-role": "round.visibility.by_role",
    "anonymous": "round.visibility.anonymous",
}


@dataclass(frozen=True)
class Divided:
    question: str
    spread: str
    roles: str


@dataclass(frozen=True)
class Reason:
    question: str
    answer: str
    reason: str


@dataclass(frozen=True)
class RoundBlock:
    #: The result shown: "consensus" or "provisional", as a sentence.
    result: str
    people: list[str]
    roles: Chart | None
    gaps: list[str]
    divided: list[Divided]
    reasons: list[Reason]
    no_reasons: str | None
    #: The headings of the divided questions and the consensus reasons.
    titles: dict[str, str]


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
    desc = "; ".join(
        f"{label}: "
        + ", ".join(f"{n} {decimal(v, lang)}" for n, v in zip(names, row, strict=True) if v)
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
    lines = [tr("board.round.people", lang, count=len(done))]
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
    found = []
    for spread in attention_order(report.statistics.questions):
        if spread.flag != "divided":
            continue
        question = question_set.question(spread.question)
        counts = ", ".join(
            f"{answer_short(_value(k), lang)}: {spread.counts[k]}"
            for k in COUNT_KEYS
            if spread.counts.get(k)
        )
        roles = ", ".join(
            f"{question_set.role_name(r, lang) or '?'} {decimal(spread.by_role[r], lang)}"
            for r in role_order(spread.by_role, question_set)
        )
        text = question.text.get(lang) if question is not None else spread.question
        found.append(Divided(text, counts, roles))
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
                answer=answer_short(scan.answer(question_id), lang),
                reason=source.reason,
            )
        )
    return reasons


def round_board_report(
    report: RoundReport, question_set: QuestionSet, lang: Lang, *, made: date
) -> BoardReport:
    """The board report of a round: its result (the consensus, else the provisional result)
    as a scan's report, with the round's own part."""
    made_round = report.round
    result = report.consensus if report.consensus is not None else report.provisional
    visibility = tr(_VISIBILITY[made_round.visibility], lang)
    who = [
        (tr("board.round", lang), made_round.title),
        (tr("board.round.opened", lang), long_date(made_round.opened, lang)),
        (tr("board.round.visibility", lang), visibility),
        (tr("board.round.respondents", lang), str(report.completed)),
    ]
    base = board_report(result, question_set, lang, made=made, who=who)
    gaps = []
    for spread in report.statistics.principles:
        if spread.perception_gap is None:
            continue
        principle = question_set.principle(spread.principle)
        title = principle.title.get(lang) if principle else spread.principle
        gaps.append(
            tr("board.round.gap", lang, principle=title, gap=decimal(spread.perception_gap, lang))
        )
    reasons = _reasons(report, question_set, lang)
    said = tr(
        "board.round.consensus" if report.consensus is not None else "board.round.provisional",
        lang,
    )
    if report.consensus_outdated:  # answers changed after the team agreed: said, not hidden
        said += " " + tr("round.consensus_outdated", lang)
    block = RoundBlock(
        result=said,
        people=_people(report, question_set, lang),
        roles=_role_chart(report, question_set, lang),
        gaps=gaps,
        divided=_divided(report, question_set, lang),
        reasons=reasons,
        no_reasons=(
            tr("board.round.no_reasons", lang)
            if report.consensus is not None and not reasons
            else None
        ),
        titles={
            "divided": tr("board.round.divided", lang),
            "reasons": tr("board.round.reasons", lang),
        },
    )
    return replace(base, round=block)
