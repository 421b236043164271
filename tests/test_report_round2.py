"""The board report on a team round, from a second new user's trial (#15): a respondent's own
scan says what it is and shows no change as the organisation's progress; a round's point
lists the round's "don't know" questions whichever command made its report; the
respondents' notes show per question, as the round's visibility allows, in HTML and PDF."""

from __future__ import annotations

from datetime import date
from importlib.util import find_spec
from pathlib import Path

import msgspec
import pytest

from maturity_scan.i18n import tr
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.present.board_build import org_board, round_board, scan_board
from maturity_scan.question_sets.loading import load_catalog
from maturity_scan.storage.store import Store
from tests.round_seed import ORG as ZWOLLE
from tests.round_seed import QUESTIONS, seed_round
from tests.rounds_seed import ORG, ROUND_2, ROUND_3, seed_rounds
from tests.test_report_html import agree, db, report, text_of

__all__ = ["db"]  # the fixture, used by name

CATALOG = load_catalog([builtin_questions_dir()])
MADE = date(2026, 12, 2)
GAP = "2 van 4 deelnemers zeiden ‘weet ik niet’ · kennisgat"
GAP_QUESTION = CATALOG.get("sociale-inkoop", "2.0").question("bestuur-doelen")


def with_notes(db: Path, visibility: str) -> tuple[Store, str]:
    """Gemeente Zwolle's round (Anna bestuur, Bram and Cor HR, Dina inkoop), each with a note
    on the first question; Dina and Bram one on the fourth too."""
    round_id = seed_round(db, visibility=visibility)
    store = Store(db)
    changed = []
    for scan in store.rounds.contents(round_id).responses:
        name = scan.respondent.name
        answers = dict(scan.answers)
        notes = {QUESTIONS[0]: f"{name} zag het beleid niet", QUESTIONS[3]: f"plan van {name}"}
        for question, note in notes.items():
            if question == QUESTIONS[0] or name in ("Bram", "Dina"):
                answers[question] = msgspec.structs.replace(answers[question], note=note)
        changed.append(msgspec.structs.replace(scan, answers=answers))
    store.rounds.add_responses(round_id, changed, "notes.json", replace=True)
    return store, round_id


def test_a_respondents_scan_says_what_it_is_and_no_change_as_progress(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store(db)
    seed_rounds(store)  # Ede: the respondents of round 2 come after round 1's consensus
    respondent = f"b2{0:030d}"  # HR, round 2 (by role)
    board = scan_board(store, CATALOG, respondent, "nl", MADE)
    facts = dict(board.facts)
    assert facts["Teamronde"] == (
        "Antwoorden van een respondent in ronde b2b2b2b2 'Teamscan najaar' "
        "(rol: HR of Werk & Inkomen); de ronde telt als één punt in de geschiedenis."
    )
    assert "Ingevuld door" not in facts  # a round by role: no names
    assert board.change is None and board.change_note is None
    assert board.history is None
    text = text_of(report(capsys, db, "--scan", respondent, "-o", "r.html", "--lang", "en"))
    assert "A respondent's answers in round b2b2b2b2 'Teamscan najaar' (role: HR" in text
    assert "Change since" not in text and "Respondent 0" not in text


def test_a_named_respondents_scan_names_them(db: Path) -> None:
    store, _ = with_notes(db, "named")
    bram = store.rounds.contents("b" * 32).responses[1]
    facts = dict(scan_board(store, CATALOG, bram.id, "nl", MADE).facts)
    assert facts["Ingevuld door"] == "Bram"
    assert "(rol: HR of Werk & Inkomen)" in facts["Teamronde"]


def test_a_round_point_lists_the_rounds_dont_know_in_org_and_scan_reports(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id = seed_round(db)  # Cor and Dina did not know "bestuur-doelen": a knowledge gap
    assert GAP_QUESTION is not None
    store = Store(db)
    by_round = round_board(store, CATALOG, store.rounds.get(round_id), "nl", MADE)
    by_org = org_board(store, CATALOG, ZWOLLE, "nl", MADE)  # the provisional point
    assert by_round.round is not None and by_org is not None and by_org.round is not None
    assert by_org.round.unknown == by_round.round.unknown
    text = text_of(report(capsys, db, "--org", ZWOLLE, "-o", "org.html"))
    found = text.split("In de teamronde", 1)
    assert len(found) == 2 and GAP in found[1]
    assert GAP_QUESTION.text.get("nl") in found[1]
    assert tr("board.no_dont_know", "nl") not in text
    assert "De teamronde" not in text  # the round's own section is --round's
    agree(capsys, db, round_id)
    consensus = Store(db).rounds.contents(round_id).consensus
    assert consensus is not None
    text = text_of(report(capsys, db, "--scan", consensus.id[:10], "-o", "scan.html"))
    assert GAP in text.split("In de teamronde", 1)[1]


@pytest.mark.parametrize(
    ("visibility", "first", "fourth"),
    [
        (
            "named",
            [
                ("Anna, Bestuur of directie", "Anna zag het beleid niet"),
                ("Bram, HR of Werk & Inkomen", "Bram zag het beleid niet"),
                ("Cor, HR of Werk & Inkomen", "Cor zag het beleid niet"),
                ("Dina, Inkoop", "Dina zag het beleid niet"),
            ],
            [("Bram, HR of Werk & Inkomen", "plan van Bram"), ("Dina, Inkoop", "plan van Dina")],
        ),
        (
            "by-role",
            [
                ("Bestuur of directie", "Anna zag het beleid niet"),
                ("HR of Werk & Inkomen", "Bram zag het beleid niet"),
                ("HR of Werk & Inkomen", "Cor zag het beleid niet"),
                ("Inkoop", "Dina zag het beleid niet"),
            ],
            [("HR of Werk & Inkomen", "plan van Bram"), ("Inkoop", "plan van Dina")],
        ),
        (
            "anonymous",
            [
                ("", "Anna zag het beleid niet"),
                ("", "Bram zag het beleid niet"),
                ("", "Cor zag het beleid niet"),
                ("", "Dina zag het beleid niet"),
            ],
            [("", "plan van Bram"), ("", "plan van Dina")],
        ),
    ],
)
def test_the_respondents_notes_per_question_as_the_visibility_allows(
    db: Path,
    capsys: pytest.CaptureFixture[str],
    visibility: str,
    first: list[tuple[str, str]],
    fourth: list[tuple[str, str]],
) -> None:
    store, round_id = with_notes(db, visibility)
    board = round_board(store, CATALOG, store.rounds.get(round_id), "nl", MADE)
    by_org = org_board(store, CATALOG, ZWOLLE, "nl", MADE)
    assert board.round is not None and by_org is not None and by_org.round is not None
    assert by_org.round.notes == board.round.notes  # the round's point: the same notes
    texts = [CATALOG.get("sociale-inkoop", "2.0").question(q) for q in QUESTIONS]
    assert [g.question for g in board.round.notes] == [
        t.text.get("nl") for t in (texts[0], texts[3]) if t is not None
    ]
    assert [(n.who, n.note) for n in board.round.notes[0].notes] == first
    assert [(n.who, n.note) for n in board.round.notes[1].notes] == fourth
    text = text_of(report(capsys, db, "--round", round_id, "-o", "round.html"))
    notes = text.split("Toelichtingen van de deelnemers", 1)[1]
    assert "plan van Dina" in notes
    if visibility == "named":
        assert "Dina, Inkoop : plan van Dina" in notes
    else:  # the names are nowhere in the report
        assert "Bram, HR" not in text and "Dina, Inkoop" not in text
    if visibility == "anonymous":
        assert "zonder naam of rol: de ronde is anoniem" in notes
        assert "Inkoop :" not in notes


def test_without_notes_nothing_is_said_but_who_still_answers(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store(db)
    seed_rounds(store)
    board = round_board(store, CATALOG, store.rounds.get(ROUND_2), "en", MADE)
    assert board.round is not None and board.round.notes == board.round.notes_about == []
    text = text_of(report(capsys, db, "--round", ROUND_2, "-o", "r.html", "--lang", "en"))
    assert "Respondents' notes" not in text  # no heading over nothing
    waiting = round_board(store, CATALOG, store.rounds.get(ROUND_3), "nl", MADE)
    assert waiting.round is not None
    assert waiting.round.notes_about == [
        "De toelichtingen van 1 deelnemer die nog antwoordt, staan er nog niet in."
    ]
    text = text_of(report(capsys, db, "--round", ROUND_3, "-o", "r3.html"))
    assert "Toelichtingen van de deelnemers De toelichtingen van 1 deelnemer" in text
    by_org = org_board(store, CATALOG, ORG, "en", MADE)
    assert by_org is not None and by_org.round is not None and not by_org.round.whole


@pytest.mark.skipif(find_spec("typst") is None, reason="typst is not installed")
def test_the_notes_in_the_pdf(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.test_report_pdf import flat, pages, pdf

    _, round_id = with_notes(db, "by-role")
    text = flat("\n".join(pages(pdf(capsys, db, "--round", round_id[:6], "-o", "r.pdf"))))
    notes = text.split("Toelichtingen van de deelnemers", 1)[1]
    assert "namen blijven verborgen" in notes
    assert "Inkoop: plan van Dina" in notes and "HR of Werk & Inkomen: plan van Bram" in notes
    text = flat("\n".join(pages(pdf(capsys, db, "--org", ZWOLLE, "-o", "o.pdf"))))
    assert GAP in text.split("In de teamronde", 1)[1]
    assert "Inkoop: Dina zag het beleid niet" in text


@pytest.mark.parametrize(
    ("visibility", "order"),
    [
        ("named", ["z", "y", "x", "w"]),
        ("by-role", ["z", "x", "y", "w"]),
        ("anonymous", list("wxyz")),
    ],
)
def test_the_notes_order_follows_a_person_only_when_names_show(
    db: Path, visibility: str, order: list[str]
) -> None:
    from maturity_scan.core.models import AnswerRecord
    from maturity_scan.core.round_notes import respondent_notes
    from tests.round_seed import SET, response

    made = Store(db).rounds.get(seed_round(db, visibility=visibility))
    scans = []
    for n, note in enumerate("zyxw"):  # Anna bestuur, Bram HR, Cor HR, Dina inkoop
        scan = response(made.id, n)
        answers = {**scan.answers, QUESTIONS[0]: AnswerRecord(level=2, note=note)}
        scans.append(msgspec.structs.replace(scan, answers=answers))
    found = respondent_notes(made, scans, SET)
    assert [n.note for n in found[0].notes] == order
