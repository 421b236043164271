"""Progress over time: ``maturity-scan history``, ``compare`` and ``target set/list``."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Literal

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
from maturity_scan.core.models import Round, Scan, SetRef, Target
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
    """A point of ``history --json``: a scan of its own, or a team round."""

    #: The scored scan; of a provisional point ``<round id>-provisional``: not a stored scan.
    id: str
    date: datetime
    completed_at: datetime | None
    question_set: SetRef
    principles: list[HistoryPrinciple]
    overall: HistoryScore
    #: Another question set (version) than the scan before: compare per principle only.
    version_changed: bool
    #: ``single``, a round's ``consensus`` or ``provisional`` result, or (``--responses``) a
    #: respondent's scan in a round (``response``: no change computed).
    kind: Literal["single", "consensus", "provisional", "response"] = "single"
    #: The team round the point is of (null for a single scan).
    round: str | None = None
    #: The round has no consensus yet: its lower medians, not a stored scan.
    provisional: bool = False

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
            kind=point.kind,
            round=point.round,
            provisional=point.provisional,
        )


class HistoryOutput(msgspec.Struct, gc=False, frozen=True):
    """``history --json``: the organisation's points (completed scans and team rounds), oldest
    first, and its targets."""

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
@option("--responses", is_flag=True, help="help.opt.history_responses")
@click.pass_context
def history_cmd(
    ctx: click.Context, org: str, as_json: bool, no_chart: bool, responses: bool
) -> None:
    """An organisation's points over time (completed scans, a point per team round), with the
    change against the previous one."""
    from maturity_scan.core.history import history_report

    config = _config(ctx)
    organisation = _organisation(config, org)
    contents = config.store.contents(organisation)  # one read for all
    report = history_report(contents.scans, config.catalog, contents.rounds, responses=responses)
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
    echo(tr("cli.history_title", lang, org=organisation))
    _history_table(points, config, lang)
    points = [p for p in points if p.kind != "response"]  # the organisation's own line
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


def _history_table(points: Sequence[HistoryPoint], config: Config, lang: Lang) -> None:
    """The table of a history: per point its date, id, scores and changes; with team rounds,
    what each point is ("consensus", "voorlopig", a respondent's role)."""
    from maturity_scan.cli.text import table
    from maturity_scan.present.history_points import (
        has_rounds,
        point_cells,
        point_kind,
        provisional_note,
    )
    from maturity_scan.present.textreport import history_date, version_note

    catalog = config.catalog
    own = [p for p in points if p.kind != "response"] or list(points)
    principle_ids = [s.id for s in own[-1].scores.principles]
    rounds = has_rounds(points)
    headers = [tr("cli.col.date", lang), tr("cli.col.id", lang)]
    if rounds:
        headers.append(tr("cli.col.point", lang))
    headers += [*principle_ids, tr("cli.overall", lang).lower()]
    rows = []
    for point, cells in zip(points, point_cells(points, principle_ids), strict=True):
        row = [history_date(point), point.scan_id[:8]]
        if rounds:
            row.append(point_kind(point, lambda ref: catalog.find(ref.id, ref.version), lang))
        rows.append(row + cells)
    echo(table(headers, rows))
    for note in (version_note(own, lang), provisional_note(points, lang)):
        if note:
            echo(note)


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
    """Compare two scans of one organisation (A before, B after): scores and changed answers.
    A or B may be a team round: its point (its consensus, else its provisional result)."""
    from maturity_scan.core.compare import compare

    config = _config(ctx)
    lang = config.lang
    (a, round_a), (b, round_b) = _compared(config, scan_a), _compared(config, scan_b)
    set_a = config.catalog.get(a.question_set.id, a.question_set.version)
    set_b = config.catalog.get(b.question_set.id, b.question_set.version)
    result = compare(a, b, set_a, set_b)
    if as_json:
        _echo_json(result)
        return
    from maturity_scan.cli.text import comparison_text

    for side, round_, provisional in (
        ("A", round_a, result.provisional_a),
        ("B", round_b, result.provisional_b),
    ):
        if round_ is not None:  # said first: the title names the point's scan
            key = "cli.compare_provisional" if provisional else "cli.compare_consensus"
            echo(tr(key, lang, side=side, id=round_.short_id, title=round_.title))
    echo(comparison_text(result, a, b, set_a, set_b, lang))


def _compared(config: Config, ref: str) -> tuple[Scan, Round | None]:
    """The scan ``ref`` names, or the point of the round it names (its consensus, else its
    provisional result) with the round. A prefix of both a scan's and a round's id is
    refused, never guessed."""
    from maturity_scan.core.points import point_of_round

    scan: Scan | None = None
    round_: Round | None = None
    try:
        scan = config.store.get(ref)
    except ScanError as err:
        if err.key != "err.scan_not_found":
            raise
    try:
        round_ = config.store.rounds.get(ref)
    except ScanError as err:
        if err.key != "err.round_not_found":
            raise
    if scan is not None and round_ is not None and ref not in (scan.id, round_.id):
        raise ScanError(
            "err.compare_scan_or_round", id=ref, scan=scan.short_id, round=round_.short_id
        )
    if scan is not None and (round_ is None or scan.id == ref):
        if scan.kind == "consensus" and scan.round is not None:  # a round's point as it is
            return scan, config.store.rounds.get(scan.round.id)
        return scan, None
    if round_ is None:
        raise ScanError("err.compare_not_found", id=ref)
    contents = config.store.rounds.contents(round_.id)
    catalog = config.catalog
    point = point_of_round(round_, contents.scans, lambda s: catalog.find(s.id, s.version))
    if point is None:
        raise ScanError("err.compare_round_empty", round=round_.short_id)
    return point.scan, round_


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
