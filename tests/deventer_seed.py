"""The data of the second new-user trial of the board report (#15): Gemeente Deventer with
scans of its own on 15-03-2025 and 20-11-2026 and a named team round on 25-11-2026 (five days
later) with three respondents, each with a note, and a consensus with two overrides (one to
"weet niet"). Answers differ from question to question, as in a real scan, so the report's
lists are as long as a real one's."""

from __future__ import annotations

from datetime import date

import msgspec

from maturity_scan.core.models import (
    AnswerRecord,
    AnswerSource,
    AnswerValue,
    Respondent,
    Round,
    RoundLink,
    Scan,
)
from maturity_scan.storage.store import Store

from .conftest import at
from .rounds_seed import QUESTIONS, SET

ORG = "Gemeente Deventer"
ROUND = "d0" * 16
CONSENSUS = "dc" * 16
LINK = "https://www.deventer.nl/bestuur/inkoopbeleid/sociale-inkoop-en-social-return-2026.pdf"


def answers(base: int, shift: int, note: str = "") -> dict[str, AnswerRecord]:
    """Levels from ``base`` up, varying by question; the note on the second question."""
    found: dict[str, AnswerRecord] = {}
    for n, question in enumerate(QUESTIONS):
        level: AnswerValue = max(1, min(5, base + (n * 7 + shift) % 3 - 1))
        found[question] = AnswerRecord(level=level, note=note if n == 1 else "")
    return found


def scan(scan_id: str, day: str, who: str, records: dict[str, AnswerRecord]) -> Scan:
    return Scan(
        id=scan_id,
        organisation=ORG,
        respondent=Respondent(name=who),
        question_set=SET.ref,
        status="completed",
        started_at=at(day),
        completed_at=at(day),
        answers=records,
    )


def seed_deventer(store: Store) -> None:
    """Store the trial's scans and round (one import)."""
    scans = [
        scan("d1" * 16, "2025-03-15", "Pieter", answers(2, 0)),
        scan("d2" * 16, "2026-11-20", "Pieter", answers(3, 1, f"Zie het beleid: {LINK}")),
    ]
    people = [("Pieter", "inkoop", 3), ("Anouk", "hr", 2), ("Kees", "bestuur", 3)]
    for n, (name, role, base) in enumerate(people):
        made = scan(f"e{n}" * 16, "2026-11-25", name, answers(base, n, f"Notitie van {name}."))
        scans.append(msgspec.structs.replace(made, round=RoundLink(id=ROUND, role=role)))
    overrides = {
        QUESTIONS[0]: AnswerSource("override", f"Het besluit staat in {LINK}"),
        QUESTIONS[3]: AnswerSource("override", "Niemand kon het bevestigen."),
    }
    records = answers(3, 0) | {QUESTIONS[3]: AnswerRecord(level="unknown")}
    made = scan(CONSENSUS, "2026-11-25", "Team", records)
    consensus = RoundLink(id=ROUND, kind="consensus", sources=overrides)
    scans.append(msgspec.structs.replace(made, taken_at=at("2026-11-25"), round=consensus))
    a_round = Round(
        id=ROUND,
        organisation=ORG,
        title="Teamscan Deventer 2026",
        question_set=SET.ref,
        opened=date(2026, 11, 25),
        created_at=at("2026-11-25"),
        visibility="named",
    )
    store.import_scans(scans, "trial", rounds=[a_round])
