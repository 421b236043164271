"""Home's table at real widths: long names are cut, never the date, status or level."""

from __future__ import annotations

from datetime import UTC, datetime

from maturity_scan.core.models import Respondent, SetRef
from maturity_scan.storage.store import make_scan
from maturity_scan.tui.screens.scan_rows import Row, table_cells

REF = SetRef(id="sociale-inkoop", version="1.0")


def rows() -> list[Row]:
    long = make_scan(
        "Waterschap Drents Overijsselse Delta",
        REF,
        Respondent(name="Marieke Jansen", role="Adviseur inclusie"),
        completed_at=datetime(2026, 5, 1, 12, tzinfo=UTC),
    )
    return [Row(long, None, None)]


def width_of(cells: tuple[str, ...]) -> int:
    return sum(len(c) + 2 for c in cells)  # DataTable pads each cell by one on both sides


def test_at_80_columns_everything_but_the_names_is_whole() -> None:
    [(_, cells)] = table_cells(rows(), "nl", 76)
    org, day, who, status, level = cells
    assert org.endswith("…") and org.startswith("Waterschap")
    assert who.endswith("…") and who.startswith("Marieke")
    assert (day, status) == ("2026-05-01", "afgerond")
    assert level.endswith("?")  # the set is given as missing here, and named whole
    assert width_of(cells) <= 76


def test_with_room_nothing_is_cut() -> None:
    [(_, cells)] = table_cells(rows(), "en", 200)
    assert cells[0] == "Waterschap Drents Overijsselse Delta"
    assert cells[2] == "Marieke Jansen (Adviseur inclusie)"


def test_room_left_by_short_organisations_goes_to_the_respondents() -> None:
    scan = make_scan(
        "Gemeente Ede",
        REF,
        Respondent(name="Fatima El Amrani", role="Coördinator sociale inkoop"),
        completed_at=datetime(2026, 5, 1, 12, tzinfo=UTC),
    )
    [(_, cells)] = table_cells([Row(scan, None, None)], "nl", 96)
    assert cells[0] == "Gemeente Ede"
    assert cells[2].startswith("Fatima El Amrani (Coördinator") and cells[2].endswith("…")
    assert width_of(cells) == 96  # every column the organisations leave is used
