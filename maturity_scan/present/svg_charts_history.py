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


@dataclass(frozen=True)
class Moment:
    """A point in time on a chart's axis: its day, and its label as a month (``nov 2026``)
    and as a day (``20 nov 2026``, when two points share a month)."""

    day: date
    month: str
    full: str


def time_positions(days: Sequence[date], left: float, right: float) -> list[float]:
    """Where each day lies between ``left`` (the first) and ``right`` (the last): in
    proportion to the time between them, so points five days apart lie close together.
    One day (or all on one day): the middle."""
    first, last = days[0].toordinal(), days[-1].toordinal()
    if last == first:
        return [round((left + right) / 2, 1)] * len(days)
    span = last - first
    return [round(left + (right - left) * (d.toordinal() - first) / span, 1) for d in days]


def time_labels(moments: Sequence[Moment], xs: Sequence[float], gap: float = 8) -> list[int]:
    """Which points get a label under the axis (their indexes): a point's label is its month,
    or its day when another point shares that month (:func:`moment_label`), so no two labels
    read the same; a label that would overlap the one before it (less than ``gap`` pixels
    apart) is left out, but the last point always has its label (those before give way)."""
    shown: list[int] = []
    last = len(xs) - 1
    for i, x in enumerate(xs):
        text = moment_label(moments, i)
        if shown and moment_label(moments, shown[-1]) == text:
            continue  # the same day again, at the same place
        start = x - text_width(text) / 2
        if shown and _right(moments, xs, shown[-1]) + gap > start:
            if i != last:
                continue
            while shown and _right(moments, xs, shown[-1]) + gap > start:
                shown.pop()
        shown.append(i)
    return shown


def _right(moments: Sequence[Moment], xs: Sequence[float], i: int) -> float:
    return xs[i] + text_width(moment_label(moments, i)) / 2


def moment_label(moments: Sequence[Moment], i: int) -> str:
    """A point's label: its month, or its day when another point falls in the same month."""
    month = moments[i].month
    shared = sum(1 for m in moments if m.month == month) > 1
    return moments[i].full if shared else month


def history_lines(
    ident: str,
    moments: Sequence[Moment],
    series: Sequence[tuple[str, Sequence[float | None]]],
    texts: tuple[str, str],
    number: Number,
    *,
    targets: Sequence[int | None] = (),
    target_word: str = "",
) -> Svg:
    """A line per series (principles, then overall) over the points, placed by their dates
    (:func:`time_positions`) and labelled under the axis without repeats or overlaps
    (:func:`time_labels`); a series differs from the others by colour and by dash. A gap (no
    score) breaks its line. A series' target (``targets``, by series) is a thin dotted line
    in its colour, named in the legend."""
    title, desc = texts
    left, right, top, plot_h = 40, WIDTH - 10, 12, 200
    bottom = top + plot_h
    legend_top = bottom + 40
    names = [
        f"{name} · {target_word} {targets[n]}"
        if n < len(targets) and targets[n] is not None
        else name
        for n, (name, _) in enumerate(series)
    ]
    entries = [wrap(name, 320 - 44) for name in names]
    rows = [max(len(x) for x in entries[i : i + 2]) for i in range(0, len(entries), 2)]
    height = legend_top + sum(6 + LINE * r for r in rows) + 8
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
    pad = 60
    xs = time_positions([m.day for m in moments], left + pad, right - pad)
    for i in time_labels(moments, xs):
        parts.append(
            f'<text x="{xs[i]}" y="{bottom + 18}" font-size="11" text-anchor="middle" '
            f'fill="#333">{esc(moment_label(moments, i))}</text>'
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
        for x, value in [*zip(xs, values, strict=True), (0.0, None)]:
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
            parts.append(
                f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}">'
                f"<title>{esc(f'{name}: {number(value)}')}</title></circle>"
            )
        lx = left + (n % 2) * 340
        ly = legend_top + sum(6 + LINE * r for r in rows[: n // 2])
        parts.append(
            f'<line x1="{lx}" y1="{ly}" x2="{lx + 28}" y2="{ly}" stroke="{colour}" '
            f'stroke-width="2"{dashed}/>'
        )
        parts.append(text_lines(lx + 34, ly + 4, entries[n], 'font-size="11" fill="#111"'))
    return close_svg(parts, height, title, desc)
