"""A round's report (:class:`~maturity_scan.core.round_report.RoundReport`) as plain text, at
most 80 columns, no colour: ``round show``. The small pieces (a question's distribution strip,
the bars of a principle's roles) are pure and front-end neutral, for the app to reuse.

Nothing is computed here but layout: every figure comes from the report. Scores are shown
rounded down (:func:`~maturity_scan.present.textreport.shown`), and a principle's perception
gap from the scores as shown, so the figures add up.
"""

from __future__ import annotations

import math
import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from maturity_scan.core.models import AnswerValue, Lang, QuestionSet
from maturity_scan.core.report import ScanReport
from maturity_scan.core.round_report import RoundReport, attention_order
from maturity_scan.core.rounds import COUNT_KEYS, PrincipleSpread, QuestionSpread
from maturity_scan.i18n import tr
from maturity_scan.present.textreport import fmt_score, level_label, shown, shown_delta

#: The width every line of the text fits in.
WIDTH = 80
#: Cells of one answer's bar in a distribution strip, and of a role's bar at level 5.
STRIP_CELLS = 4
ROLE_CELLS = 10
#: The longest role name beside a bar (longer names are cut with "…").
ROLE_NAME = 22
_EIGHTHS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")
_FLAG_KEYS = {
    "divided": "round.flag.divided",
    "knowledge_gap": "round.flag.knowledge_gap",
    "agreed": "round.flag.agreed",
    None: "round.flag.none",
}
_FLAG_MARKS = {"divided": "!", "knowledge_gap": "?", "agreed": "=", None: " "}


def bar(value: float, per_cell: float, cells: int) -> str:
    """``value`` as a bar of block characters, ``per_cell`` to a full cell, in eighths of a
    cell, padded to ``cells``; any value above zero shows at least an eighth."""
    eighths = min(cells * 8, round(value / per_cell * 8)) if per_cell > 0 else 0
    if value > 0:
        eighths = max(1, eighths)
    full, rest = divmod(eighths, 8)
    return ("█" * full + _EIGHTHS[rest]).ljust(cells)


def per_cell(respondents: int) -> int:
    """How many respondents a full cell of a strip stands for: one, until the strip's
    :data:`STRIP_CELLS` cannot hold everyone."""
    return max(1, math.ceil(respondents / STRIP_CELLS))


def strip_labels(lang: Lang) -> dict[str, str]:
    """The label of each count (:data:`~maturity_scan.core.rounds.COUNT_KEYS`) in a strip."""
    return {
        **{k: k for k in COUNT_KEYS[:5]},
        "na": tr("round.strip.na", lang),
        "unknown": tr("round.strip.unknown", lang),
        "none": tr("round.strip.none", lang),
    }


def distribution_strip(counts: Mapping[str, int], respondents: int, lang: Lang) -> str:
    """How many answered each level, "na", "unknown" and nothing, at a glance:
    ``1▕██   2▕     3▕█    …``; every strip of a round on the same scale."""
    scale = per_cell(respondents)
    labels = strip_labels(lang)
    return " ".join(
        f"{labels[k]}▕{bar(counts.get(k, 0), scale, STRIP_CELLS)}" for k in COUNT_KEYS
    ).rstrip()


def cut(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with "…"."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def role_order(roles: Iterable[str], question_set: QuestionSet) -> list[str]:
    """``roles`` (ids) in the order the set declares them; unknown ones after, by id."""
    order = {r.id: i for i, r in enumerate(question_set.roles)}
    return sorted(roles, key=lambda r: (order.get(r, len(order)), r))


def wrap_items(items: Sequence[str], indent: str) -> list[str]:
    """``items`` joined by " · " in lines of at most :data:`WIDTH`, never breaking an item
    (one longer than a line is cut)."""
    lines: list[str] = []
    line = ""
    for item in items:
        item = cut(item, WIDTH - len(indent))
        if line and len(indent) + len(line) + 3 + len(item) > WIDTH:
            lines.append(indent + line)
            line = ""
        line = f"{line} · {item}" if line else item
    return [*lines, indent + line] if line else lines


def role_bars(by_role: Mapping[str, float], question_set: QuestionSet, lang: Lang) -> list[str]:
    """Each role's score (or mean level) with a bar, the roles side by side in the set's
    order, so "HR says 1, procurement says 4" reads without reading numbers. The bar is
    the score as shown (rounded down), so "3.0" is always six full cells."""
    roles = role_order(by_role, question_set)
    names = {r: cut(question_set.role_name(r, lang) or "?", ROLE_NAME) for r in roles}
    width = max((len(n) for n in names.values()), default=0)
    return [
        f"{names[r].ljust(width)}  {fmt_score(by_role[r]):>3} "
        f"{bar(shown(by_role[r]), 5 / ROLE_CELLS, ROLE_CELLS).rstrip()}"
        for r in roles
    ]


def shown_gap(spread: PrincipleSpread) -> float | None:
    """The perception gap as every front end shows it: from the role scores as shown (rounded
    down), so it is the difference of the figures beside it; None with fewer than two roles."""
    if spread.perception_gap is None:
        return None
    scores = spread.by_role.values()
    return shown_delta(min(scores), max(scores)) or 0.0


def gap_label(spread: PrincipleSpread, lang: Lang) -> str:
    """The perception gap as shown (from the role scores as shown)."""
    gap = shown_gap(spread)
    if gap is None:
        return tr("round.gap.none", lang)
    return tr("round.gap", lang, gap=f"{gap:.1f}")


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    )


def round_head(report: RoundReport, question_set: QuestionSet, lang: Lang) -> list[str]:
    """Title, organisation, date, set version, closing date, visibility, and who answered
    (names only in a ``named`` round; drafts still answering counted)."""
    made = report.round
    facts = [
        tr("round.head.id", lang, id=made.short_id),
        made.opened.isoformat(),
        f"{made.question_set.id} {made.question_set.version}",
    ]
    if made.closes is not None:
        facts.insert(2, tr("round.head.closes", lang, date=made.closes.isoformat()))
    visibility = {
        "named": tr("round.visibility.named", lang),
        "by-role": tr("round.visibility.by_role", lang),
        "anonymous": tr("round.visibility.anonymous", lang),
    }[made.visibility]
    facts.append(tr("round.head.visibility", lang, visibility=visibility))
    answering = len(report.respondents) - report.completed
    lines = [
        cut(f"{made.title} · {made.organisation}", WIDTH),
        *_wrap(" · ".join(facts), ""),
        tr("round.head.people", lang, done=report.completed, answering=answering),
    ]
    done = [r for r in report.respondents if r.status == "completed"]
    if made.visibility == "named":
        people = [
            f"{r.name or tr('round.head.no_name', lang)} ({question_set.role_name(r.role, lang)})"
            if r.role
            else r.name or tr("round.head.no_name", lang)
            for r in done
        ]
        lines += wrap_items(people, "  ")
    elif made.visibility == "by-role":
        per_role = Counter(r.role or "" for r in done)
        lines += wrap_items(
            [
                f"{question_set.role_name(r, lang) or '?'}: {per_role[r]}"
                for r in role_order(per_role, question_set)
            ],
            "  ",
        )
    return lines


def principles_text(report: RoundReport, question_set: QuestionSet, lang: Lang) -> list[str]:
    """Per principle: each role's score side by side, and the perception gap."""
    lines = [tr("round.section.principles", lang)]
    for spread in report.statistics.principles:
        principle = question_set.principle(spread.principle)
        title = principle.title.get(lang) if principle else spread.principle
        lines.append("")
        lines.append(cut(f"{title} · {gap_label(spread, lang)}", WIDTH))
        bars = role_bars(spread.by_role, question_set, lang)
        lines += [f"  {b}" for b in bars] or [f"  {tr('round.no_scores', lang)}"]
    return lines


def question_text(
    spread: QuestionSpread, respondents: int, question_set: QuestionSet, lang: Lang
) -> list[str]:
    """One question: flag, lower median and range; the question; the distribution strip;
    the mean level per role."""
    question = question_set.question(spread.question)
    head = [f"{_FLAG_MARKS[spread.flag]} {spread.question}", tr(_FLAG_KEYS[spread.flag], lang)]
    if spread.lower_median is not None:
        head.append(tr("round.median", lang, level=spread.lower_median))
        head.append(f"{spread.min}–{spread.max}")
    lines = [cut(" · ".join(head), WIDTH)]
    if question is not None:
        lines.append("    " + cut(question.text.get(lang), WIDTH - 4))
    lines.append(f"    {distribution_strip(spread.counts, respondents, lang)}")
    means = [
        f"{question_set.role_name(r, lang) or '?'} {fmt_score(spread.by_role[r])}"
        for r in role_order(spread.by_role, question_set)
    ]
    lines += wrap_items(means, "    ")
    return lines


def questions_text(report: RoundReport, question_set: QuestionSet, lang: Lang) -> list[str]:
    """The questions in the order they need attention (divided first), with the strips'
    legend."""
    respondents = report.completed
    lines = [tr("round.section.questions", lang)]
    lines += _wrap(tr("round.strip.legend", lang, count=per_cell(respondents)), "")
    for spread in attention_order(report.statistics.questions):
        lines.append("")
        lines += question_text(spread, respondents, question_set, lang)
    return lines


def result_text(result: ScanReport, question_set: QuestionSet, lang: Lang) -> list[str]:
    """A result's score and level per principle and overall, one line each."""
    rows = [
        (p.title.get(lang), p.score, level_label(question_set, p.level, lang))
        for p in result.scores.principles
    ]
    overall = result.scores.overall
    rows.append(
        (tr("cli.overall", lang), overall.score, level_label(question_set, overall.level, lang))
    )
    width = min(36, max(len(t) for t, _, _ in rows))
    return [
        f"  {cut(t, width).ljust(width)}  {fmt_score(s):>3}  {cut(level, WIDTH - width - 9)}"
        for t, s, level in rows
    ]


def answer_short(answer: AnswerValue, lang: Lang) -> str:
    """An answer as a strip labels it: the level, or "nvt", "?", "–"."""
    if answer is None:
        return tr("round.strip.none", lang)
    if answer == "na":
        return tr("round.strip.na", lang)
    if answer == "unknown":
        return tr("round.strip.unknown", lang)
    return str(answer)


def overrides_text(report: RoundReport, lang: Lang) -> list[str]:
    """The consensus answers that differ from the lower median, each with its reason."""
    scan = report.consensus_scan
    if scan is None or scan.round is None:
        return []
    changed = [(q, s) for q, s in scan.round.sources.items() if s.source == "override"]
    if not changed:
        return [tr("round.overrides.none", lang)]
    lines = [tr("round.overrides", lang, count=len(changed))]
    for question, source in changed:
        answer = answer_short(scan.answer(question), lang)
        lines += _wrap(f"{question} → {answer}: {source.reason}", "  ")
    return lines


def result_section(report: RoundReport, question_set: QuestionSet, lang: Lang) -> list[str]:
    """The consensus when there is one, else the provisional result, marked as such."""
    if report.consensus is not None:
        day = report.consensus.date.date().isoformat()
        lines = [tr("round.section.consensus", lang, id=report.consensus.short_id, date=day)]
        if report.consensus_outdated:
            lines.append(tr("round.consensus_outdated", lang))
        lines += result_text(report.consensus, question_set, lang)
        return [*lines, "", *overrides_text(report, lang)]
    lines = [tr("round.section.provisional", lang)]
    return lines + result_text(report.provisional, question_set, lang)


def round_text(report: RoundReport, question_set: QuestionSet, lang: Lang) -> str:
    """The whole of ``round show``: head, principles, questions, result."""
    blocks: list[Sequence[str]] = [round_head(report, question_set, lang)]
    if report.completed == 0:
        blocks.append([tr("round.no_responses", lang)])
    else:
        blocks.append(principles_text(report, question_set, lang))
        blocks.append(questions_text(report, question_set, lang))
        blocks.append(result_section(report, question_set, lang))
    return "\n\n".join("\n".join(b) for b in blocks)
