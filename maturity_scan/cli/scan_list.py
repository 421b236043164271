"""``maturity-scan scan list``: every scan (of one organisation), oldest first, as a table or
typed JSON."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import click
import msgspec

from maturity_scan.cli.common import CONTEXT, _config, _echo_json, _organisation, echo
from maturity_scan.cli.scan import scan
from maturity_scan.cli.texts import option
from maturity_scan.core.models import Respondent, Scan, ScanKind, ScanStatus, SetRef
from maturity_scan.i18n import tr

if TYPE_CHECKING:
    from maturity_scan.core.models import Lang, QuestionSet
    from maturity_scan.core.scoring import OverallScore


class ListedOverall(msgspec.Struct, gc=False, frozen=True):
    score: float | None
    level: int | None


class ListedScan(msgspec.Struct, gc=False, frozen=True):
    """A scan as ``scan list --json`` prints it: what it is, and its overall score and level
    (both ``null`` when its question-set version is not installed)."""

    id: str
    organisation: str
    respondent: Respondent
    question_set: SetRef
    status: ScanStatus
    started_at: datetime
    completed_at: datetime | None
    taken_at: datetime | None
    overall: ListedOverall
    #: ``single``, or in a team round a respondent's scan (``response``) or its consensus.
    kind: ScanKind = "single"
    #: The team round it belongs to, and the role a respondent answered as.
    round: str | None = None
    role: str | None = None

    @classmethod
    def of(cls, scan: Scan, overall: OverallScore | None) -> ListedScan:
        link = scan.round
        return cls(
            scan.id,
            scan.organisation,
            scan.respondent,
            scan.question_set,
            scan.status,
            scan.started_at,
            scan.completed_at,
            scan.taken_at,
            ListedOverall(overall.score, overall.level) if overall else ListedOverall(None, None),
            kind=scan.kind,
            round=None if link is None else link.id,
            role=None if link is None else link.role,
        )


@scan.command("list", context_settings=CONTEXT, help="help.scan.list")
@option("--org", help="help.opt.only_org")
@option("--json", "as_json", is_flag=True, help="help.opt.json")
@click.pass_context
def scan_list(ctx: click.Context, org: str | None, as_json: bool) -> None:
    """All scans, oldest first; an organisation's (case, accents and spacing aside), which
    must have scans: a typo is named with at most three close names, not an empty list."""
    config = _config(ctx)
    lang = config.lang
    scans = config.store.scans(org)
    if org and not scans:
        _organisation(config, org)  # an organisation exists through its scans: a typo
    items = []
    if scans:
        from maturity_scan.core.scoring import score_scan
    for s in scans:
        # A scan whose question set is not installed is still listed, without a level.
        qs = config.catalog.find(s.question_set.id, s.question_set.version)
        overall = (
            None
            if qs is None
            else score_scan(qs, {q: r.level for q, r in s.answers.items()}).overall
        )
        items.append((s, qs, overall))
    if as_json:
        _echo_json([ListedScan.of(s, o) for s, _, o in items])
        return
    if not items:
        echo(tr("cli.no_scans", lang))
        return
    echo(_scan_rows(items, lang))


def _scan_rows(
    items: list[tuple[Scan, QuestionSet | None, OverallScore | None]], lang: Lang
) -> str:
    """``scan list``'s table: a draft shows how far it is, a scan whose question-set version
    is not installed the set and version it needs."""
    from maturity_scan.cli.text import table
    from maturity_scan.present.textreport import (
        level_label,
        local_date,
        missing_set_label,
        progress_label,
        respondent_label,
    )

    columns = ["id", "date", "org", "respondent", "status", "level"]
    rounds = any(s.round is not None for s, _, _ in items)
    if rounds:  # a team round's scans say what they are
        columns.insert(4, "in_round")
    headers = [tr(f"cli.col.{k}", lang) for k in columns]
    rows = []
    for s, qs, o in items:
        row = [
            s.short_id,
            local_date(s.date),
            s.organisation,
            respondent_label(s),
            tr(f"status.{s.status}", lang),
            missing_set_label(s)
            if qs is None or o is None
            else progress_label(s, qs, lang)
            if s.status == "draft"
            else level_label(qs, o.level, lang),
        ]
        if rounds:
            row.insert(4, _round_cell(s, qs, lang))
        rows.append(row)
    return table(headers, rows, shrink=[2, 3])  # organisation and respondent, never the level


def _round_cell(scan: Scan, question_set: QuestionSet | None, lang: Lang) -> str:
    """A team round's scan in ``scan list``: the round's short id and "consensus" or the
    respondent's role; empty for a scan of its own."""
    link = scan.round
    if link is None:
        return ""
    if link.kind == "consensus":
        return f"{link.id[:8]} {tr('history.kind.consensus', lang)}"
    role = question_set.role_name(link.role, lang) if question_set and link.role else link.role
    return f"{link.id[:8]} {role or tr('history.kind.response', lang)}"
