"""How the board report fills its pages (#15, the second trial's finding 9), on the trial's
own data (:mod:`tests.deventer_seed`): as PDF a scan or organisation in 2 to 4 pages with no
last page of a few lines, no half-empty first page, a chart never apart from its table."""

from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path

import pytest

from maturity_scan.storage.store import Store
from tests.deventer_seed import CONSENSUS, ORG, ROUND, seed_deventer
from tests.test_report_html import db, run
from tests.test_report_pdf import pages

__all__ = ["db"]

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
