"""The board report in a real browser (#15): headless Chromium (tests/browser.py) opens the
HTML file: no console error, no request but the file itself, nothing run from a name;
printed to A4 PDF it has the pages expected, each part starting on its own page. A
screenshot of the demo report's first page is kept in ``tests/report_screenshots/`` and
made again with ``UPDATE_REPORT_PNG=1`` (review it like the SVG snapshots)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from maturity_scan.cli import main
from tests import browser
from tests.test_report_html import IMG, LONG, SCRIPT, TWO_LINES, hostile_scan, long_note_scan

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REASON = browser.unavailable()
pytestmark = pytest.mark.skipif(REASON is not None, reason=f"no browser: {REASON}")

#: The demo's "today" and the report's date: the screenshot is the same every day.
DAY = date(2026, 12, 2)
PNG = Path(__file__).parent / "report_screenshots" / "report-demo.png"
#: The window of the screenshot: the report's first screen, about an A4 page of it.
WINDOW = {"width": 900, "height": 1270}


class _Today(date):
    @classmethod
    def today(cls) -> _Today:
        return cls(DAY.year, DAY.month, DAY.day)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    from playwright.sync_api import Error

    try:
        context = browser.chromium()
        started = context.__enter__()
    except Error as err:  # a Chromium that is there but cannot start here
        pytest.skip(f"no browser: Chromium did not start: {str(err).splitlines()[0]}")
    try:
        yield started
    finally:
        context.__exit__(None, None, None)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("MATURITY_SCAN_LANG", raising=False)
    monkeypatch.setenv("MATURITY_SCAN_CACHE", "")
    monkeypatch.setenv("MATURITY_SCAN_CONFIG", str(tmp_path / "settings.json"))
    monkeypatch.setattr("maturity_scan.cli.report.date", _Today)
    return tmp_path / "data" / "scans.json"


def demo_report(db: Path, out: Path, *args: str) -> Path:
    """The demo (as loaded on :data:`DAY`) and its organisation's report, written to ``out``."""
    from maturity_scan.core.models import Target
    from maturity_scan.exchange.demo import (
        DEMO_ORGANISATION,
        DEMO_SET_ID,
        DEMO_SET_VERSION,
        demo_scans,
        demo_targets,
    )
    from maturity_scan.paths import builtin_questions_dir
    from maturity_scan.question_sets.loading import load_catalog
    from maturity_scan.storage.store import Store

    question_set = load_catalog([builtin_questions_dir()]).get(DEMO_SET_ID, DEMO_SET_VERSION)
    targets = [
        Target(DEMO_ORGANISATION, question_set.id, principle, level, by)
        for principle, level, by in demo_targets(DAY)
    ]
    Store(db).import_scans(demo_scans(question_set, DAY), "demo", targets)
    run(db, "report", "--org", DEMO_ORGANISATION, "-o", str(out), *args)
    return out


def run(db: Path, *args: str) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db), *args])
    assert info.value.code in (0, None)


def test_the_demo_report_renders_offline_without_errors(
    chromium: Browser, db: Path, tmp_path: Path
) -> None:
    path = demo_report(db, tmp_path / "demo.html")
    page = chromium.new_page()
    seen = browser.events(page)
    page.goto(path.as_uri(), wait_until="load")
    assert seen["errors"] == []
    assert seen["requests"] == [path.as_uri()]  # the file, and nothing else
    assert page.locator("h1").inner_text().startswith("Volwassenheidsscan sociale inkoop")
    images = page.locator("img.chart").all()
    assert len(images) == 2
    for image in images:  # each chart is drawn, at its size, and named by its text alternative
        assert image.evaluate("i => i.complete && i.naturalWidth") == 760
        assert (image.get_attribute("alt") or "").startswith(("Score per principe", "Verloop"))
    assert page.evaluate("document.documentElement.lang") == "nl"
    page.close()


def test_printed_to_a4_each_part_starts_a_page(chromium: Browser, db: Path, tmp_path: Path) -> None:
    path = demo_report(db, tmp_path / "demo.html")
    page = chromium.new_page()
    page.goto(path.as_uri(), wait_until="load")
    pages = browser.pdf_pages(page.pdf(format="A4", print_background=True))
    page.close()
    assert len(pages) == 6
    starts = [" ".join(p.split()) for p in pages]
    assert "Profiel per principe" in starts[0]
    assert starts[1].startswith("Verandering sinds de vorige meting")
    assert "Verloop" in starts[1]
    assert starts[2].startswith("Wat elk principe tegenhoudt")
    assert "Volgende stappen" in " ".join(starts[2:5])
    # the appendix follows on where the lists end (a page break before it left a page with a
    # few lines of a list, #15 trial 9); its levels and method keep together: the last page
    # is never "Zo zijn de scores berekend" alone
    assert "Reikwijdte en begrippen" in " ".join(starts[4:])
    assert "Zo zijn de scores berekend" in starts[5]
    assert "De niveaus" in starts[5] and len(pages[5].splitlines()) >= 15


def test_a_script_in_a_name_runs_nothing_and_shows_as_text(
    chromium: Browser, db: Path, tmp_path: Path
) -> None:
    scan_id = hostile_scan(db)
    out = tmp_path / "hostile.html"
    run(db, "report", "--scan", scan_id, "-o", str(out))
    page = chromium.new_page()
    seen = browser.events(page)
    page.goto(out.as_uri(), wait_until="load")
    page.wait_for_timeout(200)
    assert seen["dialogs"] == []
    assert seen["errors"] == []
    assert seen["requests"] == [out.as_uri()]  # the <img src=x> was never an image
    assert page.locator("script, img:not(.chart)").count() == 0  # the charts are the only images
    assert page.get_by_text(SCRIPT, exact=True).first.is_visible()
    assert SCRIPT in page.locator("h1").inner_text()
    assert page.get_by_text(f"Toelichting: {IMG}").first.is_visible()
    page.close()


def test_screenshot_of_the_demo_report(chromium: Browser, db: Path, tmp_path: Path) -> None:
    path = demo_report(db, tmp_path / "demo.html")
    page = chromium.new_page(viewport=WINDOW)
    page.goto(path.as_uri(), wait_until="load")
    shot = page.screenshot()
    page.close()
    if os.environ.get("UPDATE_REPORT_PNG"):
        PNG.parent.mkdir(parents=True, exist_ok=True)
        PNG.write_bytes(shot)
    assert PNG.is_file(), f"{PNG} is missing: run the tests with UPDATE_REPORT_PNG=1"
    kept = PNG.read_bytes()
    assert browser.png_size(kept) == browser.png_size(shot) == (WINDOW["width"], WINDOW["height"])
    # fonts differ a little between machines: the same page compresses to about the same size
    assert 0.7 < len(shot) / len(kept) < 1.4


def test_a_long_link_wraps_and_a_note_keeps_its_lines(
    chromium: Browser, db: Path, tmp_path: Path
) -> None:
    scan_id = long_note_scan(db)
    out = tmp_path / "long.html"
    run(db, "report", "--scan", scan_id, "-o", str(out))
    page = chromium.new_page(viewport=WINDOW)
    page.goto(out.as_uri(), wait_until="load")
    assert page.evaluate("document.documentElement.scrollWidth") <= WINDOW["width"]
    notes = page.locator(".note").all_inner_texts()
    assert any(LONG in n for n in notes)
    assert any(n.endswith(TWO_LINES) for n in notes)  # the line break shown as one
    page.close()


#: The first line of a page that belongs to the question or step before it: an answer, its
#: note, a divided question's spread, a step's "from answer 2 to 3".
_APART = re.compile(r"^(\d — |\d+ × |nog niet beantwoord|Toelichting|weet ik niet|n\.v\.t\.)")


def test_a_printed_round_report_has_no_near_empty_page_nor_an_answer_apart(
    chromium: Browser, db: Path, tmp_path: Path
) -> None:
    from maturity_scan.storage.store import Store
    from tests.rounds_seed import ROUND_1, seed_rounds

    seed_rounds(Store(db))  # round 1: a consensus with its reasons, after a scan of its own
    out = tmp_path / "round.html"
    run(db, "report", "--round", ROUND_1, "-o", str(out))
    page = chromium.new_page()
    page.goto(out.as_uri(), wait_until="load")
    pages = browser.pdf_pages(page.pdf(format="A4", print_background=True))
    page.close()
    lines = [[line.strip() for line in p.splitlines() if line.strip()] for p in pages]
    assert len(pages) <= 12
    assert [n for n, p in enumerate(lines[:-1]) if len(p) < 25] == []  # none near empty
    assert [p[0] for p in lines if _APART.match(p[0])] == []
    starts = [" ".join(p) for p in lines]
    assert starts[0].startswith("Volwassenheidsscan sociale inkoop")
    assert any(s.startswith("Reikwijdte en begrippen") for s in starts)  # the appendix
