"""The ``scans`` table: making a scan, finding one by (a prefix of) its id, and the changes
a unit of work makes to the table's documents.

The functions that change the table work on the file's tables as plain dicts inside a
:class:`~maturity_scan.storage.database.Unit` (the caller marks the unit changed); the others
are pure. Invariants: a scan is written only as a document that decodes back
(:func:`~maturity_scan.storage.codec.scan_doc`); stored ids are never normalised, and a ref
only ever selects the scan whose id is shown for it (:func:`match`); deleting an
organisation's last scan deletes its targets in the same write.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

import msgspec

from maturity_scan.atomic import Tables
from maturity_scan.core.models import AnswerRecord, Respondent, Scan, SetRef
from maturity_scan.core.names import org_key
from maturity_scan.errors import ScanError
from maturity_scan.storage.codec import ORGANISATIONS, ROUNDS, TARGETS, insert, scan_doc
from maturity_scan.storage.migrations import SCANS

#: The longest organisation name (the Scan model refuses longer ones).
MAX_ORGANISATION = 200


def now() -> datetime:
    return datetime.now().astimezone()


def new_scan_id() -> str:
    return uuid.uuid4().hex


def make_scan(
    organisation: str,
    set_ref: SetRef,
    respondent: Respondent | None = None,
    *,
    completed_at: datetime | None = None,
    answers: dict[str, AnswerRecord] | None = None,
    taken_at: datetime | None = None,
) -> Scan:
    """A new scan with a fresh id: a draft, or completed at ``completed_at``.

    ``taken_at`` is the scan's date (default: ``completed_at``, else now). The organisation's
    name is trimmed and inner white space folded; an empty name is an error.
    """
    organisation = " ".join(organisation.split())
    if not organisation:
        raise ScanError("err.empty_org")
    if len(organisation) > MAX_ORGANISATION:
        raise ScanError("err.org_too_long", limit=MAX_ORGANISATION, length=len(organisation))
    return Scan(
        id=new_scan_id(),
        organisation=organisation,
        respondent=respondent or Respondent(),
        question_set=set_ref,
        status="draft" if completed_at is None else "completed",
        started_at=completed_at or now(),
        completed_at=completed_at,
        answers=answers or {},
        taken_at=taken_at or completed_at or now(),
    )


def select(scans: Iterable[Scan], organisation: str | None = None) -> list[Scan]:
    """``scans``, oldest first; only those of ``organisation`` when given (its name folded:
    :func:`~maturity_scan.core.names.org_key`)."""
    wanted = org_key(organisation) if organisation else None
    chosen = [s for s in scans if wanted is None or org_key(s.organisation) == wanted]
    return sorted(chosen, key=lambda s: (s.date, s.id))


def find(scans: dict[str, Scan], ref: str) -> Scan:
    """The scan of ``scans`` (by document id) that ``ref`` names (see :func:`match`)."""
    by_id = {scan.id: scan for scan in scans.values()}
    return by_id[match(by_id, ref)]


def add(tables: Tables, scans: Iterable[Scan], source: str | None = None) -> None:
    """Add ``scans`` (from ``source``: named when one would not read back) as new documents."""
    insert(tables, SCANS, [scan_doc(scan, source) for scan in scans])


def put(tables: Tables, scan: Scan) -> Scan:
    """Store ``scan`` over the stored scan with its id (its document keeps its place)."""
    doc = scan_doc(scan)
    for stored in tables.get(SCANS, {}).values():
        if stored.get("id") == scan.id:
            stored.update(doc)
    return scan


def delete(tables: Tables, scan: Scan) -> None:
    """Remove ``scan``; with its organisation's last scan (and no team round left), the
    organisation's targets and record too."""
    tables[SCANS] = {k: d for k, d in tables.get(SCANS, {}).items() if d.get("id") != scan.id}
    forget_if_gone(tables, scan.organisation)


def forget_if_gone(tables: Tables, organisation: str) -> None:
    """Remove the targets and record of ``organisation`` when no scan or round of it is left."""
    org = org_key(organisation)
    left = [*tables.get(SCANS, {}).values(), *tables.get(ROUNDS, {}).values()]
    if not any(org_key(str(d.get("organisation", ""))) == org for d in left):
        for table, field in ((TARGETS, "organisation"), (ORGANISATIONS, "name")):
            if table in tables:
                tables[table] = {
                    k: d for k, d in tables[table].items() if org_key(str(d.get(field, ""))) != org
                }


def sort_import(
    stored: Iterable[Scan], scans: Iterable[Scan], source: str
) -> tuple[list[Scan], int]:
    """The scans of an import that are new, and how many are already stored as they are.

    A scan given twice, or whose id is stored with other content, refuses the whole import.
    """
    known = {s.id: s for s in stored}
    new: list[Scan] = []
    skipped = 0
    given: set[str] = set()
    for scan in scans:
        if scan.id in given:
            raise ScanError("err.import_duplicate_scan", file=source, scan=scan.short_id)
        given.add(scan.id)
        existing = known.get(scan.id)
        if existing is None:
            new.append(scan)
            known[scan.id] = scan
        elif existing == scan or (  # datetimes compare as instants
            # renamed here since: the same organisation, spelled as it is now
            org_key(existing.organisation) == org_key(scan.organisation)
            and existing == msgspec.structs.replace(scan, organisation=existing.organisation)
        ):
            skipped += 1
        else:
            raise ScanError("err.import_conflict", file=source, scan=scan.short_id)
    return new, skipped


def match(ids: Iterable[str], ref: str) -> str:
    """The id that is ``ref``, or the only one that starts with it (at least 4 characters).

    Stored ids are never normalised (older imports may hold upper case or blanks), so a ref
    can only ever select the scan whose id is shown for it: the id exactly as given wins, then
    as given without surrounding blanks; a prefix matches the stored id as it is spelled, and
    a ref in another case also matches ids in the program's own (lower-case) form. More than
    one candidate is an error listing them, never a silent choice.
    """
    known = set(ids)
    if ref in known:
        return ref
    bare = ref.strip()
    if bare in known:
        return bare
    if len(bare) < 4:
        raise ScanError("err.scan_id_short", id=ref)
    lower = bare.lower()
    matches = sorted(
        i
        for i in known
        if i.startswith(bare)
        or i.strip().startswith(bare)
        or (i == i.lower() and i.startswith(lower))
    )
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ScanError(
            "err.scan_ambiguous", id=ref, matches=", ".join(repr(m[:12]) for m in matches)
        )
    raise ScanError("err.scan_not_found", id=ref)
