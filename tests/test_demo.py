"""The demo organisation: four completed scans over two years with a believable path."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from itertools import pairwise

import msgspec
import pytest

from maturity_scan.core.compare import compare
from maturity_scan.core.history import HistoryPoint, history
from maturity_scan.core.models import NA, UNKNOWN, QuestionSet, Scan
from maturity_scan.exchange.demo import (
    DEMO_ORGANISATION,
    DEMO_SET_ID,
    demo_scan_id,
    demo_scans,
    demo_targets,
    shift_months,
)
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets.loading import Catalog, load_question_set

from .conftest import FIXTURES

SHIPPED_FILE = builtin_questions_dir() / "sociale-inkoop.toml"
V11_FILE = FIXTURES / "sets-v2" / "sociale-inkoop-1.1.toml"
TODAY = date(2026, 3, 31)
#: Month ends, a leap day, a Monday (so scans may fall on a weekend), a new year.
TODAYS = [TODAY, date(2024, 2, 29), date(2025, 1, 6), date(2027, 1, 1), date(2025, 8, 17)]


@pytest.fixture
def shipped() -> QuestionSet:
    return load_question_set(SHIPPED_FILE)


@pytest.fixture
def catalog(shipped: QuestionSet) -> Catalog:
    catalog = Catalog()
    catalog.add(shipped, SHIPPED_FILE)
    return catalog


def scores(point: HistoryPoint) -> dict[str, float]:
    result: dict[str, float] = {}
    for p in point.scores.principles:
        assert p.score is not None
        result[p.id] = p.score
    return result


def test_name_says_it_is_a_demo() -> None:
    assert DEMO_ORGANISATION == "Demo — Gemeente Voorbeeldstad"
    assert DEMO_ORGANISATION.startswith("Demo")
    assert DEMO_SET_ID == "sociale-inkoop"


@pytest.mark.parametrize("today", TODAYS)
def test_four_completed_scans_over_two_years(shipped: QuestionSet, today: date) -> None:
    scans = demo_scans(shipped, today)
    assert len(scans) == 4
    assert all(s.status == "completed" and s.organisation == DEMO_ORGANISATION for s in scans)
    assert all(s.question_set == shipped.ref for s in scans)
    completed = [s.completed_at for s in scans]
    assert all(c is not None and c.tzinfo is not None for c in completed)
    days = [s.date.date() for s in scans]
    assert days == sorted(days) and len(set(days)) == 4
    # the first about two years ago (within 25 months), the last about a month ago
    assert shift_months(today, -25) < days[0] <= shift_months(today, -24)
    assert shift_months(today, -2) < days[-1] < today
    assert all(d.weekday() < 5 for d in days)  # filled in on working days
    assert all(s.started_at < s.date for s in scans)
    # each was opened after the previous one was completed
    assert all(b.started_at > a.date for a, b in pairwise(scans))


def test_same_input_gives_the_same_scans(shipped: QuestionSet) -> None:
    assert demo_scans(shipped, TODAY) == demo_scans(shipped, TODAY)


def test_ids_are_fixed_and_distinct(shipped: QuestionSet) -> None:
    ids = [s.id for s in demo_scans(shipped, TODAY)]
    # another day loads the same ids, so a second load can be detected
    assert [s.id for s in demo_scans(shipped, date(2030, 6, 1))] == ids
    assert len(set(ids)) == 4
    assert ids[0] == uuid.uuid5(uuid.NAMESPACE_URL, "maturity-scan-demo-1").hex
    assert ids == [demo_scan_id(n) for n in (1, 2, 3, 4)]


def test_respondents_have_names_and_roles(shipped: QuestionSet) -> None:
    scans = demo_scans(shipped, TODAY)
    assert all(s.respondent.name and s.respondent.role for s in scans)
    roles = {s.respondent.role for s in scans}
    assert {"HR-adviseur", "Inkoopadviseur"} <= roles


@pytest.mark.parametrize("today", TODAYS)
def test_answers_are_valid_for_the_set(shipped: QuestionSet, today: date) -> None:
    for scan in demo_scans(shipped, today):
        # every constraint of the model holds (msgspec validates on decoding)
        assert msgspec.convert(msgspec.to_builtins(scan), Scan) == scan
        for question_id, record in scan.answers.items():
            question = shipped.question(question_id)
            assert question is not None, question_id
            assert record.level is not None
            if record.level == NA:
                assert question.allow_na, question_id
        # every question has an answer: a level, "na" or "unknown"
        assert set(scan.answers) == {q.id for _, q in shipped.questions()}


def test_unknown_early_na_where_allowed_and_notes(shipped: QuestionSet) -> None:
    scans = demo_scans(shipped, TODAY)
    levels = [[r.level for r in s.answers.values()] for s in scans]
    assert levels[0].count(UNKNOWN) >= 3  # "don't know" in the first scan ...
    assert UNKNOWN not in levels[-1]  # ... none by the last
    assert any(NA in scan_levels for scan_levels in levels)
    for scan in scans:
        notes = [r.note for r in scan.answers.values() if r.note]
        assert len(notes) >= 3, scan.id
        assert not any("{" in n or "}" in n for n in notes)


def test_dated_notes_fall_between_the_scans(shipped: QuestionSet) -> None:
    # today 2026-03-31: scans on 2024-03-29 (the 31st was a Sunday), 2024-11-29, 2025-07-31
    # and 2026-02-27; the decision: 12 June 2024 → Tuesday 18 June; the pilot: 1 October 2025
    scans = demo_scans(shipped, TODAY)
    assert [s.date.date() for s in scans] == [
        date(2024, 3, 29),
        date(2024, 11, 29),
        date(2025, 7, 31),
        date(2026, 2, 27),
    ]
    assert scans[1].note("bestuur-principebesluit") == (
        "Principebesluit genomen in MT-vergadering van 18 juni."
    )
    assert scans[3].note("keten-proeftuin") == "Proeftuin schoonmaak gestart op 1 oktober."


@pytest.mark.parametrize("today", TODAYS)
def test_believable_path(shipped: QuestionSet, catalog: Catalog, today: date) -> None:
    points = history(demo_scans(shipped, today), catalog)
    assert len(points) == 4
    path = [scores(p) for p in points]
    # never down: every principle's score grows (or holds) from scan to scan
    for before, after in pairwise(path):
        assert all(after[pid] >= before[pid] for pid in before)
    # board first, chain cooperation last — at every scan
    assert all(s["bestuur"] >= s["hr-inkoop"] >= s["keten"] for s in path)
    assert path[-1]["bestuur"] > path[-1]["hr-inkoop"] > path[-1]["keten"]
    # close to the story: bestuur ≈ 1.5 → 2.5 → 3.3 → 3.8, hr-inkoop ≈ 1.2 → 1.8 → 2.6 → 3.2,
    # keten ≈ 1.0 → 1.2 → 1.8 → 2.6
    expected = {
        "bestuur": [1.5, 2.5, 3.3, 3.8],
        "hr-inkoop": [1.2, 1.8, 2.6, 3.2],
        "keten": [1.0, 1.2, 1.8, 2.6],
    }
    for pid, values in expected.items():
        assert [s[pid] for s in path] == pytest.approx(values, abs=0.15)
    # every principle has a level in every scan, so the overall score is always there
    assert all(p.level is not None for point in points for p in point.scores.principles)
    assert all(p.overall_delta is not None and p.overall_delta > 0 for p in points[1:])


def test_latest_two_scans_show_what_changed(shipped: QuestionSet) -> None:
    scans = demo_scans(shipped, TODAY)
    result = compare(scans[2], scans[3], shipped, shipped)
    changed = {c.question: c for c in result.changed_answers}
    assert changed["bestuur-eigenaar"].level_a == 2
    assert changed["bestuur-eigenaar"].level_b == 4
    assert changed["keten-proeftuin"].note_b.startswith("Proeftuin schoonmaak gestart")
    assert all(p.delta is not None and p.delta > 0 for p in result.principles)
    # one question goes down for a while: the owner on the management team leaves
    dip = compare(scans[1], scans[2], shipped, shipped)
    owner = next(c for c in dip.changed_answers if c.question == "bestuur-eigenaar")
    assert (owner.level_a, owner.level_b) == (3, 2)
    assert "vertrokken" in owner.note_b


def test_other_version_of_the_set(shipped: QuestionSet) -> None:
    v11 = load_question_set(V11_FILE)
    for scan in demo_scans(v11, TODAY):
        assert scan.question_set == v11.ref
        assert "hr-inkoop-gedeeld-beeld" not in scan.answers  # not in 1.1
        assert "keten-kandidaten" not in scan.answers  # new in 1.1: the demo leaves it open
        assert all(v11.question(q) is not None for q in scan.answers)


def test_na_only_where_the_set_allows_it(shipped: QuestionSet) -> None:
    # a version in which tenders may not be answered "na": the demo says "unknown" instead
    hr = shipped.principles[1]
    strict = msgspec.structs.replace(
        shipped,
        principles=[
            shipped.principles[0],
            msgspec.structs.replace(
                hr, questions=[msgspec.structs.replace(q, allow_na=False) for q in hr.questions]
            ),
            shipped.principles[2],
        ],
    )
    first = demo_scans(strict, TODAY)[0]
    assert first.answer("hr-inkoop-aanbestedingen") == UNKNOWN
    assert all(r.level != NA for s in demo_scans(strict, TODAY) for r in s.answers.values())


def test_targets(shipped: QuestionSet, catalog: Catalog) -> None:
    targets = demo_targets(TODAY)
    assert [(pid, level) for pid, level, _ in targets] == [
        ("bestuur", 4),
        ("hr-inkoop", 4),
        ("keten", 3),
    ]
    assert all(shipped.principle(pid) is not None for pid, _, _ in targets)
    assert all(by == date(2027, 3, 31) for _, _, by in targets)
    # a year ahead of any day, and above the last demo scan's level, so there is a gap
    for today in TODAYS:
        for _, _, by in demo_targets(today):
            assert by is not None
            assert timedelta(days=360) < by - today < timedelta(days=370)
    last = history(demo_scans(shipped, TODAY), catalog)[-1].scores
    for pid, level, _ in targets:
        principle = last.principle(pid)
        assert principle is not None and principle.level is not None
        assert principle.level < level


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 15), -1, date(2024, 12, 15)),
        (date(2025, 1, 15), -24, date(2023, 1, 15)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),  # clamped to the end of February
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 10, 31), 4, date(2026, 2, 28)),
        (date(2025, 5, 20), 0, date(2025, 5, 20)),
    ],
)
def test_shift_months(day: date, months: int, expected: date) -> None:
    assert shift_months(day, months) == expected
