"""Schema migrations of the database: ordered N→N+1 steps on the tables, in memory.

The store runs them under its lock, after a backup, and writes the result once, atomically.

Schema versions:

- 0: the first shape, with no ``meta`` table; a scan kept its answers as
  ``{"<question>": <level>}`` and its notes apart as ``{"<question>": "<text>"}``.
- 1: ``meta`` holds ``schema_version``; a scan's ``answers`` map each question to
  ``{"level": ..., "note": ...}``.
- 2: an ``organisations`` table (groups, rescan interval); a scan may record the scan it
  ``follows`` and its ``carried`` answers. Nothing to convert: the new fields have defaults
  and the table starts empty; the version says a release that does not know them cannot
  read the file.
- 3: a ``rounds`` table (team rounds); a scan may belong to one (``round``: the round's id,
  the scan's kind, the respondent's role, a consensus answer's sources). Nothing to convert,
  as for 2.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from maturity_scan.atomic import Tables

SCHEMA_VERSION = 3
META = "meta"
SCANS = "scans"


def schema_version(tables: Tables | None) -> int:
    """The version of ``tables``; a new (empty) database counts as the current version.

    Raises ``ValueError`` for a ``meta`` table without a whole-number ``schema_version``.
    """
    if not tables:
        return SCHEMA_VERSION
    if META in tables:
        version = tables[META].get("1", {}).get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise ValueError("schema_version missing or not a whole number")
        return version
    return 0 if tables.get(SCANS) else SCHEMA_VERSION


def _v0_to_v1(tables: Tables) -> Tables:
    scans: dict[str, Any] = {}
    for doc_id, doc in tables.get(SCANS, {}).items():
        levels = doc.get("answers") or {}
        notes = doc.get("notes") or {}
        answers = {
            question: {"level": levels.get(question), "note": notes.get(question) or ""}
            for question in {*levels, *notes}
        }
        scans[doc_id] = {k: v for k, v in doc.items() if k != "notes"} | {"answers": answers}
    return {**tables, SCANS: scans}


def _new_fields_only(tables: Tables) -> Tables:
    """A version that only added tables and fields with defaults: nothing to convert."""
    return tables


#: MIGRATIONS[n] turns schema version n into n + 1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {
    0: _v0_to_v1,
    1: _new_fields_only,
    2: _new_fields_only,
}


def migrate(tables: Tables, from_version: int) -> Tables:
    """``tables`` brought from ``from_version`` to :data:`SCHEMA_VERSION`, step by step."""
    for version in range(from_version, SCHEMA_VERSION):
        tables = MIGRATIONS[version](tables)
    return {**tables, META: {"1": {"schema_version": SCHEMA_VERSION}}}
