"""Home's overview cells at real widths: a level is shown whole ("2 Verkennend") or as its
number, never cut mid-word; names are cut with "…" only when they must, and a name goes
before a level's name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from maturity_scan.core.organisations import OrgFilter, OrgRow
from maturity_scan.storage.store import Store
from maturity_scan.tui.screens.home_rows import filter_text, home_cells, read_home, status_line

from .conftest import make_config, seed_scan

ANSWERS = {
    "bestuur-principebesluit": 2,
    "bestuur-actieplan": 2,
    "bestuur-eigenaar": 2,
    "hr-inkoop-collegas": 3,
    "hr-inkoop-kleine-inkoop": 3,
    "hr-inkoop-overleg": 3,
    "keten-verkenning": 2,
    "keten-proeftuin": 2,
    "keten-rollen": 2,
    "keten-afspraken": 2,
    "keten-banen": 2,
}


def rows(db: Path, names: list[str]) -> list[OrgRow]:
    store = Store(db)
    for name in names:
        seed_scan(store, name, "2026-05-01", ANSWERS)
    return read_home(make_config(db), "nl", None).rows


def widths(cells: tuple[str, ...]) -> int:
    return sum(len(c) + 2 for c in cells)  # DataTable pads each cell by one on both sides


def test_at_80_columns_a_name_goes_before_a_level_name(db_path: Path) -> None:
    found = rows(db_path, ["Gemeente Utrecht", "Gemeente Ede"])
    table = home_cells(found, "nl", 76)
    names = [cells[0] for _, cells in table.cells]
    levels = [cells[2] for _, cells in table.cells]
    assert names == ["Gemeente Ede", "Gemeente Utrecht"], "both whole"
    assert levels == ["2", "2"], "the level's number alone, not a name cut short"
    assert all(widths(cells) <= 76 for _, cells in table.cells)
    wide = home_cells(found, "nl", 96)
    assert [cells[2] for _, cells in wide.cells] == ["2 Verkennend", "2 Verkennend"]
    assert [key for key, _ in wide.cells] == ["gemeente ede", "gemeente utrecht"]


@given(
    st.lists(
        st.text(alphabet="abcdefghij klmnopé", min_size=1, max_size=60).filter(str.strip),
        min_size=1,
        max_size=4,
    ),
    st.integers(min_value=60, max_value=140),
)
def test_levels_are_never_cut_and_rows_fit(names: list[str], width: int) -> None:
    found = [
        OrgRow(name=f"Org {name}", groups=[], scans=1, drafts=0, rescan_months=12)
        for name in dict.fromkeys(names)
    ]
    table = home_cells(found, "en", width)
    for _, cells in table.cells:
        assert widths(cells) <= max(width, 12 + 60), cells
        assert cells[0].endswith("…") or cells[0].startswith("Org ")


def test_the_status_line_says_how_many_of_how_many_and_the_filter() -> None:
    row = OrgRow(name="Gemeente Ede", groups=["Oost"], scans=2, drafts=1, rescan_months=12)
    other = OrgRow(name="Gemeente Zwolle", groups=[], scans=1, drafts=0, rescan_months=12)
    wanted = OrgFilter(query="ede", drafts=True, max_level=2, group="Oost")
    line = status_line([row, other], 1, 3, wanted, "nl", Path("db.json"))
    assert line.startswith("1 van 2 organisaties · filter: „ede”, open concepten, niveau ≤ 2")
    assert "groep Oost" in line and line.endswith("Database: db.json")
    assert "Scans: 3 · organisaties: 2" in status_line(
        [row, other], 2, 3, OrgFilter(), "nl", Path("db.json")
    )
    assert filter_text(OrgFilter(due=True), "en") == "rescan due"
    assert filter_text(OrgFilter(query="a\x1b[2J"), "en") == "“a\\x1b[2J”"


def test_an_organisation_record_gives_the_name_shown(db_path: Path) -> None:
    store = Store(db_path)
    seed_scan(store, "gemeente ede", "2026-05-01", ANSWERS)
    store.rename_organisation("gemeente ede", "Gemeente Ede")
    [row] = read_home(make_config(db_path), "nl", 96).rows
    assert row.name == "Gemeente Ede" and row.last_scan == date(2026, 5, 1)
