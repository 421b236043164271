"""Two small dialogs of a question set with scope and definitions (issue 12): the definitions
themselves (before the first question of a new scan, and on request), and the short reason
asked for when a question is answered "not applicable"."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from maturity_scan.core.models import Definition, Lang
from maturity_scan.tui.screens.base import BaseModal
from maturity_scan.tui.screens.reason_dialog import ShortReasonDialog

#: A reason is a short note: one line, at most this long.


def definitions_text(definitions: Sequence[Definition], lang: Lang) -> RichText:
    """Each term in bold, its meaning under it, a blank line between them."""
    parts: list[str | tuple[str, str]] = []
    for n, definition in enumerate(definitions):
        if n:
            parts.append("\n\n")
        parts += [(definition.term.get(lang), "bold"), "\n", definition.text.get(lang)]
    return RichText.assemble(*parts)


class DefinitionsDialog(BaseModal[None]):
    """The set's scope and definitions; ``intro`` before the first question of a new scan."""

    DEFAULT_CSS = """
    DefinitionsDialog .dialog-box { height: 90%; }
    DefinitionsDialog #definitions-body { height: 1fr; }
    DefinitionsDialog #definitions-intro { margin: 0 0 1 0; }
    """

    BINDINGS = [
        Binding("escape", "close", "ui.key.close"),
        Binding("enter", "close", "ui.key.close", show=False),
    ]

    def __init__(self, definitions: Sequence[Definition], intro: bool = False) -> None:
        super().__init__(classes="dialog")
        self._definitions = definitions
        self._intro = intro

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("", id="definitions-title", classes="dialog-title", markup=False)
            yield Static("", id="definitions-intro", classes="hint", markup=False)
            with VerticalScroll(id="definitions-body"):
                yield Static("", id="definitions-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("", id="definitions-close", variant="primary")

    def update_texts(self) -> None:
        self.query_one("#definitions-title", Label).update(self.t("ui.definitions.title"))
        intro = self.query_one("#definitions-intro", Static)
        intro.update(self.t("ui.definitions.intro"))
        intro.display = self._intro
        self.query_one("#definitions-text", Static).update(
            definitions_text(self._definitions, self.lang)
        )
        close = self.query_one("#definitions-close", Button)
        close.label = f"{self.t('ui.definitions.close')} (Enter)"

    def on_mount(self) -> None:
        self.query_one("#definitions-body", VerticalScroll).focus()

    @on(Button.Pressed, "#definitions-close")
    def _pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class NaReasonDialog(ShortReasonDialog):
    """Why a question does not apply: a short reason (the answer's note); ``None`` (Esc)
    leaves the answer as it was."""

    PREFIX = "na"
    TEXTS = ("ui.na_reason.title", "ui.na_reason.prompt", "ui.na_reason.hint", "ui.na_reason.empty")
