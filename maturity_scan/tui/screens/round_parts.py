"""What the round screen and the consensus session show of a round's report
(:func:`maturity_scan.core.round_report.build_round_report`), as Rich renderables: who
answered (as the round's visibility allows), the roles side by side per principle, each
question's distribution, and a scan report's scores. Nothing is computed here that the
report does not hold; this only lays it out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from maturity_scan.core.models import NA, UNKNOWN, AnswerValue, Lang, QuestionSet
from maturity_scan.core.report import ScanReport
from maturity_scan.core.round_report import RoundReport
from maturity_scan.core.rounds import QuestionSpread
from maturity_scan.i18n import tr
from maturity_scan.present.report_view import coverage_percent, score_columns, score_rows
from maturity_scan.present.round_text import gap_label, role_order
from maturity_scan.present.textreport import fmt_score, local_date
from maturity_scan.tui.widgets.distribution import cell_width, distribution_strip
from maturity_scan.tui.widgets.role_chart import RoleBars, colours_for, role_bars
from maturity_scan.visible import visible

#: How each flag is marked: the style of its label, and its text.
FLAG_STYLE = {"divided": "bold yellow", "knowledge_gap": "bold magenta", "agreed": "green"}
#: (the words of ``round show``)
FLAG_TEXT = {
    "divided": "round.flag.divided",
    "knowledge_gap": "round.flag.knowledge_gap",
    "agreed": "round.flag.agreed",
}
#: What each visibility is called.
VISIBILITY_TEXT = {
    "by-role": "ui.round.visibility.by_role",
    "named": "ui.round.visibility.named",
    "anonymous": "ui.round.visibility.anonymous",
}


def role_name(question_set: QuestionSet, role: str | None, lang: Lang) -> str:
    """A role id as the UI names it (the set's name in ``lang``; "no role" for none)."""
    if not role:
        return tr("ui.round.no_role", lang)
    return visible(question_set.role_name(role, lang), single_line=True)


def people_text(report: RoundReport, question_set: QuestionSet, lang: Lang) -> str:
    """Who answered and who is answering, as the visibility allows: names with roles
    (``named``), the number per role (``by-role``), or the numbers only (``anonymous``)."""
    done = [r for r in report.respondents if r.status == "completed"]
    answering = len(report.respondents) - len(done)
    counts = tr("ui.round.people", lang, done=len(done), answering=answering)
    visibility = report.round.visibility
    if not done or visibility == "anonymous":
        return counts
    if visibility == "named":
        people = [
            f"{visible(r.name or '–', single_line=True)} ({role_name(question_set, r.role, lang)})"
            for r in done
        ]
        return f"{counts}: {', '.join(people)}"
    per_role = Counter(r.role or "" for r in done)
    roles = role_order(per_role, question_set)
    shown = ", ".join(f"{role_name(question_set, r, lang)} {per_role[r]}" for r in roles)
    return f"{counts}: {shown}"


def role_colours(report: RoundReport, question_set: QuestionSet, lang: Lang) -> dict[str, str]:
    """A colour per role name, the roles in the set's order (as ``round show`` lists them)."""
    roles = role_order(report.roles(), question_set)
    return colours_for([role_name(question_set, r, lang) for r in roles])


def roles_chart(report: RoundReport, question_set: QuestionSet, lang: Lang) -> RenderableType:
    """Per principle, its roles' scores as bars side by side (in the set's order of roles)
    and the perception gap as ``round show`` words it."""
    principles = []
    for spread in report.statistics.principles:
        principle = question_set.principle(spread.principle)
        title = principle.title.get(lang) if principle is not None else spread.principle
        roles = role_order(spread.by_role, question_set)
        scores = [(role_name(question_set, r, lang), spread.by_role[r]) for r in roles]
        principles.append(RoleBars(title, scores, gap_label(spread, lang) if scores else ""))
    if not any(p.scores for p in principles):
        return RichText(tr("ui.round.no_scores", lang), style="italic")
    return role_bars(principles, role_colours(report, question_set, lang))


def flag_label(flag: str | None, lang: Lang) -> RichText:
    if flag is None:
        return RichText("–", style="dim")
    return RichText(tr(FLAG_TEXT[flag], lang), style=FLAG_STYLE[flag])


def spread_lines(
    spread: QuestionSpread, question_set: QuestionSet, lang: Lang, width: int
) -> list[RichText]:
    """A question's distribution strip with its lower median and range; then the mean per
    role (what each role said of it)."""
    question = question_set.question(spread.question)
    strip = distribution_strip(
        spread.counts,
        spread.lower_median,
        width=width,
        unknown_label=tr("ui.round.unknown", lang),
        na_label=tr("ui.round.na", lang),
        none_label=tr("ui.round.open_answer", lang),
        show_na=question is not None and question.allow_na,
    )
    lines = [RichText("   ").append_text(strip)]
    if spread.lower_median is not None:
        median = tr(
            "ui.round.median",
            lang,
            median=spread.lower_median,
            low=spread.min,
            high=spread.max,
        )
        lines[0].append("   " + median, style="bold")
    if spread.by_role:
        roles = " · ".join(
            f"{role_name(question_set, r, lang)} {spread.by_role[r]:.1f}"
            for r in role_order(spread.by_role, question_set)
        )
        lines.append(RichText("   " + roles, style="dim", no_wrap=True, overflow="ellipsis"))
    return lines


def questions_view(
    questions: Sequence[QuestionSpread], question_set: QuestionSet, lang: Lang
) -> RenderableType:
    """Every question in the order given (:func:`attention_order`): its flag and text, then
    its distribution (:func:`spread_lines`)."""
    width = cell_width(largest=max((max(q.counts.values()) for q in questions), default=0))
    parts: list[RenderableType] = []
    for spread in questions:
        question = question_set.question(spread.question)
        text = question.text.get(lang) if question is not None else spread.question
        head = flag_label(spread.flag, lang)
        head.append("  ")
        head.append(text, style="bold" if spread.flag == "divided" else "")
        parts.append(head)
        parts.extend(spread_lines(spread, question_set, lang, width))
    return Group(*parts)


#: How the score table's columns are laid out, by :func:`score_columns` name.
_COLUMN_STYLE = {
    "principle": {"ratio": 3},
    "score": {"justify": "right", "no_wrap": True},
    "level": {"ratio": 2},
    "coverage": {"justify": "right", "no_wrap": True},
}


def scores_view(report: ScanReport, lang: Lang) -> RenderableType:
    """A scan report's overall level and its score per principle."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    for column in score_columns(report):
        style = _COLUMN_STYLE.get(column, {"no_wrap": True})
        table.add_column(tr(f"ui.col.{column}", lang), **style)  # type: ignore[arg-type]
    for cells in score_rows(report, lang):
        table.add_row(*map(RichText, cells))
    overall = report.scores.overall
    if overall.level is None or overall.level_name is None:
        percent = coverage_percent(report.scores.rules.min_coverage)
        head = RichText(tr("ui.r.overall_none", lang, percent=percent), style="bold")
    else:
        label = f"{overall.level} {overall.level_name.get(lang)} ({fmt_score(overall.score)})"
        head = RichText(tr("ui.r.overall", lang, level=label), style="bold")
    return Group(head, table)


def answer_text(value: AnswerValue, lang: Lang) -> str:
    """An answer as the session and the round screen name it: the level, n.v.t., don't
    know, or no answer."""
    if value is None:
        return tr("ui.consensus.none", lang)
    if value == NA:
        return tr("ui.q.opt.na", lang)
    if value == UNKNOWN:
        return tr("ui.q.opt.unknown", lang)
    return str(value)


def overrides_view(report: RoundReport, question_set: QuestionSet, lang: Lang) -> RichText:
    """Where the consensus differs from the respondents' median, each with the team's
    reason (the answers' sources of the consensus scan); empty without a consensus."""
    scan = report.consensus_scan
    if scan is None or scan.round is None:
        return RichText()
    changed = [(q, s) for q, s in scan.round.sources.items() if s.source == "override"]
    if not changed:
        return RichText(tr("ui.round.no_overrides", lang), style="italic")
    provisional = report.statistics.provisional_answers
    out = RichText(tr("ui.round.overrides", lang), style="bold")
    for question_id, source in changed:
        question = question_set.question(question_id)
        text = question.text.get(lang) if question is not None else question_id
        change = tr(
            "ui.consensus.override",
            lang,
            median=answer_text(provisional.get(question_id), lang),
            answer=answer_text(scan.answer(question_id), lang),
        )
        out.append("\n• ")
        out.append(text)
        out.append(f"\n  {change} — ", style="bold")
        out.append(source.reason, style="italic")
    return out


def result_heading(report: RoundReport, lang: Lang) -> str:
    """What the result under the questions is: the consensus (of its date) or the
    provisional result."""
    if report.consensus is not None:
        heading = tr("ui.round.consensus_result", lang, date=local_date(report.consensus.date))
        if report.consensus_outdated:
            heading += "\n" + tr("round.consensus_outdated", lang)
        return heading
    return tr("ui.round.provisional_result", lang)
