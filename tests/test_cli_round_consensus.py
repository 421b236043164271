"""``maturity-scan round consensus`` (#14): the consensus file (its template, the provisional
answers for what it leaves out, a reason for every change), the stored consensus scan, and
the refusals, which leave the database byte for byte as it was."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from maturity_scan.core.models import AnswerSource
from maturity_scan.storage.store import Store

from .test_cli_round_show import ORG, Q0, Q1, Q2, QUESTIONS, answer, run, seed_round

Q_NA = "hr-inkoop-aanbestedingen"  # "na" allowed (with a reason: the set has definitions)


def consensus_file(tmp_path: Path, round_id: str, **fields: Any) -> Path:
    data: dict[str, Any] = {
        "round": round_id,
        "question_set": "sociale-inkoop",
        "question_set_version": "2.0",
        **fields,
    }
    path = tmp_path / "consensus.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_template_holds_the_provisional_answers_divided_first(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id = seed_round(db_path)
    out_file = tmp_path / "t.json"
    code, out, err = run(
        capsys, db_path, "round", "consensus", round_id[:8], "--template", "-o", str(out_file)
    )
    assert (code, out, err) == (0, "", "")
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert data["round"] == round_id and data["question_set_version"] == "2.0"
    assert "definitions" in data and data["notes"] == {}
    order = list(data["answers"])
    assert (order[0], order[-1]) == (Q0, Q1)  # divided first, agreed last
    assert sorted(data["answers"]) == sorted(QUESTIONS)
    assert (data["answers"][Q0], data["answers"][Q1], data["answers"][Q2]) == (4, 3, 2)
    assert set(data["reasons"].values()) == {""}
    # filled in as it is, it stores a consensus of the medians
    code, out, _ = run(capsys, db_path, "round", "consensus", round_id, "--answers", str(out_file))
    assert code == 0
    stored = Store(db_path).get(out.strip())
    assert stored.round is not None
    assert {s.source for s in stored.round.sources.values()} == {"median"}


def test_a_consensus_is_stored_with_its_sources_and_reasons(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id = seed_round(db_path)
    _, out, _ = run(capsys, db_path, "round", "show", round_id, "--json")
    provisional = json.loads(out)["provisional"]
    path = consensus_file(
        tmp_path,
        round_id,
        answers={Q0: 2, Q1: 3, Q_NA: "na"},  # Q0 changed, Q1 the median, Q_NA changed
        notes={Q_NA: "wij besteden niet aan", Q1: "eens"},
        reasons={Q0: "  het besluit   is verlopen ", Q_NA: "geen aanbestedingen"},
    )
    code, out, err = run(capsys, db_path, "round", "consensus", round_id, "--answers", str(path))
    assert code == 0
    assert "25 antwoorden, waarvan 2 afwijkend van de mediaan" in err
    store = Store(db_path)
    consensus = store.rounds.contents(round_id).consensus
    assert consensus is not None and consensus.id == out.strip()
    assert (consensus.kind, consensus.status) == ("consensus", "completed")
    assert consensus.organisation == ORG and consensus.question_set.version == "2.0"
    assert consensus.respondent.name == "Teamscan 2027" and consensus.respondent.role is None
    assert consensus.taken_at is not None and consensus.taken_at.date().isoformat() == "2026-11-30"
    assert (consensus.answer(Q0), consensus.answer(Q1), consensus.answer(Q2)) == (2, 3, 2)
    assert consensus.answer(Q_NA) == "na" and consensus.note(Q_NA) == "wij besteden niet aan"
    assert consensus.note(Q1) == "eens"
    assert consensus.answer("keten-regio") == 3  # left out: the provisional answer
    assert consensus.round is not None
    sources = consensus.round.sources
    assert sources[Q0] == AnswerSource("override", "het besluit is verlopen")
    assert sources[Q_NA] == AnswerSource("override", "geen aanbestedingen")
    assert sources[Q1] == AnswerSource("median") and sources["keten-regio"] == AnswerSource(
        "median"
    )
    assert len(sources) == len(QUESTIONS)
    code, out, _ = run(capsys, db_path, "round", "show", round_id, "--json")
    assert json.loads(out)["consensus"] == consensus.id
    assert json.loads(out)["provisional"] == provisional  # still the medians
    code, out, _ = run(capsys, db_path, "round", "show", round_id)
    assert f"Consensus (scan {consensus.short_id}" in out and "Voorlopig" not in out
    assert f"  {Q0} → 2: het besluit is verlopen" in out


def test_missing_reasons_are_all_named_and_nothing_is_stored(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id = seed_round(db_path)
    path = consensus_file(
        tmp_path,
        round_id,
        answers={Q0: 2, Q1: None, Q2: 2, "keten-regio": "unknown"},
        reasons={Q1: "   ", Q2: "niet nodig: dit is de mediaan"},
    )
    before = db_path.read_bytes()
    code, out, err = run(capsys, db_path, "round", "consensus", round_id, "--answers", str(path))
    assert (code, out) == (2, "") and len(err.splitlines()) == 1
    assert err.rstrip().endswith(f'"reasons": {Q0}, {Q1}, keten-regio')
    assert str(path) in err
    assert db_path.read_bytes() == before
    code, _, err = run(
        capsys, db_path, "--lang", "en", "round", "consensus", round_id, "--answers", str(path)
    )
    assert code == 2 and "differ from the lower median and have no reason" in err


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"answers": {Q0: 9}}, Q0),
        ({"answers": {"geen-vraag": 3}}, "geen-vraag"),
        ({"answers": {Q0: "na"}, "reasons": {Q0: "x"}}, Q0),  # "na" not allowed
        ({"answers": {Q_NA: "na"}, "reasons": {Q_NA: "x"}}, Q_NA),  # "na" without its note
        ({"reasons": {"geen-vraag": "x"}}, "reasons"),
        ({"reasons": {Q0: 3}}, Q0),
        ({"reasons": {Q0: "x" * 2001}}, "2001"),
        ({"round": "ffffffff"}, "ffffffff"),
        ({"question_set_version": "1.0"}, "sociale-inkoop 1.0"),
        ({"extra": 1}, "extra"),
    ],
)
def test_bad_files_are_refused_in_one_line(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fields: dict[str, Any],
    expected: str,
) -> None:
    round_id = seed_round(db_path)
    path = consensus_file(tmp_path, round_id, **fields)
    before = db_path.read_bytes()
    code, out, err = run(capsys, db_path, "round", "consensus", round_id, "--answers", str(path))
    assert (code, out) == (2, "") and len(err.splitlines()) == 1, err
    assert expected in err and str(path) in err
    assert db_path.read_bytes() == before


def test_replacing_a_consensus_asks_first(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    round_id = seed_round(db_path)
    path = consensus_file(tmp_path, round_id)
    code, out, _ = run(capsys, db_path, "round", "consensus", round_id, "--answers", str(path))
    first = out.strip()
    before = db_path.read_bytes()
    answer(monkeypatch, "n\n")
    code, out, err = run(capsys, db_path, "round", "consensus", round_id, "--answers", str(path))
    assert (code, out) == (1, "") and f"(scan {first[:8]}," in err and "Niets opgeslagen." in err
    assert db_path.read_bytes() == before
    answer(monkeypatch, "")  # no input is no
    code, _, _ = run(capsys, db_path, "round", "consensus", round_id, "--answers", str(path))
    assert code == 1 and db_path.read_bytes() == before
    changed = consensus_file(tmp_path, round_id, answers={Q0: 5}, reasons={Q0: "nieuw beleid"})
    code, out, _ = run(
        capsys, db_path, "round", "consensus", round_id, "--answers", str(changed), "--yes"
    )
    assert code == 0
    scans = Store(db_path).rounds.contents(round_id).scans
    (consensus,) = [s for s in scans if s.kind == "consensus"]
    assert consensus.id == out.strip() != first and consensus.answer(Q0) == 5


def test_refused_without_responses_or_without_a_file(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id = seed_round(db_path, people=[])
    path = consensus_file(tmp_path, round_id, answers={Q0: 3})
    before = db_path.read_bytes()
    code, _, err = run(capsys, db_path, "round", "consensus", round_id, "--answers", str(path))
    assert code == 2 and "nog geen afgeronde antwoorden" in err
    code, _, err = run(capsys, db_path, "round", "consensus", round_id)
    assert code == 2 and "--answers" in err
    code, _, err = run(
        capsys, db_path, "round", "consensus", round_id, "--template", "--answers", str(path)
    )
    assert code == 2 and "--template" in err
    assert db_path.read_bytes() == before
