"""Organisations as things you manage (#13): one identity per folded name, rename, merge,
groups, rescan interval, and the overview's rows."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from maturity_scan.core.models import AnswerRecord, Organisation, Scan, SetRef, Target
from maturity_scan.core.names import close_names, fold, matches, org_key
from maturity_scan.core.organisations import OrgFilter, add_months, overview, rescan_state
from maturity_scan.errors import ScanError
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.present.overview import overview_table
from maturity_scan.question_sets.loading import load_catalog
from maturity_scan.storage.migrations import SCHEMA_VERSION
from maturity_scan.storage.store import Store, make_scan

SET = SetRef(id="sociale-inkoop", version="1.0")


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)


CATALOG = load_catalog([builtin_questions_dir()])
QUESTIONS = [q.id for _, q in CATALOG.get(SET.id, SET.version).questions()]


def completed(org: str, day: str, level: int = 3) -> Scan:
    answers = {q: AnswerRecord(level=level) for q in QUESTIONS}
    return make_scan(org, SET, completed_at=at(day), answers=answers)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "scans.json"


# ----------------------------------------------------------------- names


def test_names_fold_case_accents_and_spacing() -> None:
    assert org_key("  Gemeente   Zwollé ") == org_key("gemeente zwolle") == "gemeente zwolle"
    assert fold("Wetterskip Fryslân") == "wetterskip fryslan"
    assert org_key("Gemeente Zwolle") != org_key("Gemeente Zwolle-Noord")


def test_search_finds_part_of_a_word_in_name_or_group() -> None:
    assert matches("zwol", ["Gemeente Zwolle"])
    assert matches("ZWÖL regio", ["Gemeente Zwolle", "Regio Oost"])
    assert not matches("zwol noord", ["Gemeente Zwolle"])
    assert matches("", ["anything"])
    assert matches("fryslan", ["Gemeente Súdwest-Fryslân"])
    assert not matches("een", ["Gemeente Zwolle"])  # a word's start, not any part of it
    assert matches("een", ["Stichting Één Test"])


def test_close_names_suggest_at_most_three() -> None:
    known = [f"Gemeente {n}" for n in ("Zwolle", "Zwijndrecht", "Zeist", "Zaanstad", "Zandvoort")]
    assert close_names("zwole", known) == ["Gemeente Zwolle"]
    assert len(close_names("gemeente", known)) == 3
    assert close_names("Provincie Drenthe", known) == []
    # a shared word is no likeness; a typo in the word that differs is
    assert close_names("Gemeente Urk", ["Gemeente Ede"]) == []
    assert close_names("Gemeente Zwole", ["Gemeente Ede", "Gemeente Zwolle"]) == ["Gemeente Zwolle"]
    assert close_names("gemeente sudwest fryslan", ["Gemeente Súdwest-Fryslân"]) == [
        "Gemeente Súdwest-Fryslân"
    ]


@given(st.text(max_size=30))
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


# ----------------------------------------------------------------- store


def test_new_scan_is_filed_under_the_stored_spelling(db: Path) -> None:
    store = Store(db)
    store.add(completed("Gemeente Zwolle", "2026-01-10"))
    scan = store.add(make_scan("gemeente  zwollé", SET))
    assert scan.organisation == "Gemeente Zwolle"
    assert store.organisations() == ["Gemeente Zwolle"]
    assert {s.organisation for s in store.scans()} == {"Gemeente Zwolle"}


def test_rename_moves_scans_targets_and_groups(db: Path) -> None:
    store = Store(db)
    for day in ("2025-01-10", "2026-01-10"):
        store.add(completed("Gemeenet Zwolle", day))
    store.add(completed("Gemeente Kampen", "2026-02-01"))
    store.set_target(
        Target(organisation="Gemeenet Zwolle", question_set=SET.id, principle="bestuur", level=4)
    )
    store.tag_organisation("gemeenet zwolle", ["Regio Oost"])
    before = len(store.scans())
    moved = store.rename_organisation("GEMEENET ZWOLLE", "Gemeente Zwolle")
    assert (moved.name, moved.scans, moved.targets) == ("Gemeente Zwolle", 2, 1)
    assert len(store.scans()) == before
    assert store.organisations() == ["Gemeente Kampen", "Gemeente Zwolle"]
    assert [t.organisation for t in store.targets()] == ["Gemeente Zwolle"]
    assert store.contents("Gemeente Zwolle").organisations == [
        Organisation(name="Gemeente Zwolle", groups=["Regio Oost"])
    ]


def test_rename_to_another_organisation_is_refused_and_nothing_changes(db: Path) -> None:
    store = Store(db)
    store.add(completed("Gemeente A", "2026-01-10"))
    store.add(completed("Gemeente B", "2026-01-10"))
    raw = db.read_bytes()
    with pytest.raises(ScanError) as err:
        store.rename_organisation("Gemeente A", "gemeente b")
    assert err.value.key == "err.org_rename_taken"
    assert db.read_bytes() == raw


def test_rename_may_respell_the_same_organisation(db: Path) -> None:
    store = Store(db)
    store.add(completed("gemeente zwolle", "2026-01-10"))
    store.rename_organisation("Gemeente Zwolle", "Gemeente Zwolle")
    assert store.organisations() == ["Gemeente Zwolle"]


def test_unknown_organisation_suggests_close_names(db: Path) -> None:
    store = Store(db)
    store.add(completed("Gemeente Zwolle", "2026-01-10"))
    with pytest.raises(ScanError) as err:
        store.rename_organisation("Zwole", "X")
    assert err.value.key == "err.org_unknown" and "Gemeente Zwolle" in err.value.params["known"]


def test_merge_moves_everything_and_keeps_the_receivers_targets(db: Path) -> None:
    store = Store(db)
    store.add(completed("Zwolle", "2025-01-10"))
    store.add(completed("Zwolle", "2025-06-10"))
    store.add(completed("Gemeente Zwolle", "2026-01-10"))
    aim = {"question_set": SET.id}
    store.set_target(Target(organisation="Zwolle", principle="bestuur", level=5, **aim))
    store.set_target(Target(organisation="Zwolle", principle="keten", level=3, **aim))
    store.set_target(Target(organisation="Gemeente Zwolle", principle="bestuur", level=4, **aim))
    store.tag_organisation("Zwolle", ["Oost"])
    store.tag_organisation("Gemeente Zwolle", ["2026"])
    store.set_rescan("Gemeente Zwolle", 24)
    moved = store.merge_organisations("zwolle", "gemeente zwolle")
    assert (moved.scans, moved.targets, moved.dropped) == (2, 1, 1)
    assert store.organisations() == ["Gemeente Zwolle"]
    assert len(store.scans("Gemeente Zwolle")) == 3
    assert {(t.principle, t.level) for t in store.targets()} == {("bestuur", 4), ("keten", 3)}
    assert store.contents().organisations == [
        Organisation(name="Gemeente Zwolle", groups=["2026", "Oost"], rescan_months=24)
    ]


def test_merge_with_itself_is_refused(db: Path) -> None:
    store = Store(db)
    store.add(completed("Gemeente A", "2026-01-10"))
    with pytest.raises(ScanError) as err:
        store.merge_organisations("Gemeente A", "gemeente a")
    assert err.value.key == "err.org_merge_same"


def test_tags_fold_and_untag_names_a_missing_group(db: Path) -> None:
    store = Store(db)
    store.add(completed("Gemeente A", "2026-01-10"))
    store.tag_organisation("Gemeente A", ["Regio Oost", "regio  oost", "2026"])
    assert store.contents().organisations[0].groups == ["Regio Oost", "2026"]
    store.tag_organisation("Gemeente A", ["REGIO OOST"], add=False)
    assert store.contents().organisations[0].groups == ["2026"]
    with pytest.raises(ScanError) as err:
        store.tag_organisation("Gemeente A", ["Noord"], add=False)
    assert err.value.key == "err.group_not_on_org"
    store.tag_organisation("Gemeente A", ["2026"], add=False)
    assert store.contents().organisations == []  # defaults only: no record kept
    with pytest.raises(ScanError) as err:  # the app's field separates groups by commas
        store.tag_organisation("Gemeente A", ["Oost, Noord"])
    assert err.value.key == "err.group_comma"


def test_rescan_interval_is_checked(db: Path) -> None:
    store = Store(db)
    store.add(completed("Gemeente A", "2026-01-10"))
    with pytest.raises(ScanError) as err:
        store.set_rescan("Gemeente A", 0)
    assert err.value.key == "err.rescan_months"
    assert store.set_rescan("Gemeente A", 6).rescan_months == 6


def test_deleting_the_last_scan_deletes_the_record(db: Path) -> None:
    store = Store(db)
    scan = store.add(completed("Gemeente A", "2026-01-10"))
    store.tag_organisation("Gemeente A", ["Oost"])
    store.delete(scan.id)
    assert json.loads(db.read_text())["organisations"] == {}


def test_import_adopts_the_stored_spelling_and_joins_groups(db: Path) -> None:
    store = Store(db)
    store.add(completed("Gemeente Zwolle", "2026-01-10"))
    store.tag_organisation("Gemeente Zwolle", ["Oost"])
    other = completed("GEMEENTE ZWOLLE", "2025-01-10")
    records = [Organisation(name="gemeente zwolle", groups=["Oost", "2025"], rescan_months=6)]
    assert store.import_scans([other], "x.json", organisations=records) == (1, 0)
    assert {s.organisation for s in store.scans()} == {"Gemeente Zwolle"}
    assert store.contents().organisations == [
        Organisation(name="Gemeente Zwolle", groups=["Oost", "2025"])  # own interval kept
    ]
    # again: nothing new
    raw = db.read_bytes()
    assert store.import_scans([other], "x.json", organisations=records) == (0, 1)
    assert db.read_bytes() == raw


# ----------------------------------------------------------------- overview


def test_add_months_clamps_to_the_months_end() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 14) == date(2028, 1, 15)


def test_rescan_state() -> None:
    today = date(2026, 12, 2)
    assert rescan_state(date(2026, 12, 1), today) == "overdue"
    assert rescan_state(date(2026, 12, 20), today) == "due"
    assert rescan_state(date(2027, 3, 1), today) is None
    assert rescan_state(None, today) is None


def test_overview_rows(db: Path) -> None:
    catalog = CATALOG
    store = Store(db)
    store.add(completed("Gemeente Zwolle", "2025-01-10", level=2))
    store.add(completed("Gemeente Zwolle", "2025-11-10", level=4))
    store.add(make_scan("gemeente zwolle", SET))
    store.add(completed("Gemeente Kampen", "2026-06-01", level=3))
    store.set_target(
        Target(organisation="Gemeente Zwolle", question_set=SET.id, principle="bestuur", level=5)
    )
    store.tag_organisation("Gemeente Kampen", ["Oost"])
    contents = store.contents()
    rows = overview(
        contents.scans,
        contents.targets,
        contents.organisations,
        lambda ref: catalog.find(ref.id, ref.version),
        date(2026, 12, 2),
        contents.rounds,
    )
    assert [r.name for r in rows] == ["Gemeente Kampen", "Gemeente Zwolle"]
    kampen, zwolle = rows
    assert (zwolle.scans, zwolle.drafts, zwolle.last_scan) == (2, 1, date(2025, 11, 10))
    assert zwolle.change == "up" and kampen.change is None
    assert zwolle.rescan == "overdue" and kampen.rescan is None
    bestuur = zwolle.principles[0]
    assert (bestuur.id, bestuur.level, bestuur.target, bestuur.gap) == ("bestuur", 4, 5, 1)
    assert zwolle.gap == 1 and kampen.gap is None
    assert kampen.groups == ["Oost"]
    assert [r.name for r in rows if OrgFilter(query="kamp").admits(r)] == ["Gemeente Kampen"]
    assert [r.name for r in rows if OrgFilter(drafts=True).admits(r)] == ["Gemeente Zwolle"]
    assert [r.name for r in rows if OrgFilter(due=True).admits(r)] == ["Gemeente Zwolle"]
    assert [r.name for r in rows if OrgFilter(group="oost").admits(r)] == ["Gemeente Kampen"]
    table = overview_table(rows, "nl", 80)
    assert table.headers[0] == "Organisatie"
    assert all(len("  ".join(cells)) <= 80 for _, cells in table.rows)


# ----------------------------------------------------------------- schema 1 → 2


def test_a_schema_1_file_is_migrated_once_with_a_backup(db: Path) -> None:
    """A database written before #13 (schema 1: no organisations table, scans without
    ``follows``/``carried``) opens, is migrated once with a pre-migration backup of its
    bytes, and keeps every scan and target as it was."""
    from maturity_scan.storage.backups import list_backups

    scan = completed("Gemeente Zwolle", "2026-01-10")
    doc = msgspec.to_builtins(scan)
    del doc["follows"], doc["carried"], doc["round"]
    target = {"organisation": "Gemeente Zwolle", "question_set": SET.id, "principle": "keten"}
    old = {
        "meta": {"1": {"schema_version": 1}},
        "scans": {"1": doc},
        "targets": {"1": target | {"level": 4, "by": None}},
    }
    original = json.dumps(old).encode()
    db.write_bytes(original)
    store = Store(db)
    assert store.scans() == [scan]
    assert store.targets()[0].level == 4
    on_disk = json.loads(db.read_bytes())
    assert on_disk["meta"] == {"1": {"schema_version": SCHEMA_VERSION}}
    [backup] = list_backups(db)
    assert backup.reason == "pre-migration" and backup.path.read_bytes() == original
    store.tag_organisation("gemeente zwolle", ["Oost"])
    assert Store(db).contents().organisations == [
        Organisation(name="Gemeente Zwolle", groups=["Oost"])
    ]


def test_import_of_a_new_organisation_takes_its_records_spelling(db: Path) -> None:
    """Older data may hold one organisation in two spellings; the record chose one."""
    scans = [completed("gemeente zwolle", "2025-01-10"), completed("GEMEENTE ZWOLLE", "2026-01-10")]
    records = [Organisation(name="Gemeente Zwolle", groups=["Oost"])]
    Store(db).import_scans(scans, "x.json", organisations=records)
    store = Store(db)
    assert {s.organisation for s in store.scans()} == {"Gemeente Zwolle"}
    assert store.contents().organisations == records


# ----------------------------------------------------------------- the overview's read


def test_scan_head_mirrors_scan() -> None:
    """The overview's read decodes scans as ScanHead: its fields must be Scan's."""
    from maturity_scan.storage.heads import ScanHead

    assert ScanHead.__struct_fields__ == Scan.__struct_fields__


def test_the_overview_read_gives_the_same_rows_as_the_whole_read(db: Path) -> None:
    store = Store(db)
    for n, day in enumerate(("2024-01-10", "2025-01-10", "2026-01-10", "2026-06-10")):
        store.add(completed("Gemeente Zwolle", day, level=1 + n))
        store.add(completed("Gemeente Kampen", day, level=4 - n))
    store.add(make_scan("Gemeente Kampen", SET))
    store.set_target(
        Target(organisation="Gemeente Kampen", question_set=SET.id, principle="keten", level=4)
    )
    store.tag_organisation("Gemeente Zwolle", ["Oost"])

    def rows(contents: object) -> list[object]:
        return overview(
            contents.scans,  # type: ignore[attr-defined]
            contents.targets,  # type: ignore[attr-defined]
            contents.organisations,  # type: ignore[attr-defined]
            lambda ref: CATALOG.find(ref.id, ref.version),
            date(2026, 12, 2),
            contents.rounds,  # type: ignore[attr-defined]
        )

    light = store.overview_contents()
    assert rows(light) == rows(store.contents())
    assert sum(1 for s in light.scans if s.answers) == 4  # two per organisation
    assert [s.id for s in light.scans] == [s.id for s in store.scans()]


def test_the_overview_read_falls_back_on_damage(db: Path) -> None:
    """Damage in the answers of a scored scan: the whole read says what is wrong."""
    store = Store(db)
    scan = store.add(completed("Gemeente Zwolle", "2026-01-10"))
    data = json.loads(db.read_text())
    data["scans"]["1"]["answers"][QUESTIONS[0]]["level"] = 9
    db.write_text(json.dumps(data))
    with pytest.raises(ScanError) as err:
        Store(db).overview_contents()
    assert err.value.key == "err.db_record" and scan.short_id in str(err.value.params)


def test_the_scans_view_knows_which_last_scans_take_groups_with_them(db: Path) -> None:
    """Its delete dialog warns when the last scan of an organisation with targets, groups
    or an interval is deleted (they go with it)."""
    from maturity_scan.tui.screens.scan_rows import read_scans

    from .conftest import make_config

    store = Store(db)
    store.add(completed("Gemeente Groep", "2026-01-10"))
    store.add(completed("Gemeente Kaal", "2026-01-10"))
    store.tag_organisation("Gemeente Groep", ["Oost"])
    read = read_scans(make_config(db), "nl", 100)
    assert read.with_targets == {"gemeente groep"}
