"""``maturity-scan scan``: store, edit, list, show and delete scans."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click
import msgspec

from maturity_scan.cli.common import (
    ANY_PATH,
    CONTEXT,
    YES,
    _config,
    _confirm,
    _echo_json,
    _typed,
    echo,
)
from maturity_scan.cli.texts import TranslatedGroup, option
from maturity_scan.core.models import Respondent, Scan
from maturity_scan.core.names import org_key
from maturity_scan.errors import ScanError
from maturity_scan.i18n import tr
from maturity_scan.storage.store import make_scan, now

if TYPE_CHECKING:
    from maturity_scan.config import Config
    from maturity_scan.core.models import Lang, QuestionSet, Round
    from maturity_scan.core.report import ScanReport


@click.group(cls=TranslatedGroup, context_settings=CONTEXT, help="help.scan")
def scan() -> None:
    """Store, list, show and delete scans."""


def _scan_moment(value: str | None, option: str = "--date") -> datetime | None:
    """The stored moment of a scan taken on the day typed (2000-01-01 up to today)."""
    if value is None:
        return None
    from maturity_scan.dates import moment_of, scan_day

    return moment_of(scan_day(value, option))


@scan.command("new", context_settings=CONTEXT, help="help.scan.new")
@option("--org", required=True, help="help.opt.org")
@option(
    "--answers",
    "answers_path",
    type=ANY_PATH,
    help="help.opt.answers",
)
@option("--from", "from_id", metavar="ID", help="help.opt.from")
@option(
    "--date",
    "date_",
    metavar="DATE",
    help="help.opt.date_new",
)
@option("--respondent", help="help.opt.respondent")
@option("--role", help="help.opt.role")
@option("--new-org", is_flag=True, help="help.opt.new_org")
@YES
@click.pass_context
def scan_new(
    ctx: click.Context,
    org: str,
    answers_path: Path | None,
    from_id: str | None,
    date_: str | None,
    respondent: str | None,
    role: str | None,
    new_org: bool,
    yes: bool,
) -> None:
    """Store a completed scan from an answers file, or starting from an earlier scan
    (``--from``); prints its id. Answers carried over and not confirmed by the file are asked
    about first (no: nothing stored, exit 1)."""
    from maturity_scan.exchange.answers import load_answers

    config = _config(ctx)
    lang = config.lang
    _typed(org, "--org")
    _typed(respondent, "--respondent")
    _typed(role, "--role")
    if answers_path is None and from_id is None:
        param = next(p for p in ctx.command.params if p.name == "answers_path")
        raise click.MissingParameter(ctx=ctx, param=param)
    if not new_org:
        _not_a_typo(config, org)
    when = _scan_moment(date_) or now()
    previous = None if from_id is None else _previous_scan(config, from_id, org)
    if previous is not None and when < previous.date:
        from maturity_scan.present.textreport import local_date

        raise ScanError(
            "err.from_later", id=previous.short_id, date=local_date(previous.date), field="--date"
        )
    question_set, answers = (
        (None, {}) if answers_path is None else load_answers(answers_path, config.catalog)
    )
    if previous is not None and question_set is None:
        question_set = config.catalog.get(previous.question_set.id)
    assert question_set is not None
    scan_ = make_scan(
        org,
        question_set.ref,
        Respondent(name=_clean(respondent), role=_clean(role)),
        completed_at=when,
        answers=answers,
        taken_at=when,
    )
    if previous is not None:
        if previous.question_set.id != question_set.id:
            raise ScanError(
                "err.from_other_set",
                id=previous.short_id,
                set=previous.question_set.id,
                file=str(answers_path),
                other=question_set.id,
            )
        from maturity_scan.core.followup import follow_up

        scan_ = follow_up(
            msgspec.structs.replace(scan_, answers={}), previous, question_set, answers
        )
        if scan_.carried and not yes and not _store_carried(scan_, previous, lang):
            echo(tr("cli.not_stored", lang), err=True)
            ctx.exit(1)
    stored = config.store.add(scan_)
    if stored.organisation != scan_.organisation:
        echo(tr("cli.filed_under", lang, org=stored.organisation), err=True)
    echo(stored.id)


def _not_a_typo(config: Config, org: str) -> None:
    """A name that is no stored organisation but looks like one is refused (a typo would
    start a new organisation); ``--new-org`` says it is a new one."""
    from maturity_scan.core.names import close_names

    known = config.store.organisations()
    if any(org_key(name) == org_key(org) for name in known):
        return
    close = close_names(org, known)
    if close:
        raise ScanError("err.org_new_close", org=org, known=", ".join(f"'{c}'" for c in close))


def _previous_scan(config: Config, ref: str, org: str) -> Scan:
    """The completed scan of ``org`` that ``--from`` names; a one-line error otherwise."""
    found = config.store.get(ref)
    if org_key(found.organisation) != org_key(org):
        raise ScanError("err.from_other_org", id=found.short_id, other=found.organisation, org=org)
    if found.status != "completed":
        raise ScanError("err.from_draft", id=found.short_id)
    return found


def _store_carried(scan_: Scan, previous: Scan, lang: Lang) -> bool:
    """Ask whether to store a completed scan with answers carried over and not confirmed;
    no input (end of file) is no."""
    from maturity_scan.present.textreport import local_date

    count, day = len(scan_.carried), local_date(previous.date)
    try:
        return _confirm(tr("cli.confirm_carried", lang, count=count, date=day), lang)
    except click.exceptions.Abort:
        click.echo(err=True)  # the prompt's line ends
        return False


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None


@scan.command("edit", context_settings=CONTEXT, help="help.scan.edit")
@click.argument("scan_id", metavar="ID")
@option(
    "--date",
    "date_",
    metavar="DATE",
    help="help.opt.date_edit",
)
@option("--respondent", help="help.opt.respondent_edit")
@option("--role", help="help.opt.role_edit")
@click.pass_context
def scan_edit(
    ctx: click.Context,
    scan_id: str,
    date_: str | None,
    respondent: str | None,
    role: str | None,
) -> None:
    """Change a scan's date, respondent or role; its answers stay as they are. ID may be the first
    characters of a scan's id (at least 4)."""
    from maturity_scan.present.textreport import local_date, respondent_label

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


@scan.command("show", context_settings=CONTEXT, help="help.scan.show")
@click.argument("scan_id", metavar="ID")
@option("--json", "as_json", is_flag=True, help="help.opt.json_export")
@option("--no-chart", is_flag=True, help="help.opt.no_chart")
@click.pass_context
def scan_show(ctx: click.Context, scan_id: str, as_json: bool, no_chart: bool) -> None:
    """The report of a scan (core.report), as text with a chart or as JSON. ID may be the
    first characters of a scan's id (at least 4)."""
    from maturity_scan.cli import text
    from maturity_scan.core.report import build_report, previous_scan

    config = _config(ctx)
    lang = config.lang
    found = config.store.get(scan_id)
    qs = config.catalog.get(found.question_set.id, found.question_set.version)
    contents = config.store.contents(found.organisation)
    found = next((s for s in contents.scans if s.id == found.id), found)  # one read for all
    before = previous_scan(found, contents.scans, config.catalog, contents.rounds)
    previous = None
    if before is not None:
        previous = (before, config.catalog.get(before.question_set.id, before.question_set.version))
    report = build_report(found, qs, contents.targets, previous)
    if as_json:
        _echo_json(report)
        return
    echo(text.report_head(report, lang) + "\n")
    if lines := _round_lines(report, contents.rounds, qs, lang):
        echo("\n".join(lines) + "\n")
    echo(text.report_table(report, lang))
    if not no_chart and sys.stdout.isatty():
        import shutil

        from maturity_scan.present.charts import render_score_bars

        width = min(shutil.get_terminal_size().columns, 100)
        principles = report.scores.principles
        echo()
        click.echo(  # a chart: its colours are ours; its labels are the set's checked titles
            render_score_bars(
                [p.title.get(lang) for p in principles],
                [p.score if p.level is not None else None for p in principles],
                [d.name.get(lang) for d in report.levels],
                tr("cli.chart_title", lang),
                width=width,
            )
        )
    echo("\n" + text.report_blocks(report, lang))


def _round_lines(
    report: ScanReport, rounds: Sequence[Round], question_set: QuestionSet, lang: Lang
) -> list[str]:
    """Under ``scan show``'s head: the team round the scan belongs to, and the round whose
    point the changes are against."""
    titles = {r.id: r.title for r in rounds}
    lines = []
    link = report.round
    if link is not None:
        title = titles.get(link.id, "")
        if link.kind == "consensus":
            lines.append(tr("cli.scan_round_consensus", lang, id=link.id[:8], title=title))
        else:
            role = question_set.role_name(link.role, lang) if link.role else "—"
            lines.append(
                tr("cli.scan_round_response", lang, id=link.id[:8], title=title, role=role)
            )
    previous = report.previous
    if previous is not None and previous.round is not None:
        key = "cli.scan_previous_provisional" if previous.provisional else "cli.scan_previous_round"
        title = titles.get(previous.round, "")
        lines.append(tr(key, lang, id=previous.round[:8], title=title))
    return lines


@scan.command("delete", context_settings=CONTEXT, help="help.scan.delete")
@click.argument("scan_id", metavar="ID")
@YES
@click.pass_context
def scan_delete(ctx: click.Context, scan_id: str, yes: bool) -> None:
    """Delete a scan."""
    from maturity_scan.present.textreport import local_date

    config = _config(ctx)
    lang = config.lang
    contents = config.store.contents()  # one read: the scan, and whether it is the last
    found = config.store.get(scan_id)
    org = org_key(found.organisation)
    last = not any(org_key(s.organisation) == org for s in contents.scans if s.id != found.id)
    targets = [t for t in contents.targets if org_key(t.organisation) == org] if last else []
    # its groups and rescan interval go with its last scan too (Store.delete)
    kept = last and any(org_key(o.name) == org for o in contents.organisations)
    fill = {"id": found.short_id, "org": found.organisation, "count": len(targets)}
    if kept and not targets:
        fill["count"] = 0
    question = tr(
        "cli.confirm_delete_targets" if targets or kept else "cli.confirm_delete",
        lang,
        date=local_date(found.date),
        **fill,
    )
    if not yes and not _confirm(question, lang):
        echo(tr("cli.cancelled", lang), err=True)
        ctx.exit(1)
    config.store.delete(found.id)
    echo(tr("cli.scan_deleted_targets" if targets or kept else "cli.scan_deleted", lang, **fill))
