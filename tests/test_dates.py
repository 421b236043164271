"""Dates people type (ISO and Dutch), the ranges that make sense, and labels that never fail."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maturity_scan import dates
from maturity_scan.errors import ScanError

TODAY = date(2026, 12, 2)


def test_iso_and_dutch_forms() -> None:
    assert dates.parse_day("2027-12-31", "--by") == date(2027, 12, 31)
    assert dates.parse_day(" 31-12-2027 ", "--by") == date(2027, 12, 31)
    assert dates.parse_day("1-2-2026", "--date") == date(2026, 2, 1)
    assert dates.parse_day("01/02/2026", "--date") == date(2026, 2, 1)
    assert dates.parse_day("1.2.2026", "--date") == date(2026, 2, 1)


@pytest.mark.parametrize("text", ["", "2027", "31-12-27", "2027-13-01", "30-02-2027", "morgen"])
def test_unreadable_dates_name_the_field(text: str) -> None:
    with pytest.raises(ScanError) as info:
        dates.parse_day(text, "--by")
    message = info.value.render("en")
    today = dates.today()
    assert message.startswith("--by: ")
    assert today.strftime("%d-%m-%Y") in message and today.isoformat() in message


def test_scan_dates_from_2000_to_today() -> None:
    assert dates.scan_day("2000-01-01", "--date", on=TODAY) == date(2000, 1, 1)
    assert dates.scan_day("02-12-2026", "--date", on=TODAY) == TODAY
    for text in ("1999-12-31", "0001-01-01", "03-12-2026", "1026-05-01"):
        with pytest.raises(ScanError) as info:
            dates.scan_day(text, "--date", on=TODAY)
        assert info.value.key == "err.scan_date_range"
        assert "2000-01-01" in info.value.render("nl")


def test_target_dates_from_today_to_ten_years() -> None:
    assert dates.target_day("2026-12-02", "--by", on=TODAY) == TODAY
    assert dates.target_day("02-12-2036", "--by", on=TODAY) == date(2036, 12, 2)
    for text in ("2026-12-01", "2036-12-03", "0001-01-01"):
        with pytest.raises(ScanError) as info:
            dates.target_day(text, "--by", on=TODAY)
        assert info.value.key == "err.target_date_range"
    assert dates.last_target_day(date(2028, 2, 29)) == date(2038, 2, 28)


def test_representable_moments() -> None:
    assert dates.representable(datetime(2026, 1, 1, tzinfo=UTC))
    assert not dates.representable(datetime(2026, 1, 1))  # no zone
    far = datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-12)))
    assert not dates.representable(far)
    early = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14)))
    assert not dates.representable(early)


def test_day_label_never_fails() -> None:
    far = datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-12)))
    assert dates.day_label(far) == "9999-12-31"
    assert dates.day_label(datetime(2, 1, 1, tzinfo=UTC)).endswith("-01-01")


@given(st.datetimes(timezones=st.timezones()))
def test_day_label_of_any_moment(moment: datetime) -> None:
    label = dates.day_label(moment)
    assert len(label) == 10 and label[4] == "-"
    if dates.representable(moment):
        date.fromisoformat(label)
