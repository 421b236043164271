"""Reading the database and changing it: the snapshot read and the unit of work.

A **read** (:meth:`Database.snapshot`) takes no lock: writes replace the file atomically, so
it sees the old or the new state. It reads the drafts' journals *before* the file (a journal
folded into the file after that still replays the same values), decodes the file the fast way
when it can (:mod:`maturity_scan.storage.codec`) and overlays the journals on drafts only.
It imports neither TinyDB nor :mod:`json` on the fast way (see ``tests/test_cli.py``).

A **write** is one unit of work (:meth:`Database.unit`), the only way the file is changed
(besides :meth:`Database.replace_file`, which restores or resets it whole):

1. hold the lock, read and parse the file afresh (nothing cached from an earlier read)
   through the TinyDB storage of the file (:mod:`maturity_scan.storage.tinydb_storage`);
2. prepare it once per store (:mod:`maturity_scan.storage.preparation`);
3. decode every scan and target: a damaged record or an unknown table refuses the write and
   the file is never written over;
4. fold every journal into the tables, so the operation sees every answer;
5. keep the day's backup; then the operation changes :attr:`Unit.tables` as plain dicts and
   says so (:meth:`Unit.change`);
6. write the tables once, atomically (the storage's ``write``), when anything changed (the
   operation or the fold), then remove the folded journals (after the write: a crash in
   between only replays the same values), then start the journals the operation asked for.

Invariant, kept under the lock: a journal exists only for a scan that is a draft in the file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from maturity_scan.atomic import Tables, read_bytes_or_none, write_atomic
from maturity_scan.core.models import Scan, SetRef, Target
from maturity_scan.errors import ScanError, StoreError
from maturity_scan.storage import journal
from maturity_scan.storage.codec import (
    TARGETS,
    File,
    decode_scan,
    decode_target,
    fast_decode,
    file_from_tables,
    parse_tables,
    scan_doc,
    with_meta,
    with_zones,
)
from maturity_scan.storage.lock import Lock
from maturity_scan.storage.migrations import SCANS, SCHEMA_VERSION
from maturity_scan.storage.preparation import Preparation

if TYPE_CHECKING:
    from maturity_scan.core.catalog import Catalog
    from maturity_scan.core.models import QuestionSet


@dataclasses.dataclass
class Unit:
    """One read-modify-write under the lock, on the file as it is now, journals folded in."""

    #: The file's tables (``{"scans": {"<doc id>": {...}}, ...}``): change them in place.
    tables: Tables
    #: Every scan and target, decoded by document id, as they were when the unit began
    #: (after the fold); an operation that changes the tables does not change these.
    scans: dict[str, Scan]
    targets: dict[str, Target]
    #: Drafts whose (empty) journal starts once the write is done.
    start_journals: list[str] = dataclasses.field(default_factory=list)
    changed: bool = False

    def change(self) -> None:
        """The operation changed :attr:`tables`: the unit writes them."""
        self.changed = True


class Database:
    """The file at ``path`` with its lock, preparation and journals."""

    def __init__(
        self,
        path: Path,
        lock: Lock,
        preparation: Preparation,
        catalog: Callable[[], Catalog] | None = None,
    ) -> None:
        self.path = path
        self.lock = lock
        self.preparation = preparation
        self._catalog = catalog

    def _question_set(self, ref: SetRef) -> QuestionSet | None:
        """The installed set a scan was made with; ``None`` when unknown or not installed."""
        if self._catalog is None:
            return None
        try:
            return self._catalog().find(ref.id, ref.version)
        except ScanError:  # a broken question-set folder: the command that needs it says so
            return None

    def _check_journal(self, scan: Scan, path: Path, entries: list[journal.Entry]) -> None:
        """Journal lines against the draft's installed set (type only without one)."""
        question_set = self._question_set(scan.question_set)
        if question_set is not None:
            journal.check(entries, path, question_set)

    # ----------------------------------------------------------------- reading

    def snapshot(self) -> File:
        """The file, decoded once, with the drafts' journals replayed on it. No lock."""
        # Journals first: one folded into the file after this still replays the same values.
        journals = journal.read_all(self.path)
        raw = read_bytes_or_none(self.path)
        contents = fast_decode(raw)
        if contents is None:
            tables, version = parse_tables(raw, self.path)  # names what is wrong
            if self.preparation.prepare(version):
                return self.snapshot()  # migrated: read the new file
            contents = file_from_tables(tables, self.path)
        else:
            self.preparation.prepare(SCHEMA_VERSION)
        for doc_id, scan in contents.scans.items():
            contents.scans[doc_id] = with_zones(scan)  # a hand-edited file: sorting never fails
            found = journals.get(scan.id)
            if found is not None and scan.status == "draft":
                self._check_journal(scan, *found)
                contents.scans[doc_id] = journal.replay(contents.scans[doc_id], found[1])
        return contents

    # ----------------------------------------------------------------- writing

    @contextlib.contextmanager
    def unit(self, lock_timeout: float | None = None) -> Iterator[Unit]:
        """A unit of work: under the lock (waiting ``lock_timeout``, default the lock's)."""
        with self.lock.held(lock_timeout), self.unit_locked() as unit:
            yield unit

    @contextlib.contextmanager
    def unit_locked(self) -> Iterator[Unit]:
        """:meth:`unit`, for a caller that already holds the lock (see the module's steps)."""
        from maturity_scan.storage.tinydb_storage import AtomicJSONStorage

        storage = AtomicJSONStorage(self.path)
        raw, tables = self.preparation.prepare_locked(storage.raw, storage.tables, storage.version)
        unit = Unit(
            tables=tables,
            scans={i: decode_scan(d, self.path) for i, d in tables.get(SCANS, {}).items()},
            targets={i: decode_target(d, self.path) for i, d in tables.get(TARGETS, {}).items()},
        )
        folded, changed = self._fold(unit)
        self.preparation.daily_backup(raw)
        yield unit
        if unit.changed or changed:
            storage.write(with_meta(unit.tables))
        if folded:
            journal.remove(folded)
        for scan_id in unit.start_journals:
            path = journal.journal_path(self.path, scan_id)
            if path is not None:
                # Only a shortcut for the next answer: without it, that answer takes the slow way.
                with contextlib.suppress(StoreError):
                    journal.start(path)

    def _fold(self, unit: Unit) -> tuple[list[Path], bool]:
        """Replay every journal on its draft in ``unit`` (tables and decoded scans); returns
        the journals that are then done with, including any left by a crash for a scan that is
        no longer a draft (its answers were folded before it changed), and whether any draft
        changed."""
        journals = journal.read_all(self.path)
        if not journals:
            return [], False
        by_id = {scan.id: doc_id for doc_id, scan in unit.scans.items()}
        changed = False
        for scan_id, (path, entries) in journals.items():
            doc_id = by_id.get(scan_id)
            if entries and doc_id is not None and unit.scans[doc_id].status == "draft":
                draft = unit.scans[doc_id]
                self._check_journal(draft, path, entries)
                replayed = journal.replay(draft, entries)
                unit.tables[SCANS][doc_id] = scan_doc(replayed)
                unit.scans[doc_id] = replayed
                changed = True
        return [path for path, _ in journals.values()], changed

    # ----------------------------------------------------------------- the whole file

    def replace_file(self, raw: bytes | None, label: str) -> Path | None:
        """Set the current file aside as it is (even damaged), then put ``raw`` in its place —
        or nothing, for a fresh start. Under the lock; returns where the old file went. The
        drafts' journals belong to the old file: they go aside with it (never folded). The
        new file is prepared again before its first use."""
        from maturity_scan.storage.backups import set_aside

        with self.lock.held():
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
        self.preparation.prepared = False
        return aside
