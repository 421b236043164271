"""The roles chart of a team round's report: per principle a thin bar per role."""

from __future__ import annotations

from collections.abc import Sequence

from maturity_scan.present.svg_charts_base import (
    COLOURS,
    LABEL_WIDTH,
    LINE,
    WIDTH,
    Number,
    Svg,
    axis,
    axis_height,
    close_svg,
    esc,
    label_rows,
    open_svg,
    text_lines,
    wrap,
    x_at,
)


def role_bars(
    ident: str,
    labels: Sequence[str],
    roles: Sequence[str],
    values: Sequence[Sequence[float | None]],
    level_names: Sequence[str],
    texts: tuple[str, str],
    number: Number,
) -> Svg:
    """Per principle one thin bar per role (``values[principle][role]``), side by side, so
    where the roles see their organisation differently shows at a glance; a legend names
    the roles by colour. Long labels take more lines, never cut."""
    title, desc = texts
    left, width, top = LABEL_WIDTH, WIDTH - LABEL_WIDTH - 50, 10
    bar, gap = 10, 10
    lines, groups = label_rows(labels, left - 14, bar * max(len(roles), 1) + gap)
    bottom = top + sum(groups)
    legend_top = bottom + axis_height(level_names, width) + 16
    names = [wrap(role, 160 - 26) for role in roles]
    legend_rows = [max(len(x) for x in names[i : i + 3]) for i in range(0, len(names), 3)]
    height = legend_top + sum(5 + LINE * r for r in legend_rows) + 6
    parts = open_svg(ident, height, title, desc)
    parts += axis(left, top, bottom, width, level_names)
    y = top
    for i, row in enumerate(values):
        first = round(y + groups[i] / 2 + 2 - LINE * (len(lines[i]) - 1) / 2, 1)
        parts.append(
            text_lines(left - 8, first, lines[i], 'font-size="11" text-anchor="end" fill="#111"')
        )
        start = y + (groups[i] - bar * len(roles) - gap) / 2
        for r, value in enumerate(row):
            if value is None:
                continue
            end = x_at(value, left, width)
            parts.append(
                f'<rect x="{left}" y="{start + r * bar}" width="{round(end - left, 1)}" '
                f'height="{bar - 1}" fill="{COLOURS[r % len(COLOURS)]}">'
                f"<title>{esc(f'{roles[r]}: {number(value)}')}</title></rect>"
            )
        y += groups[i]
    for r in range(len(roles)):
        lx = left + (r % 3) * 160 - LABEL_WIDTH + 10
        ly = legend_top + sum(5 + LINE * n for n in legend_rows[: r // 3])
        parts.append(
            f'<rect x="{lx}" y="{ly - 8}" width="14" height="10" '
            f'fill="{COLOURS[r % len(COLOURS)]}"/>'
        )
        parts.append(text_lines(lx + 20, ly + 1, names[r], 'font-size="11" fill="#111"'))
    return close_svg(parts, height, title, desc)
