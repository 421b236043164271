"""The CSV export as a spreadsheet reads it (#15): LibreOffice Calc, headless, imports the
Dutch file with Dutch number recognition and the English one with English, the character
set left to it (the BOM says UTF-8), and writes an OpenDocument sheet whose cells are
checked: scores and levels are numbers, dates are dates, names with a separator, quotes, a
line break and accents are one text cell each, and a formula in a name stays text.

Needs ``soffice`` (Debian: ``libreoffice-calc-nogui``); without it the tests skip, and the
file is still read back by ``test_export_csv.py`` with Python's ``csv``."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from .test_export_csv import TRICKY, db, export_csv

__all__ = ["db"]  # the fixture, shared

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui): "
    "the CSV is read back with Python's csv module only",
)

_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
#: LibreOffice's CSV import options: separator (ASCII code), text quote ("), character set
#: (empty: detected), first line, column formats (none: detected), locale of the numbers.
_FILTER = "CSV:{separator},34,,1,,{locale}"
#: Cell = (value type, value, text).
Cell = tuple[str | None, str | None, str]


def calc_cells(csv_file: Path, separator: str, locale: int, work: Path) -> list[dict[str, Cell]]:
    """``csv_file`` opened in LibreOffice Calc as a person with that locale opens it, saved as
    OpenDocument: its rows by the header's column ids."""
    assert SOFFICE is not None
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            f"--infilter={_FILTER.format(separator=ord(separator), locale=locale)}",
            "--convert-to",
            "ods",
            "--outdir",
            str(work),
            str(csv_file),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    sheet = work / csv_file.with_suffix(".ods").name
    assert sheet.exists(), result.stdout + result.stderr
    root = ElementTree.fromstring(zipfile.ZipFile(sheet).read("content.xml"))
    rows = [_row(r) for r in root.iter(f"{{{_NS['table']}}}table-row")]
    header = [text for _, _, text in rows[0]]
    return [dict(zip(header, row, strict=False)) for row in rows[1:] if any(c[2] for c in row)]


def _row(row: ElementTree.Element) -> list[Cell]:
    cells: list[Cell] = []
    office = f"{{{_NS['office']}}}"
    for cell in row.findall("table:table-cell", _NS):
        repeated = int(cell.get(f"{{{_NS['table']}}}number-columns-repeated", "1"))
        value = cell.get(f"{office}value") or cell.get(f"{office}date-value")
        text = "\n".join("".join(p.itertext()) for p in cell.findall("text:p", _NS))
        cells += [(cell.get(f"{office}value-type"), value, text)] * min(repeated, 100)
    return cells


@pytest.mark.parametrize(
    ("lang", "separator", "locale"),
    [("nl", ";", 1043), ("en", ",", 1033)],  # nl-NL, en-US
)
def test_calc_reads_numbers_dates_and_names(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    separator: str,
    locale: int,
) -> None:
    data = export_csv(capsys, tmp_path, "--lang", lang)
    csv_file = tmp_path / f"{lang}.csv"
    csv_file.write_bytes(data)
    first, tricky, later = calc_cells(csv_file, separator, locale, tmp_path)
    assert first["score_bestuur"][:2] == ("float", "3")
    kind, value, _ = first["score_hr-inkoop"]
    assert kind == "float" and value is not None and abs(float(value) - 8.5 / 4.5) < 1e-12
    assert first["level_hr-inkoop"][:2] == ("float", "1")
    assert first["overall_score"][0] == "float"
    assert first["date"][:2] == ("date", "2025-01-05")
    assert first["respondent"] == ("string", None, "Ëlse Ğül")
    assert first["role"] == ("string", None, '\'=HYPERLINK("x")')  # text, not a formula
    assert tricky["organisation"] == ("string", None, TRICKY)
    assert later["groups"] == ("string", None, "Overijssel, Klant 2026")
    assert later["score_keten"][:2] == ("float", "2")
