"""Charts of the board report as SVG, written by hand (no chart library, nothing loaded):
the principle scores with their targets (:mod:`.svg_charts_profile`), an organisation's
history (:mod:`.svg_charts_history`), and a round's roles side by side per principle
(:mod:`.svg_charts_roles`); what they share is in :mod:`.svg_charts_base`. This module names
them all, for the report's builders.
"""

from __future__ import annotations

from maturity_scan.present.svg_charts_base import Svg, text_width, wrap
from maturity_scan.present.svg_charts_history import (
    Moment,
    history_lines,
    least_distance,
    moment_label,
    time_labels,
    time_positions,
)
from maturity_scan.present.svg_charts_profile import principle_bars
from maturity_scan.present.svg_charts_roles import role_bars

__all__ = [
    "Moment",
    "Svg",
    "history_lines",
    "least_distance",
    "moment_label",
    "principle_bars",
    "role_bars",
    "text_width",
    "time_labels",
    "time_positions",
    "wrap",
]
