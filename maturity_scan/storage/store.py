"""The scans database: the :class:`Store` facade, every read and write of scans and targets.

The file is one TinyDB-format JSON file with a ``meta``, a ``scans`` and a ``targets`` table
(see :mod:`~maturity_scan.storage.codec`); ``meta`` holds the schema version (see
:mod:`~maturity_scan.storage.migrations`). The file is only created by the first write;
reading a database that does not exist yet gives no scans.

The store only composes the parts, each in its own module:

- :mod:`~maturity_scan.storage.codec`: the file's format, the fast and the slow decode;
- :mod:`~maturity_scan.storage.lock`: the cross-process lock;
- :mod:`~maturity_scan.storage.preparation`: refusing a newer schema, migrating an older
  one, cleaning up after a crash, the daily backup;
- :mod:`~maturity_scan.storage.database`: the snapshot read (no lock) and the unit of work
  (under the lock, journals folded in, one atomic write), the only way the file is changed;
- :mod:`~maturity_scan.storage.scans`, :mod:`~maturity_scan.storage.targets` and
  :mod:`~maturity_scan.storage.organisations`: what each operation does to its table;
- :mod:`~maturity_scan.storage.journal`: answers given to a draft are appended to its journal
  beside the file, so saving one costs the same however many scans are stored.

Importing this module imports neither TinyDB nor :mod:`json`: a read-only command starts
faster without them (``tests/test_cli.py`` checks it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from maturity_scan.atomic import read_bytes_or_none, real_path
from maturity_scan.core.models import (
    AnswerValue,
    Organisation,
    Respondent,
    Round,
    Scan,
    SetRef,
    Target,
)
from maturity_scan.core.names import org_key
from maturity_scan.errors import ScanError
from maturity_scan.inputs import convert
from maturity_scan.storage import journal
from maturity_scan.storage import organisations as org_table
from maturity_scan.storage import rounds as round_table
from maturity_scan.storage import scans as scan_table
from maturity_scan.storage import targets as target_table
from maturity_scan.storage.codec import TARGETS, scan_doc
from maturity_scan.storage.contents import Contents, ImportCounts
from maturity_scan.storage.database import Database
from maturity_scan.storage.lock import LOCK_TIMEOUT, Lock
from maturity_scan.storage.migrations import SCHEMA_VERSION
from maturity_scan.storage.preparation import Preparation, Warn
from maturity_scan.storage.round_store import RoundStore
from maturity_scan.storage.scans import MAX_ORGANISATION, make_scan, new_scan_id, now

if TYPE_CHECKING:
    from maturity_scan.core.catalog import Catalog

__all__ = [
    "LOCK_TIMEOUT",
    "MAX_ORGANISATION",
    "SCHEMA_VERSION",
    "TARGETS",
    "Contents",
    "Store",
    "Warn",
    "make_scan",
    "new_scan_id",
    "now",
]

_UNSET: Any = object()


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
        self._lock = Lock(self.path, lock_timeout, locking)
        self.lock_path = self._lock.lock_path
        self.on_warning = on_warning
        self.warnings: list[ScanError] = []
        self._preparation = Preparation(self.path, self._lock, self._warn)
        self._db = Database(self.path, self._lock, self._preparation, catalog)
        #: Team rounds: their reads and writes (``round_store.RoundStore``).
        self.rounds = RoundStore(self._db)

    @property
    def lock_timeout(self) -> float:
        """How long a write waits for another process's lock (seconds)."""
        return self._lock.timeout

    @lock_timeout.setter
    def lock_timeout(self, seconds: float) -> None:
        self._lock.timeout = seconds

    @property
    def locking(self) -> bool:
        return self._lock.enabled

    @locking.setter
    def locking(self, enabled: bool) -> None:
        self._lock.enabled = enabled

    def _warn(self, warning: ScanError) -> None:
        if self.on_warning is None:
            self.warnings.append(warning)
        else:
            self.on_warning(warning)

    # ----------------------------------------------------------------- reading

    def contents(self, organisation: str | None = None) -> Contents:
        """Scans, targets, records and rounds from one read; only those of ``organisation``
        when given (case-insensitive)."""
        snapshot = self._db.snapshot()
        wanted = org_key(organisation) if organisation else None
        return Contents(
            scans=scan_table.select(snapshot.scans.values(), organisation),
            targets=target_table.select(snapshot.targets.values(), organisation),
            organisations=[
                o for o in snapshot.organisations.values() if wanted in (None, org_key(o.name))
            ],
            rounds=round_table.select(snapshot.rounds.values(), organisation),
        )

    def overview_contents(self) -> Contents:
        """What the organisation overview needs, from one read: every scan, with the answers
        of only those it scores (:mod:`~maturity_scan.storage.heads`); targets; records."""
        from maturity_scan.storage.heads import overview_scans

        found = overview_scans(read_bytes_or_none(self.path))
        if found is None:
            return self.contents()  # the whole read, which names what is wrong
        self._preparation.prepare(SCHEMA_VERSION)
        scans, targets, records, rounds = found
        return Contents(scans, target_table.select(targets), records, round_table.select(rounds))

    def scans(self, organisation: str | None = None) -> list[Scan]:
        """Scans, oldest first; only those of ``organisation`` when given (case-insensitive)."""
        return self.contents(organisation).scans

    def targets(self, organisation: str | None = None) -> list[Target]:
        """Targets, of ``organisation`` when given (case-insensitive), by principle."""
        return self.contents(organisation).targets

    def organisations(self) -> list[str]:
        """One name per organisation with a scan or a team round: its record's spelling, else
        its latest scan's, else its round's; sorted by key."""
        from maturity_scan.core.organisations import shown_names

        contents = self.contents()
        names = {org_key(r.organisation): r.organisation for r in contents.rounds}
        names |= shown_names(contents.scans, contents.organisations)
        return [names[key] for key in sorted(names)]

    def get(self, ref: str) -> Scan:
        """The scan whose id is ``ref`` or starts with it (at least 4 characters)."""
        by_id = {s.id: s for s in self._db.snapshot().scans.values()}
        return by_id[scan_table.match(by_id, ref)]

    def check(self) -> int:
        """Read the whole file and every journal and validate them; returns how many scans."""
        return len(self._db.snapshot().scans)

    # ----------------------------------------------------------------- scans

    def add(self, scan: Scan) -> Scan:
        """Store a new scan, filed under the stored spelling of its organisation when the
        organisation is known (:attr:`Scan.organisation` of the scan returned says which)."""
        scan_doc(scan)  # a scan that would not read back is refused before the lock is taken
        with self._db.unit() as unit:
            stored = org_table.stored_names(unit.tables).get(org_key(scan.organisation))
            if stored is not None and stored != scan.organisation:
                scan = msgspec.structs.replace(scan, organisation=stored)
            scan_table.add(unit.tables, [scan])
            unit.change()
            if scan.status == "draft":
                unit.start_journals.append(scan.id)
        return scan

    def create_draft(
        self, organisation: str, set_ref: SetRef, respondent: Respondent | None = None
    ) -> Scan:
        return self.add(make_scan(organisation, set_ref, respondent))

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
        self._preparation.prepare_file()
        path = journal.journal_path(self.path, scan_id)
        with self._lock.held():
            if path is not None and path.exists():
                journal.append(path, entry)
                return
            with self._db.unit_locked() as unit:
                scan = scan_table.find(unit.scans, scan_id)
                if scan.status != "draft":
                    raise ScanError("err.scan_completed", id=scan.short_id)
                scan_table.put(unit.tables, journal.replay(scan, [entry]))
                unit.change()
                unit.start_journals.append(scan.id)

    def complete(self, scan_id: str, when: datetime | None = None) -> Scan:
        """A draft completed, with every answer of its journal folded into the file."""
        with self._db.unit() as unit:
            scan = scan_table.find(unit.scans, scan_id)
            if scan.status == "completed":
                return scan
            done = msgspec.structs.replace(scan, status="completed", completed_at=when or now())
            unit.change()
            return scan_table.put(unit.tables, done)

    def reopen(self, scan_id: str) -> Scan:
        """A completed scan back to draft, so its answers can be corrected. A round's
        consensus is not: its answers change only with a reason, in a new consensus."""
        with self._db.unit() as unit:
            scan = scan_table.find(unit.scans, scan_id)
            if scan.status == "draft":
                return scan
            if scan.kind == "consensus":
                raise ScanError("err.consensus_reopen", id=scan.short_id)
            unit.change()
            unit.start_journals.append(scan.id)
            # the scan keeps its date: a correction never moves it in history
            reopened = msgspec.structs.replace(
                scan, status="draft", completed_at=None, taken_at=scan.date
            )
            return scan_table.put(unit.tables, reopened)

    def edit(
        self,
        scan_id: str,
        *,
        taken_at: datetime | None = None,
        respondent: Respondent | None = None,
    ) -> Scan:
        """Change a scan's date and/or respondent (name and role); None keeps what is stored.

        Works on drafts and completed scans alike; the answers are not touched. A team
        round's scan takes its date from the round and its role from the round's roles: those
        are refused (a respondent's name may change).
        """
        with self._db.unit() as unit:
            scan = scan_table.find(unit.scans, scan_id)
            if scan.round is not None:
                if taken_at is not None and taken_at.date() != scan.date.date():
                    raise ScanError("err.edit_round_date", id=scan.short_id)
                if respondent is not None and respondent.role != scan.respondent.role:
                    raise ScanError("err.edit_round_role", id=scan.short_id)
            changes: dict[str, Any] = {}
            if taken_at is not None:
                changes["taken_at"] = taken_at
            if respondent is not None:
                changes["respondent"] = respondent
            if not changes:
                return scan
            unit.change()
            return scan_table.put(unit.tables, msgspec.structs.replace(scan, **changes))

    def delete(self, scan_id: str) -> Scan:
        """Delete a scan; with an organisation's last scan its targets go too. One write."""
        with self._db.unit() as unit:
            scan = scan_table.find(unit.scans, scan_id)
            scan_table.delete(unit.tables, scan)
            unit.change()
            return scan

    def import_scans(
        self,
        scans: Iterable[Scan],
        source: str,
        targets: Iterable[Target] = (),
        organisations: Iterable[Organisation] = (),
        rounds: Iterable[Round] = (),
    ) -> ImportCounts:
        """Add scans whose id is new, under the stored spelling of a known organisation; skip
        identical ones already stored; add targets that are not set yet (an organisation's
        own targets are kept), the groups an organisation lacks and team rounds whose id is
        new. One write in all.

        A scan or round whose id is stored with other content refuses the whole import, as
        does a scan whose round is neither in the import nor stored, of another organisation
        or set version than its round, or a second consensus of a round.
        """
        with self._db.unit() as unit:
            rounds_added = round_table.add_imported(unit.tables, rounds, source)
            if rounds_added:
                unit.change()
            records = list(organisations)
            # a known organisation keeps its spelling; a new one takes its record's
            names = {org_key(o.name): o.name for o in records}
            names |= org_table.stored_names(unit.tables)
            new, skipped = scan_table.sort_import(unit.scans.values(), scans, source)
            round_table.check_imported(unit.tables, unit.scans.values(), new, source)
            new = [
                msgspec.structs.replace(
                    s, organisation=names.get(org_key(s.organisation), s.organisation)
                )
                for s in new
            ]
            new_targets = target_table.missing(unit.targets.values(), targets)
            if new or new_targets:
                scan_table.add(unit.tables, new, source)
                target_table.add(unit.tables, new_targets)
                unit.change()
            records_changed = org_table.add_missing(unit.tables, records)
            if records_changed:
                unit.change()
            return ImportCounts(len(new), skipped, records_changed, rounds_added)

    # ----------------------------------------------------------------- organisations

    def rename_organisation(self, name: str, new_name: str) -> org_table.Moved:
        """Every scan, target and setting of organisation ``name`` under ``new_name`` (one
        write). ``new_name`` may respell it; another stored organisation is refused."""
        with self._db.unit() as unit:
            moved = org_table.rename(unit.tables, org_table.resolve(unit.tables, name), new_name)
            unit.change()
            return moved

    def merge_organisations(self, source: str, into: str) -> org_table.Moved:
        """Everything of organisation ``source`` moved to ``into`` (see
        :func:`~maturity_scan.storage.organisations.merge`), in one write."""
        with self._db.unit() as unit:
            keys = org_table.resolve(unit.tables, source), org_table.resolve(unit.tables, into)
            moved = org_table.merge(unit.tables, *keys, unit.targets.values())
            unit.change()
            return moved

    def tag_organisation(
        self, name: str, groups: Iterable[str], *, add: bool = True
    ) -> Organisation:
        """Groups added to (``add``) or taken off organisation ``name``."""
        with self._db.unit() as unit:
            changed = org_table.tag(
                unit.tables, org_table.resolve(unit.tables, name), groups, add=add
            )
            unit.change()
            return changed

    def set_rescan(self, name: str, months: int) -> Organisation:
        """Organisation ``name`` is due for a new scan ``months`` after its last one."""
        with self._db.unit() as unit:
            changed = org_table.set_rescan(
                unit.tables, org_table.resolve(unit.tables, name), months
            )
            unit.change()
            return changed

    # ----------------------------------------------------------------- targets

    def set_target(self, target: Target) -> Target:
        """Set (or replace) an organisation's target for one principle."""
        with self._db.unit() as unit:
            target_table.upsert(unit.tables, target)
            unit.change()
        return target

    def replace_targets(
        self, organisation: str, question_set: str, targets: Iterable[Target]
    ) -> list[Target]:
        """All of an organisation's targets for one question set at once, in one write."""
        new = list(targets)
        with self._db.unit() as unit:
            target_table.replace(unit.tables, organisation, question_set, new)
            unit.change()
        return new

    def import_targets(self, targets: Iterable[Target]) -> None:
        """Add targets that are not set yet; an organisation's own targets are kept."""
        self.import_scans([], "targets", targets)

    # ----------------------------------------------------------------- the file

    def fold_journals(self, lock_timeout: float | None = None) -> bool:
        """Fold every draft's journal into the file now (the app does this when it quits), so
        the file alone holds every answer. Returns whether there was anything to fold.

        ``lock_timeout`` replaces the store's own: the app waits only briefly, since the
        journals are safe where they are if another program holds the lock."""
        if not journal.read_all(self.path):
            return False
        with self._db.unit(lock_timeout):
            pass
        return True

    def replace_file(self, raw: bytes | None, label: str) -> Path | None:
        """Set the current file aside as it is (even damaged), then put ``raw`` in its place —
        or nothing, for a fresh start. Under the lock; returns where the old file went.

        The drafts' journals belong to the old file: they go aside with it.
        """
        return self._db.replace_file(raw, label)
