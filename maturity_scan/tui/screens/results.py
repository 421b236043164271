"""Results: the scan's report (:mod:`maturity_scan.core.report`) rendered with Rich: scores
per principle, the chart, what holds each principle back, "don't know" answers, notes, next
steps and the change since the previous completed scan. What each section says is decided in
:mod:`maturity_scan.present.report_view`, shared with ``scan show``.

Everything shown comes from a stored read: the scan is read again (with the organisation's
targets and previous completed scan) whenever the screen is shown, and the export and reopen
wait for that read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText
from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Header, Static

from maturity_scan.core.models import QuestionSet, Scan, Target
from maturity_scan.core.report import ScanReport, build_report, previous_scan
from maturity_scan.core.scoring import OverallScore, PrincipleScore, ScanScores
from maturity_scan.errors import ScanError
from maturity_scan.present.report_view import (
    Line,
    coverage_percent,
    previous_text,
    principle_lines,
    score_columns,
    score_rows,
)
from maturity_scan.present.textreport import fmt_score, local_date, respondent_label
from maturity_scan.storage.store import Store
from maturity_scan.tui.flows import export_scan_dialog, open_compare, open_targets_dialog, read_then
from maturity_scan.tui.screens.base import BaseScreen
from maturity_scan.tui.widgets.score_chart import ScoreChart
from maturity_scan.visible import visible

#: How many steps per answer each principle shows (``scan show`` and the export have all).
SHOWN_STEPS = 3


class ResultsScreen(BaseScreen[None]):
    BINDINGS = [
        Binding("e", "export", "ui.key.export"),
        Binding("p", "board_report", "ui.key.board_report"),
        Binding("r", "reopen", "ui.key.reopen"),
        Binding("h", "history", "ui.key.history"),
        Binding("c", "compare", "ui.key.compare"),
        Binding("t", "targets", "ui.key.targets"),
        Binding("d", "definitions", "ui.key.definitions"),
        Binding("escape", "back", "ui.key.back"),
    ]

    def __init__(self, scan: Scan, question_set: QuestionSet) -> None:
        super().__init__()
        self.question_set = question_set
        self.targets: list[Target] = []
        self.previous: tuple[Scan, QuestionSet] | None = None
        self.loaded = False  # the scan was read again by this screen (export, reopen wait)
        self._show_scan(scan)

    def _show_scan(self, scan: Scan) -> None:
        self.scan = scan
        self.report: ScanReport = build_report(scan, self.question_set, self.targets, self.previous)

    @property
    def scores(self) -> ScanScores:
        """The scores the screen shows, as :func:`score_scan` gives them."""
        overall = self.report.scores.overall
        return ScanScores(
            [
                PrincipleScore(
                    p.id,
                    p.title,
                    p.score,
                    p.level,
                    p.answered,
                    p.applicable,
                    p.questions,
                    p.unknown,
                )
                for p in self.report.scores.principles
            ],
            OverallScore(overall.score, overall.level),
        )

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="results"):
            yield Static("", id="r-title", classes="screen-title", markup=False)
            yield Static("", id="r-meta", classes="hint", markup=False)
            yield Static("", id="r-overall", markup=False)
            yield Static("", id="r-table", markup=False)
            yield ScoreChart(id="r-chart")
            yield Vertical(id="r-advice")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#results", VerticalScroll).focus()

    def on_screen_resume(self) -> None:
        self.load()  # the first resume follows the mount at once

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Export and reopen wait for the stored read (shown dimmed until then)."""
        if action in ("export", "reopen") and not self.loaded:
            return None
        if action == "reopen" and self.scan.kind == "consensus":
            return False  # changed only with reasons, in a new consensus session
        if action == "definitions":  # a set with scope and definitions (2.0 and later)
            return bool(self.question_set.definitions)
        return True

    def update_texts(self) -> None:
        """Render :attr:`report` (the sections of :mod:`~maturity_scan.present.report_view`)."""
        lang, report = self.lang, self.report
        organisation = visible(report.organisation, single_line=True)
        self.sub_title = organisation
        self.query_one("#r-title", Static).update(self.t("ui.r.title", org=organisation))
        self.query_one("#r-meta", Static).update(self._meta_text())
        self.query_one("#r-overall", Static).update(self._overall_text())
        self.query_one("#r-table", Static).update(self._score_table())
        principles = report.scores.principles
        self.query_one("#r-chart", ScoreChart).show_scores(
            [p.title.get(lang) for p in principles],
            [p.score if p.level is not None else None for p in principles],
            [d.name.get(lang) for d in report.levels],
            self.t("ui.r.chart"),
        )
        advice = self.query_one("#r-advice", Vertical)
        advice.remove_children()
        advice.mount_all(
            Static(
                _principle_block(
                    principle_lines(
                        p, lang, limit=SHOWN_STEPS, min_coverage=report.scores.rules.min_coverage
                    ),
                    self.t("ui.r.note_label"),
                ),
                classes="advice-block",
                markup=False,
            )
            for p in principles
        )

    def _meta_text(self) -> str:
        """Date, status, question set and respondent; and the scan the changes are against."""
        report = self.report
        kind = self.scan.kind if report.status == "completed" else report.status
        meta = self.t(
            "ui.r.meta",
            date=local_date(report.date),
            status=self.t(f"status.{kind}"),
            set=f"{report.question_set.title.get(self.lang)} {report.question_set.version}",
        )
        if who := respondent_label(self.scan):
            meta += " · " + visible(who, single_line=True)
        if since := previous_text(report, self.lang):
            meta += "\n" + since
        if kind == "consensus":
            meta += "\n" + self.t("ui.r.consensus_note")
        return meta

    def _score_table(self) -> Table:
        table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
        for column in score_columns(self.report):
            table.add_column(self.t(f"ui.col.{column}"), **_COLUMN_STYLE[column])
        for cells in score_rows(self.report, self.lang):
            table.add_row(*map(RichText, cells))  # plain text: question sets are user files
        return table

    def _overall_text(self) -> RichText:
        overall = self.report.scores.overall
        if overall.level is None or overall.level_name is None:
            percent = coverage_percent(self.report.scores.rules.min_coverage)
            return RichText(self.t("ui.r.overall_none", percent=percent), style="bold")
        label = f"{overall.level} {overall.level_name.get(self.lang)} ({fmt_score(overall.score)})"
        description = overall.level_description.get(self.lang) if overall.level_description else ""
        return RichText.assemble(
            (self.t("ui.r.overall", level=label), "bold"),
            "\n",
            (description, "italic"),
        )

    def action_export(self) -> None:
        if self.loaded:  # the scan as this screen last read it from the store
            export_scan_dialog(self, self.scan)

    def action_board_report(self) -> None:
        """The board report of this scan, written where the user says (#15)."""
        if self.loaded and self.scan.status == "completed":
            from maturity_scan.tui.report_flow import report_dialog, scan_build

            report_dialog(self, self.scan.organisation, scan_build(self.scan.id))

    def action_reopen(self) -> None:
        """Back to draft, after asking; the questionnaire opens at the first open question."""
        from maturity_scan.tui.screens.dialogs import ConfirmDialog

        def reopened(draft: Scan) -> None:
            if self.is_current:
                self.app.show_questionnaire(draft, self.question_set, replace=True)

        def confirmed(yes: bool | None) -> None:
            if yes:
                store, scan_id = self.app.config.store, self.scan.id
                read_then(self, lambda: _reopen(store, scan_id), reopened, "results-reopen")

        if not self.loaded:
            return

        self.app.push_screen(
            ConfirmDialog(
                self.t("ui.reopen.title"), self.t("ui.reopen.body"), yes_key="ui.key.reopen"
            ),
            confirmed,
        )

    def action_history(self) -> None:
        self.app.show_history(self.scan.organisation)

    def action_compare(self) -> None:
        open_compare(self, self.scan)

    def action_targets(self) -> None:
        open_targets_dialog(self, self.scan.organisation)

    def action_definitions(self) -> None:
        from maturity_scan.tui.screens.definitions import DefinitionsDialog

        self.app.push_screen(DefinitionsDialog(self.question_set.definitions))

    @work(thread=True, exclusive=True, group="results-load")
    def load(self) -> None:
        """The scan, the organisation's targets and its previous completed scan (the change
        is against it), read off the UI thread in one read."""
        app = self.app
        app.autosaver.flush()
        try:
            contents = app.config.store.contents(self.scan.organisation)
            scan = next((s for s in contents.scans if s.id == self.scan.id), None)
            before = previous_scan(
                scan or self.scan, contents.scans, app.config.catalog, contents.rounds
            )
            previous = None
            if before is not None:
                ref = before.question_set
                previous = (before, app.config.catalog.get(ref.id, ref.version))
        except ScanError as err:
            app.call_from_thread(app.report, err)
            return
        app.call_from_thread(self._show_read, scan, contents.targets, previous)

    def _show_read(
        self,
        scan: Scan | None,
        targets: list[Target],
        previous: tuple[Scan, QuestionSet] | None,
    ) -> None:
        self.targets, self.previous = targets, previous
        if scan is None:  # deleted by another program: say so; export and reopen stay off
            self.notify(self.t("ui.r.deleted_elsewhere"), severity="warning", markup=False)
            self.loaded = False
            self._show_scan(self.scan)
        else:
            self._show_scan(scan)
            self.loaded = True
        self.update_texts()
        self.refresh_bindings()

    def action_back(self) -> None:
        self.app.pop_screen()

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            self.t("ui.cmd.export"), self.t("ui.cmd.export.help"), self.action_export
        )
        yield SystemCommand(
            self.t("ui.cmd.reopen"), self.t("ui.cmd.reopen.help"), self.action_reopen
        )
        yield SystemCommand(self.t("ui.cmd.back"), self.t("ui.cmd.back.help"), self.action_back)


def _reopen(store: Store, scan_id: str) -> Scan:
    """Back to draft, and the draft as stored."""
    store.reopen(scan_id)
    return store.get(scan_id)


#: How the score table's columns are laid out, by :func:`score_columns` name.
_COLUMN_STYLE: dict[str, dict[str, Any]] = {
    "principle": {"ratio": 3},
    "score": {"justify": "right", "no_wrap": True},
    "level": {"ratio": 2},
    "coverage": {"justify": "right", "no_wrap": True},
    "target": {"no_wrap": True},
    "change": {"justify": "right", "no_wrap": True},
}
_LINE_STYLE = {"head": "bold underline", "reached": "italic", "remark": "", "heading": "bold"}


def _principle_block(lines: list[Line], note_label: str) -> Group:
    """A principle's lines (:func:`principle_lines`) in Rich: entries with their marker in a
    narrow column, the answer dimmed and the note under it."""
    parts: list[RenderableType] = []
    for line in lines:
        if line.kind != "entry":
            parts.append(RichText(line.text, style=_LINE_STYLE[line.kind]))
            continue
        body = RichText(line.text)
        if line.detail:
            body.append("\n" + line.detail, style="dim")
        parts.append(_hanging(line.marker, _with_note(body, line.note, note_label)))
    return Group(*parts)


def _with_note(text: RichText, note: str, label: str) -> RenderableType:
    """``text``, and under it the note, if any: whole, every line kept, and wrapped with a
    hanging indent under "notitie:"."""
    if not note:
        return text
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="italic")
    grid.add_column(ratio=1, style="italic")
    grid.add_row(label, RichText(note))
    return Group(text, grid)


def _hanging(marker: str, body: RenderableType) -> Table:
    """``marker`` in a narrow column, ``body`` beside it: wrapped lines stay indented."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=5, justify="right", style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(marker, body)
    return grid
