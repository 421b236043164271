"""How the board report fills its pages (#15, the second trial's finding 9), on the trial's
own data (:mod:`tests.deventer_seed`): as PDF a scan or organisation in 2 to 4 pages with no
last page of a few lines, no half-empty first page, a chart never apart from its table;
printed from the browser no heading at a page's foot, no near-empty page, a history day on
one line."""

from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from maturity_scan.storage.store import Store
from tests import browser
from tests.deventer_seed import CONSENSUS, ORG, ROUND, seed_deventer
from tests.test_report_browser import REASON, chromium
from tests.test_report_html import db, run
from tests.test_report_pdf import pages

if TYPE_CHECKING:
    from playwright.sync_api import Browser

__all__ = ["chromium", "db"]  # fixtures

needs_typst = pytest.mark.skipif(find_spec("typst") is None, reason="typst is not installed")

REPORTS = {
    "org": ("--org", ORG),
    "scan": ("--scan", "d2" * 4),  # 20-11-2026, five days before the round
    "consensus": ("--scan", CONSENSUS[:8]),
}


@pytest.fixture
def deventer(db: Path) -> Path:
    seed_deventer(Store(db))
    return db


def pdf_pages(capsys: pytest.CaptureFixture[str], db: Path, name: str, *args: str) -> list[str]:
    code, _, err = run(capsys, db, "report", *args, "--format", "pdf", "-o", f"{name}.pdf")
    assert code == 0, err
    return pages(Path(f"{name}.pdf"))


@needs_typst
@pytest.mark.parametrize("report", sorted(REPORTS))
def test_a_trial_scan_fills_two_to_four_pages_without_a_near_empty_one(
    deventer: Path, capsys: pytest.CaptureFixture[str], report: str
) -> None:
    text = pdf_pages(capsys, deventer, report, *REPORTS[report])
    lines = [[x for x in page.splitlines() if x.strip()] for page in text]
    assert 2 <= len(text) <= 4, [len(x) for x in lines]  # the trial: 5 and 6 pages
    assert len(lines[-1]) >= 12, lines[-1]  # not "Zo zijn de scores berekend" alone
    # no page break before the change: the first page goes on past the profile
    assert "Verandering sinds de vorige meting" in text[0]


@needs_typst
def test_a_round_chart_stays_with_its_table(
    deventer: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = pdf_pages(capsys, deventer, "round", "--round", ROUND[:8])
    # the roles chart ends with its legend (the roles); its table follows on the same page
    legend = re.compile(
        r"Bestuur of directie\s+HR of Werk & Inkomen\s+Inkoop\s+De grafiek in cijfers"
    )
    assert [n for n, page in enumerate(text) if legend.search(page)] != []
    # every chart's table is on the page of its chart: a caption never opens a page
    assert [
        n for n, page in enumerate(text) if page.lstrip().startswith("De grafiek in cijfers")
    ] == []


# --- printed from the browser (the HTML report) ---------------------------------------------

#: Per history table (its first column "Datum"), the lines each row's day takes, printed.
DAY_LINES = """() => [...document.querySelectorAll("table")]
  .filter(t => t.querySelector("thead th")?.textContent === "Datum")
  .flatMap(t => [...t.querySelectorAll("tbody th")].map(th => {
    const node = th.firstChild, text = node.textContent, range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(node, text.includes(" (") ? text.indexOf(" (") : text.length);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
  }))"""

#: Every heading's text (and a term's): none may end a printed page.
HEADINGS = "() => [...document.querySelectorAll('h2, h3, h4, dt')].map(h => h.innerText.trim())"


@pytest.mark.skipif(REASON is not None, reason=f"no browser: {REASON}")
@pytest.mark.parametrize("report", ["round", "org"])
def test_printed_no_heading_at_a_page_foot_nor_a_near_empty_page(
    chromium: Browser, deventer: Path, capsys: pytest.CaptureFixture[str], report: str
) -> None:
    args = ("--round", ROUND[:8]) if report == "round" else REPORTS["org"]
    code, _, err = run(capsys, deventer, "report", *args, "-o", f"{report}.html")
    assert code == 0, err
    page = chromium.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(Path(f"{report}.html").resolve().as_uri(), wait_until="load")
    page.emulate_media(media="print")
    days = page.evaluate(DAY_LINES)
    headings = set(page.evaluate(HEADINGS))
    printed = browser.pdf_pages(page.pdf(format="A4", print_background=True))
    page.close()
    assert days and all(n == 1 for n in days), days  # the trial: "20 / november / 2026"
    lines = [[x.strip() for x in p.splitlines() if x.strip()] for p in printed]
    assert len(printed) <= 9  # the trial's round: 11 pages
    assert [p[-1] for p in lines[:-1] if p[-1] in headings] == []  # "De teamronde" at a foot
    assert [n for n, p in enumerate(lines[:-1]) if len(p) < 25] == []  # none near empty
    assert len(lines[-1]) >= 15  # nor the last: not the method alone
