"""``history``, ``compare``, ``target`` and ``demo`` on the command line, bad input included."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from maturity_scan.cli import main
from maturity_scan.exchange.demo import DEMO_ORGANISATION
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets.loading import load_catalog
from maturity_scan.storage.store import Store

from .conftest import seed_scan

ORG = "Gemeente Groei"
BOARD = ["bestuur-principebesluit", "bestuur-actieplan", "bestuur-eigenaar", "bestuur-middelen"]


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


@pytest.fixture
def grown(db_path: Path) -> Path:
    """Two completed scans and a draft of one organisation, one scan of another."""
    store = Store(db_path)
    # board: four of its seven questions (enough for a level) all at 2, then all at 4:
    # scores 2.0 -> 4.0 (delta +2); the other principles have no level, so overall = board.
    # ids of the form the program makes, so that an export of them imports
    seed_scan(store, ORG, "2025-01-10", dict.fromkeys(BOARD, 2), scan_id="1" * 32)
    seed_scan(
        store,
        ORG,
        "2026-01-10",
        dict.fromkeys(BOARD, 4),
        notes={"bestuur-principebesluit": "Beleid vastgesteld"},
        scan_id="2" * 32,
    )
    seed_scan(
        store, ORG, "2026-06-01", {"bestuur-principebesluit": 5}, status="draft", scan_id="3" * 32
    )
    seed_scan(
        store, "Andere Gemeente", "2026-02-01", {"bestuur-principebesluit": 1}, scan_id="4" * 32
    )
    return db_path


def ids(db: Path, org: str) -> list[str]:
    return [s.id for s in Store(db).scans(org) if s.status == "completed"]


def test_history_json_has_deltas_and_leaves_drafts_out(
    grown: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, grown, "history", "--org", "gemeente groei", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["organisation"] == ORG
    assert [s["id"] for s in data["scans"]] == ids(grown, ORG)
    board = [next(p for p in s["principles"] if p["id"] == "bestuur") for s in data["scans"]]
    assert [(b["score"], b["level"], b["delta"]) for b in board] == [(2.0, 2, None), (4.0, 4, 2.0)]
    assert data["scans"][1]["overall"]["delta"] == pytest.approx(2.0)


def test_history_text_marks_the_change_in_text(
    grown: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, grown, "history", "--org", ORG)
    assert code == 0
    assert "▲+2.0" in out and "2025-01-10" in out and "2026-01-10" in out
    assert "2026-06-01" not in out, "the draft is not part of the history"


def test_compare_json_lists_changed_answers_with_notes(
    grown: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = ids(grown, ORG)
    code, out, _ = run(capsys, grown, "compare", a, b, "--json")
    assert code == 0
    data = json.loads(out)
    board = next(p for p in data["principles"] if p["id"] == "bestuur")
    assert (board["score_a"], board["score_b"], board["delta"]) == (2.0, 4.0, 2.0)
    assert (board["level_a"], board["level_b"]) == (2, 4)
    changes = {c["question"]: c for c in data["changed_answers"]}
    assert list(changes) == BOARD
    change = changes["bestuur-principebesluit"]
    assert (change["level_a"], change["level_b"]) == (2, 4)
    assert (change["note_a"], change["note_b"]) == ("", "Beleid vastgesteld")
    assert data["questions_only_in_a"] == [] and data["questions_only_in_b"] == []


def test_compare_text_lists_changed_levels_apart_from_changed_notes(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store(db_path)
    first, second, third = BOARD[:3]
    notes_a = {first: "oud", second: "oud"}
    seed_scan(store, ORG, "2025-01-10", dict.fromkeys(BOARD, 2), notes=notes_a, scan_id="1" * 32)
    # first: the level changed; second: the note only; third: the level and the note
    after = {**dict.fromkeys(BOARD, 2), first: 3, third: 4}
    notes_b = {first: "oud", second: "nieuw", third: "erbij"}
    seed_scan(store, ORG, "2026-01-10", after, notes=notes_b, scan_id="2" * 32)
    code, out, _ = run(capsys, db_path, "compare", "1" * 32, "2" * 32)
    assert code == 0
    levels, notes = out.split("Gewijzigde niveaus (2):")[1].split(
        "Alleen de notitie gewijzigd (1):"
    )
    qs = load_catalog([builtin_questions_dir()]).get("sociale-inkoop", "1.0")
    text = {q: qs.question(q).text.get("nl")[:30] for q in (first, second, third)}  # type: ignore[union-attr]
    flat_levels, flat_notes = " ".join(levels.split()), " ".join(notes.split())
    assert text[first] in flat_levels and text[third] in flat_levels
    assert "✎ — → erbij" in flat_levels and text[second] not in flat_levels
    assert text[second] in flat_notes and "✎ oud → nieuw" in flat_notes
    code, out, _ = run(capsys, db_path, "--lang", "en", "compare", "1" * 32, "1" * 32)
    assert "No answers changed." in out and "Changed levels" not in out


def one_line_error(result: tuple[int, str, str], *fragments: str) -> None:
    code, out, err = result
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1, err
    for fragment in fragments:
        assert fragment in err, err


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["compare", "ffff", "eeee"], ["ffff"]),
        (["history", "--org", "Niemand"], ["Niemand", "scan list"]),
        (["target", "set", "--org", ORG, "--principle", "keten", "--level", "6"], ["--level"]),
        (["target", "set", "--org", ORG, "--principle", "keten", "--level", "0"], ["--level"]),
        (["target", "set", "--org", ORG, "--principle", "nope", "--level", "3"], ["nope", "keten"]),
        (
            ["target", "set", "--org", "Niemand", "--principle", "keten", "--level", "3"],
            ["Niemand"],
        ),
        (
            ["target", "set", "--org", ORG, "--principle", "keten", "--level", "3", "--by", "x"],
            ["--by", "x"],
        ),
    ],
    ids=[
        "unknown-scan",
        "unknown-org",
        "level-6",
        "level-0",
        "unknown-principle",
        "target-unknown-org",
        "bad-by",
    ],
)
def test_bad_input_is_one_line_exit_2_and_stores_nothing(
    grown: Path, capsys: pytest.CaptureFixture[str], args: list[str], fragments: list[str]
) -> None:
    before = grown.read_bytes()
    one_line_error(run(capsys, grown, *args), *fragments)
    assert grown.read_bytes() == before


def test_compare_scans_of_two_organisations_is_refused(
    grown: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = grown.read_bytes()
    mine, other = ids(grown, ORG)[0], ids(grown, "Andere Gemeente")[0]
    one_line_error(run(capsys, grown, "compare", mine, other), "verschillende organisaties")
    assert grown.read_bytes() == before


#: A target date in the allowed range (today up to ten years ahead) whenever the test runs.
BY = (date.today() + timedelta(days=200)).isoformat()


def test_targets_set_replace_list_and_travel_with_an_export(
    grown: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for level in ("3", "4"):  # the second replaces the first
        args = ["target", "set", "--org", ORG, "--principle", "keten", "--level", level]
        assert run(capsys, grown, *args, "--by", BY)[0] == 0
    code, out, _ = run(capsys, grown, "target", "list", "--org", ORG, "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "organisation": ORG,
            "question_set": "sociale-inkoop",
            "principle": "keten",
            "level": 4,
            "by": BY,
        }
    ]
    exported = tmp_path / "export.json"
    assert run(capsys, grown, "export", "--org", ORG, "-o", str(exported))[0] == 0
    other_db = tmp_path / "other.json"
    assert run(capsys, other_db, "import", str(exported))[0] == 0
    assert run(capsys, other_db, "target", "list", "--org", ORG, "--json")[1] == out


def test_demo_loads_once_and_can_be_deleted(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, db_path, "demo")
    assert code == 0 and "Demo" in out
    scans = Store(db_path).scans(DEMO_ORGANISATION)
    assert len(scans) == 4 and all(s.status == "completed" for s in scans)
    # written for 1.0's questions: 1.0, whatever the latest installed version is (2.0)
    assert {s.question_set.version for s in scans} == {"1.0"}
    assert all(len(s.answers) >= 20 for s in scans)
    assert len(Store(db_path).targets(DEMO_ORGANISATION)) == 3
    before = db_path.read_bytes()
    code, out, _ = run(capsys, db_path, "demo")
    assert code == 0 and "al geladen" in out
    assert db_path.read_bytes() == before, "running it again adds nothing"
    for scan in scans:
        assert run(capsys, db_path, "scan", "delete", scan.id, "--yes")[0] == 0
    assert Store(db_path).scans(DEMO_ORGANISATION) == []
    assert Store(db_path).targets(DEMO_ORGANISATION) == [], "its targets went with the last scan"


def test_history_marks_the_scan_from_which_another_set_version_is_used(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 1.1 of the set beside 1.0: history compares per principle across them and says so,
    in the table (◆ at the date), under it, and in the JSON."""
    sets = tmp_path / "sets"
    sets.mkdir()
    shipped = (Path(__file__).parent.parent / "questions" / "sociale-inkoop.toml").read_text(
        encoding="utf-8"
    )
    (sets / "si-1.1.toml").write_text(
        shipped.replace('version = "1.0"', 'version = "1.1"', 1), encoding="utf-8"
    )
    store = Store(db_path)
    seed_scan(store, ORG, "2025-01-10", dict.fromkeys(BOARD, 2), scan_id="1" * 32)
    seed_scan(store, ORG, "2026-01-10", dict.fromkeys(BOARD, 3), scan_id="2" * 32, version="1.1")
    args = ["--questions-dir", str(sets), "--lang", "en", "history", "--org", ORG]
    code, out, _ = run(capsys, db_path, *args, "--no-chart")
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("2026-01-10 ◆") for line in lines), out
    assert not any(line.startswith("2025-01-10 ◆") for line in lines), out
    assert "another version of the question set (1.0 → 1.1)" in out
    code, out, _ = run(capsys, db_path, *args, "--json")
    assert [s["version_changed"] for s in json.loads(out)["scans"]] == [False, True]
    code, out, _ = run(capsys, db_path, "history", "--org", ORG, "--no-chart")
    assert code == 3  # without the 1.1 file: the second scan is skipped, named on stderr
