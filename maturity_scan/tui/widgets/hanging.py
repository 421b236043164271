"""Text with a hanging indent: wrapped lines stay under the text, not under the marker."""

from __future__ import annotations

import textwrap

from rich.text import Text as RichText


def hanging_text(marker: str, text: str, width: int, bold: bool = False) -> RichText:
    """``marker`` (bold) then ``text`` wrapped to ``width`` columns, continuation lines indented."""
    indent = len(marker) + 1
    lines = textwrap.wrap(text, max(10, width - indent)) or [""]
    out = RichText.assemble((f"{marker} ", "bold"))
    out.append(("\n" + " " * indent).join(lines), style="bold" if bold else "")
    return out
