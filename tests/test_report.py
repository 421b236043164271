"""The report model (core/report.py): what every front end renders about a scan."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from maturity_scan.core.advice import aim, holding_back
from maturity_scan.core.history import history
from maturity_scan.core.models import (
    AnswerRecord,
    AnswerValue,
    Respondent,
    Scan,
    SetRef,
    Target,
)
from maturity_scan.core.report import build_report, previous_scan
from maturity_scan.core.scoring import score_scan
from maturity_scan.exchange.export import export_scan
from maturity_scan.question_sets.loading import Catalog, load_question_set

from .conftest import MINI_SETS, at

MINI_FILE = MINI_SETS / "mini.toml"
MINI = load_question_set(MINI_FILE)
CATALOG = Catalog()
CATALOG.add(MINI, MINI_FILE)
ORG = "Gemeente Testdorp"


def make(
    day: str,
    answers: Mapping[str, AnswerValue],
    *,
    scan_id: str | None = None,
    status: str = "completed",
    notes: Mapping[str, str] | None = None,
    organisation: str = ORG,
    version: str = "1",
) -> Scan:
    notes = notes or {}
    return Scan(
        id=scan_id or f"scan{day.replace('-', '')}".ljust(32, "0"),
        organisation=organisation,
        respondent=Respondent(name="Ans", role="inkoper"),
        question_set=SetRef(id="mini", version=version),
        status=status,  # type: ignore[arg-type]
        started_at=at(day),
        completed_at=at(day) if status == "completed" else None,
        answers={
            q: AnswerRecord(level=answers.get(q), note=notes.get(q, "")) for q in {*answers, *notes}
        },
    )


# alpha = (1·3 + 2·2 + 1·4) / 4 = 2.75 (level 2, aim 3: a2 holds it back);
# beta: b1 "unknown", b2 = 2 → level 2 (1 of 2 answered is half)
ANSWERS: dict[str, AnswerValue] = {"a1": 3, "a2": 2, "a3": 4, "b1": "unknown", "b2": 2}
NOTES = {"a2": "budget ontbreekt", "a3": "loopt goed", "b1": "vragen bij HR"}


def test_meta_scores_and_coverage() -> None:
    report = build_report(make("2025-03-01", ANSWERS, notes=NOTES), MINI)
    assert (report.organisation, report.respondent.name, report.status) == (ORG, "Ans", "completed")
    assert (report.question_set.id, report.question_set.version) == ("mini", "1")
    assert report.question_set.title.get("en") == "Mini set"
    assert report.date == at("2025-03-01") and report.short_id == report.id[:8]
    assert [d.level for d in report.levels] == [1, 2, 3, 4, 5]
    alpha, beta = report.scores.principles
    assert (alpha.score, alpha.level, alpha.aim) == (2.75, 2, 3)
    assert alpha.level_name is not None and alpha.level_name.get("nl") == "Twee"
    assert (beta.answered, beta.applicable, beta.questions, beta.unknown, beta.open) == (
        1,
        2,
        2,
        1,
        0,
    )
    overall = report.scores.overall
    assert overall.level == 2 and overall.level_description is not None
    assert overall.level_description.get("en") == "Level 2."
    assert report.previous is None and overall.change is None and alpha.change is None


def test_holding_back_dont_know_notes_and_next_steps() -> None:
    report = build_report(make("2025-03-01", ANSWERS, notes=NOTES), MINI)
    alpha, beta = report.scores.principles
    [held] = alpha.holding_back
    assert (held.question, held.level, held.note) == ("a2", 2, "budget ontbreekt")
    assert held.text.get("nl") == "Vraag a2?"
    assert held.anchor is not None and held.anchor.get("nl") == "a2 niveau 2"
    # a3 has a note but does not hold alpha back: it is among the notes
    assert [a.question for a in alpha.notes] == ["a3"]
    assert [step.text.get("nl") for step in alpha.next_steps] == ["alpha stap 2"]
    [unknown] = beta.dont_know
    assert (unknown.question, unknown.level, unknown.anchor) == ("b1", "unknown", None)
    assert unknown.note == "vragen bij HR"
    assert beta.notes == []  # b1's note is shown with the "don't know" answer


def test_target_gap_and_reached() -> None:
    targets = [
        Target(organisation=ORG.upper(), question_set="mini", principle="alpha", level=4),
        Target(
            organisation=ORG, question_set="mini", principle="beta", level=2, by=date(2027, 1, 1)
        ),
        Target(organisation="Andere", question_set="mini", principle="beta", level=5),
        Target(organisation=ORG, question_set="other", principle="beta", level=5),
    ]
    report = build_report(make("2025-03-01", ANSWERS), MINI, targets)
    alpha, beta = report.scores.principles
    assert alpha.target is not None and beta.target is not None
    assert (alpha.target.level, alpha.target.reached, alpha.target.gap) == (4, False, 1.25)
    # a target two levels up: aim and holding back follow it, advice of both levels
    assert alpha.aim == 4 and [a.question for a in alpha.holding_back] == ["a2", "a1"]
    assert [s.text.get("nl") for s in alpha.next_steps] == ["alpha stap 2", "alpha stap 3"]
    assert (beta.target.level, beta.target.reached, beta.target.gap) == (2, True, None)
    assert beta.target.by == date(2027, 1, 1)
    assert report.has_targets


def test_change_against_the_previous_scan() -> None:
    first = make("2024-01-10", {"a1": 2, "a2": 2, "a3": 2, "b1": 1, "b2": 1})
    scan = make("2025-03-01", ANSWERS)
    report = build_report(scan, MINI, previous=(first, MINI))
    assert report.previous is not None
    assert (report.previous.id, report.previous.date) == (first.id, first.date)
    alpha, beta = report.scores.principles
    assert alpha.change is not None and beta.change is not None
    assert (alpha.change.previous_score, alpha.change.previous_level) == (2.0, 2)
    assert alpha.change.delta == 0.75
    assert beta.change.delta == 1.0
    overall = report.scores.overall.change
    assert overall is not None and overall.delta == pytest.approx(2.375 - 1.5)


def test_previous_scan_follows_history_order_and_skips_what_cannot_be_read() -> None:
    old = make("2023-01-01", {"a1": 1})
    missing = make("2024-01-01", {"a1": 1}, version="9")  # set version not installed
    draft = make("2024-06-01", {"a1": 1}, status="draft")
    other = make("2024-07-01", {"a1": 1}, organisation="Elders")
    scan = make("2025-01-01", ANSWERS)
    later = make("2026-01-01", ANSWERS)
    scans = [later, scan, other, draft, missing, old]
    assert previous_scan(scan, scans, CATALOG) == old
    assert previous_scan(old, scans, CATALOG) is None
    assert previous_scan(later, scans, CATALOG) == scan
    # a draft's previous scan is the last completed one before its date
    new_draft = make("2025-06-01", {}, status="draft", scan_id="d" * 32)
    assert previous_scan(new_draft, scans, CATALOG) == scan
    assert previous_scan(draft, scans, CATALOG) == old


def test_json_holds_every_field_of_the_export_format() -> None:
    """``scan show --json`` used to print the export's scan: it still has all of it."""
    scan = make("2025-03-01", ANSWERS, notes=NOTES)
    report = msgspec.to_builtins(build_report(scan, MINI))
    exported = msgspec.to_builtins(export_scan(scan, MINI))
    assert _missing(exported, report) == []


def _missing(expected: Any, actual: Any, where: str = "") -> list[str]:
    """Paths of ``expected`` whose value ``actual`` does not have (extra keys allowed)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [where]
        return [
            m
            for key, value in expected.items()
            for m in (
                _missing(value, actual[key], f"{where}.{key}") if key in actual else [where + key]
            )
        ]
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [where]
        return [
            m
            for i, (e, a) in enumerate(zip(expected, actual, strict=True))
            for m in _missing(e, a, f"{where}[{i}]")
        ]
    return [] if expected == actual else [where]


# ------------------------------------------------------------------ properties

QUESTIONS = [q.id for _, q in MINI.questions()]
ANSWER = st.one_of(st.none(), st.integers(1, 5), st.just("unknown"), st.just("na"))
ANSWER_SETS = st.fixed_dictionaries({q: ANSWER for q in QUESTIONS})
NOTE_SETS = st.fixed_dictionaries({q: st.sampled_from(["", "n"]) for q in QUESTIONS})
GOALS = st.dictionaries(st.sampled_from(["alpha", "beta"]), st.integers(1, 5))


@given(ANSWER_SETS, NOTE_SETS, GOALS)
def test_every_principle_is_its_scores_and_advice(
    answers: dict[str, AnswerValue], notes: dict[str, str], goals: dict[str, int]
) -> None:
    scan = make("2025-03-01", answers, notes=notes)
    targets = [
        Target(organisation=ORG, question_set="mini", principle=p, level=level)
        for p, level in goals.items()
    ]
    report = build_report(scan, MINI, targets)
    scores = score_scan(MINI, answers)
    assert (report.scores.overall.score, report.scores.overall.level) == (
        scores.overall.score,
        scores.overall.level,
    )
    assert [a.question for a in report.answers] == QUESTIONS
    for principle, score in zip(report.scores.principles, scores.principles, strict=True):
        assert (principle.score, principle.level) == (score.score, score.level)
        assert principle.aim == aim(score, goals.get(score.id))
        held = holding_back(MINI, score, answers, goals.get(score.id))
        assert [a.question for a in principle.holding_back] == [h.question.id for h in held]
        assert all(a.level == "unknown" for a in principle.dont_know)
        assert principle.answered + principle.na + principle.unknown + principle.open == (
            principle.questions
        )
        # every note is shown once: with the answer that holds back, the "don't know" or alone
        listed = [a.question for a in (*principle.holding_back, *principle.dont_know)]
        noted = [a.question for a in principle.notes]
        own = {
            q.id for q in MINI.principles[[p.id for p in MINI.principles].index(score.id)].questions
        }
        assert not set(listed) & set(noted)
        assert {*listed, *noted} >= {q for q in own if notes[q]}
        if principle.target is not None and principle.target.gap is not None:
            assert principle.score is not None
            assert principle.target.gap == pytest.approx(principle.target.level - principle.score)


@given(st.lists(st.tuples(st.integers(0, 9), ANSWER_SETS, st.booleans()), max_size=6))
def test_the_change_is_the_history_delta(entries: list[tuple[int, Any, bool]]) -> None:
    """Against the scan before it in history, each completed scan's change is history's."""
    scans = [
        make(
            f"202{day}-01-01", answers, scan_id=f"{i:032x}", status="completed" if done else "draft"
        )
        for i, (day, answers, done) in enumerate(entries)
    ]
    points = {p.scan_id: p for p in history(scans, CATALOG)}
    for scan in scans:
        before = previous_scan(scan, scans, CATALOG)
        report = build_report(scan, MINI, previous=None if before is None else (before, MINI))
        if scan.id not in points:
            continue
        point = points[scan.id]
        assert report.scores.overall.change is None or (
            report.scores.overall.change.delta == point.overall_delta
        )
        for principle in report.scores.principles:
            delta = principle.change.delta if principle.change else None
            assert delta == point.deltas[principle.id]
