"""Progress over time: ``maturity-scan history``, ``compare`` and ``target set/list``."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import click
import msgspec

from maturity_scan.cli.common import (
    CONTEXT,
    _config,
    _echo_json,
    _exit_if_skipped,
    _organisation,
    _typed,
    echo,
)
from maturity_scan.cli.texts import TranslatedCommand, TranslatedGroup, option
from maturity_scan.config import Config
from maturity_scan.core.models import SetRef, Target
from maturity_scan.errors import ScanError
from maturity_scan.i18n import tr

if TYPE_CHECKING:
    from maturity_scan.core.history import HistoryPoint
    from maturity_scan.core.models import Lang, QuestionSet


class HistoryScore(msgspec.Struct, gc=False, frozen=True):
    """A score in ``history --json``: per principle (with ``id``) or overall (without), and
    the change against the scan before it."""

    score: float | None
    level: int | None
    delta: float | None


class HistoryPrinciple(msgspec.Struct, gc=False, frozen=True):
    id: str
    score: float | None
    level: int | None
    delta: float | None


class HistoryScan(msgspec.Struct, gc=False, frozen=True):
    id: str
    date: datetime
    completed_at: datetime | None
    question_set: SetRef
    principles: list[HistoryPrinciple]
    overall: HistoryScore
    #: Another question set (version) than the scan before: compare per principle only.
    version_changed: bool

    @classmethod
    def of(cls, point: HistoryPoint) -> HistoryScan:
        scores = point.scores
        return cls(
            id=point.scan_id,
            date=point.date,
            completed_at=point.completed_at,
            question_set=point.question_set,
            principles=[
                HistoryPrinciple(s.id, s.score, s.level, point.deltas.get(s.id))
                for s in scores.principles
            ],
            overall=HistoryScore(scores.overall.score, scores.overall.level, point.overall_delta),
            version_changed=point.version_changed,
        )


class HistoryOutput(msgspec.Struct, gc=False, frozen=True):
    """``history --json``: the organisation's completed scans, oldest first, and its targets."""

    organisation: str
    scans: list[HistoryScan]
    targets: list[Target]

    @classmethod
    def of(
        cls, organisation: str, points: Sequence[HistoryPoint], targets: Sequence[Target]
    ) -> HistoryOutput:
        return cls(organisation, [HistoryScan.of(p) for p in points], list(targets))


def _terminal_width() -> int:
    import shutil

    return min(shutil.get_terminal_size((100, 24)).columns, 110)


@click.command("history", cls=TranslatedCommand, context_settings=CONTEXT, help="help.history")
@option("--org", required=True, help="help.opt.org")
@option("--json", "as_json", is_flag=True, help="help.opt.json")
@option("--no-chart", is_flag=True, help="help.opt.no_chart")
@click.pass_context
def history_cmd(ctx: click.Context, org: str, as_json: bool, no_chart: bool) -> None:
    """An organisation's completed scans over time, with the change against the previous one."""
    from maturity_scan.core.history import history_report

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
        _echo_json(HistoryOutput.of(organisation, points, targets))
        return
    if not points:
        echo(tr("cli.no_completed", lang, org=organisation))
        return
    from maturity_scan.cli.text import table
    from maturity_scan.present.textreport import history_cells, history_date, version_note

    principle_ids = [s.id for s in points[-1].scores.principles]
    headers = [tr("cli.col.date", lang), tr("cli.col.id", lang), *principle_ids]
    headers.append(tr("cli.overall", lang).lower())
    rows = [
        [history_date(point), point.scan_id[:8], *cells]
        for point, cells in zip(points, history_cells(points, principle_ids), strict=True)
    ]
    echo(tr("cli.history_title", lang, org=organisation))
    echo(table(headers, rows))
    if note := version_note(points, lang):
        echo(note)
    qs = config.catalog.get(points[-1].question_set.id, points[-1].question_set.version)
    for principle in qs.principles:
        target = next((t for t in targets if t.principle == principle.id), None)
        line = f"  {principle.id} = {principle.title.get(lang)}"
        if target is not None:
            by = f" ({target.by.isoformat()})" if target.by else ""
            line += " · " + tr("cli.target_short", lang, level=target.level, by=by)
        echo(line)
    if not no_chart and sys.stdout.isatty():
        _history_chart(points, targets, qs, lang)


def _history_chart(
    points: Sequence[HistoryPoint], targets: Sequence[Target], qs: QuestionSet, lang: Lang
) -> None:
    """The line chart under the history table (on a terminal)."""
    import plotext

    from maturity_scan.present.charts import draw_history, history_series, render
    from maturity_scan.present.textreport import local_date

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


@click.command("compare", cls=TranslatedCommand, context_settings=CONTEXT, help="help.compare")
@click.argument("scan_a", metavar="ID_A")
@click.argument("scan_b", metavar="ID_B")
@option("--json", "as_json", is_flag=True, help="help.opt.json")
@click.pass_context
def compare_cmd(ctx: click.Context, scan_a: str, scan_b: str, as_json: bool) -> None:
    """Compare two scans of one organisation (A before, B after): scores and changed answers."""
    from maturity_scan.core.compare import compare

    config = _config(ctx)
    lang = config.lang
    a, b = config.store.get(scan_a), config.store.get(scan_b)
    set_a = config.catalog.get(a.question_set.id, a.question_set.version)
    set_b = config.catalog.get(b.question_set.id, b.question_set.version)
    result = compare(a, b, set_a, set_b)
    if as_json:
        _echo_json(result)
        return
    from maturity_scan.cli.text import comparison_text

    echo(comparison_text(result, a, b, set_a, set_b, lang))


@click.group("target", cls=TranslatedGroup, context_settings=CONTEXT, help="help.target")
def target_group() -> None:
    """Target levels per principle."""


@target_group.command("set", context_settings=CONTEXT, help="help.target.set")
@option("--org", required=True, help="help.opt.org")
@option("--principle", required=True, help="help.opt.principle")
@option("--level", required=True, type=click.IntRange(1, 5), help="help.opt.level")
@option(
    "--by",
    "by_",
    metavar="DATE",
    help="help.opt.by",
)
@option("--questions", "set_id", default="sociale-inkoop", show_default=True, help="help.opt.set")
@click.pass_context
def target_set(
    ctx: click.Context, org: str, principle: str, level: int, by_: str | None, set_id: str
) -> None:
    """Set or change a target."""
    from maturity_scan.core.models import Target

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


@target_group.command("list", context_settings=CONTEXT, help="help.target.list")
@option("--org", required=True, help="help.opt.org")
@option("--json", "as_json", is_flag=True, help="help.opt.json")
@click.pass_context
def target_list(ctx: click.Context, org: str, as_json: bool) -> None:
    """An organisation's targets."""
    config = _config(ctx)
    organisation = _organisation(config, org)
    targets = config.store.targets(organisation)
    if as_json:
        _echo_json(targets)
        return
    if not targets:
        echo(tr("cli.no_targets", config.lang, org=organisation))
        return
    from maturity_scan.cli.text import table

    lang = config.lang
    headers = [tr(f"cli.col.{k}", lang) for k in ("principle", "level", "by")]
    rows = [[t.principle, str(t.level), t.by.isoformat() if t.by else "—"] for t in targets]
    echo(table(headers, rows))
