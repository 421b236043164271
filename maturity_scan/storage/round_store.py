"""Every read and write of team rounds: ``store.rounds`` (:class:`RoundStore`).

A round's scans are stored with every other scan (see :mod:`~maturity_scan.storage.rounds`);
this part of the store reads them with their round in one snapshot, and makes each change
to a round and its scans one unit of work (one atomic write).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date

import msgspec

from maturity_scan.core.models import (
    Respondent,
    Round,
    RoundLink,
    Scan,
    SetRef,
    Visibility,
    consensus_of,
)
from maturity_scan.core.names import fold, org_key
from maturity_scan.storage import organisations as org_table
from maturity_scan.storage import rounds as round_table
from maturity_scan.storage import scans as scan_table
from maturity_scan.storage.database import Database
from maturity_scan.storage.rounds import ResponseCounts
from maturity_scan.storage.scans import make_scan, new_scan_id, now

__all__ = ["ResponseCounts", "RoundContents", "RoundStore"]


@dataclasses.dataclass(frozen=True)
class RoundContents:
    """A round and its scans (oldest first), read together."""

    round: Round
    scans: list[Scan]

    @property
    def responses(self) -> list[Scan]:
        """The respondents' completed scans: what the round's statistics are made of."""
        return [s for s in self.scans if s.kind == "response" and s.status == "completed"]

    @property
    def drafts(self) -> list[Scan]:
        """Respondents' scans still being filled in."""
        return [s for s in self.scans if s.kind == "response" and s.status == "draft"]

    @property
    def consensus(self) -> Scan | None:
        return consensus_of(self.scans)


class RoundStore:
    """Team rounds in the database of a :class:`~maturity_scan.storage.store.Store`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # ----------------------------------------------------------------- reading

    def list(self, organisation: str | None = None) -> list[Round]:
        """Rounds, oldest first; only those of ``organisation`` when given."""
        return round_table.select(self._db.snapshot().rounds.values(), organisation)

    def get(self, ref: str) -> Round:
        """The round whose id is ``ref`` or starts with it (at least 4 characters)."""
        return round_table.find(self._db.snapshot().rounds.values(), ref)

    def contents(self, ref: str) -> RoundContents:
        """Round ``ref`` and its scans, from one read."""
        snapshot = self._db.snapshot()
        found = round_table.find(snapshot.rounds.values(), ref)
        return RoundContents(found, round_table.scans_of(snapshot.scans.values(), found.id))

    def open_draft(self, ref: str, name: str | None, role: str | None) -> Scan | None:
        """The draft of the respondent called ``name`` (case, accents and spacing aside) in
        ``role`` in round ``ref``, if they started one: joining again resumes it rather than
        counting the same person twice. None without a name (an anonymous respondent)."""
        if not name:
            return None
        contents = self.contents(ref)
        return next(
            (
                s
                for s in contents.drafts
                if s.round is not None
                and s.round.role == role
                and fold(s.respondent.name or "") == fold(name)
            ),
            None,
        )

    # ----------------------------------------------------------------- writing

    def open(
        self,
        organisation: str,
        title: str,
        question_set: SetRef,
        opened: date,
        *,
        closes: date | None = None,
        visibility: Visibility = "by-role",
    ) -> Round:
        """A new round for ``organisation`` (filed under its stored spelling when known)."""
        name = org_table.check_name(organisation)
        with self._db.unit() as unit:
            name = org_table.stored_names(unit.tables).get(org_key(name), name)
            made = Round(
                id=new_scan_id(),
                organisation=name,
                title=title,
                question_set=question_set,
                opened=opened,
                created_at=now(),
                closes=closes,
                visibility=visibility,
            )
            made = round_table.add(unit.tables, made)
            unit.change()
            return made

    def join(
        self, ref: str, respondent: Respondent, role: str | None, *, role_only: bool = False
    ) -> Scan:
        """A new draft of a respondent in round ``ref``, answering as ``role``."""
        with self._db.unit() as unit:
            found = round_table.find(round_table.decoded(unit.tables), ref)
            draft = make_scan(found.organisation, found.question_set, respondent)
            draft = msgspec.structs.replace(
                draft,
                taken_at=found.moment,  # a respondent's scan is of the round's date
                round=RoundLink(id=found.id, role=role, role_only=role_only),
            )
            scan_table.add(unit.tables, [draft])
            unit.change()
            unit.start_journals.append(draft.id)
            return draft

    def add_responses(
        self, ref: str, scans: Iterable[Scan], source: str, *, replace: bool = False
    ) -> ResponseCounts:
        """Respondents' scans into round ``ref`` (see
        :func:`~maturity_scan.storage.rounds.put_responses`), in one write; nothing is
        written when any is refused."""
        with self._db.unit() as unit:
            found = round_table.find(round_table.decoded(unit.tables), ref)
            counts = round_table.put_responses(
                unit.tables, unit.scans.values(), found, scans, source, replace=replace
            )
            if counts.added or counts.replaced:
                unit.change()
            return counts

    def set_consensus(self, ref: str, scan: Scan) -> Scan:
        """``scan`` (completed, kind consensus) as round ``ref``'s consensus, in place of an
        earlier one."""
        with self._db.unit() as unit:
            found = round_table.find(round_table.decoded(unit.tables), ref)
            stored = round_table.set_consensus(unit.tables, unit.scans.values(), found, scan)
            unit.change()
            return stored

    def delete(self, ref: str) -> tuple[Round, int]:
        """Round ``ref`` and its scans deleted; returns the round and how many scans went."""
        with self._db.unit() as unit:
            found = round_table.find(round_table.decoded(unit.tables), ref)
            count = round_table.delete(unit.tables, found)
            unit.change()
            return found, count
