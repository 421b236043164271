"""Charts of scores on the 1-5 scale, drawn with plotext.

The same function draws on plotext's module-level figure (command line) and on the
``plt`` of a textual-plotext widget (app): both speak plotext's API.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from maturity_scan.core.history import HistoryPoint
    from maturity_scan.core.models import Lang, QuestionSet

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
    _level_axis(plt, level_names, title)


def _level_axis(plt: Any, level_names: Sequence[str], title: str) -> None:
    """The y axis reads "1 Beginnend" … "5 Voortrekker"; the title above."""
    ticks = [f"{n} {name}" for n, name in zip(range(1, 6), level_names, strict=True)]
    plt.yticks([1, 2, 3, 4, 5], ticks)
    if title:
        plt.title(title)


def render_score_bars(
    labels: Sequence[str],
    scores: Sequence[float | None],
    level_names: Sequence[str],
    title: str,
    width: int,
    height: int = 18,
) -> str:
    """The chart as text, for the command line."""
    import plotext

    draw_score_bars(plotext, labels, scores, level_names, title)
    return render(plotext, width, height)


#: Colours of the history lines: one per principle, the last for "overall".
LINE_COLORS = ["blue+", "green+", "orange+", "magenta+", "cyan+", "red+"]
OVERALL_COLOR = "gray+"


def draw_history(
    plt: Any,
    dates: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    level_names: Sequence[str],
    title: str = "",
    targets: Sequence[tuple[int, int]] = (),
) -> None:
    """One line per series over ``dates`` (``YYYY-MM-DD``) on the 1-5 scale.

    The last series is drawn as "overall" in grey. ``targets`` are (series index, level):
    a dotted horizontal line at the target level in that series' colour.
    """
    plt.clear_figure()
    plt.theme("clear")
    plt.date_form("Y-m-d")
    # Overall first, so the principles' lines are drawn over it where they coincide.
    order = [len(series) - 1, *range(len(series) - 1)]
    for index in order:
        label, values = series[index]
        color = OVERALL_COLOR if index == len(series) - 1 else LINE_COLORS[index % len(LINE_COLORS)]
        points = [(d, v) for d, v in zip(dates, values, strict=True) if v is not None]
        if points:
            xs, ys = zip(*points, strict=True)
            plt.plot(list(xs), list(ys), label=label, color=color, marker="hd")
    for index, level in targets:
        plt.hline(level, LINE_COLORS[index % len(LINE_COLORS)])
    if len(set(dates)) == 1:
        # One day only: plotext would stretch the axis over a century around it.
        from datetime import date, timedelta

        day = date.fromisoformat(dates[0])
        plt.xlim(str(day - timedelta(days=30)), str(day + timedelta(days=30)))
    plt.ylim(0.8, 5.2)
    _level_axis(plt, level_names, title)


def draw_compare_bars(
    plt: Any,
    labels: Sequence[str],
    before: Sequence[float | None],
    after: Sequence[float | None],
    legend: tuple[str, str],
    level_names: Sequence[str],
    title: str = "",
    label_width: int = 18,
) -> None:
    """Two bars per principle, before and after, on the 0-5 axis with level names."""
    plt.clear_figure()
    plt.theme("clear")
    xs = [short_label(label, label_width) for label in labels]
    plt.multiple_bar(
        xs,
        [[v or 0 for v in before], [v or 0 for v in after]],
        labels=list(legend),
        color=["gray+", BAR_COLOR],
    )
    plt.ylim(0, 5)
    _level_axis(plt, level_names, title)


def render(plt_module: Any, width: int, height: int = 18) -> str:
    """Build the current plotext figure as text (command line)."""
    plt_module.plotsize(width, height)
    return str(plt_module.build())


def history_series(
    points: Sequence[HistoryPoint], question_set: QuestionSet, lang: Lang, overall_label: str
) -> list[tuple[str, list[float | None]]]:
    """(label, scores over time) per principle of ``question_set``, then overall."""
    series: list[tuple[str, list[float | None]]] = []
    for principle in question_set.principles:
        values: list[float | None] = []
        for point in points:
            score = point.scores.principle(principle.id)
            values.append(score.score if score is not None else None)
        series.append((principle.title.get(lang), values))
    series.append((overall_label, [point.scores.overall.score for point in points]))
    return series
