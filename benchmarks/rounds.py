"""Team rounds at scale (#14): a round of 30 respondents in the big database.

- ``round``: ``round show --json ROUND`` (30 respondents' scans, the statistics, the
  provisional result) against ``scan show --json SCAN`` of one scan, whole processes, paired;
  target 1.5×.
- ``round screen``: in ``app.run_test()``, the round screen pushed until it has painted its
  report, against the results screen of one scan pushed the same way; target 1.5×.
"""

from __future__ import annotations

import random
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

#: Respondents in the benchmark's round, and the set version they answer (2.0 has roles).
RESPONDENTS = 30
ROUND_SET_VERSION = "2.0"
ROUND_TARGET = 1.5
ROUND_SCREEN_TARGET = 1.5
ROLES = ("bestuur", "hr", "inkoop", "contractmanagement", "overig")


def add_round(path: Path, organisation: str, respondents: int = RESPONDENTS, seed: int = 14) -> str:
    """A round of ``organisation`` with ``respondents`` completed responses (random levels,
    a few "unknown"), stored in the database at ``path``; returns the round's id."""
    import msgspec

    from maturity_scan.config import Config
    from maturity_scan.core.models import UNKNOWN, AnswerRecord, Respondent, RoundLink
    from maturity_scan.storage.store import Store, make_scan

    rng = random.Random(seed)
    question_set = Config.create(environ={}).catalog.get("sociale-inkoop", ROUND_SET_VERSION)
    store = Store(path)
    made = store.rounds.open(
        organisation, "Teamscan benchmark", question_set.ref, date(2026, 10, 1)
    )
    when = datetime(2026, 10, 1, 9, 0).astimezone()
    scans = []
    for n in range(respondents):
        answers: dict[str, AnswerRecord] = {}
        for _, question in question_set.questions():
            level: Any = UNKNOWN if rng.random() < 0.05 else rng.randint(1, 5)
            answers[question.id] = AnswerRecord(level=level)
        scan = make_scan(
            organisation,
            question_set.ref,
            Respondent(name=f"Respondent {n + 1}"),
            completed_at=when + timedelta(hours=n),
            answers=answers,
        )
        link = RoundLink(id=made.id, role=ROLES[n % len(ROLES)])
        scans.append(msgspec.structs.replace(scan, round=link))
    store.rounds.add_responses(made.id, scans, "benchmark")
    return made.id


def single_scan(path: Path, organisation: str) -> str:
    """The id of ``organisation``'s latest single (not a round's) completed scan."""
    from maturity_scan.storage.store import Store

    scans = [s for s in Store(path).scans(organisation) if s.kind == "single"]
    return scans[-1].id


async def round_screen_session(
    path: Path, round_id: str, scan_id: str, repeat: int
) -> tuple[list[float], list[float]]:
    """Push the round screen and the results screen of one scan alternately, ``repeat``
    times after one warm-up each; the time until each has painted its report."""
    from maturity_scan.config import Config
    from maturity_scan.tui.app import make_app

    app = make_app(Config.create(db=path, environ={}))
    rounds: list[float] = []
    results: list[float] = []
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        store = app.config.store
        scan = store.get(scan_id)
        question_set = app.config.catalog.get(scan.question_set.id, scan.question_set.version)
        for i in range(repeat + 1):
            start = time.perf_counter()
            app.show_round(round_id)
            await _painted(pilot, "RoundScreen")
            if i:
                rounds.append(time.perf_counter() - start)
            await pilot.press("escape")
            await pilot.pause()
            start = time.perf_counter()
            app.show_results(scan, question_set, False)
            await _painted(pilot, "ResultsScreen")
            if i:
                results.append(time.perf_counter() - start)
            await pilot.press("escape")
            await pilot.pause()
    return rounds, results


async def _painted(pilot: Any, name: str) -> None:
    """Wait until the screen called ``name`` is on top with no worker running."""
    while True:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if type(pilot.app.screen).__name__ == name and getattr(pilot.app.screen, "loaded", True):
            return
