"""A choice of one option in a dialog (:class:`Choice`): a radio set whose arrow keys
choose, as a radio group does elsewhere, and that leaves Enter to its dialog, so Enter saves
whichever field has the focus (the report dialog's format)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import RadioSet


class Choice(RadioSet, inherit_bindings=False):
    BINDINGS = [
        Binding("down,right", "next_button", show=False),
        Binding("up,left", "previous_button", show=False),
        Binding("space", "toggle_button", show=False),
    ]

    def action_next_button(self) -> None:
        super().action_next_button()
        self._choose()

    def action_previous_button(self) -> None:
        super().action_previous_button()
        self._choose()

    def _choose(self) -> None:
        """The option moved to is chosen, when a key moved there (not when the set, on
        mounting, moves to its first option)."""
        if self.has_focus and self.pressed_index != self._selected:
            self.action_toggle_button()
