"""The questionnaire: one question at a time, every answer and note saved at once.

What the screen shows is what is stored (``questionnaire_stored.py``: reads, following the
files, writes); the note field is ``questionnaire_notes.py``. This module adds the layout,
the answers and moving between questions, and finishing, which waits until the completion
is on disk; the results are built from a stored read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import ClassVar

from rich.text import Text as RichText
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from maturity_scan.core.models import NA, UNKNOWN, AnswerValue, QuestionSet, Scan
from maturity_scan.errors import ScanError
from maturity_scan.exchange.answers import na_needs_reason
from maturity_scan.storage.store import now
from maturity_scan.tui.screens.definitions import (
    DefinitionsDialog,
    NaReasonDialog,
    definitions_text,
)
from maturity_scan.tui.screens.dialogs import ConfirmDialog
from maturity_scan.tui.screens.questionnaire_carried import CarriedScreen
from maturity_scan.tui.screens.questionnaire_stored import WATCH_INTERVAL, DraftStore
from maturity_scan.tui.screens.reason_dialog import REASON_LIMIT
from maturity_scan.tui.widgets.hanging import hanging_text
from maturity_scan.tui.widgets.note_editor import NoteEditor
from maturity_scan.visible import visible

#: How many open questions the finish dialog names before it says "and N more".
FINISH_LIST_MAX = 12
#: Each list's length when the dialog lists both carried and open questions.
FINISH_BOTH_MAX = 3


class QuestionnaireScreen(CarriedScreen):
    #: What the finish dialog says when every question is answered.
    FINISH_ALL = "ui.q.finish_all"
    BINDINGS = [
        Binding("1", "answer(1)", "ui.key.answer", key_display="1-5"),
        *(Binding(str(n), f"answer({n})", "ui.key.answer", show=False) for n in range(2, 6)),
        Binding("0", "answer('na')", "ui.key.na", show=False),
        # "0" where n.v.t. is not allowed: says why (no description: F1 does not list it)
        Binding("0", "na_refused", "", show=False),
        Binding("w", "answer('unknown')", "ui.key.unknown", show=False),
        Binding("c", "confirm", "ui.key.confirm"),  # only on a carried answer
        Binding("left", "move(-1)", "ui.key.prev", key_display="←"),
        Binding("right", "move(1)", "ui.key.next", key_display="→"),
        Binding("pageup", "move(-1)", "ui.key.prev", show=False, priority=True),
        Binding("pagedown", "move(1)", "ui.key.next", show=False, priority=True),
        Binding("h", "toggle_help", "ui.key.why", show=False),
        Binding("n", "note", "ui.key.note", show=False),
        Binding("d", "definitions", "ui.key.definitions", show=False),
        Binding("g", "overview", "ui.key.overview"),
        Binding("[", "principle(-1)", "ui.key.prev_principle", show=False),
        Binding("]", "principle(1)", "ui.key.next_principle", show=False),
        Binding("f", "finish", "ui.key.finish"),
        Binding("escape", "back", "ui.key.back"),
    ]

    #: The scans whose set's definitions were shown before their first question (once each).
    introduced: ClassVar[set[str]] = set()

    def __init__(
        self,
        scan: Scan,
        question_set: QuestionSet,
        start: int | None = None,
        store: DraftStore | None = None,
    ) -> None:
        super().__init__(scan, question_set, start, store)
        self.show_help = False

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
            yield Label("", id="q-notice", markup=False)
        with VerticalScroll(id="q-body"):
            yield Static("", id="q-text", markup=False)
            yield Label("", id="q-carried", markup=False)
            yield Static("", id="q-help", markup=False)
            yield OptionList(id="q-options")
            yield Label("", id="q-note-label", markup=False)
            yield NoteEditor(id="q-note")
            yield Label("", id="q-note-error", markup=False)
            yield Static("", id="q-keys", classes="hint", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        # Runs before BaseScreen.on_mount, which shows the texts: a small database is read
        # here, so the first paint shows the stored scan; a large one is read in a worker.
        self.query_one("#q-options", OptionList).focus(scroll_visible=False)
        if not self._read_now():
            self.reload()
        self.set_interval(WATCH_INTERVAL, self.check_elsewhere)
        scan = self.scan
        fresh = all(r.level is None or q in scan.carried for q, r in scan.answers.items())
        if self.question_set.definitions and fresh and scan.id not in self.introduced:
            # a new scan (perhaps with carried answers) of a set with scope and definitions:
            # those first
            self.introduced.add(scan.id)
            self.app.push_screen(DefinitionsDialog(self.question_set.definitions, intro=True))

    def on_screen_resume(self) -> None:
        self.check_elsewhere()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fill_options)

    def update_texts(self) -> None:
        self.sub_title = visible(self.scan.organisation, single_line=True)
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
        if self.scan.carried:
            answered += " · " + self.t("ui.q.carried_count", count=len(self.scan.carried))
        self.query_one("#q-answered", Label).update(answered)
        position = self.principles.index(principle) + 1
        self.query_one("#q-principle", Label).update(
            f"{position}/{len(self.principles)} {principle.title.get(lang)} — "
            + self.t("ui.q.in_principle", k=k, n=len(in_principle))
        )
        principle_done = sum(1 for q in in_principle if self.scan.answer(q.id) is not None)
        self.query_one("#q-principle-progress", ProgressBar).update(
            total=len(in_principle), progress=principle_done
        )
        self.query_one("#q-text", Static).update(RichText(question.text.get(lang), style="bold"))
        self.show_carried()
        help_widget = self.query_one("#q-help", Static)
        if self.show_help:
            shown = RichText.assemble((self.t("ui.q.why") + " ", "bold"), question.help.get(lang))
            if self.question_set.definitions:  # and the set's scope and definitions
                shown.append("\n\n" + self.t("ui.definitions.title") + "\n", style="bold underline")
                shown.append_text(definitions_text(self.question_set.definitions, lang))
            help_widget.update(shown)
        else:
            help_widget.update(RichText(self.t("ui.q.why_hint"), style="italic"))
        help_widget.set_class(self.show_help, "open")
        self._fill_options()
        self.query_one("#q-note-label", Label).update(self.t("ui.q.note"))
        self._show_note()
        self.show_save_state()
        body = self.query_one("#q-body", VerticalScroll)
        body.scroll_home(animate=False)
        self.call_after_refresh(body.scroll_home, animate=False)
        self.refresh_bindings()

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
        carried = "↺" if question.id in self.scan.carried else "●"  # carried: not yet judged
        for position, (ident, key, text) in enumerate(entries):
            chosen = ident == str(current)
            if chosen:
                highlight = position
            marker = f"{carried if chosen else ' '}{key} "
            widget.add_option(Option(hanging_text(marker, text, width, bold=chosen), id=ident))
        widget.highlighted = highlight

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``0`` is offered (footer, F1) only on questions that allow "not applicable"."""
        if action == "answer" and parameters == (NA,):
            return self.question.allow_na
        if action == "na_refused":
            return not self.question.allow_na
        if action == "definitions":
            return bool(self.question_set.definitions)
        if action == "confirm":
            return self.question.id in self.scan.carried
        return True

    def action_answer(self, value: int | str) -> None:
        answer: AnswerValue = NA if value == NA else UNKNOWN if value == UNKNOWN else int(value)
        if answer == NA and not self.question.allow_na:
            self.action_na_refused()
            return
        if not self._accepting():
            return
        if answer == NA and self._ask_reason():
            return
        self._record(self.question.id, level=answer)
        self._advance()

    def _ask_reason(self) -> bool:
        """ "Not applicable" in a set that asks why: ask for a short reason, stored as the
        note, and answer when it is given (Esc: nothing changes). A question whose note is
        already more than one short line keeps it as the reason. Returns whether it asks."""
        self._take_note()
        question_id, note = self.question.id, self.scan.note(self.question.id)
        if not na_needs_reason(self.question_set) or "\n" in note or len(note) > REASON_LIMIT:
            return False

        def given(reason: str | None) -> None:
            if reason is None or not self._accepting() or self.question.id != question_id:
                return
            self._record(question_id, note=reason)  # a note goes through the note queue
            self._record(question_id, level=NA)
            self.query_one("#q-note", NoteEditor).show_note(reason)
            self._advance()

        self.app.push_screen(NaReasonDialog(self.question.text.get(self.lang), note), given)
        return True

    def action_definitions(self) -> None:
        self.app.push_screen(DefinitionsDialog(self.question_set.definitions))

    def action_na_refused(self) -> None:
        self.notify(self.t("ui.q.na_not_allowed"), severity="warning", markup=False)

    @on(OptionList.OptionSelected, "#q-options")
    def _option_chosen(self, event: OptionList.OptionSelected) -> None:
        ident = event.option.id
        if ident is not None:
            self.action_answer(ident if ident in (NA, UNKNOWN) else int(ident))

    # ----------------------------------------------------------------- moving

    def action_move(self, step: int) -> None:
        self._go(self.index + step)

    def action_principle(self, step: int) -> None:
        ids = [p.id for p in self.principles]
        target = ids.index(self.principle.id) + step
        if 0 <= target < len(ids):
            self._go(next(i for i, (p, _) in enumerate(self.items) if p.id == ids[target]))

    def action_toggle_help(self) -> None:
        self.show_help = not self.show_help
        self.update_texts()

    def action_note(self) -> None:
        self.query_one("#q-note", NoteEditor).focus()

    # ----------------------------------------------------------------- finishing

    def action_finish(self) -> None:
        """Ask first; list the open questions, if any. A finished scan can be reopened. A
        refused note is asked about before that."""
        if not self._accepting() or self.ask_before_leaving(self._ask_finish):
            return
        self._ask_finish()

    def _ask_finish(self) -> None:
        if not self._accepting():
            return
        open_questions = [q for _, q in self.items if self.scan.answer(q.id) is None]
        lines: list[str] = []
        carried = [q for _, q in self.items if q.id in self.scan.carried]
        # both lists short when there are both, so neither scrolls out of view at 80×24
        most = FINISH_BOTH_MAX if carried and open_questions else FINISH_LIST_MAX
        if carried:  # first: an old answer must not pass for a new judgement unnoticed
            where = self.carried_text()
            lines += [self.t("ui.q.finish_carried", count=len(carried), where=where), ""]
            lines += [f"↺ {q.text.get(self.lang)}" for q in carried[:most]]
            if len(carried) > most:
                lines.append(self.t("ui.q.finish_more", count=len(carried) - most))
            lines.append("")
        if open_questions:
            lines += [self.t("ui.q.finish_open", count=len(open_questions)), ""]
            lines += [f"· {q.text.get(self.lang)}" for q in open_questions[:most]]
            if len(open_questions) > most:
                lines.append(self.t("ui.q.finish_more", count=len(open_questions) - most))
        elif not carried:
            lines = [self.t(self.FINISH_ALL)]
        self.app.push_screen(
            ConfirmDialog(
                self.t("ui.q.finish_title"),
                "\n".join(lines).strip(),
                yes_key="ui.q.finish_yes",
                no_key="ui.q.finish_no",
            ),
            lambda yes: self._complete() if yes else None,
        )

    def _complete(self) -> None:
        """Write the completion (after every answer and note), read the scan back, and only
        then show the results, built from that read. A failure keeps the questionnaire."""
        self._take_note()
        self.finishing = True
        self.refresh_bindings()
        self._finish()

    @work(thread=True, exclusive=True, group="q-finish")
    def _finish(self) -> None:
        app = self.app
        store, scan_id = self.store, self.scan.id
        app.autosaver.flush()
        try:
            store.complete(scan_id, now())
            scan = store.get(scan_id)
        except ScanError as err:
            app.call_from_thread(self._finish_failed, err)
            return
        app.call_from_thread(self._finished, scan)

    def _finished(self, scan: Scan) -> None:
        if not self.is_current:
            return  # the user left meanwhile (Esc): the scan is completed, home shows it
        if scan.status != "completed":  # cannot happen: complete() wrote it; never claim it
            self._finish_failed(ScanError("err.finish_unsaved"))
            return
        self.app.show_results(scan, self.question_set, replace=True)

    def _finish_failed(self, err: ScanError) -> None:
        if not self.is_attached:
            self.app.report(err)
            return
        self.finishing = False
        self.refresh_bindings()
        self.app.report(err)
        if err.key == "err.scan_not_found":
            self._read_failed(err)
        else:
            self.reload()

    def action_back(self) -> None:
        """Esc: out of the note field back to the answers; else back to home."""
        if self.query_one("#q-note", NoteEditor).has_focus:
            self.query_one("#q-options", OptionList).focus(scroll_visible=False)
            return
        if not self.ask_before_leaving(self._back_home):
            self._back_home()

    def _back_home(self) -> None:
        if not self.is_current:
            return
        self._take_note()
        self.app.pop_screen()

    def palette_commands(self) -> Iterable[SystemCommand]:
        commands: list[tuple[str, Callable[[], object]]] = [
            ("next", partial(self.action_move, 1)),
            ("prev", partial(self.action_move, -1)),
            ("next_principle", partial(self.action_principle, 1)),
            ("note", self.action_note),
            ("why", self.action_toggle_help),
            ("unknown", partial(self.action_answer, UNKNOWN)),
            ("confirm", self.action_confirm),
            ("overview", self.action_overview),
            ("finish", self.action_finish),
            ("back", self.action_back),
        ]
        for name, action in commands:
            yield SystemCommand(self.t(f"ui.cmd.{name}"), self.t(f"ui.cmd.{name}.help"), action)
