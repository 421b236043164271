"""A bar chart of principle scores on the 1-5 scale, level names on the axis."""

from __future__ import annotations

from collections.abc import Sequence

from textual_plotext import PlotextPlot

from maturity_scan.charts import draw_score_bars


class ScoreChart(PlotextPlot):
    DEFAULT_CSS = """
    ScoreChart {
        height: 16;
        min-height: 12;
    }
    """

    def show_scores(
        self,
        labels: Sequence[str],
        scores: Sequence[float | None],
        level_names: Sequence[str],
        title: str,
    ) -> None:
        width = max(10, (self.size.width or 80) // max(1, len(labels)) - 4)
        draw_score_bars(self.plt, labels, scores, level_names, title, label_width=width)
        self.refresh()
