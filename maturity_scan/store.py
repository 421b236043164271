"""The scans database: one TinyDB file with a ``scans`` table and a ``meta`` table.

Each scan is one document (see :class:`~maturity_scan.models.Scan`); ``meta`` holds the
schema version (see :mod:`maturity_scan.migrations`). The file is only created by the first
write; reading a database that does not exist yet gives no scans.

Two processes may share the file (the app and a script, two app windows): every
read-modify-write holds a lock on ``<db>.lock`` and reads the file afresh inside it, with a
new TinyDB instance, so no write is lost and no stale ID counter or cache is used. Reads take
no lock: writes replace the file atomically, so a read sees the old or the new state.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import msgspec
from tinydb import Query, TinyDB

from maturity_scan.backups import has_backup_on, make_backup, set_aside
from maturity_scan.errors import ScanError, StoreError
from maturity_scan.files import convert
from maturity_scan.migrations import META, SCANS, SCHEMA_VERSION, migrate, schema_version
from maturity_scan.models import AnswerRecord, AnswerValue, Respondent, Scan, SetRef, Target
from maturity_scan.storage import (
    AtomicJSONStorage,
    cleanup_temp_files,
    encode_database,
    find_temp_files,
    parse_database,
    read_bytes_or_none,
    write_atomic,
)

TARGETS = "targets"

#: The longest organisation name (the Scan model refuses longer ones).
MAX_ORGANISATION = 200

#: How long a write waits for another process's lock before it gives up with a message.
LOCK_TIMEOUT = 5.0

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
    )


class Store:
    """Every read and write of scans goes through here.

    ``locking=False`` exists for the test that proves the lock is needed; nothing else uses it.
    """

    def __init__(
        self, path: Path, lock_timeout: float = LOCK_TIMEOUT, locking: bool = True
    ) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.lock_timeout = lock_timeout
        self.locking = locking
        self._prepared = False
        self._backup_day: date | None = None

    # ----------------------------------------------------------------- plumbing

    @contextlib.contextmanager
    def _locked(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the cross-process lock; a clear error when another process keeps it too long."""
        if not self.locking:
            yield
            return
        from filelock import FileLock, Timeout

        wait = self.lock_timeout if timeout is None else timeout
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            lock = FileLock(self.lock_path, timeout=wait, mode=0o600)
            lock.acquire()
        except Timeout:
            raise StoreError(
                "err.db_locked", file=str(self.path), seconds=f"{self.lock_timeout:g}"
            ) from None
        except OSError as err:
            raise StoreError(
                "err.db_write", file=str(self.path), reason=err.strerror or err
            ) from None
        try:
            yield
        finally:
            lock.release()

    def _open(self) -> TinyDB:
        """A fresh TinyDB on the file: nothing cached from an earlier read."""
        return TinyDB(self.path, storage=AtomicJSONStorage)

    def _prepare(self) -> None:
        """Once per store: refuse a newer schema, migrate an older one, clean up after crashes."""
        if self._prepared:
            return
        raw = read_bytes_or_none(self.path)
        tables = parse_database(raw, self.path) if raw is not None else None
        self._check_tables(tables)
        version = self._version(tables)
        if version > SCHEMA_VERSION:
            raise StoreError(
                "err.db_future", file=str(self.path), version=version, supported=SCHEMA_VERSION
            )
        if version < SCHEMA_VERSION:
            with self._locked():
                cleanup_temp_files(self.path)
                self._migrate_locked()
        elif self.locking and (raw is not None or find_temp_files(self.path)):
            # Clean up after an earlier crash, but never make a reader wait or fail for it.
            with contextlib.suppress(StoreError), self._locked(timeout=0):
                cleanup_temp_files(self.path)
        self._prepared = True

    def _migrate_locked(self) -> None:
        raw = read_bytes_or_none(self.path)  # afresh, inside the lock
        if raw is None:
            return
        tables = parse_database(raw, self.path)
        version = self._version(tables)
        if version < SCHEMA_VERSION:
            make_backup(self.path, raw, "pre-migration")
            migrated = migrate(tables, version)
            for doc in migrated.get(SCANS, {}).values():
                self._decode(doc)  # a migration that gives invalid scans is not written
            write_atomic(self.path, encode_database(migrated))

    def _check_tables(self, tables: dict[str, Any] | None) -> None:
        """Only the tables this program writes: a flipped byte in a table's name must not
        read as an empty database that the next write would then fill afresh."""
        unknown = sorted(set(tables or {}) - {META, SCANS, TARGETS})
        if unknown:
            raise StoreError(
                "err.db_shape", file=str(self.path), reason=f"unknown table '{unknown[0]}'"
            )

    def _version(self, tables: dict[str, Any] | None) -> int:
        try:
            return schema_version(tables)
        except ValueError as err:
            raise StoreError("err.db_shape", file=str(self.path), reason=str(err)) from None

    @staticmethod
    def _ensure_meta(db: TinyDB) -> None:
        """Record the schema version; called just before a write that may create the file."""
        meta = db.table(META, cache_size=0)
        if meta.get(doc_id=1) is None:
            meta.insert({"schema_version": SCHEMA_VERSION})

    @contextlib.contextmanager
    def _writing(self) -> Iterator[TinyDB]:
        """A read-modify-write: under the lock, on the file as it is now."""
        self._prepare()
        with self._locked():
            db = self._open()
            # A damaged record or an unknown table: refuse, and never write over the file.
            self._check_tables(db.storage.read())
            for _ in self._iter_scans(db):
                pass
            for _ in self._iter_targets(db):
                pass
            self._daily_backup()
            yield db

    def _daily_backup(self) -> None:
        today = date.today()
        if self._backup_day == today:
            return
        raw = read_bytes_or_none(self.path)
        if raw is not None and not has_backup_on(self.path, today):
            make_backup(self.path, raw, "daily")
        self._backup_day = today

    def _reading(self) -> TinyDB:
        self._prepare()
        return self._open()

    def replace_file(self, raw: bytes | None, label: str) -> Path | None:
        """Set the current file aside as it is (even damaged), then put ``raw`` in its place —
        or nothing, for a fresh start. Under the lock; returns where the old file went."""
        with self._locked():
            aside = set_aside(self.path, label)
            if raw is None:
                self.path.unlink(missing_ok=True)
            else:
                write_atomic(self.path, raw)
        self._prepared = False
        return aside

    def check(self) -> int:
        """Read the whole file and validate every scan; returns how many there are."""
        return sum(1 for _ in self._iter_scans(self._reading()))

    def _decode(self, doc: Any) -> Scan:
        try:
            return msgspec.convert(doc, Scan)
        except msgspec.ValidationError as err:
            ident = doc.get("id", "?") if isinstance(doc, dict) else "?"
            raise StoreError(
                "err.db_record", file=str(self.path), id=ident, detail=str(err)
            ) from None

    def _iter_scans(self, db: TinyDB) -> Iterator[Scan]:
        for doc in db.table(SCANS, cache_size=0).all():
            yield self._decode(dict(doc))

    # ----------------------------------------------------------------- reading

    def scans(self, organisation: str | None = None) -> list[Scan]:
        """Scans, oldest first; only those of ``organisation`` when given (case-insensitive)."""
        wanted = organisation.casefold() if organisation else None
        found = [
            s
            for s in self._iter_scans(self._reading())
            if wanted is None or s.organisation.casefold() == wanted
        ]
        return sorted(found, key=lambda s: (s.date, s.id))

    def organisations(self) -> list[str]:
        return sorted({s.organisation for s in self._iter_scans(self._reading())}, key=str.casefold)

    def get(self, ref: str) -> Scan:
        """The scan whose id is ``ref`` or starts with it (at least 4 characters)."""
        return self._get(self._reading(), ref)

    def _get(self, db: TinyDB, ref: str) -> Scan:
        ref = ref.strip().lower()
        scans = db.table(SCANS, cache_size=0)
        exact = scans.get(Query().id == ref)
        if exact is not None:
            return self._decode(dict(exact))
        if len(ref) < 4:
            raise ScanError("err.scan_id_short", id=ref)
        if ref:
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

    def _doc(self, scan: Scan, source: str | None = None) -> dict[str, Any]:
        """The document for ``scan``. A scan that would not read back (an organisation over
        200 characters, a level 9) is refused: written, it would make the whole file unreadable."""
        doc: dict[str, Any] = msgspec.to_builtins(scan)
        where = f"scan {scan.short_id}"
        convert(doc, Scan, f"{source}: {where}" if source else where)
        return doc

    def add(self, scan: Scan) -> Scan:
        doc = self._doc(scan)
        with self._writing() as db:
            self._ensure_meta(db)
            db.table(SCANS, cache_size=0).insert(doc)
        return scan

    def create_draft(
        self, organisation: str, set_ref: SetRef, respondent: Respondent | None = None
    ) -> Scan:
        return self.add(make_scan(organisation, set_ref, respondent))

    def _replace(self, db: TinyDB, scan: Scan) -> Scan:
        db.table(SCANS, cache_size=0).update(self._doc(scan), Query().id == scan.id)
        return scan

    def set_answer(
        self,
        scan_id: str,
        question_id: str,
        level: AnswerValue = _UNSET,
        note: str = _UNSET,
    ) -> Scan:
        """Store one answer and/or note of a draft scan; returns the updated scan."""
        with self._writing() as db:
            scan = self._get(db, scan_id)
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
            return self._replace(db, msgspec.structs.replace(scan, answers=answers))

    def complete(self, scan_id: str, when: datetime | None = None) -> Scan:
        with self._writing() as db:
            scan = self._get(db, scan_id)
            if scan.status == "completed":
                return scan
            done = msgspec.structs.replace(scan, status="completed", completed_at=when or now())
            return self._replace(db, done)

    def reopen(self, scan_id: str) -> Scan:
        """A completed scan back to draft, so its answers can be corrected."""
        with self._writing() as db:
            scan = self._get(db, scan_id)
            if scan.status == "draft":
                return scan
            return self._replace(
                db, msgspec.structs.replace(scan, status="draft", completed_at=None)
            )

    def delete(self, scan_id: str) -> Scan:
        """Delete a scan; with an organisation's last scan its targets go too. One write."""
        with self._writing() as db:
            scan = self._get(db, scan_id)
            tables = db.storage.read() or {}
            scans = {k: d for k, d in tables.get(SCANS, {}).items() if d.get("id") != scan.id}
            tables[SCANS] = scans
            org = scan.organisation.casefold()
            if not any(str(d.get("organisation", "")).casefold() == org for d in scans.values()):
                tables[TARGETS] = {
                    k: d
                    for k, d in tables.get(TARGETS, {}).items()
                    if str(d.get("organisation", "")).casefold() != org
                }
            db.storage.write(tables)
            return scan

    def import_scans(
        self, scans: Iterable[Scan], source: str, targets: Iterable[Target] = ()
    ) -> tuple[int, int]:
        """Add scans whose id is new; skip identical ones already stored; add targets that are
        not set yet (an organisation's own targets are kept). One write in all.

        A scan whose id is stored with other content refuses the whole import.
        """
        with self._writing() as db:
            stored = {s.id: s for s in self._iter_scans(db)}
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
            have = list(self._iter_targets(db))
            new_targets: list[Target] = []
            for target in targets:
                if not any(t.same_key(target) for t in [*have, *new_targets]):
                    new_targets.append(target)
            if new or new_targets:
                additions = {
                    SCANS: [self._doc(s, source) for s in new],
                    TARGETS: [msgspec.to_builtins(t) for t in new_targets],
                }
                tables = db.storage.read() or {}
                for name, docs in additions.items():
                    table = tables.setdefault(name, {})
                    next_id = max((int(i) for i in table), default=0) + 1
                    for offset, doc in enumerate(docs):
                        table[str(next_id + offset)] = doc
                tables.setdefault(META, {"1": {"schema_version": SCHEMA_VERSION}})
                db.storage.write(tables)
            return len(new), skipped

    # ----------------------------------------------------------------- targets

    def _iter_targets(self, db: TinyDB) -> Iterator[Target]:
        for doc in db.table(TARGETS, cache_size=0).all():
            try:
                yield msgspec.convert(dict(doc), Target)
            except msgspec.ValidationError as err:
                raise StoreError(
                    "err.db_target_record", file=str(self.path), detail=str(err)
                ) from None

    def targets(self, organisation: str | None = None) -> list[Target]:
        """Targets, of ``organisation`` when given (case-insensitive), by principle."""
        found = [
            t
            for t in self._iter_targets(self._reading())
            if organisation is None or t.organisation.casefold() == organisation.casefold()
        ]
        return sorted(found, key=lambda t: (t.organisation.casefold(), t.question_set, t.principle))

    def set_target(self, target: Target) -> Target:
        """Set (or replace) an organisation's target for one principle."""
        with self._writing() as db:
            self._ensure_meta(db)
            key = target.organisation.casefold()
            same = (
                (Query().question_set == target.question_set)
                & (Query().principle == target.principle)
                & Query().organisation.test(lambda o: isinstance(o, str) and o.casefold() == key)
            )
            db.table(TARGETS, cache_size=0).upsert(msgspec.to_builtins(target), same)  # one write
        return target

    def replace_targets(
        self, organisation: str, question_set: str, targets: Iterable[Target]
    ) -> list[Target]:
        """All of an organisation's targets for one question set at once, in one write."""
        new = list(targets)
        key = organisation.casefold()
        with self._writing() as db:
            tables = db.storage.read() or {}
            kept = {
                doc_id: doc
                for doc_id, doc in tables.get(TARGETS, {}).items()
                if not (
                    str(doc.get("organisation", "")).casefold() == key
                    and doc.get("question_set") == question_set
                )
            }
            next_id = max((int(i) for i in tables.get(TARGETS, {})), default=0) + 1
            for offset, target in enumerate(new):
                kept[str(next_id + offset)] = msgspec.to_builtins(target)
            tables[TARGETS] = kept
            tables.setdefault(META, {"1": {"schema_version": SCHEMA_VERSION}})
            db.storage.write(tables)
        return new

    def import_targets(self, targets: Iterable[Target]) -> None:
        """Add targets that are not set yet; an organisation's own targets are kept."""
        self.import_scans([], "targets", targets)
