"""Team rounds in the database (#14): the rounds table, respondents' scans, the consensus,
and what the organisation changes do to rounds."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import msgspec
import pytest

from maturity_scan.core.models import (
    AnswerRecord,
    AnswerSource,
    Respondent,
    RoundLink,
    Scan,
    SetRef,
    Visibility,
)
from maturity_scan.core.round_report import attention_order, build_round_report
from maturity_scan.errors import ScanError
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets.loading import load_catalog
from maturity_scan.storage.migrations import SCHEMA_VERSION
from maturity_scan.storage.store import Store, make_scan, now

SET = load_catalog([builtin_questions_dir()]).get("sociale-inkoop", "2.0")
REF = SET.ref
QUESTIONS = [q.id for _, q in SET.questions()]


def response(round_id: str, role: str, levels: dict[str, int], name: str = "R") -> Scan:
    scan = make_scan(
        "Gemeente Ede",
        REF,
        Respondent(name=name),
        answers={q: AnswerRecord(level=v) for q, v in levels.items()},
        completed_at=now(),
    )
    return msgspec.structs.replace(scan, round=RoundLink(id=round_id, role=role))


def opened(store: Store, org: str = "Gemeente Ede") -> str:
    return store.rounds.open(org, "  Teamscan  2027 ", REF, date(2026, 11, 30)).id


def test_a_round_opens_lists_and_is_found_by_prefix(db_path: Path) -> None:
    store = Store(db_path)
    round_id = opened(store)
    (found,) = store.rounds.list("gemeente ede")
    assert found.id == round_id and found.title == "Teamscan 2027"
    assert found.visibility == "by-role" and found.question_set == REF
    assert store.rounds.get(round_id[:6]) == found
    assert json.loads(db_path.read_text())["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 3
    with pytest.raises(ScanError) as err:
        store.rounds.get("ffffffff")
    assert err.value.key == "err.round_not_found"


def test_a_round_makes_its_organisation_known(db_path: Path) -> None:
    store = Store(db_path)
    opened(store, "Gemeente Ede")
    store.add(make_scan("gemeente  EDE", REF, completed_at=now()))
    assert {s.organisation for s in store.scans()} == {"Gemeente Ede"}


def test_bad_rounds_are_refused_and_nothing_is_written(db_path: Path) -> None:
    store = Store(db_path)
    opened(store)
    before = db_path.read_bytes()
    with pytest.raises(ScanError) as err:
        store.rounds.open("Gemeente Ede", "   ", REF, date(2026, 11, 30))
    assert err.value.key == "err.round_title_empty"
    with pytest.raises(ScanError) as err:
        store.rounds.open("Gemeente Ede", "x", REF, date(2026, 11, 30), closes=date(2026, 1, 1))
    assert err.value.key == "err.round_closes_before"
    with pytest.raises(ScanError) as err:
        store.rounds.open("Gemeente Ede", "a\x1b[2Jb", REF, date(2026, 11, 30))
    assert err.value.key == "err.round_title_control"
    assert db_path.read_bytes() == before


def test_responses_are_added_once_and_replaced_only_when_asked(db_path: Path) -> None:
    store = Store(db_path)
    round_id = opened(store)
    first = response(round_id, "hr", {QUESTIONS[0]: 2})
    assert store.rounds.add_responses(round_id, [first], "a.json").added == 1
    again = store.rounds.add_responses(round_id, [first], "a.json")
    assert (again.added, again.skipped, again.replaced) == (0, 1, 0)
    newer = msgspec.structs.replace(first, answers={QUESTIONS[0]: AnswerRecord(level=4)})
    before = db_path.read_bytes()
    with pytest.raises(ScanError) as err:
        store.rounds.add_responses(round_id, [newer], "a.json")
    assert err.value.key == "err.round_replace" and db_path.read_bytes() == before
    assert store.rounds.add_responses(round_id, [newer], "a.json", replace=True).replaced == 1
    (stored,) = store.rounds.contents(round_id).responses
    assert stored.answer(QUESTIONS[0]) == 4


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"organisation": "Gemeente Urk"}, "err.round_other_org"),
        ({"question_set": SetRef(id="sociale-inkoop", version="1.0")}, "err.round_other_set"),
        ({"round": RoundLink(id="another-round", role="hr")}, "err.round_other_round"),
        ({"round": None}, "err.round_other_round"),
    ],
)
def test_a_response_of_something_else_is_refused(db_path: Path, change: dict, key: str) -> None:
    store = Store(db_path)
    round_id = opened(store)
    good = response(round_id, "hr", {QUESTIONS[0]: 2})
    bad = msgspec.structs.replace(response(round_id, "hr", {QUESTIONS[0]: 3}), **change)
    before = db_path.read_bytes()
    with pytest.raises(ScanError) as err:
        store.rounds.add_responses(round_id, [good, bad], "b.json")
    assert err.value.key == key and "b.json" in str(err.value)
    assert db_path.read_bytes() == before


def test_a_new_consensus_replaces_the_old_in_one_write(db_path: Path) -> None:
    store = Store(db_path)
    round_id = opened(store)
    store.rounds.add_responses(
        round_id,
        [
            response(round_id, "hr", {QUESTIONS[0]: 1}),
            response(round_id, "inkoop", {QUESTIONS[0]: 4}),
        ],
        "x",
    )
    for level in (1, 3):
        scan = make_scan("Gemeente Ede", REF, completed_at=now())
        scan = msgspec.structs.replace(
            scan,
            answers={QUESTIONS[0]: AnswerRecord(level=level)},
            round=RoundLink(
                id=round_id,
                kind="consensus",
                sources={QUESTIONS[0]: AnswerSource("override", "HR kent de cijfers")},
            ),
        )
        store.rounds.set_consensus(round_id, scan)
    contents = store.rounds.contents(round_id)
    assert [s.kind for s in contents.scans].count("consensus") == 1
    assert contents.consensus is not None and contents.consensus.answer(QUESTIONS[0]) == 3
    report = build_round_report(contents.round, contents.scans, SET)
    assert report.consensus is not None and report.completed == 2
    assert report.statistics.questions[0].flag == "divided"
    assert attention_order(report.statistics.questions)[0].question == QUESTIONS[0]
    assert report.provisional.answers[0].level == 1  # lower median of 1, 4


def test_a_draft_joins_a_round_and_is_not_counted_until_completed(db_path: Path) -> None:
    store = Store(db_path)
    round_id = opened(store)
    draft = store.rounds.join(round_id, Respondent(name="Ans"), "inkoop", role_only=True)
    store.set_answer(draft.id, QUESTIONS[0], 3)
    contents = store.rounds.contents(round_id)
    assert [d.id for d in contents.drafts] == [draft.id] and contents.responses == []
    assert contents.drafts[0].answer(QUESTIONS[0]) == 3  # the journal replayed
    store.complete(draft.id)
    assert len(store.rounds.contents(round_id).responses) == 1
    asked = [q.id for _, q in SET.questions() if store.get(draft.id).asks(q)]
    assert asked and len(asked) < len(QUESTIONS)


@pytest.mark.parametrize(
    ("visibility", "shown"),
    [("named", ("Ans", "hr")), ("by-role", (None, "hr")), ("anonymous", (None, None))],
)
def test_visibility_decides_what_is_shown_of_respondents(
    db_path: Path, visibility: Visibility, shown: tuple[str | None, str | None]
) -> None:
    store = Store(db_path)
    made = store.rounds.open("Gemeente Ede", "t", REF, date(2026, 11, 1), visibility=visibility)
    store.rounds.add_responses(made.id, [response(made.id, "hr", {}, name="Ans")], "x")
    contents = store.rounds.contents(made.id)
    (person,) = build_round_report(contents.round, contents.scans, SET).respondents
    assert (person.name, person.role) == shown


def test_rename_merge_and_delete_take_rounds_along(db_path: Path) -> None:
    store = Store(db_path)
    round_id = opened(store)
    store.rounds.add_responses(round_id, [response(round_id, "hr", {QUESTIONS[0]: 2})], "x")
    store.tag_organisation("Gemeente Ede", ["Regio Oost"])
    store.rename_organisation("Gemeente Ede", "Gemeente Ede (Gld)")
    assert store.rounds.get(round_id).organisation == "Gemeente Ede (Gld)"
    store.add(make_scan("Gemeente Wageningen", REF, completed_at=now()))
    store.merge_organisations("Gemeente Ede (Gld)", "Gemeente Wageningen")
    assert store.rounds.get(round_id).organisation == "Gemeente Wageningen"
    (wageningen,) = store.contents().scans[-1:]
    gone, count = store.rounds.delete(round_id)
    assert gone.id == round_id and count == 1
    assert store.rounds.list() == [] and [s.id for s in store.scans()] == [wageningen.id]


def test_a_round_alone_keeps_the_organisation_record(db_path: Path) -> None:
    store = Store(db_path)
    round_id = opened(store)
    scan = store.add(make_scan("Gemeente Ede", REF, completed_at=now()))
    store.tag_organisation("Gemeente Ede", ["Klant 2027"])
    store.delete(scan.id)  # the last scan, but the round is still there
    assert store.contents().organisations[0].groups == ["Klant 2027"]
    store.rounds.delete(round_id)
    assert store.contents().organisations == []


def test_a_version_2_file_is_migrated_and_its_scans_read(db_path: Path) -> None:
    store = Store(db_path)
    store.add(make_scan("Gemeente Ede", REF, completed_at=now()))
    data = json.loads(db_path.read_text())
    data["meta"]["1"]["schema_version"] = 2
    for doc in data["scans"].values():
        del doc["round"]
    db_path.write_text(json.dumps(data))
    fresh = Store(db_path)
    assert len(fresh.scans()) == 1 and fresh.rounds.list() == []
    opened(fresh)
    assert json.loads(db_path.read_text())["meta"]["1"]["schema_version"] == 3


def test_the_overview_read_gives_rounds_too(db_path: Path) -> None:
    store = Store(db_path)
    round_id = opened(store)
    store.add(make_scan("Gemeente Ede", REF, completed_at=now()))
    assert [r.id for r in store.overview_contents().rounds] == [round_id]


def test_imported_rounds_are_added_once_and_a_conflict_refuses(db_path: Path) -> None:
    store = Store(db_path)
    round_id = opened(store)
    the_round = store.rounds.get(round_id)
    other = Store(db_path.with_name("other.json"))
    assert other.import_scans([], "f.json", rounds=[the_round]).rounds == 1
    assert other.import_scans([], "f.json", rounds=[the_round]).rounds == 0
    changed = msgspec.structs.replace(the_round, title="Anders")
    before = other.path.read_bytes()
    with pytest.raises(ScanError) as err:
        other.import_scans([], "f.json", rounds=[changed])
    assert err.value.key == "err.import_round_conflict" and other.path.read_bytes() == before
