"""The HTML board report opened in a word processor (#15): LibreOffice Writer, headless,
opens the demo report and saves it as OpenDocument, whose content is checked. Each chart is
a picture with its text alternative, never its labels run together as text (what Writer
makes of an ``<svg>`` element in a page); every section is a heading; every table a table.

Needs ``soffice`` with Writer (Debian: ``libreoffice-writer-nogui``); without it the tests
skip. Word reads HTML the same way (images yes, ``<svg>`` elements no) but cannot be run
here."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from maturity_scan.exchange.demo import DEMO_ORGANISATION

from .test_report_html import charts, db, demo, report

__all__ = ["db", "demo"]  # the fixtures, shared

SOFFICE = shutil.which("soffice")


def _writer_missing() -> str | None:
    if SOFFICE is None:
        return "LibreOffice is not installed (Debian: libreoffice-writer-nogui)"
    program = Path(SOFFICE).resolve().parent
    if not any(program.glob("libswlo.*")):  # Writer's library, beside soffice
        return f"LibreOffice Writer is not installed beside {SOFFICE} (libreoffice-writer-nogui)"
    return None


MISSING = _writer_missing()
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")

NS = {
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def opened_in_writer(page: Path, work: Path) -> ElementTree.Element:
    """``page`` opened in LibreOffice Writer and saved as OpenDocument: its content."""
    assert SOFFICE is not None
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(work),
            str(page),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    document = work / page.with_suffix(".odt").name
    assert document.exists(), result.stdout + result.stderr
    return ElementTree.fromstring(zipfile.ZipFile(document).read("content.xml"))


def text(element: ElementTree.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def shown_text(element: ElementTree.Element) -> str:
    """The text a reader sees: a picture's text alternative left out."""
    parts = [element.text or ""]
    for child in element:
        if child.tag != f"{{{NS['draw']}}}frame":
            parts.append(shown_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def test_writer_shows_the_charts_as_pictures_and_keeps_sections_and_tables(
    demo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    html = report(capsys, demo, "--org", DEMO_ORGANISATION, "-o", "board.html")
    content = opened_in_writer(tmp_path / "board.html", tmp_path / "writer")
    pictures = []  # each frame: its text alternative and the kind of its first image
    for frame in content.iter(f"{{{NS['draw']}}}frame"):
        title, image = frame.find("svg:title", NS), frame.find("draw:image", NS)
        assert title is not None and image is not None
        pictures.append((text(title), image.get(f"{{{NS['draw']}}}mime-type")))
    assert len(pictures) == 2  # the profile and the history
    assert pictures == [(" ".join(alt.split()), "image/svg+xml") for alt, _ in charts(html)]
    paragraphs = " ".join(shown_text(p) for p in content.iter(f"{{{NS['text']}}}p"))
    paragraphs = " ".join(paragraphs.split())
    for alt, _ in charts(html):  # a chart's labels are not run together into the text
        assert alt.split(": ", 1)[1] not in paragraphs
    assert "0 1 Beginnend 2 Verkennend" not in paragraphs
    headings = [text(h) for h in content.iter(f"{{{NS['text']}}}h")]
    expected = re.findall(r"<h2>([^<]+)</h2>", html)
    assert [h for h in headings if h in expected] == expected
    tables = content.findall(".//table:table", NS)
    assert len(tables) == html.count("<table") == 4
