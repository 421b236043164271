"""``scan show``: the report model as text and JSON (the same sections as the app's results),
and command-line tables measured in terminal cells."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from maturity_scan.cli.text import cell_width, table
from maturity_scan.core.models import Target
from maturity_scan.storage.store import Store

from .conftest import seed_scan
from .test_cli import SETS, run


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The database for this test, and the mini set next to the shipped one."""
    path = tmp_path / "data" / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    monkeypatch.setenv("MATURITY_SCAN_QUESTIONS", str(SETS))
    return path


ORG = "Gemeente Testdorp"
# alpha: a1=3, a2=2 (weight 2), a3=4 → 2.75, level 2: a2 holds it back; a3 has a note
# beta: b1 "don't know" with a note, b2=2 → level 2
ANSWERS = {"a1": 3, "a2": 2, "a3": 4, "b1": "unknown", "b2": 2}
NOTES = {"a2": "budget ontbreekt", "a3": "loopt goed\ntweede regel", "b1": "vragen bij HR"}


def seeded(db: Path) -> str:
    store = Store(db)
    seed_scan(
        store,
        ORG,
        "2024-03-01",
        {"a1": 2, "a2": 2, "a3": 2, "b1": 1, "b2": 1},
        set_id="mini",
        version="1",
    )
    seed_scan(store, "Elders", "2024-06-01", {"a1": 5}, set_id="mini", version="1")
    scan = seed_scan(store, ORG, "2025-03-01", ANSWERS, notes=NOTES, set_id="mini", version="1")
    store.set_target(Target(organisation=ORG, question_set="mini", principle="alpha", level=4))
    return scan.id


def test_text_has_notes_dont_know_target_and_change(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan_id = seeded(db)
    code, out, err = run(capsys, "scan", "show", scan_id)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert "Verschil met de vorige afgeronde scan, 67656d65 van 2024-03-01: totaal ▲+0.8" in out
    assert next(line for line in lines if line.startswith("principe")).split() == [
        "principe",
        "score",
        "niveau",
        "beantwoord",
        "doel",
        "(gat)",
        "verschil",
    ]
    rows = {line.split("  ")[0]: line.split() for line in lines}
    assert rows["Principe alpha"][-4:] == ["3/3", "4", "(−1.3)", "▲+0.7"]
    assert rows["Totaal"][-1] == "▲+0.8"
    assert "Principe alpha — 2 Twee → 4 Vier (streefniveau 4)" in out
    assert "  [2] Vraag a2?" in out and "jouw antwoord: 2 — a2 niveau 2" in out
    assert "notitie: budget ontbreekt" in out
    assert "  Uit te zoeken (‘weet ik niet’ telt niet mee):" in out
    assert "    ? Vraag b1?" in out and "notitie: vragen bij HR" in out
    assert "  Notities:" in out and "notitie: loopt goed\n               tweede regel" in out
    assert "  Volgende stappen" in out and "• alpha stap 3" in out


def test_text_in_english(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scan_id = seeded(db)
    code, out, _ = run(capsys, "--lang", "en", "scan", "show", scan_id)
    assert code == 0
    assert "Change since the previous completed scan" in out
    assert "To find out (‘don't know’ does not count):" in out and "note: vragen bij HR" in out
    assert "Notes:" in out and "target (gap)" in out and "change" in out


def test_json_is_the_report(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scan_id = seeded(db)
    code, out, _ = run(capsys, "scan", "show", scan_id, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["previous"]["date"].startswith("2024-03-01")
    alpha, beta = data["scores"]["principles"]
    assert alpha["target"] == {"level": 4, "by": None, "reached": False, "gap": 1.25}
    assert alpha["change"] == {"previous_score": 2.0, "previous_level": 2, "delta": 0.75}
    assert [a["question"] for a in alpha["holding_back"]] == ["a2", "a1"]
    assert alpha["holding_back"][0]["anchor"] == {"nl": "a2 niveau 2", "en": "a2 level 2"}
    assert [a["question"] for a in alpha["notes"]] == ["a3"]
    assert [(a["question"], a["note"]) for a in beta["dont_know"]] == [("b1", "vragen bij HR")]
    assert data["question_set"]["title"] == {"nl": "Mini-set", "en": "Mini set"}


def test_a_first_scan_has_no_change(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeded(db)
    first = Store(db).scans(ORG)[0]
    code, out, _ = run(capsys, "scan", "show", first.id)
    assert code == 0 and "vorige afgeronde scan" not in out and "verschil" not in out
    data = json.loads(run(capsys, "scan", "show", first.id, "--json")[1])
    assert data["previous"] is None and data["scores"]["overall"]["change"] is None


# ------------------------------------------------------------------ tables in terminal cells

WIDE = ["Gemeente Ede\u0301", "Café 🍵 Noord", "東京都庁", "Zwolle"]


def test_cell_width() -> None:
    assert [cell_width(n) for n in WIDE] == [12, 13, 8, 6]


def test_table_lines_up_emoji_cjk_and_combining_accents() -> None:
    out = table(["naam", "niveau"], [[name, "3"] for name in WIDE])
    lines = out.splitlines()
    # the second column starts in the same terminal cell on every line
    starts = {cell_len(line[: line.rindex(" ") + 1]) for line in lines[2:]}
    assert starts == {cell_len(lines[0][: lines[0].index("niveau")])}
    assert lines[1].split() == ["-" * 13, "-" * 6]


def test_scan_list_lines_up_wide_names(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(db)
    for name in WIDE:
        seed_scan(store, name, "2025-01-01", {"a1": 3}, set_id="mini", version="1")
    code, out, _ = run(capsys, "scan", "list")
    assert code == 0
    lines = out.splitlines()
    status = cell_len(lines[0][: lines[0].index("status")])
    assert len(lines) == 2 + len(WIDE)
    for line in lines[2:]:  # the status column starts in the same cell on every row
        assert cell_len(line[: line.index("afgerond")]) == status, line


def test_text_measured_without_rich_is_measured_as_rich_does() -> None:
    """cell_width counts Latin text itself (no Rich import at start-up): the same as Rich."""
    from maturity_scan.cli.text import _NARROW

    narrow = [chr(c) for c in range(0x20, 0x3000) if _NARROW.fullmatch(chr(c))]
    assert len(narrow) > 700
    assert [c for c in narrow if cell_len(c) != 1] == []
    assert cell_width("Demo — Gemeente Voorbeeldstad • Coördinator…") == 44


def test_on_a_narrow_terminal_tables_cut_names_not_levels_and_prose_wraps_to_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from maturity_scan.cli import text

    rows = [["Gemeente Voorbeeldstad met een lange naam", "Sanne de Vries", "3 In ontwikkeling"]]
    headers = ["organisatie", "ingevuld door", "niveau"]
    wide = text.table(headers, rows, shrink=[0, 1])
    assert "3 In ontwikkeling" in wide and "…" not in wide  # a pipe: no terminal, no cuts
    monkeypatch.setattr(text, "terminal_width", lambda: 50)
    narrow = text.table(headers, rows, shrink=[0, 1])
    assert all(text.cell_width(line) <= 50 for line in narrow.splitlines()), narrow
    assert narrow.splitlines()[2].endswith("3 In ontwikkeling") and "…" in narrow
    prose = text._wrap("woord " * 40, "  ")
    assert max(len(line) for line in prose.splitlines()) <= 50
