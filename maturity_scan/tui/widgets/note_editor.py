"""The note field of the questionnaire: several lines, wrapped, as tall as the note.

A note is free text that advisers paste from mail and minutes, so it keeps its lines (a
one-line ``Input`` kept only the first line of a paste). The field grows with the note, so
a note is shown whole when you come back to its question; the questionnaire's body scrolls,
and follows the cursor while you type (the field itself never scrolls).
"""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import TextArea

from maturity_scan.visible import find_control, visible

#: The longest note the app stores. Longer ones are refused, never cut.
NOTE_LIMIT = 50_000


def note_problem(text: str) -> tuple[str, dict[str, object]] | None:
    """Why ``text`` cannot be stored as a note (a message key and its values), or None."""
    if len(text) > NOTE_LIMIT:
        return "ui.note.too_long", {"length": len(text), "limit": NOTE_LIMIT}
    control = find_control(text, allow_newlines=True)
    if control is not None:
        return "ui.note.control", {"char": control}
    return None


class NoteEditor(TextArea):
    """A wrapped, multi-line text area whose height follows its text (see app.tcss)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(soft_wrap=True, tab_behavior="focus", id=id)
        #: The note last put in the field, and the text that showed it.
        self.note = ""
        self.loaded = ""

    def show_note(self, note: str) -> None:
        """Put a stored note in the field. Control characters (from an import) are shown as
        escapes, never sent to the terminal."""
        self.note, self.loaded = note, visible(note)
        self.load_text(self.loaded)

    @property
    def typed(self) -> bool:
        """Whether the field holds something other than the note put in it."""
        return self.text != self.loaded

    @property
    def wanted(self) -> str:
        """The note the field asks for: the one put in it, unless something else was typed."""
        return self.text if self.typed else self.note

    def follow_cursor(self) -> None:
        """Scroll the questionnaire's body so that the cursor is in view."""
        parent = self.parent
        if not isinstance(parent, Widget) or not self.has_focus:
            return
        y = self.cursor_screen_offset.y - parent.content_region.y + int(parent.scroll_y)
        parent.scroll_to_region(Region(0, max(0, y - 1), 1, 3), animate=False, immediate=True)
