"""The new-scan form (organisation, date, respondent and, when there is a choice, question set)
and the edit form (date and respondent of a scan that exists).

What is typed is checked here, before anything is stored: no control characters (escape
sequences, BiDi overrides) in any field, and a date that a scan can have (2000-01-01 up to
today, as ``31-12-2027`` or ``2027-12-31``). A bad field is named next to the form; the
dialog stays open and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from maturity_scan.core.models import Lang, QuestionSet, Respondent, Scan, SetRef
from maturity_scan.dates import day_label, parse_day, scan_day, today
from maturity_scan.errors import ScanError
from maturity_scan.i18n import tr
from maturity_scan.tui.screens.base import BaseModal
from maturity_scan.visible import find_control, visible


@dataclass(frozen=True)
class NewScanRequest:
    organisation: str
    name: str | None
    role: str | None
    question_set: SetRef
    #: The day the scan is taken (today unless typed otherwise).
    day: date


@dataclass(frozen=True)
class EditRequest:
    """What to change; None keeps what is stored."""

    taken_at: datetime | None
    respondent: Respondent | None


def day_text(day: date, lang: Lang) -> str:
    """A day the way the language writes it: 02-12-2026 in Dutch, 2026-12-02 in English."""
    return day.strftime(tr("fmt.date", lang))


class FormError(Exception):
    """A field is not right: ``message`` says why, ``field`` is the input to go back to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


FormResult = TypeVar("FormResult")


class _Form(BaseModal[FormResult]):
    """What both forms share: reading a text field, refusing control characters, the error."""

    def text(self, ident: str, label_key: str) -> str | None:
        """The field's text, white space folded; None when empty. Control characters refused."""
        raw = self.query_one(f"#{ident}", Input).value
        char = find_control(raw)
        if char is not None:
            field = self.t(label_key)
            raise FormError(ident, self.t("ui.input.control", field=field, char=char))
        return " ".join(raw.split()) or None

    def day(self, ident: str) -> date:
        """The day typed in ``ident``, checked as a scan date."""
        try:
            return scan_day(self.query_one(f"#{ident}", Input).value, self.t("ui.date.field"))
        except ScanError as err:
            raise FormError(ident, err.render(self.lang)) from None

    def submit_with(self, read: Callable[[], FormResult]) -> None:
        """Close with what ``read`` makes of the fields, or show the field to fix."""
        try:
            request = read()
        except FormError as error:
            self.show_error(error)
            return
        self.dismiss(request)

    def show_error(self, error: FormError) -> None:
        # next to the field: the error label sits right below it (see compose)
        for label in self.query(".field-error").results(Label):
            label.update("")
            label.display = False
        label = self.query_one(f"#{error.field}-error", Label)
        label.update(visible(error.message))
        label.display = True
        self.query_one(f"#{error.field}", Input).focus()


def _error_label(ident: str) -> Label:
    label = Label("", id=f"{ident}-error", classes="error field-error", markup=False)
    label.display = False
    return label


class NewScanDialog(_Form[NewScanRequest | None]):
    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel")]

    def __init__(self, organisations: Sequence[str], sets: Sequence[QuestionSet]) -> None:
        super().__init__(classes="dialog")
        self._organisations = organisations
        self._sets = sets

    def compose(self) -> ComposeResult:
        prefill = self._organisations[0] if len(self._organisations) == 1 else ""
        if find_control(prefill) is not None:  # an imported name: never put on screen raw
            prefill = ""
        with Vertical(classes="dialog-box"):
            yield Label("", id="new-title", classes="dialog-title", markup=False)
            yield Label("", id="new-org-label", markup=False)
            yield Input(prefill, id="new-org", max_length=200)
            yield _error_label("new-org")
            yield Label("", id="new-date-label", markup=False)
            yield Input(day_text(today(), self.app.lang), id="new-date", max_length=20)
            yield _error_label("new-date")
            yield Label("", id="new-name-label", markup=False)
            yield Input(id="new-name")
            yield _error_label("new-name")
            yield Label("", id="new-role-label", markup=False)
            yield Input(id="new-role")
            yield _error_label("new-role")
            if len(self._sets) > 1:
                yield Label("", id="new-set-label", markup=False)
                yield Select(
                    [(RichText(f"{qs.id} {qs.version}"), i) for i, qs in enumerate(self._sets)],
                    value=0,
                    allow_blank=False,
                    id="new-set",
                )
            yield Label("", id="new-hint", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#new-org", Input).focus()

    def update_texts(self) -> None:
        for ident, key in [
            ("new-title", "ui.new.title"),
            ("new-org-label", "ui.new.org"),
            ("new-date-label", "ui.new.date"),
            ("new-name-label", "ui.new.name"),
            ("new-role-label", "ui.new.role"),
            ("new-hint", "ui.new.hint"),
        ]:
            self.query_one(f"#{ident}", Label).update(self.t(key))
        self.query_one("#new-org", Input).placeholder = self.t("ui.new.org.placeholder")
        self.query_one("#new-date", Input).placeholder = self.t("ui.new.date.placeholder")
        self.query_one("#new-role", Input).placeholder = self.t("ui.new.role.placeholder")
        if len(self._sets) > 1:
            self.query_one("#new-set-label", Label).update(self.t("ui.new.set"))
            self.query_one("#new-set", Select).set_options(
                [
                    (RichText(visible(f"{qs.title.get(self.lang)} ({qs.id} {qs.version})")), i)
                    for i, qs in enumerate(self._sets)
                ]
            )

    @on(Input.Submitted)
    def _submit(self) -> None:
        self.submit_with(self._request)

    def _request(self) -> NewScanRequest:
        organisation = self.text("new-org", "ui.new.org")
        if not organisation:
            raise FormError("new-org", self.t("ui.new.org_required"))
        day = self.day("new-date")
        name = self.text("new-name", "ui.new.name")
        role = self.text("new-role", "ui.new.role")
        index = 0
        if len(self._sets) > 1:
            value = self.query_one("#new-set", Select).value
            index = value if isinstance(value, int) else 0
        return NewScanRequest(organisation, name, role, self._sets[index].ref, day)

    def action_cancel(self) -> None:
        self.dismiss(None)


class EditScanDialog(_Form[EditRequest | None]):
    """The date, name and role of a scan (draft or completed); the answers are not touched."""

    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel")]

    def __init__(self, scan: Scan) -> None:
        super().__init__(classes="dialog")
        self.scan = scan

    def compose(self) -> ComposeResult:
        respondent = self.scan.respondent
        with Vertical(classes="dialog-box"):
            yield Label("", id="edit-title", classes="dialog-title", markup=False)
            yield Label("", id="edit-date-label", markup=False)
            yield Input(self._stored_day_text(), id="edit-date", max_length=20)
            yield _error_label("edit-date")
            yield Label("", id="edit-name-label", markup=False)
            yield Input(visible(respondent.name or "", single_line=True), id="edit-name")
            yield _error_label("edit-name")
            yield Label("", id="edit-role-label", markup=False)
            yield Input(visible(respondent.role or "", single_line=True), id="edit-role")
            yield _error_label("edit-role")
            yield Label("", id="edit-hint", classes="hint", markup=False)

    def _stored_day_text(self) -> str:
        label = day_label(self.scan.date)
        try:
            return day_text(date.fromisoformat(label), self.app.lang)
        except ValueError:  # a year before 1000 or after 9999 cannot be written as a date
            return label

    def on_mount(self) -> None:
        self.query_one("#edit-date", Input).focus()

    def update_texts(self) -> None:
        org = visible(self.scan.organisation, single_line=True)
        self.query_one("#edit-title", Label).update(self.t("ui.edit.title", org=org))
        for ident, key in [
            ("edit-date-label", "ui.new.date"),
            ("edit-name-label", "ui.edit.name"),
            ("edit-role-label", "ui.edit.role"),
            ("edit-hint", "ui.edit.hint"),
        ]:
            self.query_one(f"#{ident}", Label).update(self.t(key))
        self.query_one("#edit-date", Input).placeholder = self.t("ui.new.date.placeholder")
        self.query_one("#edit-role", Input).placeholder = self.t("ui.new.role.placeholder")

    @on(Input.Submitted)
    def _submit(self) -> None:
        self.submit_with(self._request)

    def _request(self) -> EditRequest:
        taken_at = None
        typed = self.query_one("#edit-date", Input).value
        unchanged = typed.strip() == self._stored_day_text()
        if not unchanged:
            try:
                unchanged = parse_day(typed, "-") == date.fromisoformat(day_label(self.scan.date))
            except (ScanError, ValueError):
                unchanged = False
        if not unchanged:  # the stored moment stays exactly as it is unless the day changes
            from maturity_scan.dates import moment_of

            taken_at = moment_of(self.day("edit-date"))
        shown = self.scan.respondent
        name = self.text("edit-name", "ui.edit.name")
        role = self.text("edit-role", "ui.edit.role")
        was = (
            " ".join(visible(shown.name or "", single_line=True).split()) or None,
            " ".join(visible(shown.role or "", single_line=True).split()) or None,
        )
        respondent = None if (name, role) == was else Respondent(name=name, role=role)
        return EditRequest(taken_at, respondent)

    def action_cancel(self) -> None:
        self.dismiss(None)
