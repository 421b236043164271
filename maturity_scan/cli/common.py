"""What the command modules share: the context settings, the parameter types and options,
the config of a command, printing user text, and the small helpers several commands use
(confirming, naming an organisation, skipped scans). Imported by every command module and
by the package, never the other way round, so there are no import cycles."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import click
import msgspec

from maturity_scan.cli.texts import option
from maturity_scan.config import Config
from maturity_scan.core.models import Lang, Scan
from maturity_scan.errors import ScanError
from maturity_scan.i18n import tr, yes
from maturity_scan.visible import find_control, json_safe, visible

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# Parameter types are made once and shared: click looks up a translation of its own for
# each one it makes, and at start-up every millisecond counts.
class _Path(click.Path):
    """click's Path, its kind ("file", "directory") named in the run's language: click
    translates it when the type is made, at import, before the run's language is bound."""

    def convert(
        self,
        value: str | os.PathLike[str],
        param: click.Parameter | None,
        ctx: click.Context | None,
    ) -> str | bytes | os.PathLike[str]:
        from gettext import gettext

        kind = "file" if not self.dir_okay else "directory" if not self.file_okay else "path"
        self.name = gettext(kind)
        return super().convert(value, param, ctx)


FILE = _Path(dir_okay=False, path_type=Path)
FOLDER = _Path(file_okay=False, path_type=Path)
ANY_PATH = _Path(path_type=Path)
#: The exit status of a command that did its work but left out scans it could not read (a
#: question-set version that is not installed); each one is named on stderr.
EXIT_SKIPPED = 3
YES = option("--yes", "-y", is_flag=True, help="help.opt.yes")
FORCE = option(
    "--force",
    is_flag=True,
    help="help.opt.force",
)


def _config(ctx: click.Context) -> Config:
    config = ctx.find_object(Config)
    assert config is not None, "the group callback always sets the config"
    return config


def echo(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Print text that may hold user data (names, notes, ids, paths): every control
    character in it is shown as an escape (``\\x1b``), so nothing reaches the terminal as
    control. Charts, whose colours are the program's own, are printed with ``click.echo``."""
    click.echo(visible(message), err=err, nl=nl)


def _echo_json(value: msgspec.Struct | Sequence[msgspec.Struct]) -> None:
    """Typed output only (a struct, or a list of them): its fields are its documentation."""
    text = msgspec.json.format(msgspec.json.encode(value), indent=2).decode("utf-8")
    click.echo(json_safe(text))


def _typed(value: str | None, option: str) -> str | None:
    """``value`` as typed for ``option``; a control character in it is refused."""
    if value is not None and (char := find_control(value)) is not None:
        raise ScanError("err.option_control", option=option, char=char)
    return value


def _confirm(question: str, lang: Lang) -> bool:
    """Yes/no on the terminal, in the user's language (the choices and the words for yes come
    from the catalogue: [j/N] and j/ja in Dutch, [y/N] and y/yes in English); no input is no."""
    choices = tr("cli.confirm_choices", lang)
    answer = click.prompt(
        visible(f"{question} {choices}"), default="", show_default=False, err=True
    )
    return yes(str(answer), lang)


def _missing_set(config: Config, scan: Scan) -> bool:
    return config.catalog.find(scan.question_set.id, scan.question_set.version) is None


def _exit_if_skipped(
    ctx: click.Context,
    skipped: Sequence[Scan],
    keys: tuple[str, str] = ("cli.skipped_scan", "cli.skipped_total"),
) -> None:
    """Name each scan left out (one line each on stderr) and end with :data:`EXIT_SKIPPED`."""
    if not skipped:
        return
    lang = _config(ctx).lang
    for s in skipped:
        line = tr(
            keys[0],
            lang,
            id=s.short_id,
            org=s.organisation,
            set=s.question_set.id,
            version=s.question_set.version,
        )
        echo(f"maturity-scan: {line}", err=True)
    echo(f"maturity-scan: {tr(keys[1], lang, count=len(skipped))}", err=True)
    ctx.exit(EXIT_SKIPPED)


def _organisation(config: Config, name: str) -> str:
    """The stored spelling of an organisation (case, accents and spacing do not count);
    one-line error when it has no scans, with at most three names that look like it."""
    from maturity_scan.core.names import org_key
    from maturity_scan.storage.organisations import unknown

    known = config.store.organisations()
    wanted = org_key(name)
    for organisation in known:
        if org_key(organisation) == wanted:
            return organisation
    raise unknown(name, known)
