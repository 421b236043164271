"""Charts of scores on the 1-5 scale inside the app (textual-plotext), level names on the axis."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import RenderResult
from textual_plotext import PlotextPlot

from maturity_scan.present.charts import draw_compare_bars, draw_history, draw_score_bars


class _Chart(PlotextPlot):
    """Keeps what it shows, and draws it again for its final size on every resize, so the
    picture does not depend on whether the data arrived before or after layout."""

    _draw: Callable[[], None] | None = None

    def _show(self, draw: Callable[[], None]) -> None:
        self._draw = draw
        draw()
        self.refresh()

    def on_resize(self) -> None:
        if self._draw is not None:
            self._draw()
            self.refresh()

    def render(self) -> RenderResult:
        """The chart; nothing at all if plotext cannot draw what it was given (dates it cannot
        place on an axis): a chart is never worth a crash."""
        try:
            return super().render()
        except (ValueError, OverflowError, OSError):
            return Text("")


class ScoreChart(_Chart):
    """Bars: one per principle."""

    DEFAULT_CSS = """
    ScoreChart {
        height: 16;
        min-height: 12;
    }
    """

    #: Bar labels are cut to this width, the same at every size: the picture must not depend
    #: on the widget's size at the moment the data arrives (plotext drops overlapping ticks).
    LABEL_WIDTH = 16

    def show_scores(
        self,
        labels: Sequence[str],
        scores: Sequence[float | None],
        level_names: Sequence[str],
        title: str,
    ) -> None:
        self._show(
            lambda: draw_score_bars(
                self.plt,
                labels,
                scores,
                level_names,
                title,
                label_width=self.LABEL_WIDTH,
            )
        )

    def show_comparison(
        self,
        labels: Sequence[str],
        before: Sequence[float | None],
        after: Sequence[float | None],
        legend: tuple[str, str],
        level_names: Sequence[str],
        title: str,
    ) -> None:
        self._show(
            lambda: draw_compare_bars(
                self.plt,
                labels,
                before,
                after,
                legend,
                level_names,
                title,
                label_width=self.LABEL_WIDTH,
            )
        )


class HistoryChart(_Chart):
    """Lines over time: one per principle and one for overall, targets as horizontal lines."""

    DEFAULT_CSS = """
    HistoryChart {
        height: 18;
        min-height: 12;
    }
    """

    def show_history(
        self,
        dates: Sequence[str],
        series: Sequence[tuple[str, Sequence[float | None]]],
        level_names: Sequence[str],
        title: str,
        targets: Sequence[tuple[int, int]] = (),
    ) -> None:
        self._show(lambda: draw_history(self.plt, dates, series, level_names, title, targets))
