"""The scans database: one TinyDB file with a ``scans`` table and a ``meta`` table.

Each scan is one document (see :class:`~maturity_scan.core.models.Scan`); ``meta`` holds the
schema version (see :mod:`maturity_scan.storage.migrations`). The file is only created by the first
write; reading a database that does not exist yet gives no scans.

Two processes may share the file (the app and a script, two app windows): every
read-modify-write holds a lock on ``<db>.lock`` and reads the file afresh inside it, with a
new TinyDB instance, so no write is lost and no stale ID counter or cache is used. Reads take
no lock: writes replace the file atomically, so a read sees the old or the new state.

Answers and notes given to a draft go to the draft's journal beside the file (see
:mod:`maturity_scan.storage.journal`), so saving one costs the same however many scans are stored;
every other write folds the journals into the file, and every read overlays them.

Reads decode the whole file in one pass, straight into validated structs (msgspec); only a
file that pass refuses is read again the slow way, which names what is wrong with it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from maturity_scan.atomic import (
    cleanup_temp_files,
    encode_database,
    find_temp_files,
    make_private_dirs,
    parse_database,
    read_bytes_or_none,
    real_path,
    write_atomic,
)
from maturity_scan.core.models import (
    AnswerRecord,
    AnswerValue,
    Respondent,
    Scan,
    SetRef,
    Target,
    Text,
)
from maturity_scan.errors import ScanError, StoreError
from maturity_scan.inputs import convert
from maturity_scan.storage import journal
from maturity_scan.storage.migrations import META, SCANS, SCHEMA_VERSION, migrate, schema_version

if TYPE_CHECKING:
    from tinydb import TinyDB

    from maturity_scan.core.catalog import Catalog
    from maturity_scan.core.models import QuestionSet

TARGETS = "targets"

#: The longest organisation name (the Scan model refuses longer ones).
MAX_ORGANISATION = 200

#: How long a write waits for another process's lock before it gives up with a message.
LOCK_TIMEOUT = 5.0

_UNSET: Any = object()


class _File(msgspec.Struct, forbid_unknown_fields=True):
    """The database file as this release writes it: the tables by TinyDB document id."""

    meta: dict[int, dict[str, Any]] = msgspec.field(default_factory=dict)
    scans: dict[int, Scan] = msgspec.field(default_factory=dict)
    targets: dict[int, Target] = msgspec.field(default_factory=dict)


_CURRENT_META = {1: {"schema_version": SCHEMA_VERSION}}
_file_decoder = msgspec.json.Decoder(_File)


def _fast_decode(raw: bytes | None) -> _File | None:
    """The file in one pass, or ``None`` when the slow way must say what is wrong with it
    (damage, another schema version, a number JSON allows and msgspec does not)."""
    if raw is None:
        return _File()
    try:
        contents = _file_decoder.decode(raw)
    except (msgspec.DecodeError, RecursionError, ValueError):
        return None
    return contents if contents.meta == _CURRENT_META else None


@dataclasses.dataclass(frozen=True)
class Contents:
    """Scans (oldest first) and targets (by organisation, set, principle), read together."""

    scans: list[Scan]
    targets: list[Target]


@dataclasses.dataclass
class _Write:
    """One read-modify-write under the lock."""

    db: TinyDB
    #: Drafts whose (empty) journal starts once the write is done.
    start_journals: list[str] = dataclasses.field(default_factory=list)


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


Warn = Callable[[ScanError], object]


class Store:
    """Every read and write of scans goes through here.

    ``path`` may be a symbolic link: the store works on the file it points to (writes replace
    that file, the link stays; the lock, journals and backups sit beside it).

    ``catalog`` gives the installed question sets when they are needed (called at most when a
    draft's journal is read): journal lines are then checked against the draft's set. Without
    it (or when the draft's set version is not installed) lines are checked for type only.

    ``on_warning`` is called with a :class:`ScanError` for something that went wrong but did
    not stop the operation (the daily backup could not be made: ``warn.backup_failed``). It is
    called on the thread doing the write (the app's autosave thread or a worker): an app hands
    it on to the UI thread with a message. Without one, warnings collect in :attr:`warnings`.

    ``locking=False`` exists for the test that proves the lock is needed; nothing else uses it.
    """

    def __init__(
        self,
        path: Path,
        lock_timeout: float = LOCK_TIMEOUT,
        locking: bool = True,
        *,
        catalog: Callable[[], Catalog] | None = None,
        on_warning: Warn | None = None,
    ) -> None:
        self.path = real_path(Path(path))
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.lock_timeout = lock_timeout
        self.locking = locking
        self.on_warning = on_warning
        self.warnings: list[ScanError] = []
        self._catalog = catalog
        self._prepared = False
        self._backup_day: date | None = None
        self._backup_warned = False

    def _warn(self, warning: ScanError) -> None:
        if self.on_warning is None:
            self.warnings.append(warning)
        else:
            self.on_warning(warning)

    def _question_set(self, ref: SetRef) -> QuestionSet | None:
        """The installed set a scan was made with; ``None`` when unknown or not installed."""
        if self._catalog is None:
            return None
        try:
            return self._catalog().find(ref.id, ref.version)
        except ScanError:  # a broken question-set folder: the command that needs it says so
            return None

    def _check_journal(self, scan: Scan, path: Path, entries: list[journal.Entry]) -> None:
        question_set = self._question_set(scan.question_set)
        if question_set is not None:
            journal.check(entries, path, question_set)

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
            make_private_dirs(self.path.parent)
        except OSError as err:
            raise StoreError(
                "err.db_write", file=str(self.path), reason=err.strerror or err
            ) from None
        try:
            lock = FileLock(self.lock_path, timeout=wait, mode=0o600)
            lock.acquire()
        except Timeout:
            raise StoreError(
                "err.db_locked", file=str(self.path), seconds=f"{self.lock_timeout:g}"
            ) from None
        except OSError as err:  # the lock file itself cannot be opened: name it
            raise StoreError(
                "err.lock_open", file=str(self.lock_path), reason=err.strerror or err
            ) from None
        try:
            yield
        finally:
            lock.release()

    def _open(self) -> TinyDB:
        """A fresh TinyDB on the file: nothing cached from an earlier read. (Imported here:
        only writes use TinyDB, and a read-only command starts faster without it.)"""
        from tinydb import TinyDB

        from maturity_scan.storage.tinydb_storage import AtomicJSONStorage

        return TinyDB(self.path, storage=AtomicJSONStorage)

    def _prepare(self, raw: Any = _UNSET, current: bool = False) -> bool:
        """Once per store: refuse a newer schema, migrate an older one, clean up after crashes.

        ``raw`` is the file as the caller just read it; ``current`` says it already decoded
        as this schema version. Returns whether the file was migrated (read it again).
        """
        if self._prepared:
            return False
        if raw is _UNSET:
            raw = read_bytes_or_none(self.path)
        migrated = False
        if raw is not None and not current:
            tables = parse_database(raw, self.path)
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
                migrated = True
        if not migrated and self.locking and find_temp_files(self.path):
            # Clean up after an earlier crash, but never make a reader wait or fail for it.
            with contextlib.suppress(StoreError), self._locked(timeout=0):
                cleanup_temp_files(self.path)
        self._prepared = True
        return migrated

    def _migrate_locked(self) -> None:
        raw = read_bytes_or_none(self.path)  # afresh, inside the lock
        if raw is None:
            return
        tables = parse_database(raw, self.path)
        version = self._version(tables)
        if version < SCHEMA_VERSION:
            from maturity_scan.storage.backups import make_backup

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
    def _writing(self, lock_timeout: float | None = None) -> Iterator[_Write]:
        """A read-modify-write: under the lock, on the file as it is now."""
        self._prepare()
        with self._locked(lock_timeout), self._write_locked() as write:
            yield write

    @contextlib.contextmanager
    def _write_locked(self) -> Iterator[_Write]:
        """The body of :meth:`_writing`, for a caller that already holds the lock.

        The journals are folded into the tables first, so the operation sees every answer;
        the file is written (at the latest here) before they are removed.
        """
        db = self._open()
        tables = db.storage.read()
        # A damaged record or an unknown table: refuse, and never write over the file.
        self._check_tables(tables)
        for _ in self._iter_scans(db):
            pass
        for _ in self._iter_targets(db):
            pass
        folded, changed = self._fold(tables)
        self._daily_backup()
        write = _Write(db)
        yield write
        if folded:
            storage = db.storage
            if changed and not getattr(storage, "written", True) and tables is not None:
                storage.write(tables)
            journal.remove(folded)
        for scan_id in write.start_journals:
            path = journal.journal_path(self.path, scan_id)
            if path is not None:
                # Only a shortcut for the next answer: without it, that answer takes the slow way.
                with contextlib.suppress(StoreError):
                    journal.start(path)

    def _fold(self, tables: dict[str, Any] | None) -> tuple[list[Path], bool]:
        """Replay every journal on its draft in ``tables`` (in place); returns the journals
        that are then done with, including any left by a crash for a scan that is no longer
        a draft (its answers were folded before it changed), and whether any draft changed."""
        journals = journal.read_all(self.path)
        if not journals:
            return [], False
        scans: dict[str, Any] = (tables or {}).get(SCANS, {})
        by_id = {doc.get("id"): doc_id for doc_id, doc in scans.items()}
        changed = False
        for scan_id, (path, entries) in journals.items():
            doc_id = by_id.get(scan_id)
            if entries and doc_id is not None and scans[doc_id].get("status") == "draft":
                draft = self._decode(scans[doc_id])
                self._check_journal(draft, path, entries)
                scans[doc_id] = self._doc(journal.replay(draft, entries))
                changed = True
        return [path for path, _ in journals.values()], changed

    def _daily_backup(self) -> None:
        """The first write of the day keeps a copy of the file as it was. A copy that cannot
        be made never stops the write: it is reported once (``warn.backup_failed``) and tried
        again at the next write, until it succeeds."""
        today = date.today()
        if self._backup_day == today:
            return
        from maturity_scan.storage.backups import backup_dir, has_backup_on, make_backup

        try:
            raw = read_bytes_or_none(self.path)
            if raw is not None and not has_backup_on(self.path, today):
                make_backup(self.path, raw, "daily")
        except (ScanError, OSError) as err:
            if not self._backup_warned:
                self._backup_warned = True
                if isinstance(err, ScanError):
                    where = err.params.get("file", str(backup_dir(self.path)))
                    reason = err.params.get("reason") or Text(
                        nl=err.render("nl"), en=err.render("en")
                    )
                else:
                    where, reason = str(backup_dir(self.path)), err.strerror or err
                self._warn(ScanError("warn.backup_failed", file=where, reason=reason))
            return
        self._backup_day = today
        self._backup_warned = False

    def replace_file(self, raw: bytes | None, label: str) -> Path | None:
        """Set the current file aside as it is (even damaged), then put ``raw`` in its place —
        or nothing, for a fresh start. Under the lock; returns where the old file went.

        The drafts' journals belong to the old file: they go aside with it.
        """
        from maturity_scan.storage.backups import set_aside

        with self._locked():
            aside = set_aside(self.path, label)
            journals = journal.journal_dir(self.path)
            if journals.exists():
                try:
                    if aside is not None:
                        os.replace(journals, aside.with_name(aside.name + ".journal"))
                    else:  # journals without a database belong to nothing
                        import shutil

                        shutil.rmtree(journals)
                except OSError as err:
                    raise StoreError(
                        "err.db_write", file=str(journals), reason=err.strerror or err
                    ) from None
            if raw is None:
                self.path.unlink(missing_ok=True)
            else:
                write_atomic(self.path, raw)
        self._prepared = False
        return aside

    def check(self) -> int:
        """Read the whole file and every journal and validate them; returns how many scans."""
        return len(self._snapshot().scans)

    def _decode(self, doc: Any) -> Scan:
        try:
            return msgspec.convert(doc, Scan)
        except msgspec.ValidationError as err:
            ident = doc.get("id", "?") if isinstance(doc, dict) else "?"
            raise StoreError(
                "err.db_record", file=str(self.path), id=ident, detail=str(err)
            ) from None

    def _decode_target(self, doc: Any) -> Target:
        try:
            return msgspec.convert(doc, Target)
        except msgspec.ValidationError as err:
            raise StoreError("err.db_target_record", file=str(self.path), detail=str(err)) from None

    def _iter_scans(self, db: TinyDB) -> Iterator[Scan]:
        for doc in db.table(SCANS, cache_size=0).all():
            yield self._decode(dict(doc))

    # ----------------------------------------------------------------- reading

    def _snapshot(self) -> _File:
        """The file, decoded once, with the drafts' journals replayed on it. No lock."""
        # Journals first: one folded into the file after this still replays the same values.
        journals = journal.read_all(self.path)
        raw = read_bytes_or_none(self.path)
        contents = _fast_decode(raw)
        if self._prepare(raw, current=contents is not None):
            return self._snapshot()  # migrated: read the new file
        if contents is None:
            contents = self._slow_decode(raw)
        for doc_id, scan in contents.scans.items():
            if _has_naive_moment(scan):  # a hand-edited file: sorting must never fail
                contents.scans[doc_id] = _zoned_scan(scan)
        if journals:
            for doc_id, scan in contents.scans.items():
                found = journals.get(scan.id)
                if found is not None and scan.status == "draft":
                    self._check_journal(scan, *found)
                    contents.scans[doc_id] = journal.replay(scan, found[1])
        return contents

    def _slow_decode(self, raw: bytes | None) -> _File:
        """The file read with the standard library, record by record, so that an error names
        the record; used only when the one-pass decoder refuses the file."""
        if raw is None:
            return _File()
        tables = parse_database(raw, self.path)
        self._check_tables(tables)
        version = self._version(tables)
        if version > SCHEMA_VERSION:
            raise StoreError(
                "err.db_future", file=str(self.path), version=version, supported=SCHEMA_VERSION
            )
        return _File(
            scans={int(i): self._decode(dict(d)) for i, d in tables.get(SCANS, {}).items()},
            targets={
                int(i): self._decode_target(dict(d)) for i, d in tables.get(TARGETS, {}).items()
            },
        )

    def contents(self, organisation: str | None = None) -> Contents:
        """Scans and targets from one read; only those of ``organisation`` when given
        (case-insensitive)."""
        snapshot = self._snapshot()
        wanted = organisation.casefold() if organisation else None
        scans = [
            s
            for s in snapshot.scans.values()
            if wanted is None or s.organisation.casefold() == wanted
        ]
        targets = [
            t
            for t in snapshot.targets.values()
            if wanted is None or t.organisation.casefold() == wanted
        ]
        return Contents(
            scans=sorted(scans, key=lambda s: (s.date, s.id)),
            targets=sorted(
                targets, key=lambda t: (t.organisation.casefold(), t.question_set, t.principle)
            ),
        )

    def scans(self, organisation: str | None = None) -> list[Scan]:
        """Scans, oldest first; only those of ``organisation`` when given (case-insensitive)."""
        return self.contents(organisation).scans

    def targets(self, organisation: str | None = None) -> list[Target]:
        """Targets, of ``organisation`` when given (case-insensitive), by principle."""
        return self.contents(organisation).targets

    def organisations(self) -> list[str]:
        names = {s.organisation for s in self._snapshot().scans.values()}
        return sorted(names, key=str.casefold)

    def get(self, ref: str) -> Scan:
        """The scan whose id is ``ref`` or starts with it (at least 4 characters)."""
        by_id = {s.id: s for s in self._snapshot().scans.values()}
        return by_id[_match(by_id, ref)]

    def _get(self, db: TinyDB, ref: str) -> Scan:
        docs = {str(d.get("id")): d for d in db.table(SCANS, cache_size=0).all()}
        return self._decode(dict(docs[_match(docs, ref)]))

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
        with self._writing() as write:
            self._ensure_meta(write.db)
            write.db.table(SCANS, cache_size=0).insert(doc)
            if scan.status == "draft":
                write.start_journals.append(scan.id)
        return scan

    def create_draft(
        self, organisation: str, set_ref: SetRef, respondent: Respondent | None = None
    ) -> Scan:
        return self.add(make_scan(organisation, set_ref, respondent))

    def _replace(self, db: TinyDB, scan: Scan) -> Scan:
        from tinydb import Query

        db.table(SCANS, cache_size=0).update(self._doc(scan), Query().id == scan.id)
        return scan

    def set_answer(
        self,
        scan_id: str,
        question_id: str,
        level: AnswerValue = _UNSET,
        note: str = _UNSET,
    ) -> None:
        """Store one answer and/or note of a draft scan, durably.

        The quick way appends it to the draft's journal (a few milliseconds, however many
        scans are stored). Without a journal (the first answer after another write folded
        it), the answer is written into the file, and the journal starts afresh.
        """
        given: dict[str, Any] = {"question": question_id}
        if level is not _UNSET:
            given["level"] = level
        if note is not _UNSET:
            given["note"] = note
        entry = convert(given, journal.Entry, f"scan {scan_id[:8]}")
        self._prepare()
        path = journal.journal_path(self.path, scan_id)
        with self._locked():
            if path is not None and path.exists():
                journal.append(path, entry)
                return
            with self._write_locked() as write:
                scan = self._get(write.db, scan_id)
                if scan.status != "draft":
                    raise ScanError("err.scan_completed", id=scan.short_id)
                self._replace(write.db, journal.replay(scan, [entry]))
                write.start_journals.append(scan.id)

    def complete(self, scan_id: str, when: datetime | None = None) -> Scan:
        """A draft completed, with every answer of its journal folded into the file."""
        with self._writing() as write:
            scan = self._get(write.db, scan_id)
            if scan.status == "completed":
                return scan
            done = msgspec.structs.replace(scan, status="completed", completed_at=when or now())
            return self._replace(write.db, done)

    def reopen(self, scan_id: str) -> Scan:
        """A completed scan back to draft, so its answers can be corrected."""
        with self._writing() as write:
            scan = self._get(write.db, scan_id)
            if scan.status == "draft":
                return scan
            write.start_journals.append(scan.id)
            # the scan keeps its date: a correction never moves it in history
            reopened = msgspec.structs.replace(
                scan, status="draft", completed_at=None, taken_at=scan.date
            )
            return self._replace(write.db, reopened)

    def edit(
        self,
        scan_id: str,
        *,
        taken_at: datetime | None = None,
        respondent: Respondent | None = None,
    ) -> Scan:
        """Change a scan's date and/or respondent (name and role); None keeps what is stored.

        Works on drafts and completed scans alike; the answers are not touched.
        """
        with self._writing() as write:
            scan = self._get(write.db, scan_id)
            changes: dict[str, Any] = {}
            if taken_at is not None:
                changes["taken_at"] = taken_at
            if respondent is not None:
                changes["respondent"] = respondent
            if not changes:
                return scan
            return self._replace(write.db, msgspec.structs.replace(scan, **changes))

    def delete(self, scan_id: str) -> Scan:
        """Delete a scan; with an organisation's last scan its targets go too. One write."""
        with self._writing() as write:
            db = write.db
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
        with self._writing() as write:
            db = write.db
            stored = {s.id: s for s in self._iter_scans(db)}
            new: list[Scan] = []
            skipped = 0
            given: set[str] = set()
            for scan in scans:
                if scan.id in given:
                    raise ScanError("err.import_duplicate_scan", file=source, scan=scan.short_id)
                given.add(scan.id)
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
            yield self._decode_target(dict(doc))

    def set_target(self, target: Target) -> Target:
        """Set (or replace) an organisation's target for one principle."""
        from tinydb import Query

        with self._writing() as write:
            db = write.db
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
        with self._writing() as write:
            db = write.db
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

    def fold_journals(self, lock_timeout: float | None = None) -> bool:
        """Fold every draft's journal into the file now (the app does this when it quits), so
        the file alone holds every answer. Returns whether there was anything to fold.

        ``lock_timeout`` replaces the store's own: the app waits only briefly, since the
        journals are safe where they are if another program holds the lock."""
        if not journal.read_all(self.path):
            return False
        with self._writing(lock_timeout):
            pass
        return True

    def import_targets(self, targets: Iterable[Target]) -> None:
        """Add targets that are not set yet; an organisation's own targets are kept."""
        self.import_scans([], "targets", targets)


def _has_naive_moment(scan: Scan) -> bool:
    return any(
        moment is not None and moment.tzinfo is None
        for moment in (scan.started_at, scan.completed_at, scan.taken_at)
    )


def _zoned_scan(scan: Scan) -> Scan:
    """``scan`` with every stored moment given a zone (see :func:`dates.zoned`)."""
    from maturity_scan.dates import zoned

    return msgspec.structs.replace(
        scan,
        started_at=zoned(scan.started_at),
        completed_at=zoned(scan.completed_at) if scan.completed_at else None,
        taken_at=zoned(scan.taken_at) if scan.taken_at else None,
    )


def _match(ids: Iterable[str], ref: str) -> str:
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
