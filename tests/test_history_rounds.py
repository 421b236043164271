"""One point per team round (#14): history, compare, the organisation overview and a report's
change since the previous scan follow :mod:`maturity_scan.core.points`: a round is its
consensus, or its provisional result (the lower medians) while it has none; a respondent's
scan is never a point unless asked for (``history --responses``)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maturity_scan.cli import main
from maturity_scan.core.compare import compare
from maturity_scan.core.history import history_report
from maturity_scan.core.models import Scan
from maturity_scan.core.organisations import overview
from maturity_scan.core.points import points, scored_scans, sources
from maturity_scan.core.report import previous_scan
from maturity_scan.core.round_report import provisional_scan
from maturity_scan.storage.store import Store

from .rounds_seed import (
    CATALOG,
    CONSENSUS_1,
    ORG,
    ROUND_1,
    ROUND_2,
    ROUND_3,
    SET,
    SINGLE,
    a_round,
    consensus,
    response,
    seed_rounds,
    single,
    team_rounds,
)

PROVISIONAL_2 = f"{ROUND_2}-provisional"


def find(ref: object) -> object:
    return CATALOG.find(ref.id, ref.version)  # type: ignore[attr-defined]


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


@pytest.fixture
def seeded(db_path: Path) -> Path:
    seed_rounds(Store(db_path))
    return db_path


# ------------------------------------------------------------------ the rule (pure)


def test_a_round_is_one_point_its_consensus_or_its_provisional_result() -> None:
    scans, rounds = team_rounds()
    found = points(scans, rounds, find)  # type: ignore[arg-type]
    assert [(p.kind, p.scan.id, p.round) for p in found] == [
        ("single", SINGLE, None),
        ("consensus", CONSENSUS_1, ROUND_1),
        ("provisional", PROVISIONAL_2, ROUND_2),
    ]
    # the provisional result: the lower median of HR 3, inkoop 5, bestuur 4 is 4 everywhere,
    # dated on the round's date (not on its responses')
    provisional = found[-1].scan
    assert {a.level for a in provisional.answers.values()} == {4}
    assert len(provisional.answers) == len(SET.questions())
    assert provisional.date == rounds[1].moment == provisional_scan(rounds[1], {}).date
    assert provisional.date.date() == date(2026, 10, 1)


def test_responses_when_asked_follow_their_rounds_point() -> None:
    scans, rounds = team_rounds()
    found = points(scans, rounds, find, responses=True)  # type: ignore[arg-type]
    kinds = [(p.kind, p.round) for p in found]
    assert kinds == [
        ("single", None),
        ("consensus", ROUND_1),
        *[("response", ROUND_1)] * 4,
        ("provisional", ROUND_2),
        *[("response", ROUND_2)] * 3,
    ]
    # the draft of round 3 is no point, and round 3 has none
    assert all(p.round != ROUND_3 for p in found)


def test_a_consensus_replaces_the_provisional_point() -> None:
    scans, rounds = team_rounds()
    scans.append(consensus(ROUND_2, "c2" * 16, "2026-10-01", 5))
    found = points(scans, rounds, find)  # type: ignore[arg-type]
    assert [(p.kind, p.scan.id) for p in found][-1] == ("consensus", "c2" * 16)
    assert not any(p.provisional for p in found)


def test_a_round_not_given_has_no_point_and_its_responses_are_none() -> None:
    scans, rounds = team_rounds()
    found = points(scans, [rounds[0]], find)  # type: ignore[arg-type]
    assert [p.kind for p in found] == ["single", "consensus"]


def test_the_overview_read_decodes_the_scans_of_the_latest_two_points() -> None:
    scans, rounds = team_rounds()
    # the consensus of round 1 and the three responses of round 2 (its provisional result)
    expected = {CONSENSUS_1} | {s.id for s in scans if s.round and s.round.id == ROUND_2}
    heads = [msgspec.structs.replace(s, answers={}) for s in scans]
    assert scored_scans(heads, rounds, 2) == expected
    assert scored_scans(heads, rounds, 1) == expected - {CONSENSUS_1}


KINDS = st.lists(
    st.tuples(
        st.sampled_from(["single", "response", "consensus", "draft"]),
        st.integers(0, 2),  # the round
        st.integers(1, 28),  # the day
        st.integers(1, 5),  # the level
    ),
    max_size=12,
)


@settings(deadline=None, max_examples=60)
@given(KINDS)
def test_every_round_with_an_answer_is_exactly_one_point_and_no_response_is(
    made: list[tuple[str, int, int, int]],
) -> None:
    round_ids = [f"{n + 1:x}" * 32 for n in range(3)]
    rounds = [a_round(r, f"2026-03-{n + 1:02d}", f"R{n}") for n, r in enumerate(round_ids)]
    scans: list[Scan] = []
    for index, (kind, which, day, level) in enumerate(made):
        scan_id = f"{index:032x}"
        when = f"2026-04-{day:02d}"
        if kind == "single":
            scans.append(single(scan_id, when, level))
        elif kind == "consensus":
            scans.append(consensus(round_ids[which], scan_id, when, level))
        else:
            scan = response(round_ids[which], index, when, "hr", level)
            if kind == "draft":
                scan = msgspec.structs.replace(scan, status="draft", completed_at=None)
            scans.append(scan)
    found = points(scans, rounds, find)  # type: ignore[arg-type]
    assert all(p.kind != "response" for p in found)
    for round_id in round_ids:
        own = [s for s in scans if s.round and s.round.id == round_id and s.status == "completed"]
        assert sum(1 for p in found if p.round == round_id) == (1 if own else 0)
    singles = sorted(s.id for s in scans if s.round is None)
    assert sorted(p.scan.id for p in found if p.kind == "single") == singles
    order = [(p.scan.date, p.scan.id) for p in found]
    assert order == sorted(order)
    assert len(sources(scans, rounds)) == len(found)


# ------------------------------------------------------------------ history, compare, report


def test_history_scores_a_point_per_round_and_changes_between_points() -> None:
    scans, rounds = team_rounds()
    report = history_report(scans, CATALOG, rounds)
    assert [(p.kind, p.scores.overall.score, p.overall_delta) for p in report.points] == [
        ("single", 2.0, None),
        ("consensus", 3.0, 1.0),
        ("provisional", 4.0, 1.0),
    ]
    with_responses = history_report(scans, CATALOG, rounds, responses=True).points
    # a respondent's scan has no change, and the points change against the point before
    assert [p.overall_delta for p in with_responses if p.kind == "response"] == [None] * 7
    assert [p.overall_delta for p in with_responses if p.kind != "response"] == [None, 1.0, 1.0]
    assert [p.role for p in with_responses if p.round == ROUND_2] == [
        None,
        "hr",
        "inkoop",
        "bestuur",
    ]


def test_history_hides_roles_of_an_anonymous_round() -> None:
    scans, rounds = team_rounds()
    rounds[1] = msgspec.structs.replace(rounds[1], visibility="anonymous")
    found = history_report(scans, CATALOG, rounds, responses=True).points
    assert [p.role for p in found if p.kind == "response" and p.round == ROUND_2] == [None] * 3


def test_the_previous_point_is_never_a_respondents_scan_nor_the_scans_own_round() -> None:
    scans, rounds = team_rounds()
    later = single("d1" * 16, "2026-11-20", 5)
    everything = [*scans, later]
    before = previous_scan(later, everything, CATALOG, rounds)
    assert before is not None and before.id == PROVISIONAL_2
    # a response of round 2: the point before its round (round 1's consensus)
    answer = next(s for s in scans if s.round and s.round.id == ROUND_2)
    before = previous_scan(answer, everything, CATALOG, rounds)
    assert before is not None and before.id == CONSENSUS_1
    # the consensus of round 1: the scan of its own, not a response of round 1
    consensus_1 = next(s for s in scans if s.id == CONSENSUS_1)
    before = previous_scan(consensus_1, everything, CATALOG, rounds)
    assert before is not None and before.id == SINGLE


def test_compare_marks_a_round_point() -> None:
    scans, rounds = team_rounds()
    found = points(scans, rounds, find)  # type: ignore[arg-type]
    result = compare(found[1].scan, found[2].scan, SET, SET)
    assert (result.round_a, result.provisional_a) == (ROUND_1, False)
    assert (result.round_b, result.provisional_b) == (ROUND_2, True)
    plain = compare(found[0].scan, found[1].scan, SET, SET)
    assert (plain.round_a, plain.provisional_a) == (None, False)


# ------------------------------------------------------------------ the overview


def test_the_overview_shows_the_latest_point_and_reads_only_its_answers(seeded: Path) -> None:
    store = Store(seeded)

    def rows(contents: object) -> list[object]:
        return overview(
            contents.scans,  # type: ignore[attr-defined]
            contents.targets,  # type: ignore[attr-defined]
            contents.organisations,  # type: ignore[attr-defined]
            find,  # type: ignore[arg-type]
            date(2026, 12, 2),
            contents.rounds,  # type: ignore[attr-defined]
        )

    [row] = rows(store.contents())
    assert row.name == ORG  # type: ignore[attr-defined]
    assert (row.latest, row.latest_kind, row.latest_round) == (  # type: ignore[attr-defined]
        PROVISIONAL_2,
        "provisional",
        ROUND_2,
    )
    assert (row.scans, row.drafts, row.change) == (3, 1, "up")  # type: ignore[attr-defined]
    assert row.overall_score == 4.0 and row.last_scan == date(2026, 10, 1)  # type: ignore[attr-defined]
    light = store.overview_contents()
    assert rows(light) == [row]
    assert {s.id for s in light.scans if s.answers} == scored_scans(
        store.contents().scans, store.contents().rounds, 2
    )


def test_the_overview_of_a_respondent_alone_is_its_rounds_provisional_result(
    db_path: Path,
) -> None:
    store = Store(db_path)
    scans, rounds = team_rounds()
    only = [s for s in scans if s.round and s.round.id == ROUND_2][:1]
    store.import_scans(only, "seed", rounds=[rounds[1]])
    [row] = overview(
        store.contents().scans,
        [],
        [],
        find,
        date(2026, 12, 2),
        store.contents().rounds,  # type: ignore[arg-type]
    )
    assert (row.latest, row.scans, row.overall_score) == (PROVISIONAL_2, 1, 3.0)


# ------------------------------------------------------------------ the command line


def test_history_marks_round_points_in_dutch_and_english(
    capsys: pytest.CaptureFixture[str], seeded: Path
) -> None:
    code, out, _ = run(capsys, seeded, "history", "--org", ORG, "--no-chart")
    assert code == 0
    lines = out.splitlines()
    assert lines[1].split()[:3] == ["datum", "id", "punt"]
    assert "consensus" in lines[4] and CONSENSUS_1[:8] in lines[4]
    assert "voorlopig" in lines[5] and ROUND_2[:8] in lines[5] and "4.0 ▲+1.0" in lines[5]
    assert len([line for line in lines if line.startswith("20")]) == 3  # no respondent rows
    assert "voorlopig: de ronde heeft nog geen consensus" in out
    code, out, _ = run(capsys, seeded, "--lang", "en", "history", "--org", ORG, "--no-chart")
    assert code == 0 and "provisional" in out and "point" in out.splitlines()[1]


def test_history_without_rounds_has_no_point_column(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    Store(db_path).add(single(SINGLE, "2025-06-01", 2))
    code, out, _ = run(capsys, db_path, "history", "--org", ORG, "--no-chart")
    assert code == 0 and "punt" not in out and "voorlopig" not in out


def test_history_responses_lists_them_under_their_round(
    capsys: pytest.CaptureFixture[str], seeded: Path
) -> None:
    code, out, _ = run(capsys, seeded, "history", "--org", ORG, "--no-chart", "--responses")
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith("20")]
    assert len(rows) == 3 + 7
    assert "↳ HR of Werk & Inkomen" in rows[2] and "▲" not in rows[2]
    assert "voorlopig" in rows[6] and "↳ HR of Werk & Inkomen" in rows[7]


def test_history_json_marks_provisional_points(
    capsys: pytest.CaptureFixture[str], seeded: Path
) -> None:
    code, out, _ = run(capsys, seeded, "history", "--org", ORG, "--json")
    assert code == 0
    data = json.loads(out)
    assert [(s["id"], s["kind"], s["round"], s["provisional"]) for s in data["scans"]] == [
        (SINGLE, "single", None, False),
        (CONSENSUS_1, "consensus", ROUND_1, False),
        (PROVISIONAL_2, "provisional", ROUND_2, True),
    ]
    assert data["scans"][2]["completed_at"] is None
    code, out, _ = run(capsys, seeded, "history", "--org", ORG, "--json", "--responses")
    kinds = [s["kind"] for s in json.loads(out)["scans"]]
    assert kinds.count("response") == 7


def test_compare_takes_round_ids(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, _ = run(capsys, seeded, "compare", ROUND_1[:8], ROUND_2[:8], "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["scan_a"], data["round_a"], data["provisional_a"]) == (CONSENSUS_1, ROUND_1, False)
    assert (data["scan_b"], data["round_b"], data["provisional_b"]) == (
        PROVISIONAL_2,
        ROUND_2,
        True,
    )
    assert data["overall"]["score_a"] == 3.0 and data["overall"]["score_b"] == 4.0
    code, out, _ = run(capsys, seeded, "compare", SINGLE[:8], ROUND_2[:8])
    assert code == 0
    assert f"B: het voorlopige resultaat van ronde {ROUND_2[:8]} 'Teamscan najaar'" in out


def test_compare_refuses_a_round_without_a_point_and_an_unknown_id(
    capsys: pytest.CaptureFixture[str], seeded: Path
) -> None:
    code, _, err = run(capsys, seeded, "compare", SINGLE, ROUND_3)
    assert code == 2 and f"ronde {ROUND_3[:8]} heeft nog geen afgeronde antwoorden" in err
    code, _, err = run(capsys, seeded, "--lang", "en", "compare", SINGLE, "9" * 32)
    assert code == 2 and "no scan or round with id" in err


def test_scan_list_and_show_mark_a_rounds_scans(
    capsys: pytest.CaptureFixture[str], seeded: Path
) -> None:
    code, out, _ = run(capsys, seeded, "scan", "list")
    assert code == 0
    assert "ronde" in out.splitlines()[0]
    line = next(x for x in out.splitlines() if x.startswith(CONSENSUS_1[:8]))
    assert f"{ROUND_1[:8]} consensus" in line
    code, out, _ = run(capsys, seeded, "scan", "list", "--json")
    listed = {s["id"]: s for s in json.loads(out)}
    assert (listed[CONSENSUS_1]["kind"], listed[CONSENSUS_1]["round"]) == ("consensus", ROUND_1)
    assert listed[SINGLE]["kind"] == "single" and listed[SINGLE]["round"] is None
    answer = next(s for s in listed.values() if s["round"] == ROUND_2)
    code, out, _ = run(capsys, seeded, "scan", "show", answer["id"], "--no-chart")
    assert code == 0
    assert f"ronde {ROUND_2[:8]} 'Teamscan najaar'" in out
    assert f"ten opzichte van de consensus van ronde {ROUND_1[:8]}" in out
    code, out, _ = run(capsys, seeded, "scan", "show", answer["id"], "--json")
    report = json.loads(out)
    assert report["previous"]["id"] == CONSENSUS_1 and report["previous"]["round"] == ROUND_1
    assert report["round"]["id"] == ROUND_2 and report["round"]["kind"] == "response"


def test_org_show_says_the_latest_point_is_a_rounds(
    capsys: pytest.CaptureFixture[str], seeded: Path
) -> None:
    code, out, _ = run(capsys, seeded, "org", "show", ORG)
    assert code == 0
    assert "Laatste scan: 2026-10-01" in out
    assert f"(voorlopig: ronde {ROUND_2[:8]} heeft nog geen consensus)" in out
    code, out, _ = run(capsys, seeded, "--lang", "en", "org", "show", ORG, "--json")
    row = json.loads(out)
    assert (row["latest_kind"], row["latest_round"], row["scans"]) == ("provisional", ROUND_2, 3)
