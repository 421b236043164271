"""The board report as one self-contained HTML file: the content of
:mod:`~maturity_scan.present.board_report` in the template ``templates/report.html.j2``
(Jinja2 with autoescaping: every name, note and reason is text, never markup). Inline CSS
with a print stylesheet for A4, no script, and a Content-Security-Policy that forbids loading
anything.

The charts are SVG images inside the file (``<img src="data:image/svg+xml;base64,…">`` with
their size and text alternative), not ``<svg>`` elements: browsers show both alike, but
LibreOffice Writer and Word drop an ``<svg>`` element and run its labels together as text,
while they show an image.

Jinja2 is imported here, inside the function: only ``maturity-scan report`` (and the app's
report key) loads it.
"""

from __future__ import annotations

from pathlib import Path

from maturity_scan.present.board_report import BoardReport

TEMPLATE = "report.html.j2"


def render_html(report: BoardReport) -> str:
    """The whole page."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["base64"] = _base64
    return environment.get_template(TEMPLATE).render(r=report)


def _base64(text: str) -> str:
    from base64 import b64encode

    return b64encode(text.encode("utf-8")).decode("ascii")
