"""Compare two scans of one organisation: scores before → after, and every answer that changed.
Either may be a team round's point: its consensus, or its provisional result (marked)."""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from maturity_scan.core.compare import Comparison, OverallChange, PrincipleChange, compare
from maturity_scan.core.models import QuestionSet, Scan
from maturity_scan.core.points import is_provisional
from maturity_scan.errors import ScanError
from maturity_scan.present.textreport import (
    answer_label,
    fmt_change,
    fmt_score,
    local_date,
    versions_differ,
)
from maturity_scan.tui.screens.base import BaseScreen
from maturity_scan.tui.widgets.score_chart import ScoreChart
from maturity_scan.visible import visible


class CompareScreen(BaseScreen[None]):
    BINDINGS = [
        Binding("s", "choose", "ui.key.choose"),
        Binding("escape", "back", "ui.key.back"),
    ]

    def __init__(self, organisation: str, a: Scan, b: Scan) -> None:
        super().__init__()
        self.organisation = organisation
        self.a, self.b = a, b
        self.result: Comparison | None = None
        self.set_a: QuestionSet | None = None
        self.set_b: QuestionSet | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="compare"):
            yield Static("", id="c-title", classes="screen-title", markup=False)
            yield Static("", id="c-rounds", markup=False)
            yield Static("", id="c-table", markup=False)
            yield ScoreChart(id="c-chart")
            yield Static("", id="c-changes", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self._compute()

    def _compute(self) -> None:
        catalog = self.app.config.catalog
        try:
            self.set_a = catalog.get(self.a.question_set.id, self.a.question_set.version)
            self.set_b = catalog.get(self.b.question_set.id, self.b.question_set.version)
            self.result = compare(self.a, self.b, self.set_a, self.set_b)
        except ScanError as err:
            self.app.report(err)
            self.result = None
        self.update_texts()

    def update_texts(self) -> None:
        lang = self.lang
        org = visible(self.organisation, single_line=True)
        self.sub_title = org
        title = self.t(
            "ui.c.title",
            org=org,
            a=local_date(self.a.date),
            b=local_date(self.b.date),
        )
        self.query_one("#c-title", Static).update(title)
        rounds = self.query_one("#c-rounds", Static)
        marks = self._round_marks()
        rounds.update(RichText("\n".join(marks), style="italic"))
        rounds.display = bool(marks)
        result, set_b = self.result, self.set_b
        if result is None or set_b is None:
            return
        table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
        table.add_column(self.t("ui.col.principle"), ratio=3)
        table.add_column(local_date(self.a.date), justify="right", no_wrap=True)
        table.add_column(local_date(self.b.date), justify="right", no_wrap=True)
        table.add_column(self.t("ui.c.change"), justify="right", no_wrap=True)
        table.add_column(self.t("ui.col.level"), justify="center", no_wrap=True)
        rows: list[tuple[str, PrincipleChange | OverallChange]] = [
            (p.title.get(lang), p) for p in result.principles
        ]
        for label, change in [*rows, (self.t("ui.h.overall"), result.overall)]:
            table.add_row(
                RichText(label),
                fmt_score(change.score_a),
                fmt_score(change.score_b),
                fmt_change(change.score_a, change.score_b),
                f"{change.level_a or '—'} → {change.level_b or '—'}",
            )
        self.query_one("#c-table", Static).update(table)
        self.query_one("#c-chart", ScoreChart).show_comparison(
            [p.title.get(lang) for p in result.principles],
            [p.score_a for p in result.principles],
            [p.score_b for p in result.principles],
            (local_date(self.a.date), local_date(self.b.date)),
            [set_b.level_name(n).get(lang) for n in range(1, 6)],
            self.t("ui.c.chart"),
        )
        self.query_one("#c-changes", Static).update(self._changes(result))

    def _round_marks(self) -> list[str]:
        """A line for each side that is a team round's point."""
        marks = []
        for scan in (self.a, self.b):
            if scan.round is not None and scan.round.kind == "consensus":
                key = "ui.c.provisional" if is_provisional(scan) else "ui.c.consensus"
                marks.append(self.t(key, date=local_date(scan.date)))
        return marks

    def _changes(self, result: Comparison) -> Group:
        lang, set_a, set_b = self.lang, self.set_a, self.set_b
        assert set_a is not None and set_b is not None
        parts: list[RenderableType] = []
        if not result.same_version:
            parts.append(RichText(versions_differ(result, lang), style="italic"))
        if not result.changed_answers:
            parts.append(RichText(self.t("ui.c.none_changed"), style="italic"))
        else:
            title = self.t("ui.c.changed_levels", count=result.changed_levels)
            parts.append(RichText(title, style="bold"))
            if not result.changed_levels:
                parts.append(_indented(RichText(self.t("ui.c.no_levels"), style="italic")))
        for change in result.level_changes:
            text = self._question(change.question)
            before = answer_label(set_a, change.question, change.level_a, lang)
            after = answer_label(set_b, change.question, change.level_b, lang)
            text.append(f"\n  {local_date(self.a.date)}: {before}", style="dim")
            text.append(f"\n  {local_date(self.b.date)}: {after}")
            if change.note_changed:
                text.append(_note_change(change.note_a, change.note_b), style="italic")
            parts.append(_indented(text))
        if result.changed_notes_only:
            title = self.t("ui.c.changed_notes", count=result.changed_notes_only)
            parts.append(RichText(title, style="bold"))
        for change in result.note_changes:
            text = self._question(change.question)
            text.append(_note_change(change.note_a, change.note_b), style="italic")
            parts.append(_indented(text))
        if result.questions_only_in_a or result.questions_only_in_b:
            parts.append(RichText(self.t("ui.c.versions"), style="bold"))
            for ident in result.questions_only_in_a:
                question = set_a.question(ident)
                label = question.text.get(lang) if question else ident
                parts.append(_indented(RichText(f"− {label} ({set_a.version})")))
            for ident in result.questions_only_in_b:
                question = set_b.question(ident)
                label = question.text.get(lang) if question else ident
                parts.append(_indented(RichText(f"+ {label} ({set_b.version})")))
        return Group(*parts)

    def _question(self, question_id: str) -> RichText:
        assert self.set_b is not None
        question = self.set_b.question(question_id)
        return RichText(question.text.get(self.lang) if question else question_id, style="bold")

    def action_choose(self) -> None:
        from maturity_scan.core.points import points
        from maturity_scan.tui.screens.dialogs import ChooseScansDialog

        contents = self.app.config.store.contents(self.organisation)
        catalog = self.app.config.catalog
        # the organisation's points: a team round is its consensus or its provisional result
        completed = [
            p.scan
            for p in points(
                contents.scans, contents.rounds, lambda ref: catalog.find(ref.id, ref.version)
            )
        ]

        def chosen(pair: tuple[Scan, Scan] | None) -> None:
            if pair is not None:
                self.a, self.b = sorted(pair, key=lambda s: s.date)
                self._compute()
                # another comparison starts at its top, not where the last one was scrolled to
                self.query_one("#compare", VerticalScroll).scroll_home(animate=False)

        self.app.push_screen(ChooseScansDialog(self.t("ui.c.choose"), completed), chosen)

    def action_back(self) -> None:
        self.app.pop_screen()

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            self.t("ui.cmd.choose"), self.t("ui.cmd.choose.help"), self.action_choose
        )
        yield SystemCommand(self.t("ui.cmd.back"), self.t("ui.cmd.back.help"), self.action_back)


def _note_change(before: str, after: str) -> str:
    return f"\n  ✎ {visible(before) or '—'} → {visible(after) or '—'}"


def _indented(text: RichText) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=2)
    grid.add_column(ratio=1)
    grid.add_row("", text)
    return grid
