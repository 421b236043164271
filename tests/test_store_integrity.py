"""What the reliability review found after the fault tests: targets, tables, one-write imports."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from maturity_scan import atomic as storage
from maturity_scan.core.models import SetRef, Target
from maturity_scan.errors import ScanError, StoreError
from maturity_scan.storage import tinydb_storage
from maturity_scan.storage.backups import backup_dir, list_backups, make_backup
from maturity_scan.storage.migrations import SCHEMA_VERSION
from maturity_scan.storage.store import Store, make_scan

from .conftest import seed_scan

SET = SetRef(id="sociale-inkoop", version="1.0")


def target(principle: str = "keten", level: int = 3, org: str = "Gemeente A") -> Target:
    return Target(organisation=org, question_set="sociale-inkoop", principle=principle, level=level)


def test_unknown_table_is_refused_and_the_file_left_alone(db_path: Path) -> None:
    seed_scan(Store(db_path), "Gemeente A", "2026-01-01", {"bestuur-actieplan": 2})
    flipped = db_path.read_bytes().replace(b'"scans"', b'"scanr"')
    db_path.write_bytes(flipped)
    for action in (lambda s: s.scans(), lambda s: s.add(make_scan("Gemeente B", SET))):
        with pytest.raises(StoreError) as info:
            action(Store(db_path))
        assert "unknown table 'scanr'" in info.value.render("en")
    assert db_path.read_bytes() == flipped


def test_damaged_target_record_is_refused_before_any_write(db_path: Path) -> None:
    store = Store(db_path)
    seed_scan(store, "Gemeente A", "2026-01-01", {"bestuur-actieplan": 2})
    store.set_target(target())
    data = json.loads(db_path.read_text(encoding="utf-8"))
    data["targets"]["1"]["level"] = 9
    db_path.write_text(json.dumps(data), encoding="utf-8")
    damaged = db_path.read_bytes()
    for action in (
        lambda s: s.targets(),
        lambda s: s.set_target(target("bestuur")),
        lambda s: s.add(make_scan("Gemeente B", SET)),
    ):
        with pytest.raises(StoreError) as info:
            action(Store(db_path))
        assert info.value.key == "err.db_target_record"
        assert (
            "target" in info.value.render("en") and len(info.value.render("en").splitlines()) == 1
        )
    assert db_path.read_bytes() == damaged


def test_import_of_scans_and_targets_is_one_write(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[Path] = []
    real = storage.write_atomic  # what the unit of work writes through

    def counting(path: Path, payload: bytes, error_key: str = "err.db_write") -> None:
        writes.append(path)
        real(path, payload, error_key)

    monkeypatch.setattr(tinydb_storage, "write_atomic", counting)
    scans = [make_scan("Gemeente A", SET), make_scan("Gemeente A", SET)]
    added, skipped = Store(db_path).import_scans(scans, "x.json", [target(), target("bestuur")])
    assert (added, skipped) == (2, 0)
    assert writes == [db_path], "scans, targets and the schema version in one write"
    store = Store(db_path)
    assert len(store.scans()) == 2 and len(store.targets()) == 2
    assert (
        json.loads(db_path.read_text(encoding="utf-8"))["meta"]["1"]["schema_version"]
        == SCHEMA_VERSION
    )


def test_every_write_parses_the_file_once_the_first_of_a_store_too(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The unit of work prepares the file (schema version, crash clean-up) from the parse it
    makes anyway: a command's one write never parses the whole file twice."""
    store = Store(db_path)
    seed_scan(store, "Gemeente A", "2026-01-01", {"bestuur-actieplan": 2})
    Store(db_path).add(make_scan("Gemeente A", SET))  # a file to back up: today's backup
    assert list_backups(db_path)
    parses: list[str] = []
    real = json.loads

    def counting(text: str, **kwargs: object) -> object:
        if text.startswith('{"meta"'):  # the database (other libraries parse JSON too)
            parses.append(text)
        return real(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(json, "loads", counting)
    fresh = Store(db_path)  # a new command: nothing prepared yet
    fresh.add(make_scan("Gemeente B", SET))
    assert len(parses) == 1
    fresh.set_target(target())
    assert len(parses) == 2


def test_import_keeps_an_organisations_own_target(db_path: Path) -> None:
    store = Store(db_path)
    seed_scan(store, "Gemeente A", "2026-01-01", {"bestuur-actieplan": 2})
    store.set_target(target(level=4))
    store.import_scans([], "x.json", [target(level=2), target("bestuur", 3)])
    assert {(t.principle, t.level) for t in store.targets()} == {("keten", 4), ("bestuur", 3)}


def test_organisation_name_too_long_is_a_clear_error(db_path: Path) -> None:
    with pytest.raises(ScanError) as info:
        make_scan("x" * 201, SET)
    assert info.value.key == "err.org_too_long"
    assert "201" in info.value.render("en") and "200" in info.value.render("en")
    assert make_scan("x" * 200, SET).organisation == "x" * 200


def test_backups_sort_same_second_twins_in_order_and_clean_temp_files(db_path: Path) -> None:
    db_path.write_text("{}", encoding="utf-8")
    when = datetime(2026, 1, 1, 10, 0, 0)
    names = [make_backup(db_path, b"{}", "daily", when).name for _ in range(3)]
    assert [b.name for b in list_backups(db_path)] == names
    leftover = backup_dir(db_path) / ".scans-x.json.maturity-scan-0123456789abcdef.tmp"
    leftover.write_bytes(b"half")
    foreign = backup_dir(db_path) / ".scans-x.json.abc.tmp"  # not a name this program makes
    foreign.write_bytes(b"someone else's")
    make_backup(db_path, b"{}", "daily", datetime(2026, 1, 2))
    assert not leftover.exists()
    assert foreign.read_bytes() == b"someone else's"


def test_the_database_is_a_tinydb_file_that_tinydb_itself_reads(db_path: Path) -> None:
    """The format is TinyDB's: anyone can open the file with TinyDB and see what we stored."""
    from tinydb import TinyDB

    store = Store(db_path)
    first = seed_scan(store, "Gemeente A", "2026-01-01", {"bestuur-actieplan": 2})
    store.add(make_scan("Gemeente B", SET))
    store.set_target(target())
    with TinyDB(db_path, access_mode="r") as db:
        ids = sorted(doc["id"] for doc in db.table("scans").all())
        assert ids == sorted(scan.id for scan in store.scans())
        assert [doc["organisation"] for doc in db.table("targets").all()] == ["Gemeente A"]
        stored = next(d for d in db.table("scans").all() if d["id"] == first.id)
        assert stored["answers"]["bestuur-actieplan"]["level"] == 2


def test_every_write_goes_through_the_tinydb_storage(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[set[str]] = []
    real = tinydb_storage.AtomicJSONStorage.write

    def recording(self: tinydb_storage.AtomicJSONStorage, data: storage.Tables) -> None:
        written.append(set(data))
        real(self, data)

    monkeypatch.setattr(tinydb_storage.AtomicJSONStorage, "write", recording)
    store = Store(db_path)
    scan = store.add(make_scan("Gemeente A", SET))
    store.set_target(target())
    store.delete(scan.id)
    assert len(written) == 3
    assert all({"meta", "scans"} <= tables for tables in written)
