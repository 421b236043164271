"""The scans database: one TinyDB file with a ``scans`` table and a ``meta`` table.

Each scan is one document (see :class:`~maturity_scan.models.Scan`); ``meta`` holds the
schema version so a later release can migrate the file. The file is only created by the
first write; reading a database that does not exist yet gives no scans.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec
from tinydb import Query, TinyDB
from tinydb.table import Table

from maturity_scan.errors import ScanError, StoreError
from maturity_scan.models import AnswerRecord, AnswerValue, Respondent, Scan, SetRef
from maturity_scan.storage import AtomicJSONStorage

SCHEMA_VERSION = 1
SCANS = "scans"
META = "meta"

_UNSET: Any = object()


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
) -> Scan:
    """A new scan with a fresh id: a draft, or completed at ``completed_at``.

    The organisation's name is trimmed and inner white space folded; an empty name is an error.
    """
    organisation = " ".join(organisation.split())
    if not organisation:
        raise ScanError("err.empty_org")
    return Scan(
        id=new_scan_id(),
        organisation=organisation,
        respondent=respondent or Respondent(),
        question_set=set_ref,
        status="draft" if completed_at is None else "completed",
        started_at=completed_at or now(),
        completed_at=completed_at,
        answers=answers or {},
    )


class Store:
    """Every read and write of scans goes through here."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._db = TinyDB(self.path, storage=AtomicJSONStorage)
        self._checked = False

    # ----------------------------------------------------------------- plumbing

    def _table(self, name: str) -> Table:
        if not self._checked:
            self.check()
        return self._db.table(name, cache_size=0)

    def check(self) -> None:
        """Read the file once: its shape, its schema version and every scan must be valid."""
        meta = self._db.table(META, cache_size=0).get(doc_id=1)
        version = meta.get("schema_version") if meta else None
        if meta is not None and not isinstance(version, int):
            raise StoreError("err.db_shape", file=str(self.path), reason="schema_version missing")
        if isinstance(version, int) and version > SCHEMA_VERSION:
            raise StoreError(
                "err.db_future", file=str(self.path), version=version, supported=SCHEMA_VERSION
            )
        self._checked = True
        for _ in self._iter_scans():
            pass

    def _ensure_meta(self) -> None:
        meta = self._db.table(META, cache_size=0)
        if meta.get(doc_id=1) is None:
            meta.insert({"schema_version": SCHEMA_VERSION})

    def _decode(self, doc: dict[str, Any]) -> Scan:
        try:
            return msgspec.convert(doc, Scan)
        except msgspec.ValidationError as err:
            raise StoreError(
                "err.db_record", file=str(self.path), id=doc.get("id", "?"), detail=str(err)
            ) from None

    def _iter_scans(self) -> Iterator[Scan]:
        for doc in self._table(SCANS).all():
            yield self._decode(dict(doc))

    # ----------------------------------------------------------------- reading

    def scans(self, organisation: str | None = None) -> list[Scan]:
        """Scans, oldest first; only those of ``organisation`` when given (case-insensitive)."""
        wanted = organisation.casefold() if organisation else None
        found = [
            s for s in self._iter_scans() if wanted is None or s.organisation.casefold() == wanted
        ]
        return sorted(found, key=lambda s: (s.date, s.id))

    def organisations(self) -> list[str]:
        return sorted({s.organisation for s in self._iter_scans()}, key=str.casefold)

    def get(self, ref: str) -> Scan:
        """The scan whose id is ``ref`` or starts with it (at least 4 characters)."""
        ref = ref.strip().lower()
        scans = self._table(SCANS)
        exact = scans.get(Query().id == ref)
        if exact is not None:
            return self._decode(dict(exact))
        if len(ref) >= 4:
            matches = scans.search(
                Query().id.test(lambda v: isinstance(v, str) and v.startswith(ref))
            )
            if len(matches) == 1:
                return self._decode(dict(matches[0]))
            if len(matches) > 1:
                raise ScanError(
                    "err.scan_ambiguous",
                    id=ref,
                    matches=", ".join(sorted(str(m["id"])[:12] for m in matches)),
                )
        raise ScanError("err.scan_not_found", id=ref)

    # ----------------------------------------------------------------- writing

    def add(self, scan: Scan) -> Scan:
        self._ensure_meta()
        self._table(SCANS).insert(msgspec.to_builtins(scan))
        return scan

    def create_draft(
        self, organisation: str, set_ref: SetRef, respondent: Respondent | None = None
    ) -> Scan:
        return self.add(make_scan(organisation, set_ref, respondent))

    def _replace(self, scan: Scan) -> Scan:
        self._table(SCANS).update(msgspec.to_builtins(scan), Query().id == scan.id)
        return scan

    def set_answer(
        self,
        scan_id: str,
        question_id: str,
        level: AnswerValue = _UNSET,
        note: str = _UNSET,
    ) -> Scan:
        """Store one answer and/or note of a draft scan; returns the updated scan."""
        scan = self.get(scan_id)
        if scan.status != "draft":
            raise ScanError("err.scan_completed", id=scan.short_id)
        old = scan.answers.get(question_id, AnswerRecord())
        record = AnswerRecord(
            level=old.level if level is _UNSET else level,
            note=old.note if note is _UNSET else note,
        )
        answers = dict(scan.answers)
        if record == AnswerRecord():
            answers.pop(question_id, None)
        else:
            answers[question_id] = record
        return self._replace(msgspec.structs.replace(scan, answers=answers))

    def complete(self, scan_id: str, when: datetime | None = None) -> Scan:
        scan = self.get(scan_id)
        if scan.status == "completed":
            return scan
        done = msgspec.structs.replace(scan, status="completed", completed_at=when or now())
        return self._replace(done)

    def delete(self, scan_id: str) -> Scan:
        scan = self.get(scan_id)
        self._table(SCANS).remove(Query().id == scan.id)
        return scan

    def import_scans(self, scans: Iterable[Scan], source: str) -> tuple[int, int]:
        """Add scans whose id is new; skip identical ones already stored. One write in all.

        A scan whose id is stored with other content refuses the whole import.
        """
        table = self._table(SCANS)
        stored = {doc["id"]: self._decode(dict(doc)) for doc in table.all()}
        new: list[Scan] = []
        skipped = 0
        for scan in scans:
            existing = stored.get(scan.id)
            if existing is None:
                new.append(scan)
                stored[scan.id] = scan
            elif existing == scan:  # datetimes compare as instants
                skipped += 1
            else:
                raise ScanError("err.import_conflict", file=source, scan=scan.short_id)
        if new:
            self._ensure_meta()
            table.insert_multiple(msgspec.to_builtins(s) for s in new)
        return len(new), skipped
