"""Per-draft answer journals: an answer costs an append, not a rewrite of the database; every
other write folds the journals in; readers see them; damage and crashes are handled."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from maturity_scan import atomic as storage
from maturity_scan.core.models import AnswerRecord, Respondent, Scan, SetRef, Target
from maturity_scan.errors import ScanError, StoreError
from maturity_scan.storage import journal
from maturity_scan.storage.journal import Entry, journal_dir, journal_path
from maturity_scan.storage.store import Store

SET = SetRef(id="mini", version="1")
DRAFT = "d" * 32
DONE = "c" * 32


def scan(scan_id: str, status: str = "draft", organisation: str = "Gemeente Ede") -> Scan:
    started = datetime(2025, 3, 1, 10, tzinfo=UTC)
    return Scan(
        id=scan_id,
        organisation=organisation,
        respondent=Respondent(),
        question_set=SET,
        status=status,  # type: ignore[arg-type]
        started_at=started,
        completed_at=started if status == "completed" else None,
        answers={"a1": AnswerRecord(level=2, note="oud")},
    )


@pytest.fixture
def store(db_path: Path) -> Store:
    store = Store(db_path)
    store.add(scan(DONE, "completed"))
    store.add(scan(DRAFT))
    return store


def stored_answers(db: Path, scan_id: str) -> dict[str, object]:
    """The answers as they are in the database file itself, journals not counted."""
    tables = json.loads(db.read_bytes())
    doc = next(d for d in tables["scans"].values() if d["id"] == scan_id)
    return dict(doc["answers"])


# ---------------------------------------------------------------- the quick way


def test_adding_a_draft_starts_its_journal(store: Store, db_path: Path) -> None:
    assert journal_path(db_path, DRAFT).read_bytes() == b""  # type: ignore[union-attr]
    assert not journal_path(db_path, DONE).exists()  # type: ignore[union-attr]
    assert journal_dir(db_path).stat().st_mode & 0o777 == 0o700


def test_an_answer_is_appended_and_the_database_is_not_touched(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = db_path.read_bytes()

    def no_database_io(*args: object, **kwargs: object) -> None:
        raise AssertionError("the database file was read or written")

    for module in ("database", "preparation"):
        for name in ("read_bytes_or_none", "write_atomic"):
            monkeypatch.setattr(f"maturity_scan.storage.{module}.{name}", no_database_io)
    monkeypatch.setattr(storage, "write_atomic", no_database_io)
    store.set_answer(DRAFT, "a1", level=4)
    store.set_answer(DRAFT, "a1", note="met de directie")
    store.set_answer(DRAFT, "b2", level="unknown")
    monkeypatch.undo()

    assert db_path.read_bytes() == before
    path = journal_path(db_path, DRAFT)
    assert path is not None
    assert path.read_bytes().splitlines() == [
        b'{"question":"a1","level":4}',
        b'{"question":"a1","note":"met de directie"}',
        b'{"question":"b2","level":"unknown"}',
    ]
    assert path.stat().st_mode & 0o777 == 0o600
    # Any reader, in this process or another, sees the answers.
    for reader in (store, Store(db_path)):
        draft = reader.get(DRAFT)
        assert draft.answers == {
            "a1": AnswerRecord(level=4, note="met de directie"),
            "b2": AnswerRecord(level="unknown"),
        }
        assert [s.answers for s in reader.scans() if s.id == DRAFT] == [draft.answers]


def test_the_command_line_sees_journalled_answers(db_path: Path) -> None:
    store = Store(db_path)
    real = msgspec.structs.replace(scan(DRAFT), question_set=SetRef("sociale-inkoop", "1.0"))
    store.add(msgspec.structs.replace(real, answers={}))
    store.set_answer(DRAFT, "bestuur-doelen", level=5, note="journaal")
    shown = subprocess.run(
        [sys.executable, "-m", "maturity_scan", "--db", str(db_path), "export", "-o", "-"],
        capture_output=True,
        check=True,
    )
    exported = json.loads(shown.stdout)
    draft = next(s for s in exported["scans"] if s["id"] == DRAFT)
    a1 = next(a for a in draft["answers"] if a["question"] == "bestuur-doelen")
    assert (a1["level"], a1["note"]) == (5, "journaal")


def test_clearing_an_answer_removes_it(store: Store) -> None:
    store.set_answer(DRAFT, "a1", level=None, note="")
    assert store.get(DRAFT).answers == {}


def test_a_bad_level_is_refused_before_anything_is_written(store: Store, db_path: Path) -> None:
    with pytest.raises(ScanError) as info:
        store.set_answer(DRAFT, "a1", level=9)  # type: ignore[arg-type]
    assert "level" in info.value.render("en")
    assert journal_path(db_path, DRAFT).read_bytes() == b""  # type: ignore[union-attr]


# ---------------------------------------------------------------- folding


def test_completing_folds_the_journal_into_the_file(store: Store, db_path: Path) -> None:
    store.set_answer(DRAFT, "a1", level=4, note="nieuw")
    store.complete(DRAFT)
    assert not journal_path(db_path, DRAFT).exists()  # type: ignore[union-attr]
    assert stored_answers(db_path, DRAFT) == {"a1": {"level": 4, "note": "nieuw"}}
    with pytest.raises(ScanError, match=r"completed|afgerond"):
        store.set_answer(DRAFT, "a1", level=1)


def test_any_other_write_folds_and_the_next_answer_restarts_the_journal(
    store: Store, db_path: Path
) -> None:
    store.set_answer(DRAFT, "b1", level=3)
    store.set_target(
        Target(organisation="Gemeente Ede", question_set="mini", principle="a", level=4)
    )
    assert not journal_path(db_path, DRAFT).exists()  # type: ignore[union-attr]
    assert stored_answers(db_path, DRAFT)["b1"] == {"level": 3, "note": ""}
    store.set_answer(DRAFT, "b2", level=2)  # the slow way: into the file, journal restarted
    assert stored_answers(db_path, DRAFT)["b2"] == {"level": 2, "note": ""}
    assert journal_path(db_path, DRAFT).read_bytes() == b""  # type: ignore[union-attr]
    store.set_answer(DRAFT, "b3", level=1)  # and the quick way again
    assert "b3" not in stored_answers(db_path, DRAFT)
    assert store.get(DRAFT).answer("b3") == 1


def test_fold_journals_puts_every_answer_in_the_file(store: Store, db_path: Path) -> None:
    assert store.fold_journals() is True  # the empty journal of the draft
    assert store.fold_journals() is False  # nothing left
    store.set_answer(DRAFT, "b1", level=3)
    assert store.fold_journals() is True
    assert not journal_path(db_path, DRAFT).exists()  # type: ignore[union-attr]
    assert stored_answers(db_path, DRAFT)["b1"] == {"level": 3, "note": ""}
    assert store.get(DRAFT).answer("b1") == 3


def test_deleting_a_draft_removes_its_journal(store: Store, db_path: Path) -> None:
    store.set_answer(DRAFT, "a1", level=4)
    store.delete(DRAFT)
    assert not journal_path(db_path, DRAFT).exists()  # type: ignore[union-attr]
    with pytest.raises(ScanError):
        store.set_answer(DRAFT, "a1", level=4)


def test_reopening_starts_a_journal(store: Store, db_path: Path) -> None:
    store.reopen(DONE)
    store.set_answer(DONE, "a1", level=5)
    assert journal_path(db_path, DONE).read_bytes() != b""  # type: ignore[union-attr]
    assert store.get(DONE).answer("a1") == 5


def test_a_journal_left_by_a_crash_after_folding_only_replays_the_same_values(
    store: Store, db_path: Path
) -> None:
    """A crash between writing the folded file and removing the journal."""
    path = journal_path(db_path, DRAFT)
    assert path is not None
    store.set_answer(DRAFT, "a1", level=4)
    store.set_answer(DRAFT, "a1", level=5, note="later")
    kept = path.read_bytes()
    store.add(scan("e" * 32, "completed"))  # folds
    path.write_bytes(kept)  # as if the removal never happened
    assert store.get(DRAFT).answers["a1"] == AnswerRecord(level=5, note="later")
    store.complete(DRAFT)
    assert stored_answers(db_path, DRAFT)["a1"] == {"level": 5, "note": "later"}


def test_a_journal_of_a_scan_that_is_no_longer_a_draft_is_ignored_and_cleared(
    store: Store, db_path: Path
) -> None:
    orphan = journal_path(db_path, DONE)
    assert orphan is not None
    orphan.write_bytes(b'{"question":"a1","level":1}\n')
    gone = journal_path(db_path, "f" * 32)
    assert gone is not None
    gone.write_bytes(b'{"question":"a1","level":1}\n')
    assert store.get(DONE).answer("a1") == 2
    store.add(scan("e" * 32))
    assert not orphan.exists() and not gone.exists()
    assert stored_answers(db_path, DONE)["a1"]["level"] == 2  # type: ignore[index]


def test_restore_sets_the_journals_aside_with_the_file(store: Store, db_path: Path) -> None:
    store.set_answer(DRAFT, "a1", level=4)
    aside = store.replace_file(None, "reset")
    assert aside is not None
    assert not journal_dir(db_path).exists()
    assert (aside.parent / (aside.name + ".journal") / f"{DRAFT}.jsonl").exists()
    assert store.scans() == []


# ---------------------------------------------------------------- crashes and damage


def test_a_line_cut_off_by_a_crash_is_ignored_then_cut_off(store: Store, db_path: Path) -> None:
    path = journal_path(db_path, DRAFT)
    assert path is not None
    store.set_answer(DRAFT, "a1", level=4)
    with path.open("ab") as handle:
        handle.write(b'{"question":"a1","lev')  # never reported as saved
    assert store.get(DRAFT).answer("a1") == 4
    store.set_answer(DRAFT, "b1", level=3)
    assert path.read_bytes().splitlines() == [
        b'{"question":"a1","level":4}',
        b'{"question":"b1","level":3}',
    ]


def test_a_damaged_line_is_refused_with_file_and_line(store: Store, db_path: Path) -> None:
    path = journal_path(db_path, DRAFT)
    assert path is not None
    path.write_bytes(b'{"question":"a1","level":4}\n{"question":"a1","level":77}\n')
    before = db_path.read_bytes()
    for attempt in (store.scans, store.check, lambda: store.add(scan("e" * 32))):
        with pytest.raises(StoreError) as info:
            attempt()
        message = info.value.render("en")
        assert str(path) in message and "line 2" in message and "\n" not in message
        assert "regel 2" in info.value.render("nl")
    assert db_path.read_bytes() == before
    assert path.read_bytes().count(b"\n") == 2  # left as it was


def test_an_id_that_cannot_name_a_file_is_written_into_the_database(db_path: Path) -> None:
    odd = "scan/with:odd id"
    store = Store(db_path)
    store.add(scan(odd))
    store.set_answer(odd, "a1", level=3)
    assert not journal_dir(db_path).exists() or not any(journal_dir(db_path).iterdir())
    assert stored_answers(db_path, odd)["a1"] == {"level": 3, "note": "oud"}


# ---------------------------------------------------------------- replay


entries = st.lists(
    st.builds(
        Entry,
        question=st.sampled_from(["a1", "a2", "b1"]),
        level=st.one_of(
            st.just(msgspec.UNSET), st.none(), st.integers(1, 5), st.sampled_from(["na", "unknown"])
        ),
        note=st.one_of(st.just(msgspec.UNSET), st.sampled_from(["", "x", "notitie"])),
    ),
    max_size=12,
)


@given(entries)
def test_replay_is_idempotent(es: list[Entry]) -> None:
    once = journal.replay(scan(DRAFT), es)
    assert journal.replay(once, es) == once


@given(entries, entries)
def test_replay_in_parts_equals_replay_at_once(first: list[Entry], second: list[Entry]) -> None:
    start = scan(DRAFT)
    assert journal.replay(journal.replay(start, first), second) == journal.replay(
        start, first + second
    )


@given(entries)
def test_journal_lines_round_trip(es: list[Entry]) -> None:
    raw = b"".join(journal.encode(e) for e in es)
    assert journal.parse(raw, Path("j.jsonl")) == es


@given(entries)
def test_replay_equals_answering_the_slow_way(es: list[Entry]) -> None:
    """The journal and the file give the same scan: answers written into the database
    (no journal) and the same answers appended to a journal read back equal."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        quick, slow = Store(Path(folder) / "q.json"), Store(Path(folder) / "s.json")
        for target in (quick, slow):
            target.add(scan(DRAFT))
        for entry in es:
            kwargs: dict[str, object] = {}
            if entry.level is not msgspec.UNSET:
                kwargs["level"] = entry.level
            if entry.note is not msgspec.UNSET:
                kwargs["note"] = entry.note
            quick.set_answer(DRAFT, entry.question, **kwargs)  # type: ignore[arg-type]
            journal.remove([journal_dir(slow.path) / f"{DRAFT}.jsonl"])
            slow.set_answer(DRAFT, entry.question, **kwargs)  # type: ignore[arg-type]
        assert quick.get(DRAFT) == slow.get(DRAFT)
