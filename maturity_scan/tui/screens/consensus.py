"""The consensus session of a team round (#14): the team walks the questions, most divided
first (:func:`~maturity_scan.core.round_report.attention_order`), each pre-filled with the
provisional answer (the respondents' lower median), with its distribution and the anchors.
Changing an answer asks for a reason (:class:`~.round_dialogs.ReasonDialog`; an empty reason
is refused, Esc keeps the answer); choosing the median again drops the reason.

The session is kept in memory; leaving it with changes asks first. ``f`` (or → on the last
question) stores it, after asking (and saying so when it replaces an earlier consensus), as
the round's consensus scan, made as ``round consensus`` makes it
(:func:`maturity_scan.exchange.consensus_file.consensus_scan`), off the UI thread; then the
round screen shows it. A second session starts from the first one's overrides and reasons.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from maturity_scan.core.consensus import consensus_answers, overrides, session_start
from maturity_scan.core.models import NA, UNKNOWN, AnswerValue, Question, QuestionSet, Scan
from maturity_scan.core.round_report import RoundReport, attention_order
from maturity_scan.present.textreport import local_date
from maturity_scan.storage.scans import new_scan_id, now
from maturity_scan.tui.screens.base import BaseScreen
from maturity_scan.tui.screens.dialogs import ConfirmDialog
from maturity_scan.tui.screens.round_dialogs import ReasonDialog
from maturity_scan.tui.screens.round_parts import answer_text, flag_label, spread_lines
from maturity_scan.tui.widgets.distribution import cell_width
from maturity_scan.tui.widgets.hanging import hanging_text
from maturity_scan.visible import visible


class ConsensusScreen(BaseScreen[None]):
    CSS_PATH = Path(__file__).parent / "rounds.tcss"
    BINDINGS = [
        Binding("1", "answer(1)", "ui.key.answer", key_display="1-5"),
        *(Binding(str(n), f"answer({n})", "ui.key.answer", show=False) for n in range(2, 6)),
        Binding("0", "answer('na')", "ui.key.na", show=False),
        Binding("w", "answer('unknown')", "ui.key.unknown", show=False),
        Binding("left", "move(-1)", "ui.key.prev", key_display="←"),
        Binding("right", "move(1)", "ui.key.next", key_display="→"),
        Binding("pageup", "move(-1)", "ui.key.prev", show=False, priority=True),
        Binding("pagedown", "move(1)", "ui.key.next", show=False, priority=True),
        Binding("f", "finish", "ui.key.store_consensus"),
        Binding("escape", "back", "ui.key.back"),
        Binding("q", "quit_session", "ui.key.quit", show=False),
    ]

    def __init__(self, report: RoundReport, question_set: QuestionSet) -> None:
        super().__init__()
        self.report = report
        self.question_set = question_set
        self.order = attention_order(report.statistics.questions)
        self.provisional = dict(report.statistics.provisional_answers)
        self.answers, self.reasons = session_start(self.provisional, report.consensus_scan)
        self._start = (dict(self.answers), dict(self.reasons))
        self.index = 0
        self._width = cell_width(
            largest=max((max(q.counts.values()) for q in self.order), default=0)
        )
        self._saving = False

    # ----------------------------------------------------------------- state

    @property
    def changed(self) -> bool:
        """Whether the session holds something not stored (leaving asks)."""
        return (self.answers, self.reasons) != self._start

    @property
    def question(self) -> Question:
        found = self.question_set.question(self.order[self.index].question)
        assert found is not None  # the report was made with this set
        return found

    def overridden(self) -> list[str]:
        return overrides(self.answers, self.provisional)

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="c-head"):
            yield Label("", id="c-position", markup=False)
            yield Label("", id="c-principle", markup=False)
        with VerticalScroll(id="c-body"):
            yield Static("", id="c-text", markup=False)
            yield Static("", id="c-spread", markup=False)
            yield OptionList(id="c-options")
            yield Static("", id="c-reason", markup=False)
            yield Static("", id="c-keys", classes="hint", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#c-options", OptionList).focus(scroll_visible=False)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fill_options)

    def update_texts(self) -> None:
        lang, spread, question = self.lang, self.order[self.index], self.question
        self.sub_title = visible(self.report.round.organisation, single_line=True)
        changed = len(self.overridden())
        self.query_one("#c-position", Label).update(
            self.t("ui.consensus.position", k=self.index + 1, n=len(self.order))
            + " · "
            + self.t("ui.consensus.changed", count=changed)
        )
        principle = self.question_set.principle_of(question.id)
        title = visible(self.report.round.title, single_line=True)
        self.query_one("#c-principle", Label).update(
            f"{title} — {principle.title.get(lang) if principle else ''}"
        )
        self.query_one("#c-text", Static).update(RichText(question.text.get(lang), style="bold"))
        head = flag_label(spread.flag, lang)
        lines = [head, *spread_lines(spread, self.question_set, lang, self._width)]
        self.query_one("#c-spread", Static).update(RichText("\n").join(lines))
        self._fill_options()
        self.query_one("#c-reason", Static).update(self._reason_text())
        self.query_one("#c-keys", Static).update(self.t("ui.consensus.keys"))
        self.query_one("#c-body", VerticalScroll).scroll_home(animate=False)

    def _reason_text(self) -> RichText:
        q = self.question.id
        if q not in self.overridden():
            nobody = self.provisional.get(q) is None  # no one answered it
            key = "ui.consensus.nobody" if nobody else "ui.consensus.follows_median"
            return RichText(self.t(key), style="italic")
        change = self.t(
            "ui.consensus.override",
            median=self._value_text(self.provisional.get(q)),
            answer=self._value_text(self.answers.get(q)),
        )
        return RichText.assemble(
            (change, "bold"), "\n", (self.t("ui.consensus.reason") + " ", "italic"), self.reasons[q]
        )

    def _value_text(self, value: AnswerValue) -> str:
        return answer_text(value, self.lang)

    def _fill_options(self) -> None:
        question = self.question
        current = self.answers.get(question.id)
        median = self.provisional.get(question.id)
        entries: list[tuple[str, str, str]] = [
            (str(n), str(n), question.anchor(n, self.lang)) for n in range(1, 6)
        ]
        if question.allow_na:
            entries.append((NA, "0", self.t("ui.q.opt.na")))
        entries.append((UNKNOWN, "w", self.t("ui.q.opt.unknown")))
        widget = self.query_one("#c-options", OptionList)
        widget.clear_options()
        width = (widget.scrollable_content_region.width or widget.size.width or 76) - 2
        highlight = 0
        for position, (ident, key, text) in enumerate(entries):
            chosen = ident == str(current)
            if chosen:
                highlight = position
            if ident == str(median):
                text = f"{text}  ({self.t('ui.consensus.median_mark')})"
            marker = f"{'●' if chosen else ' '}{key} "
            widget.add_option(Option(hanging_text(marker, text, width, bold=chosen), id=ident))
        widget.highlighted = highlight

    # ----------------------------------------------------------------- answering

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer" and parameters == (NA,):
            return self.question.allow_na
        return True

    @on(OptionList.OptionSelected, "#c-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        ident = event.option.id or ""
        self.action_answer(int(ident) if ident.isdigit() else ident)

    def action_answer(self, value: int | str) -> None:
        question = self.question
        if value == NA and not question.allow_na:
            return
        answer: AnswerValue = value  # type: ignore[assignment]  # from the bindings: 1-5, na, unknown
        q = question.id
        if answer == self.answers.get(q):
            return
        if answer == self.provisional.get(q):  # back to the median: no reason needed
            self.answers[q] = answer
            self.reasons.pop(q, None)
            self.update_texts()
            return
        change = self.t(
            "ui.consensus.override",
            median=self._value_text(self.provisional.get(q)),
            answer=self._value_text(answer),
        )

        def reasoned(reason: str | None) -> None:
            if reason is None:
                return  # Esc: the answer stays as it was
            self.answers[q] = answer
            self.reasons[q] = reason
            if self.is_attached:
                self.update_texts()

        self.app.push_screen(
            ReasonDialog(question.text.get(self.lang), change, self.reasons.get(q, "")), reasoned
        )

    def action_move(self, delta: int) -> None:
        position = self.index + delta
        if position >= len(self.order):
            self.action_finish()  # → on the last question: store the session
            return
        self.index = max(0, position)
        self.update_texts()

    # ----------------------------------------------------------------- storing, leaving

    def action_finish(self) -> None:
        if self._saving:
            return
        follows = len(self.provisional) - sum(1 for q in self.overridden() if q in self.provisional)
        body = self.t("ui.consensus.store.body", median=follows, changed=len(self.overridden()))
        earlier = self.report.consensus_scan
        if earlier is not None:
            body += "\n\n" + self.t("ui.consensus.store.replaces", date=local_date(earlier.date))
        self.app.push_screen(
            ConfirmDialog(
                self.t("ui.consensus.store.title"), body, yes_key="ui.key.store_consensus"
            ),
            lambda yes: self._store() if yes else None,
        )

    def consensus(self) -> Scan:
        """The session as the round's consensus scan, made as ``round consensus`` makes it."""
        from maturity_scan.exchange.consensus_file import ConsensusAnswers, consensus_scan

        records, sources = consensus_answers(self.answers, self.provisional, self.reasons)
        return consensus_scan(
            self.report.round,
            ConsensusAnswers(records, sources),
            new_scan_id(),
            now(),
            self.report.basis,
        )

    def _store(self) -> None:
        from maturity_scan.tui.round_flows import store_consensus

        self._saving = True

        def stored() -> None:
            self._saving = False
            self._start = (dict(self.answers), dict(self.reasons))
            self.notify(self.t("ui.consensus.stored"), markup=False)
            if self.is_current:
                self.dismiss(None)

        def refused() -> None:  # reported by the flow; the session stays as it is
            self._saving = False

        store_consensus(self, self.report.round, self.consensus(), stored, refused)

    def _leave(self, quit_app: bool) -> None:
        """Leave the session (back to the round, or quit), asking first when it holds
        changes that are not stored."""
        if not self.changed:
            self._go(quit_app)
            return
        self.app.push_screen(
            ConfirmDialog(
                self.t("ui.consensus.leave.title"),
                self.t("ui.consensus.leave.body"),
                yes_key="ui.key.leave",
            ),
            lambda yes: self._go(quit_app) if yes else None,
        )

    def _go(self, quit_app: bool) -> None:
        if quit_app:
            self.run_worker(self.app.action_quit())
        else:
            self.dismiss(None)

    def action_back(self) -> None:
        self._leave(quit_app=False)

    def action_quit_session(self) -> None:
        self._leave(quit_app=True)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            self.t("ui.cmd.store_consensus"),
            self.t("ui.cmd.store_consensus.help"),
            self.action_finish,
        )
