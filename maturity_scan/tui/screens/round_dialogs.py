"""The dialogs of team rounds (#14): opening a round, joining one, and the reason for changing
a consensus answer. Each checks what is typed, says what is wrong under the field (the dialog
stays open) and dismisses with its value, or None (Esc). Nothing is stored here: the flows in
:mod:`maturity_scan.tui.round_flows` write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select

from maturity_scan.core.models import QuestionSet, SetRef, Visibility
from maturity_scan.dates import parse_day, today
from maturity_scan.errors import ScanError
from maturity_scan.storage.rounds import MAX_TITLE, check_title
from maturity_scan.tui.screens.new_scan import FormError, _error_label, _Form, day_text
from maturity_scan.tui.screens.reason_dialog import ShortReasonDialog
from maturity_scan.tui.screens.round_parts import VISIBILITY_TEXT
from maturity_scan.visible import visible

VISIBILITIES: tuple[Visibility, ...] = ("by-role", "named", "anonymous")
#: What a respondent is told the round shows of them, per visibility.
SHOWN_TEXT = {
    "by-role": "ui.round.join.shown.by_role",
    "named": "ui.round.join.shown.named",
    "anonymous": "ui.round.join.shown.anonymous",
}


def relabel(select: Select[Any]) -> None:
    """Show the label of the select's value as its options now name it: after
    ``set_options`` with the same value, Select keeps showing the old label."""
    select.mutate_reactive(Select.value)  # type: ignore[misc]  # the reactive, as Textual asks


@dataclass(frozen=True)
class OpenRoundRequest:
    title: str
    opened: date
    closes: date | None
    visibility: Visibility
    question_set: SetRef


@dataclass(frozen=True)
class JoinRequest:
    name: str | None
    #: A role id of the set's ``[[roles]]``; None for a set without roles.
    role: str | None
    role_only: bool


class OpenRoundDialog(_Form[OpenRoundRequest | None]):
    """A new round of ``organisation``: title, date (today), closing date (optional),
    visibility and, when there is a choice, the question set (its latest version)."""

    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel")]

    def __init__(self, organisation: str, sets: Sequence[QuestionSet]) -> None:
        super().__init__(classes="dialog")
        self.organisation = organisation
        self._sets = list(sets)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("", id="ro-title", classes="dialog-title", markup=False)
            yield Label("", id="ro-name-label", markup=False)
            yield Input(id="ro-name", max_length=MAX_TITLE + 20)
            yield _error_label("ro-name")
            yield Label("", id="ro-date-label", markup=False)
            yield Input(day_text(today(), self.app.lang), id="ro-date", max_length=20)
            yield _error_label("ro-date")
            yield Label("", id="ro-closes-label", markup=False)
            yield Input(id="ro-closes", max_length=20)
            yield _error_label("ro-closes")
            yield Label("", id="ro-visibility-label", markup=False)
            yield Select(
                [(RichText(v), v) for v in VISIBILITIES],
                value=VISIBILITIES[0],
                allow_blank=False,
                id="ro-visibility",
            )
            if len(self._sets) > 1:
                yield Label("", id="ro-set-label", markup=False)
                yield Select(
                    [(RichText(qs.id), i) for i, qs in enumerate(self._sets)],
                    value=0,
                    allow_blank=False,
                    id="ro-set",
                )
            yield Button("", id="ro-go", variant="primary")
            yield Label("", id="ro-hint", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#ro-name", Input).focus()

    def update_texts(self) -> None:
        org = visible(self.organisation, single_line=True)
        self.query_one("#ro-title", Label).update(self.t("ui.round.open.title", org=org))
        for ident, key in [
            ("ro-name-label", "ui.round.open.name"),
            ("ro-date-label", "ui.round.open.date"),
            ("ro-closes-label", "ui.round.open.closes"),
            ("ro-visibility-label", "ui.round.open.visibility"),
            ("ro-hint", "ui.round.open.hint"),
        ]:
            self.query_one(f"#{ident}", Label).update(self.t(key))
        self.query_one("#ro-go", Button).label = self.t("ui.round.open.go")
        self.query_one("#ro-date", Input).placeholder = self.t("ui.new.date.placeholder")
        self.query_one("#ro-closes", Input).placeholder = self.t("ui.round.open.closes_hint")
        visibility = self.query_one("#ro-visibility", Select)
        chosen = visibility.value
        visibility.set_options([(RichText(self.t(VISIBILITY_TEXT[v])), v) for v in VISIBILITIES])
        visibility.value = chosen if chosen in VISIBILITIES else VISIBILITIES[0]
        relabel(visibility)
        if len(self._sets) > 1:
            self.query_one("#ro-set-label", Label).update(self.t("ui.new.set"))
            sets = self.query_one("#ro-set", Select)
            chosen = sets.value
            sets.set_options(
                [
                    (RichText(visible(f"{qs.title.get(self.lang)} ({qs.id} {qs.version})")), i)
                    for i, qs in enumerate(self._sets)
                ]
            )
            sets.value = chosen if isinstance(chosen, int) else 0
            relabel(sets)

    @on(Input.Submitted)
    @on(Button.Pressed, "#ro-go")
    def _submit(self) -> None:
        self.submit_with(self._request)

    def _request(self) -> OpenRoundRequest:
        title = self.text("ro-name", "ui.round.open.name") or ""
        try:
            title = check_title(title)
        except ScanError as err:
            raise FormError("ro-name", err.render(self.lang)) from None
        opened = self.day("ro-date")
        closes = None
        typed = self.query_one("#ro-closes", Input).value.strip()
        if typed:
            field = self.t("ui.round.open.closes")
            try:
                closes = parse_day(typed, field)
            except ScanError as err:
                raise FormError("ro-closes", err.render(self.lang)) from None
            if closes < opened:
                message = self.t("ui.round.open.closes_before", opened=day_text(opened, self.lang))
                raise FormError("ro-closes", message)
        visibility = self.query_one("#ro-visibility", Select).value
        index = 0
        if len(self._sets) > 1:
            value = self.query_one("#ro-set", Select).value
            index = value if isinstance(value, int) else 0
        return OpenRoundRequest(
            title,
            opened,
            closes,
            visibility if visibility in VISIBILITIES else "by-role",
            self._sets[index].ref,
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


class JoinRoundDialog(_Form[JoinRequest | None]):
    """Joining round ``title``: a name (optional when the round is anonymous), a role of the
    set (names in the UI language; none for a set without roles) and whether to answer only
    the questions of that role."""

    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel")]

    def __init__(self, title: str, question_set: QuestionSet, visibility: Visibility) -> None:
        super().__init__(classes="dialog")
        self.round_title = title
        self.question_set = question_set
        self.visibility = visibility

    def compose(self) -> ComposeResult:
        roles = bool(self.question_set.roles)
        with Vertical(classes="dialog-box"):
            yield Label("", id="rj-title", classes="dialog-title", markup=False)
            yield Label("", id="rj-visibility", classes="hint", markup=False)
            yield Label("", id="rj-name-label", markup=False)
            yield Input(id="rj-name", max_length=120)
            yield _error_label("rj-name")
            if roles:
                yield Label("", id="rj-role-label", markup=False)
                yield Select([], id="rj-role")
                yield _error_label("rj-role")
                yield Checkbox("", False, id="rj-role-only")
            yield Button("", id="rj-go", variant="primary")
            yield Label("", id="rj-hint", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#rj-name", Input).focus()

    def update_texts(self) -> None:
        title = visible(self.round_title, single_line=True)
        self.query_one("#rj-title", Label).update(self.t("ui.round.join.title", title=title))
        self.query_one("#rj-visibility", Label).update(self.t(SHOWN_TEXT[self.visibility]))
        name_key = "ui.round.join.name_optional" if self.anonymous else "ui.round.join.name"
        self.query_one("#rj-name-label", Label).update(self.t(name_key))
        self.query_one("#rj-hint", Label).update(self.t("ui.round.join.hint"))
        self.query_one("#rj-go", Button).label = self.t("ui.round.join.go")
        if self.question_set.roles:
            self.query_one("#rj-role-label", Label).update(self.t("ui.round.join.role"))
            select = self.query_one("#rj-role", Select)
            chosen = select.value
            select.set_options(
                [
                    (RichText(visible(role.name.get(self.lang), single_line=True)), role.id)
                    for role in self.question_set.roles
                ]
            )
            select.prompt = self.t("ui.round.join.role_prompt")
            if isinstance(chosen, str):
                select.value = chosen
            relabel(select)
            self.query_one("#rj-role-only", Checkbox).label = RichText(
                self.t("ui.round.join.role_only")
            )

    @property
    def anonymous(self) -> bool:
        return self.visibility == "anonymous"

    @on(Input.Submitted)
    @on(Button.Pressed, "#rj-go")
    def _submit(self) -> None:
        self.submit_with(self._request)

    def show_error(self, error: FormError) -> None:
        if error.field != "rj-role":
            super().show_error(error)
            return
        for label in self.query(".field-error").results(Label):
            label.display = False
        label = self.query_one("#rj-role-error", Label)
        label.update(error.message)
        label.display = True
        self.query_one("#rj-role", Select).focus()

    def _request(self) -> JoinRequest:
        name = self.text("rj-name", "ui.round.join.name")
        if name is None and not self.anonymous:
            raise FormError("rj-name", self.t("ui.round.join.name_required"))
        if not self.question_set.roles:
            return JoinRequest(name, None, False)
        role = self.query_one("#rj-role", Select).value
        if not isinstance(role, str):
            raise FormError("rj-role", self.t("ui.round.join.role_required"))
        return JoinRequest(name, role, self.query_one("#rj-role-only", Checkbox).value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReasonDialog(ShortReasonDialog):
    """Why the team's answer to ``question`` differs from the respondents' median (the
    ``change``): a short reason, required; ``None`` (Esc) leaves the answer as it was."""

    PREFIX = "why"
    TEXTS = (
        "ui.consensus.why.title",
        "ui.consensus.why.prompt",
        "ui.consensus.why.hint",
        "ui.consensus.why.empty",
    )

    def __init__(self, question: str, change: str, reason: str = "") -> None:
        super().__init__(question, reason, detail=change)
