"""The new-scan form (organisation, date, respondent and, when there is a choice, question set)
and the edit form (date and respondent of a scan that exists).

What is typed is checked here, before anything is stored: no control characters (escape
sequences, BiDi overrides) in any field, and a date that a scan can have (2000-01-01 up to
today, as ``31-12-2027`` or ``2027-12-31``). A bad field is named next to the form; the
dialog stays open and nothing is stored.

The organisation field suggests stored organisations as you type (case, accents and spacing
do not count; Tab or → takes the suggestion). When the organisation has a completed scan, a
checkbox (on by default) starts the new scan from that scan's answers and notes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Checkbox, Input, Label, Select

from maturity_scan.core.models import Lang, QuestionSet, Respondent, Scan, SetRef
from maturity_scan.core.names import fold, org_key
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
    #: The completed scan to start from (its answers and notes carried over), if chosen.
    follows: Scan | None = None


@dataclass(frozen=True)
class EditRequest:
    """What to change; None keeps what is stored."""

    taken_at: datetime | None
    respondent: Respondent | None


def day_text(day: date, lang: Lang) -> str:
    """A day the way the language writes it: 02-12-2026 in Dutch, 2026-12-02 in English."""
    return day.strftime(tr("fmt.date", lang))


def moment_text(moment: datetime, lang: Lang) -> str:
    """The day of a stored moment the way the language writes it (never fails: a year
    before 1000 or after 9999 cannot be written as a date and is shown as stored)."""
    label = day_label(moment)
    try:
        return day_text(date.fromisoformat(label), lang)
    except ValueError:
        return label


def complete_name(typed: str, names: Sequence[str]) -> str | None:
    """The first of ``names`` that starts with what is typed, case, accents and spacing not
    counting ("gemeente zw" → "Gemeente Zwolle"), or None. The field shows the suggestion
    after the text typed, so when the typed text is as long as the part of the name it
    matches, the name is given whole (accepting it gives the stored spelling); else the
    typed text with the rest of the name."""
    wanted = fold(typed)
    if not wanted:
        return None
    if typed[-1].isspace():
        wanted += " "  # "gemeente " is a whole word: not "Gemeentehuis"
    for name in names:
        if not (fold(name) + " ").startswith(wanted) or name == typed:
            continue
        ends = [k for k in range(len(name), 0, -1) if _folded_prefix(name[:k]) == wanted]
        if not ends or ends[0] >= len(name):
            continue  # nothing left to suggest
        return name if ends[0] == len(typed) else typed + name[ends[0] :]
    return None


def _folded_prefix(text: str) -> str:
    return fold(text) + (" " if text[-1:].isspace() and fold(text) else "")


class OrganisationSuggester(Suggester):
    """Suggests stored organisations for the organisation field (see :func:`complete_name`)."""

    def __init__(self, names: Sequence[str]) -> None:
        super().__init__(use_cache=True, case_sensitive=True)  # the typed text, as typed
        self.names = list(names)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_name(value, self.names)


class OrganisationInput(Input):
    """The organisation field: Tab takes the suggestion shown (as → does), else moves on."""

    BINDINGS = [Binding("tab", "complete", "ui.key.complete", show=False)]

    def action_complete(self) -> None:
        if self._suggestion and self.cursor_at_end:
            self.action_cursor_right()  # takes the suggestion
        else:
            self.screen.focus_next()


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

    def __init__(
        self,
        organisations: Sequence[str],
        sets: Sequence[QuestionSet],
        preset: str | None = None,
        latest: Mapping[str, Scan] | None = None,
    ) -> None:
        """``preset``: the organisation to fill in (the one selected where the dialog was
        opened); ``latest``: per organisation (:func:`org_key`) its latest completed scan,
        which the new scan can start from (also given later, :meth:`set_latest`)."""
        super().__init__(classes="dialog")
        self._organisations = organisations
        self._sets = sets
        self._preset = preset
        self._latest: Mapping[str, Scan] = latest or {}
        #: Per organisation (:func:`org_key`) its latest open draft, once read.
        self._drafts: Mapping[str, Scan] = {}

    def compose(self) -> ComposeResult:
        prefill = self._preset
        if prefill is None:
            prefill = self._organisations[0] if len(self._organisations) == 1 else ""
        if find_control(prefill) is not None:  # an imported name: never put on screen raw
            prefill = ""
        with Vertical(classes="dialog-box"):
            yield Label("", id="new-title", classes="dialog-title", markup=False)
            yield Label("", id="new-org-label", markup=False)
            yield OrganisationInput(
                prefill,
                id="new-org",
                max_length=200,
                suggester=OrganisationSuggester(self._organisations),
            )
            yield _error_label("new-org")
            yield Checkbox("", True, id="new-from")
            yield Label("", id="new-draft", classes="hint", markup=False)
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

    def set_latest(self, latest: Mapping[str, Scan], drafts: Mapping[str, Scan] = {}) -> None:
        """The organisations' latest completed scans and open drafts, read after the dialog
        opened."""
        self._latest, self._drafts = latest, drafts
        self._show_from()

    def previous(self) -> Scan | None:
        """The latest completed scan of the organisation typed, if it has one."""
        return self._latest.get(org_key(self.query_one("#new-org", Input).value))

    @on(Input.Changed, "#new-org")
    def _show_from(self) -> None:
        """The "start from the scan of <date>" checkbox, for an organisation with a
        completed scan only."""
        box = self.query_one("#new-from", Checkbox)
        previous = self.previous()
        box.display = previous is not None
        if previous is not None:
            day = moment_text(previous.date, self.lang)
            box.label = RichText(self.t("ui.new.from", date=day))
        # an open draft of it is said: the new scan would be a second one
        draft = self._drafts.get(org_key(self.query_one("#new-org", Input).value))
        hint = self.query_one("#new-draft", Label)
        hint.display = draft is not None
        if draft is not None:
            hint.update(self.t("ui.new.open_draft", date=moment_text(draft.date, self.lang)))

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
        self._show_from()
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
        previous = self.previous() if self.query_one("#new-from", Checkbox).value else None
        return NewScanRequest(organisation, name, role, self._sets[index].ref, day, previous)

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
        return moment_text(self.scan.date, self.app.lang)

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
