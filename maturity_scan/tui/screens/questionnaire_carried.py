"""The questionnaire's carried answers, moving between questions, and its overview.

A follow-up scan starts with the answers of an earlier scan (``core/followup.py``); each is
*carried* until it is confirmed (``c``, or its own level again) or changed, so nobody
mistakes an old answer for a new judgement. The question shows that its answer was carried
over and from when, the overview (``g``) marks it with ↺, and finishing names how many are
left (``questionnaire.py``).
"""

from __future__ import annotations

from textual.widgets import Label, OptionList

from maturity_scan.core.models import NA, UNKNOWN
from maturity_scan.present.textreport import local_date
from maturity_scan.tui.screens.dialogs import OverviewDialog
from maturity_scan.tui.screens.questionnaire_notes import NotesScreen

#: How the overview marks an answer that was carried over and not yet confirmed.
CARRIED_MARK = "↺"


class CarriedScreen(NotesScreen):
    """Carried answers: marked on the question and in the overview, confirmed with ``c``."""

    def carried_text(self) -> str:
        """Where the carried answers come from: "the scan of <date>" (or an earlier scan,
        when that one was deleted since)."""
        if self.carried_from is None:
            return self.t("ui.q.carried_earlier")
        return self.t("ui.q.carried_from", date=local_date(self.carried_from))

    def show_carried(self) -> None:
        """The line under the question whose answer was carried over and not confirmed."""
        label = self.query_one("#q-carried", Label)
        carried = self.question.id in self.scan.carried
        label.set_class(carried, "shown")
        if carried:
            where = self.carried_text()
            label.update(
                f"{CARRIED_MARK} {where[:1].upper()}{where[1:]} {self.t('ui.q.carried_how')}"
            )

    def action_confirm(self) -> None:
        """Keep the carried answer as it is: it becomes this scan's judgement."""
        question_id = self.question.id
        level = self.scan.answer(question_id)
        if question_id not in self.scan.carried or level is None or not self._accepting():
            return
        self._record(question_id, level=level)
        self._advance()

    # ----------------------------------------------------------------- moving

    def _advance(self) -> None:
        """After an answer: the next question; after the last, the first one still open or
        carried over and not confirmed."""
        if self.index + 1 < len(self.items):
            self._go(self.index + 1)
            return
        scan = self.scan
        unanswered = [
            i
            for i, (_, q) in enumerate(self.items)
            if scan.answer(q.id) is None or q.id in scan.carried
        ]
        if unanswered:
            self._go(unanswered[0])
        else:
            self.update_texts()
            self.notify(self.t("ui.q.all_answered"), markup=False)

    def _go(self, index: int) -> None:
        self._leave_note()
        self.index = max(0, min(index, len(self.items) - 1))
        self.update_texts()
        self.query_one("#q-options", OptionList).focus(scroll_visible=False)

    # ----------------------------------------------------------------- overview

    def action_overview(self) -> None:
        rows: list[tuple[str, str, int | None]] = []
        noted: set[int] = set()
        for index, (principle, question) in enumerate(self.items):
            if index == 0 or self.items[index - 1][0].id != principle.id:
                rows.append(("", principle.title.get(self.lang), None))
            rows.append((self._mark(question.id), question.text.get(self.lang), index))
            if self.scan.note(question.id):
                noted.add(index)
        legend = self.t("ui.q.legend")
        if self.scan.carried:
            legend += f"   {CARRIED_MARK} " + self.t("ui.q.legend_carried")
        self.app.push_screen(
            OverviewDialog(self.t("ui.q.overview"), legend, rows, self.index, noted=noted),
            lambda index: self._go(index) if index is not None else None,
        )

    def _mark(self, question_id: str) -> str:
        answer = self.scan.answer(question_id)
        mark = "·" if answer is None else "–" if answer == NA else "?" if answer == UNKNOWN else ""
        mark = mark or str(answer)
        return mark + CARRIED_MARK if question_id in self.scan.carried else mark
