"""Home's rows: one per organisation, from one read of the database, and the cells of its table.

Pure: no Textual, no widgets. :func:`read_home` runs off the UI thread (it reads the file and
scores the two latest completed scans of each organisation); :func:`home_cells` is remade on
the UI thread when the language or the table's width changes. The cells are made for every
organisation at once: a search or a filter shows some of them, so the columns do not change
width while the user types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len

from maturity_scan.core.models import Lang
from maturity_scan.core.names import org_key
from maturity_scan.core.organisations import OrgFilter, OrgRow, overview
from maturity_scan.i18n import number, tr
from maturity_scan.visible import visible

if TYPE_CHECKING:
    from pathlib import Path

    from maturity_scan.config import Config
    from maturity_scan.core.catalog import Catalog

#: Per row: its organisation's key (``org_key``) and a text per column.
Cells = list[tuple[str, tuple[str, ...]]]


@dataclass(frozen=True)
class HomeCells:
    headers: list[str]
    cells: Cells


@dataclass(frozen=True)
class HomeRead:
    """What a read gives home: the question sets; a row per organisation; how many scans;
    the table's cells and the language and width they were made for."""

    catalog: Catalog
    rows: list[OrgRow]
    scans: int
    table: HomeCells
    made_for: tuple[Lang, int | None]


def read_home(config: Config, lang: Lang, width: int | None) -> HomeRead:
    """One read of the file: the overview of every organisation, and its cells in ``lang``
    for ``width`` columns."""
    from maturity_scan.dates import today

    catalog = config.catalog
    contents = config.store.overview_contents()
    rows = overview(
        contents.scans,
        contents.targets,
        contents.organisations,
        lambda ref: catalog.find(ref.id, ref.version),
        today(),
        contents.rounds,
    )
    table = home_cells(rows, lang, width)
    return HomeRead(catalog, rows, len(contents.scans), table, (lang, width))


def home_cells(rows: list[OrgRow], lang: Lang, width: int | None) -> HomeCells:
    """The overview table for ``width`` columns of a DataTable (which pads every cell by one
    on both sides), keyed by organisation."""
    from maturity_scan.present.overview import GAP, overview_table

    # overview_table puts GAP between columns; the DataTable also pads the outer two
    room = None if width is None else width - GAP
    table = overview_table(rows, lang, room, measure=cell_len)
    return HomeCells(table.headers, [(org_key(name), tuple(c)) for name, c in table.rows])


def filter_text(wanted: OrgFilter, lang: Lang) -> str:
    """What a filter shows, in words ("open concepten, niveau ≤ 2"); empty without one."""
    parts = []
    if wanted.query:
        parts.append(tr("ui.filter.query", lang, query=visible(wanted.query, single_line=True)))
    if wanted.drafts:
        parts.append(tr("ui.filter.drafts", lang))
    if wanted.due:
        parts.append(tr("ui.filter.due", lang))
    if wanted.max_level is not None:
        parts.append(tr("ui.filter.level", lang, level=wanted.max_level))
    if wanted.group is not None:
        parts.append(tr("ui.filter.group", lang, group=visible(wanted.group, single_line=True)))
    return ", ".join(parts)


def status_line(
    rows: list[OrgRow], shown: int, scans: int, wanted: OrgFilter, lang: Lang, db_path: Path
) -> str:
    """Under the table: how many organisations (of how many, with a filter) and scans, the
    filter, and which database."""
    db = tr("ui.home.db", lang, path=visible(str(db_path), single_line=True))
    if not rows:
        return db
    if wanted.active:
        count = tr(
            "ui.home.shown",
            lang,
            shown=number(shown, lang),
            count=len(rows),
            total=number(len(rows), lang),
        )
        what = tr("ui.home.filter", lang, filter=filter_text(wanted, lang))
        return f"{count} · {what} · {db}"
    count = tr("ui.home.count", lang, count=number(scans, lang), orgs=number(len(rows), lang))
    return f"{count} · {db}"
