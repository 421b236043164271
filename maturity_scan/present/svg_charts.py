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
from html import escape

#: The scale of every chart: levels 1 to 5, scores from 0.
SCALE = 5
#: Colours with enough contrast on white and in greyscale print; series also differ by dash.
COLOURS = ("#1f5fa8", "#c0392b", "#2e8540", "#8e44ad", "#b9770e", "#17707a", "#555555")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "10 4")
WIDTH = 760
LABEL_WIDTH = 260
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


def _cut(label: str, size: int = 40) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"


def _x(value: float, left: int, width: int) -> float:
    return round(left + width * max(0.0, min(value, SCALE)) / SCALE, 1)


def _axis(left: int, top: int, bottom: int, width: int, level_names: Sequence[str]) -> list[str]:
    """Vertical grid lines at 0-5 with the level numbers (and names) under them."""
    parts = []
    for level in range(SCALE + 1):
        x = _x(level, left, width)
        parts.append(
            f'<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="#d0d0d0" stroke-width="1"/>'
        )
        name = level_names[level - 1] if 1 <= level <= len(level_names) else ""
        label = f"{level} {_cut(name, 11)}" if name else str(level)
        parts.append(
            f'<text x="{x}" y="{bottom + 16}" font-size="11" text-anchor="middle" '
            f'fill="#333">{_text(label)}</text>'
        )
    return parts


def principle_bars(
    ident: str,
    labels: Sequence[str],
    scores: Sequence[float | None],
    targets: Sequence[int | None],
    level_names: Sequence[str],
    texts: tuple[str, str, str],
    number: Number,
) -> Svg:
    """Horizontal bars, one per principle (its score, 0-5), the target of each marked by a
    dark tick and a triangle. ``texts``: title, description, and the word for a target (in
    the mark's tooltip-free label)."""
    title, desc, target_word = texts
    left, width, top = LABEL_WIDTH, WIDTH - LABEL_WIDTH - 40, 10
    bottom = top + ROW * len(labels)
    height = bottom + 34
    parts = _open(ident, height, title, desc)
    parts += _axis(left, top, bottom, width, level_names)
    for i, (label, score, target) in enumerate(zip(labels, scores, targets, strict=True)):
        y = top + ROW * i
        parts.append(
            f'<text x="{left - 8}" y="{y + 19}" font-size="11" text-anchor="end" '
            f'fill="#111">{_text(_cut(label))}</text>'
        )
        if score is not None:
            end = _x(score, left, width)
            parts.append(
                f'<rect x="{left}" y="{y + 6}" width="{round(end - left, 1)}" height="18" '
                f'fill="{COLOURS[0]}"/>'
            )
            inside = end - left > 40
            parts.append(
                f'<text x="{end - 6 if inside else end + 10}" y="{y + 19}" font-size="11" '
                f'font-weight="bold" text-anchor="{"end" if inside else "start"}" '
                f'fill="{"#fff" if inside else "#111"}">{_text(number(score))}</text>'
            )
        if target is not None:
            x = _x(target, left, width)
            parts.append(
                f'<line x1="{x}" y1="{y + 2}" x2="{x}" y2="{y + 28}" stroke="#111" '
                f'stroke-width="3"><title>{_text(f"{target_word} {target}")}</title></line>'
            )
            parts.append(
                f'<polygon points="{x - 5},{y + 1} {x + 5},{y + 1} {x},{y + 7}" fill="#111"/>'
            )
    return _close(parts, height, title, desc)


def history_lines(
    ident: str,
    dates: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    texts: tuple[str, str],
    number: Number,
) -> Svg:
    """A line per series (principles, then overall) over the points, evenly spaced, dated
    under the axis; a series differs from the others by colour and by dash. A gap (no score)
    breaks its line."""
    title, desc = texts
    left, right, top, plot_h = 40, WIDTH - 10, 12, 200
    bottom = top + plot_h
    legend_top = bottom + 40
    height = legend_top + 18 * ((len(series) + 1) // 2) + 8
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
    step = (right - left - 2 * pad) / max(len(dates) - 1, 1)
    xs = [round(left + pad + step * i, 1) for i in range(len(dates))]
    # at most about eight dates under the axis, the last always
    every = max(1, -(-len(dates) // 8))
    for i, (x, label) in enumerate(zip(xs, dates, strict=True)):
        if i % every and i != len(dates) - 1:
            continue
        parts.append(
            f'<text x="{x}" y="{bottom + 18}" font-size="11" text-anchor="middle" '
            f'fill="#333">{_text(label)}</text>'
        )
    for n, (name, values) in enumerate(series):
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
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
        lx = left + (n % 2) * 320
        ly = legend_top + 18 * (n // 2)
        parts.append(
            f'<line x1="{lx}" y1="{ly}" x2="{lx + 28}" y2="{ly}" stroke="{colour}" '
            f'stroke-width="2"{dashed}/>'
        )
        parts.append(
            f'<text x="{lx + 34}" y="{ly + 4}" font-size="11" fill="#111">'
            f"{_text(_cut(name, 44))}</text>"
        )
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
    the roles by colour."""
    title, desc = texts
    left, width, top = LABEL_WIDTH, WIDTH - LABEL_WIDTH - 40, 10
    bar, gap = 10, 10
    group = bar * max(len(roles), 1) + gap
    bottom = top + group * len(labels)
    legend_top = bottom + 40
    height = legend_top + 18 * ((len(roles) + 2) // 3) + 6
    parts = _open(ident, height, title, desc)
    parts += _axis(left, top, bottom, width, level_names)
    for i, (label, row) in enumerate(zip(labels, values, strict=True)):
        y = top + group * i
        parts.append(
            f'<text x="{left - 8}" y="{y + group / 2 + 2}" font-size="11" text-anchor="end" '
            f'fill="#111">{_text(_cut(label))}</text>'
        )
        for r, value in enumerate(row):
            if value is None:
                continue
            end = _x(value, left, width)
            parts.append(
                f'<rect x="{left}" y="{y + r * bar}" width="{round(end - left, 1)}" '
                f'height="{bar - 1}" fill="{COLOURS[r % len(COLOURS)]}">'
                f"<title>{_text(f'{roles[r]}: {number(value)}')}</title></rect>"
            )
    for r, role in enumerate(roles):
        lx = left + (r % 3) * 160 - LABEL_WIDTH + 10
        ly = legend_top + 18 * (r // 3)
        parts.append(
            f'<rect x="{lx}" y="{ly - 8}" width="14" height="10" '
            f'fill="{COLOURS[r % len(COLOURS)]}"/>'
        )
        parts.append(
            f'<text x="{lx + 20}" y="{ly + 1}" font-size="11" fill="#111">'
            f"{_text(_cut(role, 24))}</text>"
        )
    return _close(parts, height, title, desc)
