"""History of one organisation: its points over time (completed scans, one per team round:
its consensus or its provisional result), the change per point, targets."""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.table import Table
from rich.text import Text as RichText
from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from maturity_scan.core.history import HistoryPoint, history_report
from maturity_scan.core.models import QuestionSet, Scan, SetRef, Target
from maturity_scan.errors import ScanError
from maturity_scan.present.charts import history_series
from maturity_scan.present.history_points import has_rounds, point_kind, provisional_note
from maturity_scan.present.textreport import (
    history_cells,
    history_date,
    local_date,
    shown,
    version_note,
)
from maturity_scan.tui.flows import open_targets_dialog, show_compare
from maturity_scan.tui.screens.base import BaseScreen
from maturity_scan.tui.widgets.score_chart import HistoryChart
from maturity_scan.visible import visible

#: The years a history chart can show (plotext's date axis fails near year 1 and 9999).
CHART_YEARS = (1900, 2999)


class HistoryScreen(BaseScreen[None]):
    BINDINGS = [
        Binding("c", "compare", "ui.key.compare"),
        Binding("t", "targets", "ui.key.targets"),
        Binding("p", "board_report", "ui.key.board_report"),
        Binding("escape", "back", "ui.key.back"),
    ]

    def __init__(self, organisation: str) -> None:
        super().__init__()
        self.organisation = organisation
        #: The scan scored for each point (of a provisional point: never stored).
        self.scans: list[Scan] = []
        self.points: list[HistoryPoint] = []
        self.targets: list[Target] = []
        self.question_set: QuestionSet | None = None
        #: Completed scans left out because their question set is not installed.
        self.skipped: list[Scan] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="history"):
            yield Static("", id="h-title", classes="screen-title", markup=False)
            yield Static("", id="h-empty", classes="empty", markup=False)
            yield Static("", id="h-skipped", classes="error", markup=False)
            yield HistoryChart(id="h-chart")
            yield Static("", id="h-table", markup=False)
            yield Static("", id="h-targets", markup=False)
        yield Footer(show_command_palette=False)

    def on_screen_resume(self) -> None:
        """Shown, when pushed and when back from compare or targets: (re)load. (Not on mount
        as well: the first resume follows at once, and the screen would load twice.)"""
        self.load()

    @work(thread=True, exclusive=True, group="history-load")
    def load(self) -> None:
        app = self.app
        app.autosaver.flush()
        try:
            contents = app.config.store.contents(self.organisation)  # one read of the file
            catalog = app.config.catalog
            # A point whose question set is not installed cannot be scored: it is left out
            # and named, and the others are shown (one unreadable scan, not a failed history).
            report = history_report(contents.scans, catalog, contents.rounds)
            points, skipped = report.points, report.skipped
            latest = points[-1].question_set if points else None
            qs = catalog.get(latest.id, latest.version) if latest else None
        except ScanError as err:
            app.call_from_thread(app.report, err)
            return
        app.call_from_thread(self._show, report.scans, points, contents.targets, qs, skipped)

    def _show(
        self,
        scans: list[Scan],
        points: list[HistoryPoint],
        targets: list[Target],
        question_set: QuestionSet | None,
        skipped: list[Scan],
    ) -> None:
        self.scans, self.points, self.targets = scans, points, targets
        self.question_set = question_set
        self.skipped = skipped
        self.update_texts()

    def update_texts(self) -> None:
        lang = self.lang
        org = visible(self.organisation, single_line=True)
        self.sub_title = org
        self.query_one("#h-title", Static).update(self.t("ui.h.title", org=org))
        empty = self.query_one("#h-empty", Static)
        empty.update(self.t("ui.h.empty"))
        empty.display = not self.points
        skipped = self.query_one("#h-skipped", Static)
        skipped.display = bool(self.skipped)
        names = ", ".join(
            f"{s.short_id} ({local_date(s.date)}, {s.question_set.id} {s.question_set.version})"
            for s in self.skipped
        )
        skipped.update(self.t("ui.h.skipped", scans=visible(names, single_line=True)))
        chart = self.query_one("#h-chart", HistoryChart)
        # The chart shows the scans plotext can place on a date axis (any real date can be);
        # the table below lists them all.
        charted = [p for p in self.points if CHART_YEARS[0] <= p.date.year <= CHART_YEARS[1]]
        chart.display = bool(charted)
        qs = self.question_set
        if not self.points or qs is None:
            self.query_one("#h-table", Static).update("")
            self.query_one("#h-targets", Static).update("")
            return
        index = {p.id: i for i, p in enumerate(qs.principles)}
        chart.show_history(
            [local_date(p.date) for p in charted],
            history_series(charted, qs, lang, self.t("ui.h.overall")),
            [qs.level_name(n).get(lang) for n in range(1, 6)],
            self.t("ui.h.chart"),
            [(index[t.principle], t.level) for t in self.targets if t.principle in index],
        )
        self.query_one("#h-table", Static).update(self._table(qs))
        self.query_one("#h-targets", Static).update(self._targets_text(qs))

    def _table(self, qs: QuestionSet) -> Table:
        table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
        table.add_column(self.t("ui.col.date"), no_wrap=True)
        rounds = has_rounds(self.points)
        if rounds:  # what each point is: a round's consensus or its provisional result
            table.add_column(self.t("ui.h.point"), no_wrap=True)
        for principle in qs.principles:
            table.add_column(RichText(principle.title.get(self.lang)), justify="right")
        table.add_column(self.t("ui.h.overall"), justify="right")
        principle_ids = [p.id for p in qs.principles]
        for point, cells in zip(
            self.points, history_cells(self.points, principle_ids), strict=True
        ):
            # Text cells: Rich would parse a str cell as markup, twice per paint
            kind = point_kind(point, self._find_set, self.lang)
            marks = [RichText(kind, style="italic" if point.provisional else "")] if rounds else []
            table.add_row(RichText(history_date(point)), *marks, *map(RichText, cells))
        notes = [version_note(self.points, self.lang), provisional_note(self.points, self.lang)]
        if caption := "\n".join(n for n in notes if n):
            table.caption, table.caption_justify = RichText(caption), "left"
        return table

    def _find_set(self, ref: SetRef) -> QuestionSet | None:
        return self.app.config.catalog.find(ref.id, ref.version)

    def _targets_text(self, qs: QuestionSet) -> RichText:
        if not self.targets:
            return RichText(self.t("ui.h.no_targets"), style="italic")
        out = RichText(self.t("ui.h.targets") + "\n", style="bold")
        latest = self.points[-1].scores
        for target in self.targets:
            principle = qs.principle(target.principle)
            if principle is None:
                continue
            score = latest.principle(target.principle)
            current = score.score if score is not None else None
            if score is not None and score.level is not None and score.level >= target.level:
                status = self.t("ui.h.reached")
            elif current is not None:
                status = self.t("ui.h.gap", gap=f"{target.level - shown(current):.1f}")
            else:
                status = self.t("ui.h.no_score")
            by = f" ({target.by.isoformat()})" if target.by else ""
            line = self.t(
                "ui.h.target_line",
                principle=principle.title.get(self.lang),
                level=target.level,
                by=by,
                status=status,
            )
            out.append("  " + line + "\n")
        return out

    # ----------------------------------------------------------------- actions

    def action_compare(self) -> None:
        """The latest two points (a round: its consensus or its provisional result)."""
        if len(self.scans) < 2:
            self.notify(self.t("ui.h.need_two"), severity="warning", markup=False)
            return
        show_compare(self.app, self.organisation, self.scans[-2], self.scans[-1])

    def action_targets(self) -> None:
        open_targets_dialog(self, self.organisation)

    def action_board_report(self) -> None:
        """The organisation's board report: its latest point with this history (#15)."""
        from maturity_scan.tui.report_flow import org_build, report_dialog

        report_dialog(self, self.organisation, org_build(self.organisation))

    def action_back(self) -> None:
        self.app.pop_screen()

    def palette_commands(self) -> Iterable[SystemCommand]:
        for name, action in [
            ("compare", self.action_compare),
            ("targets", self.action_targets),
            ("back", self.action_back),
        ]:
            yield SystemCommand(self.t(f"ui.cmd.{name}"), self.t(f"ui.cmd.{name}.help"), action)
