"""``export --format csv`` (#15) and team rounds: a round's answers and its consensus are
rows (its provisional result is no scan, a draft no row); a team answer's role is the set's
role name in the run's language and its id; what a row shows of a respondent follows the
round's visibility, as the round's own report does."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from maturity_scan.storage.store import Store

from .rounds_seed import (
    CONSENSUS_1,
    ORG,
    ROUND_1,
    ROUND_2,
    ROUND_3,
    SINGLE,
    seed_rounds,
    team_rounds,
)
from .test_export_csv import export_csv, read_csv


@pytest.fixture
def rounds_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """:mod:`tests.rounds_seed`: a scan of its own, a round with a consensus (four answers),
    one without (three answers), one with a draft only; every round ``by-role``."""
    path = tmp_path / "rounds.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    seed_rounds(Store(path))
    return path


def test_a_team_rounds_rows(
    rounds_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = read_csv(export_csv(capsys, tmp_path))
    kinds = [(r["kind"], r["round"]) for r in rows]
    # oldest first: the single scan, round 1's consensus (15 Jan) before its answers (16 Jan);
    # round 2 has no consensus (its provisional result is no scan), round 3 only a draft
    assert kinds == [
        ("single", ""),
        ("consensus", ROUND_1),
        *[("response", ROUND_1)] * 4,
        *[("response", ROUND_2)] * 3,
    ]
    assert ROUND_3 not in {r["round"] for r in rows}
    assert rows[0]["scan"] == SINGLE and rows[1]["scan"] == CONSENSUS_1
    consensus = rows[1]
    assert [consensus[c] for c in ("respondent", "role", "role_id")] == ["Team", "", ""]
    assert consensus["overall_level"] == "3" and consensus["level_name_keten"] == "In ontwikkeling"
    answers = rows[2:6]
    # by-role: the role (its name in the run's language, and its id), never the name
    assert [(r["respondent"], r["role"], r["role_id"]) for r in answers] == [
        ("", "HR of Werk & Inkomen", "hr"),
        ("", "Inkoop", "inkoop"),
        ("", "Bestuur of directie", "bestuur"),
        ("", "HR of Werk & Inkomen", "hr"),
    ]
    assert [r["overall_level"] for r in answers] == ["1", "4", "3", "2"]
    assert {(r["question_set"], r["question_set_version"]) for r in rows} == {
        ("sociale-inkoop", "2.0")
    }
    assert {r["organisation"] for r in rows} == {ORG}


def test_a_team_answers_role_in_english(
    rounds_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = read_csv(export_csv(capsys, tmp_path, "--lang", "en"), ",")
    assert (rows[2]["role"], rows[2]["role_id"]) == ("HR or Work & Income", "hr")


@pytest.mark.parametrize(
    ("visibility", "shown"),
    [
        ("named", [("Respondent 0", "HR of Werk & Inkomen", "hr")]),
        ("by-role", [("", "HR of Werk & Inkomen", "hr")]),
        ("anonymous", [("", "", "")]),
    ],
)
def test_what_a_round_shows_of_its_respondents(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    visibility: str,
    shown: list[tuple[str, str, str]],
) -> None:
    path = tmp_path / "rounds.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    scans, rounds = team_rounds()
    rounds = [msgspec.structs.replace(r, visibility=visibility) for r in rounds]
    Store(path).import_scans(scans, "seed", rounds=rounds)
    rows = read_csv(export_csv(capsys, tmp_path))
    first = next(r for r in rows if r["kind"] == "response")
    assert [(first["respondent"], first["role"], first["role_id"])] == shown
    consensus = next(r for r in rows if r["kind"] == "consensus")
    assert consensus["respondent"] == "Team"  # the team's, whatever the visibility
