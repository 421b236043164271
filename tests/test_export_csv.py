"""``maturity-scan export --format csv`` (#15): one row per completed scan for analysts.

Every test reads the output back with the ``csv`` module, as a script would: UTF-8 with a BOM,
``;`` and decimal commas in Dutch (``,`` and points in English), stable column ids, names
with separators, quotes, line breaks and accents intact, ``--org``, a scan whose set version
is not installed (exit 3), and the rules every written file follows (private, ``--force``
for a symbolic link). A team round's rows: ``test_export_csv_rounds.py``."""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from maturity_scan.cli import EXIT_SKIPPED
from maturity_scan.core.models import Respondent
from maturity_scan.core.scoring import score_scan
from maturity_scan.exchange.csv_export import BOM, terminal_text
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets.loading import load_catalog
from maturity_scan.storage.store import Store

from .conftest import MINI_SETS, seed_scan
from .rounds_seed import CATALOG
from .test_cli import assert_one_line_error, run, subprocess_env

SET_1 = CATALOG.get("sociale-inkoop", "1.0")
#: Bestuur 3 exactly; hr-inkoop half answered, (2 + 2 + 3 + 1.5 × 1) / 4.5 = 1.888…; keten
#: nothing; overall (3 + 1.888…) / 2 = 2.444…
ANSWERS = {
    **{q.id: 3 for q in SET_1.principle("bestuur").questions},  # type: ignore[union-attr]
    "hr-inkoop-collegas": 2,
    "hr-inkoop-kleine-inkoop": 2,
    "hr-inkoop-gedeeld-beeld": 3,
    "hr-inkoop-overleg": 1,
}
LATER = {q.id: 2 for q in SET_1.principle("keten").questions}  # type: ignore[union-attr]
#: A name a spreadsheet must not split, unquote or garble.
TRICKY = 'Gemeente "Zuid"; Noord\nOost – Súdwest-Fryslân'
HEAD = [
    "scan",
    "organisation",
    "groups",
    "date",
    "respondent",
    "role",
    "role_id",
    "round",
    "kind",
    "question_set",
    "question_set_version",
]
PRINCIPLES = ["bestuur", "hr-inkoop", "keten"]
TAIL = ["overall_score", "overall_level", "overall_level_name"]


def per_principle(*ids: str) -> list[str]:
    return [c for p in ids for c in (f"score_{p}", f"level_{p}", f"level_name_{p}")]


def read_csv(data: bytes, separator: str = ";") -> list[dict[str, str]]:
    """The rows of a CSV export by column id; checks the BOM and the line ends."""
    assert data.startswith(BOM.encode("utf-8"))
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header, *rows = list(reader)
    assert all(len(row) == len(header) for row in rows)
    return [dict(zip(header, row, strict=True)) for row in rows]


def header_of(data: bytes, separator: str = ";") -> list[str]:
    return next(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=separator))


def export_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str, code: int = 0
) -> bytes:
    """``maturity-scan [ARGS] export --format csv -o FILE``, ``ARGS`` after ``export`` from
    the first ``--org``/``--scan`` on; the file's bytes."""
    out = tmp_path / "export.csv"
    split = next((i for i, a in enumerate(args) if a in ("--org", "--scan")), len(args))
    before, after = args[:split], args[split:]
    result = run(capsys, *before, "export", "--format", "csv", *after, "-o", str(out))
    assert (result[0], result[1]) == (code, ""), result[2]
    return out.read_bytes()


def number(cell: str, decimal: str = ",") -> float:
    assert cell.count(decimal) == 1 and (decimal == "." or "." not in cell), cell
    return float(cell.replace(decimal, "."))


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two organisations: Zwolle (two scans, a group) and one with a tricky name (one scan,
    one draft)."""
    path = tmp_path / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    store = Store(path)
    seed_scan(
        store,
        "Gemeente Zwolle",
        "2026-06-05",
        LATER,
        respondent=Respondent("Anna", "Inkoopadviseur"),
        scan_id="3" * 32,
    )
    seed_scan(
        store,
        "Gemeente Zwolle",
        "2025-01-05",
        ANSWERS,
        respondent=Respondent("Ëlse Ğül", '=HYPERLINK("x")'),
        scan_id="1" * 32,
    )
    seed_scan(store, TRICKY, "2026-03-05", ANSWERS, respondent=Respondent('Jo "JJ"; B'))
    seed_scan(store, TRICKY, "2026-04-05", ANSWERS, status="draft", scan_id="d" * 32)
    store.tag_organisation("Gemeente Zwolle", ["Overijssel", "Klant 2026"])
    return path


# ------------------------------------------------------------------ the file


def test_bom_separator_and_stable_columns(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = export_csv(capsys, tmp_path)
    assert header_of(data) == [*HEAD, *per_principle(*PRINCIPLES), *TAIL]
    rows = read_csv(data)
    # completed scans only, oldest first; the draft is no row
    assert [r["date"] for r in rows] == ["2025-01-05", "2026-03-05", "2026-06-05"]
    assert rows[0]["scan"] == "1" * 32 and rows[2]["scan"] == "3" * 32
    assert "d" * 32 not in [r["scan"] for r in rows]
    assert {r["kind"] for r in rows} == {"single"}
    assert {(r["question_set"], r["question_set_version"]) for r in rows} == {
        ("sociale-inkoop", "1.0")
    }


def test_names_with_separators_quotes_line_breaks_and_accents_read_back(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = export_csv(capsys, tmp_path)
    rows = read_csv(data)
    assert rows[1]["organisation"] == TRICKY
    assert rows[1]["respondent"] == 'Jo "JJ"; B'
    assert rows[0]["respondent"] == "Ëlse Ğül"
    assert "Súdwest-Fryslân".encode() in data  # UTF-8, not a code page
    # quoted, the quotes doubled; the line feed inside kept (rows end in CRLF)
    assert b'"Gemeente ""Zuid""; Noord\nOost' in data


def test_groups_and_the_role_typed_with_a_scan(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = read_csv(export_csv(capsys, tmp_path))
    assert rows[2]["groups"] == "Overijssel, Klant 2026"
    assert rows[1]["groups"] == ""
    person = [rows[2][c] for c in ("respondent", "role", "role_id", "round")]
    assert person == ["Anna", "Inkoopadviseur", "", ""]


def test_a_formula_in_a_name_stays_text(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Store(db).tag_organisation(TRICKY, ["@risico"])
    rows = read_csv(export_csv(capsys, tmp_path))
    assert rows[0]["role"] == '\'=HYPERLINK("x")'
    assert rows[1]["groups"] == "'@risico"
    assert rows[0]["respondent"] == "Ëlse Ğül"  # other text as it is


def test_dutch_scores_are_exact_with_a_decimal_comma(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _, later = read_csv(export_csv(capsys, tmp_path))
    expected = score_scan(SET_1, ANSWERS)
    hr = expected.principle("hr-inkoop")
    assert hr is not None and hr.score is not None and expected.overall.score is not None
    assert [first[c] for c in per_principle("bestuur")] == ["3,0", "3", "In ontwikkeling"]
    assert number(first["score_hr-inkoop"]) == hr.score == 8.5 / 4.5  # exact, not 1,8
    assert first["score_hr-inkoop"].startswith("1,888888")
    assert (first["level_hr-inkoop"], first["level_name_hr-inkoop"]) == ("1", "Beginnend")
    assert number(first["overall_score"]) == expected.overall.score
    assert first["overall_level"] == str(expected.overall.level)
    # a principle with nothing answered: no score, no level
    assert [first[c] for c in per_principle("keten")] == ["", "", ""]
    assert [later[c] for c in per_principle("keten")] == ["2,0", "2", "Verkennend"]


def test_english_uses_commas_and_points(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = export_csv(capsys, tmp_path, "--lang", "en")
    assert header_of(data, ",") == [*HEAD, *per_principle(*PRINCIPLES), *TAIL]  # ids, not words
    rows = read_csv(data, ",")
    assert rows[0]["score_bestuur"] == "3.0"
    assert rows[0]["score_hr-inkoop"].startswith("1.888888")
    assert rows[0]["level_name_bestuur"] == "Developing"
    assert rows[2]["groups"] == "Overijssel, Klant 2026"  # quoted: it holds the separator
    assert rows[1]["organisation"] == TRICKY
    assert b'"Overijssel, Klant 2026"' in data


def test_stdout_gets_the_bytes_of_the_file(
    db: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    from maturity_scan.cli import main

    out = tmp_path / "export.csv"
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "csv", "-o", str(out)])
    assert info.value.code == 0
    assert b"3" in capsysbinary.readouterr().err  # "Scans geëxporteerd: 3 → …"
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "csv"])
    assert info.value.code == 0
    assert capsysbinary.readouterr().out == out.read_bytes()


def test_on_a_terminal_control_characters_are_written_out() -> None:
    shown = terminal_text('a;"b\x1b]0;title\x07"\r\nc\u202e;d\r\n')
    assert shown == 'a;"b\\x1b]0;title\\x07"\nc\\u202e;d\n'


def test_the_file_is_private_and_a_link_needs_force(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "export.csv"
    export_csv(capsys, tmp_path)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    target = tmp_path / "elsewhere.csv"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = run(capsys, "export", "--format", "csv", "-o", str(link))
    assert_one_line_error(*result, ["link.csv", "--force"])
    assert target.read_text(encoding="utf-8") == "old"
    code, _, err = run(capsys, "export", "--format", "csv", "-o", str(link), "--force")
    assert code == 0, err
    assert link.is_symlink() and len(read_csv(target.read_bytes())) == 3


# ------------------------------------------------------------------ which scans


def test_org_gives_one_organisation(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = read_csv(export_csv(capsys, tmp_path, "--org", "gemeente  ZWOLLE"))
    assert [r["scan"] for r in rows] == ["1" * 32, "3" * 32]
    assert {r["organisation"] for r in rows} == {"Gemeente Zwolle"}


def test_an_unknown_org_is_an_error(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "export", "--format", "csv", "--org", "Gemeente Zwole")
    assert_one_line_error(*result, ["Gemeente Zwole", "Gemeente Zwolle"])


def test_scan_gives_one_row_and_a_draft_is_an_error(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (row,) = read_csv(export_csv(capsys, tmp_path, "--scan", "33333333"))
    assert row["scan"] == "3" * 32
    result = run(capsys, "export", "--format", "csv", "--scan", "dddddddd")
    assert_one_line_error(*result, ["dddddddd", "CSV"])


def test_schema_is_for_json_only(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "export", "--format", "csv", "--schema")
    assert_one_line_error(*result, ["--schema", "CSV"])


def test_json_stays_the_default(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export")
    assert code == 0, err
    assert out.startswith("{")


def test_a_scan_whose_set_version_is_missing_is_named_and_the_rest_exported(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store(db)
    seed_scan(store, "Gemeente Zwolle", "2026-02-05", ANSWERS, version="9.9", scan_id="2" * 32)
    draft = "4" * 32  # a draft is no row: not named either
    seed_scan(
        store, "Gemeente Zwolle", "2026-02-06", {}, version="9.9", status="draft", scan_id=draft
    )
    out = tmp_path / "export.csv"
    code, stdout, err = run(capsys, "export", "--format", "csv", "-o", str(out))
    assert (code, stdout) == (EXIT_SKIPPED, "")
    lines = err.splitlines()
    assert len(lines) == 3, err  # exported, the scan, the total
    assert "22222222" in lines[1] and "9.9" in lines[1] and "44444444" not in err
    scans = [r["scan"] for r in read_csv(out.read_bytes())]
    assert len(scans) == 3 and "2" * 32 not in scans


def test_principles_of_every_set_present_empty_where_a_set_lacks_one(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = {"a1": 4, "a2": 4, "b1": 5}
    seed_scan(Store(db), "Gemeente Zwolle", "2026-08-05", answers, set_id="mini", version="1")
    data = export_csv(capsys, tmp_path, "--questions-dir", str(MINI_SETS))
    mini = load_catalog([builtin_questions_dir(), MINI_SETS]).get("mini", "1")
    extra = [p.id for p in mini.principles]
    assert header_of(data) == [*HEAD, *per_principle(*PRINCIPLES, *extra), *TAIL]
    rows = read_csv(data)
    last = rows[-1]
    assert (last["question_set"], last["question_set_version"]) == ("mini", "1")
    assert [last[c] for c in per_principle(*PRINCIPLES)] == [""] * 9
    assert [last[c] for c in per_principle("alpha")] == ["4,0", "4", "Vier"]
    assert [last[c] for c in per_principle("beta")] == ["5,0", "5", "Vijf"]
    assert [rows[0][c] for c in per_principle(*extra)] == [""] * 3 * len(extra)


def test_csv_export_does_not_import_textual(db: Path) -> None:
    code = (
        "import sys\n"
        "from maturity_scan.cli import main\n"
        "try:\n"
        "    main(['export', '--format', 'csv'])\n"
        "except SystemExit as e:\n"
        "    code = e.code\n"
        "print('TEXTUAL', 'textual' in sys.modules, code, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=subprocess_env(db),
        timeout=60,
    )
    assert result.stderr.strip().splitlines()[-1] == "TEXTUAL False 0", result.stderr
