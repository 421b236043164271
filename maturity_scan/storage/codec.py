"""The database file's format: its tables, how they decode into scans and targets, and how
scans and targets become the documents written back.

The file is TinyDB's JSON layout: ``{"<table>": {"<document id>": {...}}}`` with the tables
``meta`` (the schema version, document ``1``), ``scans``, ``targets``, ``organisations`` and
``rounds``.
A new document gets the next id after the table's largest (:func:`insert`), as TinyDB gives
it.

Two ways to decode, with the same result for a good file:

- :func:`fast_decode`: the whole file in one pass, straight into validated structs (msgspec).
  Every read tries it first. It gives up (``None``) on anything unusual: damage, another
  schema version, a number JSON allows and msgspec does not.
- :func:`parse_tables` then :func:`file_from_tables`: the standard library, table by table and
  record by record, so that an error names what is wrong (the file, the table, the scan).
  Reads that the fast way refused, writes and migrations use it.

Invariants: only the tables this program writes are accepted (a flipped byte in a
table's name must not read as an empty database that the next write would fill afresh); a
schema version newer than this release's is refused before anything is decoded; a scan or
target that would not decode back (:func:`scan_doc`) is never turned into a document.

Nothing here imports TinyDB or :mod:`json` (reads must not; see ``tests/test_cli.py``): the
standard library's parser is loaded by :func:`maturity_scan.atomic.parse_database` only when
the slow way runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msgspec

from maturity_scan.atomic import Tables, parse_database
from maturity_scan.core.models import Organisation, Round, Scan, Target
from maturity_scan.errors import StoreError
from maturity_scan.inputs import convert
from maturity_scan.storage.migrations import META, SCANS, SCHEMA_VERSION, schema_version

TARGETS = "targets"
ORGANISATIONS = "organisations"
ROUNDS = "rounds"
TABLES = frozenset({META, SCANS, TARGETS, ORGANISATIONS, ROUNDS})


class File(msgspec.Struct, forbid_unknown_fields=True):
    """The database file as this release writes it: the tables by document id."""

    meta: dict[int, dict[str, Any]] = msgspec.field(default_factory=dict)
    scans: dict[int, Scan] = msgspec.field(default_factory=dict)
    targets: dict[int, Target] = msgspec.field(default_factory=dict)
    organisations: dict[int, Organisation] = msgspec.field(default_factory=dict)
    rounds: dict[int, Round] = msgspec.field(default_factory=dict)


CURRENT_META = {1: {"schema_version": SCHEMA_VERSION}}
_file_decoder = msgspec.json.Decoder(File)


def fast_decode(raw: bytes | None) -> File | None:
    """The file in one pass (no file: empty), or ``None`` when the slow way must say what is
    wrong with it (damage, another schema version, a number JSON allows and msgspec does not)."""
    if raw is None:
        return File()
    try:
        contents = _file_decoder.decode(raw)
    except (msgspec.DecodeError, RecursionError, ValueError):
        return None
    return contents if contents.meta == CURRENT_META else None


def parse_tables(raw: bytes | None, path: Path) -> tuple[Tables, int]:
    """The file's tables and schema version, the slow way: parsed, only known tables, a
    readable version, never a newer one than this release's (``err.db_future``). No file:
    no tables, the current version."""
    if raw is None:
        return {}, SCHEMA_VERSION
    tables = parse_database(raw, path)
    check_tables(tables, path)
    try:
        version = schema_version(tables)
    except ValueError as err:
        raise StoreError("err.db_shape", file=str(path), reason=str(err)) from None
    if version > SCHEMA_VERSION:
        raise StoreError("err.db_future", file=str(path), version=version, supported=SCHEMA_VERSION)
    return tables, version


def check_tables(tables: Tables | None, path: Path) -> None:
    """Only the tables this program writes (see the module's invariants)."""
    unknown = sorted(set(tables or {}) - TABLES)
    if unknown:
        raise StoreError("err.db_shape", file=str(path), reason=f"unknown table '{unknown[0]}'")


def file_from_tables(tables: Tables, path: Path) -> File:
    """Every scan and target of ``tables`` decoded, the first bad record named."""
    return File(
        scans={int(i): decode_scan(d, path) for i, d in tables.get(SCANS, {}).items()},
        targets={int(i): decode_target(d, path) for i, d in tables.get(TARGETS, {}).items()},
        organisations={
            int(i): decode_organisation(d, path) for i, d in tables.get(ORGANISATIONS, {}).items()
        },
        rounds={int(i): decode_round(d, path) for i, d in tables.get(ROUNDS, {}).items()},
    )


def decode_scan(doc: Any, path: Path) -> Scan:
    try:
        return msgspec.convert(doc, Scan)
    except msgspec.ValidationError as err:
        ident = doc.get("id", "?") if isinstance(doc, dict) else "?"
        raise StoreError("err.db_record", file=str(path), id=ident, detail=str(err)) from None


def decode_target(doc: Any, path: Path) -> Target:
    try:
        return msgspec.convert(doc, Target)
    except msgspec.ValidationError as err:
        raise StoreError("err.db_target_record", file=str(path), detail=str(err)) from None


def decode_organisation(doc: Any, path: Path) -> Organisation:
    try:
        return msgspec.convert(doc, Organisation)
    except msgspec.ValidationError as err:
        raise StoreError("err.db_organisation_record", file=str(path), detail=str(err)) from None


def decode_round(doc: Any, path: Path) -> Round:
    try:
        return msgspec.convert(doc, Round)
    except msgspec.ValidationError as err:
        ident = doc.get("id", "?") if isinstance(doc, dict) else "?"
        raise StoreError("err.db_round_record", file=str(path), id=ident, detail=str(err)) from None


def scan_doc(scan: Scan, source: str | None = None) -> dict[str, Any]:
    """The document for ``scan``. A scan that would not read back (an organisation over
    200 characters, a level 9) is refused: written, it would make the whole file unreadable."""
    doc: dict[str, Any] = msgspec.to_builtins(scan)
    where = f"scan {scan.short_id}"
    convert(doc, Scan, f"{source}: {where}" if source else where)
    return doc


def target_doc(target: Target) -> dict[str, Any]:
    doc: dict[str, Any] = msgspec.to_builtins(target)
    return doc


def insert(tables: Tables, name: str, docs: Iterable[dict[str, Any]]) -> None:
    """Add ``docs`` to table ``name`` (made when missing) under the next free ids."""
    table = tables.setdefault(name, {})
    next_id = max((int(i) for i in table), default=0) + 1
    for offset, doc in enumerate(docs):
        table[str(next_id + offset)] = doc


def with_meta(tables: Tables) -> Tables:
    """``tables`` as they are written: a file without a ``meta`` table gets one, first,
    recording this release's schema version."""
    if META in tables:
        return tables
    return {META: {"1": {"schema_version": SCHEMA_VERSION}}, **tables}


def with_zones(scan: Scan) -> Scan:
    """``scan`` with every stored moment given a zone (see :func:`dates.zoned`): a hand-edited
    file may hold a moment without one, and sorting naive and zoned moments fails. Most scans
    have none: they are returned as they are."""
    moments = (scan.started_at, scan.completed_at, scan.taken_at)
    if all(moment is None or moment.tzinfo is not None for moment in moments):
        return scan
    from maturity_scan.dates import zoned

    return msgspec.structs.replace(
        scan,
        started_at=zoned(scan.started_at),
        completed_at=zoned(scan.completed_at) if scan.completed_at else None,
        taken_at=zoned(scan.taken_at) if scan.taken_at else None,
    )
