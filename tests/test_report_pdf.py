"""``maturity-scan report --format pdf`` (#15): the board report typeset by typst (the
optional extra ``pdf``), from the same content as the HTML report: every text of every
section in the PDF, 2 to 4 A4 pages for a typical scan, user text shown as text (never typst
markup), tagged as PDF/UA-1, written like an export. Without typst: one line saying how to
install it."""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import asdict
from datetime import date
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest

from maturity_scan.exchange.demo import DEMO_ORGANISATION
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.present.board_report import BoardReport
from maturity_scan.question_sets.loading import load_catalog
from tests.round_seed import seed_round
from tests.test_report_html import IMG, LONG, SCRIPT, db, demo, long_note_scan, run

__all__ = ["db", "demo"]  # fixtures shared with the HTML report's tests

needs_typst = pytest.mark.skipif(
    find_spec("typst") is None,
    reason="typst is not installed (pip install -e '.[pdf]'): the PDF report cannot be made",
)

MARKUP = '#panic("x") *bold* $x$ _it_ `raw` <label> @ref \\ // not a comment'


def pdf(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> Path:
    code, out, err = run(capsys, db, "report", "--format", "pdf", *args)
    assert code == 0, err
    return Path(out.split(": ", 1)[1].strip())


def pages(path: Path) -> list[str]:
    """The text of each page, its page number ("2 / 4") left out."""
    from pypdf import PdfReader

    texts = [page.extract_text() for page in PdfReader(path).pages]
    return [re.sub(r"\n?\d+ / \d+$", "", text.rstrip()) for text in texts]


def flat(text: str) -> str:
    """One line, as the text was before typst broke it ("Leer-\nwerkplekken" too)."""
    return re.sub(r"\s+", " ", re.sub(r"-\n", "-", text))


def strings(value: Any) -> list[str]:
    """Every text of a board report (its content as the template gets it), charts' SVG and
    the labels (``t``, ``titles``: headings and what an empty list says) left out:
    the charts are pictures, their figures are in the tables under them."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        hidden = ("svg", "t", "titles", "subject")  # markup, texts by key, the file's name
        return [s for k, v in value.items() if k not in hidden for s in strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings(v)]
    return []


SECTIONS = ("profile", "change", "history", "holding_back", "steps", "dont_know", "scope")


def missing(board: BoardReport, text: str, sections: tuple[str, ...] = SECTIONS) -> list[str]:
    """The texts of ``board`` and the headings of its ``sections`` not in ``text``."""
    found = flat(text)
    headings = [board.t[f"section.{name}"] for name in (*sections, "levels", "method")]
    return [s for s in [*headings, *strings(asdict(board))] if flat(s) not in found]


def org_board(db: Path, lang: str) -> BoardReport:
    from maturity_scan.present.board_build import org_board
    from maturity_scan.storage.store import Store

    catalog = load_catalog([builtin_questions_dir()])
    board = org_board(Store(db), catalog, DEMO_ORGANISATION, lang, date.today())  # type: ignore[arg-type]
    assert board is not None
    return board


@needs_typst
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_section_of_the_demo_on_two_to_four_private_pages(
    demo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str
) -> None:
    path = pdf(capsys, demo, "--org", DEMO_ORGANISATION, "--lang", lang)
    assert path.name == f"demo-gemeente-voorbeeldstad-{date.today().isoformat()}.pdf"
    assert stat.S_IMODE(os.stat(tmp_path / path).st_mode) == 0o600
    assert (tmp_path / path).read_bytes().startswith(b"%PDF-")
    text = pages(tmp_path / path)
    assert 2 <= len(text) <= 4
    board = org_board(demo, lang)
    assert board.change is not None and board.history is not None  # all sections are there
    lost = missing(board, "\n".join(text))
    assert lost == [], lost


@needs_typst
def test_a_round_report_has_the_round_part(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from maturity_scan.paths import builtin_questions_dir
    from maturity_scan.present.board_build import round_board
    from maturity_scan.question_sets.loading import load_catalog
    from maturity_scan.storage.store import Store

    round_id = seed_round(db)
    path = pdf(capsys, db, "--round", round_id[:6], "-o", "round.pdf")
    store = Store(db)
    catalog = load_catalog([builtin_questions_dir()])
    board = round_board(store, catalog, store.rounds.get(round_id), "nl", date.today())
    assert board.round is not None and board.round.divided
    assert board.round.unknown  # the round's "don't know" answers, in the PDF too
    text = "\n".join(pages(path))
    sections = ("profile", "round", "holding_back", "steps", "dont_know", "scope")
    lost = missing(board, text, sections)
    assert lost == [], lost
    assert "Vragen waarover de deelnemers verdeeld zijn" in text


@needs_typst
def test_user_text_is_text_never_typst_markup(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import UTC, datetime

    from maturity_scan.core.models import AnswerRecord, Respondent, SetRef
    from maturity_scan.storage.store import Store, make_scan

    answers = {
        "bestuur-principebesluit": AnswerRecord(level=2, note=MARKUP),
        "bestuur-doelen": AnswerRecord(level="unknown", note=f"{IMG} & {SCRIPT}"),
    }
    scan = make_scan(
        SCRIPT,
        SetRef(id="sociale-inkoop", version="2.0"),
        Respondent(name=IMG, role="*rol* $y$"),
        completed_at=datetime(2026, 11, 30, 10, tzinfo=UTC),
        answers=answers,
    )
    scan_id = Store(db).add(scan).id
    text = flat("\n".join(pages(pdf(capsys, db, "--scan", scan_id, "-o", "hostile.pdf"))))
    assert f"{SCRIPT}" in text  # the title, the facts
    assert f"{IMG}, *rol* $y$" in text  # the respondent
    assert flat(f"Toelichting: {MARKUP}") in text
    assert f"Toelichting: {IMG} & {SCRIPT}" in text


@needs_typst
def test_the_pdf_is_tagged_pdf_ua(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(pdf(capsys, demo, "--org", DEMO_ORGANISATION, "-o", "ua.pdf"))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "nl"
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    assert reader.metadata is not None and reader.metadata.title is not None
    assert DEMO_ORGANISATION in reader.metadata.title


@needs_typst
def test_an_existing_file_is_kept_without_force(
    demo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "board.pdf").write_text("mine")
    code, out, err = run(
        capsys, demo, "report", "--org", DEMO_ORGANISATION, "--format", "pdf", "-o", "board.pdf"
    )
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert (tmp_path / "board.pdf").read_text() == "mine"
    pdf(capsys, demo, "--org", DEMO_ORGANISATION, "-o", "board.pdf", "--force")
    assert (tmp_path / "board.pdf").read_bytes().startswith(b"%PDF-")


@needs_typst
def test_a_typst_failure_is_one_line_and_writes_nothing(
    demo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from maturity_scan.present import board_pdf

    broken = tmp_path / "broken.typ"
    broken.write_text('#panic("broken template")\n')
    monkeypatch.setattr(board_pdf, "TEMPLATE", broken)
    code, out, err = run(
        capsys, demo, "report", "--org", DEMO_ORGANISATION, "--format", "pdf", "-o", "x.pdf"
    )
    assert code == 2 and out == ""
    assert "Het PDF-rapport kon niet gezet worden" in err and "broken template" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()


def test_without_typst_one_line_says_how_to_install_it(
    demo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "typst", None)  # import typst raises ImportError
    code, out, err = run(capsys, demo, "report", "--org", DEMO_ORGANISATION, "--format", "pdf")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "pip install 'maturity-scan[pdf]'" in err and "pip install -e '.[pdf]'" in err
    assert list(tmp_path.glob("*.pdf")) == []


@needs_typst
def test_an_output_ending_in_pdf_is_a_pdf_without_format(
    demo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, demo, "report", "--org", DEMO_ORGANISATION, "-o", "Board.PDF")
    assert code == 0, err
    assert (tmp_path / "Board.PDF").read_bytes().startswith(b"%PDF-")


def test_a_format_that_contradicts_the_output_is_refused(
    demo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(
        capsys, demo, "report", "--org", DEMO_ORGANISATION, "--format", "html", "-o", "b.pdf"
    )
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        "maturity-scan: fout: b.pdf eindigt niet op .html: kies een ander --format of een"
        " andere bestandsnaam."
    ]
    assert list(tmp_path.glob("b.*")) == []


@needs_typst
def test_a_long_link_is_broken_over_lines_within_the_page(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = pdf(capsys, db, "--scan", long_note_scan(db), "-o", "long.pdf")
    text = "\n".join(pages(path))
    assert LONG.split("=")[1] not in text  # not on one line: no line of the page holds it
    assert LONG in text.replace("\n", "")  # and all of it is there
    # nothing added to break it, so a copied link is whole (pypdf drops a U+200B, Poppler's
    # pdftotext, like a PDF viewer's copy, keeps it)
    for extracted in (text, *poppler_text(path)):
        assert "\u200b" not in extracted
        assert LONG in extracted.replace("\n", "")


def poppler_text(path: Path) -> list[str]:
    """The PDF's text as Poppler's ``pdftotext`` gives it (nothing when it is not there)."""
    import shutil
    import subprocess

    tool = shutil.which("pdftotext")
    if tool is None:
        return []
    done = subprocess.run([tool, str(path), "-"], capture_output=True, check=True)
    return [done.stdout.decode("utf-8")]


@pytest.mark.parametrize("name", ["board.docx", "board", "board.txt"])
def test_a_file_not_named_as_a_report_is_refused(
    demo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    for extra in ((), ("--format", "pdf")):
        code, out, err = run(capsys, demo, "report", "--org", DEMO_ORGANISATION, "-o", name, *extra)
        assert code == 2 and out == ""
        assert err.strip().splitlines() == [
            f"maturity-scan: fout: {name} eindigt niet op .html of .pdf: een rapport is een HTML- "
            "of PDF-bestand (bijvoorbeeld -o rapport.html)."
        ]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("board")) == []
