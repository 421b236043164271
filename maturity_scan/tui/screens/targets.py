"""The targets dialog: per principle a target level (or none) and an optional date."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select

from maturity_scan.core.models import QuestionSet, Target
from maturity_scan.dates import target_day
from maturity_scan.errors import ScanError
from maturity_scan.tui.screens.base import BaseModal
from maturity_scan.tui.screens.new_scan import day_text
from maturity_scan.visible import find_control, visible

NO_TARGET = 0


class TargetsDialog(BaseModal[list[Target] | None]):
    BINDINGS = [
        Binding("escape", "cancel", "ui.key.cancel"),
        Binding("ctrl+s", "save", "ui.key.save"),
    ]

    def __init__(self, organisation: str, question_set: QuestionSet, targets: Sequence[Target]):
        super().__init__(classes="dialog")
        self.organisation = organisation
        self.question_set = question_set
        self.current = {t.principle: t for t in targets if t.question_set == question_set.id}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("", id="t-title", classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-body"):
                for principle in self.question_set.principles:
                    target = self.current.get(principle.id)
                    yield Label("", id=f"t-label-{principle.id}", classes="t-label", markup=False)
                    with Horizontal(classes="t-row"):
                        yield Select(
                            [("—", NO_TARGET)],
                            value=NO_TARGET,
                            allow_blank=False,
                            id=f"t-level-{principle.id}",
                        )
                        yield Input(
                            day_text(target.by, self.app.lang) if target and target.by else "",
                            id=f"t-by-{principle.id}",
                            max_length=20,
                        )
                    error = Label("", id=f"t-error-{principle.id}", classes="error", markup=False)
                    error.display = False
                    yield error
            yield Label("", id="t-hint", classes="hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("", id="t-save", variant="primary")
                yield Button("", id="t-cancel")

    def update_texts(self) -> None:
        lang = self.lang
        org = visible(self.organisation, single_line=True)
        self.query_one("#t-title", Label).update(self.t("ui.t.title", org=org))
        levels = [(RichText(self.t("ui.t.none")), NO_TARGET)] + [
            (RichText(f"{d.level} {d.name.get(lang)}"), d.level) for d in self.question_set.levels
        ]
        for principle in self.question_set.principles:
            self.query_one(f"#t-label-{principle.id}", Label).update(principle.title.get(lang))
            select = self.query_one(f"#t-level-{principle.id}", Select)
            value = select.value
            target = self.current.get(principle.id)
            select.set_options(levels)
            if value == NO_TARGET and target is not None and not self._touched:
                value = target.level
            select.value = value if isinstance(value, int) else NO_TARGET
            self.query_one(f"#t-by-{principle.id}", Input).placeholder = self.t("ui.t.by")
        self.query_one("#t-hint", Label).update(self.t("ui.t.hint"))
        self.query_one("#t-save", Button).label = self.t("ui.key.save").capitalize()
        self.query_one("#t-cancel", Button).label = self.t("ui.key.cancel").capitalize()
        self._touched = True

    _touched = False

    def on_mount(self) -> None:
        self.query(Select).first().focus()

    @on(Button.Pressed, "#t-save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        targets = []
        for principle in self.question_set.principles:
            level = self.query_one(f"#t-level-{principle.id}", Select).value
            field = self.query_one(f"#t-by-{principle.id}", Input)
            error = self.query_one(f"#t-error-{principle.id}", Label)
            error.display = False
            text = field.value.strip()
            by = None
            problem = None
            char = find_control(field.value)
            if char is not None:
                problem = self.t("ui.input.control", field=self.t("ui.date.field"), char=char)
            elif text:
                try:
                    by = target_day(text, self.t("ui.date.field"))
                except ScanError as err:
                    problem = err.render(self.lang)
            if (
                problem is None
                and by is not None
                and not (isinstance(level, int) and level != NO_TARGET)
            ):
                problem = self.t("ui.t.by_without_level")  # never dropped without a word
            if problem is not None:
                # next to the field: the error is the line right below its row
                error.update(visible(problem))
                error.display = True
                field.focus()
                return
            if isinstance(level, int) and level != NO_TARGET:
                targets.append(
                    Target(
                        organisation=self.organisation,
                        question_set=self.question_set.id,
                        principle=principle.id,
                        level=level,
                        by=by,
                    )
                )
        self.dismiss(targets)

    @on(Button.Pressed, "#t-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
