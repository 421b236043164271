"""Charts of scores on the 1-5 scale, drawn with plotext.

The same function draws on plotext's module-level figure (command line) and on the
``plt`` of a textual-plotext widget (app): both speak plotext's API.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

BAR_COLOR = "blue+"


def short_label(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)].rstrip() + "…"


def draw_score_bars(
    plt: Any,
    labels: Sequence[str],
    scores: Sequence[float | None],
    level_names: Sequence[str],
    title: str = "",
    label_width: int = 18,
) -> None:
    """Vertical bars, one per principle, on a 0-5 axis whose ticks carry the level names.

    A principle without a score is drawn as an empty bar (its label still shows).
    """
    plt.clear_figure()
    plt.theme("clear")
    xs = [short_label(label, label_width) for label in labels]
    plt.bar(xs, [s or 0 for s in scores], color=BAR_COLOR, width=0.5)
    plt.ylim(0, 5)
    plt.yticks(
        [1, 2, 3, 4, 5], [f"{n} {name}" for n, name in zip(range(1, 6), level_names, strict=True)]
    )
    if title:
        plt.title(title)


def render_score_bars(
    labels: Sequence[str],
    scores: Sequence[float | None],
    level_names: Sequence[str],
    title: str,
    width: int,
    height: int = 18,
    color: bool = True,
) -> str:
    """The chart as text, for the command line."""
    import plotext

    draw_score_bars(plotext, labels, scores, level_names, title)
    plotext.plotsize(width, height)
    if not color:
        plotext.theme("clear")
    return str(plotext.build())
