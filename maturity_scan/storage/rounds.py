"""The ``rounds`` table: team rounds, and what a write does to a round and its scans.

A round (:class:`~maturity_scan.core.models.Round`) belongs to one organisation and pins one
question-set version. Its scans are ordinary scans in the ``scans`` table whose
:attr:`~maturity_scan.core.models.Scan.round` names it: one per respondent (kind
``response``) and at most one consensus (kind ``consensus``).

The functions that change tables work on the file's tables as plain dicts inside a
:class:`~maturity_scan.storage.database.Unit` (the caller marks the unit changed).
Invariants: a round's id is unique; every scan of a round has the round's organisation and
set version; a round has at most one consensus scan (storing a new one replaces it, in the
same write); deleting a round deletes its scans.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

import msgspec

from maturity_scan.atomic import Tables
from maturity_scan.core.models import Round, Scan
from maturity_scan.core.names import clean_name, org_key
from maturity_scan.errors import ScanError
from maturity_scan.inputs import convert
from maturity_scan.storage import scans as scan_table
from maturity_scan.storage.codec import ROUNDS, insert
from maturity_scan.storage.migrations import SCANS
from maturity_scan.storage.organisations import stored_names
from maturity_scan.visible import find_control

MAX_TITLE = 120


@dataclasses.dataclass(frozen=True)
class ResponseCounts:
    """What adding respondents' scans did: added, already stored as they are (skipped), and
    stored before with other answers and now replaced."""

    added: int = 0
    skipped: int = 0
    replaced: int = 0


def select(rounds: Iterable[Round], organisation: str | None = None) -> list[Round]:
    """``rounds``, oldest first (by date, then creation); only those of ``organisation``."""
    wanted = org_key(organisation) if organisation else None
    chosen = [r for r in rounds if wanted is None or org_key(r.organisation) == wanted]
    return sorted(chosen, key=lambda r: (r.opened, r.created_at, r.id))


def decoded(tables: Tables) -> list[Round]:
    return [msgspec.convert(doc, Round) for doc in tables.get(ROUNDS, {}).values()]


def find(rounds: Iterable[Round], ref: str) -> Round:
    """The round whose id is ``ref`` or starts with it (at least 4 characters)."""
    by_id = {r.id: r for r in rounds}
    try:
        return by_id[scan_table.match(by_id, ref)]
    except ScanError as err:
        key = {
            "err.scan_not_found": "err.round_not_found",
            "err.scan_ambiguous": "err.round_ambiguous",
            "err.scan_id_short": "err.round_id_short",
        }.get(err.key)
        if key is None:
            raise
        raise ScanError(key, **err.params) from None


def check_title(title: str) -> str:
    title = clean_name(title)
    if not title:
        raise ScanError("err.round_title_empty")
    if len(title) > MAX_TITLE:
        raise ScanError("err.round_title_too_long", limit=MAX_TITLE, length=len(title))
    char = find_control(title)
    if char is not None:
        raise ScanError("err.round_title_control", char=char)
    return title


def round_doc(round_: Round) -> dict[str, Any]:
    doc: dict[str, Any] = msgspec.to_builtins(round_)
    convert(doc, Round, f"round {round_.short_id}")
    return doc


def add(tables: Tables, round_: Round) -> Round:
    """Store a new round (its title cleaned, its closing date not before its date)."""
    round_ = msgspec.structs.replace(round_, title=check_title(round_.title))
    if round_.closes is not None and round_.closes < round_.opened:
        raise ScanError(
            "err.round_closes_before", closes=round_.closes.isoformat(), opened=round_.opened
        )
    if any(r.id == round_.id for r in decoded(tables)):
        raise ScanError("err.round_exists", id=round_.short_id)
    insert(tables, ROUNDS, [round_doc(round_)])
    return round_


def scans_of(scans: Iterable[Scan], round_id: str) -> list[Scan]:
    """The scans of round ``round_id``, oldest first."""
    return scan_table.select([s for s in scans if s.round is not None and s.round.id == round_id])


def check_member(round_: Round, scan: Scan, source: str) -> None:
    """``scan`` belongs to ``round_``: its round, organisation and set version."""
    where = f"{source}: scan {scan.short_id}"
    if scan.round is None or scan.round.id != round_.id:
        raise ScanError("err.round_other_round", where=where, round=round_.short_id)
    if org_key(scan.organisation) != org_key(round_.organisation):
        raise ScanError(
            "err.round_other_org", where=where, org=scan.organisation, round_org=round_.organisation
        )
    if scan.question_set != round_.question_set:
        raise ScanError(
            "err.round_other_set",
            where=where,
            version=f"{scan.question_set.id} {scan.question_set.version}",
            round_version=f"{round_.question_set.id} {round_.question_set.version}",
        )


def put_responses(
    tables: Tables,
    stored: Iterable[Scan],
    round_: Round,
    scans: Iterable[Scan],
    source: str,
    *,
    replace: bool = False,
) -> ResponseCounts:
    """Add respondents' scans to ``round_`` (under the round's spelling of its organisation).

    A scan stored as it is is skipped; a response of the round stored with other content is
    replaced when ``replace``, else the whole call is refused (``err.round_replace``); a scan
    id stored for anything else is refused (``err.import_conflict``)."""
    known = {s.id: s for s in stored}
    added: list[Scan] = []
    replaced: list[Scan] = []
    skipped = 0
    for scan in scans:
        check_member(round_, scan, source)
        scan = msgspec.structs.replace(scan, organisation=round_.organisation)
        existing = known.get(scan.id)
        if existing is None:
            added.append(scan)
        elif existing == scan:
            skipped += 1
        elif (
            existing.round is not None
            and existing.round.id == round_.id
            and existing.kind == (scan.kind)
        ):
            if not replace:
                raise ScanError("err.round_replace", file=source, scan=scan.short_id)
            replaced.append(scan)
        else:
            raise ScanError("err.import_conflict", file=source, scan=scan.short_id)
        known[scan.id] = scan
    scan_table.add(tables, added, source)
    for scan in replaced:
        scan_table.put(tables, scan)
    return ResponseCounts(len(added), skipped, len(replaced))


def set_consensus(tables: Tables, stored: Iterable[Scan], round_: Round, scan: Scan) -> Scan:
    """Store ``scan`` as the consensus of ``round_``, in place of an earlier one."""
    check_member(round_, scan, "consensus")
    if scan.kind != "consensus" or scan.status != "completed":
        raise ScanError("err.round_consensus_kind", scan=scan.short_id)
    old = {s.id for s in scans_of(stored, round_.id) if s.kind == "consensus"}
    if old:
        tables[SCANS] = {k: d for k, d in tables.get(SCANS, {}).items() if d.get("id") not in old}
    scan = msgspec.structs.replace(scan, organisation=round_.organisation)
    scan_table.add(tables, [scan])
    return scan


def delete(tables: Tables, round_: Round) -> int:
    """Remove ``round_`` and its scans (with the organisation's targets and record when
    nothing of it is left); returns how many scans went."""
    before = len(tables.get(SCANS, {}))
    tables[SCANS] = {
        k: d
        for k, d in tables.get(SCANS, {}).items()
        if not (isinstance(d.get("round"), dict) and d["round"].get("id") == round_.id)
    }
    tables[ROUNDS] = {k: d for k, d in tables.get(ROUNDS, {}).items() if d.get("id") != round_.id}
    scan_table.forget_if_gone(tables, round_.organisation)
    return before - len(tables[SCANS])


def add_imported(tables: Tables, rounds: Iterable[Round], source: str) -> int:
    """Rounds of an import: new ids added, identical ones skipped; a round id stored with
    other content refuses the import. Returns how many were added."""
    known = {r.id: r for r in decoded(tables)}
    names = stored_names(tables)
    new: list[Round] = []
    for given in rounds:
        existing = known.get(given.id)
        if existing is None:
            # a known organisation keeps its spelling
            given = msgspec.structs.replace(
                given, organisation=names.get(org_key(given.organisation), given.organisation)
            )
            new.append(given)
            known[given.id] = given
        elif existing != msgspec.structs.replace(given, organisation=existing.organisation) or (
            org_key(existing.organisation) != org_key(given.organisation)
        ):
            raise ScanError("err.import_round_conflict", file=source, round=given.short_id)
    insert(tables, ROUNDS, [round_doc(r) for r in new])
    return len(new)


def check_imported(
    tables: Tables, stored: Iterable[Scan], scans: Iterable[Scan], source: str
) -> None:
    """The new scans of an import that name a round: the round is stored (from the database
    or the same import), the scan is of its organisation and set version, and a round gets
    no second consensus. Refuses the import (``err.import_round_unknown``,
    ``err.round_other_*``, ``err.import_round_second_consensus``)."""
    rounds = {r.id: r for r in decoded(tables)}
    consensus = {s.round.id: s.id for s in stored if s.round is not None and s.kind == "consensus"}
    for scan in scans:
        link = scan.round
        if link is None:
            continue
        found = rounds.get(link.id)
        if found is None:
            raise ScanError(
                "err.import_round_unknown", file=source, scan=scan.short_id, round=link.id[:8]
            )
        check_member(found, scan, source)
        if link.kind == "consensus":
            if consensus.get(link.id, scan.id) != scan.id:
                raise ScanError(
                    "err.import_round_second_consensus",
                    file=source,
                    scan=scan.short_id,
                    round=found.short_id,
                )
            consensus[link.id] = scan.id
