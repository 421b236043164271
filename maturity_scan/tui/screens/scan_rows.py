"""The scans view's rows (every scan, or one organisation's): what one read of the database
gives, and the cells of the table.

Pure: no Textual, no widgets. :func:`read_scans` runs off the UI thread (it reads the file and
scores every scan); :func:`table_cells` is remade on the UI thread when the language or the
table's width changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from maturity_scan.core.models import Lang
from maturity_scan.core.names import org_key
from maturity_scan.core.organisations import OrgRow
from maturity_scan.visible import visible

if TYPE_CHECKING:
    from pathlib import Path

    from maturity_scan.config import Config
    from maturity_scan.core.catalog import Catalog
    from maturity_scan.core.models import QuestionSet, Scan, SetRef

#: Long "name (role)" entries are cut, so the status and level columns stay in view.
RESPONDENT_WIDTH = 26

COLUMNS = ("ui.col.org", "ui.col.date", "ui.col.respondent", "ui.col.status", "ui.col.level")
#: What the status column says: a draft, or the kind of a completed scan (on its own, a
#: respondent's in a team round, a round's consensus).
STATUSES = ("draft", "single", "response", "consensus")
#: An organisation's own scans leave its name out.
ORG_COLUMNS = COLUMNS[1:]

#: Per row: its scan's id and a text per column (see ``COLUMNS``).
Cells = list[tuple[str, tuple[str, ...]]]


@dataclass(frozen=True)
class Row:
    scan: Scan
    question_set: QuestionSet | None
    overall_level: int | None


@dataclass(frozen=True)
class ScansRead:
    """What a read gives the scans view: the question sets; a row per scan; the table's
    cells; the language and width they were made for; the organisations (folded) with
    targets; for one organisation's scans, its overview row (None once it has no scan)."""

    catalog: Catalog
    rows: list[Row]
    cells: Cells
    made_for: tuple[Lang, int | None]
    with_targets: set[str]
    organisation: OrgRow | None = None
    #: The organisation whose scans were asked for (None: every scan).
    asked: str | None = None
    #: For one organisation: how many team rounds it has.
    rounds: int = 0


def read_scans(
    config: Config, lang: Lang, width: int | None, organisation: str | None = None
) -> ScansRead:
    """The question sets; a row per scan (its question set and overall level), sorted by
    organisation and newest first; what the table shows of each, in ``lang`` for ``width``
    columns; the organisations with targets. One read of the file. With ``organisation``,
    only its scans (without the name column) and its overview row."""
    catalog = config.catalog
    contents = config.store.contents(organisation)
    scans = contents.scans
    row: OrgRow | None = None
    if organisation is not None and (scans or contents.rounds):
        from maturity_scan.core.organisations import overview
        from maturity_scan.dates import today

        [row] = overview(
            scans,
            contents.targets,
            contents.organisations,
            _finder(catalog),
            today(),
            contents.rounds,
        )
    # organisations with something kept beside their scans (targets, groups, interval):
    # deleting the last scan deletes it too
    with_targets = {org_key(t.organisation) for t in contents.targets}
    with_targets |= {org_key(o.name) for o in contents.organisations}
    rows = []
    if scans:
        from maturity_scan.core.scoring import score_scan
    for scan in scans:
        qs = catalog.find(scan.question_set.id, scan.question_set.version)
        level = None
        if qs is not None:
            level = score_scan(qs, {q: r.level for q, r in scan.answers.items()}).overall.level
        rows.append(Row(scan, qs, level))
    rows.sort(key=lambda r: (org_key(r.scan.organisation), newest_first(r.scan)))
    with_org = organisation is None
    cells = table_cells(rows, lang, width, with_org=with_org)
    return ScansRead(
        catalog, rows, cells, (lang, width), with_targets, row, organisation, len(contents.rounds)
    )


def _finder(catalog: Catalog) -> Callable[[SetRef], QuestionSet | None]:
    return lambda ref: catalog.find(ref.id, ref.version)


def table_cells(
    rows: Iterable[Row], lang: Lang, width: int | None = None, *, with_org: bool = True
) -> Cells:
    """What the scans view shows of each scan: its id, and a text per column (see
    ``COLUMNS``; ``ORG_COLUMNS`` without ``with_org``).

    With ``width`` (the table's room in columns), organisation and respondent are cut so the
    date, status and level always stay in view, at 80 columns too."""
    from maturity_scan.i18n import tr
    from maturity_scan.present.textreport import (
        level_label,
        local_date,
        missing_set_label,
        progress_label,
        respondent_label,
    )

    status = {key: tr(f"status.{key}", lang) for key in STATUSES}
    texts: list[tuple[str, list[str]]] = []
    for row in rows:
        scan = row.scan
        if row.question_set is None:
            level = missing_set_label(scan)
        elif scan.status == "draft":
            level = progress_label(scan, row.question_set, lang)
        else:
            level = level_label(row.question_set, row.overall_level, lang)
        who = respondent_label(scan) or "—"
        state = status[scan.kind if scan.status == "completed" else scan.status]
        cells = [scan.organisation, local_date(scan.date), who, state, level]
        texts.append((scan.id, [visible(text, single_line=True) for text in cells]))
    if not with_org:
        for _, cells in texts:
            cells[0] = ""
    org_room, who_room = _name_room(texts, lang, width, with_org)
    made: Cells = [
        (key, (_cut(org, org_room), day, _cut(who, who_room), state, level))
        for key, (org, day, who, state, level) in texts
    ]
    return made if with_org else [(key, cells[1:]) for key, cells in made]


#: DataTable puts one column of padding on each side of a cell.
_CELL_PADDING = 2


def _name_room(
    texts: list[tuple[str, list[str]]], lang: Lang, width: int | None, with_org: bool = True
) -> tuple[int, int]:
    """How wide the organisation and respondent columns may be."""
    if width is None or not texts:
        return 10_000, RESPONDENT_WIDTH
    from maturity_scan.i18n import tr

    headers = [len(tr(key, lang)) for key in COLUMNS]
    if not with_org:
        headers[0] = 0
    widest = [max([headers[i]] + [len(cells[i]) for _, cells in texts]) for i in range(5)]
    columns = len(COLUMNS) if with_org else len(ORG_COLUMNS)
    fixed = widest[1] + widest[3] + widest[4] + _CELL_PADDING * columns
    room = width - fixed
    org, who = widest[0], widest[2]
    if org + who <= room:  # room enough: nothing is cut
        return org, who
    who_room = min(who, max(headers[2], room // 3))
    org_room = max(headers[0], room - who_room)
    if org <= org_room:  # the organisations fit: the respondents get what is left
        return org, max(who_room, room - org)
    return org_room, who_room


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)].rstrip() + "…"


def status_line(rows: list[Row], lang: Lang, db_path: Path, one_organisation: bool = False) -> str:
    """Under a table: how many scans (of how many organisations, unless they are one
    organisation's), and which database."""
    from maturity_scan.i18n import number, tr

    db = tr("ui.home.db", lang, path=visible(str(db_path), single_line=True))
    if not rows:
        return db
    orgs = len({org_key(r.scan.organisation) for r in rows})
    if one_organisation:
        count = tr("ui.org.count", lang, count=len(rows), shown=number(len(rows), lang))
    else:
        count = tr("ui.home.count", lang, count=number(len(rows), lang), orgs=number(orgs, lang))
    return f"{count} · {db}"


def day(scan: Scan) -> str:
    """The scan's date as the scans view and its messages show it."""
    from maturity_scan.present.textreport import local_date

    return local_date(scan.date)


def newest_first(scan: Scan) -> float:
    """Sort key: the newest scan first; any stored date (year 1, year 9999) sorts."""
    from datetime import UTC, datetime

    try:
        return -(scan.date - datetime(2000, 1, 1, tzinfo=UTC)).total_seconds()
    except (OverflowError, ValueError, TypeError):
        return 0.0
