"""``maturity-scan round show`` (where a round's respondents agree and where they do not, as
text or JSON) and ``round delete``. Both render or remove what
:mod:`~maturity_scan.core.round_report` and ``store.rounds`` give: nothing is computed here."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from maturity_scan.cli.common import CONTEXT, EXIT_SKIPPED, YES, _config, _confirm, _echo_json, echo
from maturity_scan.cli.round import round_group
from maturity_scan.cli.texts import option
from maturity_scan.i18n import tr

if TYPE_CHECKING:
    from maturity_scan.config import Config
    from maturity_scan.core.models import QuestionSet, Round


def round_question_set(ctx: click.Context, config: Config, made: Round) -> QuestionSet:
    """The set version ``made`` pinned; when it is not installed, one line on stderr and
    exit :data:`~maturity_scan.cli.common.EXIT_SKIPPED` (3), as for a scan's."""
    ref = made.question_set
    found = config.catalog.find(ref.id, ref.version)
    if found is None:
        lang = config.lang
        line = tr(
            "err.round_set_missing",
            lang,
            id=made.short_id,
            org=made.organisation,
            set=ref.id,
            version=ref.version,
        )
        echo(f"maturity-scan: {tr('cli.prefix.error', lang)}: {line}", err=True)
        ctx.exit(EXIT_SKIPPED)
    assert found is not None  # ctx.exit does not return
    return found


@round_group.command("show", context_settings=CONTEXT, help="help.round.show")
@click.argument("round_id", metavar="ROUND")
@option("--json", "as_json", is_flag=True, help="help.opt.json_round")
@click.pass_context
def round_show(ctx: click.Context, round_id: str, as_json: bool) -> None:
    """Where the respondents agree and where they do not: per principle each role's score
    and the perception gap, per question (divided first) the distribution, lower median,
    range and mean per role, then the provisional result or the consensus. ROUND may be the
    first characters of a round's id (at least 4)."""
    from maturity_scan.core.round_report import build_round_report

    config = _config(ctx)
    contents = config.store.rounds.contents(round_id)
    question_set = round_question_set(ctx, config, contents.round)
    report = build_round_report(contents.round, contents.scans, question_set)
    if as_json:
        from maturity_scan.exchange.round_json import round_json

        _echo_json(round_json(report, question_set))
        return
    from maturity_scan.present.round_text import round_text

    echo(round_text(report, question_set, config.lang))


@round_group.command("delete", context_settings=CONTEXT, help="help.round.delete")
@click.argument("round_id", metavar="ROUND")
@YES
@click.pass_context
def round_delete(ctx: click.Context, round_id: str, yes: bool) -> None:
    """Delete a round with its respondents' scans and its consensus, after saying what goes
    and asking (``--yes`` does not ask)."""
    config = _config(ctx)
    lang = config.lang
    contents = config.store.rounds.contents(round_id)
    made = contents.round
    parts = []
    if contents.responses:
        parts.append(tr("cli.round.delete.responses", lang, count=len(contents.responses)))
    if contents.drafts:
        parts.append(tr("cli.round.delete.drafts", lang, count=len(contents.drafts)))
    if contents.consensus is not None:
        parts.append(tr("cli.round.delete.consensus", lang, id=contents.consensus.short_id))
    what = ", ".join(parts) if parts else tr("cli.round.delete.nothing", lang)
    question = tr(
        "cli.round.confirm_delete",
        lang,
        id=made.short_id,
        title=made.title,
        org=made.organisation,
        what=what,
    )
    if not yes and not _confirm(question, lang):
        echo(tr("cli.cancelled", lang), err=True)
        ctx.exit(1)
    gone, count = config.store.rounds.delete(made.id)
    echo(tr("cli.round.deleted", lang, id=gone.short_id, title=gone.title, count=count))
