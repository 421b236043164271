"""One team round (#14): its head (title, organisation, date, set, visibility, who answered
and who is answering), per principle the roles side by side with the perception gap, the
questions most divided first with a distribution each, and the provisional result (or the
consensus, once stored). Everything shown is the round report
(:func:`maturity_scan.core.round_report.build_round_report`), made off the UI thread from
one read; the screen follows the database like home.

Keys: ``j`` join the round (a new respondent), ``c`` the consensus session, Esc back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from maturity_scan.core.models import QuestionSet
from maturity_scan.core.round_report import RoundReport, attention_order, build_round_report
from maturity_scan.tui.screens.following import FollowingScreen
from maturity_scan.tui.screens.round_parts import (
    VISIBILITY_TEXT,
    overrides_view,
    people_text,
    questions_view,
    result_heading,
    roles_chart,
    scores_view,
)
from maturity_scan.visible import visible


@dataclass(frozen=True)
class RoundRead:
    """One read of the round: its report and the set version it pinned."""

    report: RoundReport
    question_set: QuestionSet


class RoundScreen(FollowingScreen[RoundRead]):
    CSS_PATH = Path(__file__).parent / "rounds.tcss"
    BINDINGS = [
        Binding("j", "join", "ui.key.join_round"),
        Binding("c", "consensus", "ui.key.consensus"),
        Binding("p", "board_report", "ui.key.board_report"),
        Binding("escape", "back", "ui.key.back"),
    ]

    def __init__(self, round_id: str) -> None:
        super().__init__()
        self.round_id = round_id
        self.read: RoundRead | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="round-view"):
            yield Static("", id="round-title", classes="screen-title", markup=False)
            yield Static("", id="round-meta", classes="hint", markup=False)
            yield Static("", id="round-people", markup=False)
            yield Static("", id="round-error", classes="error", markup=False)
            yield Static("", id="round-roles-head", classes="round-heading", markup=False)
            yield Static("", id="round-roles", markup=False)
            yield Static("", id="round-questions-head", classes="round-heading", markup=False)
            yield Static("", id="round-questions", markup=False)
            yield Static("", id="round-result-head", classes="round-heading", markup=False)
            yield Static("", id="round-result", markup=False)
            yield Static("", id="round-overrides", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        # (Textual runs FollowingScreen's and BaseScreen's on_mount too: the read, the texts)
        self.query_one("#round-view", VerticalScroll).focus()  # ↑/↓ and page keys scroll

    def _read(self) -> RoundRead:
        config = self.app.config
        contents = config.store.rounds.contents(self.round_id)
        ref = contents.round.question_set
        question_set = config.catalog.get(ref.id, ref.version)
        report = build_round_report(contents.round, contents.scans, question_set)
        return RoundRead(report, question_set)

    def _take(self, read: RoundRead) -> None:
        self.read = read

    # ----------------------------------------------------------------- texts

    def update_texts(self) -> None:
        error = self.query_one("#round-error", Static)
        error.update(visible(self.error.render(self.lang)) if self.error else "")
        error.display = self.error is not None
        read = self.read
        if read is None:
            self.query_one("#round-title", Static).update(self.t("ui.home.loading"))
            return
        report, qs, lang = read.report, read.question_set, self.lang
        made = report.round
        self.sub_title = visible(made.organisation, single_line=True)
        title = visible(made.title, single_line=True)
        self.query_one("#round-title", Static).update(self.t("ui.round.title", title=title))
        self.query_one("#round-meta", Static).update(self._meta())
        self.query_one("#round-people", Static).update(people_text(report, qs, lang))
        done = report.completed > 0
        self.query_one("#round-roles-head", Static).update(self.t("ui.round.roles_head"))
        self.query_one("#round-roles", Static).update(roles_chart(report, qs, lang))
        questions = self.query_one("#round-questions", Static)
        self.query_one("#round-questions-head", Static).update(
            self.t("ui.round.questions_head" if done else "ui.round.no_responses")
        )
        questions.display = done
        if done:
            order = attention_order(report.statistics.questions)
            questions.update(questions_view(order, qs, lang))
        self.query_one("#round-result-head", Static).update(result_heading(report, lang))
        shown = report.consensus if report.consensus is not None else report.provisional
        self.query_one("#round-result", Static).update(scores_view(shown, lang))
        overrides = self.query_one("#round-overrides", Static)
        overrides.update(overrides_view(report, qs, lang))
        overrides.display = report.consensus is not None

    def _meta(self) -> str:
        assert self.read is not None
        made, qs = self.read.report.round, self.read.question_set
        parts = [
            visible(made.organisation, single_line=True),
            self.t("ui.round.date", date=made.opened.isoformat()),
            f"{qs.title.get(self.lang)} {qs.version}",
            self.t(VISIBILITY_TEXT[made.visibility]),
        ]
        if made.closes is not None:
            parts.insert(2, self.t("ui.round.closes", date=made.closes.isoformat()))
        return " · ".join(parts)

    # ----------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("join", "board_report"):
            return self.read is not None
        if action == "consensus":  # the team needs someone's answers to agree on
            return self.read is not None and self.read.report.completed > 0
        return True

    def action_board_report(self) -> None:
        """The round's board report (#15)."""
        if self.read is not None:
            from maturity_scan.tui.report_flow import report_dialog, round_build

            organisation = self.read.report.round.organisation
            report_dialog(self, organisation, round_build(self.read.report.round.id))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_join(self) -> None:
        if self.read is not None:
            from maturity_scan.tui.round_flows import join_round_dialog

            join_round_dialog(self, self.read.report.round, self.read.question_set)

    def action_consensus(self) -> None:
        read = self.read
        if read is None or read.report.completed == 0:
            return
        from maturity_scan.tui.screens.consensus import ConsensusScreen

        if not isinstance(self.app.screen, ConsensusScreen):
            self.app.push_screen(ConsensusScreen(read.report, read.question_set))

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            self.t("ui.cmd.join_round"), self.t("ui.cmd.join_round.help"), self.action_join
        )
        if self.read is not None and self.read.report.completed:
            yield SystemCommand(
                self.t("ui.cmd.consensus"), self.t("ui.cmd.consensus.help"), self.action_consensus
            )
