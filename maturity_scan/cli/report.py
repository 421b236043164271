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

from maturity_scan.cli.common import CONTEXT, FILE, FORCE, _config, _organisation, echo
from maturity_scan.cli.texts import LangChoice, TranslatedCommand, option
from maturity_scan.errors import ScanError
from maturity_scan.i18n import tr

if TYPE_CHECKING:
    from maturity_scan.config import Config
    from maturity_scan.core.models import Lang
    from maturity_scan.present.board_report import BoardReport


@click.command("report", cls=TranslatedCommand, context_settings=CONTEXT, help="help.report")
@option("--scan", "scan_id", metavar="ID", help="help.opt.report_scan")
@option("--org", metavar="NAME", help="help.opt.report_org")
@option("--round", "round_id", metavar="ID", help="help.opt.report_round")
@option(
    "--format",
    "format_",
    type=click.Choice(["html"]),
    default="html",
    show_default=True,
    help="help.opt.report_format",
)
@option("-o", "--output", type=FILE, help="help.opt.report_output")
@FORCE
@option("--lang", "report_lang", type=LangChoice(), help="help.opt.report_lang")
@click.pass_context
def report_cmd(
    ctx: click.Context,
    scan_id: str | None,
    org: str | None,
    round_id: str | None,
    format_: str,
    output: Path | None,
    force: bool,
    report_lang: str | None,
) -> None:
    """Write the board report of one scan, organisation or team round."""
    config = _config(ctx)
    chosen = [name for name, value in _sources(scan_id, org, round_id) if value]
    if len(chosen) != 1:
        raise ScanError("err.report_one_source", given=", ".join(chosen) or "—")
    lang = report_lang or config.lang
    made = date.today()
    if scan_id is not None:
        board = scan_board(config, scan_id, lang, made)
    elif org is not None:
        board = org_board(config, org, lang, made)
    else:
        assert round_id is not None
        board = round_board(ctx, config, round_id, lang, made)
    path = write_report(config, board, output, made, force=force)
    echo(tr("cli.report.written", config.lang, file=str(path)))


def _sources(
    scan_id: str | None, org: str | None, round_id: str | None
) -> list[tuple[str, str | None]]:
    return [("--scan", scan_id), ("--org", org), ("--round", round_id)]


def scan_board(config: Config, scan_id: str, lang: Lang, made: date) -> BoardReport:
    """The report of one completed scan, with the organisation's points up to it."""
    from maturity_scan.core.history import history_report
    from maturity_scan.core.report import build_report, previous_scan
    from maturity_scan.present.board_report import board_report

    found = config.store.get(scan_id)
    if found.status != "completed":
        raise ScanError("err.report_draft", id=found.short_id)
    question_set = config.catalog.get(found.question_set.id, found.question_set.version)
    contents = config.store.contents(found.organisation)
    before = previous_scan(found, contents.scans, config.catalog, contents.rounds)
    previous = None
    if before is not None:
        ref = before.question_set
        previous = (before, config.catalog.get(ref.id, ref.version))
    report = build_report(found, question_set, contents.targets, previous)
    history = history_report(contents.scans, config.catalog, contents.rounds)
    ids = [p.scan_id for p in history.points]
    points = history.points[: ids.index(found.id) + 1] if found.id in ids else []
    return board_report(report, question_set, lang, made=made, history=points)


def org_board(config: Config, name: str, lang: Lang, made: date) -> BoardReport:
    """The report of an organisation: its latest point (a scan, or a team round's result),
    with its history."""
    from maturity_scan.core.history import history_report
    from maturity_scan.core.report import build_report
    from maturity_scan.present.board_report import board_report

    organisation = _organisation(config, name)
    contents = config.store.contents(organisation)
    history = history_report(contents.scans, config.catalog, contents.rounds)
    if not history.scans:
        raise ScanError("err.report_no_points", org=organisation)
    latest = history.scans[-1]
    question_set = config.catalog.get(latest.question_set.id, latest.question_set.version)
    previous = None
    if len(history.scans) > 1:
        before = history.scans[-2]
        ref = before.question_set
        previous = (before, config.catalog.get(ref.id, ref.version))
    report = build_report(latest, question_set, contents.targets, previous)
    return board_report(report, question_set, lang, made=made, history=history.points)


def round_board(
    ctx: click.Context, config: Config, round_id: str, lang: Lang, made: date
) -> BoardReport:
    """The report of a team round: its result (consensus, else provisional) and where the
    roles agree and where they do not."""
    from maturity_scan.cli.round_show import round_question_set
    from maturity_scan.core.round_report import build_round_report
    from maturity_scan.present.board_round import round_board_report

    contents = config.store.rounds.contents(round_id)
    question_set = round_question_set(ctx, config, contents.round)
    report = build_round_report(contents.round, contents.scans, question_set)
    return round_board_report(report, question_set, lang, made=made)


def default_name(board: BoardReport, made: date) -> Path:
    """``./<organisation>-<date>.html``, named as exports are."""
    from maturity_scan.exchange.outputs import default_export_name

    return Path(default_export_name(board.organisation, made.isoformat())).with_suffix(".html")


def write_report(
    config: Config, board: BoardReport, output: Path | None, made: date, *, force: bool
) -> Path:
    """Render and write the report (atomically, 0600); the path written."""
    from maturity_scan.atomic import write_atomic
    from maturity_scan.exchange.outputs import output_target
    from maturity_scan.present.board_html import render_html

    path = output if output is not None else default_name(board, made)
    target = output_target(path, config.db_path, force=force)
    if target.exists() and not force:
        raise ScanError("err.report_exists", file=str(path))
    write_atomic(target, render_html(board).encode("utf-8"), error_key="err.write_output")
    return path
