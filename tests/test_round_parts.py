"""The pieces of the round screen and the consensus session (#14): the distribution strip,
the roles' bars, and the consensus scan made of a session's answers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from maturity_scan.core.consensus import consensus_scan, overrides, round_moment, session_start
from maturity_scan.core.models import AnswerSource, Round, SetRef
from maturity_scan.tui.widgets.distribution import cell_width, distribution_strip
from maturity_scan.tui.widgets.role_chart import RoleBars, gap_score, role_bars

COUNTS = {"1": 2, "2": 0, "3": 0, "4": 2, "5": 0, "na": 0, "unknown": 1, "none": 0}
ROUND = Round(
    id="r" * 32,
    organisation="Gemeente Ede",
    title="Teamscan",
    question_set=SetRef("sociale-inkoop", "2.0"),
    opened=date(2026, 11, 20),
    created_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
)


def test_the_strip_has_a_dot_per_respondent_and_marks_the_lower_median() -> None:
    strip = distribution_strip(COUNTS, 1, width=cell_width(COUNTS), show_na=False)
    assert strip.plain == "1 ●●  2 ·   3 ·   4 ●●  5 ·   ? ●"
    median = [s for s in strip.spans if "reverse" in str(s.style)]
    assert [strip.plain[s.start : s.end] for s in median] == ["1"]


def test_the_strip_writes_large_counts_as_a_number_and_shows_those_who_left_it_open() -> None:
    counts = dict(COUNTS, **{"3": 10, "none": 2, "na": 1})
    strip = distribution_strip(counts, 3, width=cell_width(counts), na_label="n.v.t.")
    assert "3 ●●●●●●+4" in strip.plain
    assert strip.plain.endswith("n.v.t. ●  – ●●")


def test_bars_are_as_long_as_the_shown_score_and_the_gap_adds_up() -> None:
    scores = [("HR", 1.0), ("Inkoop", 4.09)]
    chart = role_bars([RoleBars("Bestuur", scores, "verschil 3.0")], {})
    lines = [t.plain for t in chart.renderables]  # type: ignore[attr-defined]
    assert lines[0] == "Bestuur  verschil 3.0"
    assert lines[1].count("█") == 6 and lines[2].count("█") == 24  # 4.09 shows as 4.0
    assert lines[2].endswith(" 4.0")
    assert gap_score([1.09, 4.0]) == 3.0  # 4.0 − 1.0 as shown, not 2.9
    assert gap_score([2.0]) is None


def test_the_consensus_records_each_answers_source_and_needs_a_reason_to_differ() -> None:
    provisional = {"a": 1, "b": 3, "c": "na"}
    answers = {"a": 4, "b": 3, "c": "na", "d": None}
    when = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    with pytest.raises(KeyError):
        consensus_scan(
            ROUND, "x" * 32, answers, provisional, {}, started_at=when, completed_at=when
        )
    with pytest.raises(KeyError):
        consensus_scan(
            ROUND, "x" * 32, answers, provisional, {"a": " "}, started_at=when, completed_at=when
        )
    scan = consensus_scan(
        ROUND, "x" * 32, answers, provisional, {"a": "besloten"}, started_at=when, completed_at=when
    )
    assert scan.kind == "consensus" and scan.status == "completed"
    assert scan.round is not None and scan.round.id == ROUND.id
    assert scan.round.sources == {
        "a": AnswerSource("override", "besloten"),
        "b": AnswerSource("median"),
        "c": AnswerSource("median"),
    }
    assert scan.answer("a") == 4 and scan.note("a") == "besloten" and "d" not in scan.answers
    assert scan.date == round_moment(ROUND) and scan.date.date() == ROUND.opened
    assert overrides(answers, provisional) == ["a"]  # "d": unanswered, as provisional


def test_a_second_session_starts_from_the_first_ones_overrides() -> None:
    when = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    first = consensus_scan(
        ROUND,
        "x" * 32,
        {"a": 4, "b": 2},
        {"a": 1, "b": 3},
        {"a": "besloten", "b": "twijfel"},
        started_at=when,
        completed_at=when,
    )
    # since then a new response moved b's median to 2: its override is now the median
    answers, reasons = session_start({"a": 1, "b": 2}, first)
    assert answers == {"a": 4, "b": 2} and reasons == {"a": "besloten"}
    assert session_start({"a": 1}, None) == ({"a": 1}, {})
