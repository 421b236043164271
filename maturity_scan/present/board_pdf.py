"""The board report as PDF (``maturity-scan report --format pdf``): the content of
:mod:`~maturity_scan.present.board_report` typeset by typst (the optional extra ``pdf``:
``pip install 'maturity-scan[pdf]'``) with the template ``templates/report.typ``.

The content goes in as JSON through typst's ``sys.inputs``, never pasted into typst source:
every name, note and reason is shown as text, never read as markup. The charts are the same
SVG as in the HTML report. Offline and reproducible: no typst packages, only the fonts typst
carries (system fonts ignored), the creation date the report's day. Tagged as PDF/UA-1
(structure tree, document title and language, alternative texts for the charts).

typst is imported here, inside the function: only ``maturity-scan report --format pdf``
loads it.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path

from maturity_scan.errors import ScanError
from maturity_scan.present.board_report import BoardReport

TEMPLATE = Path(__file__).parent / "templates" / "report.typ"


def render_pdf(report: BoardReport, made: date) -> bytes:
    """The whole document; ScanError when typst is not installed or fails."""
    import json

    try:
        import typst
    except ImportError:
        raise ScanError("err.report_pdf_missing") from None
    data = json.dumps(asdict(report), ensure_ascii=False)
    stamp = datetime(made.year, made.month, made.day, tzinfo=UTC)
    try:
        return typst.compile(
            str(TEMPLATE),  # its folder is the root: the template reads no other file
            sys_inputs={"data": data},
            ignore_system_fonts=True,
            pdf_standards=["ua-1"],
            timestamp=stamp,
        )
    except typst.TypstError as error:
        reason = " ".join(str(error.message).split())  # one line
        raise ScanError("err.report_pdf_failed", reason=reason) from None
