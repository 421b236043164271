"""Charts of the board report as SVG, written by hand (no chart library, nothing loaded):
the principle scores with their targets, an organisation's history, and a round's roles side
by side per principle.

Every chart is one :class:`Svg`: an ``<svg role="img">`` with a ``<title>`` and a ``<desc>``,
its own font (it does not inherit the page's: the HTML report shows it as an image), its size
and its text alternative (the report puts a data table beside it too). Every text in it
(labels come from question sets and users) is escaped here: the markup is safe as it is.
Scores are on the levels' scale, 0 to 5. Numbers are written by the caller's
``number`` function (``2,5`` in Dutch), so the charts speak the report's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

#: The scale of every chart: levels 1 to 5, scores from 0.
SCALE = 5
#: Colours with enough contrast on white and in greyscale print; series also differ by dash.
COLOURS = ("#1f5fa8", "#c0392b", "#2e8540", "#8e44ad", "#b9770e", "#17707a", "#555555")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "10 4")
WIDTH = 760
LABEL_WIDTH = 220
ROW = 30

#: The charts' font: the HTML report's own, then what every system has.
FONT = "Noto Sans, DejaVu Sans, Arial, Helvetica, sans-serif"

Number = Callable[[float], str]


@dataclass(frozen=True)
class Svg:
    """A chart: its markup (every text in it escaped), its size in CSS pixels, and its text
    alternative (title and description, plain text)."""

    markup: str
    width: int
    height: int
    alt: str


def _text(value: str) -> str:
    return escape(value, quote=True)


def _open(ident: str, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-family="{FONT}" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{_text(title)}</title>',
        f'<desc id="{ident}-desc">{_text(desc)}</desc>',
    ]


def _close(parts: list[str], height: int, title: str, desc: str) -> Svg:
    markup = "\n".join([*parts, "</svg>"])
    return Svg(markup, WIDTH, height, f"{title}: {desc}")


#: The width of a character of the charts' 11px font, a little wide (capitals are wider than
#: letters): a label measured with it fits.
CHAR = 6.4
#: The distance between two lines of one label.
LINE = 13


def text_width(label: str) -> float:
    """About how wide ``label`` is in the charts' 11px font, in CSS pixels (never less)."""
    return len(label) * CHAR


def wrap(label: str, width: float) -> list[str]:
    """``label`` on as many lines as it needs to fit ``width`` pixels, broken between words,
    never cut; a single word wider than ``width`` keeps a line of its own."""
    lines: list[str] = []
    for word in label.split():
        if lines and text_width(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _label(x: float, y: float, lines: Sequence[str], attributes: str) -> str:
    """A text of one or more lines (``<tspan>``), the first line's baseline at ``y``."""
    if len(lines) == 1:
        return f'<text x="{x}" y="{y}" {attributes}>{_text(lines[0])}</text>'
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if i == 0 else LINE}">{_text(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{x}" y="{y}" {attributes}>{spans}</text>'


def _x(value: float, left: int, width: int) -> float:
    return round(left + width * max(0.0, min(value, SCALE)) / SCALE, 1)


def _level_labels(level_names: Sequence[str], room: float) -> list[list[str]]:
    """Per level 0-5 the lines under the axis: the number, then the name wrapped to ``room``."""
    labels = []
    for level in range(SCALE + 1):
        name = level_names[level - 1] if 1 <= level <= len(level_names) else ""
        labels.append([str(level), *(wrap(name, room) if name else [])])
    return labels


def _axis_height(level_names: Sequence[str], width: int) -> int:
    """The room under the axis its labels take."""
    lines = max(len(x) for x in _level_labels(level_names, width / SCALE))
    return 8 + LINE * lines


def _axis(left: int, top: int, bottom: int, width: int, level_names: Sequence[str]) -> list[str]:
    """Vertical grid lines at 0-5 with the level numbers and, under them, the names."""
    parts = []
    for level, lines in enumerate(_level_labels(level_names, width / SCALE)):
        x = _x(level, left, width)
        parts.append(
            f'<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="#d0d0d0" stroke-width="1"/>'
        )
        parts.append(
            _label(x, bottom + 16, lines, 'font-size="11" text-anchor="middle" fill="#333"')
        )
    return parts


def _rows(labels: Sequence[str], room: float, least: int) -> tuple[list[list[str]], list[int]]:
    """Each label's lines (wrapped to ``room`` pixels) and its row's height: at least
    ``least``, more when the label needs the lines."""
    lines = [wrap(label, room) for label in labels]
    return lines, [max(least, LINE * len(x) + 8) for x in lines]


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
    dark tick and a triangle. ``texts``: title, description, and the word for a target (in
    the mark's tooltip-free label). A score without a level (``no_level``) is a light bar
    with a dashed edge, its figure followed by ``no_level_word``. Long labels take two lines
    or more, never cut."""
    title, desc, target_word = texts
    left, width, top = LABEL_WIDTH, WIDTH - LABEL_WIDTH - 50, 10
    lines, heights = _rows(labels, left - 14, ROW)
    bottom = top + sum(heights)
    height = bottom + _axis_height(level_names, width) + 8
    parts = _open(ident, height, title, desc)
    parts += _axis(left, top, bottom, width, level_names)
    y = top
    for i, (score, target) in enumerate(zip(scores, targets, strict=True)):
        middle = y + heights[i] / 2
        first = round(middle + 4 - LINE * (len(lines[i]) - 1) / 2, 1)
        parts.append(
            _label(left - 8, first, lines[i], 'font-size="11" text-anchor="end" fill="#111"')
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
            x = _x(target, left, width)
            parts.append(
                f'<line x1="{x}" y1="{middle - 13}" x2="{x}" y2="{middle + 13}" stroke="#111" '
                f'stroke-width="3"><title>{_text(f"{target_word} {target}")}</title></line>'
            )
            parts.append(
                f'<polygon points="{x - 5},{middle - 14} {x + 5},{middle - 14} {x},{middle - 8}" '
                'fill="#111"/>'
            )
        y += heights[i]
    return _close(parts, height, title, desc)


def _bar(
    left: int, width: int, middle: float, score: float, number: Number, no_level: str | None
) -> list[str]:
    """A score's bar and its figure: inside the bar when it fits, else after it. Without a
    level (``no_level``: the word for it) the bar is light with a dashed edge."""
    end = _x(score, left, width)
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
        f'fill="{colour}">{_text(label)}</text>',
    ]


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
    parts = _open(ident, height, title, desc)
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
            f'fill="#333">{_text(moment_label(moments, i))}</text>'
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
                f"<title>{_text(f'{name}: {target_word} {target}')}</title></line>"
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
                f"<title>{_text(f'{name}: {number(value)}')}</title></circle>"
            )
        lx = left + (n % 2) * 340
        ly = legend_top + sum(6 + LINE * r for r in rows[: n // 2])
        parts.append(
            f'<line x1="{lx}" y1="{ly}" x2="{lx + 28}" y2="{ly}" stroke="{colour}" '
            f'stroke-width="2"{dashed}/>'
        )
        parts.append(_label(lx + 34, ly + 4, entries[n], 'font-size="11" fill="#111"'))
    return _close(parts, height, title, desc)


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
    lines, groups = _rows(labels, left - 14, bar * max(len(roles), 1) + gap)
    bottom = top + sum(groups)
    legend_top = bottom + _axis_height(level_names, width) + 16
    names = [wrap(role, 160 - 26) for role in roles]
    legend_rows = [max(len(x) for x in names[i : i + 3]) for i in range(0, len(names), 3)]
    height = legend_top + sum(5 + LINE * r for r in legend_rows) + 6
    parts = _open(ident, height, title, desc)
    parts += _axis(left, top, bottom, width, level_names)
    y = top
    for i, row in enumerate(values):
        first = round(y + groups[i] / 2 + 2 - LINE * (len(lines[i]) - 1) / 2, 1)
        parts.append(
            _label(left - 8, first, lines[i], 'font-size="11" text-anchor="end" fill="#111"')
        )
        start = y + (groups[i] - bar * len(roles) - gap) / 2
        for r, value in enumerate(row):
            if value is None:
                continue
            end = _x(value, left, width)
            parts.append(
                f'<rect x="{left}" y="{start + r * bar}" width="{round(end - left, 1)}" '
                f'height="{bar - 1}" fill="{COLOURS[r % len(COLOURS)]}">'
                f"<title>{_text(f'{roles[r]}: {number(value)}')}</title></rect>"
            )
        y += groups[i]
    for r in range(len(roles)):
        lx = left + (r % 3) * 160 - LABEL_WIDTH + 10
        ly = legend_top + sum(5 + LINE * n for n in legend_rows[: r // 3])
        parts.append(
            f'<rect x="{lx}" y="{ly - 8}" width="14" height="10" '
            f'fill="{COLOURS[r % len(COLOURS)]}"/>'
        )
        parts.append(_label(lx + 20, ly + 1, names[r], 'font-size="11" fill="#111"'))
    return _close(parts, height, title, desc)
