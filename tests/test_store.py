"""The scans database: round trips, prefixes, drafts, damaged files and imports."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import msgspec
import pytest

from maturity_scan.core.models import AnswerRecord, Respondent, Scan, SetRef
from maturity_scan.errors import ScanError, StoreError
from maturity_scan.storage.store import SCHEMA_VERSION, Store

MINI = SetRef(id="mini", version="1")
UTC = timezone.utc  # noqa: UP017 - reads the same on every Python 3


def moment(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=UTC)


def make_scan(
    scan_id: str,
    organisation: str = "Gemeente Utrecht",
    day: str = "2025-03-01",
    *,
    status: str = "completed",
    answers: dict[str, AnswerRecord] | None = None,
    respondent: Respondent | None = None,
) -> Scan:
    return Scan(
        id=scan_id,
        organisation=organisation,
        respondent=respondent or Respondent(),
        question_set=MINI,
        status=status,  # type: ignore[arg-type]
        started_at=moment(day),
        completed_at=moment(day, 11) if status == "completed" else None,
        answers=answers or {},
    )


@pytest.fixture
def store(db_path: Path) -> Store:
    return Store(db_path)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "db" / "scans.json"


# ------------------------------------------------------------------ round trips


def test_add_and_get_by_full_id(store: Store, db_path: Path) -> None:
    scan = make_scan(
        "a" * 32,
        answers={"a1": AnswerRecord(level=3, note="n"), "a2": AnswerRecord(level="na")},
        respondent=Respondent(name="Ans", role="inkoper"),
    )
    store.add(scan)
    assert store.get("a" * 32) == scan
    # a fresh Store on the same file reads the same scan back
    assert Store(db_path).get("a" * 32) == scan
    assert Store(db_path).scans() == [scan]


def test_get_by_unique_prefix(store: Store) -> None:
    store.add(make_scan("abcd1111" + "0" * 24))
    store.add(make_scan("abce2222" + "0" * 24))
    assert store.get("abcd").id.startswith("abcd1111")
    assert store.get("ABCE22").id.startswith("abce2222")  # case and blanks do not matter
    assert store.get(" abcd1 ").id.startswith("abcd1111")


def test_prefix_shorter_than_four_is_not_enough(store: Store) -> None:
    store.add(make_scan("abcd1111" + "0" * 24))
    with pytest.raises(ScanError) as info:
        store.get("abc")
    assert info.value.key == "err.scan_id_short"
    assert "at least its first 4 characters" in info.value.render("en")


def test_ambiguous_prefix(store: Store) -> None:
    store.add(make_scan("abcd1111" + "0" * 24))
    store.add(make_scan("abcd2222" + "0" * 24))
    with pytest.raises(ScanError) as info:
        store.get("abcd")
    assert info.value.key == "err.scan_ambiguous"
    message = info.value.render("en")
    assert "abcd1111" in message and "abcd2222" in message


def test_unknown_id(store: Store) -> None:
    store.add(make_scan("abcd1111" + "0" * 24))
    with pytest.raises(ScanError) as info:
        store.get("ffff")
    assert info.value.key == "err.scan_not_found"
    assert info.value.render("en") == "no scan with id 'ffff'"


def test_create_draft_and_set_answers(store: Store, db_path: Path) -> None:
    draft = store.create_draft("  Gemeente   Utrecht ", MINI, Respondent(name="Ans"))
    assert draft.status == "draft"
    assert draft.organisation == "Gemeente Utrecht"
    assert draft.completed_at is None
    assert len(draft.id) == 32

    store.set_answer(draft.id, "a1", level=3)
    store.set_answer(draft.id, "a1", note="with the board")  # note only: level kept
    assert store.get(draft.id).answers["a1"] == AnswerRecord(level=3, note="with the board")

    store.set_answer(draft.id, "a1", level="unknown")  # level only: note kept
    assert store.get(draft.id).answers["a1"] == AnswerRecord(level="unknown", note="with the board")

    store.set_answer(draft.id, "b2", note="only a note")
    assert Store(db_path).get(draft.id).answers["b2"] == AnswerRecord(
        level=None, note="only a note"
    )

    # clearing both level and note removes the record
    store.set_answer(draft.id, "a1", level=None, note="")
    assert "a1" not in store.get(draft.id).answers
    assert set(store.get(draft.id).answers) == {"b2"}


def test_create_draft_refuses_empty_organisation(store: Store, db_path: Path) -> None:
    with pytest.raises(ScanError) as info:
        store.create_draft("   ", MINI)
    assert info.value.key == "err.empty_org"
    assert not db_path.exists()


def test_set_answer_on_completed_scan_is_refused(store: Store, db_path: Path) -> None:
    store.add(make_scan("c" * 32, answers={"a1": AnswerRecord(level=2)}))
    before = db_path.read_bytes()
    with pytest.raises(ScanError) as info:
        store.set_answer("c" * 32, "a1", level=5)
    assert info.value.key == "err.scan_completed"
    assert db_path.read_bytes() == before
    assert store.get("c" * 32).answers["a1"].level == 2


def test_complete(store: Store) -> None:
    draft = store.create_draft("Org", MINI)
    when = moment("2025-06-01")
    done = store.complete(draft.id, when)
    assert done.status == "completed"
    assert done.completed_at == when
    assert store.get(draft.id) == done
    # completing again changes nothing
    assert store.complete(draft.id, moment("2030-01-01")).completed_at == when


def test_delete(store: Store) -> None:
    store.add(make_scan("d" * 32))
    store.add(make_scan("e" * 32))
    deleted = store.delete("dddd")
    assert deleted.id == "d" * 32
    assert [s.id for s in store.scans()] == ["e" * 32]
    with pytest.raises(ScanError):
        store.get("d" * 32)


def test_organisations_sorted_case_insensitively(store: Store) -> None:
    store.add(make_scan("1" * 32, "gemeente Zwolle"))
    store.add(make_scan("2" * 32, "Achmea"))
    store.add(make_scan("3" * 32, "Achmea", "2025-04-01"))
    store.add(make_scan("4" * 32, "bouwbedrijf"))
    assert store.organisations() == ["Achmea", "bouwbedrijf", "gemeente Zwolle"]


def test_scans_by_organisation_case_insensitive_sorted_by_date(store: Store) -> None:
    store.add(make_scan("1" * 32, "Gemeente Utrecht", "2025-05-01"))
    store.add(make_scan("2" * 32, "Achmea", "2025-01-01"))
    store.add(make_scan("3" * 32, "gemeente utrecht", "2024-02-01"))
    store.add(make_scan("4" * 32, "GEMEENTE UTRECHT", "2025-03-01", status="draft"))
    found = store.scans("Gemeente utrecht")
    # by completion date, else start date: 2024-02-01, 2025-03-01 (draft), 2025-05-01
    assert [s.id[0] for s in found] == ["3", "4", "1"]
    assert [s.id[0] for s in store.scans()] == ["3", "2", "4", "1"]
    assert store.scans("nobody") == []


def test_scans_sorted_across_time_zones(store: Store) -> None:
    # 10:00 at UTC+2 is 08:00 UTC, before 09:00 UTC the same day
    east = msgspec.structs.replace(
        make_scan("5" * 32),
        completed_at=datetime(2025, 3, 1, 10, tzinfo=timezone(timedelta(hours=2))),
    )
    west = msgspec.structs.replace(
        make_scan("6" * 32), completed_at=datetime(2025, 3, 1, 9, tzinfo=UTC)
    )
    store.add(west)
    store.add(east)
    assert [s.id[0] for s in store.scans()] == ["5", "6"]


# ------------------------------------------------------------------ the file


def test_reads_do_not_create_the_file(store: Store, db_path: Path) -> None:
    assert store.scans() == []
    assert store.organisations() == []
    with pytest.raises(ScanError):
        store.get("abcd")
    assert not db_path.exists()
    assert not db_path.parent.exists() or list(db_path.parent.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_file_is_private_after_a_write(store: Store, db_path: Path) -> None:
    store.add(make_scan("a" * 32))
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    store.delete("a" * 32)
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    # no temporary files are left next to it; the lock file is private too
    lock = db_path.with_name(db_path.name + ".lock")
    backups = db_path.parent / f"{db_path.stem}-backups"  # the first write of the day on a file
    assert {p.name for p in db_path.parent.iterdir()} <= {db_path.name, lock.name, backups.name}
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600
    for backup in backups.glob("*") if backups.exists() else []:
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_schema_version_recorded(store: Store, db_path: Path) -> None:
    store.add(make_scan("a" * 32))
    data = json.loads(db_path.read_text(encoding="utf-8"))
    assert data["meta"] == {"1": {"schema_version": SCHEMA_VERSION}}
    assert SCHEMA_VERSION == 3
    assert [doc["id"] for doc in data["scans"].values()] == ["a" * 32]


def test_schema_version_written_once(store: Store, db_path: Path) -> None:
    store.add(make_scan("a" * 32))
    store.add(make_scan("b" * 32))
    store.create_draft("Org", MINI)
    data = json.loads(db_path.read_text(encoding="utf-8"))
    assert list(data["meta"].values()) == [{"schema_version": SCHEMA_VERSION}]


def _write_db(path: Path, payload: bytes) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)
    return payload


def test_newer_schema_version_refused(db_path: Path) -> None:
    payload = json.dumps(
        {"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}, "scans": {}}
    ).encode()
    _write_db(db_path, payload)
    with pytest.raises(StoreError) as info:
        Store(db_path).scans()
    assert info.value.key == "err.db_future"
    assert str(SCHEMA_VERSION + 1) in info.value.render("en")
    with pytest.raises(StoreError):
        Store(db_path).add(make_scan("a" * 32))
    assert db_path.read_bytes() == payload


@pytest.mark.parametrize(
    ("payload", "key"),
    [
        (b"this is not json", "err.db_not_json"),
        (b"[]", "err.db_shape"),
        (b"", "err.db_not_json"),
        (b"   \n", "err.db_not_json"),
        (b'{"scans": []}', "err.db_shape"),
        (b'{"scans": {"1": 5}}', "err.db_shape"),
        (b'{"meta": {"1": {"version": 1}}}', "err.db_shape"),
        (b"\xff\xfe{}", "err.db_not_json"),
    ],
    ids=["text", "list", "empty", "blank", "table-list", "doc-int", "no-version", "not-utf8"],
)
def test_damaged_file_gives_store_error_and_is_left_alone(
    db_path: Path, payload: bytes, key: str
) -> None:
    _write_db(db_path, payload)
    for action in (
        lambda s: s.scans(),
        lambda s: s.add(make_scan("a" * 32)),
        lambda s: s.create_draft("Org", MINI),
        lambda s: s.import_scans([make_scan("b" * 32)], "x.json"),
    ):
        with pytest.raises(StoreError) as info:
            action(Store(db_path))
        assert info.value.key == key
        message = info.value.render("en")
        assert "\n" not in message
        assert message.startswith(f"{db_path}: ")
    assert db_path.read_bytes() == payload


def test_invalid_scan_record_is_a_store_error(db_path: Path) -> None:
    store = Store(db_path)
    store.add(make_scan("a" * 32))
    data = json.loads(db_path.read_text(encoding="utf-8"))
    data["scans"]["1"]["status"] = "finished"
    payload = _write_db(db_path, json.dumps(data).encode())
    with pytest.raises(StoreError) as info:
        Store(db_path).scans()
    assert info.value.key == "err.db_record"
    assert db_path.read_bytes() == payload


# ------------------------------------------------------------------ import


def test_import_same_scans_twice(store: Store, db_path: Path) -> None:
    scans = [make_scan("a" * 32), make_scan("b" * 32, "Achmea", answers={"b1": AnswerRecord(4)})]
    assert store.import_scans(scans, "export.json") == (2, 0)
    after_first = db_path.read_bytes()
    assert store.import_scans(scans, "export.json") == (0, 2)
    assert db_path.read_bytes() == after_first
    assert {s.id for s in store.scans()} == {"a" * 32, "b" * 32}


def test_import_adds_only_new_scans(store: Store) -> None:
    store.add(make_scan("a" * 32))
    assert store.import_scans([make_scan("a" * 32), make_scan("b" * 32)], "x.json") == (1, 1)
    assert len(store.scans()) == 2


def test_import_same_instant_other_time_zone_is_the_same_scan(store: Store) -> None:
    scan = make_scan("a" * 32)
    store.add(scan)
    shifted = msgspec.structs.replace(
        scan,
        started_at=scan.started_at.astimezone(timezone(timedelta(hours=2))),
        completed_at=scan.completed_at.astimezone(timezone(timedelta(hours=-5)))
        if scan.completed_at
        else None,
    )
    assert store.import_scans([shifted], "x.json") == (0, 1)


def test_import_conflict_writes_nothing(store: Store, db_path: Path) -> None:
    store.add(make_scan("a" * 32, answers={"a1": AnswerRecord(level=2)}))
    before = db_path.read_bytes()
    changed = make_scan("a" * 32, answers={"a1": AnswerRecord(level=5)})
    with pytest.raises(ScanError) as info:
        # the new scan "b" comes first: it must not be written either
        store.import_scans([make_scan("b" * 32), changed], "export.json")
    assert info.value.key == "err.import_conflict"
    assert "export.json" in info.value.render("en")
    assert db_path.read_bytes() == before
    assert [s.id for s in store.scans()] == ["a" * 32]


def test_import_conflict_within_one_file(store: Store, db_path: Path) -> None:
    store.add(make_scan("z" * 32))
    before = db_path.read_bytes()
    with pytest.raises(ScanError):
        store.import_scans([make_scan("a" * 32, "One"), make_scan("a" * 32, "Two")], "x.json")
    assert db_path.read_bytes() == before


def test_import_into_missing_file_creates_it_with_schema_version(
    store: Store, db_path: Path
) -> None:
    assert store.import_scans([], "x.json") == (0, 0)
    assert not db_path.exists()
    store.import_scans([make_scan("a" * 32)], "x.json")
    assert json.loads(db_path.read_text(encoding="utf-8"))["meta"]["1"] == {
        "schema_version": SCHEMA_VERSION
    }
