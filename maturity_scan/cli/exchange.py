"""Files in and out: ``maturity-scan template``, ``export`` and ``import``, and the writing
of their output (to stdout or, atomically, to a file)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

import click

from maturity_scan.cli.common import (
    ANY_PATH,
    CONTEXT,
    FILE,
    FORCE,
    _config,
    _exit_if_skipped,
    _missing_set,
    _organisation,
    echo,
)
from maturity_scan.cli.texts import TranslatedCommand, option
from maturity_scan.core.models import Organisation, Round, Scan
from maturity_scan.core.names import org_key
from maturity_scan.errors import ScanError
from maturity_scan.i18n import tr
from maturity_scan.storage.store import now
from maturity_scan.visible import json_safe


@click.command(cls=TranslatedCommand, context_settings=CONTEXT, help="help.template")
@option(
    "--questions",
    "set_id",
    default="sociale-inkoop",
    show_default=True,
    help="help.opt.set",
)
@option("-o", "--output", type=FILE, help="help.opt.output")
@FORCE
@click.pass_context
def template(ctx: click.Context, set_id: str, output: Path | None, force: bool) -> None:
    """An answers file to fill in."""
    import json

    from maturity_scan.exchange.answers import template as make_template

    config = _config(ctx)
    text = json.dumps(make_template(config.catalog.get(set_id)), indent=2) + "\n"
    _write_output([text.encode("utf-8")], output, db=config.db_path, force=force)


def _to_stdout(output: Path | None) -> bool:
    return output is None or str(output) == "-"


def _write_output(
    chunks: Iterable[bytes],
    output: Path | None,
    *,
    db: Path,
    force: bool = False,
    terminal_text: Callable[[str], str] = json_safe,
) -> None:
    """The bytes as they are, to stdout (no ``output`` or ``-``) or atomically to ``output``.

    ``output`` is never the database ``db`` or one of its files, a folder, pipe, socket or
    device; a symbolic link only with ``force`` (its target is replaced, the link stays).
    See :mod:`maturity_scan.exchange.outputs`; a refusal is a ScanError (exit 2), nothing
    written. To a terminal each chunk goes through ``terminal_text`` first (JSON: its
    control characters escaped)."""
    if not _to_stdout(output):
        assert output is not None
        from maturity_scan.atomic import write_atomic
        from maturity_scan.exchange.outputs import output_target

        target = output_target(output, db, force=force)
        write_atomic(target, chunks, error_key="err.write_output")
        return
    sys.stdout.flush()  # anything written as text goes first
    binary: BinaryIO | None = getattr(sys.stdout, "buffer", None)
    try:
        # to a terminal, the same JSON with the control characters JSON allows raw (C1,
        # BiDi) escaped; to a pipe or file, the bytes of `export -o FILE` exactly
        terminal = sys.stdout.isatty()
        for chunk in chunks:  # each chunk is whole UTF-8 characters
            if terminal:
                chunk = terminal_text(chunk.decode("utf-8")).encode("utf-8")
            if binary is None:  # stdout replaced by a text-only stream
                sys.stdout.write(chunk.decode("utf-8"))
            else:
                binary.write(chunk)
        (sys.stdout if binary is None else binary).flush()
    except BrokenPipeError:
        raise  # the reader is gone (`export | head`): click ends quietly, exit code 1
    except OSError as err:
        raise ScanError("err.write_output", file="stdout", reason=err.strerror or err) from None


@click.command("export", cls=TranslatedCommand, context_settings=CONTEXT, help="help.export")
@option(
    "--format",
    "file_format",
    type=click.Choice(["json", "csv"], case_sensitive=False),
    default="json",
    metavar="[JSON|CSV]",
    help="help.opt.export_format",
)
@option("--org", help="help.opt.only_org")
@option("--scan", "scan_id", help="help.opt.only_scan")
@option("-o", "--output", type=FILE, help="help.opt.output")
@option(
    "--schema",
    is_flag=True,
    help="help.opt.schema",
)
@FORCE
@click.pass_context
def export_cmd(
    ctx: click.Context,
    file_format: str,
    org: str | None,
    scan_id: str | None,
    output: Path | None,
    schema: bool,
    force: bool,
) -> None:
    """Scans as JSON (or, with ``--format csv``, one row per completed scan) to stdout or a
    file."""
    from maturity_scan.exchange import export as ex

    config = _config(ctx)
    if schema and file_format == "csv":
        raise ScanError("err.csv_schema")
    if schema:
        from maturity_scan.exchange.export_schema import export_json_schema_text

        schema_text = export_json_schema_text().encode("utf-8")
        _write_output([schema_text], output, db=config.db_path, force=force)
        return
    skipped: list[Scan] = []
    records: list[Organisation] = []
    rounds: list[Round] = []
    if scan_id:
        scans = [config.store.get(scan_id)]
        if org and org_key(scans[0].organisation) != org_key(org):
            scans = []
        contents = config.store.contents(scans[0].organisation) if scans else None
        candidates = contents.targets if contents else []
        records = contents.organisations if contents else []
        rounds = contents.rounds if contents else []
    else:
        contents = config.store.contents(org)  # one read for all
        scans, candidates, records = contents.scans, contents.targets, contents.organisations
        rounds = contents.rounds
        # a scan whose question-set version is not installed cannot be exported; the others
        # are, and it is named (its organisation's targets still go along)
        skipped = [s for s in scans if _missing_set(config, s)]
        if skipped:
            missing = {s.id for s in skipped}
            scans = [s for s in scans if s.id not in missing]
    if org and not scans and not skipped:
        _organisation(config, org)  # a typo in the name: say so, rather than export nothing
    if file_format == "csv":
        _export_csv(ctx, scans, skipped, records, rounds, output, named=bool(scan_id), force=force)
        return
    orgs = {org_key(s.organisation) for s in [*scans, *skipped]}
    targets = [t for t in candidates if org_key(t.organisation) in orgs]
    # the records of the organisations whose scans are exported (a record travels with them)
    # and the team rounds of those organisations (a round travels with its organisation)
    chunks = ex.stream_export(scans, config.catalog, now(), targets, records, rounds)
    _write_output(chunks, output, db=config.db_path, force=force)
    if not _to_stdout(output):
        echo(tr("cli.exported", config.lang, count=len(scans), file=str(output)), err=True)
    _exit_if_skipped(ctx, skipped)


def _export_csv(
    ctx: click.Context,
    scans: list[Scan],
    skipped: list[Scan],
    records: list[Organisation],
    rounds: list[Round],
    output: Path | None,
    *,
    named: bool,
    force: bool,
) -> None:
    """``export --format csv``: the completed ``scans`` as rows; a completed scan whose set
    version is not installed is named (exit 3), a draft is no row and is not named."""
    from maturity_scan.exchange.csv_export import completed_oldest_first, stream_csv, terminal_text

    config = _config(ctx)
    rows = completed_oldest_first(scans)
    if named and scans and not rows:  # `--scan` named a draft
        raise ScanError("err.csv_draft", scan=scans[0].short_id)
    chunks = stream_csv(rows, config.catalog, config.lang, records, rounds)
    _write_output(chunks, output, db=config.db_path, force=force, terminal_text=terminal_text)
    if not _to_stdout(output):
        echo(tr("cli.exported", config.lang, count=len(rows), file=str(output)), err=True)
    _exit_if_skipped(ctx, [s for s in skipped if s.status == "completed"])


@click.command("import", cls=TranslatedCommand, context_settings=CONTEXT, help="help.import")
@click.argument("path", metavar="FILE", type=ANY_PATH)
@click.pass_context
def import_cmd(ctx: click.Context, path: Path) -> None:
    """Add the scans of an export, with its targets, its organisations' groups and rescan
    intervals and its team rounds (twice adds nothing)."""
    from maturity_scan.exchange.export import load_export

    config = _config(ctx)
    imported = load_export(path, config.catalog)
    counts = config.store.import_scans(
        imported.scans, str(path), imported.targets, imported.organisations, imported.rounds
    )
    added, skipped = counts
    echo(tr("cli.imported", config.lang, added=added, skipped=skipped))
    if counts.organisations:  # groups or an interval it brought
        echo(tr("cli.imported_orgs", config.lang, count=counts.organisations))
    if counts.rounds:
        echo(tr("cli.imported_rounds", config.lang, count=counts.rounds))
