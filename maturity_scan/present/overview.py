"""The organisation overview as a table: the columns home and ``org list`` show, and the
text of each cell, fitted to a width on purpose.

Fitting never cuts a level mid-word: the level column shows "3 In ontwikkeling" when there is
room and "3" when there is not; only the organisation's name is cut, with "…". Dates are ISO
days, as everywhere in the program. Pure: no Textual, no click.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date

from maturity_scan.core.models import Lang
from maturity_scan.core.organisations import OrgRow
from maturity_scan.i18n import tr
from maturity_scan.visible import visible

#: The columns, by message key of their header.
COLUMNS = (
    "ov.col.org",
    "ov.col.profile",
    "ov.col.level",
    "ov.col.change",
    "ov.col.gap",
    "ov.col.last",
    "ov.col.rescan",
    "ov.col.drafts",
)
ORG, PROFILE, LEVEL = 0, 1, 2
#: The organisation's name is never cut below this many cells.
MIN_NAME = 12
#: Level names are shown only while the name column keeps this many cells (or every name
#: whole): a name is what a row is found by, so it goes before the level's name.
NAME_WITH_LEVELS = 20
#: What a table puts between two columns, in cells (home's cells have one cell of padding
#: on either side; the command line puts two spaces).
GAP = 2

CHANGE_MARKS = {"up": "▲", "down": "▼", "same": "="}
NO_LEVEL = "–"


@dataclasses.dataclass(frozen=True)
class OverviewTable:
    headers: list[str]
    #: Per row: the organisation's name (its identity for the table) and a text per column.
    rows: list[tuple[str, list[str]]]
    #: Whether the level column shows level names (False: the number alone, for room).
    level_names: bool


def profile(row: OrgRow) -> str:
    """The latest level per principle, in the set's order: "2·3·1" (– for none)."""
    if not row.principles:
        return NO_LEVEL if row.scans else ""
    return "·".join(str(p.level) if p.level is not None else NO_LEVEL for p in row.principles)


def level_cell(row: OrgRow, lang: Lang, with_name: bool) -> str:
    if row.overall_level is None:
        return NO_LEVEL if row.scans else ""
    if with_name and row.level_name is not None:
        return f"{row.overall_level} {row.level_name.get(lang)}"
    return str(row.overall_level)


def gap_cell(row: OrgRow) -> str:
    """Levels still to go to the targets: "−2"; "✓" when every target is reached."""
    if row.gap is None:
        return ""
    return "✓" if row.gap == 0 else f"−{row.gap}"


def rescan_cell(row: OrgRow, lang: Lang) -> str:
    return tr(f"ov.rescan.{row.rescan}", lang) if row.rescan is not None else ""


def drafts_cell(row: OrgRow) -> str:
    return str(row.drafts) if row.drafts else ""


def last_cell(row: OrgRow) -> str:
    return row.last_scan.isoformat() if isinstance(row.last_scan, date) else ""


def cells(row: OrgRow, lang: Lang, level_names: bool) -> list[str]:
    """The texts of one row, the name whole (see :func:`overview_table` for fitting)."""
    return [
        visible(row.name, single_line=True),
        profile(row),
        level_cell(row, lang, level_names),
        CHANGE_MARKS.get(row.change or "", ""),
        gap_cell(row),
        last_cell(row),
        rescan_cell(row, lang),
        drafts_cell(row),
    ]


def overview_table(
    rows: Sequence[OrgRow],
    lang: Lang,
    width: int | None,
    measure: Callable[[str], int] = len,
) -> OverviewTable:
    """The overview of ``rows`` in ``lang`` for ``width`` cells (None: as wide as it
    needs). Level names are shown when the name column keeps at least
    :data:`NAME_WITH_LEVELS` cells with them (or every name whole); then names are cut with
    "…" to what is left (never below :data:`MIN_NAME`). ``measure`` counts the cells of a
    text (the command line passes its wide-character aware count)."""
    headers = [tr(key, lang) for key in COLUMNS]
    for level_names in (True, False):
        made = [(row.name, cells(row, lang, level_names)) for row in rows]
        widths = _widths(headers, [c for _, c in made], measure)
        room = None if width is None else width - sum(widths[1:]) - GAP * (len(COLUMNS) - 1)
        if room is None or room >= min(NAME_WITH_LEVELS, widths[ORG]) or not level_names:
            break
    if room is not None:
        name_width = max(room, MIN_NAME)
        made = [(name, [cut(c[0], name_width, measure), *c[1:]]) for name, c in made]
    return OverviewTable(headers=headers, rows=made, level_names=level_names)


def _widths(headers: list[str], rows: list[list[str]], measure: Callable[[str], int]) -> list[int]:
    return [max(measure(c) for c in column) for column in zip(headers, *rows, strict=True)]


def cut(text: str, width: int, measure: Callable[[str], int] = len) -> str:
    """``text`` whole when it fits in ``width`` cells, else cut with "…"."""
    if measure(text) <= width:
        return text
    while text and measure(text) > width - 1:
        text = text[:-1]
    return text.rstrip() + "…"
