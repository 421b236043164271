"""Checks on the scans of an import file beyond its JSON shape: ids of the form the program
makes, one scan per id, dates every screen can show, a status that fits the dates, answers
the scan's question set has (in their principle, once, "na" only where allowed), carried-over
questions the set has (once, and only in a scan that follows another), targets of principles
that exist and organisation records of organisations with a scan in the file (once each, with
groups that are names, each once); and the scan an exported one becomes. Team rounds and a
scan's round: :mod:`~maturity_scan.exchange.import_rounds`.

Every error is one line naming the file, the scan (short id) or organisation, and the field.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

import msgspec
from msgspec import UNSET

from maturity_scan.core.models import AnswerRecord, Organisation, Scan, Target
from maturity_scan.core.names import clean_name, fold, org_key
from maturity_scan.dates import representable
from maturity_scan.dates import zoned as as_zoned
from maturity_scan.errors import ScanError
from maturity_scan.exchange.answers import check_na_allowed
from maturity_scan.exchange.import_rounds import check_round_link
from maturity_scan.storage.organisations import MAX_GROUPS
from maturity_scan.visible import visible

if TYPE_CHECKING:
    from maturity_scan.core.catalog import Catalog
    from maturity_scan.core.models import QuestionSet
    from maturity_scan.exchange.export_models import ExportScan


def is_database(raw: Any) -> bool:
    """Whether ``raw`` looks like a maturity-scan database (tables of numbered documents)
    rather than an export."""
    if not isinstance(raw, dict) or "schema_version" in raw:
        return False
    return "meta" in raw or isinstance(raw.get("scans"), dict)


#: The form of the ids the program makes (``uuid4().hex``).
_SCAN_ID = re.compile(r"[0-9a-f]{32}")


def check_scan_id(scan_id: str, source: str) -> None:
    if _SCAN_ID.fullmatch(scan_id) is None:
        shown = scan_id if len(scan_id) <= 40 else scan_id[:40] + "…"
        raise ScanError("err.import_scan_id", file=source, id=visible(shown, single_line=True))


def zoned(moment: datetime, source: str, scan: str, field: str) -> datetime:
    """``moment`` with a zone (a time without one is taken as local time: stored scans are
    sorted by these, and a naive datetime cannot be compared with an aware one), if every
    screen can show it; else a one-line error naming the file, scan and field."""
    zoned = as_zoned(moment)
    if not representable(zoned):
        raise ScanError(
            "err.import_date", file=source, scan=scan, field=field, value=moment.isoformat()
        )
    return zoned


def check_times(item: ExportScan, source: str) -> tuple[datetime, datetime | None, datetime | None]:
    """The scan's started_at, completed_at and taken_at, zoned and checked."""
    scan = item.id[:8]
    started = zoned(item.started_at, source, scan, "started_at")
    completed = (
        None
        if item.completed_at is None
        else zoned(item.completed_at, source, scan, "completed_at")
    )
    taken = None if item.taken_at is None else zoned(item.taken_at, source, scan, "taken_at")
    if item.status == "draft" and completed is not None:
        raise ScanError("err.import_draft_completed", file=source, scan=scan)
    if item.status == "completed" and completed is None:
        raise ScanError("err.import_completed_without", file=source, scan=scan)
    if completed is not None and completed < started:
        raise ScanError(
            "err.import_completed_before",
            file=source,
            scan=scan,
            completed=completed.isoformat(),
            started=started.isoformat(),
        )
    return started, completed, taken


def check_target(target: Target, source: str, catalog: Catalog) -> None:
    try:
        question_set = catalog.get(target.question_set)
    except ScanError as err:
        raise err.in_file(source) from None
    if question_set.principle(target.principle) is None:
        raise ScanError(
            "err.unknown_principle",
            file=source,
            principle=target.principle,
            known=", ".join(p.id for p in question_set.principles),
        )


def scan_from_export(item: ExportScan, source: str, catalog: Catalog) -> Scan:
    started, completed, taken = check_times(item, source)
    try:
        question_set = catalog.get(item.question_set.id, item.question_set.version)
    except ScanError as err:
        raise err.in_file(source) from None
    answers: dict[str, AnswerRecord] = {}
    for answer in item.answers:
        principle = question_set.principle_of(answer.question)
        if principle is None:
            raise ScanError(
                "err.answers_unknown_question",
                file=source,
                field=f"scans[{item.id[:8]}].answers",
                question=answer.question,
                set=question_set.id,
            )
        if principle.id != answer.principle:
            raise ScanError(
                "err.import_principle_mismatch",
                file=source,
                scan=item.id[:8],
                question=answer.question,
                expected=principle.id,
                given=answer.principle,
            )
        if answer.question in answers:
            raise ScanError(
                "err.import_duplicate_answer",
                file=source,
                scan=item.id[:8],
                question=answer.question,
            )
        check_na_allowed(question_set, answer.question, answer.level, source)
        answers[answer.question] = AnswerRecord(level=answer.level, note=answer.note)
    follows, carried = check_follows(item, source, question_set)
    link = check_round_link(item, source, question_set)
    return Scan(
        id=item.id,
        organisation=item.organisation,
        respondent=item.respondent,
        question_set=item.question_set,
        status=item.status,
        started_at=started,
        completed_at=completed,
        answers={k: v for k, v in answers.items() if v != AnswerRecord()},
        taken_at=taken,
        follows=follows,
        carried=carried,
        round=link,
    )


def check_follows(
    item: ExportScan, source: str, question_set: QuestionSet
) -> tuple[str | None, list[str]]:
    """The scan's ``follows`` and ``carried`` (absent in files before version 5): another
    scan's id; questions of the scan's set, each once, only when it follows a scan."""
    scan = item.id[:8]
    follows = None if item.follows is UNSET else item.follows
    carried = [] if item.carried is UNSET else item.carried
    if follows == item.id:
        raise ScanError("err.import_follows_self", file=source, scan=scan)
    if carried and follows is None:
        raise ScanError("err.import_carried_alone", file=source, scan=scan)
    seen: set[str] = set()
    for question in carried:
        if question_set.question(question) is None:
            raise ScanError(
                "err.answers_unknown_question",
                file=source,
                field=f"scans[{scan}].carried",
                question=question,
                set=question_set.id,
            )
        if question in seen:
            raise ScanError("err.import_carried_twice", file=source, scan=scan, question=question)
        seen.add(question)
    return follows, carried


def check_organisations(
    records: list[Organisation], scans: list[Scan], source: str
) -> list[Organisation]:
    """The organisation records of an import, their groups cleaned (as typed ones are): one
    per organisation, each with a scan in the file (a record travels with its organisation's
    scans), groups that are names, each once, at most :data:`MAX_GROUPS`."""
    present = {org_key(s.organisation) for s in scans}
    seen: set[str] = set()
    checked = []
    for given in records:
        org = visible(given.name, single_line=True)
        key = org_key(given.name)
        if key not in present:
            raise ScanError("err.import_org_no_scans", file=source, org=org)
        if key in seen:
            raise ScanError("err.import_org_twice", file=source, org=org)
        seen.add(key)
        if len(given.groups) > MAX_GROUPS:
            raise ScanError(
                "err.import_org_groups",
                file=source,
                org=org,
                limit=MAX_GROUPS,
                count=len(given.groups),
            )
        groups: list[str] = []
        for group in map(clean_name, given.groups):
            if not group:
                raise ScanError("err.import_org_group_blank", file=source, org=org)
            if "," in group:  # as typed ones: the app's field separates groups by commas
                raise ScanError("err.group_comma", group=visible(group, single_line=True)).in_file(
                    source
                )
            if any(fold(g) == fold(group) for g in groups):
                raise ScanError(
                    "err.import_org_group_twice",
                    file=source,
                    org=org,
                    group=visible(group, single_line=True),
                )
            groups.append(group)
        checked.append(msgspec.structs.replace(given, groups=groups))
    return checked
