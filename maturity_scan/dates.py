"""Dates a person types and dates a screen shows.

- :func:`parse_day` reads what people write: ISO ``2027-12-31`` and the Dutch ``31-12-2027``
  (also with ``/`` or ``.``, and one-digit days and months).
- :func:`check_scan_day` and :func:`check_target_day` keep dates in a range that makes sense:
  a scan was taken between 2000-01-01 and today; a target lies between today and ten years
  ahead. Outside: a one-line :class:`ScanError` naming the field.
- :func:`representable` tells whether a stored moment can be shown in every time zone (an
  import may carry ``9999-12-31T23:59:59-12:00``, which no local clock can show).
- :func:`day_label` shows a moment's local day and never fails, whatever was stored.
"""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, date, datetime, time, timedelta

from maturity_scan.errors import ScanError

EARLIEST_SCAN_DAY = date(2000, 1, 1)
TARGET_YEARS_AHEAD = 10
#: The widest offset any time zone uses (UTC+14, Kiribati; UTC-12 is narrower).
_WIDEST_OFFSET = timedelta(hours=14)

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DUTCH = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def parse_day(text: str, field: str) -> date:
    """The day in ``text`` (``2027-12-31`` or ``31-12-2027``); ``field`` names the input in
    the error (``--date``, ``--by``, ``datum``)."""
    value = text.strip()
    iso, dutch = _ISO.match(value), _DUTCH.match(value)
    year_month_day = iso.groups() if iso else dutch.groups()[::-1] if dutch else None
    if year_month_day is not None:
        year, month, day_of_month = map(int, year_month_day)
        with contextlib.suppress(ValueError):  # 2027-02-30: the error below
            return date(year, month, day_of_month)
    day = today()  # the example is today, in both forms
    raise ScanError(
        "err.date_unreadable",
        field=field,
        value=text,
        dutch=day.strftime("%d-%m-%Y"),
        iso=day.isoformat(),
    )


def today() -> date:
    return datetime.now().astimezone().date()


def check_scan_day(day: date, field: str, *, on: date | None = None) -> date:
    """``day`` if a scan can have been taken then: from 2000-01-01 up to today."""
    last = on or today()
    if not EARLIEST_SCAN_DAY <= day <= last:
        raise ScanError(
            "err.scan_date_range",
            field=field,
            value=day.isoformat(),
            first=EARLIEST_SCAN_DAY.isoformat(),
            last=last.isoformat(),
        )
    return day


def last_target_day(on: date | None = None) -> date:
    first = on or today()
    try:
        return first.replace(year=first.year + TARGET_YEARS_AHEAD)
    except ValueError:  # 29 February
        return first.replace(year=first.year + TARGET_YEARS_AHEAD, day=28)


def check_target_day(day: date, field: str, *, on: date | None = None) -> date:
    """``day`` if a target can be set for it: from today up to ten years ahead."""
    first = on or today()
    last = last_target_day(first)
    if not first <= day <= last:
        raise ScanError(
            "err.target_date_range",
            field=field,
            value=day.isoformat(),
            first=first.isoformat(),
            last=last.isoformat(),
        )
    return day


def scan_day(text: str, field: str, *, on: date | None = None) -> date:
    """A scan date as typed, parsed and checked."""
    return check_scan_day(parse_day(text, field), field, on=on)


def target_day(text: str, field: str, *, on: date | None = None) -> date:
    """A target date as typed, parsed and checked."""
    return check_target_day(parse_day(text, field), field, on=on)


def moment_of(day: date) -> datetime:
    """The moment a scan taken on ``day`` is stored with: now when it is today, else noon
    local time (so the day reads the same in every nearby time zone)."""
    current = datetime.now().astimezone()
    if day == current.date():
        return current
    return datetime.combine(day, time(12, 0)).astimezone()


def representable(moment: datetime) -> bool:
    """Whether ``moment`` has a zone and can be shown in every time zone, and so on every
    screen and in every command."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return False
    try:
        utc = moment.astimezone(UTC)
        utc - _WIDEST_OFFSET
        utc + _WIDEST_OFFSET
    except (OverflowError, ValueError):
        return False
    return True


def zoned(moment: datetime) -> datetime:
    """``moment`` with a time zone: a stored time without one (a hand-edited file) is taken
    as local time, or as UTC where local time cannot hold it. Never fails, so times can be
    compared and sorted."""
    if moment.tzinfo is not None and moment.utcoffset() is not None:
        return moment
    try:
        return moment.astimezone()
    except (OverflowError, ValueError, OSError):
        return moment.replace(tzinfo=UTC)


def day_label(moment: datetime) -> str:
    """The local day of ``moment`` (YYYY-MM-DD); its own day if it cannot be made local."""
    try:
        return moment.astimezone().date().isoformat()
    except (OverflowError, ValueError, OSError):
        return moment.date().isoformat()
