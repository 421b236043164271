"""The command line: ``maturity-scan`` and its subcommands.

Scripted commands never import Textual; ``maturity-scan`` without a subcommand starts the app.
Every error the user can fix is printed as one line on stderr, with exit code 2.

The root group and its global options live here, with :func:`main` (the entry point) and
the start of the app; each command group is a module of its own (``questions``, ``scan``,
``exchange``, ``progress``, ``db``, ``demo``, ``org``, ``round``), sharing
:mod:`maturity_scan.cli.common`.

May import everything below the front ends, click and Rich; the app (``tui.app``) only
lazily, to start it (import-linter contracts in ``pyproject.toml``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

import click

from maturity_scan import __version__
from maturity_scan.cli import (
    db,
    demo,
    exchange,
    org,
    progress,
    questions,
    report,
    respond,
    round,
    scan,
    texts,
)
from maturity_scan.cli import round_consensus as round_consensus  # registers on round
from maturity_scan.cli import round_files as round_files  # registers round invite, round import
from maturity_scan.cli import round_show as round_show  # registers on round
from maturity_scan.cli import scan_list as scan_list  # registers scan list
from maturity_scan.cli.common import CONTEXT, EXIT_SKIPPED, FILE, FOLDER, _echo_json, echo
from maturity_scan.cli.texts import LangChoice, TranslatedGroup, option
from maturity_scan.config import Config
from maturity_scan.core.models import Lang
from maturity_scan.errors import ScanError
from maturity_scan.i18n import languages, resolve_lang, tr

# echo, _echo_json and EXIT_SKIPPED live in common (the command modules need them) and are
# importable from here too. A command module binds the helpers it uses by name: to replace one
# in a test, patch it where it is used (maturity_scan.cli.scan._confirm).
__all__ = ["EXIT_SKIPPED", "_echo_json", "cli", "echo", "main"]


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """What ``click.version_option`` prints, without the translation lookups that option
    makes while the program starts."""
    if value and not ctx.resilient_parsing:
        echo(f"maturity-scan, version {__version__}")  # for scripts: the same in every language
        ctx.exit()


@click.group(
    cls=TranslatedGroup, invoke_without_command=True, context_settings=CONTEXT, help="help.cli"
)
@option("--db", type=FILE, help="help.opt.db")
@option("--questions-dir", "questions_dirs", multiple=True, type=FOLDER, help="help.opt.qdir")
@option("--lang", type=LangChoice(), help="help.opt.lang")
@option(
    "-V",
    "--version",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=_print_version,
    help="help.opt.version",
)
@click.pass_context
def cli(
    ctx: click.Context, db: Path | None, questions_dirs: tuple[Path, ...], lang: str | None
) -> None:
    """The root group: resolves the run's context; without a subcommand, starts the app.
    (What ``--help`` shows comes from the catalogue: ``help.cli``.)"""
    # The language: --lang, else $MATURITY_SCAN_LANG, else the settings file, else Dutch.
    config = Config.create(db=db, questions_dirs=questions_dirs, lang=lang)
    config.on_warning = _warner(config.lang)
    ctx.obj = config
    if ctx.invoked_subcommand is None:
        _run_app(ctx, config)
    elif config.loaded_settings is not None and config.loaded_settings.problem is not None:
        # a damaged settings file never stops a command: one warning, the defaults are used
        problem = config.loaded_settings.problem.render(config.lang)
        echo(f"maturity-scan: {tr('settings.warning', config.lang, problem=problem)}", err=True)


def _warner(lang: Lang) -> Callable[[ScanError], None]:
    """Warnings of the store (a daily backup that could not be made): one line on stderr
    each; the command goes on and exits 0."""
    prefix = tr("cli.prefix.warning", lang)

    def warn(warning: ScanError) -> None:
        echo(f"maturity-scan: {prefix}: {warning.render(lang)}", err=True)

    return warn


def _run_app(ctx: click.Context, config: Config, respond: Path | None = None) -> None:
    """Run the app (``respond``: on that invitation file alone). After an internal error:
    the details in a log file, one line saying where, and exit status 1 (never 0)."""
    try:
        from maturity_scan.tui.app import make_app
    except ImportError as err:  # a broken install: say so in one line
        raise click.ClickException(tr("cli.app_missing", config.lang, reason=err)) from None
    app = make_app(config, respond)
    try:
        app.run()
    except Exception as err:  # anything Textual itself let through
        app.record_crash(err)
    if app.crash_message is not None:
        echo(app.crash_message, err=True)
        ctx.exit(1)
    if app.return_code:
        ctx.exit(app.return_code)


# the command groups, each in a module of its own
cli.add_command(questions.questions)
cli.add_command(exchange.template)
cli.add_command(scan.scan)
cli.add_command(exchange.export_cmd)
cli.add_command(exchange.import_cmd)
cli.add_command(progress.history_cmd)
cli.add_command(progress.compare_cmd)
cli.add_command(progress.target_group)
cli.add_command(demo.demo_cmd)
cli.add_command(db.db_group)
cli.add_command(org.org_group)
cli.add_command(round.round_group)
cli.add_command(respond.respond_cmd)
cli.add_command(report.report_cmd)


# ------------------------------------------------------------------------------ entry point


def _lang_from_args(args: Sequence[str]) -> Lang:
    """The language of the run's help and messages, read before click parses the command
    line (its own messages need it), chosen as for the command itself: ``--lang``, else the
    environment, else the settings file, else Dutch. The first ``--lang`` that names a
    language counts: ``maturity-scan --lang nl report --lang fr`` says in Dutch that ``fr`` is
    not a language."""
    given = []
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            given.append(args[i + 1])
        elif arg.startswith("--lang="):
            given.append(arg.split("=", 1)[1])
    value = next((v for v in given if v in languages()), None)
    from maturity_scan.paths import settings_path
    from maturity_scan.settings import resolve

    try:
        return resolve(value, None, settings_path())[0]
    except Exception:  # a message must never fail over its language
        return resolve_lang(value)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    args = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from_args(args)
    with texts.language(lang):
        code = _run(args, lang)
    sys.exit(code)


def _run(args: list[str], lang: Lang) -> int:
    """Run the command; its exit status. Errors are one line on stderr, in ``lang``."""
    error = tr("cli.prefix.error", lang)
    try:
        code = cli.main(args=args, prog_name="maturity-scan", standalone_mode=False)
    except ScanError as err:
        echo(f"maturity-scan: {error}: {err.render(lang)}", err=True)
        return err.exit_code
    except click.exceptions.Abort:
        echo(tr("cli.cancelled", lang), err=True)
        return 1
    except click.exceptions.NoArgsIsHelpError as err:  # a group without its subcommand
        echo(err.ctx.get_help(), err=True)  # its help, as click shows it (exit 2)
        return err.exit_code
    except click.UsageError as err:
        command = err.ctx.command_path if err.ctx else "maturity-scan"
        hint = tr("cli.see_help", lang, command=command)
        echo(f"maturity-scan: {error}: {err.format_message()} ({hint})", err=True)
        return err.exit_code
    except click.ClickException as err:
        echo(f"maturity-scan: {err.format_message()}", err=True)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    return code if isinstance(code, int) else 0
