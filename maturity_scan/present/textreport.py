"""Plain-text renderings for the command line: tables, a scan's result, a question set."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from maturity_scan.core.advice import holding_back, next_level, next_steps
from maturity_scan.core.models import AnswerValue, Lang, QuestionSet, Scan
from maturity_scan.core.scoring import PrincipleScore, ScanScores
from maturity_scan.dates import day_label
from maturity_scan.i18n import tr
from maturity_scan.visible import visible

if TYPE_CHECKING:
    from maturity_scan.core.compare import Comparison
    from maturity_scan.core.history import HistoryPoint


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell; numbers are not special-cased. A control
    character or line break in a cell is shown as an escape, so columns stay aligned."""
    rows = [[visible(str(c), single_line=True) for c in row] for row in rows]
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    return "\n".join(lines)


def local_date(moment: datetime) -> str:
    """The local day of ``moment``; never fails, whatever date was stored."""
    return day_label(moment)


def shown(score: float) -> float:
    """A score as the screens show it: one decimal, rounded down."""
    return math.floor(round(score * 10, 6)) / 10


def shown_delta(before: float | None, after: float | None) -> float | None:
    """The change between two scores as shown, so "1.0 → 1.2" reads "+0.2"."""
    if before is None or after is None:
        return None
    return round(shown(after) - shown(before), 1)


def fmt_score(score: float | None) -> str:
    """One decimal, rounded down, so the shown score never contradicts the level (2.96 → 2.9)."""
    if score is None:
        return "—"
    return f"{shown(score):.1f}"


def fmt_delta(delta: float | None) -> str:
    """A signed change with one decimal: +0.4, -1.0, 0.0."""
    if delta is None:
        return ""
    shown = round(delta, 1)
    return f"{shown:+.1f}" if shown else "0.0"


def fmt_change(before: float | None, after: float | None) -> str:
    """The change as shown: "▲+0.2", "▼-0.3", "=0.0"; empty when either score is missing."""
    from maturity_scan.core.history import trend_marker

    delta = shown_delta(before, after)
    return "" if delta is None else f"{trend_marker(delta)}{fmt_delta(delta)}"


def history_cells(points: Sequence[HistoryPoint], principle_ids: Sequence[str]) -> list[list[str]]:
    """Per scan: each principle's score and then overall, with the change against the scan
    before it computed from the scores as shown (so the figures add up)."""
    rows: list[list[str]] = []
    previous: HistoryPoint | None = None
    for point in points:
        pairs = [
            (_principle_score(previous, pid), _principle_score(point, pid)) for pid in principle_ids
        ]
        before_overall = previous.scores.overall.score if previous else None
        pairs.append((before_overall, point.scores.overall.score))
        rows.append(
            [f"{fmt_score(after)} {fmt_change(before, after)}".rstrip() for before, after in pairs]
        )
        previous = point
    return rows


def _principle_score(point: HistoryPoint | None, principle_id: str) -> float | None:
    score = point.scores.principle(principle_id) if point else None
    return score.score if score else None


def missing_set_label(scan: Scan) -> str:
    """Where a level would be, for a scan whose question-set version is not installed."""
    return f"{scan.question_set.id} {scan.question_set.version}?"


def level_label(question_set: QuestionSet, level: int | None, lang: Lang) -> str:
    if level is None:
        return tr("level.none", lang)
    return f"{level} {question_set.level_name(level).get(lang)}"


def answer_label(
    question_set: QuestionSet, question_id: str, value: AnswerValue, lang: Lang
) -> str:
    if value is None:
        return tr("answer.none", lang)
    if value == "na":
        return tr("answer.na", lang)
    if value == "unknown":
        return tr("answer.unknown", lang)
    question = question_set.question(question_id)
    anchor = question.anchor(value, lang) if question else ""
    return f"{value} — {anchor}"


def progress_label(scan: Scan, question_set: QuestionSet, lang: Lang) -> str:
    """How far a draft is: questions with any answer, of all."""
    total = len(question_set.questions())
    done = sum(1 for _, q in question_set.questions() if scan.answer(q.id) is not None)
    return tr("progress", lang, done=done, total=total)


def respondent_label(scan: Scan) -> str:
    parts = [p for p in (scan.respondent.name, scan.respondent.role) if p]
    if len(parts) == 2:
        return f"{parts[0]} ({parts[1]})"
    return parts[0] if parts else ""


def scores_table(question_set: QuestionSet, scores: ScanScores, lang: Lang) -> str:
    rows = [
        [
            p.title.get(lang),
            fmt_score(p.score),
            level_label(question_set, p.level, lang),
            f"{p.answered}/{p.applicable}",
        ]
        for p in scores.principles
    ]
    rows.append(
        [
            tr("cli.overall", lang),
            fmt_score(scores.overall.score),
            level_label(question_set, scores.overall.level, lang),
            "",
        ]
    )
    headers = [
        tr(k, lang)
        for k in ("cli.col.principle", "cli.col.score", "cli.col.level", "cli.col.coverage")
    ]
    return table(headers, rows)


def _wrap(text: str, indent: str, width: int = 88, hang: str = "  ") -> str:
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent + hang)


def advice_text(question_set: QuestionSet, scan: Scan, scores: ScanScores, lang: Lang) -> str:
    """Per principle: what holds it back from the next level and the next steps."""
    answers = {q.id: scan.answer(q.id) for _, q in question_set.questions()}
    blocks = []
    for score in scores.principles:
        blocks.append(_principle_advice(question_set, score, answers, lang))
    return "\n\n".join(b for b in blocks if b)


def _principle_advice(
    question_set: QuestionSet,
    score: PrincipleScore,
    answers: dict[str, AnswerValue],
    lang: Lang,
) -> str:
    target = next_level(score)
    head = score.title.get(lang)
    if target is not None:
        head += f" → {level_label(question_set, target, lang)}"
    lines = [head]
    for item in holding_back(question_set, score, answers):
        lines.append(_wrap(f"[{item.level}] {item.question.text.get(lang)}", "  "))
    steps = next_steps(question_set, score)
    if steps:
        lines.append("  " + tr("cli.next_steps", lang) + ":")
        lines += [_wrap(f"- {step.get(lang)}", "    ") for step in steps]
    return "\n".join(lines) if len(lines) > 1 else ""


def question_set_text(question_set: QuestionSet, lang: Lang) -> str:
    out = [
        f"{question_set.title.get(lang)} ({question_set.id} {question_set.version})",
        _wrap(question_set.description.get(lang), "", hang=""),
        "",
        tr("cli.levels", lang) + ":",
    ]
    out += [
        _wrap(f"{d.level} {d.name.get(lang)}: {d.description.get(lang)}", "  ")
        for d in question_set.levels
    ]
    for principle in question_set.principles:
        out += ["", f"## {principle.title.get(lang)} [{principle.id}]"]
        for question in principle.questions:
            extra = []
            if question.allow_na:
                extra.append(tr("cli.na_allowed", lang))
            if question.weight != 1:
                extra.append(tr("cli.weight", lang, weight=f"{question.weight:g}"))
            suffix = f" ({', '.join(extra)})" if extra else ""
            out += ["", _wrap(f"{question.id}: {question.text.get(lang)}{suffix}", "")]
            out += [
                _wrap(f"{n}. {a.get(lang)}", "   ") for n, a in enumerate(question.answers, start=1)
            ]
    return "\n".join(out)


def comparison_text(
    result: Comparison, a: Scan, b: Scan, set_a: QuestionSet, set_b: QuestionSet, lang: Lang
) -> str:
    """Scores before → after per principle, the changed answers, and version differences."""
    out = [
        tr(
            "cli.compare_title",
            lang,
            org=b.organisation,
            a=a.short_id,
            date_a=local_date(a.date),
            b=b.short_id,
            date_b=local_date(b.date),
        ),
        "",
    ]
    headers = [
        tr(f"cli.col.{k}", lang) for k in ("principle", "before", "after", "change", "level")
    ]
    rows = [
        [
            p.title.get(lang),
            fmt_score(p.score_a),
            fmt_score(p.score_b),
            fmt_change(p.score_a, p.score_b),
            f"{p.level_a or '—'} → {p.level_b or '—'}",
        ]
        for p in result.principles
    ]
    o = result.overall
    rows.append(
        [
            tr("cli.overall", lang),
            fmt_score(o.score_a),
            fmt_score(o.score_b),
            fmt_change(o.score_a, o.score_b),
            f"{o.level_a or '—'} → {o.level_b or '—'}",
        ]
    )
    out += [table(headers, rows), "", tr("cli.changed_answers", lang) + ":"]
    if not result.changed_answers:
        out.append("  " + tr("cli.no_changed_answers", lang))
    for change in result.changed_answers:
        question = set_b.question(change.question)
        text = question.text.get(lang) if question else change.question
        out.append(_wrap(f"- {text}", "  "))
        before = answer_label(set_a, change.question, change.level_a, lang)
        after = answer_label(set_b, change.question, change.level_b, lang)
        out.append(_wrap(f"{before}  →  {after}", "      "))
        if change.note_a.strip() != change.note_b.strip():
            out.append(_wrap(f"✎ {change.note_a or '—'}  →  {change.note_b or '—'}", "      "))
    for key, ids, question_set in (
        ("cli.only_in_a", result.questions_only_in_a, set_a),
        ("cli.only_in_b", result.questions_only_in_b, set_b),
    ):
        if ids:
            where = f"{question_set.id} {question_set.version}"
            out += ["", tr(key, lang, set=where, ids=", ".join(ids))]
    return "\n".join(out)
