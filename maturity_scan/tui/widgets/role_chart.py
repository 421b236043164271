"""Per principle, the roles of a round side by side: a bar per role on the 1-5 scale, so
"HR says 1, inkoop says 4" is seen as a short and a long bar before a number is read; the
perception gap (highest role − lowest) beside the principle's title.

    Commitment van het bestuur  perceptieverschil 3.0
      Bestuur        ████████████████████████ 4.0
      HR             ██████ 1.0
                     1     2     3     4     5

Compact bars drawn as text (not plotext): they fit 80 columns and draw the same at every
size. Scores are shown rounded down to one decimal, as everywhere
(:func:`maturity_scan.present.textreport.shown`); the gap's text is the caller's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Group
from rich.text import Text as RichText

from maturity_scan.present.textreport import fmt_score, shown

#: Cells per level: level 5 is a bar of 5 × this.
CELLS_PER_LEVEL = 6
#: Role names are cut to this width, so the bars of every principle start in one column.
LABEL_WIDTH = 20
#: The roles' colours, in the order the round's roles first appear (then round again).
COLOURS = ("cyan", "magenta", "yellow", "green", "blue", "red")


@dataclass(frozen=True)
class RoleBars:
    """One principle: its title, per role (name, score) and the gap text (or "")."""

    title: str
    scores: Sequence[tuple[str, float]]
    gap: str


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def scale_line(cells: int = CELLS_PER_LEVEL) -> RichText:
    """The levels under the bars, each at the end of its stretch."""
    line = " " * (LABEL_WIDTH + 3)
    for level in range(1, 6):
        line += str(level).rjust(cells)
    return RichText(line, style="dim", no_wrap=True)


def role_bars(
    principles: Sequence[RoleBars], colours: dict[str, str], cells: int = CELLS_PER_LEVEL
) -> Group:
    """The chart: per principle its title and gap, a bar per role, the scale under the
    last. ``colours``: role name → colour (the same role the same colour everywhere)."""
    parts: list[RichText] = []
    for principle in principles:
        head = RichText(no_wrap=True, overflow="ellipsis")
        head.append(principle.title, style="bold")
        if principle.gap:
            head.append("  " + principle.gap, style="bold yellow")
        parts.append(head)
        for role, score in principle.scores:
            bar = RichText(no_wrap=True)
            bar.append("  " + _cut(role, LABEL_WIDTH).ljust(LABEL_WIDTH) + " ")
            length = max(1, round(shown(score) * cells))
            bar.append("█" * length, style=colours.get(role, "white"))
            bar.append(f" {fmt_score(score)}")
            parts.append(bar)
    if parts:
        parts.append(scale_line(cells))
    return Group(*parts)


def colours_for(roles: Sequence[str]) -> dict[str, str]:
    """A colour per role name, in the given order."""
    return {role: COLOURS[i % len(COLOURS)] for i, role in enumerate(roles)}
