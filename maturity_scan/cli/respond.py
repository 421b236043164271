"""``maturity-scan respond FILE`` (#14): the app's questionnaire on an invitation file alone.

No database is opened: every answer and note is saved into the file at once (atomically),
so a respondent on another laptop fills it in and mails it back. The app speaks the file's
language unless ``--lang`` says otherwise. A file that is no invitation, or a bad value in
it, is one line naming the file and field (exit 2), before the app starts.
"""

from __future__ import annotations

from pathlib import Path

import click

from maturity_scan.cli.common import ANY_PATH, CONTEXT, _config
from maturity_scan.cli.texts import TranslatedCommand
from maturity_scan.i18n import languages


@click.command("respond", cls=TranslatedCommand, context_settings=CONTEXT, help="help.respond")
@click.argument("path", metavar="FILE", type=ANY_PATH)
@click.pass_context
def respond_cmd(ctx: click.Context, path: Path) -> None:
    """Answer the questions of an invitation, saved into the file as they are given."""
    from maturity_scan.cli import _run_app
    from maturity_scan.exchange.invitation import read_invitation

    config = _config(ctx)
    invitation = read_invitation(path)  # a bad file: one line, before anything starts
    if ctx.find_root().params.get("lang") is None and invitation.language in languages():
        config.lang = invitation.language
    _run_app(ctx, config, respond=path)
