"""``maturity-scan report``: the board report of a scan, of an organisation (its latest point
with its history) or of a team round, as one self-contained HTML file.

The content is the report model's (:func:`~maturity_scan.core.report.build_report`,
:func:`~maturity_scan.core.round_report.build_round_report`, the history of
:mod:`~maturity_scan.core.history`), rendered by :mod:`~maturity_scan.present.board_html`
(Jinja2, imported only here). The file is written like an export: atomically, readable by
its owner only, never over the database's files (:mod:`~maturity_scan.exchange.outputs`),
and not over an existing file without ``--force``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from maturity_scan.cli.common import CONTEXT, FILE, _config, _organisation, echo
from maturity_scan.cli.round_show import round_question_set
from maturity_scan.cli.texts import LangChoice, TranslatedCommand, option
from maturity_scan.errors import ScanError
from maturity_scan.i18n import tr

if TYPE_CHECKING:
    from maturity_scan.config import Config
    from maturity_scan.present.board_report import BoardReport


@click.command("report", cls=TranslatedCommand, context_settings=CONTEXT, help="help.report")
@option("--scan", "scan_id", metavar="ID", help="help.opt.report_scan")
@option("--org", metavar="NAME", help="help.opt.report_org")
@option("--round", "round_id", metavar="ID", help="help.opt.report_round")
@option(
    "--format",
    "format_",
    type=click.Choice(["html", "pdf"]),
    help="help.opt.report_format",
)
@option("-o", "--output", type=FILE, help="help.opt.report_output")
@option("--force", is_flag=True, help="help.opt.report_force")
@option("--lang", "report_lang", type=LangChoice(), help="help.opt.report_lang")
@click.pass_context
def report_cmd(
    ctx: click.Context,
    scan_id: str | None,
    org: str | None,
    round_id: str | None,
    format_: str | None,
    output: Path | None,
    force: bool,
    report_lang: str | None,
) -> None:
    """Write the board report of one scan, organisation or team round."""
    from maturity_scan.present import board_build

    config = _config(ctx)
    chosen = [name for name, value in _sources(scan_id, org, round_id) if value]
    if len(chosen) != 1:
        raise ScanError("err.report_one_source", given=", ".join(chosen) or "—")
    format_ = report_format(format_, output)
    lang = report_lang or config.lang
    made = date.today()
    store, catalog = config.store, config.catalog
    if scan_id is not None:
        board = board_build.scan_board(store, catalog, scan_id, lang, made)
    elif org is not None:
        found = board_build.org_board(store, catalog, org, lang, made)
        if found is None:  # no such organisation: the names that look like it
            raise ScanError("err.report_no_points", org=_organisation(config, org))
        board = found
    else:
        assert round_id is not None
        made_round = store.rounds.get(round_id)
        round_question_set(ctx, config, made_round)  # not installed: said, exit 3
        board = board_build.round_board(store, catalog, made_round, lang, made)
    path = write_report(config, board, output, made, force=force, format_=format_)
    echo(tr("cli.report.written", config.lang, file=str(path)))


def _sources(
    scan_id: str | None, org: str | None, round_id: str | None
) -> list[tuple[str, str | None]]:
    return [("--scan", scan_id), ("--org", org), ("--round", round_id)]


def report_format(given: str | None, output: Path | None) -> str:
    """The format ``-o``'s ending names (``.html``, ``.pdf``), else ``--format``, else HTML.
    An ending that is not a report's, or that contradicts ``--format``, is refused, not
    guessed."""
    from maturity_scan.present.board_output import FORMATS, format_of

    if output is None:
        return given or FORMATS[0]
    named = format_of(output)
    if named is None:  # "rapport.docx", "rapport": a file that would not open as what it says
        raise ScanError("err.report_suffix_unknown", file=str(output))
    if given is not None and named != given:
        raise ScanError("err.report_suffix", file=str(output), format=given)
    return named


def default_name(board: BoardReport, format_: str = "html") -> Path:
    """``./<organisation>[-scan|-teamronde]-<date>.html`` (or ``.pdf``), named as exports
    are, after what the report is about."""
    from maturity_scan.present.board_output import default_file_name

    return Path(default_file_name(board.organisation, board.subject, board.lang, format_))


def write_report(
    config: Config,
    board: BoardReport,
    output: Path | None,
    made: date,
    *,
    force: bool,
    format_: str = "html",
) -> Path:
    """Render and write the report (atomically, 0600); the path written. The PDF is typeset
    (typst, the optional extra) before anything is written."""
    from maturity_scan.atomic import write_atomic
    from maturity_scan.exchange.outputs import output_target

    path = output if output is not None else default_name(board, format_)
    target = output_target(path, config.db_path, force=force)
    if target.exists() and not force:
        raise ScanError("err.report_exists", file=str(path))
    from maturity_scan.present.board_output import render_report

    content = render_report(board, format_, made)
    write_atomic(target, content, error_key="err.write_output")
    return path
