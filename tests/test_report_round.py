"""The board report on a team round's point (#15, from a new user's trial): one result gives
one report whichever command made it (``--round``, ``--org``, ``--scan`` of a consensus); a
provisional result is said wherever it shows; the round's facts, "don't know" answers and
spread per question read plainly."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import msgspec
import pytest

from maturity_scan.core.models import AnswerRecord
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.present.board_build import org_board, round_board, scan_board
from maturity_scan.present.board_report import BoardReport
from maturity_scan.question_sets.loading import load_catalog
from maturity_scan.storage.store import Store
from tests.round_seed import seed_round
from tests.rounds_seed import CONSENSUS_1, ORG, ROUND_1, ROUND_2, seed_rounds
from tests.test_report_html import agree, charts, db, report, run, text_of

__all__ = ["db"]  # the fixture, used by name

CATALOG = load_catalog([builtin_questions_dir()])
MADE = date(2026, 12, 2)


@pytest.fixture
def ede(db: Path, capsys: pytest.CaptureFixture[str]) -> Store:
    """Gemeente Ede: a scan of its own, round 1 with a consensus, round 2 without (the
    latest point, provisional); targets for two principles."""
    store = Store(db)
    seed_rounds(store)
    for principle, level in (("bestuur", "4"), ("hr-inkoop", "3")):
        code, _, err = run(
            capsys, db, "target", "set", "--org", ORG, "--principle", principle, "--level", level
        )
        assert code == 0, err
    return store


def result_part(board: BoardReport) -> tuple[object, ...]:
    """What a report says about the result: profile (with targets), change, history and the
    principle blocks."""
    return (
        board.overall,
        board.profile.table,
        board.profile.svg,
        board.change_note,
        board.change,
        board.history.table if board.history is not None else None,
        board.principles,
    )


def test_one_point_one_report_whichever_command(ede: Store) -> None:
    by_round = round_board(ede, CATALOG, ede.rounds.get(ROUND_2), "nl", MADE)
    by_org = org_board(ede, CATALOG, ORG, "nl", MADE)
    assert by_org is not None
    assert result_part(by_round) == result_part(by_org)
    assert by_round.facts == by_org.facts
    targets = [row[-1] for row in by_round.profile.table.rows]
    assert targets[:2] == ["4", "3"]  # the organisation's targets, in the round's report too
    assert by_round.change is not None  # against the consensus of round 1
    consensus = round_board(ede, CATALOG, ede.rounds.get(ROUND_1), "en", MADE)
    scan = scan_board(ede, CATALOG, CONSENSUS_1[:8], "en", MADE)
    assert result_part(consensus) == result_part(scan)
    assert consensus.facts == scan.facts
    assert consensus.change is not None and consensus.history is not None


def test_a_provisional_point_is_said_in_the_facts_change_and_history(
    ede: Store, capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    board = org_board(ede, CATALOG, ORG, "nl", MADE)
    assert board is not None
    facts = dict(board.facts)
    assert facts["Teamronde"] == "Teamscan najaar"
    assert facts["Resultaat"] == "voorlopig: nog geen consensus"
    assert facts["Deelnemers"] == "3 leverden antwoorden in"
    assert "Ingevuld door" not in facts
    assert board.change is not None and board.change.head[2] == "Nu (voorlopig)"
    assert board.change_note is not None and "voorlopig" in board.change_note
    assert board.history is not None
    days = [row[0].replace("\u00a0", " ") for row in board.history.table.rows]
    # each point's kind as the app's history "Punt" column says it; the day on one line
    assert days == ["1 jun 2025", "15 jan 2026 (consensus)", "1 okt 2026 (voorlopig)"]
    assert "\u00a0" in board.history.table.rows[0][0]
    svg = board.history.svg.markup
    # one mark a series (three principles, overall) and one in the legend line
    assert svg.count('class="provisional"') == 5 and svg.count('class="consensus"') == 5
    assert "voorlopig resultaat van een teamronde" in svg and "consensus van een teamronde" in svg
    text = text_of(report(capsys, db, "--org", ORG, "-o", "ede.html", "--lang", "en"))
    assert "Result provisional: no consensus yet" in text
    assert "Now (provisional)" in text


def test_a_consensus_has_the_rounds_facts_not_a_respondent(ede: Store) -> None:
    board = scan_board(ede, CATALOG, CONSENSUS_1[:8], "nl", MADE)
    facts = dict(board.facts)
    assert "Ingevuld door" not in facts
    assert facts["Teamronde"] == "Teamscan 2026"
    assert facts["Deelnemers"] == "4 leverden antwoorden in"
    assert facts["Zichtbaar"] == "alleen rollen; namen blijven verborgen"
    assert facts["Resultaat"] == "consensus van het team"


def test_an_outdated_consensus_is_said_in_the_org_report_too(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id = seed_round(db)
    agree(capsys, db, round_id)
    store = Store(db)
    first = store.rounds.contents(round_id).responses[0]
    question = next(iter(first.answers))
    changed = msgspec.structs.replace(
        first, answers={**first.answers, question: AnswerRecord(level=5)}
    )
    store.rounds.add_responses(round_id, [changed], "newer.json", replace=True)
    board = org_board(store, CATALOG, "Gemeente Zwolle", "nl", MADE)
    assert board is not None
    assert dict(board.facts)["Resultaat"] == (
        "consensus van het team; daarna zijn antwoorden gewijzigd"
    )


def test_the_rounds_dont_know_answers_are_to_find_out(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id = seed_round(db)  # Cor and Dina did not know "bestuur-doelen": a knowledge gap
    text = text_of(report(capsys, db, "--round", round_id, "-o", "round.html"))
    heading = CATALOG.get("sociale-inkoop", "2.0").question("bestuur-doelen")
    assert heading is not None
    found = text.split("In de teamronde", 1)
    assert len(found) == 2
    assert heading.text.get("nl") in found[1]
    assert "2 van 4 deelnemers zeiden ‘weet ik niet’ · kennisgat" in found[1]
    assert "Geen vragen met 'weet niet' beantwoord" not in text


@pytest.mark.parametrize(
    ("lang", "spread", "roles"),
    [
        (
            "nl",
            "2 × niveau 1, 2 × niveau 4 · mediaan 1",
            "Bestuur of directie 4,0; HR of Werk & Inkomen 1,0; Inkoop 4,0",
        ),
        (
            "en",
            "2 × level 1, 2 × level 4 · median 1",
            "Board or management 4.0; HR or Work & Income 1.0; Procurement 4.0",
        ),
    ],
)
def test_a_divided_question_reads_plainly(
    db: Path, capsys: pytest.CaptureFixture[str], lang: str, spread: str, roles: str
) -> None:
    round_id = seed_round(db)
    html = report(capsys, db, "--round", round_id, "-o", f"round-{lang}.html", "--lang", lang)
    assert f"{spread} · {roles}" in text_of(html)
    alt = charts(html)[1][0]  # the roles side by side
    assert not re.search(r"\d[,.]\d, ", alt)  # no list comma after a decimal one
    assert "; " in alt


def test_the_teams_decision_on_a_divided_question(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id = seed_round(db)
    agree(capsys, db, round_id)
    text = text_of(report(capsys, db, "--round", round_id, "-o", "agreed.html"))
    assert "mediaan 1 · besluit van het team: niveau 1 · Bestuur" in text


def test_a_partly_answered_response_is_not_called_finished(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id = seed_round(db, respondents=3)
    store = Store(db)
    first = store.rounds.contents(round_id).responses[0]
    partial = dict(list(first.answers.items())[1:])  # one question left unanswered
    store.rounds.add_responses(
        round_id, [msgspec.structs.replace(first, answers=partial)], "pieter.json", replace=True
    )
    code, shown, err = run(capsys, db, "round", "show", round_id)
    assert code == 0, err
    assert "Respondenten: 3 klaar" in shown  # what round show counts, the report counts
    text = text_of(report(capsys, db, "--round", round_id, "-o", "partial.html"))
    assert "afgerond." not in text and "(afgerond)" not in text
    assert "Deelnemers 3 leverden antwoorden in" in text
    assert "3 deelnemers hebben antwoorden ingeleverd." in text
