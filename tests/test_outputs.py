"""Files the program writes on request (``export -o``, ``template -o``): never the database or
one of its files, a pipe, socket or device; through a symbolic link only with ``--force``;
every folder it creates on the way private (0700), whatever the umask."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from maturity_scan.cli import main
from maturity_scan.exchange.outputs import output_target
from maturity_scan.storage.store import Store

from .conftest import seed_scan

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, sockets and POSIX modes")

SETS = Path(__file__).parent / "fixtures" / "sets"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    monkeypatch.setenv("MATURITY_SCAN_QUESTIONS", str(SETS))
    monkeypatch.setenv("MATURITY_SCAN_CACHE", "")
    monkeypatch.delenv("MATURITY_SCAN_LANG", raising=False)
    store = Store(path)
    seed_scan(store, "Gemeente Uitvoer", "2026-03-01", {"bestuur-principebesluit": 3})
    seed_scan(
        store, "Gemeente Concept", "2026-03-02", {"bestuur-principebesluit": 2}, status="draft"
    )
    store.fold_journals()
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry below ``folder``: file contents, or what a non-file is."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = f"link -> {os.readlink(path)}"
        elif path.is_file():
            found[key] = path.read_bytes()
        else:
            found[key] = stat.filemode(path.lstat().st_mode)
    return found


def refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Runs a command that must be refused: exit 2, one line on stderr; returns that line."""
    code, out, err = run(capsys, *args)
    assert code == 2, (out, err)
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    return err.strip()


@pytest.mark.parametrize("command", [["export"], ["template", "--questions", "mini"]])
def test_the_database_and_its_files_are_never_written_over(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    store = Store(db)
    store.set_answer(store.scans()[-1].id, "bestuur-doelen", 4)  # a journal to protect
    journal_file = next((db.parent / "scans.json.journal").iterdir())
    store.import_scans([], "x")  # a write: the lock and the day's backup exist
    store.set_answer(store.scans()[-1].id, "bestuur-doelen", 5)
    backups = db.parent / "scans-backups"
    backup = next(backups.iterdir())
    lock = db.with_name("scans.json.lock")
    assert lock.exists() and journal_file.exists()
    before = snapshot(tmp_path)
    targets = {
        db: "the file of the database",
        lock: "the lock file of the database",
        db.parent / "scans.json.journal": "is a directory",  # click says so
        journal_file: "answer journal folder",
        db.parent / "scans.json.journal" / "new.json": "answer journal folder",
        backups: "is a directory",
        backup: "backups folder",
        backups / "new.json": "backups folder",
        db.parent / "sub" / ".." / "scans.json": "the file of the database",
    }
    for target, what in targets.items():
        line = refused(capsys, "--lang", "en", *command, "-o", str(target))
        assert what in line, line
        if what != "is a directory":
            assert line.startswith(f"maturity-scan: error: {target} is "), line
            assert "nothing was written" in line, line
    line = refused(capsys, *command, "-o", str(db))
    assert "er is niets geschreven" in line
    assert snapshot(tmp_path) == before
    assert Store(db).check() == 2


def test_the_backups_folder_is_refused_before_it_exists(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An export written as a file where the backups folder goes blocked every later write."""
    backups = db.parent / "scans-backups"
    assert not backups.exists()
    line = refused(capsys, "--lang", "en", "export", "-o", str(backups))
    assert f"{backups} is (in) the backups folder of the database {db}" in line
    assert not backups.exists()


def test_a_hard_link_to_the_database_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    twin = tmp_path / "twin.json"
    os.link(db, twin)
    before = db.read_bytes()
    line = refused(capsys, "--lang", "en", "export", "-o", str(twin))
    assert f"{twin} is the file of the database" in line
    assert db.read_bytes() == before and os.path.samefile(db, twin)


def test_pipes_sockets_devices_and_folders_are_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    sock_path = tmp_path / "s.sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        for target, what in [(fifo, "a named pipe (FIFO)"), (sock_path, "a socket")]:
            line = refused(capsys, "--lang", "en", "export", "-o", str(target))
            assert f"{target} is {what}, not a regular file" in line
        assert stat.S_ISFIFO(fifo.lstat().st_mode) and stat.S_ISSOCK(sock_path.lstat().st_mode)
    finally:
        sock.close()
    # a device, checked without writing to one: /dev/null exists on every POSIX system
    with pytest.raises(Exception) as info:
        output_target(Path("/dev/null"), db)
    assert "a device" in str(info.value)
    with pytest.raises(Exception) as folder:
        output_target(tmp_path, db)
    assert "a folder" in str(folder.value)


def test_a_symlink_needs_force_and_then_replaces_its_target(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = tmp_path / "elsewhere" / "precious.json"
    precious.parent.mkdir()
    precious.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(precious)
    line = refused(capsys, "--lang", "en", "export", "-o", str(link))
    assert f"{link} is a symbolic link to {precious}" in line and "--force" in line
    assert precious.read_text(encoding="utf-8") == "keep" and link.is_symlink()

    code, _, err = run(capsys, "export", "-o", str(link), "--force")
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(precious)
    assert b"Gemeente Uitvoer" in precious.read_bytes()
    code, _, err = run(capsys, "template", "--questions", "mini", "-o", str(link), "--force")
    assert code == 0, err
    assert link.is_symlink() and b'"question_set": "mini"' in precious.read_bytes()


def test_force_never_writes_through_a_link_to_the_database(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "innocent.json"
    link.symlink_to(db)
    before = db.read_bytes()
    line = refused(capsys, "--lang", "en", "export", "-o", str(link), "--force")
    assert f"{link} is the file of the database" in line
    assert db.read_bytes() == before


def test_a_link_to_the_database_is_refused_as_the_database_not_asked_about(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "innocent.json"
    link.symlink_to(db)
    line = refused(capsys, "--lang", "en", "export", "-o", str(link))
    assert f"{link} is the file of the database" in line and "--force" not in line


def test_folders_made_for_outputs_and_the_database_are_private_whatever_the_umask(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATURITY_SCAN_QUESTIONS", str(SETS))
    monkeypatch.setenv("MATURITY_SCAN_CACHE", "")
    answers = tmp_path / "answers.json"
    answers.write_text('{"question_set": "mini", "answers": {"a1": 3}}', encoding="utf-8")
    db = tmp_path / "sub" / "deeper" / "scans.json"
    old = os.umask(0)
    try:
        for _attempt in range(2):  # the second write makes the day's backup
            code, _, err = run(
                capsys, "--db", str(db), "scan", "new", "--org", "X", "--answers", str(answers)
            )
            assert code == 0, err
        code, _, err = run(
            capsys, "--db", str(db), "export", "-o", str(tmp_path / "e" / "f" / "x.json")
        )
        assert code == 0, err
        code, _, err = run(
            capsys, "template", "--questions", "mini", "-o", str(tmp_path / "t" / "u" / "y.json")
        )
        assert code == 0, err
    finally:
        os.umask(old)
    for folder in ["sub", "sub/deeper", "e", "e/f", "t", "t/u", "sub/deeper/scans-backups"]:
        mode = stat.S_IMODE((tmp_path / folder).stat().st_mode)
        assert mode == 0o700, (folder, oct(mode))
