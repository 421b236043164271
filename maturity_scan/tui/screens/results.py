"""Results: scores per principle, the chart, what holds each principle back and what to do next.

Everything shown comes from a stored read: the scan is read again (with the organisation's
targets) whenever the screen is shown, and the export and reopen wait for that read.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText
from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Header, Static

from maturity_scan.core.advice import aim, holding_back, next_steps, unknown_questions
from maturity_scan.core.models import AnswerValue, QuestionSet, Scan, Target
from maturity_scan.core.scoring import PrincipleScore, ScanScores, score_scan
from maturity_scan.errors import ScanError
from maturity_scan.present.textreport import (
    answer_label,
    fmt_score,
    level_label,
    local_date,
    respondent_label,
    shown,
)
from maturity_scan.storage.store import Store
from maturity_scan.tui.flows import export_scan_dialog, open_compare, open_targets_dialog, read_then
from maturity_scan.tui.screens.base import BaseScreen
from maturity_scan.tui.widgets.score_chart import ScoreChart
from maturity_scan.visible import visible


class ResultsScreen(BaseScreen[None]):
    BINDINGS = [
        Binding("e", "export", "ui.key.export"),
        Binding("r", "reopen", "ui.key.reopen"),
        Binding("h", "history", "ui.key.history"),
        Binding("c", "compare", "ui.key.compare"),
        Binding("t", "targets", "ui.key.targets"),
        Binding("escape", "back", "ui.key.back"),
    ]

    def __init__(self, scan: Scan, question_set: QuestionSet) -> None:
        super().__init__()
        self.question_set = question_set
        self.targets: dict[str, Target] = {}
        self.loaded = False  # the scan was read again by this screen (export, reopen wait)
        self._show_scan(scan)

    def _show_scan(self, scan: Scan) -> None:
        self.scan = scan
        self.answers: dict[str, AnswerValue] = {q: r.level for q, r in scan.answers.items()}
        self.scores: ScanScores = score_scan(self.question_set, self.answers)

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
        return True

    def update_texts(self) -> None:
        lang, qs, scan, scores = self.lang, self.question_set, self.scan, self.scores
        organisation = visible(scan.organisation, single_line=True)
        self.sub_title = organisation
        self.query_one("#r-title", Static).update(self.t("ui.r.title", org=organisation))
        meta = self.t(
            "ui.r.meta",
            date=local_date(scan.date),
            status=self.t(f"status.{scan.status}"),
            set=f"{qs.title.get(lang)} {qs.version}",
        )
        if who := respondent_label(scan):
            meta += " · " + visible(who, single_line=True)
        self.query_one("#r-meta", Static).update(meta)
        self.query_one("#r-overall", Static).update(self._overall_text())

        table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
        table.add_column(self.t("ui.col.principle"), ratio=3)
        table.add_column(self.t("ui.col.score"), justify="right", no_wrap=True)
        table.add_column(self.t("ui.col.level"), ratio=2)
        table.add_column(self.t("ui.col.coverage"), justify="right", no_wrap=True)
        if self.targets:
            table.add_column(self.t("ui.col.target"), no_wrap=True)
        for p in scores.principles:
            cells = [
                p.title.get(lang),
                fmt_score(p.score),
                level_label(qs, p.level, lang),
                f"{p.answered}/{p.applicable}",
            ]
            if self.targets:
                cells.append(self._target_cell(p))
            table.add_row(*map(RichText, cells))  # plain text: question sets are user files
        self.query_one("#r-table", Static).update(table)

        self.query_one("#r-chart", ScoreChart).show_scores(
            [p.title.get(lang) for p in scores.principles],
            [p.score if p.level is not None else None for p in scores.principles],
            [qs.level_name(n).get(lang) for n in range(1, 6)],
            self.t("ui.r.chart"),
        )

        advice = self.query_one("#r-advice", Vertical)
        advice.remove_children()
        advice.mount_all(
            Static(self._principle_text(p), classes="advice-block", markup=False)
            for p in scores.principles
        )

    def _target_cell(self, score: PrincipleScore) -> str:
        """The target level and the gap to it: "4 (−1.2)", "3 ✓" once reached, "—" without."""
        goal = self.targets.get(score.id)
        if goal is None:
            return "—"
        if score.level is not None and score.level >= goal.level:
            return f"{goal.level} ✓"
        if score.score is None:
            return str(goal.level)
        return f"{goal.level} (−{goal.level - shown(score.score):.1f})"

    def _overall_text(self) -> RichText:
        overall = self.scores.overall
        if overall.level is None:
            return RichText(self.t("ui.r.overall_none"), style="bold")
        definition = self.question_set.level_def(overall.level)
        label = f"{overall.level} {definition.name.get(self.lang)} ({fmt_score(overall.score)})"
        return RichText.assemble(
            (self.t("ui.r.overall", level=label), "bold"),
            "\n",
            (definition.description.get(self.lang), "italic"),
        )

    def _principle_text(self, score: PrincipleScore) -> Group:
        lang, qs = self.lang, self.question_set
        parts: list[RenderableType] = []
        goal = self.targets.get(score.id)
        goal_level = goal.level if goal else None
        target = aim(score, goal_level)
        head = f"{score.title.get(lang)} — {level_label(qs, score.level, lang)}"
        if target is not None:
            head += f" → {level_label(qs, target, lang)}"
        if goal is not None:
            by = f", {goal.by.isoformat()}" if goal.by else ""
            head += f" ({self.t('ui.r.target', level=goal.level)}{by})"
        parts.append(RichText(head, style="bold underline"))
        if goal is not None and score.level is not None and score.level >= goal.level:
            parts.append(RichText(self.t("ui.r.target_reached", level=goal.level), style="italic"))
        if score.level is None:
            parts.append(RichText(self.t("ui.r.no_level")))
        elif target is None:
            parts.append(RichText(self.t("ui.r.top")))
        else:
            blocking = holding_back(qs, score, self.answers, goal_level)
            if blocking:
                parts.append(RichText(self.t("ui.r.holding", level=score.level, target=target)))
                for item in blocking:
                    answer = answer_label(qs, item.question.id, item.level, lang)
                    detail = RichText(item.question.text.get(lang))
                    detail.append("\n" + self.t("ui.r.your_answer", answer=answer), style="dim")
                    parts.append(
                        _hanging(f"[{item.level}]", self._with_note(item.question.id, detail))
                    )
            else:
                parts.append(RichText(self.t("ui.r.holding_none", target=target)))
        shown = {item.question.id for item in holding_back(qs, score, self.answers, goal_level)}
        unknown = unknown_questions(qs, score.id, self.answers)
        if unknown:
            parts.append(RichText(self.t("ui.r.unknown"), style="bold"))
            parts += [
                _hanging("?", self._with_note(q.id, RichText(q.text.get(lang)))) for q in unknown
            ]
            shown |= {q.id for q in unknown}
        principle = qs.principle(score.id)
        noted = [
            q
            for q in (principle.questions if principle else [])
            if q.id not in shown and self.scan.note(q.id)
        ]
        if noted:
            parts.append(RichText(self.t("ui.r.notes"), style="bold"))
            parts += [
                _hanging("✎", self._with_note(q.id, RichText(q.text.get(lang)))) for q in noted
            ]
        steps = next_steps(qs, score, goal_level)
        if steps:
            parts.append(RichText(self.t("ui.r.next_steps"), style="bold"))
            parts += [_hanging("•", RichText(step.get(lang))) for step in steps]
        return Group(*parts)

    def _with_note(self, question_id: str, text: RichText) -> RenderableType:
        """``text``, and under it the question's note, if any: whole, every line kept, and
        wrapped with a hanging indent under "notitie:"."""
        note = self.scan.note(question_id)
        if not note:
            return text
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="italic")
        grid.add_column(ratio=1, style="italic")
        grid.add_row(self.t("ui.r.note_label"), RichText(visible(note)))
        return Group(text, grid)

    def action_export(self) -> None:
        if self.loaded:  # the scan as this screen last read it from the store
            export_scan_dialog(self, self.scan)

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

    @work(thread=True, exclusive=True, group="results-load")
    def load(self) -> None:
        """The scan and the organisation's targets, read off the UI thread in one read."""
        app = self.app
        app.autosaver.flush()
        try:
            contents = app.config.store.contents(self.scan.organisation)
        except ScanError as err:
            app.call_from_thread(app.report, err)
            return
        scan = next((s for s in contents.scans if s.id == self.scan.id), None)
        app.call_from_thread(self._show_read, scan, contents.targets)

    def _show_read(self, scan: Scan | None, targets: list[Target]) -> None:
        if scan is None:  # deleted by another program: say so; export and reopen stay off
            self.notify(self.t("ui.r.deleted_elsewhere"), severity="warning", markup=False)
            self.loaded = False
        else:
            self._show_scan(scan)
            self.loaded = True
        self.targets = {t.principle: t for t in targets if t.question_set == self.question_set.id}
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


def _hanging(marker: str, body: RenderableType) -> Table:
    """``marker`` in a narrow column, ``body`` beside it: wrapped lines stay indented."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=5, justify="right", style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(marker, body)
    return grid
