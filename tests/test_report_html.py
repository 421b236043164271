"""``maturity-scan report`` (#15): the board report as one self-contained HTML file, from the
report model, in Dutch or English; written like an export (private, never over a file
without ``--force``). Browser tests: tests/test_report_browser.py."""

from __future__ import annotations

import os
import re
import stat
from base64 import b64decode
from datetime import date
from pathlib import Path

import pytest

from maturity_scan.cli import main
from maturity_scan.exchange.demo import DEMO_ORGANISATION
from maturity_scan.present.board_report import decimal, long_date
from tests.round_seed import seed_round


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


def agree(capsys: pytest.CaptureFixture[str], db: Path, round_id: str) -> None:
    """The round's consensus as ``round consensus --template`` proposes it, stored."""
    template = db.with_name("consensus.json")
    for args in (("--template", "-o", str(template)), ("--answers", str(template))):
        code, _, err = run(capsys, db, "round", "consensus", round_id, *args)
        assert code == 0, err


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("MATURITY_SCAN_LANG", raising=False)
    monkeypatch.setenv("MATURITY_SCAN_CACHE", "")
    monkeypatch.setenv("MATURITY_SCAN_CONFIG", str(tmp_path / "settings.json"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data" / "scans.json"


@pytest.fixture
def demo(db: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, _, err = run(capsys, db, "demo")
    assert code == 0, err
    return db


#: A chart: an SVG image inside the file, with its size and text alternative.
CHART = re.compile(
    r'<img class="chart" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" '
    r'width="(\d+)" height="(\d+)" alt="([^"<>]+)">'
)


def charts(html: str) -> list[tuple[str, str]]:
    """Each chart's text alternative and SVG; every ``<img`` of the page is one of them."""
    found = [(alt, b64decode(data).decode("utf-8")) for data, _, _, alt in CHART.findall(html)]
    assert len(found) == html.count("<img")
    return found


def report(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> str:
    code, out, err = run(capsys, db, "report", *args)
    assert code == 0, err
    path = Path(out.split(": ", 1)[1].strip())
    return path.read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """The page's text, tags left out (for looking for a sentence)."""
    from html import unescape

    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_numbers_and_dates_as_the_language_writes_them() -> None:
    assert long_date(date(2026, 12, 2), "nl") == "2 december 2026"
    assert long_date(date(2026, 12, 2), "en") == "2 December 2026"
    assert decimal(2.5, "nl") == "2,5" and decimal(2.5, "en") == "2.5"
    assert decimal(2.96, "nl") == "2,9"  # rounded down, as every screen shows it


def test_org_report_is_one_private_self_contained_file(
    demo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, demo, "report", "--org", "demo — gemeente voorbeeldstad")
    assert code == 0, err
    name = f"demo-gemeente-voorbeeldstad-{date.today().isoformat()}.html"
    assert out.strip() == f"Rapport geschreven: {name}"
    path = tmp_path / name
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    html = path.read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
    ) in html
    # nothing that runs or loads: no script, no link, no source but the charts inside the file
    assert not re.search(r"<script|<link|<iframe|<svg|href=|url\(|@import", html)
    assert html.count("src=") == html.count('src="data:image/svg+xml;base64,') == 2
    # every chart has its text alternative, in the image and in the SVG, and a data table
    found = charts(html)
    assert len(found) == 2  # the profile and the history (4 scans)
    for alt, svg in found:
        title = re.search(r"<title[^>]*>([^<]+)</title>\s*<desc[^>]*>([^<]+)</desc>", svg)
        assert title is not None and alt == f"{title[1]}: {title[2]}"
        assert 'font-family="Noto Sans' in svg  # its own font: an image inherits none
    assert alt.startswith("Verloop van de scores per principe en in totaal: 4 resultaten")
    assert html.count("De grafiek in cijfers") == 2
    text = text_of(html)
    for heading in (
        "Profiel per principe",
        "Verandering sinds de vorige meting",
        "Verloop",
        "Wat elk principe tegenhoudt",
        "Volgende stappen",
        "Antwoorden ‘weet ik niet’: uit te zoeken",
        "Reikwijdte en begrippen",
        "De niveaus",
        "Zo zijn de scores berekend",
    ):
        assert f" {heading} " in text, heading
    assert DEMO_ORGANISATION in text
    assert "Volwassenheidsscan sociale inkoop 1.0" in text
    assert "Fatima El Amrani, Coördinator sociale inkoop" in text  # the latest scan's
    assert "minstens 50% van zijn toepasselijke vragen" in text  # the set's min_coverage
    assert re.search(r"score \d,\d, niveau \d ", text)  # Dutch decimals
    assert "Toelichting: " in text  # answers with their notes
    assert "van niveau 3 naar 4" in text  # a set without steps per answer: its level advice


def test_english_with_lang(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html = report(capsys, demo, "--org", DEMO_ORGANISATION, "--lang", "en")
    assert '<html lang="en">' in html
    text = text_of(html)
    assert "What holds each principle back" in text
    assert re.search(r"score \d\.\d, level \d ", text)
    assert f"Report date {long_date(date.today(), 'en')}" in text


def test_scan_report_has_the_change_and_the_history_up_to_it(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from maturity_scan.storage.store import Store

    scans = sorted(Store(demo).scans(DEMO_ORGANISATION), key=lambda s: s.date)
    html = report(capsys, demo, "--scan", scans[1].id[:8], "-o", "second.html")
    text = text_of(html)
    assert "Sanne de Vries, HR-adviseur" in text
    assert f"van {long_date(scans[0].date, 'nl')}" in text  # the change is against the first
    assert len(charts(html)) == 2  # two points: the history chart is there
    assert long_date(scans[2].date, "nl") not in text  # nothing after this scan
    first = report(capsys, demo, "--scan", scans[0].id[:8], "-o", "first.html")
    assert "Verandering sinds de vorige meting" not in first
    assert len(charts(first)) == 1


def test_round_report(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    round_id = seed_round(db)
    html = report(capsys, db, "--round", round_id[:6], "-o", "round.html")
    text = text_of(html)
    assert "Teamscan najaar 2026" in text
    assert "Er is nog geen consensus" in text
    assert "4 deelnemers hebben antwoorden ingeleverd." in text
    assert "Vragen waarover de deelnemers verdeeld zijn" in text
    assert len(charts(html)) == 2  # the profile and the roles side by side
    assert "Bestuur of directie: 1" in text and "HR of Werk & Inkomen: 2" in text
    assert "van antwoord 2 naar 3" in text  # a step per answer, with its question


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "geef precies één van --scan, --org en --round (gegeven: —)"),
        (("--org", "x", "--scan", "y"), "geef precies één van --scan, --org en --round"),
    ],
)
def test_exactly_one_source(
    demo: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, demo, "report", *args)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_an_unknown_format_is_refused(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, demo, "report", "--org", DEMO_ORGANISATION, "--format", "docx")
    assert code == 2 and "docx" in err


def test_an_existing_file_is_kept_without_force(
    demo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "board.html"
    target.write_text("mine")
    code, _, err = run(capsys, demo, "report", "--org", DEMO_ORGANISATION, "-o", str(target))
    assert code == 2
    assert f"{target} bestaat al" in err
    assert target.read_text() == "mine"
    code, _, err = run(
        capsys, demo, "report", "--org", DEMO_ORGANISATION, "-o", str(target), "--force"
    )
    assert code == 0, err
    assert target.read_text().startswith("<!DOCTYPE html>")


def test_never_over_the_database(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = demo.read_bytes()
    code, _, err = run(capsys, demo, "report", "--org", DEMO_ORGANISATION, "-o", str(demo))
    assert code == 2 and "database" in err
    assert demo.read_bytes() == before


def test_a_draft_has_no_report(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from maturity_scan.core.models import Respondent, SetRef
    from maturity_scan.storage.store import Store, make_scan

    draft = Store(db).add(
        make_scan("Gemeente Ede", SetRef(id="sociale-inkoop", version="2.0"), Respondent())
    )
    code, _, err = run(capsys, db, "report", "--scan", draft.id)
    assert code == 2
    assert "is nog niet afgerond" in err


def test_report_does_not_load_jinja_for_other_commands() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from maturity_scan import cli; "
        "print('jinja2' in sys.modules, 'maturity_scan.present.board_report' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def hostile_scan(db: Path) -> str:
    """A completed scan whose organisation, respondent and note are markup; its id."""
    from datetime import UTC, datetime

    from maturity_scan.core.models import AnswerRecord, Respondent, SetRef
    from maturity_scan.storage.store import Store, make_scan

    answers = {
        "bestuur-principebesluit": AnswerRecord(level=2, note=IMG),
        "bestuur-doelen": AnswerRecord(level="unknown", note=f"{IMG} & {SCRIPT}"),
    }
    scan = make_scan(
        SCRIPT,
        SetRef(id="sociale-inkoop", version="2.0"),
        Respondent(name=IMG, role='"><b>rol</b>'),
        completed_at=datetime(2026, 11, 30, 10, tzinfo=UTC),
        answers=answers,
    )
    return Store(db).add(scan).id


def test_user_text_is_escaped(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scan_id = hostile_scan(db)
    html = report(capsys, db, "--scan", scan_id, "-o", "hostile.html")
    assert "<script" not in html and "<b>" not in html
    for _, svg in charts(html):  # every <img of the page is a chart, and its labels are text
        assert "<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the title, facts, the heading
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the respondent and the notes
    assert "&#34;&gt;&lt;b&gt;rol&lt;/b&gt;" in html
    text = text_of(html)
    assert f"Toelichting: {IMG}" in text  # shown as the text it is
    assert f"Toelichting: {IMG} & {SCRIPT}" in text


def test_user_text_in_a_round_is_escaped(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import date as day

    import msgspec

    from maturity_scan.storage.store import Store
    from tests.round_seed import SET, response

    store = Store(db)
    made = store.rounds.open(SCRIPT, IMG, SET.ref, day(2026, 11, 20), visibility="named")
    scans = [
        msgspec.structs.replace(
            response(made.id, n),
            organisation=SCRIPT,
            respondent=msgspec.structs.replace(response(made.id, n).respondent, name=IMG),
        )
        for n in range(2)
    ]
    store.rounds.add_responses(made.id, scans, "seed")
    html = report(capsys, db, "--round", made.id, "-o", "round.html")
    assert "<script" not in html
    charts(html)  # every <img of the page is a chart: the names are text
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") >= 3  # the title, two people


def test_chart_texts_are_escaped() -> None:
    from maturity_scan.present import svg_charts

    number = str
    bars = svg_charts.principle_bars(
        "p", [SCRIPT], [2.5], [4], ["a"] * 5, (IMG, "x & y", "<t>"), number
    )
    moments = [svg_charts.Moment(date(2026, m, 1), SCRIPT, SCRIPT) for m in (1, 2)]
    lines = svg_charts.history_lines("h", moments, [(IMG, [1.0, 2.0])], ("t", "d"), number)
    roles = svg_charts.role_bars("r", [SCRIPT], [IMG], [[3.0]], ["a"] * 5, ("t", "d"), number)
    for chart in (bars, lines, roles):
        assert "<script" not in chart.markup and "<img" not in chart.markup
        assert "&lt;" in chart.markup
        assert chart.alt.startswith(("t: d", IMG))  # plain text: the page escapes it
    assert '<desc id="p-desc">x &amp; y</desc>' in bars.markup


def test_a_typo_in_the_organisation_names_the_one_meant(
    demo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, demo, "report", "--org", "Gemeente Voorbeeldstad")
    assert code == 2 and out == ""
    assert f"'{DEMO_ORGANISATION}'" in err and len(err.strip().splitlines()) == 1
    assert list(tmp_path.glob("*.html")) == []


def test_an_organisation_whose_latest_point_is_a_round_names_the_round(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_round(db)
    text = text_of(report(capsys, db, "--org", "gemeente zwolle", "-o", "zwolle.html"))
    assert "Teamronde Teamscan najaar 2026" in text
    assert "Ingevuld door" not in text


def test_a_round_with_a_consensus_gives_its_reasons_escaped(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import msgspec

    from maturity_scan.core.models import AnswerSource
    from maturity_scan.storage.store import Store
    from tests.rounds_seed import CONSENSUS_1, QUESTIONS, ROUND_1, team_rounds

    scans, rounds = team_rounds()
    reason = {QUESTIONS[0]: AnswerSource("override", f"we saw the policy {SCRIPT}")}
    scans = [
        msgspec.structs.replace(s, round=msgspec.structs.replace(s.round, sources=reason))
        if s.id == CONSENSUS_1 and s.round is not None
        else s
        for s in scans
    ]
    Store(db).import_scans(scans, "seed", rounds=rounds)
    html = report(capsys, db, "--round", ROUND_1, "-o", "consensus.html", "--lang", "en")
    assert "<script" not in html
    text = text_of(html)
    assert "This report shows the consensus the team agreed on together." in text
    assert "Where the consensus differs from the median, and why" in text
    assert f"we saw the policy {SCRIPT}" in text
    assert "Questions the respondents are divided on" in text


def test_a_consensus_agreed_before_answers_changed_says_so(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import msgspec

    from maturity_scan.core.models import AnswerRecord
    from maturity_scan.storage.store import Store

    round_id = seed_round(db)
    agree(capsys, db, round_id)
    html = report(capsys, db, "--round", round_id, "-o", "before.html", "--lang", "en")
    assert "answers were added, changed or removed after this consensus" not in text_of(html)
    store = Store(db)
    first = store.rounds.contents(round_id).responses[0]
    question = next(iter(first.answers))
    changed = msgspec.structs.replace(
        first, answers={**first.answers, question: AnswerRecord(level=5)}
    )
    store.rounds.add_responses(round_id, [changed], "newer.json", replace=True)
    html = report(capsys, db, "--round", round_id, "-o", "after.html", "--lang", "en")
    assert "answers were added, changed or removed after this consensus" in text_of(html)


def test_a_principle_is_not_described_by_the_overall_levels_text(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Set 2.0 describes its levels as the overall level ("Elk principe heeft …"): said of one
    principle it is wrong, so a principle's summary gives its score, level and coverage."""
    from datetime import UTC, datetime

    from maturity_scan.core.models import AnswerRecord, Respondent, SetRef
    from maturity_scan.paths import builtin_questions_dir
    from maturity_scan.question_sets.loading import load_catalog
    from maturity_scan.storage.store import Store, make_scan

    two = load_catalog([builtin_questions_dir()]).get("sociale-inkoop", "2.0")
    answers = {q.id: AnswerRecord(level=2) for p in two.principles for q in p.questions}
    scan = make_scan(
        "Gemeente Niveau",
        SetRef(id="sociale-inkoop", version="2.0"),
        Respondent(name="Anna"),
        completed_at=datetime(2026, 11, 30, 10, tzinfo=UTC),
        answers=answers,
    )
    scan_id = Store(db).add(scan).id
    text = text_of(report(capsys, db, "--scan", scan_id, "-o", "niveau.html"))
    meaning = two.level_def(2).description.get("nl")
    assert text.count(meaning) == 2  # the overall box and the levels table, no principle
    assert "score 2,0, niveau 2 Verkennend. 7 van 7 toepasselijke vragen" in text


#: A link no line can hold, and a note of two lines.
LONG = "https://www.example.org/?q=" + "socialeinkoop" * 14 + "rapport"
TWO_LINES = "Eerste regel van de notitie.\nTweede regel: nog geen vaste agenda."


def long_note_scan(db: Path) -> str:
    """A completed scan whose notes are a long link and two lines; its id."""
    from datetime import UTC, datetime

    from maturity_scan.core.models import AnswerRecord, Respondent, SetRef
    from maturity_scan.storage.store import Store, make_scan

    answers = {
        "bestuur-principebesluit": AnswerRecord(level=2, note=f"Zie {LONG} voor het besluit."),
        "bestuur-doelen": AnswerRecord(level=1, note=TWO_LINES),
    }
    scan = make_scan(
        "Gemeente Lang",
        SetRef(id="sociale-inkoop", version="2.0"),
        Respondent(name="Anna"),
        completed_at=datetime(2026, 11, 30, 10, tzinfo=UTC),
        answers=answers,
    )
    return Store(db).add(scan).id


def test_default_names_say_what_is_reported_so_reports_never_share_one(
    demo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from maturity_scan.storage.store import Store

    first = min(Store(demo).scans(DEMO_ORGANISATION), key=lambda s: s.date)
    round_id = seed_round(demo)
    written = []
    for args in (
        ("--scan", first.id),
        ("--org", DEMO_ORGANISATION),
        ("--round", round_id),
        ("--round", round_id, "--lang", "en", "--format", "pdf"),
    ):
        code, out, err = run(capsys, demo, "report", *args)
        assert code == 0, err
        written.append(out.split(": ", 1)[1].strip())
    assert written == [
        f"demo-gemeente-voorbeeldstad-scan-{first.date.date().isoformat()}.html",
        f"demo-gemeente-voorbeeldstad-{date.today().isoformat()}.html",
        "gemeente-zwolle-teamronde-2026-11-20.html",
        "gemeente-zwolle-team-round-2026-11-20.pdf",
    ]
    assert all((tmp_path / name).is_file() for name in written)


def test_a_consensus_and_each_respondents_answers_have_names_of_their_own(
    db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A round's scans share its day: the consensus is named so, each respondent's answers
    carry their scan's id."""
    from maturity_scan.storage.store import Store

    round_id = seed_round(db)
    agree(capsys, db, round_id)
    scans = Store(db).rounds.contents(round_id).scans
    written = set()
    for scan in scans:
        code, out, err = run(capsys, db, "report", "--scan", scan.id)
        assert code == 0, err
        written.add(out.split(": ", 1)[1].strip())
    assert len(written) == len(scans) == 5  # four respondents and the consensus
    assert "gemeente-zwolle-consensus-2026-11-20.html" in written
    responses = [s for s in scans if s.round is not None and s.round.kind == "response"]
    from maturity_scan.dates import day_label

    named = {f"gemeente-zwolle-antwoorden-{s.short_id}-{day_label(s.date)}.html" for s in responses}
    assert named < written
