"""Checks on the scans of an import file beyond its JSON shape: ids of the form the program
makes, one scan per id, dates every screen can show, and a status that fits the dates.

Every error is one line naming the file, the scan (short id) and the field.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from maturity_scan.dates import representable
from maturity_scan.dates import zoned as as_zoned
from maturity_scan.errors import ScanError
from maturity_scan.visible import visible

if TYPE_CHECKING:
    from maturity_scan.exchange.export import ExportScan


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
