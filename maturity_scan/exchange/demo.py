"""A fictional organisation with two years of scans, so a newcomer sees history at once.

Four completed scans of the shipped ``sociale-inkoop`` set, 24, 16, 8 and 1 month(s) before
``today``, tell a believable story: the board commits first (a decision in principle, an
action plan, money), HR and purchasing start working together next, and cooperation with
suppliers comes last (a first talk, then a pilot with the cleaning contractor). One question
goes down for a while (the owner on the management team leaves), early scans have "don't
know" answers, and tenders are "not applicable" until the regional purchasing office lets
the municipality take part.

Everything is fixed: the same ``today`` gives the same scans, with the same ids, so loading
the demo twice can be detected by id. The organisation's name says it is a demo.
"""

from __future__ import annotations

import calendar
import uuid
from datetime import date, datetime, time, timedelta

from maturity_scan.core.models import (
    NA,
    UNKNOWN,
    AnswerRecord,
    AnswerValue,
    QuestionSet,
    Respondent,
    Scan,
)

DEMO_ORGANISATION = "Demo — Gemeente Voorbeeldstad"
#: The question set the demo answers are written for.
DEMO_SET_ID = "sociale-inkoop"
#: ... and its version: the answers are keyed by 1.0's question ids (2.0, the default for new
#: scans, has other questions), so the demo stays 1.0 when a newer version is installed.
DEMO_SET_VERSION = "1.0"
#: How many months before ``today`` each demo scan was completed.
DEMO_MONTHS_AGO = (24, 16, 8, 1)

_MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

#: Who filled in each scan; the municipality appoints a coordinator before the last one.
_RESPONDENTS = (
    Respondent(name="Sanne de Vries", role="HR-adviseur"),
    Respondent(name="Sanne de Vries", role="HR-adviseur"),
    Respondent(name="Mark Jansen", role="Inkoopadviseur"),
    Respondent(name="Fatima El Amrani", role="Coördinator sociale inkoop"),
)
#: (hour, minute) each scan was completed, and how many days it was open before that.
_COMPLETED_AT = ((16, 40), (11, 15), (15, 5), (10, 20))
_DAYS_OPEN = (9, 6, 13, 4)

_Entry = AnswerValue | tuple[AnswerValue, str]

#: Per question, the answer (and note) in scan 1, 2, 3 and 4. ``{besluit}`` and
#: ``{proeftuin}`` are filled in with dates between the scans.
_ANSWERS: dict[str, tuple[_Entry, _Entry, _Entry, _Entry]] = {
    # --- bestuur: ≈ 1.5 → 2.5 → 3.4 → 3.9
    "bestuur-principebesluit": (
        (2, "Besproken in het MT na de presentatie van De Normaalste Zaak; besluit doorgeschoven."),
        (3, "Principebesluit genomen in MT-vergadering van {besluit}."),
        (4, "Paragraaf sociale inkoop opgenomen in het geactualiseerde inkoopbeleid."),
        4,
    ),
    "bestuur-actieplan": (
        1,
        (2, "Conceptplan van HR ligt er, nog niet met inkoop besproken."),
        3,
        (4, "Actieplan door het MT vastgesteld; afdelingshoofden hebben hun inzet toegezegd."),
    ),
    "bestuur-eigenaar": (
        2,
        (3, "Gemeentesecretaris is informeel aanspreekpunt."),
        (
            2,
            "Gemeentesecretaris vertrokken. Tot de opvolger er is, trekken HR en inkoop het "
            "samen, zonder formele opdracht.",
        ),
        (4, "Nieuwe gemeentesecretaris is formeel eigenaar; ik rapporteer elk kwartaal aan haar."),
    ),
    "bestuur-middelen": (
        1,
        2,
        (4, "Structureel 0,4 fte en een klein werkbudget opgenomen in de begroting."),
        4,
    ),
    "bestuur-doelen": (
        1,
        2,
        3,
        (3, "Doel: 12 banen via inkoop binnen drie jaar. Nog niet per afdeling uitgesplitst."),
    ),
    "bestuur-voortgang": (
        (UNKNOWN, "Weet ik niet; navragen bij het bestuurssecretariaat."),
        2,
        3,
        4,
    ),
    "bestuur-publiek": (
        2,
        3,
        (
            4,
            "Wethouder sprak op de marktbijeenkomst schoonmaak over sociale inkoop; staat ook "
            "in het jaarverslag.",
        ),
        4,
    ),
    # --- hr-inkoop: ≈ 1.2 → 1.7 → 2.6 → 3.3
    "hr-inkoop-collegas": (1, 2, 3, 3),
    "hr-inkoop-kleine-inkoop": (
        (2, "Facilitair koopt de kerstpakketten bij de sociale werkvoorziening, verder niets."),
        2,
        3,
        (4, "Koffie, kantoorfruit en relatiegeschenken komen nu standaard van sociale firma's."),
    ),
    "hr-inkoop-gedeeld-beeld": (1, 2, 3, 3),
    "hr-inkoop-overleg": (
        1,
        (2, "Twee keer koffie gedronken met Mark van inkoop, nog geen vast overleg."),
        (3, "Elke maand een vast overleg tussen HR en inkoop."),
        4,
    ),
    "hr-inkoop-contractmanagers": (
        (UNKNOWN, "Niet duidelijk wie bij ons contractmanager is; staat niet in het organogram."),
        1,
        2,
        3,
    ),
    "hr-inkoop-brainstorm": (1, 1, 2, 3),
    "hr-inkoop-aanbestedingen": (
        (NA, "Wij besteden zelf niet aan; dat loopt via het regionale inkoopbureau."),
        NA,
        (
            2,
            "Sinds de nieuwe samenwerkingsafspraak met het regionale inkoopbureau denken we mee "
            "bij aanbestedingen, dus niet meer n.v.t.",
        ),
        3,
    ),
    "hr-inkoop-bestaande-contracten": (UNKNOWN, 2, 3, 3),
    # --- keten: ≈ 1.0 → 1.3 → 1.8 → 2.7
    "keten-verkenning": (
        1,
        (2, "Eerste verkennend gesprek met schoonmaakbedrijf gevoerd; ze staan ervoor open."),
        3,
        3,
    ),
    "keten-proeftuin": (
        1,
        1,
        (2, "Proeftuin met het schoonmaakbedrijf in voorbereiding, startdatum nog niet bekend."),
        (3, "Proeftuin schoonmaak gestart op {proeftuin}."),
    ),
    "keten-rollen": (1, 1, 2, 3),
    "keten-afspraken": (
        1,
        (2, "Standaard SROI-clausule van 5% in het nieuwe cateringcontract, niet besproken."),
        2,
        3,
    ),
    "keten-transparantie": (UNKNOWN, 1, 2, 2),
    "keten-banen": (
        (UNKNOWN, "Geen zicht op; opdrachtnemers rapporteren hier niet over."),
        1,
        (1, "Nog geen plaatsingen; eerste kandidaten via het Werkgeversservicepunt in beeld."),
        (3, "Drie mensen in dienst in de proeftuin schoonmaak, geteld in de kwartaalrapportage."),
    ),
    "keten-duurzaamheid": (
        1,
        1,
        1,
        (1, "Nog te vroeg; eerste evaluatie na een jaar proeftuin."),
    ),
}


def shift_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` (negative: back), clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _weekday_on_or_before(day: date) -> date:
    """A working day: Saturday and Sunday go back to Friday."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def _tuesday_on_or_after(day: date) -> date:
    """The management team meets on Tuesdays."""
    return day + timedelta(days=(1 - day.weekday()) % 7)


def _dutch(day: date) -> str:
    return f"{day.day} {_MONTHS_NL[day.month - 1]}"


def demo_scan_id(n: int) -> str:
    """The fixed id of demo scan ``n`` (1-4)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"maturity-scan-demo-{n}").hex


def demo_scans(question_set: QuestionSet, today: date) -> list[Scan]:
    """The demo organisation's four completed scans, oldest first, ending a month before today.

    Written for the ``sociale-inkoop`` set; with another version of it, answers to questions
    the version lacks are left out, and "na" is given only where the version allows it.
    Completion times are local (as the command line records a given date).
    """
    days = [_weekday_on_or_before(shift_months(today, -months)) for months in DEMO_MONTHS_AGO]
    fill = {
        "besluit": _dutch(_tuesday_on_or_after(shift_months(today, -21).replace(day=12))),
        "proeftuin": _dutch(shift_months(today, -5).replace(day=1)),
    }
    scans: list[Scan] = []
    for n, day in enumerate(days):
        hour, minute = _COMPLETED_AT[n]
        completed = datetime.combine(day, time(hour, minute)).astimezone()
        started = datetime.combine(day - timedelta(days=_DAYS_OPEN[n]), time(9, 30)).astimezone()
        scans.append(
            Scan(
                id=demo_scan_id(n + 1),
                organisation=DEMO_ORGANISATION,
                respondent=_RESPONDENTS[n],
                question_set=question_set.ref,
                status="completed",
                started_at=started,
                completed_at=completed,
                answers=_answers(question_set, n, fill),
            )
        )
    return scans


def _answers(question_set: QuestionSet, n: int, fill: dict[str, str]) -> dict[str, AnswerRecord]:
    answers: dict[str, AnswerRecord] = {}
    for _, question in question_set.questions():
        path = _ANSWERS.get(question.id)
        if path is None:
            continue
        entry = path[n]
        level, note = entry if isinstance(entry, tuple) else (entry, "")
        if level == NA and not question.allow_na:
            level = UNKNOWN
        answers[question.id] = AnswerRecord(level=level, note=note.format(**fill))
    return answers


def demo_targets(today: date) -> list[tuple[str, int, date | None]]:
    """(principle id, target level, target date): the levels the demo municipality aims for
    a year from ``today``."""
    by = shift_months(today, 12)
    return [("bestuur", 4, by), ("hr-inkoop", 4, by), ("keten", 3, by)]
