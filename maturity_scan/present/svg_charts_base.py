"""What the board report's SVG charts share (:mod:`~maturity_scan.present.svg_charts`):
the :class:`Svg` frame, the scale, colours and font, measuring and wrapping labels, and the
level axis.

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


def esc(value: str) -> str:
    return escape(value, quote=True)


def open_svg(ident: str, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-family="{FONT}" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{esc(title)}</title>',
        f'<desc id="{ident}-desc">{esc(desc)}</desc>',
    ]


def close_svg(parts: list[str], height: int, title: str, desc: str) -> Svg:
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


def text_lines(x: float, y: float, lines: Sequence[str], attributes: str) -> str:
    """A text of one or more lines (``<tspan>``), the first line's baseline at ``y``."""
    if len(lines) == 1:
        return f'<text x="{x}" y="{y}" {attributes}>{esc(lines[0])}</text>'
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if i == 0 else LINE}">{esc(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{x}" y="{y}" {attributes}>{spans}</text>'


def x_at(value: float, left: int, width: int) -> float:
    return round(left + width * max(0.0, min(value, SCALE)) / SCALE, 1)


def level_labels(level_names: Sequence[str], room: float) -> list[list[str]]:
    """Per level 0-5 the lines under the axis: the number, then the name wrapped to ``room``."""
    labels = []
    for level in range(SCALE + 1):
        name = level_names[level - 1] if 1 <= level <= len(level_names) else ""
        labels.append([str(level), *(wrap(name, room) if name else [])])
    return labels


def axis_height(level_names: Sequence[str], width: int) -> int:
    """The room under the axis its labels take."""
    lines = max(len(x) for x in level_labels(level_names, width / SCALE))
    return 8 + LINE * lines


def axis(left: int, top: int, bottom: int, width: int, level_names: Sequence[str]) -> list[str]:
    """Vertical grid lines at 0-5 with the level numbers and, under them, the names."""
    parts = []
    for level, lines in enumerate(level_labels(level_names, width / SCALE)):
        x = x_at(level, left, width)
        parts.append(
            f'<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="#d0d0d0" stroke-width="1"/>'
        )
        parts.append(
            text_lines(x, bottom + 16, lines, 'font-size="11" text-anchor="middle" fill="#333"')
        )
    return parts


def label_rows(labels: Sequence[str], room: float, least: int) -> tuple[list[list[str]], list[int]]:
    """Each label's lines (wrapped to ``room`` pixels) and its row's height: at least
    ``least``, more when the label needs the lines."""
    lines = [wrap(label, room) for label in labels]
    return lines, [max(least, LINE * len(x) + 8) for x in lines]
