"""What the store's reads and imports give back: :class:`Contents` (scans, targets, records
and rounds from one read) and :class:`ImportCounts`."""

from __future__ import annotations

import dataclasses

from maturity_scan.core.models import Organisation, Round, Scan, Target


@dataclasses.dataclass(frozen=True)
class Contents:
    """Scans (oldest first), targets (by organisation, set, principle) and organisation
    records, read together."""

    scans: list[Scan]
    targets: list[Target]
    organisations: list[Organisation] = dataclasses.field(default_factory=list)
    #: Team rounds, oldest first.
    rounds: list[Round] = dataclasses.field(default_factory=list)


class ImportCounts(tuple[int, int]):
    """What an import did: (scans added, scans already there and skipped), how many
    organisation records it changed (groups or an interval it brought) and how many team
    rounds it added."""

    organisations: int
    rounds: int

    def __new__(
        cls, added: int, skipped: int, organisations: int = 0, rounds: int = 0
    ) -> ImportCounts:
        counts = super().__new__(cls, (added, skipped))
        counts.organisations = organisations
        counts.rounds = rounds
        return counts
