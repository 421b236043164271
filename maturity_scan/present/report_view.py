"""A scan's report (:mod:`maturity_scan.core.report`) as every front end shows it: the
sections and their texts in the reader's language, decided once. ``scan show`` prints them
as plain text (:mod:`maturity_scan.cli.text`), the app's results dress them in
Rich styles; neither decides what a section says.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal, NamedTuple

from maturity_scan.i18n import tr
from maturity_scan.present.textreport import fmt_change, fmt_score, local_date, shown
from maturity_scan.visible import visible

if TYPE_CHECKING:  # the report's types only: ``scan list`` imports this module for tables
    from maturity_scan.core.advice import NextStep
    from maturity_scan.core.models import Lang, Text
    from maturity_scan.core.report import Change, PrincipleReport, ScanReport

#: What a line of a principle's block is: its head; a remark on the target, the level or
#: what holds it back; the heading of a list; an entry of a list.
LineKind = Literal["head", "reached", "remark", "heading", "entry"]


class Line(NamedTuple):
    kind: LineKind
    text: str
    #: Entries: "[2]" (holds back, at level 2), "?" (don't know), "✎" (note), "↺" (carried
    #: over, not judged again), "•" (step).
    marker: str = ""
    #: Entries: the answer given, under the question.
    detail: str = ""
    #: Entries: the note with the answer, whole (control characters shown as escapes).
    note: str = ""


def level_text(level: int | None, name: Text | None, lang: Lang) -> str:
    """ "3 Drie", or "too little answered" without a level."""
    if level is None or name is None:
        return tr("level.none", lang)
    return f"{level} {name.get(lang)}"


def answer_text(level: object, anchor: Text | None, lang: Lang) -> str:
    """An answer as a person reads it: "2 — what level 2 means", "don't know", ..."""
    if isinstance(level, int) and anchor is not None:
        return f"{level} — {anchor.get(lang)}"
    key = {"na": "answer.na", "unknown": "answer.unknown"}.get(str(level), "answer.none")
    return tr(key, lang)


def target_cell(principle: PrincipleReport) -> str:
    """The target level and the gap to it as shown: "4 (−1.2)", "3 ✓" once reached, "—"."""
    goal = principle.target
    if goal is None:
        return "—"
    if goal.reached:
        return f"{goal.level} ✓"
    if principle.score is None:
        return str(goal.level)
    return f"{goal.level} (−{goal.level - shown(principle.score):.1f})"


def change_cell(change: Change | None, score: float | None) -> str:
    """The change since the previous scan as shown ("▲+0.2"); empty without one."""
    return "" if change is None else fmt_change(change.previous_score, score)


def score_columns(report: ScanReport) -> list[str]:
    """The columns of the score table: the catalogue key after ``ui.col.``/``cli.col.``."""
    columns = ["principle", "score", "level", "coverage"]
    if report.has_targets:
        columns.append("target")
    if report.previous is not None:
        columns.append("change")
    return columns


def score_rows(report: ScanReport, lang: Lang) -> list[list[str]]:
    """Per principle the cells of :func:`score_columns`."""
    rows = []
    for p in report.scores.principles:
        row = [
            p.title.get(lang),
            fmt_score(p.score),
            level_text(p.level, p.level_name, lang),
            f"{p.answered}/{p.applicable}",
        ]
        if report.has_targets:
            row.append(target_cell(p))
        if report.previous is not None:
            row.append(change_cell(p.change, p.score))
        rows.append(row)
    return rows


def overall_row(report: ScanReport, lang: Lang) -> list[str]:
    """The overall row under :func:`score_rows` (the command line's table has one)."""
    overall = report.scores.overall
    row = [
        tr("cli.overall", lang),
        fmt_score(overall.score),
        level_text(overall.level, overall.level_name, lang),
        "",
    ]
    if report.has_targets:
        row.append("")
    if report.previous is not None:
        row.append(change_cell(overall.change, overall.score))
    return row


def previous_text(report: ScanReport, lang: Lang) -> str:
    """Which scan the changes are against; empty without one."""
    if report.previous is None:
        return ""
    overall = report.scores.overall
    previous = report.previous
    key = "report.previous"
    if previous.provisional:  # not a stored scan: the round is named
        key = "report.previous_provisional"
    elif previous.round is not None:
        key = "report.previous_consensus"
    return tr(
        key,
        lang,
        id=(previous.round or previous.id)[:8],
        date=local_date(previous.date),
        change=change_cell(overall.change, overall.score) or "—",
    )


def coverage_percent(min_coverage: float) -> int:
    """The share of a principle's questions that must be answered before it has a level, as
    a whole percentage (rounded up, so "at least" stays true: 2/3 is 67 %)."""
    return math.ceil(round(min_coverage * 100, 6))


def principle_lines(
    principle: PrincipleReport, lang: Lang, limit: int | None = None, min_coverage: float = 0.5
) -> list[Line]:
    """A principle's block: its head, where it stands, what holds it back, the "don't know"
    answers, the other notes and the next steps, in that order. ``limit``: show at most that
    many steps per answer, and say how many more the full report has (the app shows three;
    ``scan show`` all). ``min_coverage``: the set's rule, named when there is no level."""
    p = principle
    head = f"{p.title.get(lang)} — {level_text(p.level, p.level_name, lang)}"
    if p.aim is not None:
        head += f" → {level_text(p.aim, p.aim_name, lang)}"
    if p.target is not None:
        by = f", {p.target.by.isoformat()}" if p.target.by else ""
        head += f" ({tr('ui.r.target', lang, level=p.target.level)}{by})"
    lines = [Line("head", head)]
    if p.target is not None and p.target.reached:
        lines.append(Line("reached", tr("ui.r.target_reached", lang, level=p.target.level)))
    if p.level is None:
        percent = coverage_percent(min_coverage)
        lines.append(Line("remark", tr("ui.r.no_level", lang, percent=percent)))
    elif p.aim is None:
        lines.append(Line("remark", tr("ui.r.top", lang)))
    elif p.holding_back:
        lines.append(Line("remark", tr("ui.r.holding", lang, level=p.level, target=p.aim)))
        lines += [
            Line(
                "entry",
                a.text.get(lang),
                marker=f"[{a.level}]",
                detail=tr("ui.r.your_answer", lang, answer=answer_text(a.level, a.anchor, lang)),
                note=visible(a.note),
            )
            for a in p.holding_back
        ]
    else:
        lines.append(Line("remark", tr("ui.r.holding_none", lang, target=p.aim)))
    for key, marker, answers in (("ui.r.unknown", "?", p.dont_know), ("ui.r.notes", "✎", p.notes)):
        if answers:
            lines.append(Line("heading", tr(key, lang)))
            lines += [
                Line("entry", a.text.get(lang), marker, note=visible(a.note)) for a in answers
            ]
    if p.carried:  # an old answer is never mistaken for a new judgement
        lines.append(Line("heading", tr("ui.r.carried", lang)))
        lines += [
            Line(
                "entry",
                a.text.get(lang),
                "↺",
                detail=tr("ui.r.your_answer", lang, answer=answer_text(a.level, a.anchor, lang)),
            )
            for a in p.carried
        ]
    return lines + step_lines(p, lang, limit)


def step_lines(principle: PrincipleReport, lang: Lang, limit: int | None = None) -> list[Line]:
    """The next steps: per answer, "2→3" with the question (and source) under it, "?" for
    a "don't know"; then the set's advice for the level, as context. From a set without
    steps per answer, its advice for the level as the next steps, as it always was."""
    steps, advice = principle.next_steps, principle.level_advice
    lines = []
    if steps and all(s.kind == "level" for s in steps):
        lines.append(Line("heading", tr("ui.r.next_steps", lang)))
        return lines + [Line("entry", step.text.get(lang), "•") for step in steps]
    if steps:
        lines.append(Line("heading", tr("ui.r.next_steps", lang)))
        shown_steps = steps if limit is None else steps[:limit]
        lines += [_step_line(step, lang) for step in shown_steps]
        if len(steps) > len(shown_steps):
            more = len(steps) - len(shown_steps)
            lines.append(Line("remark", tr("ui.r.more_steps", lang, count=more)))
    if advice:
        lines.append(Line("heading", tr("ui.r.level_advice", lang, level=principle.level)))
        lines += [Line("entry", text.get(lang), "•") for text in advice]
    return lines


def _step_line(step: NextStep, lang: Lang) -> Line:
    marker = "?" if step.from_level is None else f"{step.from_level}→{step.to_level}"
    detail = ""
    if step.question_text is not None and step.kind == "answer":  # "find out" names it
        detail = tr("ui.r.step_question", lang, question=step.question_text.get(lang))
    if step.source:
        source = tr("ui.r.step_source", lang, source=visible(step.source, single_line=True))
        detail = f"{detail} · {source}" if detail else source
    return Line("entry", step.text.get(lang), marker, detail=detail)
