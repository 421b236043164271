"""``maturity-scan questions``: list, show and validate question sets."""

from __future__ import annotations

from pathlib import Path

import click
import msgspec

from maturity_scan.cli.common import ANY_PATH, CONTEXT, _config, _echo_json, echo
from maturity_scan.cli.texts import TranslatedGroup, option
from maturity_scan.i18n import tr
from maturity_scan.lang import Text


class ListedSet(msgspec.Struct, gc=False, frozen=True):
    """An installed question set as ``questions list --json`` prints it."""

    id: str
    version: str
    title: Text
    principles: int
    questions: int
    file: str


@click.group(cls=TranslatedGroup, context_settings=CONTEXT, help="help.questions")
def questions() -> None:
    """List, show and validate question sets."""


@questions.command("list", context_settings=CONTEXT, help="help.questions.list")
@option("--json", "as_json", is_flag=True, help="help.opt.json")
@click.pass_context
def questions_list(ctx: click.Context, as_json: bool) -> None:
    """The installed question sets."""
    config = _config(ctx)
    catalog = config.catalog
    sets = [qs for _, qs in sorted(catalog.sets.items())]
    if as_json:
        _echo_json(
            [
                ListedSet(
                    id=qs.id,
                    version=qs.version,
                    title=qs.title,
                    principles=len(qs.principles),
                    questions=len(qs.questions()),
                    file=str(catalog.files[(qs.id, qs.version)]),
                )
                for qs in sets
            ]
        )
        return
    from maturity_scan.cli.text import table

    lang = config.lang
    headers = [tr(f"cli.col.{k}", lang) for k in ("set", "version", "title", "questions", "file")]
    rows = [
        [
            qs.id,
            qs.version,
            qs.title.get(lang),
            str(len(qs.questions())),
            str(catalog.files[(qs.id, qs.version)]),
        ]
        for qs in sets
    ]
    echo(table(headers, rows))


@questions.command("show", context_settings=CONTEXT, help="help.questions.show")
@click.argument("set_id", metavar="ID")
@option("--version", "version", help="help.opt.set_version")
@option("--json", "as_json", is_flag=True, help="help.opt.json")
@click.pass_context
def questions_show(ctx: click.Context, set_id: str, version: str | None, as_json: bool) -> None:
    """A question set in full."""
    config = _config(ctx)
    question_set = config.catalog.get(set_id, version)
    if as_json:
        _echo_json(question_set)
        return
    from maturity_scan.cli.text import question_set_text

    echo(question_set_text(question_set, config.lang))


@questions.command("validate", context_settings=CONTEXT, help="help.questions.validate")
@click.argument("paths", nargs=-1, required=True, type=ANY_PATH)
@click.pass_context
def questions_validate(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Check question set files (exit 2 on the first error)."""
    from maturity_scan.question_sets.loading import load_question_set

    lang = _config(ctx).lang
    for path in paths:
        qs = load_question_set(path)
        echo(
            tr(
                "cli.valid",
                lang,
                file=str(path),
                id=qs.id,
                version=qs.version,
                principles=tr("cli.count.principles", lang, count=len(qs.principles)),
                questions=tr("cli.count.questions", lang, count=len(qs.questions())),
            )
        )
