"""The board report as a file, for the command line and the app alike: its formats, which
format a file name asks for, whether the PDF extra is installed, and the bytes of each."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from maturity_scan.core.models import Lang
from maturity_scan.i18n import tr
from maturity_scan.present.board_report import BoardReport, Subject

#: The formats, the default first.
FORMATS = ("html", "pdf")

#: The file name endings that name a format.
SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf"}


def format_of(path: Path) -> str | None:
    """The format the file name asks for by its ending (``.pdf``, ``.html``), else None."""
    return SUFFIXES.get(path.suffix.lower())


def with_format(path: Path, format_: str) -> Path:
    """The path ending in the format's suffix: a report suffix replaced, another kept whole
    (``rapport.v2`` → ``rapport.v2.pdf``); a path without a name as it is."""
    if not path.name:
        return path
    if path.suffix and format_of(path) is None:
        return path.with_name(f"{path.name}.{format_}")
    return path.with_suffix(f".{format_}")


def default_file_name(organisation: str, subject: Subject, lang: Lang, format_: str) -> str:
    """``<organisation>[-<word>]-<date>.<format>``: what a report is about is in its name
    (``scan``, ``consensus``, ``antwoorden-<id>``, ``teamronde``; no word for an
    organisation's report, dated the day it is made), so two reports never share one. The
    command line and the app both name reports here."""
    from maturity_scan.core.names import file_slug

    parts = [file_slug(organisation)]
    if subject.kind != "organisation":
        parts.append(tr(f"board.file.{subject.kind}", lang))
    if subject.tag:
        parts.append(subject.tag)
    return "-".join([*parts, subject.day]) + f".{format_}"


def pdf_available() -> bool:
    """Whether typst (the extra ``pdf``) can be imported, without importing it."""
    from importlib.util import find_spec

    return find_spec("typst") is not None


def render_report(board: BoardReport, format_: str, made: date) -> bytes:
    """The file's content; ScanError when the PDF extra is missing or typst fails."""
    if format_ == "pdf":
        from maturity_scan.present.board_pdf import render_pdf

        return render_pdf(board, made)
    from maturity_scan.present.board_html import render_html

    return render_html(board).encode("utf-8")
