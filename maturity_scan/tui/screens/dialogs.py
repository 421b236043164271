"""Small dialogs: confirm, export path, keys help, go-to-question. Each dismisses with its value."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from maturity_scan.core.models import Scan
from maturity_scan.core.points import is_provisional
from maturity_scan.present.textreport import local_date
from maturity_scan.tui.screens.base import BaseModal
from maturity_scan.tui.widgets.hanging import hanging_text
from maturity_scan.visible import visible


class ConfirmDialog(BaseModal[bool]):
    """Yes or no. ``title`` and ``body`` are already translated; buttons follow the language."""

    BINDINGS = [
        Binding("escape", "answer(False)", "ui.key.no"),
        Binding("n", "answer(False)", "ui.key.no", show=False),
        Binding("j,y", "answer(True)", "ui.key.yes", show=False),
    ]

    def __init__(
        self, title: str, body: str, yes_key: str = "ui.key.yes", no_key: str = "ui.key.no"
    ) -> None:
        super().__init__(classes="dialog")
        self._title, self._body = title, body
        self._yes_key, self._no_key = yes_key, no_key

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(visible(self._title), classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-body"):
                yield Static(visible(self._body), markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("", id="yes", variant="primary")
                yield Button("", id="no")

    def update_texts(self) -> None:
        # The keys on the buttons: Enter presses the focused one, which is "no".
        yes = self.t("ui.key.yes_letter")
        self.query_one("#yes", Button).label = f"{self.t(self._yes_key).capitalize()} ({yes})"
        self.query_one("#no", Button).label = f"{self.t(self._no_key).capitalize()} (n, Esc)"

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class ExportDialog(BaseModal[Path | None]):
    """Where to write the export; the path is editable, the default is in the current folder."""

    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel")]

    def __init__(self, default: Path) -> None:
        super().__init__(classes="dialog")
        self._default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("", id="export-title", classes="dialog-title", markup=False)
            yield Label("", id="export-label", markup=False)
            yield Input(str(self._default), id="export-path")
            yield from self.compose_options()
            yield Label("", id="export-error", classes="error", markup=False)
            yield Label("", id="export-hint", classes="hint", markup=False)

    def compose_options(self) -> ComposeResult:
        """Fields between the path and its error line: none for an export."""
        yield from ()

    def update_texts(self) -> None:
        self.query_one("#export-title", Label).update(self.t("ui.export.title"))
        self.query_one("#export-label", Label).update(self.t("ui.export.path"))
        self.query_one("#export-hint", Label).update(
            f"Enter: {self.t('ui.key.save')} · Esc: {self.t('ui.key.cancel')}"
        )

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        """The path typed, checked and given back (Enter)."""
        value = self.query_one("#export-path", Input).value.strip()
        if not value:
            self.query_one("#export-error", Label).update(self.t("ui.export.path_required"))
            return
        self.submit(Path(value).expanduser())

    def submit(self, path: Path) -> None:
        """The path typed, given back."""
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(BaseModal[None]):
    """The keys of the screen it was opened from."""

    BINDINGS = [Binding("escape", "close", "ui.key.close")]

    def __init__(self, keys: Sequence[tuple[str, str]]) -> None:
        super().__init__(classes="dialog")
        self._keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("", id="help-title", classes="dialog-title", markup=False)
            yield DataTable(id="help-keys", cursor_type="none", zebra_stripes=True)
            yield Label("", id="help-hint", classes="hint", markup=False)

    def update_texts(self) -> None:
        self.query_one("#help-title", Label).update(self.t("ui.help.title"))
        self.query_one("#help-hint", Label).update(self.t("ui.help.close"))
        table = self.query_one("#help-keys", DataTable)
        table.clear(columns=True)
        table.add_columns(self.t("ui.help.key"), self.t("ui.help.action"))
        for key, description in self._keys:
            table.add_row(RichText(key), RichText(description))  # "[" is a key, not markup

    def action_close(self) -> None:
        self.dismiss(None)


class OverviewDialog(BaseModal[int | None]):
    """Every question, grouped by principle, with its state and ✎ where it has a note;
    choosing one jumps to it."""

    BINDINGS = [Binding("escape", "close", "ui.key.close"), Binding("g", "close", show=False)]

    def __init__(
        self,
        title: str,
        legend: str,
        rows: Sequence[tuple[str, str, int | None]],
        current: int,
        noted: Collection[int] = (),
    ) -> None:
        """``rows``: (mark, text, question index); a principle's header row has index ``None``.
        ``noted``: the indexes of the questions that have a note."""
        super().__init__(classes="dialog")
        self._title = title
        self._legend = legend
        self._rows = rows
        self._current = current
        self._noted = frozenset(noted)

    def compose(self) -> ComposeResult:
        # The text is wrapped here, to the room the list will have: the box (width 100, at
        # most 95 % of the screen, app.tcss) less the box's border and padding and the
        # list's border, padding and scrollbar, 12 in all. Any wider and the list wraps the
        # wrapped lines again (tests/test_app.py checks the fit).
        width = min(100, self.app.size.width * 95 // 100) - 12
        with Vertical(classes="dialog-box wide"):
            yield Label(self._title, classes="dialog-title", markup=False)
            yield Label(self._legend, classes="hint", markup=False)
            yield OptionList(
                *(
                    Option(RichText(text, style="bold underline"), disabled=True)
                    if index is None
                    else Option(
                        hanging_text(
                            f"  {mark:>2}{' ✎' if index in self._noted else '  '}", text, width
                        ),
                        id=str(index),
                    )
                    for mark, text, index in self._rows
                ),
                id="overview",
            )

    def on_mount(self) -> None:
        options = self.query_one("#overview", OptionList)
        for position, (_, _, index) in enumerate(self._rows):
            if index == self._current:
                options.highlighted = position
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(int(event.option.id))

    def action_close(self) -> None:
        self.dismiss(None)


class ChooseScansDialog(BaseModal[tuple[Scan, Scan] | None]):
    """Pick two scans: the first choice is marked, the second closes the dialog."""

    BINDINGS = [Binding("escape", "close", "ui.key.close")]

    def __init__(self, title: str, scans: Sequence[Scan]) -> None:
        super().__init__(classes="dialog")
        self._title = title
        self._scans = list(scans)
        self._first: Scan | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self._title, classes="dialog-title", markup=False)
            yield OptionList(id="choose-scans")

    def update_texts(self) -> None:
        options = self.query_one("#choose-scans", OptionList)
        highlighted = options.highlighted or 0
        options.clear_options()
        for scan in self._scans:
            mark = "✓ " if self._first is not None and scan.id == self._first.id else "  "
            who = (
                f" — {visible(scan.respondent.name, single_line=True)}"
                if scan.respondent.name
                else ""
            )
            if scan.kind == "consensus":  # a team round's point (core.points)
                who += " · " + self.t(
                    "history.kind.provisional" if is_provisional(scan) else "history.kind.consensus"
                )
            options.add_option(Option(RichText(f"{mark}{local_date(scan.date)}{who}"), id=scan.id))
        if self._scans:
            options.highlighted = min(highlighted, len(self._scans) - 1)
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        scan = next(s for s in self._scans if s.id == event.option.id)
        if self._first is None or self._first.id == scan.id:
            self._first = scan
            self.update_texts()
            return
        self.dismiss((self._first, scan))

    def action_close(self) -> None:
        self.dismiss(None)
