"""``round import`` (#14): answered invitations become completed response scans of their
round in one write; the same file twice adds nothing; a newer version replaces the stored
one only when asked; a refused file leaves the database byte for byte as it was."""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from maturity_scan.storage.store import Store

from .test_invitation import ORG, Q_IDS, SET, fill, invite, open_round, run


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def invited(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> tuple[str, Path, Path]:
    """A round with two invitations: Anna (hr) and Bram (inkoop, only the role's questions)."""
    round_id = open_round(db_path)
    anna = invite(
        capsys, db_path, round_id, tmp_path / "anna.json", "--respondent", "Anna", "--role", "hr"
    )
    bram = invite(
        capsys,
        db_path,
        round_id,
        tmp_path / "bram.json",
        "--respondent",
        "Bram",
        "--role",
        "inkoop",
        "--role-only",
    )
    return round_id, anna, bram


def bram_questions(path: Path) -> list[str]:
    return [q["id"] for q in json.loads(path.read_text())["questions"]]


def later(path: Path, seconds: int = 60) -> None:
    """The file was written ``seconds`` later than it says now (an editor saved it again)."""
    info = os.stat(path)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + seconds * 1_000_000_000))


def test_answered_invitations_become_completed_responses_of_the_round(
    capsys: pytest.CaptureFixture[str], db_path: Path, invited: tuple[str, Path, Path]
) -> None:
    round_id, anna, bram = invited
    fill(anna, {Q_IDS[0]: 2, Q_IDS[1]: "unknown"}, notes={Q_IDS[0]: "besluit in 2025"})
    asked = bram_questions(bram)
    fill(bram, {asked[0]: 4})
    code, out, err = run(capsys, db_path, "--lang", "en", "round", "import", str(anna), str(bram))
    assert code == 0, err
    # answered in part: stored as filled in, and said (not refused)
    assert f"{anna}: not finished yet (2 of 25 questions answered)" in err
    assert f"{bram}: not finished yet (1 of {len(asked)} questions answered)" in err
    assert "added: 2" in out
    contents = Store(db_path).rounds.contents(round_id)
    by_name = {s.respondent.name: s for s in contents.responses}
    assert set(by_name) == {"Anna", "Bram"}
    scan = by_name["Anna"]
    assert scan.id == json.loads(anna.read_text())["id"]
    assert scan.status == "completed" and scan.kind == "response"
    assert scan.organisation == ORG and scan.question_set == SET.ref
    assert scan.round is not None and scan.round.role == "hr" and not scan.round.role_only
    assert scan.answer(Q_IDS[0]) == 2 and scan.note(Q_IDS[0]) == "besluit in 2025"
    assert scan.answer(Q_IDS[1]) == "unknown"
    assert by_name["Bram"].round is not None and by_name["Bram"].round.role_only
    assert by_name["Bram"].answer(asked[0]) == 4


def test_the_same_file_twice_adds_nothing(
    capsys: pytest.CaptureFixture[str], db_path: Path, invited: tuple[str, Path, Path]
) -> None:
    _, anna, _ = invited
    fill(anna, {Q_IDS[0]: 3})
    assert run(capsys, db_path, "round", "import", str(anna))[0] == 0
    before = digest(db_path)
    code, out, err = run(capsys, db_path, "--lang", "en", "round", "import", str(anna), str(anna))
    assert (code, err) == (0, "")
    assert "already imported" in out and "added: 0" in out
    assert digest(db_path) == before


def test_a_newer_version_replaces_only_when_asked(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    invited: tuple[str, Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    round_id, anna, _ = invited
    fill(anna, {Q_IDS[0]: 3})
    assert run(capsys, db_path, "round", "import", str(anna))[0] == 0
    fill(anna, {Q_IDS[0]: 5})
    later(anna)
    before = digest(db_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, _, err = run(capsys, db_path, "--lang", "en", "round", "import", str(anna))
    assert code == 1 and "Replace the stored answers of 1 respondent?" in err
    assert digest(db_path) == before
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no answer is no
    assert run(capsys, db_path, "round", "import", str(anna))[0] == 1
    assert digest(db_path) == before
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    code, out, _ = run(capsys, db_path, "--lang", "en", "round", "import", str(anna))
    assert code == 0 and "replaced: 1" in out
    (scan,) = Store(db_path).rounds.contents(round_id).responses
    assert scan.answer(Q_IDS[0]) == 5


def test_yes_replaces_without_asking_and_an_older_file_is_left_out(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    invited: tuple[str, Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    round_id, anna, _ = invited
    fill(anna, {Q_IDS[0]: 3})
    old = tmp_path / "anna-old.json"
    old.write_bytes(anna.read_bytes())
    fill(anna, {Q_IDS[0]: 4})
    later(anna)
    assert run(capsys, db_path, "round", "import", str(old))[0] == 0
    code, out, _ = run(capsys, db_path, "--lang", "en", "round", "import", "--yes", str(anna))
    assert code == 0 and "replaced: 1" in out
    before = digest(db_path)
    # filled in with an editor: its file time says nothing (a mail program sets it), so the
    # older file is asked about, never left out or taken by its time (no input: no)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, err = run(capsys, db_path, "--lang", "en", "round", "import", str(old))
    assert code == 1 and "newer answers of Anna" in err
    assert digest(db_path) == before
    (scan,) = Store(db_path).rounds.contents(round_id).responses
    assert scan.answer(Q_IDS[0]) == 4


def test_a_file_saved_by_respond_earlier_than_the_stored_one_is_left_out(
    capsys: pytest.CaptureFixture[str], db_path: Path, invited: tuple[str, Path, Path]
) -> None:
    from datetime import UTC, datetime, timedelta

    from maturity_scan.exchange.invitation import read_invitation, save_answer

    _, anna, _ = invited
    soon = datetime.now(UTC) + timedelta(minutes=1)
    save_answer(anna, Q_IDS[0], level=3, when=soon)
    old = anna.with_name("anna-old.json")
    old.write_bytes(anna.read_bytes())
    save_answer(anna, Q_IDS[0], level=4, when=soon + timedelta(minutes=1))
    assert read_invitation(anna).saved_at is not None
    assert run(capsys, db_path, "round", "import", str(anna))[0] == 0
    before = digest(db_path)
    code, out, err = run(capsys, db_path, "--lang", "en", "round", "import", str(old))
    assert code == 0 and "older than the answers stored" in err and "older left out: 1" in out
    assert digest(db_path) == before


def _other_org(data: dict[str, Any]) -> None:
    data["round"]["organisation"] = "Gemeente Elders"


def _other_version(data: dict[str, Any]) -> None:
    data["round"]["question_set_version"] = "1.0"


def _other_round(data: dict[str, Any]) -> None:
    data["round"]["id"] = "f" * 32


def _level_nine(data: dict[str, Any]) -> None:
    data["questions"][0]["answer"] = 9


def _unknown_question(data: dict[str, Any]) -> None:
    data["questions"][0]["id"] = "geen-vraag"


def _na_without_reason(data: dict[str, Any]) -> None:
    question = next(q for q in data["questions"] if q["na_allowed"])
    question["answer"] = "na"


def _na_claimed_allowed(data: dict[str, Any]) -> None:
    question = next(q for q in data["questions"] if not q["na_allowed"])
    question["na_allowed"] = True  # the file says so; the round's set does not
    question["answer"], question["note"] = "na", "past niet"


def _not_asked(data: dict[str, Any]) -> None:
    data["role_only"] = True
    data["respondent"]["role"] = "inkoop"
    question = next(q for q in data["questions"] if q["roles"] and "inkoop" not in q["roles"])
    question["answer"] = 2


def _unanswered(data: dict[str, Any]) -> None:
    for question in data["questions"]:
        question["answer"] = None


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (_other_org, "Gemeente Elders"),
        (_other_version, "1.0"),
        (_other_round, "another round"),
        (_level_nine, Q_IDS[0]),
        (_unknown_question, "geen-vraag"),
        (_na_without_reason, ""),
        (_na_claimed_allowed, ""),
        (_not_asked, "inkoop"),
        (_unanswered, ""),
    ],
)
def test_a_refused_file_stores_nothing_from_any_file(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    invited: tuple[str, Path, Path],
    change: Callable[[dict[str, Any]], None],
    named: str,
) -> None:
    _, anna, bram = invited
    fill(bram, {bram_questions(bram)[0]: 2})
    fill(anna, {Q_IDS[0]: 3, Q_IDS[1]: 2})
    data = json.loads(anna.read_text())
    change(data)
    anna.write_text(json.dumps(data), encoding="utf-8")
    before = digest(db_path)
    code, out, err = run(capsys, db_path, "--lang", "en", "round", "import", str(bram), str(anna))
    assert code == 2, out + err
    line = err.strip()
    assert "\n" not in line and str(anna) in line and named in line
    assert "Traceback" not in err
    assert digest(db_path) == before


def test_a_file_that_is_no_invitation_is_refused(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    open_round(db_path)
    other = tmp_path / "answers.json"
    other.write_text(json.dumps({"question_set": "sociale-inkoop", "answers": {}}))
    before = digest(db_path)
    code, _, err = run(capsys, db_path, "--lang", "en", "round", "import", str(other))
    assert code == 2 and "not an invitation" in err and str(other) in err
    assert digest(db_path) == before
