"""History of an organisation's scans: order, drafts, deltas, versions, trend markers.

The mini set (tests/fixtures/sets/mini.toml): principle alpha has a1 (weight 1), a2 (weight 2,
"na" allowed) and a3 (weight 1, "na" allowed); principle beta has b1 (weight 1) and b2
(weight 0.5, "na" allowed). Scores are worked out by hand in the comments.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import msgspec
import pytest

from maturity_scan.core.history import HistoryPoint, history, score_delta, trend_marker
from maturity_scan.core.models import (
    AnswerRecord,
    AnswerValue,
    QuestionSet,
    Respondent,
    Scan,
    SetRef,
)
from maturity_scan.errors import ScanError
from maturity_scan.question_sets.loading import Catalog, load_question_set

from .conftest import MINI_SETS, at

MINI_FILE = MINI_SETS / "mini.toml"


@pytest.fixture
def mini() -> QuestionSet:
    return load_question_set(MINI_FILE)


@pytest.fixture
def catalog(mini: QuestionSet) -> Catalog:
    catalog = Catalog()
    catalog.add(mini, MINI_FILE)
    return catalog


def make(
    day: str,
    answers: Mapping[str, AnswerValue],
    *,
    scan_id: str | None = None,
    status: str = "completed",
    version: str = "1",
    notes: Mapping[str, str] | None = None,
) -> Scan:
    notes = notes or {}
    return Scan(
        id=scan_id or f"scan{day.replace('-', '')}".ljust(32, "0"),
        organisation="Gemeente Testdorp",
        respondent=Respondent(),
        question_set=SetRef(id="mini", version=version),
        status=status,  # type: ignore[arg-type]
        started_at=at(day),
        completed_at=at(day) if status == "completed" else None,
        answers={
            q: AnswerRecord(level=answers.get(q), note=notes.get(q, "")) for q in {*answers, *notes}
        },
    )


# Scan 1: alpha = (1·2 + 2·3 + 1·4) / 4 = 12/4 = 3.0 (level 3)
#         beta  = (1·1 + 0.5·2) / 1.5 = 2/1.5 = 1.333… (level 1)
#         overall = (3 + 4/3) / 2 = 13/6 = 2.1666…
FIRST = {"a1": 2, "a2": 3, "a3": 4, "b1": 1, "b2": 2}
# Scan 2: alpha = (1·3 + 2·3 + 1·4) / 4 = 13/4 = 3.25 (level 3)
#         beta: b1 "unknown", b2 open → no score, no level
#         overall = 3.25 (only alpha has a level)
SECOND: dict[str, AnswerValue] = {"a1": 3, "a2": 3, "a3": 4, "b1": "unknown"}
# Scan 3: alpha = (1·3 + 1·4) / 2 = 3.5 (a2 "na"; level 3)
#         beta  = (1·2 + 0.5·2) / 1.5 = 2.0 (level 2)
#         overall = (3.5 + 2) / 2 = 2.75
THIRD: dict[str, AnswerValue] = {"a1": 3, "a2": "na", "a3": 4, "b1": 2, "b2": 2}


def three_scans() -> list[Scan]:
    return [
        make("2025-01-10", THIRD),
        make("2024-01-10", FIRST),
        make("2024-07-10", SECOND),
    ]


def score(point: HistoryPoint, principle_id: str) -> float | None:
    found = point.scores.principle(principle_id)
    assert found is not None
    return found.score


def test_points_are_oldest_first_with_scores(catalog: Catalog) -> None:
    points = history(three_scans(), catalog)
    assert [p.date for p in points] == [at("2024-01-10"), at("2024-07-10"), at("2025-01-10")]
    assert [p.scan_id[:12] for p in points] == ["scan20240110", "scan20240710", "scan20250110"]
    assert score(points[0], "alpha") == 3.0
    assert score(points[0], "beta") == pytest.approx(4 / 3)
    assert points[0].scores.overall.score == pytest.approx(13 / 6)
    assert all(p.question_set == SetRef(id="mini", version="1") for p in points)


def test_first_point_has_no_deltas(catalog: Catalog) -> None:
    first = history(three_scans(), catalog)[0]
    assert first.deltas == {"alpha": None, "beta": None}
    assert first.overall_delta is None


def test_deltas_against_previous_point(catalog: Catalog) -> None:
    _, second, third = history(three_scans(), catalog)
    # alpha 3.0 → 3.25: +0.25; beta 1.333… → None: None (the later score is missing)
    assert second.deltas == {"alpha": 0.25, "beta": None}
    # overall 13/6 → 13/4: +13/12 = 1.0833…, rounded to 9 decimals
    assert second.overall_delta == 1.083333333
    # alpha 3.25 → 3.5: +0.25; beta None → 2.0: None (the earlier score is missing)
    assert third.deltas == {"alpha": 0.25, "beta": None}
    # overall 3.25 → 2.75: −0.5 (beta counts again and pulls the mean down)
    assert third.overall_delta == -0.5


def test_unchanged_score_gives_zero_delta(catalog: Catalog) -> None:
    scans = [make("2024-01-10", FIRST), make("2024-02-10", FIRST)]
    second = history(scans, catalog)[1]
    assert second.deltas == {"alpha": 0.0, "beta": 0.0}
    assert second.overall_delta == 0.0


def test_drafts_are_left_out(catalog: Catalog) -> None:
    scans = [*three_scans(), make("2024-09-01", {"a1": 5}, status="draft")]
    points = history(scans, catalog)
    assert len(points) == 3
    # the draft does not sit between the second and third point either
    assert points[2].deltas["alpha"] == 0.25


def test_only_drafts_or_nothing_gives_empty_history(catalog: Catalog) -> None:
    assert history([], catalog) == []
    assert history([make("2024-09-01", {"a1": 5}, status="draft")], catalog) == []


def test_same_completion_time_is_ordered_by_id(catalog: Catalog) -> None:
    late = make("2024-03-01", {"a1": 5}, scan_id="b" * 32)
    early = make("2024-03-01", {"a1": 1}, scan_id="a" * 32)
    points = history([late, early], catalog)
    assert [p.scan_id for p in points] == ["a" * 32, "b" * 32]
    # alpha 1 → 5 (only a1 answered: 1 of 3 applicable is too few for a level, not a score)
    assert points[1].deltas["alpha"] == 4.0


def test_ordered_by_completion_not_start(catalog: Catalog) -> None:
    # started first, completed last
    slow = msgspec.structs.replace(
        make("2024-06-01", FIRST, scan_id="s" * 32), started_at=at("2024-01-01")
    )
    quick = make("2024-03-01", SECOND, scan_id="q" * 32)
    assert [p.scan_id for p in history([slow, quick], catalog)] == ["q" * 32, "s" * 32]


def test_float_noise_is_rounded_away() -> None:
    assert 2.1 - 1.8 != 0.3  # the plain difference carries binary noise ...
    assert score_delta(1.8, 2.1) == 0.3  # ... the delta does not
    assert score_delta(2.1, 1.8) == -0.3
    assert score_delta(None, 2.0) is None
    assert score_delta(2.0, None) is None
    assert score_delta(None, None) is None


def mini_v2(mini: QuestionSet) -> QuestionSet:
    """Version 2: a3 removed from alpha, a4 added (same as a1, weight 1); principle gamma added."""
    alpha, beta = mini.principles
    a1 = alpha.questions[0]
    alpha2 = msgspec.structs.replace(
        alpha, questions=[*alpha.questions[:2], msgspec.structs.replace(a1, id="a4")]
    )
    gamma = msgspec.structs.replace(
        beta,
        id="gamma",
        questions=[msgspec.structs.replace(q, id=f"g{i}") for i, q in enumerate(beta.questions)],
    )
    return msgspec.structs.replace(mini, version="2", principles=[alpha2, beta, gamma])


def test_each_scan_is_scored_with_its_own_version(mini: QuestionSet, catalog: Catalog) -> None:
    catalog.add(mini_v2(mini), Path("mini-2.toml"))
    # a3 = 5 counts in version 1 only; a4 = 1 in version 2 only
    answers: dict[str, AnswerValue] = {"a1": 3, "a2": 3, "a3": 5, "a4": 1, "b1": 2, "g0": 4}
    old = make("2024-01-10", answers, version="1")
    new = make("2024-07-10", answers, version="2")
    first, second = history([new, old], catalog)
    # v1: alpha = (3 + 2·3 + 5) / 4 = 14/4 = 3.5
    assert score(first, "alpha") == 3.5
    # v2: alpha = (3 + 2·3 + 1) / 4 = 10/4 = 2.5 → delta −1.0
    assert score(second, "alpha") == 2.5
    assert second.question_set == SetRef(id="mini", version="2")
    # beta 2.0 → 2.0; gamma is new in version 2: no earlier score, no delta
    assert second.deltas == {"alpha": -1.0, "beta": 0.0, "gamma": None}
    assert score(second, "gamma") == 4.0


def test_the_scan_from_which_another_version_is_used_is_marked(
    mini: QuestionSet, catalog: Catalog
) -> None:
    from maturity_scan.present.textreport import VERSION_MARK, history_date, version_note

    catalog.add(mini_v2(mini), Path("mini-2.toml"))
    answers: dict[str, AnswerValue] = {"a1": 3, "b1": 2}
    scans = [
        make("2024-01-10", answers, version="1"),
        make("2024-07-10", answers, version="1"),
        make("2025-01-10", answers, version="2"),
        make("2025-07-10", answers, version="2"),
    ]
    points = history(scans, catalog)
    assert [p.version_changed for p in points] == [False, False, True, False]
    assert [history_date(p).endswith(VERSION_MARK) for p in points] == [0, 0, 1, 0]
    note = version_note(points, "en")
    assert note is not None and "1 → 2" in note and "principle scores compare" in note
    assert version_note(points[:2], "en") is None  # one version: no note
    nl = version_note(points, "nl")
    assert nl is not None and "andere versie" in nl


def test_unknown_version_is_an_error(catalog: Catalog) -> None:
    with pytest.raises(ScanError) as err:
        history([make("2024-01-10", FIRST, version="9")], catalog)
    assert err.value.key == "err.qs_unknown_version"


def test_history_encodes_to_json(catalog: Catalog) -> None:
    data = msgspec.json.decode(msgspec.json.encode(history(three_scans(), catalog)))
    assert data[1]["deltas"] == {"alpha": 0.25, "beta": None}
    assert data[0]["date"].startswith("2024-01-10T10:00:00")
    assert data[2]["overall_delta"] == -0.5


@pytest.mark.parametrize(
    ("delta", "marker"),
    [
        (None, ""),
        (0.0, "="),
        (0.004, "="),
        (-0.004, "="),
        (0.005, "▲"),  # shows as +0.01 with two decimals: a change
        (-0.005, "▼"),
        (0.25, "▲"),
        (-1.5, "▼"),
        (4.0, "▲"),
    ],
)
def test_trend_marker(delta: float | None, marker: str) -> None:
    assert trend_marker(delta) == marker


@pytest.mark.parametrize("dates", [["2024-06-01"], ["2024-06-01", "2024-06-01"]])
def test_chart_of_one_day_spans_weeks_not_a_century(dates: list[str]) -> None:
    import plotext

    from maturity_scan.present.charts import draw_history, render

    series = [("bestuur", [3.0] * len(dates)), ("totaal", [3.0] * len(dates))]
    draw_history(plotext, dates, series, ["Een", "Twee", "Drie", "Vier", "Vijf"], "Voortgang")
    chart = render(plotext, 100, 20)
    assert set(re.findall(r"\b(\d{4})-\d\d-\d\d\b", chart)) == {"2024"}, chart


def test_history_orders_by_the_date_a_scan_was_taken_not_its_last_completion(
    tmp_path: Path, catalog: Catalog
) -> None:
    """Review B1: reopening the June scan and finishing it again in December must not make it
    the latest scan, nor show a decline that never happened."""
    from maturity_scan.storage.store import Store, make_scan

    store = Store(tmp_path / "db.json")
    ref = SetRef(id="mini", version="1")
    june = store.add(
        make_scan("Ommen", ref, completed_at=at("2026-06-01"), answers=_records({"a1": 2}))
    )
    store.add(make_scan("Ommen", ref, completed_at=at("2026-09-01"), answers=_records({"a1": 4})))
    store.reopen(june.id)
    store.complete(june.id, at("2026-12-02"))
    points = history(store.scans("Ommen"), catalog)
    assert [p.date for p in points] == [at("2026-06-01"), at("2026-09-01")]
    assert points[0].scan_id == june.id and points[0].completed_at == at("2026-12-02")
    assert points[1].deltas["alpha"] == 2.0


def _records(levels: Mapping[str, AnswerValue]) -> dict[str, AnswerRecord]:
    return {q: AnswerRecord(level=v) for q, v in levels.items()}
