"""Team rounds on the command line (#14): ``maturity-scan round open`` and ``round list``.

A round belongs to one organisation and pins the question-set version it opens with; its
respondents each fill in their own scan (in the app, or in an invitation file elsewhere).
The other ``round`` commands register on :data:`round_group` from their own modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
import msgspec

from maturity_scan.cli.common import CONTEXT, _config, _echo_json, _organisation, _typed, echo
from maturity_scan.cli.texts import TranslatedGroup, option
from maturity_scan.i18n import tr

if TYPE_CHECKING:
    from maturity_scan.core.models import Round
    from maturity_scan.storage.round_store import RoundContents

VISIBILITIES = ("named", "by-role", "anonymous")


@click.group("round", cls=TranslatedGroup, context_settings=CONTEXT, help="help.round")
def round_group() -> None:
    """Team rounds: several respondents, where they disagree, and their consensus."""


@round_group.command("open", context_settings=CONTEXT, help="help.round.open")
@option("--org", required=True, help="help.opt.org")
@option("--title", required=True, metavar="TEXT", help="help.opt.round_title")
@option("--date", "date_", metavar="DATE", help="help.opt.round_date")
@option("--closes", metavar="DATE", help="help.opt.round_closes")
@option(
    "--visibility",
    type=click.Choice(VISIBILITIES),
    default="by-role",
    show_default=True,
    help="help.opt.visibility",
)
@option("--questions", "set_id", default="sociale-inkoop", show_default=True, help="help.opt.set")
@option("--new-org", is_flag=True, help="help.opt.new_org")
@click.pass_context
def round_open(
    ctx: click.Context,
    org: str,
    title: str,
    date_: str | None,
    closes: str | None,
    visibility: str,
    set_id: str,
    new_org: bool,
) -> None:
    """Open a round for an organisation with the latest version of a question set; prints
    its id and how to invite respondents."""
    from maturity_scan.cli.scan import _not_a_typo
    from maturity_scan.dates import parse_day, scan_day, today

    config = _config(ctx)
    lang = config.lang
    _typed(org, "--org")
    _typed(title, "--title")
    if not new_org:
        _not_a_typo(config, org)
    opened = today() if date_ is None else scan_day(date_, "--date")
    closing = None if closes is None else parse_day(closes, "--closes")
    question_set = config.catalog.get(set_id)
    made = config.store.rounds.open(
        org,
        title,
        question_set.ref,
        opened,
        closes=closing,
        visibility=visibility,  # type: ignore[arg-type]  # click.Choice gives one of them
    )
    echo(
        tr(
            "cli.round.opened",
            lang,
            id=made.short_id,
            title=made.title,
            org=made.organisation,
            set=f"{made.question_set.id} {made.question_set.version}",
        )
    )
    echo(tr("cli.round.invite_hint", lang, id=made.short_id))


class ListedRound(msgspec.Struct, gc=False, frozen=True):
    """A round as ``round list --json`` gives it."""

    id: str
    organisation: str
    title: str
    question_set: str
    question_set_version: str
    date: str
    closes: str | None
    visibility: str
    respondents: int
    answering: int
    consensus: str | None

    @classmethod
    def of(cls, contents: RoundContents) -> ListedRound:
        made: Round = contents.round
        consensus = contents.consensus
        return cls(
            id=made.id,
            organisation=made.organisation,
            title=made.title,
            question_set=made.question_set.id,
            question_set_version=made.question_set.version,
            date=made.opened.isoformat(),
            closes=None if made.closes is None else made.closes.isoformat(),
            visibility=made.visibility,
            respondents=len(contents.responses),
            answering=len(contents.drafts),
            consensus=None if consensus is None else consensus.id,
        )


@round_group.command("list", context_settings=CONTEXT, help="help.round.list")
@option("--org", help="help.opt.org")
@option("--json", "as_json", is_flag=True, help="help.opt.json")
@click.pass_context
def round_list(ctx: click.Context, org: str | None, as_json: bool) -> None:
    """Every round (of one organisation with ``--org``), oldest first."""
    from maturity_scan.storage.round_store import RoundContents
    from maturity_scan.storage.rounds import scans_of

    config = _config(ctx)
    lang = config.lang
    _typed(org, "--org")
    name = None if org is None else _organisation(config, org)
    contents = config.store.contents(name)
    listed = [
        ListedRound.of(RoundContents(r, scans_of(contents.scans, r.id))) for r in contents.rounds
    ]
    if as_json:
        _echo_json(listed)
        return
    if not listed:
        echo(tr("cli.round.none", lang))
        return
    from maturity_scan.cli.text import table

    columns = ("id", "date", "org", "title", "people", "consensus")
    headers = [tr(f"cli.col.{c}", lang) for c in columns]
    rows = [
        [
            r.id[:8],
            r.date,
            r.organisation,
            r.title,
            tr("cli.round.people", lang, done=r.respondents, answering=r.answering),
            r.consensus[:8] if r.consensus else "–",
        ]
        for r in listed
    ]
    echo(table(headers, rows, shrink=[2, 3]))
