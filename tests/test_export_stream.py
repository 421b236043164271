"""The streamed export: byte for byte what encoding the whole export at once gives, written
straight to stdout or atomically to a file, and never all in memory at once."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maturity_scan.atomic import write_atomic
from maturity_scan.cli import main
from maturity_scan.core.models import (
    AnswerRecord,
    AnswerValue,
    Organisation,
    Respondent,
    Scan,
    SetRef,
    Target,
)
from maturity_scan.errors import ScanError, StoreError
from maturity_scan.exchange import export as export_module
from maturity_scan.exchange.export import build_export, stream_export
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets.loading import Catalog, load_catalog
from maturity_scan.storage.store import Store

SETS = Path(__file__).parent / "fixtures" / "sets"
EXPORTED_AT = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)
BATCH = export_module._BATCH

NOTES = [
    "",
    'besproken met het "MT"',
    "Súdwest-Fryslân ✓ — één keer 😀",
    "regel 1\nregel 2\ttab \\ backslash",
    "\x00\x1f control and \u2028 separators \ud7ff",
    "ʻokina «guillemets» ‘quotes’",
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([builtin_questions_dir(), SETS])


def reference(
    scans: list[Scan],
    catalog: Catalog,
    targets: list[Target] | None = None,
    organisations: list[Organisation] | None = None,
) -> bytes:
    """The export as it was written before streaming: the whole file encoded at once."""
    export = build_export(scans, catalog, EXPORTED_AT, targets or [], organisations or [])
    return msgspec.json.format(msgspec.json.encode(export), indent=2) + b"\n"


def streamed(
    scans: list[Scan],
    catalog: Catalog,
    targets: list[Target] | None = None,
    organisations: list[Organisation] | None = None,
) -> bytes:
    return b"".join(stream_export(scans, catalog, EXPORTED_AT, targets or [], organisations or []))


def make_scans(catalog: Catalog, count: int) -> list[Scan]:
    """Scans of both sets, several organisations, drafts, notes with unicode and quotes."""
    scans = []
    for n in range(count):
        set_id, version = ("mini", "1") if n % 3 == 2 else ("sociale-inkoop", "1.0")
        question_set = catalog.get(set_id, version)
        answers = {}
        for k, (_, question) in enumerate(question_set.questions()):
            level: AnswerValue = [None, 1, 2, 3, 4, 5, "unknown", "na"][(n + k) % 8]
            if level == "na" and not question.allow_na:
                level = 3
            answers[question.id] = AnswerRecord(level=level, note=NOTES[(n * 7 + k) % len(NOTES)])
        draft = n % 5 == 4
        scans.append(
            Scan(
                id=f"{n:032x}",
                organisation=['Gemeente "Aa"', "Wetterskip Fryslân", "Org\\3"][n % 3],
                respondent=Respondent(name=["Ans", None, "Zoë 'Z'"][n % 3], role=None),
                question_set=SetRef(id=set_id, version=version),
                status="draft" if draft else "completed",
                started_at=EXPORTED_AT - timedelta(days=400 - n, microseconds=n),
                completed_at=None if draft else EXPORTED_AT - timedelta(days=300 - n),
                answers=answers if n % 7 != 6 else {},
            )
        )
    return scans


TARGETS = [
    Target(organisation='Gemeente "Aa"', question_set="sociale-inkoop", principle="keten", level=3),
    Target(
        organisation="Wetterskip Fryslân",
        question_set="mini",
        principle="beta",
        level=4,
        by=datetime(2027, 6, 30).date(),
    ),
]


# ------------------------------------------------------------------ byte for byte


@pytest.mark.parametrize(
    "count", [0, 1, 2, BATCH - 1, BATCH, BATCH + 1, 2 * BATCH + 3], ids=lambda n: f"{n}-scans"
)
@pytest.mark.parametrize("with_targets", [False, True], ids=["no-targets", "targets"])
def test_stream_is_byte_for_byte_the_whole_encoding(
    catalog: Catalog, count: int, with_targets: bool
) -> None:
    scans = make_scans(catalog, count)
    targets = TARGETS if with_targets else []
    expected = reference(scans, catalog, targets)
    assert streamed(scans, catalog, targets) == expected
    assert msgspec.json.decode(expected)["scans"] == msgspec.json.decode(
        msgspec.json.encode(build_export(scans, catalog, EXPORTED_AT, targets).scans)
    )


RECORDS = [
    Organisation(name="Wetterskip Fryslân", groups=["Noord", 'de "Wâlden"'], rescan_months=6),
    Organisation(name="Org\\3", groups=[], rescan_months=24),
    Organisation(name="Elders", groups=["Zuid"]),  # no scan in the export: not written
]


def follow_ups(scans: list[Scan]) -> list[Scan]:
    """Every fourth scan a follow-up of the one before it, with its first answer carried."""
    return [
        msgspec.structs.replace(scan, follows=scans[n - 1].id, carried=list(scan.answers)[:1])
        if n % 4 == 1
        else scan
        for n, scan in enumerate(scans)
    ]


@pytest.mark.parametrize("count", [0, 1, 2, BATCH + 1], ids=lambda n: f"{n}-scans")
def test_stream_with_records_and_follow_ups_is_the_whole_encoding(
    catalog: Catalog, count: int
) -> None:
    scans = follow_ups(make_scans(catalog, count))
    expected = reference(scans, catalog, TARGETS, RECORDS)
    assert streamed(scans, catalog, TARGETS, RECORDS) == expected
    written = msgspec.json.decode(expected)
    names = {o["name"] for o in written["organisations"]}
    assert names == {s.organisation for s in scans} & {"Wetterskip Fryslân", "Org\\3"}
    assert sum("follows" in s for s in written["scans"]) == sum(bool(s.follows) for s in scans)


@settings(max_examples=60, deadline=None)
@given(
    notes=st.lists(st.text(max_size=40), min_size=1, max_size=6),
    organisation=st.text(min_size=1, max_size=30),
    count=st.integers(1, 5),
    data=st.data(),
)
def test_stream_equals_reference_for_any_text(
    catalog: Catalog, notes: list[str], organisation: str, count: int, data: st.DataObject
) -> None:
    question_set = catalog.get("mini")
    ids = [q.id for _, q in question_set.questions()]
    levels = st.one_of(st.none(), st.integers(1, 5), st.just("unknown"))
    scans = [
        Scan(
            id=f"s{n}",
            organisation=organisation,
            respondent=Respondent(name=notes[0] or None),
            question_set=question_set.ref,
            status="completed",
            started_at=EXPORTED_AT,
            completed_at=EXPORTED_AT,
            answers={
                q: AnswerRecord(level=data.draw(levels), note=notes[(n + k) % len(notes)])
                for k, q in enumerate(ids)
            },
        )
        for n in range(count)
    ]
    target = Target(organisation=organisation, question_set="mini", principle="alpha", level=2)
    assert streamed(scans, catalog, [target]) == reference(scans, catalog, [target])


def test_stream_comes_in_pieces(catalog: Catalog) -> None:
    scans = make_scans(catalog, 4 * BATCH)
    chunks = list(stream_export(scans, catalog, EXPORTED_AT, TARGETS))
    total = sum(len(c) for c in chunks)
    assert len(chunks) >= 4
    assert max(len(c) for c in chunks) < total / 3


def test_unknown_question_set_raises_before_any_byte(catalog: Catalog) -> None:
    scans = make_scans(catalog, 3)
    scans[2] = msgspec.structs.replace(scans[2], question_set=SetRef(id="mini", version="9"))
    with pytest.raises(ScanError) as info:
        stream_export(scans, catalog, EXPORTED_AT)  # raised by the call, not when iterating
    assert info.value.key == "err.qs_unknown_version"


# ------------------------------------------------------------------ writing a file


def test_write_atomic_writes_chunks_to_a_private_file(tmp_path: Path) -> None:
    target = tmp_path / "new" / "out.json"
    write_atomic(target, iter([b"ab", b"", b"c\n"]))
    assert target.read_bytes() == b"abc\n"
    if os.name == "posix":
        assert (target.stat().st_mode & 0o777) == 0o600
        assert (target.parent.stat().st_mode & 0o777) == 0o700


def _failing_after_one_chunk(error: BaseException) -> Iterator[bytes]:
    yield b"{\n"
    raise error


@pytest.mark.parametrize(
    "error",
    [ScanError("err.qs_unknown", id="x", known="-"), KeyboardInterrupt(), OSError(28, "full")],
    ids=["scan-error", "interrupt", "oserror"],
)
def test_failure_while_writing_leaves_the_old_file(tmp_path: Path, error: BaseException) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    expected: type[BaseException] = StoreError if isinstance(error, OSError) else type(error)
    with pytest.raises(expected):
        write_atomic(target, _failing_after_one_chunk(error))
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_failing_write_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(StoreError) as info:
        write_atomic(target, iter([b"new"]), error_key="err.write_output")
    assert info.value.key == "err.write_output"
    assert "No space left on device" in info.value.render("en")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


# ------------------------------------------------------------------ the command


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalog: Catalog) -> Path:
    path = tmp_path / "data" / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    monkeypatch.setenv("MATURITY_SCAN_QUESTIONS", str(SETS))
    monkeypatch.delenv("MATURITY_SCAN_LANG", raising=False)
    monkeypatch.setattr("maturity_scan.cli.exchange.now", lambda: EXPORTED_AT)
    store = Store(path)
    store.import_scans(make_scans(catalog, 9), "test", TARGETS)
    return path


def run(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, bytes, bytes]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsysbinary.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


def test_export_command_stdout_is_the_reference(
    db: Path, catalog: Catalog, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    scans, targets = Store(db).scans(), Store(db).targets()
    assert len(scans) == 9 and len(targets) == 2
    code, out, err = run(capsysbinary, "export")
    assert (code, err) == (0, b"")
    assert out == reference(scans, catalog, targets)
    code, dash, _ = run(capsysbinary, "export", "-o", "-")
    assert (code, dash) == (0, out)


def test_export_command_org_filter_takes_its_targets(
    db: Path, catalog: Catalog, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    code, out, _ = run(capsysbinary, "export", "--org", "wetterskip fryslân")
    scans = Store(db).scans("Wetterskip Fryslân")
    assert code == 0 and len(scans) == 3
    assert out == reference(scans, catalog, [TARGETS[1]])


def test_export_command_unknown_org_is_an_error(
    db: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    code, out, err = run(capsysbinary, "export", "--org", "Wetterskip Frysland")  # a typo
    assert (code, out) == (2, b"")
    assert err.count(b"\n") == 1 and "Wetterskip Fryslân".encode() in err  # names the close one


def test_export_command_org_ignores_accents_and_case(
    db: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """ "wetterskip fryslan" (no â, lower case) is the stored "Wetterskip Fryslân"."""
    code, out, err = run(capsysbinary, "export", "--org", "wetterskip  fryslan")
    assert code == 0, err
    organisations = {s["organisation"] for s in json.loads(out)["scans"]}
    assert organisations == {"Wetterskip Fryslân"}


def test_export_command_file_is_the_reference(
    db: Path, catalog: Catalog, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    target = tmp_path / "out" / "out.json"
    target.parent.mkdir()
    target.write_bytes(b"old")  # the command line overwrites, as before
    code, out, err = run(capsysbinary, "export", "-o", str(target))
    assert (code, out) == (0, b"")
    assert err.decode().strip() == f"Scans geëxporteerd: 9 → {target}"
    assert target.read_bytes() == reference(Store(db).scans(), catalog, Store(db).targets())
    if os.name == "posix":
        assert (target.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["out.json"]  # no temp file left


def test_export_command_with_a_set_not_installed_exports_the_others(
    db: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: Any
) -> None:
    """A scan whose question-set version is not installed is left out and named, one line
    each; the others are exported, and the exit status (3) says something was skipped."""
    every = Store(db).scans()
    mini = [s for s in every if s.question_set.id == "mini"]
    assert mini and len(mini) < len(every)
    monkeypatch.delenv("MATURITY_SCAN_QUESTIONS")  # the mini set is gone
    code, out, err = run(capsysbinary, "--lang", "en", "export")
    assert code == 3
    exported = json.loads(out)
    assert {s["id"] for s in exported["scans"]} == {s.id for s in every} - {s.id for s in mini}
    lines = err.decode("utf-8").splitlines()
    assert len(lines) == len(mini) + 1
    for scan, line in zip(mini, lines, strict=False):
        assert scan.short_id in line and "mini version 1" in line and "skipped" in line
    assert "--questions-dir" in lines[-1]
    target = tmp_path / "out" / "out.json"
    code, out, _ = run(capsysbinary, "export", "-o", str(target))
    assert (code, out) == (3, b"")
    assert len(json.loads(target.read_bytes())["scans"]) == len(every) - len(mini)


def test_export_to_a_closed_pipe_ends_quietly(tmp_path: Path, catalog: Catalog) -> None:
    """``maturity-scan export | head -c 10``: no traceback when the reader goes away."""
    db = tmp_path / "big.json"
    Store(db).import_scans(make_scans(catalog, 60), "test")  # far more than a pipe holds
    env = {**os.environ, "MATURITY_SCAN_DB": str(db), "MATURITY_SCAN_QUESTIONS": str(SETS)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "maturity_scan", "export"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10) == b'{\n  "schem'
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 1  # the write failed: not all was read
    assert err == b""


def test_export_to_a_text_only_stdout(
    db: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where stdout has no byte buffer (an embedding program's StringIO), text goes out."""
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    with pytest.raises(SystemExit) as info:
        main(["export"])
    assert info.value.code == 0
    expected = reference(Store(db).scans(), catalog, Store(db).targets())
    assert out.getvalue() == expected.decode("utf-8")


class _FullDisk(io.RawIOBase):
    full = True

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.full:
            raise OSError(28, "No space left on device")
        return len(data)


def test_export_to_a_full_stdout_is_one_line(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    disk = _FullDisk()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BufferedWriter(disk)))
    with pytest.raises(SystemExit) as info:
        main(["--lang", "en", "export"])
    disk.full = False  # so that closing the stream later does not fail again
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err == "maturity-scan: error: stdout: cannot write (No space left on device)\n"
