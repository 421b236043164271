"""Errors a user can act on. Each renders as one line in Dutch or English."""

from __future__ import annotations

import re
from typing import Any

import msgspec

from maturity_scan.i18n import Localized, tr
from maturity_scan.lang import Lang


class ScanError(Exception):
    """An error caused by input or state the user can fix.

    ``key`` names a message of the catalogue (:mod:`maturity_scan.i18n`); ``params`` fill it in.
    The command line prints :meth:`render` on one line and exits with code 2.
    """

    exit_code = 2

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(self.render("en"))

    def render(self, lang: Lang = "nl") -> str:
        return " ".join(tr(self.key, lang, **self.params).split())

    def in_file(self, source: str) -> ScanError:
        """This error, prefixed with the file it was found in."""
        detail = Localized(self.render)
        return ScanError("err.in_file", file=source, detail=detail)


class StoreError(ScanError):
    """The database file cannot be read or written."""


_AT = re.compile(r"^(?P<detail>.*?)(?: - at `(?P<path>[^`]*)`)?$", re.DOTALL)


def describe_validation(
    err: msgspec.ValidationError, data: Any, prefix: str = "$"
) -> tuple[str, str]:
    """Split a msgspec error into (field path, what was expected).

    List items that carry an ``id`` (or, for answers, a ``question``) are named by it, so
    ``$.principles[0].questions[2].weight`` reads
    ``principles[bestuur].questions[bestuur-plan].weight``.
    """
    match = _AT.match(str(err))
    assert match is not None  # the pattern matches any string
    detail = match.group("detail")
    path = match.group("path") or prefix
    return _name_items(path, data), detail


_SEGMENT = re.compile(r"\.([^.\[]+)|\[(\d+)\]|\[\"?([^\]\"]*)\"?\]")


def _name_items(path: str, data: Any) -> str:
    out = ""
    node = data
    for m in _SEGMENT.finditer(path[1:] if path.startswith("$") else path):
        key, index, quoted = m.groups()
        if index is not None:
            i = int(index)
            node = node[i] if isinstance(node, list) and i < len(node) else None
            # items are named by their id; an export's answers by their question
            ident = (node.get("id") or node.get("question")) if isinstance(node, dict) else None
            out += f"[{ident}]" if isinstance(ident, str) and ident else f"[{i}]"
        else:
            name = key if key is not None else quoted
            node = node.get(name) if isinstance(node, dict) else None
            out += f".{name}" if out else str(name)
    return out or "(top level)"
