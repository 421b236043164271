"""What the store accepts from beside the database: journal lines the question set allows,
journals that are regular files (never followed through a symlink), its own temp files only;
a symlinked database written through the link; an unusable lock file named; the autosave
thread that survives any error; no Unix-only call on the answer path."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import filelock
import pytest

from maturity_scan import atomic as storage
from maturity_scan.core.models import AnswerRecord, Respondent, Scan, SetRef
from maturity_scan.errors import ScanError, StoreError
from maturity_scan.question_sets.loading import Catalog, load_catalog
from maturity_scan.storage.backups import backup_dir
from maturity_scan.storage.journal import journal_dir, journal_path
from maturity_scan.storage.store import Store
from maturity_scan.tui.autosave import Autosaver

SETS = Path(__file__).parent / "fixtures" / "sets"
MINI = SetRef(id="mini", version="1")
MISSING = SetRef(id="mini", version="9")
DRAFT = "d" * 32
OTHER = "e" * 32


def scan(scan_id: str, ref: SetRef = MINI, status: str = "draft") -> Scan:
    started = datetime(2025, 3, 1, 10, tzinfo=UTC)
    return Scan(
        id=scan_id,
        organisation="Gemeente Ede",
        respondent=Respondent(),
        question_set=ref,
        status=status,  # type: ignore[arg-type]
        started_at=started,
        completed_at=started if status == "completed" else None,
        answers={"a1": AnswerRecord(level=2)},
    )


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([SETS])


def checked_store(db: Path, catalog: Catalog) -> Store:
    return Store(db, catalog=lambda: catalog)


def with_journal_line(db: Path, catalog: Catalog, line: bytes) -> tuple[Store, Path]:
    store = checked_store(db, catalog)
    store.add(scan(DRAFT))
    store.set_answer(DRAFT, "a3", 4)  # a good line first: the bad one is line 2
    path = journal_path(db, DRAFT)
    assert path is not None
    with path.open("ab") as handle:
        handle.write(line + b"\n")
    return store, path


# ---------------------------------------------------------------- D10: what the set allows


@pytest.mark.parametrize(
    "line, reason",
    [
        (b'{"question":"a1","level":"na"}', "question 'a1' does not allow 'na'"),
        (
            b'{"question":"no-such-question","level":3}',
            "'no-such-question' is not in question set mini 1",
        ),
        (
            b'{"question":"no-such-question","note":"x"}',
            "'no-such-question' is not in question set",
        ),
    ],
)
def test_a_journal_line_the_set_does_not_allow_is_damage_never_folded(
    db_path: Path, catalog: Catalog, line: bytes, reason: str
) -> None:
    store, path = with_journal_line(db_path, catalog, line)
    before = db_path.read_bytes()
    for action in (store.scans, store.check, lambda: store.complete(DRAFT)):
        with pytest.raises(StoreError) as info:
            action()
        assert info.value.key == "err.journal_damaged"
        message = info.value.render("en")
        assert message.startswith(f"{path}: line 2 of the answer journal is damaged (")
        assert reason in message and "\n" not in message
        assert "regel 2" in info.value.render("nl")
    assert db_path.read_bytes() == before
    assert path.exists()


def test_a_damaged_journal_line_is_explained_in_a_language_added_as_files(
    db_path: Path, catalog: Catalog, tmp_path: Path
) -> None:
    """The reason inside the error is rendered in the error's language, a third one too (it
    was fixed to Dutch and English when the error was made)."""
    from tests.pseudo_lang import pseudo_locales

    store, _ = with_journal_line(db_path, catalog, b'{"question":"a1","level":"na"}')
    with pytest.raises(StoreError) as info:
        store.scans()
    with pseudo_locales(tmp_path / "locales") as code:
        message = info.value.render(code)
    assert "does not allow" not in message and "staat niet" not in message
    assert message.count("[") >= 2, message  # the message and its reason, both pseudo


def test_allowed_lines_are_folded_as_before(db_path: Path, catalog: Catalog) -> None:
    store, _ = with_journal_line(db_path, catalog, b'{"question":"a2","level":"na"}')
    assert store.get(DRAFT).answers["a2"].level == "na"
    done = store.complete(DRAFT)
    assert done.answers["a2"].level == "na" and done.answers["a3"].level == 4


def test_a_scan_whose_set_version_is_not_installed_is_checked_for_type_only(
    db_path: Path, catalog: Catalog
) -> None:
    store = checked_store(db_path, catalog)
    store.add(scan(OTHER, MISSING))
    store.set_answer(OTHER, "whatever", 3)
    assert store.get(OTHER).answers["whatever"].level == 3
    assert store.check() == 1


# ---------------------------------------------------------------- D11: no symlinks


def test_a_symlinked_journal_is_refused_and_its_target_untouched(
    db_path: Path, tmp_path: Path
) -> None:
    store = Store(db_path)
    store.add(scan(DRAFT))
    path = journal_path(db_path, DRAFT)
    assert path is not None and path.exists()
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"# victim file\n")
    path.unlink()
    path.symlink_to(victim)
    with pytest.raises(StoreError) as info:
        store.set_answer(DRAFT, "a3", 3)
    assert info.value.key == "err.journal_not_file"
    assert info.value.render("en").startswith(f"{path}: the answer journal is not a regular file")
    for action in (store.scans, lambda: store.complete(DRAFT)):
        with pytest.raises(StoreError) as again:
            action()
        assert again.value.key == "err.journal_not_file"
    assert victim.read_bytes() == b"# victim file\n"
    assert path.is_symlink()
    path.unlink()  # removed, as the message says: everything works again
    store.set_answer(DRAFT, "a3", 3)
    assert store.get(DRAFT).answers["a3"].level == 3


def test_a_dangling_journal_link_is_never_created_through(db_path: Path, tmp_path: Path) -> None:
    store = Store(db_path)
    store.add(scan(DRAFT))
    path = journal_path(db_path, DRAFT)
    assert path is not None
    path.unlink()
    target = tmp_path / "created-through-the-link.jsonl"
    path.symlink_to(target)
    with pytest.raises(StoreError):
        store.set_answer(DRAFT, "a3", 3)
    assert not target.exists()


def test_a_pipe_where_a_journal_should_be_is_refused_without_waiting(db_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    store = Store(db_path)
    store.add(scan(DRAFT))
    path = journal_path(db_path, DRAFT)
    assert path is not None
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(StoreError) as info:
        store.scans()
    assert info.value.key == "err.journal_not_file"


# ---------------------------------------------------------------- no Unix-only calls


def test_answers_are_saved_without_os_pread(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(db_path)
    store.add(scan(DRAFT))
    path = journal_path(db_path, DRAFT)
    assert path is not None
    monkeypatch.delattr(os, "pread", raising=False)
    store.set_answer(DRAFT, "a2", 3)
    with path.open("ab") as handle:
        handle.write(b'{"question":"a3"')  # a torn last line (a crash): cut off first
    store.set_answer(DRAFT, "a3", 5)
    assert path.read_bytes().count(b"\n") == 2
    answers = Store(db_path).get(DRAFT).answers
    assert answers["a2"].level == 3 and answers["a3"].level == 5


# ---------------------------------------------------------------- D9: own temp files only


def test_another_writers_temp_file_beside_the_database_survives(db_path: Path) -> None:
    Store(db_path).add(scan(OTHER, status="completed"))
    theirs = db_path.parent / f".{db_path.name}.copy.json.x1y2z3ab.tmp"
    theirs.write_bytes(b"someone else's export, half written")
    also_theirs = db_path.parent / f".{db_path.name}.abc.tmp"
    also_theirs.write_bytes(b"x")
    ours = db_path.parent / f".{db_path.name}.{storage.TEMP_MARKER}0123456789abcdef.tmp"
    ours.write_bytes(b"left by a crash")
    legacy = db_path.parent / f".{db_path.name}.k2j_x9a0.tmp"  # an older release's crash
    legacy.write_bytes(b"left by a crash")
    Store(db_path).scans()  # a read cleans up
    assert not ours.exists() and not legacy.exists()
    Store(db_path).add(scan(DRAFT))  # and a write
    assert theirs.read_bytes() == b"someone else's export, half written"
    assert also_theirs.read_bytes() == b"x"


def test_own_temp_names_carry_the_marker(tmp_path: Path) -> None:
    fd, temp = storage.open_temp(tmp_path / "scans.json")
    os.close(fd)
    assert storage.is_own_temp(temp.name, "scans.json")
    assert not storage.is_own_temp(temp.name, "scans")
    assert not storage.is_own_temp(".scans.json.copy.json.abcdefgh.tmp", "scans.json")


# ---------------------------------------------------------------- D7: a symlinked database


def test_a_symlinked_database_is_written_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "scans.json"
    real.parent.mkdir()
    Store(real).add(scan(OTHER, status="completed"))
    link = tmp_path / "app" / "scans.json"
    link.parent.mkdir()
    link.symlink_to(real)
    store = Store(link)
    store.add(scan(DRAFT))
    store.set_answer(DRAFT, "a3", 4)
    store.complete(DRAFT)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert {s.id for s in Store(real).scans()} == {OTHER, DRAFT}
    assert Store(real).get(DRAFT).answers["a3"].level == 4
    assert store.lock_path == real.with_name("scans.json.lock")
    assert backup_dir(real).is_dir() and not backup_dir(link).exists()
    assert sorted(p.name for p in link.parent.iterdir()) == ["scans.json"]
    assert journal_dir(real).exists()


def test_the_lock_protects_the_real_file(tmp_path: Path) -> None:
    real = tmp_path / "scans.json"
    link = tmp_path / "link.json"
    link.symlink_to(real)
    holder = filelock.FileLock(str(real) + ".lock")
    holder.acquire()
    try:
        with pytest.raises(StoreError) as info:
            Store(link, lock_timeout=0.05).add(scan(DRAFT))
        assert info.value.key == "err.db_locked"
    finally:
        holder.release()


# ---------------------------------------------------------------- D14: the lock file named


def test_a_lock_file_that_cannot_be_opened_is_named(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(db_path)

    def refuse(self: filelock.FileLock, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(db_path) + ".lock")

    monkeypatch.setattr(filelock.FileLock, "acquire", refuse)
    with pytest.raises(StoreError) as info:
        store.add(scan(DRAFT))
    assert info.value.key == "err.lock_open"
    assert info.value.render("en").startswith(
        f"{db_path}.lock: cannot open the database's lock file (Permission denied)"
    )


# ---------------------------------------------------------------- autosave survives


def test_the_autosave_thread_survives_an_unexpected_error_and_retries(db_path: Path) -> None:
    store = Store(db_path)
    store.add(scan(DRAFT))
    errors: list[ScanError] = []
    attempts = []

    def answer() -> None:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("a bug somewhere")
        store.set_answer(DRAFT, "a3", 4)

    results: list[bool] = []
    saver = Autosaver(on_error=errors.append, retry_delay=0.01)
    try:
        saver.submit(answer, results.append)
        assert saver.flush(timeout=60)
        assert results == [True] and len(attempts) == 2
        assert [e.key for e in errors] == ["err.save_unexpected"]
        assert "RuntimeError: a bug somewhere" in errors[0].render("en")
        assert Store(db_path).get(DRAFT).answers["a3"].level == 4
        assert saver._thread.is_alive()
        # and it goes on with the next write
        saver.submit(lambda: store.set_answer(DRAFT, "a2", 1), results.append)
        assert saver.flush(timeout=60) and results == [True, True]
    finally:
        saver.close()
    assert Store(db_path).get(DRAFT).answers["a2"].level == 1


def test_a_settled_callback_that_raises_does_not_stop_the_thread() -> None:
    errors: list[ScanError] = []
    done = threading.Event()

    def broken(_ok: bool) -> None:
        raise ValueError("broken callback")

    saver = Autosaver(on_error=errors.append, retry_delay=0.01)
    try:
        saver.submit(lambda: None, broken)
        saver.submit(done.set)
        assert saver.flush(timeout=60) and done.is_set()
        assert [e.key for e in errors] == ["err.save_unexpected"]
        assert saver._thread.is_alive()
    finally:
        saver.close()


def test_a_lock_file_that_cannot_be_opened_is_retried_by_the_autosaver() -> None:
    errors: list[ScanError] = []
    attempts: list[int] = []

    def write() -> None:
        attempts.append(1)
        if len(attempts) == 1:
            raise StoreError("err.lock_open", file="db.json.lock", reason="Permission denied")

    results: list[bool] = []
    saver = Autosaver(on_error=errors.append, retry_delay=0.01)
    try:
        saver.submit(write, results.append)
        assert saver.flush(timeout=60)
    finally:
        saver.close()
    assert results == [True] and len(attempts) == 2
    assert [e.key for e in errors] == ["err.lock_open"]
