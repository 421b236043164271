"""The board report as one self-contained HTML file: the content of
:mod:`~maturity_scan.present.board_report` in the template ``templates/report.html.j2``
(Jinja2 with autoescaping: every name, note and reason is text, never markup; only the
charts' SVG, escaped where it is made, goes in as it is). Inline CSS with a print stylesheet
for A4, no script, and a Content-Security-Policy that forbids loading anything.

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
    return environment.get_template(TEMPLATE).render(r=report)
