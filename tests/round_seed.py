"""A team round to test the app with (#14): Gemeente Zwolle, set 2.0, fixed dates, four
respondents in three roles who disagree most on whether HR and procurement consult each
other (HR says 1, procurement 4), a question in the middle of the set."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import msgspec

from maturity_scan.core.models import AnswerRecord, AnswerValue, Respondent, RoundLink, Scan
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets.loading import load_catalog
from maturity_scan.storage.store import Store

SET = load_catalog([builtin_questions_dir()]).get("sociale-inkoop", "2.0")
ORG = "Gemeente Zwolle"
DIVIDED = "hr-inkoop-overleg"
QUESTIONS = [q.id for _, q in SET.questions()]

#: Per respondent: name, role, the level given to every question, and exceptions.
RESPONDENTS: list[tuple[str, str, int, dict[str, AnswerValue]]] = [
    ("Anna", "bestuur", 3, {DIVIDED: 4}),
    ("Bram", "hr", 2, {DIVIDED: 1}),
    ("Cor", "hr", 2, {DIVIDED: 1, "bestuur-doelen": "unknown"}),
    ("Dina", "inkoop", 3, {DIVIDED: 4, "bestuur-doelen": "unknown"}),
]


def moment(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T10:00:00").replace(tzinfo=UTC)


def response(round_id: str, n: int) -> Scan:
    name, role, level, exceptions = RESPONDENTS[n]
    answers = {q: AnswerRecord(level=exceptions.get(q, level)) for q in QUESTIONS}
    return Scan(
        id=f"{n + 1:x}".rjust(32, "a"),
        organisation=ORG,
        respondent=Respondent(name=name),
        question_set=SET.ref,
        status="completed",
        started_at=moment("2026-11-20"),
        completed_at=moment(f"2026-11-2{n + 1}"),
        answers=answers,
        round=RoundLink(id=round_id, role=role),
    )


def seed_round(db: Path, *, visibility: str = "by-role", respondents: int = 4) -> str:
    """The round (opened 2026-11-20) with its respondents' completed scans; its id."""
    store = Store(db)
    made = store.rounds.open(
        ORG,
        "Teamscan najaar 2026",
        SET.ref,
        date(2026, 11, 20),
        visibility=visibility,  # type: ignore[arg-type]
    )
    # a fixed id and creation moment, so the screens are the same every run
    fixed = msgspec.structs.replace(made, id="b" * 32, created_at=moment("2026-11-20"))
    _replace_round(db, made.id, fixed)
    scans = [response(fixed.id, n) for n in range(respondents)]
    store.rounds.add_responses(fixed.id, scans, "seed")
    return fixed.id


def _replace_round(db: Path, old: str, new: object) -> None:
    """The stored round given a fixed id (the store makes a random one)."""
    import json

    data = json.loads(db.read_text())
    for doc in data["rounds"].values():
        if doc["id"] == old:
            doc.update(msgspec.to_builtins(new))
    db.write_text(json.dumps(data))
