"""The pieces of the round screen and the consensus session (#14): the distribution strip,
the roles' bars, and the consensus scan made of a session's answers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from maturity_scan.core.consensus import consensus_answers, overrides, session_start
from maturity_scan.core.models import AnswerRecord, AnswerSource, Round, SetRef
from maturity_scan.exchange.consensus_file import ConsensusAnswers, consensus_scan
from maturity_scan.tui.widgets.distribution import cell_width, distribution_strip
from maturity_scan.tui.widgets.role_chart import RoleBars, role_bars

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


def test_bars_are_as_long_as_the_shown_score() -> None:
    scores = [("HR", 1.0), ("Inkoop", 4.09)]
    chart = role_bars([RoleBars("Bestuur", scores, "verschil 3.0")], {})
    lines = [t.plain for t in chart.renderables]  # type: ignore[attr-defined]
    assert lines[0] == "Bestuur  verschil 3.0"
    assert lines[1].count("█") == 6 and lines[2].count("█") == 24  # 4.09 shows as 4.0
    assert lines[2].endswith(" 4.0")


def test_the_consensus_records_each_answers_source_and_needs_a_reason_to_differ() -> None:
    provisional = {"a": 1, "b": 3, "c": "na", "e": 2}
    answers = {"a": 4, "b": 3, "c": "na", "d": None, "e": 2}
    with pytest.raises(KeyError):
        consensus_answers(answers, provisional, {})
    with pytest.raises(KeyError):
        consensus_answers(answers, provisional, {"a": " "})
    records, sources = consensus_answers(answers, provisional, {"a": " besloten  in mei "})
    assert sources == {
        "a": AnswerSource("override", "besloten in mei"),
        "b": AnswerSource("median"),
        "c": AnswerSource("median"),
        "e": AnswerSource("median"),
    }
    assert {q: r.level for q, r in records.items()} == {"a": 4, "b": 3, "c": "na", "e": 2}
    assert overrides(answers, provisional) == ["a"]  # "d": unanswered, as provisional


def test_the_app_makes_the_consensus_scan_as_the_command_line_does() -> None:
    records, sources = consensus_answers({"a": 4}, {"a": 1}, {"a": "besloten"})
    when = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    scan = consensus_scan(ROUND, ConsensusAnswers(records, sources), "x" * 32, when, "b" * 16)
    assert scan.kind == "consensus" and scan.status == "completed"
    assert scan.round is not None and scan.round.sources == sources
    assert scan.round.basis == "b" * 16
    assert scan.date.date() == ROUND.opened


def test_a_second_session_starts_from_the_first_ones_overrides() -> None:
    _, sources = consensus_answers({"a": 4, "b": 2}, {"a": 1, "b": 3}, {"a": "x", "b": "y"})
    when = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    first = consensus_scan(
        ROUND,
        ConsensusAnswers({"a": AnswerRecord(level=4), "b": AnswerRecord(level=2)}, sources),
        "x" * 32,
        when,
        "b" * 16,
    )
    # since then a new response moved b's median to 2: its override is now the median
    answers, reasons = session_start({"a": 1, "b": 2}, first)
    assert answers == {"a": 4, "b": 2} and reasons == {"a": "x"}
    assert session_start({"a": 1}, None) == ({"a": 1}, {})
