"""Text from outside (names, notes, ids, question sets) made safe to show in a terminal.

A terminal obeys control characters: ESC starts sequences that set the window title, write
the clipboard (OSC 52) or clear the screen, and BiDi overrides reorder what a reader sees.
Text that came from a user, a file or an import is data, never control, so:

- :func:`visible` escapes every such character as ``\\x1b``, ``\\u202e`` … (a reader sees
  that something odd is there, and nothing acts on it). Every front end passes user text
  through it before it reaches the terminal.
- :func:`find_control` tells where a person typed one, so the input can be refused.

Line feeds (and tabs) are text in notes and multi-line help; :func:`visible` keeps them unless
``single_line`` is asked for (table cells, one-line labels).
"""

from __future__ import annotations

import re

#: C0 controls (but tab and line feed), DEL, C1 controls, and the Unicode format characters
#: that reorder or hide text: BiDi embeddings/overrides/isolates, marks, zero-width joiners
#: are harmless and stay; line/paragraph separators act as line breaks in some terminals.
_CONTROL = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u2028\u2029\ufff9-\ufffb"
)
_CONTROL_RE = re.compile(f"[{_CONTROL}]")
_CONTROL_OR_BREAK_RE = re.compile(f"[{_CONTROL}\t\n]")


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, single_line: bool = False) -> str:
    """``text`` with every control character written out as an escape (``\\x1b``).

    With ``single_line`` line feeds and tabs are escaped too (``\\n``), for a table cell or a
    one-line label. Text without control characters is returned unchanged (the same object).
    """
    pattern = _CONTROL_OR_BREAK_RE if single_line else _CONTROL_RE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escape, text)


def find_control(text: str, *, allow_newlines: bool = False) -> str | None:
    """The first control character in ``text`` as an escape (``\\x1b``), or None.

    For input a person types: an organisation, name or role allows none; a note allows line
    feeds and tabs (``allow_newlines``).
    """
    pattern = _CONTROL_RE if allow_newlines else _CONTROL_OR_BREAK_RE
    match = pattern.search(text.replace("\r\n", "\n") if allow_newlines else text)
    return None if match is None else _escape(match)


def json_safe(text: str) -> str:
    """JSON text with every control character that a JSON encoder leaves raw (DEL, C1, BiDi
    overrides) written as a JSON escape (``\\u009b``): the same value, safe in a terminal."""
    return _CONTROL_RE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
