"""Plain text for the command line: tables measured in terminal cells, a scan's report, a
question set, a comparison. (The formatters they share with the app are in
:mod:`maturity_scan.present`.)"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from maturity_scan.core.models import Lang, QuestionSet, Scan
from maturity_scan.i18n import tr
from maturity_scan.present.textreport import (
    answer_label,
    fmt_change,
    fmt_score,
    local_date,
    versions_differ,
)
from maturity_scan.visible import visible

if TYPE_CHECKING:
    from maturity_scan.core.compare import Comparison
    from maturity_scan.core.report import ScanReport
    from maturity_scan.present.report_view import Line


#: Text of these characters takes one cell each: ASCII, Latin letters with their accents as
#: one character (é, ö, ł), dashes, quotes, bullets and the ellipsis (— ‘ ’ • …), as Rich
#: counts them (tests/test_scan_show.py checks).
_NARROW = re.compile(r"[\x20-\x7e\xa0-\xac\xae-\u02ff\u2010-\u2027]*")


def cell_width(text: str) -> int:
    """How many terminal cells ``text`` takes: a wide character (CJK, most emoji) two, a
    combining accent or joiner none. Rich measures it, imported only for text that is not
    all ASCII or Latin letters (scripted start stays light)."""
    if _NARROW.fullmatch(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


#: Prose is wrapped to this many columns, or to the terminal when it is narrower.
TEXT_WIDTH = 88


def terminal_width() -> int | None:
    """The width of the terminal standard output writes to; None for a pipe or a file
    (their output does not depend on a terminal)."""
    import shutil
    import sys

    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size((TEXT_WIDTH, 24)).columns


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], shrink: Sequence[int] | None = None
) -> str:
    """Columns padded to their widest cell, in terminal cells; numbers are not special-cased.
    A control character or line break in a cell is shown as an escape, so columns stay
    aligned. On a terminal too narrow for it, the widest of the ``shrink`` columns (default:
    any) is cut with "…" (never below 8 cells) until the table fits: names, never levels."""
    cells = [list(headers), *([visible(str(c), single_line=True) for c in row] for row in rows)]
    widths = [max(cell_width(c) for c in column) for column in zip(*cells, strict=True)]
    _fit(widths, terminal_width(), range(len(widths)) if shrink is None else shrink)

    def line(row: Sequence[str]) -> str:
        padded = (_cut(c, w) for c, w in zip(row, widths, strict=True))
        return "  ".join(padded).rstrip()

    return "\n".join([line(cells[0]), "  ".join("-" * w for w in widths), *map(line, cells[1:])])


def _fit(widths: list[int], room: int | None, shrink: Sequence[int]) -> None:
    """Narrow the widest ``shrink`` columns of ``widths`` (in place) until they fit in
    ``room``."""
    if room is None or not shrink:
        return
    while sum(widths) + 2 * (len(widths) - 1) > room:
        widest = max(shrink, key=lambda i: widths[i])
        if widths[widest] <= 8:
            return
        widths[widest] -= 1


def _cut(cell: str, width: int) -> str:
    """``cell`` padded to ``width`` cells, or cut to it with "…"."""
    if cell_width(cell) <= width:
        return cell + " " * (width - cell_width(cell))
    while cell and cell_width(cell) > width - 1:
        cell = cell[:-1]
    cut = cell + "…"
    return cut + " " * (width - cell_width(cut))


def _wrap(
    text: str, indent: str, width: int | None = None, hang: str = "  ", hyphens: bool = True
) -> str:
    """``text`` wrapped to the terminal (at most :data:`TEXT_WIDTH`); ``hyphens=False`` keeps
    words with a hyphen whole (ids such as ``sociale-inkoop``)."""
    room = min(width or TEXT_WIDTH, terminal_width() or TEXT_WIDTH)
    return textwrap.fill(
        text,
        width=room,
        initial_indent=indent,
        subsequent_indent=indent + hang,
        break_on_hyphens=hyphens,
    )


# ------------------------------------------------------------------ a scan's report


def report_head(report: ScanReport, lang: Lang) -> str:
    """Which scan: id, organisation, date, status; who filled it in; the question set; and
    the scan the changes are against."""
    from maturity_scan.present.report_view import previous_text  # not for tables alone

    out = [
        tr(
            "cli.scan_header",
            lang,
            id=report.short_id,
            org=report.organisation,
            date=local_date(report.date),
            status=tr(f"status.{report.status}", lang),
        )
    ]
    who = [w for w in (report.respondent.name, report.respondent.role) if w]
    if who:
        out.append(tr("cli.by", lang, who=f"{who[0]} ({who[1]})" if len(who) == 2 else who[0]))
    qs = report.question_set
    out.append(f"{qs.title.get(lang)} ({qs.id} {qs.version})")
    if since := previous_text(report, lang):
        out.append(since)
    return "\n".join(out)


def report_table(report: ScanReport, lang: Lang) -> str:
    """Per principle score, level, coverage (and target, change); the overall row last."""
    from maturity_scan.present.report_view import overall_row, score_columns, score_rows

    headers = [tr(f"cli.col.{column}", lang) for column in score_columns(report)]
    return table(headers, [*score_rows(report, lang), overall_row(report, lang)], shrink=[0])


def report_blocks(report: ScanReport, lang: Lang) -> str:
    """Per principle, as the app shows it: where it stands, what holds it back, the "don't
    know" answers, the other notes and the next steps."""
    from maturity_scan.present.report_view import principle_lines

    return "\n\n".join(
        "\n".join(
            _plain(line, lang)
            for line in principle_lines(p, lang, min_coverage=report.scores.rules.min_coverage)
        )
        for p in report.scores.principles
    )


def _plain(line: Line, lang: Lang) -> str:
    if line.kind == "head":  # whole on a line, but never broken mid-word by a terminal
        room = terminal_width()
        return line.text if room is None else _wrap(line.text, "", width=room, hang="  ")
    if line.kind != "entry":
        return _wrap(line.text, "  ")
    out = [_wrap(f"{line.marker:>3} {line.text}", "  ", hang="    ")]
    if line.detail:
        out.append(_wrap(line.detail, " " * 6))
    if line.note:
        label = tr("ui.r.note_label", lang)
        note_lines = line.note.splitlines() or [""]
        out.append(_wrap(f"{label} {note_lines[0]}", " " * 6, hang=" " * (len(label) + 1)))
        out += [_wrap(rest, " " * (7 + len(label)), hang="") for rest in note_lines[1:]]
    return "\n".join(out)


# ------------------------------------------------------------------ question sets, comparisons


def question_set_text(question_set: QuestionSet, lang: Lang) -> str:
    out = [
        f"{question_set.title.get(lang)} ({question_set.id} {question_set.version})",
        _wrap(question_set.description.get(lang), "", hang=""),
    ]
    if question_set.definitions:  # scope and definitions first, as the app shows them
        out += ["", tr("cli.definitions", lang) + ":"]
        out += [
            _wrap(f"{d.term.get(lang)}: {d.text.get(lang)}", "  ") for d in question_set.definitions
        ]
    out += ["", tr("cli.levels", lang) + ":"]
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
    if not result.same_version:
        out += [_wrap(versions_differ(result, lang), "", hang="", hyphens=False), ""]
    out += [_comparison_table(result, lang), ""]
    out += _answer_changes(result, set_a, set_b, lang)
    for key, ids, question_set in (
        ("cli.only_in_a", result.questions_only_in_a, set_a),
        ("cli.only_in_b", result.questions_only_in_b, set_b),
    ):
        if ids:
            where = f"{question_set.id} {question_set.version}"
            out += ["", tr(key, lang, set=where, ids=", ".join(ids))]
    return "\n".join(out)


def _answer_changes(
    result: Comparison, set_a: QuestionSet, set_b: QuestionSet, lang: Lang
) -> list[str]:
    """The changed levels, then the answers of which only the note changed, counted apart."""
    if not result.changed_answers:
        return [tr("cli.no_changed_answers", lang)]
    out = [tr("cli.changed_levels", lang, count=result.changed_levels) + ":"]
    if not result.changed_levels:
        out.append("  " + tr("cli.no_changed_levels", lang))
    for change in result.level_changes:
        out.append(_question_line(set_b, change.question, lang))
        before = answer_label(set_a, change.question, change.level_a, lang)
        after = answer_label(set_b, change.question, change.level_b, lang)
        out.append(_wrap(f"{before}  →  {after}", "      "))
        if change.note_changed:
            out.append(_wrap(f"✎ {change.note_a or '—'}  →  {change.note_b or '—'}", "      "))
    if result.changed_notes_only:
        out += ["", tr("cli.changed_notes_only", lang, count=result.changed_notes_only) + ":"]
    for change in result.note_changes:
        out.append(_question_line(set_b, change.question, lang))
        out.append(_wrap(f"✎ {change.note_a or '—'}  →  {change.note_b or '—'}", "      "))
    return out


def _question_line(set_b: QuestionSet, question_id: str, lang: Lang) -> str:
    question = set_b.question(question_id)
    return _wrap(f"- {question.text.get(lang) if question else question_id}", "  ")


def _comparison_table(result: Comparison, lang: Lang) -> str:
    """Per principle and overall: before, after, the change and the levels."""
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
    return table(headers, rows)
