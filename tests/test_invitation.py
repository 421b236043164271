"""Invitations (#14): ``round invite`` writes an answers file that reads and fills in with any
editor; reading one back checks every field, naming the file and the field or question."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from maturity_scan.cli import main
from maturity_scan.errors import ScanError
from maturity_scan.exchange.invitation import (
    FORMAT,
    draft_of,
    parse_invitation,
    read_invitation,
    save_answer,
)
from maturity_scan.exchange.invitation_questions import question_set_of
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets.loading import load_catalog
from maturity_scan.storage.store import Store, now

SET = load_catalog([builtin_questions_dir()]).get("sociale-inkoop", "2.0")
ORG = "Gemeente Ede"
Q_IDS = [q.id for _, q in SET.questions()]


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


def open_round(db: Path, visibility: str = "by-role") -> str:
    store = Store(db)
    return store.rounds.open(
        ORG,
        "Teamscan",
        SET.ref,
        date(2026, 11, 30),
        visibility=visibility,  # type: ignore[arg-type]
    ).id


def invite(
    capsys: pytest.CaptureFixture[str], db: Path, round_id: str, out: Path, *extra: str
) -> Path:
    code, _, err = run(capsys, db, "round", "invite", round_id, "-o", str(out), *extra)
    assert (code, err) == (0, ""), err
    return out


def fill(path: Path, answers: dict[str, Any], notes: dict[str, str] | None = None) -> None:
    """Answer an invitation as a person with an editor would."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for question in data["questions"]:
        if question["id"] in answers:
            question["answer"] = answers[question["id"]]
        if notes and question["id"] in notes:
            question["note"] = notes[question["id"]]
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")


def test_an_invitation_carries_the_round_the_role_and_every_question(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    round_id = open_round(db_path)
    path = invite(
        capsys,
        db_path,
        round_id,
        tmp_path / "anna.json",
        "--respondent",
        "Anna",
        "--role",
        "hr",
        "--return-to",
        "Piet",
        "--lang",
        "en",
    )
    assert os.stat(path).st_mode & 0o777 == 0o600
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["format_version"] == 1
    assert len(data["id"]) == 32 and data["language"] == "en"
    assert data["round"] == {
        "id": round_id,
        "title": "Teamscan",
        "organisation": ORG,
        "question_set": "sociale-inkoop",
        "question_set_version": "2.0",
        "date": "2026-11-30",
        "closes": None,
    }
    assert data["respondent"]["name"] == "Anna" and data["respondent"]["role"] == "hr"
    assert data["return_to"] == "Piet" and data["role_only"] is False
    assert [d["term"] for d in data["definitions"]] == [d.term.get("en") for d in SET.definitions]
    questions = data["questions"]
    assert [q["id"] for q in questions] == [q.id for _, q in SET.questions()]
    first_principle, first = SET.questions()[0]
    assert questions[0]["text"] == first.text.get("en")
    assert questions[0]["principle"] == first_principle.title.get("en")
    assert questions[0]["anchors"]["5"] == first.anchor(5, "en")
    assert questions[0]["na_allowed"] == first.allow_na
    assert questions[0]["roles"] == list(first.roles)
    # the answer and the note right beside each question, to fill in by hand
    assert all(q["answer"] is None and q["note"] == "" for q in questions)
    assert "answer" in data["how_to"]


def test_a_role_only_invitation_holds_only_the_questions_of_the_role(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    round_id = open_round(db_path)
    path = invite(
        capsys, db_path, round_id, tmp_path / "i.json", "--respondent", "I", "--role", "inkoop"
    )
    only = invite(
        capsys,
        db_path,
        round_id,
        tmp_path / "o.json",
        "--respondent",
        "O",
        "--role",
        "inkoop",
        "--role-only",
    )
    every = [q["id"] for q in json.loads(path.read_text())["questions"]]
    asked = [q["id"] for q in json.loads(only.read_text())["questions"]]
    suits = [q.id for _, q in SET.questions() if q.suits("inkoop")]
    assert asked == suits and len(asked) < len(every)
    assert json.loads(only.read_text())["role_only"] is True


def test_invite_refuses_an_unknown_role_a_missing_name_and_an_existing_file(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    round_id = open_round(db_path)
    out = tmp_path / "x.json"
    code, _, err = run(
        capsys, db_path, "--lang", "en", "round", "invite", round_id, "--respondent", "A",
        "--role", "boss", "-o", str(out),
    )  # fmt: skip
    assert code == 2 and "'boss'" in err and "bestuur, hr, inkoop" in err and not out.exists()
    code, _, err = run(
        capsys, db_path, "--lang", "en", "round", "invite", round_id, "--role", "hr", "-o", str(out)
    )
    assert code == 2 and "--respondent" in err and not out.exists()
    out.write_text("answers already in here")
    code, _, err = run(
        capsys, db_path, "--lang", "en", "round", "invite", round_id, "--respondent", "A",
        "--role", "hr", "-o", str(out),
    )  # fmt: skip
    assert code == 2 and "--force" in err and out.read_text() == "answers already in here"


def test_an_anonymous_round_invites_without_a_name_under_a_default_file_name(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    round_id = open_round(db_path, visibility="anonymous")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, db_path, "round", "invite", round_id, "--role", "bestuur")
    assert (code, err) == (0, ""), err
    (written,) = tmp_path.glob("uitnodiging-gemeente-ede-bestuur-*.json")
    assert written.name in out
    assert read_invitation(written).respondent.name is None


def written(tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    round_id = open_round(db_path)
    return invite(
        capsys, db_path, round_id, tmp_path / "a.json", "--respondent", "A", "--role", "hr"
    )


@pytest.mark.parametrize(
    ("change", "key", "named"),
    [
        (lambda d: d.update(format="something-else"), "err.invite_not_invitation", ""),
        (lambda d: d.update(format_version=2), "err.invite_newer", ""),
        (lambda d: d["questions"][0].update(answer=9), "err.field", Q_IDS[0]),
        (lambda d: d["questions"][1].update(answer="maybe"), "err.field", Q_IDS[1]),
        (lambda d: d["questions"][0].update(anwser=3), "err.field", "anwser"),
        (lambda d: d["questions"].append(d["questions"][0]), "err.invite_question_twice", ""),
        (lambda d: d["questions"][0].update(note="a\x1bb"), "err.invite_field_control", ""),
        (lambda d: d.update(id="not-an-id"), "err.field", "id"),
    ],
)
def test_a_bad_file_is_one_error_naming_the_file_and_field(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    tmp_path: Path,
    change: Any,
    key: str,
    named: str,
) -> None:
    path = written(tmp_path, db_path, capsys)
    data = json.loads(path.read_text())
    change(data)
    with pytest.raises(ScanError) as err:
        parse_invitation(json.dumps(data).encode(), str(path))
    assert err.value.key == key
    text = err.value.render("en")
    assert str(path) in text and named in text


def test_na_is_refused_where_the_question_does_not_allow_it(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    path = written(tmp_path, db_path, capsys)
    strict = next(q.id for _, q in SET.questions() if not q.allow_na)
    fill(path, {strict: "na"})
    with pytest.raises(ScanError) as err:
        read_invitation(path)
    assert err.value.key == "err.answers_na_not_allowed" and strict in err.value.render("en")


def test_saving_an_answer_rewrites_the_file_whole_and_private(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    path = written(tmp_path, db_path, capsys)
    first, second = (q.id for _, q in SET.questions()[:2])
    save_answer(path, first, now(), level=3)
    save_answer(path, second, now(), note="navragen bij HR")
    save_answer(path, first, now(), note="besluit van 2025")
    invitation = read_invitation(path)
    draft = draft_of(invitation)
    assert draft.answer(first) == 3 and draft.note(first) == "besluit van 2025"
    assert draft.answer(second) is None and draft.note(second) == "navragen bij HR"
    assert invitation.saved_at is not None and invitation.completed_at is None
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    with pytest.raises(ScanError):
        save_answer(path, "no-such-question", now(), level=2)


def test_the_file_alone_gives_the_questions_to_show(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    path = written(tmp_path, db_path, capsys)
    shown = question_set_of(read_invitation(path))
    assert [q.id for _, q in shown.questions()] == [q.id for _, q in SET.questions()]
    assert [p.id for p in shown.principles] == [p.id for p in SET.principles]
    (_, question), (_, original) = shown.questions()[3], SET.questions()[3]
    assert question.text.get("en") == original.text.get("nl")  # the file's language
    assert question.allow_na == original.allow_na
    assert len(shown.definitions) == len(SET.definitions)
