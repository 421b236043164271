"""``maturity-scan db``: check the database, list its backups, restore one, start over."""

from __future__ import annotations

import click
import msgspec

from maturity_scan.cli.common import (
    CONTEXT,
    YES,
    _config,
    _confirm,
    _echo_json,
    _exit_if_skipped,
    _missing_set,
    echo,
)
from maturity_scan.cli.texts import TranslatedGroup, option
from maturity_scan.errors import ScanError
from maturity_scan.i18n import number, tr


class ListedBackup(msgspec.Struct, gc=False, frozen=True):
    """A backup as ``db backups --json`` prints it."""

    name: str
    #: When it was made, ISO 8601 with the offset (as ``datetime.isoformat``).
    created: str
    #: Why it was made: ``daily``, or ``pre-migration`` (before the file was upgraded).
    reason: str
    bytes: int


@click.group("db", cls=TranslatedGroup, context_settings=CONTEXT, help="help.db")
def db_group() -> None:
    """Check, back up, restore."""


@db_group.command("check", context_settings=CONTEXT, help="help.db.check")
@click.pass_context
def db_check(ctx: click.Context) -> None:
    """Read the file and validate every scan."""
    from maturity_scan.storage.backups import list_backups

    config = _config(ctx)
    lang = config.lang
    if not config.db_path.exists():
        echo(tr("cli.db_none", lang, file=str(config.db_path)))
        return
    count = config.store.check()
    skipped = [s for s in config.store.scans() if _missing_set(config, s)]
    echo(
        tr(
            "cli.db_ok",
            lang,
            file=str(config.db_path),
            count=count,
            backups=len(list_backups(config.db_path)),
        )
    )
    _exit_if_skipped(ctx, skipped, ("cli.set_missing_scan", "cli.set_missing_total"))


#: Why a backup was made (its file name says it; ``db backups --json`` gives it as is), shown.
BACKUP_REASONS = {"daily": "backup.reason.daily", "pre-migration": "backup.reason.pre_migration"}


@db_group.command("backups", context_settings=CONTEXT, help="help.db.backups")
@option("--json", "as_json", is_flag=True, help="help.opt.json")
@click.pass_context
def db_backups(ctx: click.Context, as_json: bool) -> None:
    """The backups, oldest first."""
    from maturity_scan.storage.backups import backup_dir, list_backups

    config = _config(ctx)
    backups = list_backups(config.db_path)
    if as_json:
        _echo_json(
            [
                ListedBackup(b.name, b.created.isoformat(), b.reason, b.path.stat().st_size)
                for b in backups
            ]
        )
        return
    if not backups:
        echo(tr("cli.no_backups", config.lang, folder=str(backup_dir(config.db_path))))
        return
    from maturity_scan.cli.text import table

    lang = config.lang
    headers = [tr(f"cli.col.{k}", lang) for k in ("name", "date", "reason", "size")]
    rows = [
        [
            b.name,
            b.created.strftime("%Y-%m-%d %H:%M"),
            tr(BACKUP_REASONS[b.reason], lang) if b.reason in BACKUP_REASONS else b.reason,
            number(b.path.stat().st_size, lang),
        ]
        for b in backups
    ]
    echo(table(headers, rows))


@db_group.command("restore", context_settings=CONTEXT, help="help.db.restore")
@click.argument("name", metavar="NAME")
@YES
@click.pass_context
def db_restore(ctx: click.Context, name: str, yes: bool) -> None:
    """Restore a backup (a NAME from 'db backups'); the current file is first set aside."""
    from maturity_scan.atomic import parse_database
    from maturity_scan.storage.backups import find_backup
    from maturity_scan.storage.migrations import SCHEMA_VERSION, schema_version

    config = _config(ctx)
    lang = config.lang
    backup = find_backup(config.db_path, name)
    raw = backup.path.read_bytes()
    try:
        version = schema_version(parse_database(raw, backup.path))
    except ValueError as err:
        raise ScanError("err.db_shape", file=str(backup.path), reason=str(err)) from None
    if version > SCHEMA_VERSION:
        raise ScanError(
            "err.db_future", file=str(backup.path), version=version, supported=SCHEMA_VERSION
        )
    if not yes and not _confirm(tr("cli.confirm_restore", lang, name=name), lang):
        echo(tr("cli.cancelled_db", lang), err=True)
        ctx.exit(1)
    aside = config.store.replace_file(raw, "before-restore")
    config.store.check()
    echo(tr("cli.restored", lang, name=name, aside=str(aside) if aside else "-"))


@db_group.command("reset", context_settings=CONTEXT, help="help.db.reset")
@YES
@click.pass_context
def db_reset(ctx: click.Context, yes: bool) -> None:
    """Start over: set the current file aside (never deleted)."""
    config = _config(ctx)
    lang = config.lang
    if not config.db_path.exists():
        echo(tr("cli.db_none", lang, file=str(config.db_path)))
        return
    if not yes and not _confirm(tr("cli.confirm_reset", lang, file=str(config.db_path)), lang):
        echo(tr("cli.cancelled_db", lang), err=True)
        ctx.exit(1)
    aside = config.store.replace_file(None, "reset")
    echo(tr("cli.reset_done", lang, aside=str(aside)))
