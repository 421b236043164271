"""The questionnaire: one question at a time, every answer and note saved at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

import msgspec
from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from maturity_scan.models import (
    NA,
    UNKNOWN,
    AnswerRecord,
    AnswerValue,
    Principle,
    Question,
    QuestionSet,
    Scan,
)
from maturity_scan.screens.base import BaseScreen
from maturity_scan.screens.dialogs import ConfirmDialog, OverviewDialog
from maturity_scan.store import now
from maturity_scan.widgets.hanging import hanging_text

#: How many open questions the finish dialog names before it says "and N more".
FINISH_LIST_MAX = 12


def first_open(question_set: QuestionSet, scan: Scan) -> int:
    """Index of the first question without an answer; 0 when all are answered."""
    for index, (_, question) in enumerate(question_set.questions()):
        if scan.answer(question.id) is None:
            return index
    return 0


class QuestionnaireScreen(BaseScreen[None]):
    BINDINGS = [
        Binding("1", "answer(1)", "ui.key.answer", key_display="1-5"),
        *(Binding(str(n), f"answer({n})", "ui.key.answer", show=False) for n in range(2, 6)),
        Binding("0", "answer('na')", "ui.key.na", show=False),
        Binding("w", "answer('unknown')", "ui.key.unknown", show=False),
        Binding("left", "move(-1)", "ui.key.prev", key_display="←"),
        Binding("right", "move(1)", "ui.key.next", key_display="→"),
        Binding("pageup", "move(-1)", "ui.key.prev", show=False, priority=True),
        Binding("pagedown", "move(1)", "ui.key.next", show=False, priority=True),
        Binding("h", "toggle_help", "ui.key.why", show=False),
        Binding("n", "note", "ui.key.note", show=False),
        Binding("g", "overview", "ui.key.overview"),
        Binding("[", "principle(-1)", "ui.key.prev_principle", show=False),
        Binding("]", "principle(1)", "ui.key.next_principle", show=False),
        Binding("f", "finish", "ui.key.finish"),
        Binding("escape", "back", "ui.key.back"),
    ]

    def __init__(self, scan: Scan, question_set: QuestionSet, start: int | None = None) -> None:
        super().__init__()
        self.scan = scan
        self.question_set = question_set
        self.items: list[tuple[Principle, Question]] = question_set.questions()
        self.index = first_open(question_set, scan) if start is None else start
        self.show_help = False
        self.pending = 0  # writes handed to the autosaver and not yet on disk
        self.failed = False  # a write was given up: the screen says so

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="q-head"):
            with Horizontal(id="q-progress-row"):
                yield Label("", id="q-position", markup=False)
                yield ProgressBar(total=len(self.items), show_eta=False, id="q-progress")
                yield Label("", id="q-answered", markup=False)
                yield Label("", id="q-saved", markup=False)
            with Horizontal(id="q-principle-row"):
                yield Label("", id="q-principle", markup=False)
                yield ProgressBar(show_eta=False, id="q-principle-progress")
        with VerticalScroll(id="q-body"):
            yield Static("", id="q-text", markup=False)
            yield Static("", id="q-help", markup=False)
            yield OptionList(id="q-options")
            yield Label("", id="q-note-label", markup=False)
            yield Input(id="q-note")
            yield Static("", id="q-keys", classes="hint", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#q-options", OptionList).focus(scroll_visible=False)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fill_options)

    @property
    def principle(self) -> Principle:
        return self.items[self.index][0]

    @property
    def question(self) -> Question:
        return self.items[self.index][1]

    def update_texts(self) -> None:
        self.sub_title = self.scan.organisation
        principle, question = self.principle, self.question
        lang = self.lang
        in_principle = [q for p, q in self.items if p.id == principle.id]
        k = in_principle.index(question) + 1
        total = len(self.items)
        done = sum(1 for _, q in self.items if self.scan.answer(q.id) is not None)
        self.query_one("#q-position", Label).update(
            self.t("ui.q.position", k=self.index + 1, n=total)
        )
        self.query_one("#q-progress", ProgressBar).update(total=total, progress=done)
        open_count = total - done
        answered = self.t("ui.q.answered", done=done, total=total)
        if open_count:
            answered += " · " + self.t("ui.q.open_count", count=open_count)
        self.query_one("#q-answered", Label).update(answered)
        position = self.question_set.principles.index(principle) + 1
        self.query_one("#q-principle", Label).update(
            f"{position}/{len(self.question_set.principles)} {principle.title.get(lang)} — "
            + self.t("ui.q.in_principle", k=k, n=len(in_principle))
        )
        principle_done = sum(1 for q in in_principle if self.scan.answer(q.id) is not None)
        self.query_one("#q-principle-progress", ProgressBar).update(
            total=len(in_principle), progress=principle_done
        )
        self.query_one("#q-text", Static).update(RichText(question.text.get(lang), style="bold"))
        help_widget = self.query_one("#q-help", Static)
        if self.show_help:
            help_widget.update(
                RichText.assemble((self.t("ui.q.why") + " ", "bold"), question.help.get(lang))
            )
        else:
            help_widget.update(RichText(self.t("ui.q.why_hint"), style="italic"))
        help_widget.set_class(self.show_help, "open")
        self._fill_options()
        self.query_one("#q-note-label", Label).update(self.t("ui.q.note"))
        note = self.query_one("#q-note", Input)
        note.placeholder = self.t("ui.q.note.placeholder")
        with note.prevent(Input.Changed):
            note.value = self.scan.note(question.id)
        keys = [self.t("ui.q.keys.levels")]
        if question.allow_na:
            keys.append(self.t("ui.q.keys.na"))
        keys.append(self.t("ui.q.keys.rest"))
        self.query_one("#q-keys", Static).update(" · ".join(keys))
        body = self.query_one("#q-body", VerticalScroll)
        body.scroll_home(animate=False)
        self.call_after_refresh(body.scroll_home, animate=False)

    def _fill_options(self) -> None:
        question = self.question
        current = self.scan.answer(question.id)
        entries: list[tuple[str, str, str]] = [
            (str(n), str(n), question.anchor(n, self.lang)) for n in range(1, 6)
        ]
        if question.allow_na:
            entries.append((NA, "0", self.t("ui.q.opt.na")))
        entries.append((UNKNOWN, "w", self.t("ui.q.opt.unknown")))
        widget = self.query_one("#q-options", OptionList)
        widget.clear_options()
        highlight = 0
        # Wrap the anchors ourselves, so that continuation lines hang under the text.
        width = (widget.scrollable_content_region.width or widget.size.width or 76) - 2
        for position, (ident, key, text) in enumerate(entries):
            chosen = ident == str(current)
            if chosen:
                highlight = position
            marker = f"{'●' if chosen else ' '}{key} "
            widget.add_option(Option(hanging_text(marker, text, width, bold=chosen), id=ident))
        widget.highlighted = highlight

    # ----------------------------------------------------------------- answering

    def _record(
        self, question_id: str, level: AnswerValue | None = None, note: str | None = None
    ) -> None:
        """Change the answer and/or note in memory and hand the write to the autosaver."""
        old = self.scan.answers.get(question_id, AnswerRecord())
        new = AnswerRecord(
            level=old.level if level is None else level,
            note=old.note if note is None else note,
        )
        answers = dict(self.scan.answers)
        answers[question_id] = new
        self.scan = msgspec.structs.replace(self.scan, answers=answers)
        store, scan_id = self.app.config.store, self.scan.id
        self.pending += 1
        self.show_save_state()
        changes: dict[str, Any] = {}
        if level is not None:
            changes["level"] = level
        if note is not None:
            changes["note"] = note
        self.app.save(
            lambda: store.set_answer(scan_id, question_id, **changes), settled=self._settled
        )

    def _settled(self, ok: bool) -> None:
        """Runs on the UI thread once a write is on disk (or given up, after an error)."""
        self.pending -= 1
        self.failed = self.failed or not ok
        self.show_save_state()

    def show_save_state(self) -> None:
        """'✓ opgeslagen' only when everything is on disk; else saving, retrying or failed."""
        label = self.query_one("#q-saved", Label)
        retrying = self.app.autosaver.failing
        if retrying:
            text = self.t("ui.q.retrying")
        elif self.pending:
            text = self.t("ui.q.saving")
        elif self.failed:
            text = self.t("ui.q.not_saved")
        else:
            text = self.t("ui.q.saved")
        label.update(text)
        label.set_class(bool(self.pending) and not retrying, "pending")
        label.set_class(retrying or (self.failed and not self.pending), "failed")

    def action_answer(self, value: int | str) -> None:
        answer: AnswerValue = NA if value == NA else UNKNOWN if value == UNKNOWN else int(value)
        if answer == NA and not self.question.allow_na:
            self.notify(self.t("ui.q.na_not_allowed"), severity="warning", markup=False)
            return
        self._record(self.question.id, level=answer)
        self._advance()

    def _advance(self) -> None:
        if self.index + 1 < len(self.items):
            self._go(self.index + 1)
            return
        unanswered = [i for i, (_, q) in enumerate(self.items) if self.scan.answer(q.id) is None]
        if unanswered:
            self._go(unanswered[0])
        else:
            self.update_texts()
            self.notify(self.t("ui.q.all_answered"), markup=False)

    def _go(self, index: int) -> None:
        self.index = max(0, min(index, len(self.items) - 1))
        self.update_texts()
        self.query_one("#q-options", OptionList).focus(scroll_visible=False)

    @on(OptionList.OptionSelected, "#q-options")
    def _option_chosen(self, event: OptionList.OptionSelected) -> None:
        ident = event.option.id
        if ident is not None:
            self.action_answer(ident if ident in (NA, UNKNOWN) else int(ident))

    @on(Input.Changed, "#q-note")
    def _note_changed(self, event: Input.Changed) -> None:
        if event.value != self.scan.note(self.question.id):
            self._record(self.question.id, note=event.value)

    @on(Input.Submitted, "#q-note")
    def _note_done(self) -> None:
        self.query_one("#q-options", OptionList).focus(scroll_visible=False)

    def action_move(self, step: int) -> None:
        self._go(self.index + step)

    def action_principle(self, step: int) -> None:
        ids = [p.id for p in self.question_set.principles]
        target = ids.index(self.principle.id) + step
        if 0 <= target < len(ids):
            self._go(next(i for i, (p, _) in enumerate(self.items) if p.id == ids[target]))

    def action_toggle_help(self) -> None:
        self.show_help = not self.show_help
        self.update_texts()

    def action_note(self) -> None:
        self.query_one("#q-note", Input).focus()

    def action_overview(self) -> None:
        rows: list[tuple[str, str, int | None]] = []
        for index, (principle, question) in enumerate(self.items):
            if index == 0 or self.items[index - 1][0].id != principle.id:
                rows.append(("", principle.title.get(self.lang), None))
            rows.append((self._mark(question.id), question.text.get(self.lang), index))
        self.app.push_screen(
            OverviewDialog(self.t("ui.q.overview"), self.t("ui.q.legend"), rows, self.index),
            lambda index: self._go(index) if index is not None else None,
        )

    def _mark(self, question_id: str) -> str:
        answer = self.scan.answer(question_id)
        if answer is None:
            return "·"
        if answer == NA:
            return "–"
        if answer == UNKNOWN:
            return "?"
        return str(answer)

    def action_finish(self) -> None:
        """Ask first; list the open questions, if any. A finished scan can be reopened."""
        open_questions = [q for _, q in self.items if self.scan.answer(q.id) is None]
        if open_questions:
            lines = [self.t("ui.q.finish_open", count=len(open_questions)), ""]
            lines += [f"· {q.text.get(self.lang)}" for q in open_questions[:FINISH_LIST_MAX]]
            if len(open_questions) > FINISH_LIST_MAX:
                more = len(open_questions) - FINISH_LIST_MAX
                lines.append(self.t("ui.q.finish_more", count=more))
        else:
            lines = [self.t("ui.q.finish_all")]
        self.app.push_screen(
            ConfirmDialog(
                self.t("ui.q.finish_title"),
                "\n".join(lines),
                yes_key="ui.q.finish_yes",
                no_key="ui.q.finish_no",
            ),
            lambda yes: self._complete() if yes else None,
        )

    def _complete(self) -> None:
        from maturity_scan.screens.results import ResultsScreen

        when = now()
        self.scan = msgspec.structs.replace(self.scan, status="completed", completed_at=when)
        store, scan_id = self.app.config.store, self.scan.id
        self.app.save(lambda: store.complete(scan_id, when))
        self.app.switch_screen(ResultsScreen(self.scan, self.question_set))

    def action_back(self) -> None:
        """Esc: out of the note field back to the answers; else back to home."""
        if self.query_one("#q-note", Input).has_focus:
            self.query_one("#q-options", OptionList).focus(scroll_visible=False)
            return
        self.app.pop_screen()

    def palette_commands(self) -> Iterable[SystemCommand]:
        commands: list[tuple[str, Callable[[], object]]] = [
            ("next", partial(self.action_move, 1)),
            ("prev", partial(self.action_move, -1)),
            ("next_principle", partial(self.action_principle, 1)),
            ("note", self.action_note),
            ("why", self.action_toggle_help),
            ("unknown", partial(self.action_answer, UNKNOWN)),
            ("overview", self.action_overview),
            ("finish", self.action_finish),
            ("back", self.action_back),
        ]
        for name, action in commands:
            yield SystemCommand(self.t(f"ui.cmd.{name}"), self.t(f"ui.cmd.{name}.help"), action)
