"""Checks on the team rounds of an import file (schema 6) beyond their JSON shape: rounds
with ids of the form the program makes, each once, of an organisation with a scan in the
file (a round travels with its organisation's scans, as its record does), a title as typed
ones are, an installed question-set version, dates every screen can show and a closing date
not before the round's; and a scan's ``round``: a round id of that form, a role of the
scan's set, answer sources (a consensus only) of questions the set has, a consensus that is
completed.

Whether a scan's round is in the file or in the database, of the scan's organisation and set
version, and the round's only consensus, is checked where the import is stored (one write:
:meth:`maturity_scan.storage.store.Store.import_scans`).

Every error is one line naming the file, the round or scan (short id) and the field.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import msgspec
from msgspec import UNSET

from maturity_scan.core.models import Round, RoundLink, Scan
from maturity_scan.core.names import org_key
from maturity_scan.dates import representable, zoned
from maturity_scan.errors import ScanError
from maturity_scan.storage.rounds import check_title
from maturity_scan.visible import visible

if TYPE_CHECKING:
    from maturity_scan.core.catalog import Catalog
    from maturity_scan.core.models import QuestionSet
    from maturity_scan.exchange.export_models import ExportScan

#: The form of the ids the program makes (``uuid4().hex``).
_ID = re.compile(r"[0-9a-f]{32}")


def _shown(ident: str) -> str:
    return visible(ident if len(ident) <= 40 else ident[:40] + "…", single_line=True)


def check_round_link(item: ExportScan, source: str, question_set: QuestionSet) -> RoundLink | None:
    """The scan's ``round`` (absent in files before version 6, and for a scan of its own)."""
    if item.round is UNSET:
        return None
    link = item.round
    scan = item.id[:8]
    if _ID.fullmatch(link.id) is None:
        raise ScanError("err.import_scan_round_id", file=source, scan=scan, id=_shown(link.id))
    if link.role is not None and question_set.role(link.role) is None:
        raise ScanError(
            "err.import_scan_round_role",
            file=source,
            scan=scan,
            role=link.role,
            known=", ".join(r.id for r in question_set.roles) or "-",
        )
    if link.kind == "consensus" and item.status != "completed":
        raise ScanError("err.import_consensus_draft", file=source, scan=scan)
    if link.sources and link.kind != "consensus":
        raise ScanError("err.import_sources_response", file=source, scan=scan)
    for question in link.sources:
        if question_set.question(question) is None:
            raise ScanError(
                "err.answers_unknown_question",
                file=source,
                field=f"scans[{scan}].round.sources",
                question=question,
                set=question_set.id,
            )
    return link


def check_rounds(
    rounds: list[Round], scans: list[Scan], source: str, catalog: Catalog
) -> list[Round]:
    """The rounds of an import, their titles cleaned and their moments zoned (see the
    module's docstring)."""
    present = {org_key(s.organisation) for s in scans}
    seen: set[str] = set()
    checked = []
    for given in rounds:
        if _ID.fullmatch(given.id) is None:
            raise ScanError("err.import_round_id", file=source, id=_shown(given.id))
        short = given.short_id
        if given.id in seen:
            raise ScanError("err.import_round_twice", file=source, round=short)
        seen.add(given.id)
        if org_key(given.organisation) not in present:
            org = visible(given.organisation, single_line=True)
            raise ScanError("err.import_round_no_scans", file=source, round=short, org=org)
        try:
            title = check_title(given.title)
            catalog.get(given.question_set.id, given.question_set.version)
        except ScanError as err:
            raise err.in_file(source) from None
        created = zoned(given.created_at)
        for field, moment in (("created_at", created), ("opened", given.moment)):
            if not representable(zoned(moment)):
                raise ScanError(
                    "err.import_round_date",
                    file=source,
                    round=short,
                    field=field,
                    value=moment.isoformat(),
                )
        if given.closes is not None and given.closes < given.opened:
            raise ScanError(
                "err.round_closes_before",
                closes=given.closes.isoformat(),
                opened=given.opened.isoformat(),
            ).in_file(source)
        checked.append(msgspec.structs.replace(given, title=title, created_at=created))
    return checked
