"""How a round's respondents answered one question, as a strip that reads at a glance: per
level 1-5 a dot per respondent (the lower median's level stands out), then "don't know",
"not applicable" and those who left it open, so a spread from 1 to 4 is seen before a
number is read.

    1 ●   2 ·   3 ●●  4 ●   5 ·   ? ·   n.v.t. ·  – ●

Counts above :data:`MAX_DOTS` are written as a number after the dots. Pure Rich: no widget
state, so the round screen and the consensus session draw the same strip.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text as RichText

#: The most dots a level gets; a larger count is written after them ("●●●●●●+4").
MAX_DOTS = 6
DOT = "●"
NONE = "·"


def cell_width(counts: Mapping[str, int] | None = None, largest: int | None = None) -> int:
    """The width of one level's dots: room for the largest count shown (at most
    :data:`MAX_DOTS` dots and a "+n"), so the strips of one screen line up."""
    if largest is None:
        largest = max((counts or {}).values(), default=0)
    if largest <= MAX_DOTS:
        return max(1, largest)
    return MAX_DOTS + 1 + len(str(largest - MAX_DOTS))


def _dots(count: int) -> str:
    if count == 0:
        return NONE
    if count <= MAX_DOTS:
        return DOT * count
    return DOT * MAX_DOTS + f"+{count - MAX_DOTS}"


def distribution_strip(
    counts: Mapping[str, int],
    median: int | None,
    *,
    width: int,
    unknown_label: str = "?",
    na_label: str = "n.v.t.",
    none_label: str = "–",
    show_na: bool = True,
) -> RichText:
    """The strip of one question: ``counts`` as :mod:`maturity_scan.core.rounds` gives them
    ("1".."5", "na", "unknown", "none"), ``median`` (the lower median) in bold and reverse,
    every level ``width`` dots wide. "n.v.t." only with ``show_na`` (or when someone said it);
    the respondents who left it open (``none_label``) only when there are any."""
    strip = RichText(no_wrap=True, overflow="ellipsis")
    for level in range(1, 6):
        count = counts.get(str(level), 0)
        label_style = "bold reverse" if level == median else "bold"
        strip.append(str(level), style=label_style)
        strip.append(" ")
        strip.append(_dots(count).ljust(width), style="" if count else "dim")
        strip.append("  ")
    for key, label in (("unknown", unknown_label), ("na", na_label), ("none", none_label)):
        count = counts.get(key, 0)
        if not count and (key == "none" or (key == "na" and not show_na)):
            continue
        strip.append(label, style="bold")
        strip.append(" ")
        strip.append(_dots(count), style="" if count else "dim")
        strip.append("  ")
    strip.rstrip()
    return strip
