"""Respondents elsewhere (#14): ``maturity-scan round invite`` writes an invitation (an
answers file a respondent fills in with ``maturity-scan respond FILE`` or any editor) and
``round import`` adds the answered files to their round, all in one write.

Importing the same file twice adds nothing; a newer version of a stored response replaces
it after asking (``--yes``); an older one is left out with a line. A file of another round,
organisation or set version, or with a bad value, stops the import before anything is
written (one line naming the file and question, exit 2).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from maturity_scan.cli.common import (
    ANY_PATH,
    CONTEXT,
    FILE,
    YES,
    _config,
    _confirm,
    _typed,
    echo,
)
from maturity_scan.cli.round import round_group
from maturity_scan.cli.texts import LangChoice, option
from maturity_scan.errors import ScanError
from maturity_scan.i18n import tr

if TYPE_CHECKING:
    from maturity_scan.config import Config
    from maturity_scan.core.models import Round, Scan
    from maturity_scan.exchange.invitation_import import Answered, Sorted


@round_group.command("invite", context_settings=CONTEXT, help="help.round.invite")
@click.argument("round_ref", metavar="ROUND")
@option("--respondent", metavar="NAME", help="help.opt.invite_respondent")
@option("--role", required=True, metavar="ROLE", help="help.opt.invite_role")
@option("--role-only", is_flag=True, help="help.opt.role_only")
@option("--return-to", metavar="NAME", help="help.opt.return_to")
@option("-o", "--output", type=FILE, help="help.opt.invite_output")
@option("--lang", "file_lang", type=LangChoice(), help="help.opt.invite_lang")
@option("--force", is_flag=True, help="help.opt.invite_force")
@click.pass_context
def round_invite(
    ctx: click.Context,
    round_ref: str,
    respondent: str | None,
    role: str,
    role_only: bool,
    return_to: str | None,
    output: Path | None,
    file_lang: str | None,
    force: bool,
) -> None:
    """Write an invitation: the round, the role, the definitions and every question to
    answer, for ``maturity-scan respond FILE`` or any editor."""
    from maturity_scan.atomic import write_atomic
    from maturity_scan.dates import today
    from maturity_scan.exchange.invitation import encode_invitation
    from maturity_scan.exchange.invitation_questions import make_invitation
    from maturity_scan.exchange.outputs import default_export_name, output_target
    from maturity_scan.storage.scans import new_scan_id, now

    config = _config(ctx)
    lang = config.lang
    typed = (respondent, "--respondent"), (role, "--role"), (return_to, "--return-to")
    for value, label in typed:
        _typed(value, label)
    name = " ".join(respondent.split()) if respondent else None
    round_ = config.store.rounds.get(round_ref)
    _warn_if_closed(round_, lang)
    if name is None and round_.visibility != "anonymous":
        raise ScanError("err.invite_name_needed", visibility=round_.visibility)
    question_set = config.catalog.get(round_.question_set.id, round_.question_set.version)
    invitation = make_invitation(
        round_,
        question_set,
        invitation_id=new_scan_id(),
        name=name,
        role=role,
        role_only=role_only,
        lang=file_lang or lang,
        return_to=" ".join(return_to.split()) if return_to else None,
        when=now(),
    )
    if output is None:
        who = name or role
        prefix = tr("invite.file_prefix", file_lang or lang)
        day = today().isoformat()
        output = Path(default_export_name(f"{prefix} {round_.organisation} {who}", day))
    target = output_target(output, config.db_path, force=force)
    if target.exists() and not force:
        raise ScanError("err.invite_exists", file=str(output))
    write_atomic(target, encode_invitation(invitation), error_key="err.write_output")
    echo(tr("cli.invite.written", lang, file=str(output), round=round_.title))
    echo(tr("cli.invite.next", lang, file=output.name))


@round_group.command("import", context_settings=CONTEXT, help="help.round.import")
@click.argument("paths", metavar="FILE...", type=ANY_PATH, nargs=-1, required=True)
@YES
@click.pass_context
def round_import(ctx: click.Context, paths: tuple[Path, ...], yes: bool) -> None:
    """Add answered invitations to their round, in one write: new ones added, the same
    file again skipped, a newer version replacing the stored one after asking."""
    config = _config(ctx)
    lang = config.lang
    answered, round_id, stored = _read_all(config, paths)
    from maturity_scan.exchange.invitation_import import sort_answered

    plan = sort_answered(answered, stored)
    for item in [*plan.new, *plan.newer]:
        invitation = item.invitation
        total = len(invitation.questions)
        if not invitation.completed and invitation.answered < total:  # said, not refused
            echo(
                tr(
                    "cli.round_import.unfinished",
                    lang,
                    file=item.source,
                    answered=invitation.answered,
                    total=total,
                ),
                err=True,
            )
    for item in plan.older:
        echo(tr("cli.round_import.older", lang, file=item.source), err=True)
    for item in plan.same:
        echo(tr("cli.round_import.same", lang, file=item.source))
    if plan.newer and not yes and not _replace_asked(plan, lang):
        echo(tr("cli.not_stored", lang), err=True)
        ctx.exit(1)
    counts = None
    if plan.to_store:
        source = ", ".join(a.source for a in [*plan.new, *plan.newer])
        counts = config.store.rounds.add_responses(
            round_id, plan.to_store, source, replace=bool(plan.newer)
        )
    echo(
        tr(
            "cli.round_import.done",
            lang,
            added=counts.added if counts else 0,
            replaced=counts.replaced if counts else 0,
            same=len(plan.same),
            older=len(plan.older),
        )
    )


def _warn_if_closed(round_: Round, lang: str) -> None:
    """A round past its closing date still takes answers: said, on standard error."""
    from maturity_scan.dates import today

    if round_.closes is not None and round_.closes < today():
        line = tr("cli.round.closed", lang, title=round_.title, closes=round_.closes.isoformat())
        echo(f"maturity-scan: {tr('cli.prefix.warning', lang)}: {line}", err=True)


def _read_all(config: Config, paths: tuple[Path, ...]) -> tuple[list[Answered], str, list[Scan]]:
    """Every file read and checked against its round (all of one round), with the round's
    id and its scans as stored; the first problem stops everything."""
    from maturity_scan.exchange.invitation import read_invitation
    from maturity_scan.exchange.invitation_import import response_scan

    answered: list[Answered] = []
    contents = None
    first = ""
    for path in paths:
        source = str(path)
        invitation = read_invitation(path)
        if contents is None:
            try:
                contents = config.store.rounds.contents(invitation.round.id)
            except ScanError as err:
                raise err.in_file(source) from None
            if contents.round.id != invitation.round.id:  # a prefix matched another round
                raise ScanError("err.round_not_found", id=invitation.round.id).in_file(source)
            first = source
        elif invitation.round.id != contents.round.id:
            raise ScanError("err.invite_other_round", file=source, first=first)
        answered.append(response_scan(invitation, contents.round, path, source, config.catalog))
    assert contents is not None  # click requires at least one file
    _warn_if_closed(contents.round, config.lang)
    return answered, contents.round.id, contents.scans


def _replace_asked(plan: Sorted, lang: str) -> bool:
    """Ask whether the newer files replace the stored answers; no input is no."""
    for item in plan.newer:
        who = item.invitation.respondent.name or item.invitation.respondent.role
        echo(tr("cli.round_import.newer", lang, file=item.source, who=who), err=True)
    try:
        return _confirm(tr("cli.round_import.confirm", lang, count=len(plan.newer)), lang)
    except click.exceptions.Abort:
        click.echo(err=True)
        return False
