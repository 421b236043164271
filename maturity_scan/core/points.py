"""The points of an organisation's history: one per scan of its own, one per team round.

The rule every view of "an organisation over time" follows (history, compare, the
organisation overview and a report's change since the previous scan):

- a scan of one person on their own (kind ``single``) is a point;
- a team round is **one** point: its consensus scan, or, while it has none, its
  **provisional** result (the respondents' lower medians as a never stored scan,
  :func:`~maturity_scan.core.round_report.provisional_scan`, dated on the round's date);
  a round without a consensus and without a completed response has no point yet;
- a respondent's own scan in a round is never a point by itself (never "the latest scan" of
  the organisation); ``responses=True`` adds them, marked, each right after its round's point.

Only completed scans count. Points are in history order: date (:attr:`Scan.date`), then id.

Pure: no I/O. :func:`sources` decides from the scans' heads alone (no answers needed), so a
read can decode only the answers of the points it scores (:func:`scored_scans`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Literal

import msgspec

from maturity_scan.core.models import QuestionSet, Round, Scan, SetRef
from maturity_scan.core.names import org_key
from maturity_scan.core.rounds import round_statistics

#: A point of a history: a scan of its own, a round's consensus, a round's provisional result
#: (no consensus yet), or (only when asked for) a respondent's scan in a round.
PointKind = Literal["single", "consensus", "provisional", "response"]
#: A history's order: date, then id; a response comes right after its round's point.
_Order = tuple[datetime, str, int, datetime, str]


class Point(msgspec.Struct, gc=False, frozen=True):
    """One point of an organisation's history, and the scan that is scored for it (for a
    provisional point: a scan made of the lower medians, never stored; its id is
    ``<round id>-provisional``)."""

    scan: Scan
    kind: PointKind
    #: The round the point belongs to (consensus, provisional, response); None for a single.
    round: str | None = None

    @property
    def provisional(self) -> bool:
        return self.kind == "provisional"

    @property
    def date(self) -> datetime:
        return self.scan.date


class Source(msgspec.Struct, gc=False, frozen=True):
    """What a point is made of, decided without answers: the scan itself (single, consensus,
    response), or a round without consensus and its completed responses (provisional)."""

    kind: PointKind
    order: _Order
    scan: Scan | None = None
    round: Round | None = None
    #: The respondents' completed scans a provisional point is made of.
    responses: tuple[Scan, ...] = ()

    @property
    def organisation(self) -> str:
        return self.scan.organisation if self.scan is not None else _round(self).organisation

    @property
    def round_id(self) -> str | None:
        if self.scan is not None:
            return None if self.scan.round is None else self.scan.round.id
        return _round(self).id

    def scan_ids(self) -> list[str]:
        """The stored scans whose answers make this point."""
        return [self.scan.id] if self.scan is not None else [s.id for s in self.responses]


def _round(source: Source) -> Round:
    assert source.round is not None
    return source.round


def provisional_id(round_id: str) -> str:
    """The id of a round's provisional scan (as ``round_report.provisional_scan`` makes it)."""
    return f"{round_id}-provisional"


def is_provisional(scan: Scan) -> bool:
    """Whether ``scan`` is a round's provisional result (made by :func:`materialise`)."""
    return scan.round is not None and scan.id == provisional_id(scan.round.id)


def sources(
    scans: Iterable[Scan], rounds: Iterable[Round], *, responses: bool = False
) -> list[Source]:
    """The points of ``scans`` (any organisations) as what they are made of, in history
    order. ``rounds``: the rounds the scans may belong to (a round not given has no
    provisional point)."""
    main: list[Source] = []
    consensus: dict[str, Scan] = {}
    answered: dict[str, list[Scan]] = {}
    for scan in scans:
        if scan.status != "completed":
            continue
        link = scan.round
        if link is None:
            main.append(Source("single", _own(scan), scan=scan))
        elif link.kind == "consensus":
            before = consensus.get(link.id)
            if before is None or (before.date, before.id) < (scan.date, scan.id):
                consensus[link.id] = scan
        else:
            answered.setdefault(link.id, []).append(scan)
    main.extend(Source("consensus", _own(s), scan=s) for s in consensus.values())
    for round_ in rounds:
        members = answered.get(round_.id)
        if members and round_.id not in consensus:
            order = (round_.moment, provisional_id(round_.id), 0, round_.moment, "")
            main.append(Source("provisional", order, round=round_, responses=tuple(members)))
    if responses:
        anchors = {s.round_id: s for s in main if s.kind != "single"}
        for round_id, members in answered.items():
            anchor = anchors.get(round_id)
            for scan in members:
                own = _own(scan)
                order = own if anchor is None else (*anchor.order[:2], 1, scan.date, scan.id)
                main.append(Source("response", order, scan=scan))
    return sorted(main, key=lambda s: s.order)


def _own(scan: Scan) -> _Order:
    return (scan.date, scan.id, 0, scan.date, scan.id)


def materialise(source: Source, find_set: Callable[[SetRef], QuestionSet | None]) -> Point:
    """The point ``source`` makes: a stored scan, or a round's provisional result (scored
    from its responses with the round's set version; without it installed, a provisional
    scan without answers, which its caller cannot score either)."""
    if source.scan is not None:
        return Point(source.scan, source.kind, source.round_id)
    # round_report builds on report, which builds on this module: imported when first needed
    from maturity_scan.core.round_report import provisional_scan
    from maturity_scan.core.round_report import responses as as_responses

    round_ = _round(source)
    question_set = find_set(round_.question_set)
    answers = (
        {}
        if question_set is None
        else round_statistics(question_set, as_responses(source.responses)).provisional_answers
    )
    return Point(provisional_scan(round_, answers), "provisional", round_.id)


def points(
    scans: Iterable[Scan],
    rounds: Iterable[Round],
    find_set: Callable[[SetRef], QuestionSet | None],
    *,
    responses: bool = False,
) -> list[Point]:
    """The points of ``scans`` in history order (see the module's docstring)."""
    return [materialise(s, find_set) for s in sources(scans, rounds, responses=responses)]


def scored_scans(scans: Iterable[Scan], rounds: Iterable[Round], latest: int) -> set[str]:
    """The ids of the stored scans whose answers make the ``latest`` last points of each
    organisation: what a read for the overview must decode."""
    per_org: dict[str, list[Scan]] = {}
    in_rounds: set[str] = set()
    for scan in scans:
        if scan.status == "completed":
            key = org_key(scan.organisation)
            per_org.setdefault(key, []).append(scan)
            if scan.round is not None:
                in_rounds.add(key)
    own_rounds: dict[str, list[Round]] = {}
    for round_ in rounds:
        own_rounds.setdefault(org_key(round_.organisation), []).append(round_)
    wanted: set[str] = set()
    for key, own in per_org.items():
        if key not in in_rounds:  # scans of its own only: each is a point (the common case)
            own.sort(key=lambda s: (s.date, s.id))
            wanted.update(s.id for s in own[-latest:])
            continue
        for source in sources(own, own_rounds.get(key, []))[-latest:]:
            wanted.update(source.scan_ids())
    return wanted


def point_of_round(
    round_: Round, scans: Sequence[Scan], find_set: Callable[[SetRef], QuestionSet | None]
) -> Point | None:
    """Round ``round_``'s point (its consensus, else its provisional result) from the
    round's ``scans``; None while it has neither."""
    own = [s for s in scans if s.round is not None and s.round.id == round_.id]
    found = [s for s in sources(own, [round_]) if s.kind != "single"]
    return materialise(found[-1], find_set) if found else None
