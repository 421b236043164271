"""Home's filters (``f``): open drafts, rescan due, level at or below n, a group. Dismisses
with the new filter (the search is home's own), or None when cancelled."""

from __future__ import annotations

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Label, Select

from maturity_scan.core.organisations import OrgFilter
from maturity_scan.tui.screens.base import BaseModal
from maturity_scan.visible import visible

#: The level and group selects' "no filter".
ANY_LEVEL = 0
ANY_GROUP = ""
LEVELS = range(1, 6)


class FilterDialog(BaseModal[OrgFilter | None]):
    BINDINGS = [
        Binding("escape", "cancel", "ui.key.cancel"),
        Binding("ctrl+s", "apply", "ui.key.apply"),
    ]

    def __init__(self, current: OrgFilter, groups: list[str]) -> None:
        super().__init__(classes="dialog")
        self.current = current
        self.groups = groups

    def compose(self) -> ComposeResult:
        current = self.current
        with Vertical(classes="dialog-box"):
            yield Label("", id="f-title", classes="dialog-title", markup=False)
            yield Checkbox("", current.drafts, id="f-drafts", compact=True)
            yield Checkbox("", current.due, id="f-due", compact=True)
            yield Label("", id="f-level-label", classes="t-label", markup=False)
            yield Select(
                self._level_options(),
                value=current.max_level or ANY_LEVEL,
                allow_blank=False,
                id="f-level",
                compact=True,
            )
            yield Label("", id="f-group-label", classes="t-label", markup=False)
            group = next((g for g in self.groups if g == current.group), ANY_GROUP)
            yield Select(
                [(RichText("—"), ANY_GROUP)]
                + [(RichText(visible(g, single_line=True)), g) for g in self.groups],
                value=group,
                allow_blank=False,
                id="f-group",
                compact=True,
                disabled=not self.groups,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("", id="f-apply", variant="primary")
                yield Button("", id="f-none")
                yield Button("", id="f-cancel")

    def update_texts(self) -> None:
        self.query_one("#f-title", Label).update(self.t("ui.filter.title"))
        self.query_one("#f-drafts", Checkbox).label = self.t("ui.filter.drafts_option")
        self.query_one("#f-due", Checkbox).label = self.t("ui.filter.due_option")
        self.query_one("#f-level-label", Label).update(self.t("ui.filter.level_option"))
        self.query_one("#f-group-label", Label).update(self.t("ui.filter.group_option"))
        level = self.query_one("#f-level", Select)
        chosen = level.value
        level.set_options(self._level_options())
        level.value = chosen
        self.query_one("#f-apply", Button).label = self.t("ui.filter.apply")
        self.query_one("#f-none", Button).label = self.t("ui.filter.none")
        self.query_one("#f-cancel", Button).label = self.t("ui.key.cancel").capitalize()

    def _level_options(self) -> list[tuple[str, int]]:
        at_most = [(self.t("ui.filter.level_at_most", level=n), n) for n in LEVELS]
        return [("—", ANY_LEVEL), *at_most]

    def on_mount(self) -> None:
        self.query_one("#f-drafts", Checkbox).focus()

    def chosen(self) -> OrgFilter:
        level = self.query_one("#f-level", Select).value
        group = self.query_one("#f-group", Select).value
        return OrgFilter(
            drafts=self.query_one("#f-drafts", Checkbox).value,
            due=self.query_one("#f-due", Checkbox).value,
            max_level=level if isinstance(level, int) and level in LEVELS else None,
            group=group if isinstance(group, str) and group != ANY_GROUP else None,
        )

    @on(Button.Pressed, "#f-apply")
    def action_apply(self) -> None:
        self.dismiss(self.chosen())

    @on(Button.Pressed, "#f-none")
    def _none(self) -> None:
        self.dismiss(OrgFilter())

    @on(Button.Pressed, "#f-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
