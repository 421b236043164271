"""Fault tests: kill -9 mid-write, failing I/O, two writers, damaged files, migration, backups.

Proved the way SQLite proves its atomic commit: by killing, failing and corrupting on purpose.
Every random choice is seeded, so a failure reproduces.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import shutil
import signal
import stat
import time
import traceback
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import filelock
import msgspec
import pytest

from maturity_scan import atomic as storage
from maturity_scan.core.models import AnswerRecord, Respondent, Scan, SetRef
from maturity_scan.errors import ScanError, StoreError
from maturity_scan.storage.backups import BACKUPS_KEPT, backup_dir, list_backups, make_backup
from maturity_scan.storage.journal import journal_dir, journal_path
from maturity_scan.storage.migrations import SCHEMA_VERSION
from maturity_scan.storage.store import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="fork, SIGKILL and POSIX file modes")

FIXTURES = Path(__file__).parent / "fixtures"
MINI = SetRef(id="mini", version="1")
UTC = timezone.utc  # noqa: UP017 - reads the same on every Python 3
DRAFT_ID = "d" * 32


def make_scan(
    scan_id: str,
    organisation: str = "Gemeente Utrecht",
    *,
    status: str = "completed",
    answers: dict[str, AnswerRecord] | None = None,
) -> Scan:
    started = datetime(2025, 3, 1, 10, tzinfo=UTC)
    return Scan(
        id=scan_id,
        organisation=organisation,
        respondent=Respondent(name="Ans", role="inkoper"),
        question_set=MINI,
        status=status,  # type: ignore[arg-type]
        started_at=started,
        completed_at=started + timedelta(hours=1) if status == "completed" else None,
        answers=answers or {},
    )


def seed(db: Path) -> bytes:
    """A database with a few scans (answers, notes, a draft); returns its bytes."""
    store = Store(db)
    store.add(
        make_scan(
            "a" * 32,
            answers={"a1": AnswerRecord(level=3, note="met het MT"), "a2": AnswerRecord("na")},
        )
    )
    store.add(
        make_scan(
            "b" * 32, "Bouwbedrijf Jansen", answers={"b1": AnswerRecord(level="unknown", note="?")}
        )
    )
    store.add(make_scan(DRAFT_ID, "Stichting Noord", status="draft"))
    return db.read_bytes()


def temp_files(folder: Path) -> list[Path]:
    """Temporary files anywhere below ``folder`` (the database's and its backups')."""
    return sorted(folder.rglob("*.tmp"))


def db_temp_files(db: Path) -> list[Path]:
    return sorted(db.parent.glob(f".{db.name}.*.tmp"))


def ids_in(db: Path) -> set[str]:
    return {s.id for s in Store(db).scans()}


def assert_one_line_naming(err: ScanError, *files: Path) -> None:
    for lang in ("en", "nl"):
        message = err.render(lang)
        assert message and len(message.splitlines()) == 1, message
        assert "\n" not in message and "\r" not in message
        assert any(message.startswith(f"{f}") for f in files), message


def fork(work: Callable[[], None], errors: Path) -> int:
    """Run ``work`` in a forked child that never returns into pytest; its traceback goes to
    ``errors``."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            work()
        except BaseException:
            code = 1
            with contextlib.suppress(BaseException):
                errors.write_text(traceback.format_exc(), encoding="utf-8")
        finally:
            os._exit(code)
    return pid


def reap(pid: int, errors: Path) -> int:
    """Wait for the child; fail with its traceback when it failed. Returns its exit status."""
    _, status = os.waitpid(pid, 0)
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) != 0:
        detail = errors.read_text(encoding="utf-8") if errors.exists() else "(no traceback)"
        pytest.fail(f"child {pid} failed:\n{detail}")
    return status


# ------------------------------------------------------------------------------ kill test

KILLS = 220
WRITES_PER_CHILD = 40


def _kill_writer(db: Path, log: Path, round_no: int) -> None:
    """Writes in a loop; after each completed write appends a line to ``log`` and fsyncs it."""
    store = Store(db)
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    for i in range(WRITES_PER_CHILD):
        seq = round_no * 1000 + i
        if i % 2 == 0:
            scan_id = f"k{round_no:04d}{i:04d}".ljust(32, "0")
            store.add(make_scan(scan_id, f"Org {seq}"))
            line = f"add {scan_id}\n"
        else:  # notes of changing length: the file also shrinks, as after a delete
            note = f"{seq}|" + "x" * (seq % 7 * 40)
            store.set_answer(DRAFT_ID, "a1", level=seq % 5 + 1, note=note)
            line = f"note {seq}\n"
        os.write(fd, line.encode())
        os.fsync(fd)
    time.sleep(60)  # wait to be killed


def _logged(log: Path) -> tuple[set[str], int]:
    """The scan ids and the highest note sequence the children logged as written."""
    if not log.exists():
        return set(), -1
    lines = log.read_bytes().split(b"\n")[:-1]  # a line cut off by the kill does not count
    ids = {line.split()[1].decode() for line in lines if line.startswith(b"add ")}
    notes = [int(line.split()[1]) for line in lines if line.startswith(b"note ")]
    return ids, max(notes, default=-1)


def test_kill_9_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    db = tmp_path / "data" / "scans.json"
    seed(db)
    log = tmp_path / "written.log"
    errors = tmp_path / "child-errors.txt"
    rng = random.Random(20250605)
    seen_ids = ids_in(db)
    seen_note = -1
    for round_no in range(KILLS):
        pid = fork(lambda r=round_no: _kill_writer(db, log, r), errors)  # type: ignore[misc]
        try:
            time.sleep(rng.choice([0.0, rng.uniform(0, 0.004), rng.uniform(0, 0.03)]))
        finally:
            os.kill(pid, signal.SIGKILL)
        status = reap(pid, errors)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL

        raw = db.read_bytes()
        tables = json.loads(raw)  # the file parses
        assert tables["meta"] == {"1": {"schema_version": SCHEMA_VERSION}}
        scans = {s.id: s for s in Store(db).scans()}  # and reads back as valid scans
        # the open (which took the lock) cleaned up what the kill left behind
        assert db_temp_files(db) == [], f"round {round_no}"
        logged_ids, logged_note = _logged(log)
        assert logged_ids <= scans.keys(), f"round {round_no}: {logged_ids - scans.keys()}"
        assert seen_ids <= scans.keys(), f"round {round_no}: lost {seen_ids - scans.keys()}"
        record = scans[DRAFT_ID].answers.get("a1")
        note = int(record.note.split("|")[0]) if record else -1
        assert note >= max(logged_note, seen_note), f"round {round_no}"
        seen_ids, seen_note = set(scans), note
    assert len(seen_ids) > 3  # the children did write
    # About 1 kill in 10 leaves a temp file here; that is timing, so it is not asserted:
    # test_kill_between_temp_file_and_rename makes that case certain.


@pytest.mark.parametrize("existing", [True, False], ids=["existing-db", "new-db"])
def test_kill_between_temp_file_and_rename(
    tmp_path: Path, existing: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "data" / "scans.json"
    db.parent.mkdir()
    before = seed(db) if existing else None
    errors = tmp_path / "child-errors.txt"

    def child() -> None:
        real_replace = os.replace

        def replace(src: Any, dst: Any) -> None:
            if Path(dst) == db:
                time.sleep(60)  # killed here: the temp file is complete, the database is not
            real_replace(src, dst)  # replaced yet; a backup goes through

        monkeypatch.setattr(os, "replace", replace)
        Store(db).add(make_scan("n" * 32))

    pid = fork(child, errors)
    try:
        deadline = time.monotonic() + 10
        while not db_temp_files(db) and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(0.02)
    finally:
        os.kill(pid, signal.SIGKILL)
    reap(pid, errors)
    assert len(db_temp_files(db)) == 1
    if before is None:
        assert not db.exists()
        assert Store(db).scans() == []
    else:
        assert db.read_bytes() == before
        assert ids_in(db) == {"a" * 32, "b" * 32, DRAFT_ID}
    assert db_temp_files(db) == []  # cleaned on the next open
    Store(db).add(make_scan("n" * 32))
    assert "n" * 32 in ids_in(db)


# ------------------------------------------------------------------------------ I/O faults


class Faults:
    """Raise OSError(code) at the k-th call of one operation: only then, or from then on."""

    def __init__(self, k: int, mode: str, code: int) -> None:
        self.k, self.mode, self.code = k, mode, code
        self.calls = 0
        self.raised = 0

    def hit(self) -> None:
        self.calls += 1
        if self.calls == self.k or (self.mode == "always" and self.calls > self.k):
            self.raised += 1
            raise OSError(self.code, os.strerror(self.code))


class FaultyFile:
    """The handle ``write_atomic`` writes through: its write (half done) or close fails."""

    def __init__(self, handle: Any, faults: Faults, point: str) -> None:
        self._handle, self._faults, self._point = handle, faults, point

    def __enter__(self) -> FaultyFile:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._point == "close":
                self._faults.hit()
        finally:
            self._handle.close()

    def write(self, data: bytes) -> int:
        if self._point == "write":
            try:
                self._faults.hit()
            except OSError:
                self._handle.write(data[: len(data) // 2])  # a short write, then the error
                raise
        return int(self._handle.write(data))

    def flush(self) -> None:
        self._handle.flush()

    def fileno(self) -> int:
        return int(self._handle.fileno())


@contextlib.contextmanager
def faulty(point: str, faults: Faults) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        if point in ("fsync", "replace"):
            real = getattr(os, point)

            def wrapper(*args: Any, **kwargs: Any) -> Any:
                faults.hit()
                return real(*args, **kwargs)

            mp.setattr(os, point, wrapper)
        elif point == "write":  # the journal appends with os.write
            real_write = os.write

            def write(fd: int, data: Any) -> int:
                try:
                    faults.hit()
                except OSError:
                    real_write(fd, bytes(data)[: len(data) // 2])  # a short write, then the error
                    raise
                return real_write(fd, data)

            mp.setattr(os, "write", write)
        if point in ("write", "close"):
            real_fdopen = os.fdopen
            mp.setattr(
                os,
                "fdopen",
                lambda *a, **kw: FaultyFile(real_fdopen(*a, **kw), faults, point),
            )
        yield


def _add(db: Path) -> set[str]:
    Store(db).add(make_scan("n" * 32, "Nieuw"))
    return {"n" * 32}


def _set_answer(db: Path) -> set[str]:
    """The quick way: appended to the draft's journal (``seed`` started it)."""
    assert journal_path(db, DRAFT_ID).exists()
    Store(db).set_answer(DRAFT_ID, "b2", level=4, note="nieuw")
    return set()


def _set_answer_into_file(db: Path) -> set[str]:
    """The slow way: the draft has no journal, so the answer is written into the file."""
    shutil.rmtree(journal_dir(db), ignore_errors=True)
    Store(db).set_answer(DRAFT_ID, "b2", level=4, note="nieuw")
    return set()


def _import(db: Path) -> set[str]:
    new = [make_scan("i" * 32, "Import een"), make_scan("j" * 32, "Import twee")]
    assert Store(db).import_scans(new, "export.json") == (2, 0)
    return {"i" * 32, "j" * 32}


OPERATIONS: dict[str, Callable[[Path], set[str]]] = {
    "add": _add,
    "set_answer": _set_answer,
    "set_answer_into_file": _set_answer_into_file,
    "import_scans": _import,
}


def _is_new(db: Path, operation: str, new_ids: set[str]) -> bool:
    scans = {s.id: s for s in Store(db).scans()}
    if operation.startswith("set_answer"):
        return scans[DRAFT_ID].answers.get("b2") == AnswerRecord(level=4, note="nieuw")
    return new_ids <= scans.keys()


@pytest.mark.parametrize("mode", ["once", "always"])
@pytest.mark.parametrize("point", ["write", "close", "fsync", "replace"])
@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_io_fault_leaves_old_or_new_database(
    tmp_path: Path, operation: str, point: str, mode: str
) -> None:
    if operation == "set_answer" and point in ("close", "replace"):
        pytest.skip("a journal append renames nothing, and closes only after its fsync")
    run = OPERATIONS[operation]
    expected_ids = {"a" * 32, "b" * 32, DRAFT_ID} | {"n" * 32, "i" * 32, "j" * 32}
    for k in range(1, 6):
        for code in (errno.ENOSPC, errno.EIO):
            case = f"{operation} {point} {mode} k={k} {errno.errorcode[code]}"
            folder = tmp_path / f"k{k}-{code}"
            db = folder / "scans.json"
            before = seed(db)  # a fresh Store below makes the day's first backup, then writes
            draft_journal = journal_path(db, DRAFT_ID)
            journal_before = draft_journal.read_bytes() if operation == "set_answer" else None
            assert list_backups(db) == []
            faults = Faults(k, mode, code)
            error: StoreError | None = None
            new_ids: set[str] = set()
            with faulty(point, faults):
                try:
                    new_ids = run(db)
                except StoreError as err:
                    error = err
            assert temp_files(folder) == [], case
            if error is None:
                assert _is_new(db, operation, new_ids), case  # a complete new database
            else:
                assert faults.raised >= 1, case
                assert db.read_bytes() == before, case  # exactly the old one
                if journal_before is not None:  # and the journal as it was
                    assert draft_journal.read_bytes() == journal_before, case
                assert error.key in ("err.db_write", "err.backup_write"), case
                assert_one_line_naming(error, db, backup_dir(db))
                assert os.strerror(code) in error.render("en"), case
                # the lock was released and the store works again once the disk does
                new_ids = run(db)
                assert _is_new(db, operation, new_ids), case
            if k == 1:
                assert faults.raised >= 1, case  # the fault was injected at all
            assert ids_in(db) <= expected_ids
            assert temp_files(folder) == [], case


def test_failed_directory_fsync_after_rename_is_not_reported_as_nothing_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the new file is renamed into place, the write happened: saying "nothing was
    changed" then would invite a retry that stores the scan twice."""
    db = tmp_path / "scans.json"
    storage.write_atomic(db, b"{}")
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    storage.write_atomic(db, b'{"scans": {}}')
    assert db.read_bytes() == b'{"scans": {}}'
    assert temp_files(tmp_path) == []


def test_an_interrupt_while_writing_bytes_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bytes and chunks are written by the same function: an interrupt (Ctrl+C) in the
    middle of writing the database removes the temporary file too, not only an OSError."""
    db = tmp_path / "scans.json"
    storage.write_atomic(db, b"{}")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        storage.write_atomic(db, b'{"scans": {}}')
    monkeypatch.undo()
    assert db.read_bytes() == b"{}"
    assert temp_files(tmp_path) == []


def test_unreadable_file_is_a_store_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "scans.json"
    before = seed(db)
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == db:  # what chmod 000 does, also when the tests run as root
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    for action in (lambda: Store(db).scans(), lambda: Store(db).add(make_scan("n" * 32))):
        with pytest.raises(StoreError) as info:
            action()
        assert info.value.key == "err.file_unreadable"
        assert os.strerror(errno.EACCES) in info.value.render("en")
        assert_one_line_naming(info.value, db)
    monkeypatch.undo()
    assert db.read_bytes() == before


def test_unwritable_folder_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    db = blocker / "scans.json"
    with pytest.raises(StoreError) as info:
        Store(db).add(make_scan("a" * 32))
    assert_one_line_naming(info.value, db)
    assert blocker.read_text() == "x"


# ------------------------------------------------------------------------------ two writers

WRITES_EACH = 200


def _two_writers(db: Path, locking: bool, operation: str, tmp_path: Path) -> tuple[int, int]:
    """Two forked children write WRITES_EACH times each, at the same moment.

    ``answer_vs_fold``: the first child answers a draft (appends to its journal), the second
    adds scans, and every add folds the journal into the file and removes it.

    Returns (writes found afterwards, writes refused with an exception).
    """
    go = tmp_path / "go"
    pids = []
    for n in range(2):
        ready = tmp_path / f"ready-{n}"
        refused = tmp_path / f"refused-{n}"

        def child(n: int = n, ready: Path = ready, refused: Path = refused) -> None:
            store = Store(db, locking=locking)
            ready.touch()
            while not go.exists():  # a barrier: both start together
                time.sleep(0.0005)
            failures = 0
            for i in range(WRITES_EACH):
                try:
                    if operation == "add" or (operation == "answer_vs_fold" and n == 1):
                        store.add(make_scan(f"w{n}-{i:04d}".ljust(32, "0"), f"Org {n}"))
                    else:
                        store.set_answer(DRAFT_ID, f"w{n}-{i:04d}", level=i % 5 + 1)
                except Exception:
                    if locking:
                        raise
                    failures += 1
            refused.write_text(str(failures))

        pids.append(fork(child, tmp_path / f"errors-{n}"))
    deadline = time.monotonic() + 20
    while not all((tmp_path / f"ready-{n}").exists() for n in range(2)):
        assert time.monotonic() < deadline, "children did not start"
        time.sleep(0.001)
    go.touch()
    for n, pid in enumerate(pids):
        reap(pid, tmp_path / f"errors-{n}")
    refusals = sum(int((tmp_path / f"refused-{n}").read_text()) for n in range(2))
    scans = {s.id: s for s in Store(db).scans()}
    added = sum(1 for i in scans if i.startswith("w"))
    answered = len(scans[DRAFT_ID].answers)
    return added + answered, refusals


@pytest.mark.parametrize("operation", ["add", "set_answer", "answer_vs_fold"])
def test_two_processes_with_the_lock_lose_nothing(tmp_path: Path, operation: str) -> None:
    db = tmp_path / "scans.json"
    seed(db)
    found, refused = _two_writers(db, True, operation, tmp_path)
    assert (found, refused) == (2 * WRITES_EACH, 0)
    tinydb_ids = list(json.loads(db.read_bytes())["scans"])
    assert len(tinydb_ids) == len(set(tinydb_ids))  # no ID collided


@pytest.mark.parametrize("operation", ["add", "answer_vs_fold"])
def test_two_processes_without_the_lock_lose_writes(tmp_path: Path, operation: str) -> None:
    """Proves the test above can fail: without the lock, the same race loses writes.

    (Two children only appending to one journal lose nothing even without the lock: appends
    are atomic. The lock is what keeps an append out of a fold in another process.)"""
    db = tmp_path / "scans.json"
    seed(db)
    found, refused = _two_writers(db, False, operation, tmp_path)
    assert found < 2 * WRITES_EACH or refused > 0, (found, refused)


# ------------------------------------------------------------------------------ corrupt corpus


def _corrupt_variants(base: bytes) -> Iterator[tuple[str, bytes]]:
    masks = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xFF]
    for offset in range(0, len(base), 7):
        yield f"truncated at {offset}", base[:offset]
    for n, offset in enumerate(range(3, len(base), 7)):
        mask = masks[n % len(masks)]
        flipped = bytearray(base)
        flipped[offset] ^= mask
        yield f"byte {offset} ^ {mask:#x}", bytes(flipped)


def _special_variants(base: bytes) -> dict[str, bytes]:
    tables = json.loads(base)
    doc = tables["scans"]["1"]

    def with_(**changes: Any) -> bytes:
        return json.dumps({**tables, **changes}).encode()

    return {
        "empty": b"",
        "whitespace": b" \n\t\r\n  ",
        "list": b"[]",
        "null": b"null",
        "number": b"42",
        "string": b'"scans"',
        "future": b'{"meta": {"1": {"schema_version": 99}}}',
        "future-with-scans": with_(meta={"1": {"schema_version": SCHEMA_VERSION + 1}}),
        "version-bool": with_(meta={"1": {"schema_version": True}}),
        "version-text": with_(meta={"1": {"schema_version": "1"}}),
        "version-missing": with_(meta={"1": {}}),
        "invalid-utf8-start": b"\xff\xfe" + base,
        "invalid-utf8-inside": base.replace(b"Ans", b"A\xc3\x28s", 1),
        "utf16": base.decode().encode("utf-16"),
        "nul-bytes": b"\x00" * 64,
        "table-is-list": with_(scans=[doc]),
        "doc-is-list": with_(scans={"1": [doc]}),
        "doc-id-not-a-number": with_(scans={"x": doc}),
        "doc-without-id": with_(scans={"1": {k: v for k, v in doc.items() if k != "id"}}),
        "bad-status": with_(scans={"1": {**doc, "status": "finished"}}),
        "bad-date": with_(scans={"1": {**doc, "started_at": "gisteren"}}),
        "organisation-too-long": with_(scans={"1": {**doc, "organisation": "x" * 201}}),
        "level-out-of-range": with_(scans={"1": {**doc, "answers": {"a1": {"level": 9}}}}),
        "huge-number": base.replace(b'"schema_version":1', b'"schema_version":' + b"1" * 5000),
        "deep-nesting": b"[" * 100_000,
        "deep-nesting-in-doc": base.replace(b'"answers":{', b'"x":' + b"[" * 100_000, 1),
        "version-0-with-new-answers": json.dumps({"scans": tables["scans"]}).encode(),
        "nan": base.replace(b'"schema_version":1', b'"schema_version":NaN'),
        "trailing-garbage": base + b"}",
        "two-documents": base + base,
    }


def _check_variant(folder: Path, name: str, payload: bytes) -> str | None:
    """Try the store on one damaged file; a description of what went wrong, or None."""
    folder.mkdir()
    db = folder / "scans.json"
    db.write_bytes(payload)

    def attempt(action: Callable[[], object]) -> BaseException | None:
        try:
            action()
        except ScanError as err:
            return err
        except Exception as err:
            return err
        return None

    read_error = attempt(lambda: Store(db).scans())
    if read_error is not None and not isinstance(read_error, StoreError):
        return f"{name}: read raised {type(read_error).__name__}: {read_error!r}"
    if isinstance(read_error, StoreError):
        message = read_error.render("en")
        if "\n" in message or not message.startswith(f"{db}: "):
            return f"{name}: message {message!r}"
        writes = {
            "add": lambda: Store(db).add(make_scan("n" * 32)),
            "import": lambda: Store(db).import_scans([make_scan("i" * 32)], "x.json"),
            "set_answer": lambda: Store(db).set_answer(DRAFT_ID, "a1", level=2),
            "delete": lambda: Store(db).delete("a" * 32),
        }
        for label, write in writes.items():
            err = attempt(write)
            if not isinstance(err, StoreError):
                return f"{name}: {label} on a damaged file gave {err!r}, not StoreError"
        if db.read_bytes() != payload:
            return f"{name}: the damaged file was changed"
    else:
        try:
            json.loads(payload)
        except ValueError as decode_error:
            return f"{name}: read cleanly but is not JSON ({decode_error})"
        # read cleanly (a flip inside a string): writes work or give a ScanError
        for write in (
            lambda: Store(db).add(make_scan("n" * 32)),
            lambda: Store(db).set_answer(DRAFT_ID, "a1", level=2),
        ):
            err = attempt(write)
            if err is not None and not isinstance(err, ScanError):
                return f"{name}: write raised {type(err).__name__}: {err!r}"
        err = attempt(lambda: Store(db).scans())
        if err is not None:
            return f"{name}: unreadable after a write: {err!r}"
    if db_temp_files(db):
        return f"{name}: temp files left"
    return None


@pytest.fixture
def base_db(tmp_path: Path) -> bytes:
    return seed(tmp_path / "base" / "scans.json")


def test_corrupt_corpus_truncated_and_flipped(tmp_path: Path, base_db: bytes) -> None:
    variants = list(_corrupt_variants(base_db))
    assert len(variants) > 150
    problems = []
    for n, (name, payload) in enumerate(variants):
        problem = _check_variant(tmp_path / f"v{n}", name, payload)
        if problem:
            problems.append(problem)
    assert problems == [], f"{len(problems)} problems, first: {problems[:5]}"


def test_corrupt_corpus_special_cases(tmp_path: Path, base_db: bytes) -> None:
    problems = []
    for n, (name, payload) in enumerate(_special_variants(base_db).items()):
        problem = _check_variant(tmp_path / f"s{n}", name, payload)
        if problem:
            problems.append(problem)
        db = tmp_path / f"s{n}" / "scans.json"
        if name in ("empty", "whitespace", "list", "null", "future", "doc-without-id"):
            # these never read cleanly
            with pytest.raises(StoreError):
                Store(db).scans()
    assert problems == [], problems


@pytest.mark.parametrize(
    ("payload", "key"),
    [
        (b"", "err.db_not_json"),
        (b"[]", "err.db_shape"),
        (b"null", "err.db_shape"),
        (b'{"meta": {"1": {"schema_version": 99}}}', "err.db_future"),
        (b"\xff\xfe{}", "err.db_not_json"),
        (b'{"scans": {"x": {}}}', "err.db_shape"),
    ],
)
def test_damaged_file_error_names_file_and_cause(tmp_path: Path, payload: bytes, key: str) -> None:
    db = tmp_path / "scans.json"
    db.write_bytes(payload)
    for action in (lambda: Store(db).scans(), lambda: Store(db).add(make_scan("a" * 32))):
        with pytest.raises(StoreError) as info:
            action()
        assert info.value.key == key
        assert_one_line_naming(info.value, db)
    assert db.read_bytes() == payload


# ------------------------------------------------------------------------------ migration

SCHEMA_0 = FIXTURES / "db-schema-0.json"


def test_migration_from_schema_0(tmp_path: Path) -> None:
    db = tmp_path / "scans.json"
    shutil.copyfile(SCHEMA_0, db)
    original = db.read_bytes()
    assert "meta" not in json.loads(original)

    scans = {s.id: s for s in Store(db).scans()}
    assert len(scans) == 3
    zwolle = scans["0a1b2c3d4e5f60718293a4b5c6d7e8f9"]
    assert zwolle.organisation == "Gemeente Zwolle"
    assert zwolle.respondent == Respondent(name="Ans de Vries", role="inkoper")
    assert zwolle.question_set == SetRef(id="sociale-inkoop", version="1.0")
    assert zwolle.status == "completed"
    assert zwolle.completed_at == datetime(2024, 2, 1, 11, 30, tzinfo=UTC)
    assert zwolle.answers["bestuur-principebesluit"] == AnswerRecord(
        level=3, note="Besluit in de raad van maart"
    )
    assert zwolle.answers["bestuur-actieplan"] == AnswerRecord(level=2)
    assert zwolle.answers["hr-inkoop-aanbestedingen"] == AnswerRecord(level="na")
    assert zwolle.answers["keten-verkenning"] == AnswerRecord(level="unknown")
    assert zwolle.answers["keten-proeftuin"] == AnswerRecord(note="Nog niet besproken")
    assert len(zwolle.answers) == 5
    draft = scans["1b2c3d4e5f60718293a4b5c6d7e8f90a"]
    assert draft.status == "draft" and draft.completed_at is None
    assert {q: r.level for q, r in draft.answers.items()} == {
        "bestuur-eigenaar": 5,
        "hr-inkoop-collegas": 1,
    }
    assert all(r.note == "" for r in draft.answers.values())
    noord = scans["2c3d4e5f60718293a4b5c6d7e8f90a1b"]  # had no "notes" at all
    assert noord.answer("keten-banen") == 4
    assert noord.answer("keten-duurzaamheid") is None

    # the file on disk is now the current schema, written once
    on_disk = json.loads(db.read_bytes())
    assert on_disk["meta"] == {"1": {"schema_version": SCHEMA_VERSION}}
    assert all("notes" not in doc for doc in on_disk["scans"].values())
    assert on_disk["scans"]["1"]["answers"]["bestuur-principebesluit"] == {
        "level": 3,
        "note": "Besluit in de raad van maart",
    }
    # a pre-migration backup holds the original bytes
    [backup] = list_backups(db)
    assert backup.reason == "pre-migration"
    assert backup.path.read_bytes() == original
    assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.stat().st_mode) == 0o600

    # opening again neither migrates nor backs up again
    migrated = db.read_bytes()
    assert {s.id for s in Store(db).scans()} == set(scans)
    assert db.read_bytes() == migrated
    assert list_backups(db) == [backup]
    # and the migrated scans can be worked on
    Store(db).set_answer(draft.id, "bestuur-doelen", level=2)
    assert Store(db).get(draft.id).answer("bestuur-doelen") == 2
    assert [b.reason for b in list_backups(db)] == ["pre-migration"]  # today's backup


def test_migration_that_gives_invalid_scans_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "scans.json"
    tables = json.loads(SCHEMA_0.read_bytes())
    tables["scans"]["1"]["answers"]["bestuur-actieplan"] = 9  # not a level
    payload = json.dumps(tables).encode()
    db.write_bytes(payload)
    for action in (lambda: Store(db).scans(), lambda: Store(db).add(make_scan("a" * 32))):
        with pytest.raises(StoreError) as info:
            action()
        assert info.value.key == "err.db_record"
        assert_one_line_naming(info.value, db)
    assert db.read_bytes() == payload
    assert temp_files(tmp_path) == []


def test_migration_under_a_held_lock_waits_and_then_says_so(tmp_path: Path) -> None:
    db = tmp_path / "scans.json"
    shutil.copyfile(SCHEMA_0, db)
    original = db.read_bytes()
    with filelock.FileLock(str(db) + ".lock"), pytest.raises(StoreError) as info:
        Store(db, lock_timeout=0.2).scans()
    assert info.value.key == "err.db_locked"
    assert db.read_bytes() == original
    assert len(Store(db).scans()) == 3


# ------------------------------------------------------------------------------ backups


def test_daily_backup_once_per_day(tmp_path: Path) -> None:
    db = tmp_path / "scans.json"
    Store(db).add(make_scan("a" * 32))  # the file did not exist: nothing to back up
    assert list_backups(db) == []
    before = db.read_bytes()

    Store(db).add(make_scan("b" * 32))  # the first write today on an existing file
    [daily] = list_backups(db)
    assert daily.reason == "daily"
    assert daily.created.date() == date.today()
    assert daily.path.read_bytes() == before
    assert stat.S_IMODE(daily.path.stat().st_mode) == 0o600

    store = Store(db)
    store.add(make_scan("c" * 32))  # a second write today, by a new store
    store.add(make_scan("e" * 32))  # and by the same one
    assert list_backups(db) == [daily]


def test_backups_are_pruned_to_the_newest(tmp_path: Path) -> None:
    db = tmp_path / "scans.json"
    Store(db).add(make_scan("a" * 32))
    raw = db.read_bytes()
    first = datetime(2020, 1, 1, 8)
    made = [make_backup(db, raw, "daily", when=first + timedelta(days=i)) for i in range(15)]
    twin = make_backup(db, raw, "daily", when=first + timedelta(days=14))  # same second
    assert twin != made[-1] and twin.exists()
    kept = list_backups(db)
    assert len(kept) == BACKUPS_KEPT
    assert {b.path for b in kept} == {*made[-(BACKUPS_KEPT - 1) :], twin}
    for backup in kept:
        assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600
        assert backup.path.read_bytes() == raw
    assert not any(p.exists() for p in made[: 15 - (BACKUPS_KEPT - 1)])
    # a damaged file is never kept as a backup
    with pytest.raises(StoreError):
        make_backup(db, b"{not json", "daily")
    assert len(list_backups(db)) == BACKUPS_KEPT


# ------------------------------------------------------------------------------ lock timeout


def test_lock_held_elsewhere_gives_a_clear_error_quickly(tmp_path: Path) -> None:
    db = tmp_path / "scans.json"
    before = seed(db)
    lock = filelock.FileLock(str(db) + ".lock")
    lock.acquire()
    try:
        for write in (
            lambda: Store(db, lock_timeout=0.3).add(make_scan("n" * 32)),
            lambda: Store(db, lock_timeout=0.3).set_answer(DRAFT_ID, "a1", level=1),
            lambda: Store(db, lock_timeout=0.3).import_scans([make_scan("i" * 32)], "x"),
        ):
            started = time.monotonic()
            with pytest.raises(StoreError) as info:
                write()
            assert time.monotonic() - started < 2
            assert info.value.key == "err.db_locked"
            assert_one_line_naming(info.value, db)
            assert "0.3" in info.value.render("en")
        # reading does not wait for the lock
        assert len(Store(db, lock_timeout=0.3).scans()) == 3
    finally:
        lock.release()
    assert db.read_bytes() == before
    Store(db).add(make_scan("n" * 32))  # and once it is free, writes work
    assert "n" * 32 in ids_in(db)


def test_scans_round_trip_through_msgspec(tmp_path: Path) -> None:
    """The seed data the fault tests rely on reads back exactly as written."""
    db = tmp_path / "scans.json"
    seed(db)
    docs = json.loads(db.read_bytes())["scans"]
    for scan in Store(db).scans():
        assert msgspec.to_builtins(scan) in docs.values()
