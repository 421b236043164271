"""The organisation overview: one row per organisation, for home and ``org list``/``org due``.

A row holds what a consultant with many organisations looks at first: the latest completed
level per principle and overall, the change against the scan before, the gap to the
organisation's targets, the date of its last scan, its open drafts, and whether a rescan is
due. Rows are built from one read of the database (scans, targets, organisation records and
rounds) and the installed question sets; only the two latest points of each organisation
are scored, so the overview of 10,000 scans costs little more than reading them. A point is
a completed scan of its own or a team round (its consensus, else its provisional result):
:mod:`~maturity_scan.core.points`; a respondent's scan is never the latest.

Pure: no I/O, no clock (the caller passes ``today``).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Literal

import msgspec

from maturity_scan.core.history import answer_levels, score_delta, trend_marker
from maturity_scan.core.models import (
    DEFAULT_RESCAN_MONTHS,
    Organisation,
    QuestionSet,
    Round,
    Scan,
    SetRef,
    Target,
    Text,
)
from maturity_scan.core.names import fold, matches, org_key
from maturity_scan.core.points import Point, PointKind, materialise, sources
from maturity_scan.core.scoring import score_scan

#: How many of an organisation's latest points the overview scores: the latest, and the one
#: before it for the change (a read for the overview may leave the answers of the other
#: scans out: :mod:`maturity_scan.storage.heads`, :func:`~maturity_scan.core.points.scored_scans`).
SCORED_PER_ORGANISATION = 2
#: A rescan is "due" from this many days before its date, "overdue" after it.
DUE_WITHIN_DAYS = 30

RescanState = Literal["due", "overdue"]
Change = Literal["up", "down", "same"]
_CHANGES: dict[str, Change] = {"▲": "up", "▼": "down", "=": "same"}


class PrincipleLevel(msgspec.Struct, frozen=True):
    """One principle of an organisation's latest completed scan."""

    id: str
    title: Text
    score: float | None
    level: int | None
    #: The organisation's target level for this principle, if it set one.
    target: int | None = None
    #: Levels still to go to the target (0 when reached); None without a target or a level.
    gap: int | None = None


class OrgRow(msgspec.Struct, frozen=True):
    """One organisation in the overview."""

    name: str
    groups: list[str]
    #: Points (completed scans of their own and team rounds with a result) and open drafts.
    scans: int
    drafts: int
    rescan_months: int
    #: The latest point: its scan's id (of a provisional result ``<round id>-provisional``,
    #: not stored), date and set, per principle and overall.
    latest: str | None = None
    last_scan: date | None = None
    question_set: SetRef | None = None
    principles: list[PrincipleLevel] = []
    overall_score: float | None = None
    overall_level: int | None = None
    #: The name of the overall level in the scan's set.
    level_name: Text | None = None
    #: The overall score against the completed scan before (None with only one, or when
    #: either has no overall score).
    change: Change | None = None
    #: Levels still to go to the targets, summed over the principles that have both.
    gap: int | None = None
    #: When the next scan is due (the last completed scan plus the interval), and whether it
    #: is due now (within :data:`DUE_WITHIN_DAYS`) or overdue.
    next_scan: date | None = None
    rescan: RescanState | None = None
    #: What the latest point is (``single``, a round's ``consensus`` or ``provisional``
    #: result), and its round.
    latest_kind: PointKind | None = None
    latest_round: str | None = None

    @property
    def key(self) -> str:
        return org_key(self.name)


class OrgFilter(msgspec.Struct, frozen=True):
    """What the overview shows: every condition given must hold."""

    #: Words that must each occur in the name or a group (case and accents ignored).
    query: str = ""
    drafts: bool = False
    due: bool = False
    #: The overall level at or below this (organisations without a level are left out).
    max_level: int | None = None
    group: str | None = None

    @property
    def active(self) -> bool:
        return self != OrgFilter()

    def admits(self, row: OrgRow) -> bool:
        if self.query and not matches(self.query, [row.name, *row.groups]):
            return False
        if self.drafts and not row.drafts:
            return False
        if self.due and row.rescan is None:
            return False
        if self.max_level is not None and (
            row.overall_level is None or row.overall_level > self.max_level
        ):
            return False
        return self.group is None or any(fold(g) == fold(self.group) for g in row.groups)


def _history_order(scan: Scan) -> tuple[datetime, str]:
    return (scan.date, scan.id)


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def rescan_state(next_scan: date | None, today: date) -> RescanState | None:
    if next_scan is None:
        return None
    if next_scan < today:
        return "overdue"
    return "due" if next_scan <= today + timedelta(days=DUE_WITHIN_DAYS) else None


def shown_names(scans: Iterable[Scan], organisations: Iterable[Organisation]) -> dict[str, str]:
    """Every organisation with a scan: its key → the spelling shown (its record's, else its
    latest scan's; ``scans`` oldest first, as every read gives them)."""
    names = {org_key(s.organisation): s.organisation for s in scans}
    for record in organisations:
        if org_key(record.name) in names:
            names[org_key(record.name)] = record.name
    return names


def records_by_key(organisations: Iterable[Organisation]) -> dict[str, Organisation]:
    return {org_key(o.name): o for o in organisations}


def overview(
    scans: Iterable[Scan],
    targets: Iterable[Target],
    organisations: Iterable[Organisation],
    find_set: Callable[[SetRef], QuestionSet | None],
    today: date,
    rounds: Iterable[Round],
) -> list[OrgRow]:
    """One row per organisation that has a scan or a team round, by name (folded)."""
    by_org: dict[str, list[Scan]] = {}
    for scan in sorted(scans, key=_history_order):  # each organisation's in history order
        by_org.setdefault(org_key(scan.organisation), []).append(scan)
    goals: dict[str, list[Target]] = {}
    for target in targets:
        goals.setdefault(org_key(target.organisation), []).append(target)
    own_rounds: dict[str, list[Round]] = {}
    for round_ in rounds:
        own_rounds.setdefault(org_key(round_.organisation), []).append(round_)
    records = records_by_key(organisations)
    rows = [
        _row(
            key, own, own_rounds.get(key, []), goals.get(key, []), records.get(key), find_set, today
        )
        for key, own in [*by_org.items(), *((k, []) for k in own_rounds if k not in by_org)]
    ]
    return sorted(rows, key=lambda row: (row.key, row.name))


def _row(
    key: str,
    scans: list[Scan],
    rounds: list[Round],
    targets: list[Target],
    record: Organisation | None,
    find_set: Callable[[SetRef], QuestionSet | None],
    today: date,
) -> OrgRow:
    made = sources(scans, rounds)
    # only the points the row scores are made (a provisional one is computed)
    found = [materialise(s, find_set) for s in made[-SCORED_PER_ORGANISATION:]]
    if record is not None:
        name = record.name
    else:  # a round's organisation before any of its respondents answered
        name = scans[-1].organisation if scans else rounds[-1].organisation
    months = record.rescan_months if record is not None else DEFAULT_RESCAN_MONTHS
    base = OrgRow(
        name=name,
        groups=list(record.groups) if record is not None else [],
        scans=len(made),
        drafts=sum(1 for s in scans if s.status == "draft"),
        rescan_months=months,
    )
    if not found:
        return base
    latest = found[-1].scan
    last_day = latest.date.date()
    try:
        next_scan: date | None = add_months(last_day, months)
    except ValueError:  # a stored scan dated in the year 9999 (older imports) has none
        next_scan = None
    fields: dict[str, object] = {
        "latest": latest.id,
        "last_scan": last_day,
        "question_set": latest.question_set,
        "next_scan": next_scan,
        "rescan": rescan_state(next_scan, today),
        "latest_kind": found[-1].kind,
        "latest_round": found[-1].round,
    }
    question_set = find_set(latest.question_set)
    if question_set is not None:
        scores = score_scan(question_set, answer_levels(latest))
        aims = {t.principle: t.level for t in targets if t.question_set == question_set.id}
        principles = [
            _principle(p.id, p.title, p.score, p.level, aims.get(p.id)) for p in scores.principles
        ]
        gaps = [p.gap for p in principles if p.gap is not None]
        fields |= {
            "principles": principles,
            "overall_score": scores.overall.score,
            "overall_level": scores.overall.level,
            "level_name": (
                question_set.level_name(scores.overall.level)
                if scores.overall.level is not None
                else None
            ),
            "gap": sum(gaps) if gaps else None,
            "change": _change(found[:-1], scores.overall.score, find_set),
        }
    return msgspec.structs.replace(base, **fields)


def _principle(
    ident: str, title: Text, score: float | None, level: int | None, aim: int | None
) -> PrincipleLevel:
    gap = max(0, aim - level) if aim is not None and level is not None else None
    return PrincipleLevel(id=ident, title=title, score=score, level=level, target=aim, gap=gap)


def _change(
    earlier: Sequence[Point],
    score: float | None,
    find_set: Callable[[SetRef], QuestionSet | None],
) -> Change | None:
    """The overall score against the point just before (None without one, or when its
    question-set version is not installed)."""
    if not earlier:
        return None
    question_set = find_set(earlier[-1].scan.question_set)
    if question_set is None:
        return None
    before = score_scan(question_set, answer_levels(earlier[-1].scan)).overall.score
    return _CHANGES.get(trend_marker(score_delta(before, score)))


def groups(rows: Iterable[OrgRow]) -> list[str]:
    """Every group of ``rows``, once (folded), sorted."""
    found: dict[str, str] = {}
    for row in rows:
        for group in row.groups:
            found.setdefault(fold(group), group)
    return [found[k] for k in sorted(found)]
