"""The history chart of the board report: a line per principle and overall over the
organisation's points, placed by their dates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from maturity_scan.present.svg_charts_base import (
    COLOURS,
    DASHES,
    LINE,
    SCALE,
    WIDTH,
    Number,
    Svg,
    close_svg,
    esc,
    open_svg,
    text_lines,
    text_width,
    wrap,
)

#: How a point is drawn, by its kind (:attr:`Moment.kind`): a scan of its own a dot, a
#: round's provisional result a hollow ring, a round's consensus a square.
KINDS = ("single", "provisional", "consensus")
#: The room between two labels on one row, and the rows' baselines under the axis.
GAP = 8
LABEL_ROWS = (18, 18 + LINE)


@dataclass(frozen=True)
class Moment:
    """A point in time on a chart's axis: its day, its label as a month (``nov 2026``) and
    as a day (``20 nov 2026``, when two points share a month), and what kind of point it is
    (:data:`KINDS`)."""

    day: date
    month: str
    full: str
    kind: str = "single"


def time_positions(
    days: Sequence[date], left: float, right: float, least: float = 0.0
) -> list[float]:
    """Where each day lies between ``left`` (the first) and ``right`` (the last): in
    proportion to the time between them, but never closer than ``least`` pixels to the one
    before (as far as the room allows), so points five days apart stay two points with a
    line between them. One day (or all on one day): the middle."""
    first, last = days[0].toordinal(), days[-1].toordinal()
    if last == first and len(days) == 1:
        return [round((left + right) / 2, 1)]
    if last == first:
        xs = [(left + right) / 2] * len(days)
    else:
        span = last - first
        xs = [left + (right - left) * (d.toordinal() - first) / span for d in days]
    least = min(least, (right - left) / (len(days) - 1))
    if least > 0:
        for i in range(1, len(xs)):  # push later points right
            xs[i] = max(xs[i], xs[i - 1] + least)
        if xs[-1] > right:  # and, past the end, earlier points left
            xs[-1] = right
            for i in range(len(xs) - 2, -1, -1):
                xs[i] = min(xs[i], xs[i + 1] - least)
    return [round(x, 1) for x in xs]


def least_distance(moments: Sequence[Moment]) -> float:
    """The distance between two points that lets every label show, on two rows: the next
    label's neighbours on its row are two points away."""
    widest = max(text_width(moment_label(moments, i)) for i in range(len(moments)))
    return widest / 2 + GAP


def time_labels(moments: Sequence[Moment], xs: Sequence[float]) -> list[int | None]:
    """Per point the row of its label under the axis (0 or 1), or ``None`` when it does not
    fit on either without overlapping a label after it (the chart names those). The latest
    points come first: the last point always has its label, on the first row."""
    starts = [float("inf"), float("inf")]
    rows: list[int | None] = [None] * len(xs)
    for i in reversed(range(len(xs))):
        half = text_width(moment_label(moments, i)) / 2
        row = next((r for r in (0, 1) if xs[i] + half + GAP <= starts[r]), None)
        if row is not None:
            starts[row] = xs[i] - half
        rows[i] = row
    return rows


def moment_label(moments: Sequence[Moment], i: int) -> str:
    """A point's label: its month; when any two points share a month, every point's day (one
    format for all the labels)."""
    months = [m.month for m in moments]
    by_day = len(set(months)) < len(months)
    return moments[i].full if by_day else moments[i].month


def _mark(kind: str, x: float, y: float, colour: str, title: str) -> str:
    """A point's mark by its kind: a dot, a hollow ring (provisional), a square (consensus)."""
    tip = f"<title>{esc(title)}</title>" if title else ""
    if kind == "provisional":
        look = f'r="4" fill="#fff" stroke="{colour}" stroke-width="2"'
        return f'<circle class="provisional" cx="{x}" cy="{y}" {look}>{tip}</circle>'
    if kind == "consensus":
        return (
            f'<rect class="consensus" x="{round(x - 4, 1)}" y="{round(y - 4, 1)}" width="8" '
            f'height="8" fill="{colour}">{tip}</rect>'
        )
    return f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}">{tip}</circle>'


def history_lines(
    ident: str,
    moments: Sequence[Moment],
    series: Sequence[tuple[str, Sequence[float | None]]],
    texts: tuple[str, str],
    number: Number,
    *,
    targets: Sequence[int | None] = (),
    target_word: str = "",
    marks: dict[str, str] | None = None,
    left_out: str = "",
) -> Svg:
    """A line per series (principles, then overall) over the points, placed by their dates
    at a readable distance (:func:`time_positions`) and labelled under the axis on one or two
    rows (:func:`time_labels`); a label that does not fit is named after ``left_out``. A
    series differs from the others by colour and by dash; a gap (no score) breaks its line.
    A provisional point is a hollow ring, a consensus a square: ``marks`` (by kind) names
    them in a legend line when the chart has such a point. A series' target (``targets``, by
    series) is a thin dotted line in its colour, named in the legend."""
    title, desc = texts
    left, right, top, plot_h = 40, WIDTH - 10, 12, 130
    bottom = top + plot_h
    pad = 60
    xs = time_positions([m.day for m in moments], left + pad, right - pad, least_distance(moments))
    rows = time_labels(moments, xs)
    missed = [moment_label(moments, i) for i, row in enumerate(rows) if row is None]
    missed_lines = wrap(f"{left_out} {', '.join(missed)}", right - left) if missed else []
    below = bottom + LABEL_ROWS[1 if 1 in rows else 0] + LINE * len(missed_lines)
    kinds = [k for k in KINDS[1:] if any(m.kind == k for m in moments)]
    marks = marks or {}
    mark_row = below + 8 + LINE if kinds else below
    legend_top = mark_row + 22
    names = [
        f"{name} · {target_word} {targets[n]}"
        if n < len(targets) and targets[n] is not None
        else name
        for n, (name, _) in enumerate(series)
    ]
    entries = [wrap(name, 320 - 44) for name in names]
    legend_rows = [max(len(x) for x in entries[i : i + 2]) for i in range(0, len(entries), 2)]
    height = legend_top + sum(6 + LINE * r for r in legend_rows) + 8
    parts = open_svg(ident, height, title, desc)
    for level in range(SCALE + 1):
        y = round(bottom - plot_h * level / SCALE, 1)
        parts.append(
            f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="#d0d0d0" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 8}" y="{y + 4}" font-size="11" text-anchor="end" '
            f'fill="#333">{level}</text>'
        )
    for i, row in enumerate(rows):
        if row is None:
            continue
        parts.append(
            f'<text x="{xs[i]}" y="{bottom + LABEL_ROWS[row]}" font-size="11" '
            f'text-anchor="middle" fill="#333">{esc(moment_label(moments, i))}</text>'
        )
    if missed_lines:
        first = bottom + LABEL_ROWS[1 if 1 in rows else 0] + LINE
        parts.append(text_lines(left, first, missed_lines, 'font-size="11" fill="#333"'))
    for n, kind in enumerate(kinds):
        lx = left + n * 340
        parts.append(_mark(kind, lx + 14, mark_row - 4, "#111", ""))
        parts.append(
            text_lines(lx + 34, mark_row, [marks.get(kind, kind)], 'font-size="11" fill="#111"')
        )
    for n, (name, values) in enumerate(series):
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        target = targets[n] if n < len(targets) else None
        if target is not None:
            y = round(bottom - plot_h * target / SCALE, 1)
            parts.append(
                f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="{colour}" '
                f'stroke-width="1.5" stroke-dasharray="1 3">'
                f"<title>{esc(f'{name}: {target_word} {target}')}</title></line>"
            )
        run: list[str] = []
        dots: list[str] = []
        for i, (x, value) in enumerate([*zip(xs, values, strict=True), (0.0, None)]):
            if value is None:
                if len(run) > 1:
                    parts.append(
                        f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
                        f'stroke-width="2"{dashed}/>'
                    )
                run = []
                continue
            y = round(bottom - plot_h * value / SCALE, 1)
            run.append(f"{x},{y}")
            dots.append(_mark(moments[i].kind, x, y, colour, f"{name}: {number(value)}"))
        parts += dots  # over the lines, so a hollow ring shows hollow
        lx = left + (n % 2) * 340
        ly = legend_top + sum(6 + LINE * r for r in legend_rows[: n // 2])
        parts.append(
            f'<line x1="{lx}" y1="{ly}" x2="{lx + 28}" y2="{ly}" stroke="{colour}" '
            f'stroke-width="2"{dashed}/>'
        )
        parts.append(text_lines(lx + 34, ly + 4, entries[n], 'font-size="11" fill="#111"'))
    return close_svg(parts, height, title, desc)
