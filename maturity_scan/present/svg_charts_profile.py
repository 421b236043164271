"""The profile chart of the board report: a bar per principle with its target marked."""

from __future__ import annotations

from collections.abc import Sequence

from maturity_scan.present.svg_charts_base import (
    COLOURS,
    LABEL_WIDTH,
    LINE,
    ROW,
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
    text_width,
    x_at,
)


def principle_bars(
    ident: str,
    labels: Sequence[str],
    scores: Sequence[float | None],
    targets: Sequence[int | None],
    level_names: Sequence[str],
    texts: tuple[str, str, str],
    number: Number,
    *,
    no_level: Sequence[bool] = (),
    no_level_word: str = "",
) -> Svg:
    """Horizontal bars, one per principle (its score, 0-5), the target of each marked by a
    dark tick under a triangle (:func:`target_mark`), named in a legend line under the axis
    ("▼ Doel") when any principle has a target. ``texts``: title, description, and the word
    for a target. A score without a level (``no_level``) is a light bar with a dashed edge,
    its figure followed by ``no_level_word``. Long labels take two lines or more, never
    cut; the top row's mark keeps room above it (:data:`TOP`)."""
    title, desc, target_word = texts
    left, width, top = LABEL_WIDTH, WIDTH - LABEL_WIDTH - 50, TOP
    lines, heights = label_rows(labels, left - 14, ROW)
    bottom = top + sum(heights)
    legend = bottom + axis_height(level_names, width) + 16
    marked = any(t is not None for t in targets)
    height = (legend + 14 if marked else legend - 8) + 8
    parts = open_svg(ident, height, title, desc)
    parts += axis(left, top, bottom, width, level_names)
    y = top
    for i, (score, target) in enumerate(zip(scores, targets, strict=True)):
        middle = y + heights[i] / 2
        first = round(middle + 4 - LINE * (len(lines[i]) - 1) / 2, 1)
        parts.append(
            text_lines(left - 8, first, lines[i], 'font-size="11" text-anchor="end" fill="#111"')
        )
        if score is not None:
            parts += _bar(
                left,
                width,
                middle,
                score,
                number,
                no_level_word if i < len(no_level) and no_level[i] else None,
            )
        if target is not None:
            parts += target_mark(x_at(target, left, width), middle, f"{target_word} {target}")
        y += heights[i]
    if marked:
        parts += target_mark(left + 6, legend, "")
        parts.append(text_lines(left + 18, legend + 4, [target_word], 'font-size="11" fill="#111"'))
    return close_svg(parts, height, title, desc)


#: The room above the first row: its target's triangle stands above the row.
TOP = 16


def target_mark(x: float, middle: float, tip: str) -> list[str]:
    """A target's mark on a row whose middle is ``middle``: a dark tick across the bar and,
    on top of it, a triangle pointing down at it (from ``middle - 18``)."""
    title = f"<title>{esc(tip)}</title>" if tip else ""
    return [
        f'<line class="target" x1="{x}" y1="{middle - 10}" x2="{x}" y2="{middle + 12}" '
        f'stroke="#111" stroke-width="3">{title}</line>',
        f'<polygon points="{x - 6},{middle - 18} {x + 6},{middle - 18} {x},{middle - 9}" '
        'fill="#111"/>',
    ]


def _bar(
    left: int, width: int, middle: float, score: float, number: Number, no_level: str | None
) -> list[str]:
    """A score's bar and its figure: inside the bar when it fits, else after it. Without a
    level (``no_level``: the word for it) the bar is light with a dashed edge."""
    end = x_at(score, left, width)
    size = round(end - left, 1)
    if no_level is None:
        look = f'fill="{COLOURS[0]}"'
        label = number(score)
    else:
        look = f'fill="#c9d8ea" stroke="{COLOURS[0]}" stroke-width="1" stroke-dasharray="4 2"'
        label = f"{number(score)} · {no_level}"
    inside = size > text_width(label) + 12
    colour = "#fff" if inside and no_level is None else "#111"
    return [
        f'<rect x="{left}" y="{middle - 9}" width="{size}" height="18" {look}/>',
        f'<text x="{end - 6 if inside else end + 10}" y="{middle + 4}" font-size="11" '
        f'font-weight="bold" text-anchor="{"end" if inside else "start"}" '
        f'fill="{colour}">{esc(label)}</text>',
    ]
