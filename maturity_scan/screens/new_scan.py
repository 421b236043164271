"""The new-scan form: organisation, respondent and (when there is a choice) question set."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from maturity_scan.models import QuestionSet, SetRef
from maturity_scan.screens.base import BaseModal


@dataclass(frozen=True)
class NewScanRequest:
    organisation: str
    name: str | None
    role: str | None
    question_set: SetRef


class NewScanDialog(BaseModal[NewScanRequest | None]):
    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel")]

    def __init__(self, organisations: Sequence[str], sets: Sequence[QuestionSet]) -> None:
        super().__init__(classes="dialog")
        self._organisations = organisations
        self._sets = sets

    def compose(self) -> ComposeResult:
        prefill = self._organisations[0] if len(self._organisations) == 1 else ""
        with Vertical(classes="dialog-box"):
            yield Label("", id="new-title", classes="dialog-title", markup=False)
            yield Label("", id="new-org-label", markup=False)
            yield Input(prefill, id="new-org", max_length=200)
            yield Label("", id="new-name-label", markup=False)
            yield Input(id="new-name")
            yield Label("", id="new-role-label", markup=False)
            yield Input(id="new-role")
            if len(self._sets) > 1:
                yield Label("", id="new-set-label", markup=False)
                yield Select(
                    [(f"{qs.id} {qs.version}", i) for i, qs in enumerate(self._sets)],
                    value=0,
                    allow_blank=False,
                    id="new-set",
                )
            yield Label("", id="new-error", classes="error", markup=False)
            yield Label("", id="new-hint", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#new-org", Input).focus()

    def update_texts(self) -> None:
        for ident, key in [
            ("new-title", "ui.new.title"),
            ("new-org-label", "ui.new.org"),
            ("new-name-label", "ui.new.name"),
            ("new-role-label", "ui.new.role"),
            ("new-hint", "ui.new.hint"),
        ]:
            self.query_one(f"#{ident}", Label).update(self.t(key))
        self.query_one("#new-org", Input).placeholder = self.t("ui.new.org.placeholder")
        self.query_one("#new-role", Input).placeholder = self.t("ui.new.role.placeholder")
        if len(self._sets) > 1:
            self.query_one("#new-set-label", Label).update(self.t("ui.new.set"))
            self.query_one("#new-set", Select).set_options(
                [
                    (RichText(f"{qs.title.get(self.lang)} ({qs.id} {qs.version})"), i)
                    for i, qs in enumerate(self._sets)
                ]
            )

    @on(Input.Submitted)
    def _submit(self) -> None:
        organisation = " ".join(self.query_one("#new-org", Input).value.split())
        if not organisation:
            self.query_one("#new-error", Label).update(self.t("ui.new.org_required"))
            self.query_one("#new-org", Input).focus()
            return
        index = 0
        if len(self._sets) > 1:
            value = self.query_one("#new-set", Select).value
            index = value if isinstance(value, int) else 0

        def clean(ident: str) -> str | None:
            return " ".join(self.query_one(ident, Input).value.split()) or None

        self.dismiss(
            NewScanRequest(
                organisation=organisation,
                name=clean("#new-name"),
                role=clean("#new-role"),
                question_set=self._sets[index].ref,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
