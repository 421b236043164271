"""``maturity-scan round show`` and ``round delete`` (#14): a worked example of four
respondents in three roles, as text (Dutch and English, 80 columns) and as JSON."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import msgspec
import pytest

from maturity_scan.cli import EXIT_SKIPPED, main
from maturity_scan.core.models import (
    AnswerRecord,
    AnswerValue,
    Respondent,
    RoundLink,
    SetRef,
    Visibility,
)
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets.loading import load_catalog
from maturity_scan.storage.store import Store, make_scan, now

SET = load_catalog([builtin_questions_dir()]).get("sociale-inkoop", "2.0")
QUESTIONS = [q.id for _, q in SET.questions()]
Q0, Q1, Q2 = "bestuur-principebesluit", "bestuur-doelen", "bestuur-middelen"
ORG = "Gemeente Ede"
DAY = date(2026, 11, 30)
#: Name, role, the level given to every question, and the exceptions.
PEOPLE: list[tuple[str, str, int, dict[str, AnswerValue]]] = [
    ("Anna", "bestuur", 1, {Q0: 1, Q1: 3, Q2: "unknown"}),
    ("Bram", "hr", 4, {Q0: 4, Q1: 3, Q2: "unknown"}),
    ("Cato", "inkoop", 3, {Q0: 4, Q1: 4, Q2: 2}),
    ("Daan", "hr", 5, {Q0: 5, Q1: None, Q2: "unknown"}),
]


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


def answer(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def seed_round(
    db: Path,
    visibility: Visibility = "by-role",
    people: list[tuple[str, str, int, dict[str, AnswerValue]]] = PEOPLE,
    version: str = "2.0",
) -> str:
    """The worked example: a round of Gemeente Ede with ``people``' completed scans and one
    draft (Eva, inkoop); returns the round's id."""
    store = Store(db)
    ref = SetRef(id="sociale-inkoop", version=version)
    made = store.rounds.open(ORG, "Teamscan 2027", ref, DAY, visibility=visibility)
    scans = []
    for name, role, level, exceptions in people:
        levels: dict[str, AnswerValue] = {**dict.fromkeys(QUESTIONS, level), **exceptions}
        answers = {q: AnswerRecord(level=v) for q, v in levels.items() if v is not None}
        scan = make_scan(ORG, ref, Respondent(name=name), answers=answers, completed_at=now())
        scans.append(msgspec.structs.replace(scan, round=RoundLink(id=made.id, role=role)))
    store.rounds.add_responses(made.id, scans, "seed")
    store.rounds.join(made.id, Respondent(name="Eva"), "inkoop")
    return made.id


def test_json_has_the_issue_keys_and_the_worked_example(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id = seed_round(db_path)
    code, out, err = run(capsys, db_path, "round", "show", round_id[:6], "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["id"], data["organisation"], data["title"]) == (round_id, ORG, "Teamscan 2027")
    assert (data["date"], data["visibility"], data["consensus"]) == ("2026-11-30", "by-role", None)
    assert data["question_set"] == {"id": "sociale-inkoop", "version": "2.0"}
    # by-role: roles, no names; the draft counted as still answering
    assert [(r["name"], r["role"], r["status"]) for r in data["respondents"]] == [
        (None, "bestuur", "completed"),
        (None, "hr", "completed"),
        (None, "inkoop", "completed"),
        (None, "hr", "completed"),
        (None, "inkoop", "draft"),
    ]
    questions = {q["question"]: q for q in data["questions"]}
    assert list(questions) == QUESTIONS  # the set's order
    first = questions[Q0]
    assert set(first) >= {"counts", "lower_median", "min", "max", "flag", "by_role"}
    assert first["counts"] == {
        "1": 1, "2": 0, "3": 0, "4": 2, "5": 1, "na": 0, "unknown": 0, "none": 0,
    }  # fmt: skip
    assert (first["lower_median"], first["min"], first["max"]) == (4, 1, 5)  # 1 4 4 5
    assert first["flag"] == "divided"
    assert first["by_role"] == {"bestuur": 1.0, "hr": 4.5, "inkoop": 4.0}
    assert (questions[Q1]["flag"], questions[Q1]["lower_median"]) == ("agreed", 3)
    assert questions[Q1]["counts"]["none"] == 1
    assert (questions[Q2]["flag"], questions[Q2]["provisional"]) == ("knowledge_gap", 2)
    keten = next(p for p in data["principles"] if p["id"] == "keten")
    assert keten == {
        "id": "keten",
        "by_role": {"bestuur": 1.0, "hr": 4.5, "inkoop": 3.0},
        "perception_gap": 3.5,
    }
    provisional = data["provisional"]
    assert set(provisional) == {"principles", "overall", "rules"}  # the export's shape
    keten_score = next(p for p in provisional["principles"] if p["id"] == "keten")
    assert (keten_score["score"], keten_score["level"]) == (3.0, 3)  # every median is 3
    assert keten_score["level_name"]["en"] == "Developing"


def test_text_in_dutch_divided_first_within_80_columns(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id = seed_round(db_path)
    code, out, err = run(capsys, db_path, "round", "show", round_id[:8])
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Teamscan 2027 · Gemeente Ede"
    assert "2026-11-30" in lines[1] and "sociale-inkoop 2.0" in lines[1]
    assert "zichtbaar: alleen rollen" in lines[1]
    assert "Respondenten: 4 klaar, 1 nog bezig" in out
    assert "Bestuur of directie: 1 · HR of Werk & Inkomen: 2 · Inkoop: 1" in out
    assert "Anna" not in out  # by-role: no names
    assert max(len(line) for line in lines) <= 80
    # per principle, each role with a bar; the gap from the scores as shown
    keten = lines.index("Ketensamenwerking met opdrachtnemers · perceptieverschil 3.5")
    assert lines[keten + 1] == "  Bestuur of directie   1.0 ██"
    assert lines[keten + 2] == "  HR of Werk & Inkomen  4.5 █████████"
    assert lines[keten + 3] == "  Inkoop                3.0 ██████"
    # the questions: divided first (Q0 before the rest), the agreed one last
    flagged = [line for line in lines if line[:2] in ("! ", "? ", "= ")]
    assert flagged[0].startswith(f"! {Q0} · verdeeld · mediaan 4 · 1–5")
    assert flagged[-1].startswith(f"= {Q1} · eens · mediaan 3")
    assert any(line.startswith(f"? {Q2} · kennisgat") for line in flagged)
    strip = lines[lines.index(flagged[0]) + 2]
    assert strip == "    1▕█    2▕     3▕     4▕██   5▕█    nvt▕     ?▕     –▕"
    assert "Voorlopig resultaat" in out and "Totaal" in out


def test_text_in_english_and_names_only_when_named(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id = seed_round(db_path, visibility="named")
    code, out, _ = run(capsys, db_path, "--lang", "en", "round", "show", round_id)
    assert code == 0
    assert "Anna (Board or management) · Bram (HR or Work & Income)" in out
    assert "visible: names and roles" in out and "Respondents: 4 done, 1 still answering" in out
    assert "Supply-chain collaboration with suppliers · perception gap 3.5" in out
    assert f"! {Q0} · divided · median 4 · 1–5" in out
    assert "Provisional result" in out and "Overall" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_anonymous_shows_neither_names_nor_roles_of_people(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id = seed_round(db_path, visibility="anonymous")
    code, out, _ = run(capsys, db_path, "round", "show", round_id, "--json")
    assert code == 0
    assert {(r["name"], r["role"]) for r in json.loads(out)["respondents"]} == {(None, None)}
    code, out, _ = run(capsys, db_path, "round", "show", round_id)
    assert "Anna" not in out and "Inkoop: 1" not in out
    assert "Respondenten: 4 klaar, 1 nog bezig" in out


def test_a_round_without_responses_says_so(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id = seed_round(db_path, people=[])
    code, out, _ = run(capsys, db_path, "round", "show", round_id)
    assert code == 0 and "Nog geen afgeronde antwoorden in deze ronde." in out
    code, out, _ = run(capsys, db_path, "round", "show", round_id, "--json")
    data = json.loads(out)
    assert code == 0 and data["consensus"] is None and data["questions"][0]["flag"] is None


def test_a_round_of_a_set_version_not_installed_exits_3(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id = seed_round(db_path, people=[], version="9.9")
    for args in ([], ["--json"]):
        code, out, err = run(capsys, db_path, "round", "show", round_id, *args)
        assert (code, out) == (EXIT_SKIPPED, "")
        assert len(err.splitlines()) == 1 and "9.9" in err and "--questions-dir" in err


def test_an_unknown_round_is_one_line(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed_round(db_path, people=[])
    code, out, err = run(capsys, db_path, "round", "show", "ffffffff")
    assert (code, out) == (
        2,
        "",
    ) and err.strip() == "maturity-scan: fout: geen ronde met id 'ffffffff'"


def test_delete_says_what_goes_and_asks(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    round_id = seed_round(db_path)
    before = db_path.read_bytes()
    answer(monkeypatch, "n\n")
    code, _, err = run(capsys, db_path, "round", "delete", round_id[:8])
    assert code == 1 and db_path.read_bytes() == before
    assert "4 afgeronde responsen, 1 respons in bewerking?" in err and "Niets verwijderd." in err
    answer(monkeypatch, "y\n")
    code, out, _ = run(capsys, db_path, "--lang", "en", "round", "delete", round_id)
    assert code == 0 and "Round " + round_id[:8] + " 'Teamscan 2027' deleted, with 5 scans." in out
    store = Store(db_path)
    assert store.rounds.list() == [] and store.scans(ORG) == []


def test_delete_with_yes_does_not_ask(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    round_id = seed_round(db_path, people=[])
    code, out, err = run(capsys, db_path, "round", "delete", round_id, "--yes")
    assert code == 0 and err == "" and "met 1 scan." in out
    assert Store(db_path).rounds.list() == []


def test_strips_keep_one_scale_and_show_every_answer() -> None:
    from maturity_scan.present.round_text import distribution_strip, per_cell, role_bars

    assert per_cell(4) == 1 and per_cell(30) == 8  # 4 cells hold everyone
    strip = distribution_strip({"1": 30, "2": 1}, 30, "en")
    assert strip.startswith("1▕███▊ 2▕▏    3▕    ")  # 30/8 cells; one of 30 still shows
    assert strip.endswith("n/a▕     ?▕     –▕")
    # a role's bar is its score as shown: 3.06 reads 3.0, six full cells and no more
    assert role_bars({"hr": 3.06, "bestuur": 1.0}, SET, "nl") == [
        "Bestuur of directie   1.0 ██",
        "HR of Werk & Inkomen  3.0 ██████",
    ]
