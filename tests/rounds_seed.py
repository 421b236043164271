"""A database with team rounds for the tests of history, compare, the overview and exports
(#14): one organisation with a scan of its own, a round with a consensus, a round without
one, and a round nobody finished."""

from __future__ import annotations

from datetime import date

import msgspec

from maturity_scan.core.models import (
    AnswerRecord,
    AnswerSource,
    Respondent,
    Round,
    RoundLink,
    Scan,
    SetRef,
)
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets.loading import load_catalog
from maturity_scan.storage.store import Store

from .conftest import at

CATALOG = load_catalog([builtin_questions_dir()])
SET = CATALOG.get("sociale-inkoop", "2.0")
QUESTIONS = [q.id for _, q in SET.questions()]
ORG = "Gemeente Ede"

SINGLE = "a1" * 16
#: Round 1 (2026-01-15): HR 1, inkoop 4, bestuur 3, HR 2 on every question; consensus 3.
ROUND_1 = "b1" * 16
CONSENSUS_1 = "c1" * 16
#: Round 2 (2026-10-01): HR 3, inkoop 5, bestuur 4; no consensus: provisional 4.
ROUND_2 = "b2" * 16
#: Round 3 (2026-11-01): one respondent still answering; no point.
ROUND_3 = "b3" * 16
ROLES_1 = [("hr", 1), ("inkoop", 4), ("bestuur", 3), ("hr", 2)]
ROLES_2 = [("hr", 3), ("inkoop", 5), ("bestuur", 4)]


def levels(level: int) -> dict[str, AnswerRecord]:
    return {q: AnswerRecord(level=level) for q in QUESTIONS}


def a_round(round_id: str, day: str, title: str, org: str = ORG) -> Round:
    return Round(
        id=round_id,
        organisation=org,
        title=title,
        question_set=SET.ref,
        opened=date.fromisoformat(day),
        created_at=at(day),
    )


def response(round_id: str, number: int, day: str, role: str, level: int, org: str = ORG) -> Scan:
    return Scan(
        id=f"{round_id[:2]}{number:030d}",
        organisation=org,
        respondent=Respondent(name=f"Respondent {number}"),
        question_set=SET.ref,
        status="completed",
        started_at=at(day),
        completed_at=at(day),
        answers=levels(level),
        round=RoundLink(id=round_id, role=role),
    )


def consensus(round_id: str, scan_id: str, day: str, level: int, org: str = ORG) -> Scan:
    return Scan(
        id=scan_id,
        organisation=org,
        respondent=Respondent(name="Team"),
        question_set=SET.ref,
        status="completed",
        started_at=at(day),
        completed_at=at(day),
        taken_at=at(day),
        answers=levels(level),
        round=RoundLink(
            id=round_id,
            kind="consensus",
            sources={QUESTIONS[0]: AnswerSource("override", "we saw the policy")},
        ),
    )


def single(scan_id: str, day: str, level: int, org: str = ORG) -> Scan:
    return Scan(
        id=scan_id,
        organisation=org,
        respondent=Respondent(name="Anna"),
        question_set=SetRef(SET.id, SET.version),
        status="completed",
        started_at=at(day),
        completed_at=at(day),
        answers=levels(level),
    )


def team_rounds() -> tuple[list[Scan], list[Round]]:
    """The scans and rounds of the organisation (see the module's docstring)."""
    rounds = [
        a_round(ROUND_1, "2026-01-15", "Teamscan 2026"),
        a_round(ROUND_2, "2026-10-01", "Teamscan najaar"),
        a_round(ROUND_3, "2026-11-01", "Teamscan winter"),
    ]
    scans = [single(SINGLE, "2025-06-01", 2)]
    scans += [response(ROUND_1, n, "2026-01-16", r, v) for n, (r, v) in enumerate(ROLES_1)]
    scans.append(consensus(ROUND_1, CONSENSUS_1, "2026-01-15", 3))
    scans += [response(ROUND_2, n, "2026-10-02", r, v) for n, (r, v) in enumerate(ROLES_2)]
    draft = response(ROUND_3, 0, "2026-11-02", "hr", 2)
    scans.append(msgspec.structs.replace(draft, status="draft", completed_at=None))
    return scans, rounds


def seed_rounds(store: Store) -> None:
    """Store :func:`team_rounds` (through an import: one write)."""
    scans, rounds = team_rounds()
    store.import_scans(scans, "seed", rounds=rounds)
