"""``scan new --from ID``: a follow-up scan from the command line, and ``--org`` filed under
the stored spelling. The mini set: a1 (no "na"), a2, a3 ("na"), b1, b2 ("na")."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import msgspec
import pytest

from maturity_scan.storage.store import Store

from .test_cli import SAMPLE_ANSWERS, new_scan, run, write_json
from .test_cli import db as db


def test_from_with_answers_replaces_and_confirms_the_carried_ones(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = new_scan(capsys, tmp_path, "--org", "Gemeente Zwolle", "--date", "2025-03-01")
    partial = {"question_set": "mini", "answers": {"a1": 5, "b1": 3}, "notes": {"a3": "nieuw"}}
    path = write_json(tmp_path / "partial.json", partial)
    monkeypatch.setattr(sys, "stdin", io.StringIO("j\n"))
    code, out, err = run(
        capsys,
        "scan",
        "new",
        "--org",
        "Gemeente Zwolle",
        "--from",
        first[:8],
        "--answers",
        str(path),
    )
    assert code == 0, err
    # asked first, naming how many were carried and from when (a2, a3 and b2 stay carried)
    assert "3 antwoorden zijn overgenomen uit de scan van 2025-03-01 en niet bevestigd" in err
    scan = Store(db).get(out.strip())
    assert scan.status == "completed" and scan.follows == first
    assert {q: r.level for q, r in scan.answers.items()} == {
        "a1": 5,
        "a2": "na",
        "a3": 4,
        "b1": 3,
        "b2": "unknown",
    }
    assert scan.note("a1") == "besproken met het MT"  # a level alone keeps the carried note
    assert scan.note("a3") == "nieuw"
    assert scan.carried == ["a2", "a3", "b2"]
    # the report says which answers were never judged again, under their principle
    code, shown, err = run(capsys, "scan", "show", scan.id[:8], "--no-chart")
    assert code == 0, err
    code, as_json, err = run(capsys, "scan", "show", scan.id[:8], "--json")
    report = json.loads(as_json)
    assert report["follows"] == first
    assert [a["question"] for a in report["answers"] if a["carried"]] == ["a2", "a3", "b2"]
    heading = "Overgenomen uit de vorige scan en niet opnieuw beoordeeld:"
    assert shown.count(heading) == 2  # under principle a (a2, a3) and under b (b2)
    carried = [line.strip() for line in shown.splitlines() if "↺" in line]
    assert carried == ["↺ Vraag a2?", "↺ Vraag a3?", "↺ Vraag b2?"]
    assert "jouw antwoord: niet van toepassing" in shown.split(heading)[1]


@pytest.mark.parametrize(("stdin", "code"), [("", 1), ("n\n", 1)])
def test_refusing_the_carried_answers_stores_nothing(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    stdin: str,
    code: int,
) -> None:
    first = new_scan(capsys, tmp_path, "--org", "X")
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    got, out, err = run(capsys, "--lang", "en", "scan", "new", "--org", "X", "--from", first)
    assert (got, out) == (code, "")
    assert "5 answers were carried over" in err and err.strip().endswith("Nothing stored.")
    assert [s.id for s in Store(db).scans()] == [first]


def test_from_alone_with_yes_stores_a_copy_marked_as_carried(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = new_scan(capsys, tmp_path, "--org", "X")
    code, out, err = run(capsys, "scan", "new", "--org", "x", "--from", first, "--yes")
    assert (code, err) == (0, "Opgeslagen onder de bestaande organisatie 'X'.\n")
    scan = Store(db).get(out.strip())
    before = Store(db).get(first)
    assert scan.answers == before.answers and scan.carried == ["a1", "a2", "a3", "b1", "b2"]
    assert scan.organisation == "X" and scan.question_set == before.question_set


def test_answers_confirming_every_carried_one_ask_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = new_scan(capsys, tmp_path, "--org", "X")
    path = write_json(tmp_path / "all.json", SAMPLE_ANSWERS)
    code, out, err = run(
        capsys, "scan", "new", "--org", "X", "--from", first, "--answers", str(path)
    )
    assert (code, err) == (0, "")  # no question: stdin is not read
    assert Store(db).get(out.strip()).carried == []


def test_from_another_organisation_or_a_draft_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = new_scan(capsys, tmp_path, "--org", "Gemeente Zwolle")
    code, out, err = run(
        capsys, "--lang", "en", "scan", "new", "--org", "Deventer", "--from", first
    )
    assert (code, out) == (2, "")
    expected = f"--from {first[:8]}: that scan is of 'Gemeente Zwolle', not of 'Deventer'"
    assert err == f"maturity-scan: error: {expected}\n"
    draft = Store(db).create_draft("Gemeente Zwolle", Store(db).get(first).question_set)
    code, _, err = run(capsys, "scan", "new", "--org", "Gemeente Zwolle", "--from", draft.id)
    assert code == 2 and "--from" in err and "concept" in err and err.count("\n") == 1
    assert len(Store(db).scans()) == 2


def test_answers_or_from_is_required(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--lang", "en", "scan", "new", "--org", "X")
    assert code == 2 and "--answers" in err


def test_org_in_another_spelling_is_filed_under_the_stored_one_and_says_so(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_scan(capsys, tmp_path, "--org", "Gemeente Zwolle")
    path = write_json(tmp_path / "again.json", SAMPLE_ANSWERS)
    code, out, err = run(capsys, "scan", "new", "--org", "gemeente  zwollé", "--answers", str(path))
    assert code == 0
    assert Store(db).get(out.strip()).organisation == "Gemeente Zwolle"
    assert err == "Opgeslagen onder de bestaande organisatie 'Gemeente Zwolle'.\n"
    code, out, err = run(capsys, "scan", "new", "--org", "Gemeente Zwolle", "--answers", str(path))
    assert (code, err) == (0, "")  # the same spelling: nothing to say


def test_a_follow_up_is_not_dated_before_the_scan_it_follows(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = new_scan(capsys, tmp_path, "--org", "Gemeente Zwolle", "--date", "2025-03-01")
    before = db.read_bytes()
    code, out, err = run(
        capsys,
        "scan",
        "new",
        "--org",
        "Gemeente Zwolle",
        "--from",
        first[:8],
        "--date",
        "28-02-2025",
        "--yes",
    )
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "--date" in err and "2025-03-01" in err
    assert db.read_bytes() == before


def test_a_name_that_looks_like_a_stored_organisation_needs_new_org(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A typo would start a new organisation: refused with the names it looks like, unless
    --new-org says it is a new one. A name like no other is simply new."""
    new_scan(capsys, tmp_path, "--org", "Gemeente Zwolle")
    before = db.read_bytes()
    path = write_json(tmp_path / "a.json", SAMPLE_ANSWERS)
    code, out, err = run(capsys, "scan", "new", "--org", "Gemeente Zwole", "--answers", str(path))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "bedoel je 'Gemeente Zwolle'?" in err and "--new-org" in err
    assert db.read_bytes() == before
    new_scan(capsys, tmp_path, "--org", "Gemeente Zwole", "--new-org")
    new_scan(capsys, tmp_path, "--org", "Provincie Drenthe")
    assert Store(db).organisations() == ["Gemeente Zwole", "Gemeente Zwolle", "Provincie Drenthe"]


def test_a_follow_up_draft_shows_its_carried_answers_in_its_progress() -> None:
    """A follow-up draft starts with every answer filled in: its progress says how many
    of them are carried over and not yet confirmed (scan list, the app's scan tables)."""
    from maturity_scan.core.models import AnswerRecord, SetRef
    from maturity_scan.paths import builtin_questions_dir
    from maturity_scan.present.textreport import progress_label
    from maturity_scan.question_sets.loading import load_catalog
    from maturity_scan.storage.store import make_scan

    question_set = load_catalog([builtin_questions_dir()]).get("sociale-inkoop", "2.0")
    ids = [q.id for _, q in question_set.questions()]
    draft = make_scan("Gemeente A", SetRef(id="sociale-inkoop", version="2.0"))
    answered = {q: AnswerRecord(level=3) for q in ids}
    draft = msgspec.structs.replace(draft, answers=answered, carried=ids[:23])
    assert progress_label(draft, question_set, "nl") == "25/25 ingevuld · 23 ↺"
    confirmed = msgspec.structs.replace(draft, carried=[])
    assert progress_label(confirmed, question_set, "nl") == "25/25 ingevuld"
