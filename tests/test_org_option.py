"""Every command that takes ``--org`` finds an organisation without regard to case, accents or
spacing, and answers an unknown one with one line naming at most three close names, exit 2,
nothing stored (#13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maturity_scan.storage.store import Store

from .test_cli import SAMPLE_ANSWERS, SETS, assert_one_line_error, new_scan, run, write_json

STORED = "Wetterskip Fryslân"
#: Four organisations that look like the typo below: the error names three, never all.
OTHERS = ["Wetterskip Noord", "Wetterskip Zuid", "Wetterskip Oost", "Gemeente Ommen"]


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    monkeypatch.setenv("MATURITY_SCAN_QUESTIONS", str(SETS))
    monkeypatch.delenv("MATURITY_SCAN_LANG", raising=False)
    return path


@pytest.fixture
def stored(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> bytes:
    """A database with a scan of :data:`STORED` and of each of :data:`OTHERS`."""
    for name in [STORED, *OTHERS]:
        new_scan(capsys, tmp_path, "--org", name)
    return db.read_bytes()


#: Each command taking --org, with what else it needs (the organisation goes last).
COMMANDS = {
    "scan list": ["scan", "list", "--org"],
    "scan list --json": ["scan", "list", "--json", "--org"],
    "export": ["export", "--org"],
    "history": ["history", "--json", "--org"],
    "target list": ["target", "list", "--org"],
    "target set": [
        "target",
        "set",
        "--questions",
        "mini",
        "--principle",
        "beta",
        "--level",
        "3",
        "--org",
    ],
}


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_the_organisation_is_found_without_case_accents_or_spacing(
    stored: bytes, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    code, out, err = run(capsys, *command, "wetterskip  fryslan")
    assert (code, err) == (0, ""), err
    if command[:2] == ["scan", "list"] and "--json" in command:
        assert [s["organisation"] for s in json.loads(out)] == [STORED]
    elif command[0] == "export":
        assert {s["organisation"] for s in json.loads(out)["scans"]} == {STORED}


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_an_unknown_organisation_names_at_most_three_close_ones(
    db: Path, stored: bytes, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    line = assert_one_line_error(*run(capsys, *command, "Wetterskip"), ["'Wetterskip'"])
    named = [name for name in [STORED, *OTHERS] if f"'{name}'" in line]
    assert 1 <= len(named) <= 3, line
    assert "Gemeente Ommen" not in named
    assert db.read_bytes() == stored


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_typo_names_the_organisation_meant(
    db: Path, stored: bytes, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    line = assert_one_line_error(*run(capsys, *command, "Wetterskip Frysland"), [])
    assert f"'{STORED}'" in line
    assert db.read_bytes() == stored


def test_a_new_scan_is_filed_under_the_stored_spelling(
    db: Path, tmp_path: Path, stored: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_json(tmp_path / "answers.json", SAMPLE_ANSWERS)
    code, _, err = run(capsys, "scan", "new", "--org", "WETTERSKIP fryslan", "--answers", str(path))
    assert code == 0, err  # and says so on stderr (stdout is the id alone, for scripts)
    assert err == "Opgeslagen onder de bestaande organisatie 'Wetterskip Fryslân'.\n"
    assert [s.organisation for s in Store(db).scans("wetterskip fryslân")] == [STORED, STORED]
