"""The board report's content (``maturity-scan report``): what the HTML template shows,
built from the report model (:func:`~maturity_scan.core.report.build_report`), the
organisation's history (:mod:`~maturity_scan.core.history`) and, for a team round, the
round report (:mod:`~maturity_scan.present.board_round`). Nothing is computed here that the
core does not give: scores are shown as every screen shows them (one decimal, rounded down)
and written as the language writes numbers and dates.

Every text is a message key (``report.*``) or the question set's own text; user text (names,
notes, reasons) stays plain text here and is escaped by the template (autoescaping).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from maturity_scan.core.history import HistoryPoint
from maturity_scan.core.models import Lang, QuestionSet
from maturity_scan.core.report import PrincipleReport, ScanReport
from maturity_scan.i18n import tr
from maturity_scan.present import svg_charts
from maturity_scan.present.board_format import day_date, decimal, long_date, short_date, signed
from maturity_scan.present.board_principles import (
    AnswerLine,
    PrincipleBlock,
    Step,
    principle_block,
)
from maturity_scan.present.board_principles import level_text as _level
from maturity_scan.present.board_principles import score_text as _score
from maturity_scan.present.report_view import coverage_percent
from maturity_scan.present.textreport import shown, shown_delta

if TYPE_CHECKING:
    from maturity_scan.present.board_round import RoundBlock

__all__ = [
    "AnswerLine",
    "BoardReport",
    "Chart",
    "PrincipleBlock",
    "Step",
    "Table",
    "board_report",
    "decimal",
    "long_date",
    "short_date",
    "signed",
]

#: The texts the template shows as they are (no parameters), by the part after ``report.``.
TEXT_KEYS = (
    "board.facts",
    "board.organisation",
    "board.date",
    "board.respondent",
    "board.question_set",
    "board.made",
    "board.section.scope",
    "board.section.levels",
    "board.section.profile",
    "board.section.change",
    "board.section.history",
    "board.section.holding_back",
    "board.section.steps",
    "board.section.dont_know",
    "board.section.method",
    "board.section.round",
    "board.definitions",
    "board.level",
    "board.meaning",
    "board.principle",
    "board.score",
    "board.target",
    "board.change",
    "board.previous",
    "board.now",
    "board.overall",
    "board.note",
    "board.other_notes",
    "board.no_steps",
    "board.no_dont_know",
    "board.chart_data",
)


@dataclass(frozen=True)
class Table:
    caption: str
    head: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Chart:
    #: The chart, every text in it escaped (:mod:`~maturity_scan.present.svg_charts`).
    svg: svg_charts.Svg
    table: Table


@dataclass(frozen=True)
class Subject:
    """What a report is about, for its file's default name: ``kind`` ``scan``,
    ``consensus``, ``response``, ``organisation`` or ``round``, and ``day`` (ISO) the day it
    is of: the scan's, the round's, or for an organisation the day the report is made."""

    kind: str
    day: str
    #: A word more for the name where one day has several (a respondent's scan: its id).
    tag: str = ""


@dataclass(frozen=True)
class BoardReport:
    lang: Lang
    subject: Subject
    #: The plain texts (``TEXT_KEYS`` without ``report.``).
    t: dict[str, str]
    organisation: str
    title: str
    facts: list[tuple[str, str]]
    scope: str
    definitions: list[tuple[str, str]]
    levels: list[tuple[str, str, str]]
    overall: str
    profile: Chart
    change_note: str | None
    change: Table | None
    history: Chart | None
    principles: list[PrincipleBlock]
    method: list[str]
    #: A team round's own part (who answered, the roles side by side, where they disagree,
    #: the consensus reasons): :mod:`~maturity_scan.present.board_round`.
    round: RoundBlock | None = None


def texts(lang: Lang) -> dict[str, str]:
    return {key.removeprefix("board."): tr(key, lang) for key in TEXT_KEYS}


def _target(p: PrincipleReport, lang: Lang) -> str:
    if p.target is None:
        return ""
    by = f" ({long_date(p.target.by, lang)})" if p.target.by is not None else ""
    return f"{p.target.level}{by}"


def profile_chart(report: ScanReport, question_set: QuestionSet, lang: Lang) -> Chart:
    principles = report.scores.principles
    labels = [p.title.get(lang) for p in principles]
    number = lambda v: decimal(v, lang)  # noqa: E731
    scores = [p.score for p in principles]
    no_level = [p.level is None for p in principles]
    targets = [p.target.level if p.target is not None else None for p in principles]
    unlevelled = tr("board.chart.no_level", lang)
    described = "; ".join(
        f"{p.title.get(lang)} {_score(p.score, lang)}"
        + (f" ({unlevelled})" if p.level is None and p.score is not None else "")
        for p in principles
    )
    svg = svg_charts.principle_bars(
        "profile",
        labels,
        scores,
        targets,
        [d.name.get(lang) for d in report.levels],
        (tr("board.chart.profile", lang), described, tr("board.target", lang)),
        number,
        no_level=no_level,
        no_level_word=unlevelled,
    )
    overall = report.scores.overall
    rows = [
        [
            p.title.get(lang),
            _score(p.score, lang),
            _level(question_set, p.level, lang),
            _target(p, lang),
        ]
        for p in principles
    ]
    rows.append(
        [
            tr("board.overall", lang),
            _score(overall.score, lang),
            _level(question_set, overall.level, lang),
            "",
        ]
    )
    head = [tr(k, lang) for k in ("board.principle", "board.score", "board.level")]
    head.append(tr("board.target", lang))
    return Chart(svg, Table(tr("board.chart_data", lang), head, rows))


def change_table(report: ScanReport, lang: Lang) -> Table | None:
    if report.previous is None:
        return None
    rows = []
    for p in report.scores.principles:
        before = p.change.previous_score if p.change is not None else None
        rows.append(
            [
                p.title.get(lang),
                _score(before, lang),
                _score(p.score, lang),
                signed(shown_delta(before, p.score), lang),
            ]
        )
    o = report.scores.overall
    before = o.change.previous_score if o.change is not None else None
    rows.append(
        [
            tr("board.overall", lang),
            _score(before, lang),
            _score(o.score, lang),
            signed(shown_delta(before, o.score), lang),
        ]
    )
    keys = ("board.principle", "board.previous", "board.now", "board.change")
    return Table(tr("board.change_caption", lang), [tr(k, lang) for k in keys], rows)


#: The kinds of point the history chart marks: the key naming each in its legend, and in
#: its table (the app's history "Punt" column).
_MARKED = {
    "provisional": ("board.chart.mark_provisional", "history.kind.provisional"),
    "consensus": ("board.chart.mark_consensus", "history.kind.consensus"),
}


def _point_day(point: HistoryPoint, lang: Lang) -> str:
    """A history row's first cell: the day (short, its spaces unbreakable: one line in a
    narrow column) and, of a round's point, "consensus" or "voorlopig" as the app's history
    says it."""
    day = day_date(point.date, lang).replace(" ", "\u00a0")
    if point.kind in _MARKED:
        return f"{day} ({tr(_MARKED[point.kind][1], lang)})"
    return day


def history_chart(
    points: Sequence[HistoryPoint],
    question_set: QuestionSet,
    lang: Lang,
    targets: Sequence[PrincipleReport] = (),
) -> Chart | None:
    """The organisation's points (two or more) as lines per principle and overall, placed by
    their dates; each principle's target (from ``targets``: the report's principles) as a
    line."""
    points = [p for p in points if p.kind != "response"]
    if len(points) < 2:
        return None
    dates = [long_date(p.date, lang) for p in points]
    series: list[tuple[str, list[float | None]]] = []
    for principle in question_set.principles:
        values = []
        for point in points:
            score = point.scores.principle(principle.id)
            values.append(score.score if score is not None else None)
        series.append((principle.title.get(lang), values))
    series.append((tr("board.overall", lang), [p.scores.overall.score for p in points]))
    shown_series = [(n, [None if v is None else shown(v) for v in vs]) for n, vs in series]
    goals = {p.id: p.target.level for p in targets if p.target is not None}
    levels = [goals.get(p.id) for p in question_set.principles]
    desc = tr("board.chart.history_desc", lang, points=len(points), first=dates[0], last=dates[-1])
    if goals:
        named = "; ".join(
            f"{name} {level}"
            for (name, _), level in zip(series[:-1], levels, strict=True)
            if level is not None
        )
        desc += " " + tr("board.chart.history_targets", lang, targets=named)
    moments = [
        svg_charts.Moment(p.date, short_date(p.date, lang), day_date(p.date, lang), p.kind)
        for p in points
    ]
    svg = svg_charts.history_lines(
        "history",
        moments,
        shown_series,
        (tr("board.chart.history", lang), desc),
        lambda v: decimal(v, lang),
        targets=levels,
        target_word=tr("board.target_short", lang),
        marks={kind: tr(keys[0], lang) for kind, keys in _MARKED.items()},
        left_out=tr("board.chart.left_out", lang),
    )
    head = [tr("board.date", lang), *(name for name, _ in series)]
    rows = [
        [_point_day(point, lang), *(_score(values[i], lang) for _, values in series)]
        for i, point in enumerate(points)
    ]
    return Chart(svg, Table(tr("board.chart_data", lang), head, rows))


def _overall(report: ScanReport, question_set: QuestionSet, lang: Lang) -> str:
    """The overall score and level, or that there is no level yet (too little answered)."""
    overall = report.scores.overall
    if overall.level is not None:
        level = _level(question_set, overall.level, lang)
        return tr("board.overall_summary", lang, score=_score(overall.score, lang), level=level)
    if overall.score is None:
        return tr("board.overall_no_level", lang)
    return tr("board.overall_score_no_level", lang, score=_score(overall.score, lang))


def method_note(report: ScanReport, lang: Lang) -> list[str]:
    rules = report.scores.rules
    coverage = coverage_percent(rules.min_coverage)
    overall = (
        "board.method.overall_lowest"
        if rules.overall == "lowest"
        else ("board.method.overall_mean")
    )
    return [
        tr("board.method.score", lang),
        tr("board.method.level", lang, coverage=coverage),
        tr(overall, lang),
        tr("board.method.shown", lang),
    ]


def board_report(
    report: ScanReport,
    question_set: QuestionSet,
    lang: Lang,
    *,
    subject: Subject,
    made: date,
    history: Sequence[HistoryPoint] = (),
    who: list[tuple[str, str]] | None = None,
    provisional: bool = False,
) -> BoardReport:
    """The content of a board report on ``report`` (a scan, or a round's result): ``made``
    the day the report is made; ``history`` the organisation's points up to this one;
    ``who`` the facts about who answered (default: the scan's respondent; of a round's
    point, the round's facts); ``provisional``: the result is a round's provisional result
    (no consensus yet), said wherever the point is shown."""
    t = texts(lang)
    respondent = ", ".join(x for x in (report.respondent.name, report.respondent.role) if x)
    facts = [
        (t["organisation"], report.organisation),
        (t["date"], long_date(report.date, lang)),
        *(who if who is not None else [(t["respondent"], respondent or "—")]),
        (t["question_set"], f"{question_set.title.get(lang)} {question_set.version}"),
        (t["made"], long_date(made, lang)),
    ]
    overall_text = _overall(report, question_set, lang)
    overall = report.scores.overall
    if overall.level_description is not None:
        overall_text += " " + overall.level_description.get(lang)
    change_note = None
    change = change_table(report, lang)
    if report.previous is not None and change is not None:
        change_note = tr("board.change_against", lang, date=long_date(report.previous.date, lang))
        mark = tr("board.provisional", lang)
        head = list(change.head)
        for column, is_provisional, key in (
            (1, report.previous.provisional, "board.change_previous_provisional"),
            (2, provisional, "board.change_now_provisional"),
        ):
            if is_provisional:  # a provisional point never reads as a plain change
                head[column] = f"{head[column]} ({mark})"
                change_note += " " + tr(key, lang)
        change = Table(change.caption, head, change.rows)
    return BoardReport(
        lang=lang,
        subject=subject,
        t=t,
        organisation=report.organisation,
        title=tr("board.title", lang, org=report.organisation),
        facts=facts,
        scope=question_set.description.get(lang),
        definitions=[(d.term.get(lang), d.text.get(lang)) for d in question_set.definitions],
        levels=[(str(d.level), d.name.get(lang), d.description.get(lang)) for d in report.levels],
        overall=overall_text,
        profile=profile_chart(report, question_set, lang),
        change_note=change_note,
        change=change,
        history=history_chart(history, question_set, lang, report.scores.principles),
        principles=[
            principle_block(p, question_set, lang, report.scores.rules.min_coverage)
            for p in report.scores.principles
        ],
        method=method_note(report, lang),
    )
