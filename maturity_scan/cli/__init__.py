"""The command line: ``maturity-scan`` and its subcommands.

Scripted commands never import Textual; ``maturity-scan`` without a subcommand starts the app.
Every error the user can fix is printed as one line on stderr, with exit code 2.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn

import click
import msgspec

from maturity_scan import __version__
from maturity_scan.config import Config
from maturity_scan.errors import ScanError
from maturity_scan.i18n import resolve_lang, tr
from maturity_scan.models import Lang, Respondent, Scan
from maturity_scan.store import make_scan, now
from maturity_scan.visible import find_control, json_safe, visible

if TYPE_CHECKING:
    from maturity_scan.history import HistoryPoint
    from maturity_scan.models import Target

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
# Parameter types are made once and shared: click looks up a translation of its own for
# each one it makes, and at start-up every millisecond counts.
FILE = click.Path(dir_okay=False, path_type=Path)
FOLDER = click.Path(file_okay=False, path_type=Path)
ANY_PATH = click.Path(path_type=Path)
#: The exit status of a command that did its work but left out scans it could not read (a
#: question-set version that is not installed); each one is named on stderr.
EXIT_SKIPPED = 3
YES = click.option(
    "--yes", "-y", is_flag=True, help="Niet om bevestiging vragen / do not ask to confirm."
)
FORCE = click.option(
    "--force",
    is_flag=True,
    help="Ook via een symbolische koppeling schrijven (het doel wordt vervangen) / "
    "write through a symbolic link too (its target is replaced).",
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


def _echo_json(value: Any) -> None:
    text = msgspec.json.format(msgspec.json.encode(value), indent=2).decode("utf-8")
    click.echo(json_safe(text))


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """What ``click.version_option`` prints, without the translation lookups that option
    makes while the program starts."""
    if value and not ctx.resilient_parsing:
        echo(f"maturity-scan, version {__version__}")
        ctx.exit()


@click.group(invoke_without_command=True, context_settings=CONTEXT)
@click.option(
    "--db",
    type=FILE,
    help="Database-bestand / database file (default: $MATURITY_SCAN_DB or the user data folder).",
)
@click.option(
    "--questions-dir",
    "questions_dirs",
    multiple=True,
    type=FOLDER,
    help="Extra map met vragenlijsten / extra question set folder (repeatable; "
    "also $MATURITY_SCAN_QUESTIONS).",
)
@click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    help="Taal / language (default: $MATURITY_SCAN_LANG, else the app's choice, else nl).",
)
@click.option(
    "-V",
    "--version",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=_print_version,
    help="Versie tonen / show the version.",
)
@click.pass_context
def cli(
    ctx: click.Context, db: Path | None, questions_dirs: tuple[Path, ...], lang: str | None
) -> None:
    """Volwassenheidsscan sociale inkoop / social procurement maturity scan.

    Zonder subcommando start de app. / Without a subcommand the app starts.
    """
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
    prefix = "waarschuwing" if lang == "nl" else "warning"

    def warn(warning: ScanError) -> None:
        echo(f"maturity-scan: {prefix}: {warning.render(lang)}", err=True)

    return warn


def _run_app(ctx: click.Context, config: Config) -> None:
    """Run the app. After an internal error: the details in a log file, one line saying where,
    and exit status 1 (never 0)."""
    try:
        from maturity_scan.app import make_app
    except ImportError as err:  # a broken install: say so in one line
        raise click.ClickException(tr("cli.app_missing", config.lang, reason=err)) from None
    app = make_app(config)
    try:
        app.run()
    except Exception as err:  # anything Textual itself let through
        app.record_crash(err)
    if app.crash_message is not None:
        echo(app.crash_message, err=True)
        ctx.exit(1)
    if app.return_code:
        ctx.exit(app.return_code)


# ------------------------------------------------------------------------------ questions


@cli.group(context_settings=CONTEXT)
def questions() -> None:
    """Vragenlijsten bekijken en controleren / list, show and validate question sets."""


@questions.command("list", context_settings=CONTEXT)
@click.option("--json", "as_json", is_flag=True, help="Als JSON / as JSON.")
@click.pass_context
def questions_list(ctx: click.Context, as_json: bool) -> None:
    """De geïnstalleerde vragenlijsten / the installed question sets."""
    config = _config(ctx)
    catalog = config.catalog
    sets = [qs for _, qs in sorted(catalog.sets.items())]
    if as_json:
        _echo_json(
            [
                {
                    "id": qs.id,
                    "version": qs.version,
                    "title": qs.title,
                    "principles": len(qs.principles),
                    "questions": len(qs.questions()),
                    "file": str(catalog.files[(qs.id, qs.version)]),
                }
                for qs in sets
            ]
        )
        return
    from maturity_scan.textreport import table

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


@questions.command("show", context_settings=CONTEXT)
@click.argument("set_id", metavar="ID")
@click.option("--version", "version", help="Een bepaalde versie / a given version.")
@click.option("--json", "as_json", is_flag=True, help="Als JSON / as JSON.")
@click.pass_context
def questions_show(ctx: click.Context, set_id: str, version: str | None, as_json: bool) -> None:
    """Een vragenlijst met alle vragen en antwoorden / a question set in full."""
    config = _config(ctx)
    question_set = config.catalog.get(set_id, version)
    if as_json:
        _echo_json(question_set)
        return
    from maturity_scan.textreport import question_set_text

    echo(question_set_text(question_set, config.lang))


@questions.command("validate", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=ANY_PATH)
@click.pass_context
def questions_validate(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Een vragenlijstbestand controleren / check question set files (exit 2 on the first error)."""
    from maturity_scan.questions import load_question_set

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
                principles=len(qs.principles),
                questions=len(qs.questions()),
            )
        )


# ------------------------------------------------------------------------------ template


@cli.command(context_settings=CONTEXT)
@click.option(
    "--questions",
    "set_id",
    default="sociale-inkoop",
    show_default=True,
    help="Vragenlijst / question set id.",
)
@click.option("-o", "--output", type=FILE, help="Bestand / file.")
@FORCE
@click.pass_context
def template(ctx: click.Context, set_id: str, output: Path | None, force: bool) -> None:
    """Een leeg antwoordbestand om in te vullen / an answers file to fill in."""
    import json

    from maturity_scan.answers import template as make_template

    config = _config(ctx)
    text = json.dumps(make_template(config.catalog.get(set_id)), indent=2) + "\n"
    _write_output([text.encode("utf-8")], output, db=config.db_path, force=force)


def _to_stdout(output: Path | None) -> bool:
    return output is None or str(output) == "-"


def _write_output(
    chunks: Iterable[bytes], output: Path | None, *, db: Path, force: bool = False
) -> None:
    """The bytes as they are, to stdout (no ``output`` or ``-``) or atomically to ``output``.

    ``output`` is never the database ``db`` or one of its files, a folder, pipe, socket or
    device; a symbolic link only with ``force`` (its target is replaced, the link stays).
    See :mod:`maturity_scan.outputs`; a refusal is a ScanError (exit 2), nothing written."""
    if not _to_stdout(output):
        assert output is not None
        from maturity_scan.export import write_atomic_chunks
        from maturity_scan.outputs import output_target

        target = output_target(output, db, force=force)
        write_atomic_chunks(target, chunks, error_key="err.write_output")
        return
    sys.stdout.flush()  # anything written as text goes first
    binary: BinaryIO | None = getattr(sys.stdout, "buffer", None)
    try:
        # to a terminal, the same JSON with the control characters JSON allows raw (C1,
        # BiDi) escaped; to a pipe or file, the bytes of `export -o FILE` exactly
        terminal = sys.stdout.isatty()
        for chunk in chunks:  # each chunk is whole UTF-8 characters
            if terminal:
                chunk = json_safe(chunk.decode("utf-8")).encode("utf-8")
            if binary is None:  # stdout replaced by a text-only stream
                sys.stdout.write(chunk.decode("utf-8"))
            else:
                binary.write(chunk)
        (sys.stdout if binary is None else binary).flush()
    except BrokenPipeError:
        raise  # the reader is gone (`export | head`): click ends quietly, exit code 1
    except OSError as err:
        raise ScanError("err.write_output", file="stdout", reason=err.strerror or err) from None


# ------------------------------------------------------------------------------ scan


@cli.group(context_settings=CONTEXT)
def scan() -> None:
    """Scans opslaan, bekijken en verwijderen / store, list, show and delete scans."""


def _scan_moment(value: str | None, option: str = "--date") -> datetime | None:
    """The stored moment of a scan taken on the day typed (2000-01-01 up to today)."""
    if value is None:
        return None
    from maturity_scan.dates import moment_of, scan_day

    return moment_of(scan_day(value, option))


def _typed(value: str | None, option: str) -> str | None:
    """``value`` as typed for ``option``; a control character in it is refused."""
    if value is not None and (char := find_control(value)) is not None:
        raise ScanError("err.option_control", option=option, char=char)
    return value


@scan.command("new", context_settings=CONTEXT)
@click.option("--org", required=True, help="Organisatie / organisation.")
@click.option(
    "--answers",
    "answers_path",
    required=True,
    type=ANY_PATH,
    help="Antwoordbestand (zie 'template') / answers file (see 'template').",
)
@click.option(
    "--date",
    "date_",
    metavar="DATE",
    help="Datum van de scan (31-12-2026 of 2026-12-31; standaard vandaag) / "
    "date the scan was taken (default today).",
)
@click.option("--respondent", help="Naam van wie invult / respondent's name.")
@click.option("--role", help="Functie van wie invult / respondent's role.")
@click.pass_context
def scan_new(
    ctx: click.Context,
    org: str,
    answers_path: Path,
    date_: str | None,
    respondent: str | None,
    role: str | None,
) -> None:
    """Een afgeronde scan opslaan uit een antwoordbestand; drukt het id af.

    Store a completed scan from an answers file; prints its id.
    """
    from maturity_scan.answers import load_answers

    config = _config(ctx)
    _typed(org, "--org")
    _typed(respondent, "--respondent")
    _typed(role, "--role")
    when = _scan_moment(date_) or now()
    question_set, answers = load_answers(answers_path, config.catalog)
    scan_ = make_scan(
        org,
        question_set.ref,
        Respondent(name=_clean(respondent), role=_clean(role)),
        completed_at=when,
        answers=answers,
        taken_at=when,
    )
    config.store.add(scan_)
    echo(scan_.id)


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None


@scan.command("edit", context_settings=CONTEXT)
@click.argument("scan_id", metavar="ID")
@click.option(
    "--date",
    "date_",
    metavar="DATE",
    help="Datum van de scan (31-12-2026 of 2026-12-31) / date the scan was taken.",
)
@click.option(
    "--respondent", help="Naam van wie invulde ('' wist) / respondent's name ('' clears)."
)
@click.option("--role", help="Functie van wie invulde ('' wist) / respondent's role ('' clears).")
@click.pass_context
def scan_edit(
    ctx: click.Context,
    scan_id: str,
    date_: str | None,
    respondent: str | None,
    role: str | None,
) -> None:
    """Datum, naam of functie van een scan wijzigen; de antwoorden blijven.

    Change a scan's date, respondent or role; its answers stay as they are.
    ID may be the first characters of a scan's id (at least 4).
    """
    from maturity_scan.textreport import local_date, respondent_label

    config = _config(ctx)
    lang = config.lang
    _typed(respondent, "--respondent")
    _typed(role, "--role")
    if date_ is None and respondent is None and role is None:
        raise ScanError("err.edit_nothing")
    taken_at = _scan_moment(date_)
    found = config.store.get(scan_id)
    who = None
    if respondent is not None or role is not None:
        who = Respondent(
            name=found.respondent.name if respondent is None else _clean(respondent),
            role=found.respondent.role if role is None else _clean(role),
        )
    edited = config.store.edit(found.id, taken_at=taken_at, respondent=who)
    echo(
        tr(
            "cli.scan_edited",
            lang,
            id=edited.short_id,
            org=edited.organisation,
            date=local_date(edited.date),
            who=respondent_label(edited) or tr("cli.nobody", lang),
        )
    )


@scan.command("list", context_settings=CONTEXT)
@click.option("--org", help="Alleen deze organisatie / only this organisation.")
@click.option("--json", "as_json", is_flag=True, help="Als JSON / as JSON.")
@click.pass_context
def scan_list(ctx: click.Context, org: str | None, as_json: bool) -> None:
    """Alle scans, oudste eerst / all scans, oldest first."""
    config = _config(ctx)
    lang = config.lang
    scans = config.store.scans(org)
    items = []
    if scans:
        from maturity_scan.scoring import score_scan
    for s in scans:
        # A scan whose question set is not installed is still listed, without a level.
        qs = config.catalog.find(s.question_set.id, s.question_set.version)
        overall = (
            None
            if qs is None
            else score_scan(qs, {q: r.level for q, r in s.answers.items()}).overall
        )
        items.append((s, qs, overall))
    if as_json:
        _echo_json(
            [
                {
                    "id": s.id,
                    "organisation": s.organisation,
                    "respondent": s.respondent,
                    "question_set": s.question_set,
                    "status": s.status,
                    "started_at": s.started_at,
                    "completed_at": s.completed_at,
                    "taken_at": s.taken_at,
                    "overall": {
                        "score": o.score if o else None,
                        "level": o.level if o else None,
                    },
                }
                for s, _, o in items
            ]
        )
        return
    if not items:
        echo(tr("cli.no_scans_org", lang, org=org) if org else tr("cli.no_scans", lang))
        return
    from maturity_scan.textreport import (
        level_label,
        local_date,
        missing_set_label,
        progress_label,
        respondent_label,
        table,
    )

    headers = [
        tr(f"cli.col.{k}", lang) for k in ("id", "date", "org", "respondent", "status", "level")
    ]
    rows = [
        [
            s.short_id,
            local_date(s.date),
            s.organisation,
            respondent_label(s),
            tr(f"status.{s.status}", lang),
            missing_set_label(s)
            if qs is None or o is None
            else progress_label(s, qs, lang)
            if s.status == "draft"
            else level_label(qs, o.level, lang),
        ]
        for s, qs, o in items
    ]
    echo(table(headers, rows))


@scan.command("show", context_settings=CONTEXT)
@click.argument("scan_id", metavar="ID")
@click.option(
    "--json", "as_json", is_flag=True, help="Als JSON (exportformaat) / as JSON (export format)."
)
@click.option("--no-chart", is_flag=True, help="Zonder grafiek / without the chart.")
@click.pass_context
def scan_show(ctx: click.Context, scan_id: str, as_json: bool, no_chart: bool) -> None:
    """Scores per principe, grafiek en volgende stappen / scores, chart and next steps.

    ID may be the first characters of a scan's id (at least 4).
    """
    from maturity_scan.export import export_scan
    from maturity_scan.scoring import score_scan

    config = _config(ctx)
    lang = config.lang
    found = config.store.get(scan_id)
    qs = config.catalog.get(found.question_set.id, found.question_set.version)
    if as_json:
        _echo_json(export_scan(found, qs))
        return
    from maturity_scan import textreport as tx

    scores = score_scan(qs, {q: r.level for q, r in found.answers.items()})
    echo(
        tr(
            "cli.scan_header",
            lang,
            id=found.short_id,
            org=found.organisation,
            date=tx.local_date(found.date),
            status=tr(f"status.{found.status}", lang),
        )
    )
    if who := tx.respondent_label(found):
        echo(tr("cli.by", lang, who=who))
    echo(f"{qs.title.get(lang)} ({qs.id} {qs.version})\n")
    echo(tx.scores_table(qs, scores, lang))
    if not no_chart and sys.stdout.isatty():
        import shutil

        from maturity_scan.charts import render_score_bars

        width = min(shutil.get_terminal_size().columns, 100)
        echo()
        click.echo(  # a chart: its colours are ours; its labels are the set's checked titles
            render_score_bars(
                [p.title.get(lang) for p in scores.principles],
                [p.score if p.level is not None else None for p in scores.principles],
                [qs.level_name(n).get(lang) for n in range(1, 6)],
                tr("cli.chart_title", lang),
                width=width,
            )
        )
    advice = tx.advice_text(qs, found, scores, lang)
    if advice:
        echo("\n" + advice)


@scan.command("delete", context_settings=CONTEXT)
@click.argument("scan_id", metavar="ID")
@YES
@click.pass_context
def scan_delete(ctx: click.Context, scan_id: str, yes: bool) -> None:
    """Een scan verwijderen / delete a scan."""
    from maturity_scan.textreport import local_date

    config = _config(ctx)
    lang = config.lang
    contents = config.store.contents()  # one read: the scan, and whether it is the last
    found = config.store.get(scan_id)
    org = found.organisation.casefold()
    last = not any(s.organisation.casefold() == org for s in contents.scans if s.id != found.id)
    targets = [t for t in contents.targets if t.organisation.casefold() == org] if last else []
    fill = {"id": found.short_id, "org": found.organisation, "count": len(targets)}
    question = tr(
        "cli.confirm_delete_targets" if targets else "cli.confirm_delete",
        lang,
        date=local_date(found.date),
        **fill,
    )
    if not yes and not _confirm(question, lang):
        echo(tr("cli.cancelled", lang), err=True)
        ctx.exit(1)
    config.store.delete(found.id)
    echo(tr("cli.scan_deleted_targets" if targets else "cli.scan_deleted", lang, **fill))


def _confirm(question: str, lang: Lang) -> bool:
    """Yes/no on the terminal, in the user's language: [j/N] or [y/N]; no input means no."""
    choices = "[j/N]" if lang == "nl" else "[y/N]"
    answer = click.prompt(
        visible(f"{question} {choices}"), default="", show_default=False, err=True
    )
    return str(answer).strip().lower() in {"j", "ja", "y", "yes"}


# ------------------------------------------------------------------------------ export / import


@cli.command("export", context_settings=CONTEXT)
@click.option("--org", help="Alleen deze organisatie / only this organisation.")
@click.option("--scan", "scan_id", help="Alleen deze scan / only this scan.")
@click.option("-o", "--output", type=FILE, help="Bestand / file.")
@click.option(
    "--schema",
    is_flag=True,
    help="Het JSON Schema van het exportformaat / the export format's JSON Schema.",
)
@FORCE
@click.pass_context
def export_cmd(
    ctx: click.Context,
    org: str | None,
    scan_id: str | None,
    output: Path | None,
    schema: bool,
    force: bool,
) -> None:
    """Scans als JSON naar stdout of een bestand / scans as JSON to stdout or a file."""
    from maturity_scan import export as ex

    config = _config(ctx)
    if schema:
        schema_text = ex.export_json_schema_text().encode("utf-8")
        _write_output([schema_text], output, db=config.db_path, force=force)
        return
    skipped: list[Scan] = []
    if scan_id:
        scans = [config.store.get(scan_id)]
        if org and scans[0].organisation.casefold() != org.casefold():
            scans = []
        candidates = config.store.targets() if scans else []
    else:
        contents = config.store.contents(org)  # one read for both
        scans, candidates = contents.scans, contents.targets
        # a scan whose question-set version is not installed cannot be exported; the others
        # are, and it is named (its organisation's targets still go along)
        skipped = [s for s in scans if _missing_set(config, s)]
        if skipped:
            missing = {s.id for s in skipped}
            scans = [s for s in scans if s.id not in missing]
    if org and not scans and not skipped:
        _organisation(config, org)  # a typo in the name: say so, rather than export nothing
    orgs = {s.organisation.casefold() for s in [*scans, *skipped]}
    targets = [t for t in candidates if t.organisation.casefold() in orgs]
    chunks = ex.stream_export(scans, config.catalog, now(), targets)
    _write_output(chunks, output, db=config.db_path, force=force)
    if not _to_stdout(output):
        echo(tr("cli.exported", config.lang, count=len(scans), file=str(output)), err=True)
    _exit_if_skipped(ctx, skipped)


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


@cli.command("import", context_settings=CONTEXT)
@click.argument("path", metavar="FILE", type=ANY_PATH)
@click.pass_context
def import_cmd(ctx: click.Context, path: Path) -> None:
    """Scans uit een export toevoegen / add the scans of an export (twice adds nothing)."""
    from maturity_scan.export import load_export

    config = _config(ctx)
    imported = load_export(path, config.catalog)
    added, skipped = config.store.import_scans(imported.scans, str(path), imported.targets)
    echo(tr("cli.imported", config.lang, added=added, skipped=skipped))


# ------------------------------------------------------------------------------ progress


def _organisation(config: Config, name: str) -> str:
    """The stored spelling of an organisation; one-line error when it has no scans, with at
    most three names that look like it."""
    known = config.store.organisations()
    wanted = " ".join(name.split()).casefold()
    for organisation in known:
        if organisation.casefold() == wanted:
            return organisation
    close = _close_names(wanted, known)
    if not close:
        raise ScanError("err.org_unknown_none", org=name)
    raise ScanError("err.org_unknown", org=name, known=", ".join(f"'{c}'" for c in close))


def _close_names(wanted: str, known: Sequence[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` of ``known`` that look like ``wanted`` (case-folded): those that
    contain it (or that it contains) first, then the closest by spelling, of the whole name
    or of one of its words ("zwole" → "Gemeente Zwolle")."""
    from difflib import SequenceMatcher

    if not wanted:
        return []
    folded = {k.casefold(): k for k in known}
    containing = [
        folded[k] for k in sorted(folded, key=len) if wanted in k or (len(k) >= 4 and k in wanted)
    ]

    def likeness(name: str) -> float:
        parts = [name, *name.split()] if " " not in wanted else [name]
        return max(SequenceMatcher(None, wanted, part).ratio() for part in parts)

    scored = sorted(((likeness(k), k) for k in folded), key=lambda pair: (-pair[0], pair[1]))
    similar = [folded[k] for score, k in scored if score >= 0.75]
    return list(dict.fromkeys([*containing, *similar]))[:limit]


def _terminal_width() -> int:
    import shutil

    return min(shutil.get_terminal_size((100, 24)).columns, 110)


@cli.command("history", context_settings=CONTEXT)
@click.option("--org", required=True, help="Organisatie / organisation.")
@click.option("--json", "as_json", is_flag=True, help="Als JSON / as JSON.")
@click.option("--no-chart", is_flag=True, help="Zonder grafiek / without the chart.")
@click.pass_context
def history_cmd(ctx: click.Context, org: str, as_json: bool, no_chart: bool) -> None:
    """De afgeronde scans van een organisatie door de tijd, met verschillen.

    An organisation's completed scans over time, with the change against the previous one.
    """
    from maturity_scan.history import history_report

    config = _config(ctx)
    organisation = _organisation(config, org)
    contents = config.store.contents(organisation)  # one read for both
    report = history_report(contents.scans, config.catalog)
    points, targets = report.points, contents.targets
    _history_out(config, organisation, points, targets, as_json, no_chart)
    _exit_if_skipped(ctx, report.skipped)


def _history_out(
    config: Config,
    organisation: str,
    points: Sequence[HistoryPoint],
    targets: Sequence[Target],
    as_json: bool,
    no_chart: bool,
) -> None:
    lang = config.lang
    if as_json:
        _echo_json(
            {
                "organisation": organisation,
                "scans": [
                    {
                        "id": p.scan_id,
                        "date": p.date,
                        "completed_at": p.completed_at,
                        "question_set": p.question_set,
                        "principles": [
                            {
                                "id": s.id,
                                "score": s.score,
                                "level": s.level,
                                "delta": p.deltas.get(s.id),
                            }
                            for s in p.scores.principles
                        ],
                        "overall": {
                            "score": p.scores.overall.score,
                            "level": p.scores.overall.level,
                            "delta": p.overall_delta,
                        },
                    }
                    for p in points
                ],
                "targets": targets,
            }
        )
        return
    if not points:
        echo(tr("cli.no_completed", lang, org=organisation))
        return
    from maturity_scan.textreport import history_cells, local_date, table

    principle_ids = [s.id for s in points[-1].scores.principles]
    headers = [tr("cli.col.date", lang), tr("cli.col.id", lang), *principle_ids]
    headers.append(tr("cli.overall", lang).lower())
    rows = [
        [local_date(point.date), point.scan_id[:8], *cells]
        for point, cells in zip(points, history_cells(points, principle_ids), strict=True)
    ]
    echo(tr("cli.history_title", lang, org=organisation))
    echo(table(headers, rows))
    qs = config.catalog.get(points[-1].question_set.id, points[-1].question_set.version)
    for principle in qs.principles:
        target = next((t for t in targets if t.principle == principle.id), None)
        line = f"  {principle.id} = {principle.title.get(lang)}"
        if target is not None:
            by = f" ({target.by.isoformat()})" if target.by else ""
            line += " · " + tr("cli.target_short", lang, level=target.level, by=by)
        echo(line)
    if not no_chart and sys.stdout.isatty():
        import plotext

        from maturity_scan.charts import draw_history, history_series, render

        series = history_series(points, qs, lang, tr("cli.overall", lang))
        index = {p.id: i for i, p in enumerate(qs.principles)}
        try:
            draw_history(
                plotext,
                [local_date(pt.date) for pt in points],
                series,
                [qs.level_name(n).get(lang) for n in range(1, 6)],
                tr("cli.history_chart", lang),
                targets=[(index[t.principle], t.level) for t in targets if t.principle in index],
            )
            chart = render(plotext, _terminal_width(), 20)
        except (ValueError, OverflowError, OSError):
            # plotext cannot place dates at the far ends of the calendar (an imported year 1
            # or 9999); the table above has every figure
            echo(tr("cli.no_chart_dates", lang))
            return
        echo()
        click.echo(chart)


@cli.command("compare", context_settings=CONTEXT)
@click.argument("scan_a", metavar="ID_A")
@click.argument("scan_b", metavar="ID_B")
@click.option("--json", "as_json", is_flag=True, help="Als JSON / as JSON.")
@click.pass_context
def compare_cmd(ctx: click.Context, scan_a: str, scan_b: str, as_json: bool) -> None:
    """Twee scans van één organisatie vergelijken: scores en gewijzigde antwoorden.

    Compare two scans of one organisation (A before, B after): scores and changed answers.
    """
    from maturity_scan.compare import compare

    config = _config(ctx)
    lang = config.lang
    a, b = config.store.get(scan_a), config.store.get(scan_b)
    set_a = config.catalog.get(a.question_set.id, a.question_set.version)
    set_b = config.catalog.get(b.question_set.id, b.question_set.version)
    result = compare(a, b, set_a, set_b)
    if as_json:
        _echo_json(result)
        return
    from maturity_scan.textreport import comparison_text

    echo(comparison_text(result, a, b, set_a, set_b, lang))


@cli.group("target", context_settings=CONTEXT)
def target_group() -> None:
    """Streefniveaus per principe / target levels per principle."""


@target_group.command("set", context_settings=CONTEXT)
@click.option("--org", required=True, help="Organisatie / organisation.")
@click.option("--principle", required=True, help="Principe-id / principle id (e.g. keten).")
@click.option("--level", required=True, type=click.IntRange(1, 5), help="Niveau 1-5 / level 1-5.")
@click.option(
    "--by",
    "by_",
    metavar="DATE",
    help="Streefdatum, vandaag tot 10 jaar vooruit (31-12-2027 of 2027-12-31) / "
    "target date, today up to 10 years ahead.",
)
@click.option(
    "--questions", "set_id", default="sociale-inkoop", show_default=True, help="Vragenlijst / set."
)
@click.pass_context
def target_set(
    ctx: click.Context, org: str, principle: str, level: int, by_: str | None, set_id: str
) -> None:
    """Een streefniveau zetten of wijzigen / set or change a target."""
    from maturity_scan.models import Target

    config = _config(ctx)
    question_set = config.catalog.get(set_id)
    if question_set.principle(principle) is None:
        raise ScanError(
            "err.unknown_principle",
            file="--principle",
            principle=principle,
            known=", ".join(p.id for p in question_set.principles),
        )
    _typed(org, "--org")
    by = None
    if by_ is not None:
        from maturity_scan.dates import target_day

        by = target_day(by_, "--by")
    organisation = _organisation(config, org)
    config.store.set_target(
        Target(
            organisation=organisation,
            question_set=question_set.id,
            principle=principle,
            level=level,
            by=by,
        )
    )
    echo(tr("cli.target_saved", config.lang, org=organisation, principle=principle, level=level))


@target_group.command("list", context_settings=CONTEXT)
@click.option("--org", required=True, help="Organisatie / organisation.")
@click.option("--json", "as_json", is_flag=True, help="Als JSON / as JSON.")
@click.pass_context
def target_list(ctx: click.Context, org: str, as_json: bool) -> None:
    """De streefniveaus van een organisatie / an organisation's targets."""
    config = _config(ctx)
    organisation = _organisation(config, org)
    targets = config.store.targets(organisation)
    if as_json:
        _echo_json(targets)
        return
    if not targets:
        echo(tr("cli.no_targets", config.lang, org=organisation))
        return
    from maturity_scan.textreport import table

    lang = config.lang
    headers = [tr(f"cli.col.{k}", lang) for k in ("principle", "level", "by")]
    rows = [[t.principle, str(t.level), t.by.isoformat() if t.by else "—"] for t in targets]
    echo(table(headers, rows))


@cli.command("demo", context_settings=CONTEXT)
@click.pass_context
def demo_cmd(ctx: click.Context) -> None:
    """Een fictieve demo-organisatie laden (één keer) / load a fictional demo (once)."""
    from maturity_scan.demo import DEMO_ORGANISATION, DEMO_SET_ID, demo_scans, demo_targets
    from maturity_scan.models import Target

    config = _config(ctx)
    lang = config.lang
    question_set = config.catalog.get(DEMO_SET_ID)
    today = date.today()
    scans = demo_scans(question_set, today)
    stored = {s.id for s in config.store.scans(DEMO_ORGANISATION)}
    if stored & {s.id for s in scans}:
        echo(tr("cli.demo_present", lang, org=DEMO_ORGANISATION))
        return
    targets = [
        Target(
            organisation=DEMO_ORGANISATION,
            question_set=question_set.id,
            principle=principle,
            level=level,
            by=by,
        )
        for principle, level, by in demo_targets(today)
    ]
    config.store.import_scans(scans, "demo", targets)
    echo(tr("cli.demo_loaded", lang, org=DEMO_ORGANISATION, count=len(scans)))


# ------------------------------------------------------------------------------ db


@cli.group("db", context_settings=CONTEXT)
def db_group() -> None:
    """Database controleren, reservekopieën, herstellen / check, back up, restore."""


@db_group.command("check", context_settings=CONTEXT)
@click.pass_context
def db_check(ctx: click.Context) -> None:
    """Het hele bestand lezen en elke scan controleren / read the file and validate every scan."""
    from maturity_scan.backups import list_backups

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


@db_group.command("backups", context_settings=CONTEXT)
@click.option("--json", "as_json", is_flag=True, help="Als JSON / as JSON.")
@click.pass_context
def db_backups(ctx: click.Context, as_json: bool) -> None:
    """De reservekopieën, oudste eerst / the backups, oldest first."""
    from maturity_scan.backups import backup_dir, list_backups

    config = _config(ctx)
    backups = list_backups(config.db_path)
    if as_json:
        _echo_json(
            [
                {
                    "name": b.name,
                    "created": b.created.isoformat(),
                    "reason": b.reason,
                    "bytes": b.path.stat().st_size,
                }
                for b in backups
            ]
        )
        return
    if not backups:
        echo(tr("cli.no_backups", config.lang, folder=str(backup_dir(config.db_path))))
        return
    from maturity_scan.textreport import table

    headers = [tr(f"cli.col.{k}", config.lang) for k in ("name", "date", "reason", "size")]
    rows = [
        [b.name, b.created.strftime("%Y-%m-%d %H:%M"), b.reason, f"{b.path.stat().st_size:,}"]
        for b in backups
    ]
    echo(table(headers, rows))


@db_group.command("restore", context_settings=CONTEXT)
@click.argument("name", metavar="NAME")
@YES
@click.pass_context
def db_restore(ctx: click.Context, name: str, yes: bool) -> None:
    """Een reservekopie terugzetten; het huidige bestand wordt eerst apart gezet.

    Restore a backup (a NAME from 'db backups'); the current file is first set aside.
    """
    from maturity_scan.backups import find_backup
    from maturity_scan.migrations import SCHEMA_VERSION, schema_version
    from maturity_scan.storage import parse_database

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


@db_group.command("reset", context_settings=CONTEXT)
@YES
@click.pass_context
def db_reset(ctx: click.Context, yes: bool) -> None:
    """Opnieuw beginnen: het huidige bestand apart zetten (nooit wissen) / start over: set the
    current file aside (never deleted)."""
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


# ------------------------------------------------------------------------------ entry point


def _lang_from_args(args: Sequence[str]) -> Lang:
    """The language of a message about a failed command, chosen as for the command itself:
    ``--lang``, else the environment, else the settings file, else Dutch."""
    value = None
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
    from maturity_scan.paths import settings_path
    from maturity_scan.settings import resolve

    try:
        return resolve(value, None, settings_path())[0]
    except Exception:  # a message must never fail over its language
        return resolve_lang(value)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        code = cli.main(args=args, prog_name="maturity-scan", standalone_mode=False)
    except ScanError as err:
        lang = _lang_from_args(args)
        prefix = "fout" if lang == "nl" else "error"
        echo(f"maturity-scan: {prefix}: {err.render(lang)}", err=True)
        sys.exit(err.exit_code)
    except click.exceptions.Abort:
        echo(tr("cli.cancelled", _lang_from_args(args)), err=True)
        sys.exit(1)
    except click.UsageError as err:
        lang = _lang_from_args(args)
        prefix = "fout" if lang == "nl" else "error"
        command = err.ctx.command_path if err.ctx else "maturity-scan"
        hint = tr("cli.see_help", lang, command=command)
        echo(f"maturity-scan: {prefix}: {err.format_message()} ({hint})", err=True)
        sys.exit(err.exit_code)
    except click.ClickException as err:
        echo(f"maturity-scan: {err.format_message()}", err=True)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
