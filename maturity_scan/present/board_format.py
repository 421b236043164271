"""Numbers and dates as the board report writes them (:mod:`~maturity_scan.present.board_report`):
scores as every screen shows them (one decimal, rounded down), in the language's way of
writing numbers and dates (``2,5`` and ``2 december 2026`` in Dutch)."""

from __future__ import annotations

from datetime import date, datetime

from maturity_scan.core.models import Lang
from maturity_scan.dates import day_label
from maturity_scan.i18n import tr
from maturity_scan.present.textreport import fmt_delta, shown


def decimal(value: float, lang: Lang) -> str:
    """A score as the screens show it (one decimal, rounded down), as ``lang`` writes it."""
    return f"{shown(value):.1f}".replace(".", tr("fmt.decimal", lang))


def signed(delta: float | None, lang: Lang) -> str:
    """A change with its sign (``+0,4``, ``−0,4`` with a minus sign, not a hyphen, as the
    app shows it), as ``lang`` writes numbers; empty when unknown."""
    return fmt_delta(delta).replace(".", tr("fmt.decimal", lang)).replace("-", "\N{MINUS SIGN}")


def local_day(day: date | datetime) -> date:
    """The local day of a moment (a date stays as it is)."""
    return date.fromisoformat(day_label(day)) if isinstance(day, datetime) else day


def long_date(day: date | datetime, lang: Lang) -> str:
    """``2 december 2026`` / ``2 December 2026``: the local day, months from the catalogue."""
    day = local_day(day)
    month = tr("board.months", lang).split()[day.month - 1]
    return tr("board.date_format", lang, day=day.day, month=month, year=day.year)


def short_date(day: date | datetime, lang: Lang) -> str:
    """``dec 2026``: a point under a chart's axis."""
    local = local_day(day)
    return f"{tr('board.months_short', lang).split()[local.month - 1]} {local.year}"


def day_date(day: date | datetime, lang: Lang) -> str:
    """``20 nov 2026``: a point under a chart's axis when another shares its month."""
    local = local_day(day)
    return f"{local.day} {short_date(local, lang)}"
