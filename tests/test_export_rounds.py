"""Team rounds travel in exports (#14, export schema 6): the exported organisations' rounds,
a scan's ``round`` (role, role_only, a consensus's sources); an import into a fresh database
gives the same rounds and scans; the same file twice adds nothing; files of schema 5 still
import; a refused import leaves the database byte for byte as it was."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from maturity_scan.exchange.export_schema import SCHEMA_FILE
from maturity_scan.storage.store import Store

from .rounds_seed import CONSENSUS_1, ORG, QUESTIONS, ROUND_1, ROUND_2, ROUND_3, SINGLE, seed_rounds
from .test_cli import assert_one_line_error, run, write_json
from .test_export_organisations import schema_errors

FIXTURE_5 = Path(__file__).parent / "fixtures" / "exports" / "schema-5.json"
IMPORTED = "Scans geïmporteerd: {}; al aanwezig en overgeslagen: {}\n"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The database the commands use; it does not exist yet."""
    path = tmp_path / "data" / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    monkeypatch.delenv("MATURITY_SCAN_LANG", raising=False)
    return path


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "source" / "scans.json"
    seed_rounds(Store(path))
    return path


@pytest.fixture
def exported(source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    out = tmp_path / "export.json"
    code, _, err = run(capsys, "--db", str(source), "export", "-o", str(out))
    assert code == 0, err
    return out


def import_file(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    code, out, err = run(capsys, "import", str(path))
    assert (code, err) == (0, ""), err
    return out


# ------------------------------------------------------------------ what is written


def test_rounds_and_a_scans_round_are_in_the_export(exported: Path) -> None:
    data = json.loads(exported.read_bytes())
    assert data["schema_version"] == 6
    assert [r["id"] for r in data["rounds"]] == [ROUND_1, ROUND_2, ROUND_3]
    first = data["rounds"][0]
    assert (first["organisation"], first["title"], first["opened"]) == (
        ORG,
        "Teamscan 2026",
        "2026-01-15",
    )
    assert first["visibility"] == "by-role"
    scans = {s["id"]: s for s in data["scans"]}
    assert "round" not in scans[SINGLE]  # written only when set
    assert scans[CONSENSUS_1]["round"] == {
        "id": ROUND_1,
        "kind": "consensus",
        "role": None,
        "role_only": False,
        "sources": {QUESTIONS[0]: {"source": "override", "reason": "we saw the policy"}},
        "basis": "",
    }
    roles = [s["round"]["role"] for s in scans.values() if s.get("round", {}).get("id") == ROUND_2]
    assert sorted(roles) == ["bestuur", "hr", "inkoop"]


def test_the_export_is_valid_against_the_shipped_schema(exported: Path) -> None:
    schema = json.loads(SCHEMA_FILE.read_bytes())
    assert schema_errors(json.loads(exported.read_bytes()), schema, schema) == []


def test_an_export_of_one_respondents_scan_carries_its_round(
    source: Path, tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = next(s for s in Store(source).scans() if s.round and s.round.id == ROUND_2)
    out = tmp_path / "one.json"
    code, _, err = run(capsys, "--db", str(source), "export", "--scan", answer.id, "-o", str(out))
    assert code == 0, err
    assert import_file(capsys, out) == IMPORTED.format(1, 0) + "3 teamrondes toegevoegd\n"
    assert Store(db).scans() == [answer]


# ------------------------------------------------------------------ import


def test_export_then_import_gives_the_same_rounds_and_scans(
    source: Path, exported: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert import_file(capsys, exported) == IMPORTED.format(10, 0) + "3 teamrondes toegevoegd\n"
    before, after = Store(source).contents(), Store(db).contents()
    assert after.rounds == before.rounds
    assert after.scans == before.scans
    # and the history reads the same from both
    code, out, _ = run(capsys, "history", "--org", ORG, "--json")
    code_before, out_before, _ = run(capsys, "--db", str(source), "history", "--org", ORG, "--json")
    assert (code, out) == (code_before, out_before)


def test_importing_the_same_file_twice_adds_nothing(
    exported: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import_file(capsys, exported)
    first = db.read_bytes()
    assert import_file(capsys, exported) == IMPORTED.format(0, 10)
    assert db.read_bytes() == first


def test_a_schema_5_file_still_imports(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(FIXTURE_5.read_bytes())
    assert data["schema_version"] == 5 and "rounds" not in data
    import_file(capsys, FIXTURE_5)
    contents = Store(db).contents()
    assert [s.id for s in contents.scans] == [s["id"] for s in data["scans"]]
    assert contents.rounds == [] and all(s.round is None for s in contents.scans)
    assert contents.scans[0].follows == data["scans"][0]["follows"]


def test_the_rounds_of_a_file_join_the_rounds_in_the_database(
    source: Path, tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file whose scans name a round that only the database has imports."""
    everything = tmp_path / "all.json"
    run(capsys, "--db", str(source), "export", "-o", str(everything))
    data = json.loads(everything.read_bytes())
    import_file(capsys, everything)
    consensus = next(s for s in data["scans"] if s["id"] == CONSENSUS_1)
    Store(db).delete(CONSENSUS_1)
    data["rounds"] = []
    data["scans"] = [consensus]
    path = write_json(tmp_path / "consensus.json", data)
    assert import_file(capsys, path) == IMPORTED.format(1, 0)
    assert Store(db).get(CONSENSUS_1).round is not None


# ------------------------------------------------------------------ refusals


def _scan(data: dict[str, Any], scan_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in data["scans"] if s["id"] == scan_id)
    return found


def _answer_of(data: dict[str, Any], round_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        s for s in data["scans"] if s.get("round", {}).get("id") == round_id
    )
    return found


def _no_rounds(data: dict[str, Any]) -> None:
    data["rounds"] = []


def _round_of_another_org(data: dict[str, Any]) -> None:
    data["rounds"][2]["organisation"] = "Gemeente Ommen"


def _round_twice(data: dict[str, Any]) -> None:
    data["rounds"].append(copy.deepcopy(data["rounds"][0]))


def _round_id(data: dict[str, Any]) -> None:
    data["rounds"][2]["id"] = "winter"


def _round_title(data: dict[str, Any]) -> None:
    data["rounds"][0]["title"] = "   "


def _round_set(data: dict[str, Any]) -> None:
    data["rounds"][2]["question_set"]["version"] = "9.9"


def _role(data: dict[str, Any]) -> None:
    _answer_of(data, ROUND_2)["round"]["role"] = "wethouder"


def _second_consensus(data: dict[str, Any]) -> None:
    answer = _answer_of(data, ROUND_2)
    answer["round"] = copy.deepcopy(_scan(data, CONSENSUS_1)["round"])


def _sources_on_a_response(data: dict[str, Any]) -> None:
    _answer_of(data, ROUND_2)["round"]["sources"] = {
        QUESTIONS[0]: {"source": "median", "reason": ""}
    }


def _unknown_source_question(data: dict[str, Any]) -> None:
    _scan(data, CONSENSUS_1)["round"]["sources"] = {"nope": {"source": "median", "reason": ""}}


def _other_set_than_its_round(data: dict[str, Any]) -> None:
    data["rounds"][1]["question_set"]["version"] = "1.0"


def _draft_consensus(data: dict[str, Any]) -> None:
    scan = _scan(data, CONSENSUS_1)
    scan["status"], scan["completed_at"] = "draft", None


REFUSALS: list[tuple[Callable[[dict[str, Any]], None], list[str]]] = [
    (_no_rounds, ["hoort bij ronde", "niet in het bestand en niet in de database"]),
    (_round_of_another_org, [f"ronde {ROUND_3[:8]}", "'Gemeente Ommen'", "geen scan"]),
    (_round_twice, [f"ronde {ROUND_1[:8]} staat er twee keer in"]),
    (_round_id, ["ronde-id 'winter'"]),
    (_round_title, ["titel van de ronde: leeg"]),
    (_round_set, ["9.9"]),
    (_role, ["round.role", "'wethouder'", "bestuur, hr, inkoop"]),
    (_second_consensus, ["tweede consensus", f"ronde {ROUND_1[:8]}"]),
    (_sources_on_a_response, ["round.sources", "alleen een consensusscan"]),
    (_unknown_source_question, ["round.sources", "nope"]),
    (_other_set_than_its_round, ["vragenset sociale-inkoop 2.0", "sociale-inkoop 1.0"]),
    (_draft_consensus, [CONSENSUS_1[:8], "consensusscan moet afgerond"]),
]


@pytest.mark.parametrize(("change", "fragments"), REFUSALS, ids=[c.__name__ for c, _ in REFUSALS])
def test_refused_files_leave_the_database_as_it_was(
    exported: Path,
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: Callable[[dict[str, Any]], None],
    fragments: list[str],
) -> None:
    # a database with something in it: the schema-5 file's organisation
    import_file(capsys, Path(__file__).parent / "fixtures" / "exports" / "schema-5.json")
    before = db.read_bytes()
    data = json.loads(exported.read_bytes())
    change(data)
    path = write_json(tmp_path / "bad.json", data)
    code, out, err = run(capsys, "import", str(path))
    assert_one_line_error(code, out, err, [str(path), *fragments])
    assert db.read_bytes() == before
