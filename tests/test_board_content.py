"""The board report's principle blocks, charts and wording (#15, from a new user's trial):
what holds a principle back is measured against a named level and kept apart from the other
notes; a principle without a level says it has too little answered; scores without a level
are drawn; the history is placed by its dates with labels that never repeat or overlap and
targets as lines; labels are never cut; a "don't know" step says its question once."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, date, datetime

import pytest

from maturity_scan.core.models import (
    AnswerRecord,
    AnswerValue,
    QuestionSet,
    Respondent,
    SetRef,
    Target,
)
from maturity_scan.core.report import build_report
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.present import svg_charts
from maturity_scan.present.board_report import BoardReport, Subject, board_report
from maturity_scan.question_sets.loading import load_catalog
from maturity_scan.storage.scans import make_scan

ORG = "Gemeente Deventer"
SUBJECT = Subject("scan", "2026-11-20")


@pytest.fixture(scope="module")
def two() -> QuestionSet:
    return load_catalog([builtin_questions_dir()]).get("sociale-inkoop", "2.0")


def board(
    question_set: QuestionSet,
    answers: dict[str, AnswerValue],
    notes: dict[str, str] | None = None,
    targets: tuple[Target, ...] = (),
    lang: str = "nl",
) -> BoardReport:
    notes = notes or {}
    records = {
        q: AnswerRecord(level=answers.get(q), note=notes.get(q, "")) for q in {*answers, *notes}
    }
    scan = make_scan(
        ORG,
        SetRef(id="sociale-inkoop", version="2.0"),
        Respondent(name="Anna"),
        completed_at=datetime(2026, 11, 20, 10, tzinfo=UTC),
        answers=records,
    )
    report = build_report(scan, question_set, targets)
    return board_report(
        report,
        question_set,
        lang,  # type: ignore[arg-type]
        subject=SUBJECT,
        made=date(2026, 12, 2),
    )


def everything(question_set: QuestionSet, level: AnswerValue) -> dict[str, AnswerValue]:
    return {q.id: level for p in question_set.principles for q in p.questions}


def target(principle: str, level: int) -> Target:
    return Target(organisation=ORG, question_set="sociale-inkoop", principle=principle, level=level)


# --- what holds a principle back, and against what (6) ---------------------------------------


def test_holding_back_names_the_level_and_keeps_the_other_notes_apart(two: QuestionSet) -> None:
    answers = everything(two, 3)
    answers |= {
        "bestuur-doelen": 1,
        "bestuur-publiek": 2,
        "bestuur-middelen": "na",
        "bestuur-principebesluit": 5,
    }
    notes = {
        "bestuur-middelen": "Geen eigen budget: valt onder het MVI-budget.",
        "bestuur-principebesluit": "Besluit van maart.",  # at 5: above the target
        "bestuur-doelen": "Nog geen doelen.",  # held back, with its note
        "bestuur-eigenaar": "Nog niet ingevuld.",  # not answered, with a note
    }
    answers.pop("bestuur-eigenaar")
    result = board(two, answers, notes, (target("bestuur", 4),))
    bestuur, hr, _ = result.principles
    assert bestuur.towards == "Deze antwoorden liggen onder niveau 4 Verankerd, het doel:"
    levels = [a.answer.split()[0] for a in bestuur.holding_back]
    assert levels == ["1", "2", "3", "3"]  # below the target 4, lowest first: nothing else
    assert bestuur.holding_back[0].note == "Nog geen doelen."
    other = {a.answer.split(" — ")[0]: a.note for a in bestuur.notes}
    assert other == {
        "niet van toepassing": "Geen eigen budget: valt onder het MVI-budget.",
        "5": "Besluit van maart.",
        "nog niet beantwoord": "Nog niet ingevuld.",
    }
    # without a target: the next level; and nothing else to note
    assert hr.towards == "Deze antwoorden liggen onder niveau 4 Verankerd, het volgende niveau:"
    assert hr.notes == []


def test_a_principle_without_a_level_says_too_little_was_answered(two: QuestionSet) -> None:
    answers = {q.id: 2 for q in two.principles[0].questions[:3]}
    result = board(two, answers, targets=(target("bestuur", 4),))
    bestuur = result.principles[0]
    assert bestuur.holding_back == []
    assert bestuur.towards.startswith("Nog geen niveau: te weinig beantwoord.")
    assert "minstens 75%" in bestuur.towards and "3 van 7" in bestuur.towards
    english = board(two, answers, lang="en").principles[0]
    assert english.towards.startswith("No level yet: too little answered.")


def test_html_lists_held_back_and_other_notes_apart(two: QuestionSet) -> None:
    from maturity_scan.present.board_html import render_html

    answers = everything(two, 3) | {"bestuur-doelen": 1, "bestuur-middelen": "na"}
    notes = {"bestuur-middelen": "Valt onder het MVI-budget."}
    html = render_html(board(two, answers, notes))
    part = html.split('<section id="principles"')[1].split("<h2>")[1]
    held, other = part.split("<h4>Andere notities</h4>")
    assert re.search(
        r"<p>Deze antwoorden liggen onder niveau \d [^<]*, het volgende niveau:</p>", held
    )
    assert "Valt onder het MVI-budget." not in held and "niet van toepassing" not in held
    assert "Valt onder het MVI-budget." in other.split("</div>")[0]
    assert "Geen antwoorden onder het niveau" not in html


# --- scores without a level (7) -----------------------------------------------------------


def test_scores_without_a_level_are_drawn_and_said_plainly(two: QuestionSet) -> None:
    answers = {q.id: 2 for p in two.principles for q in p.questions[:3]}
    result = board(two, answers)
    svg = result.profile.svg
    assert svg.markup.count("<rect ") == 3  # a bar for every score
    assert svg.markup.count("· geen niveau</text>") == 3
    assert 'stroke-dasharray="4 2"' in svg.markup  # marked apart from a score with a level
    assert "Commitment van het bestuur 2,0 (geen niveau); Samenwerking" in svg.alt
    assert result.overall == "Nog geen totaalniveau: te weinig beantwoord."
    assert result.principles[0].summary.startswith(
        "score 2,0, nog geen niveau: te weinig beantwoord."
    )
    assert "niveau geen niveau" not in " ".join(str(x) for x in result.profile.table.rows)
    assert result.profile.table.rows[0][2] == "nog geen niveau: te weinig beantwoord"


def test_a_score_with_a_level_is_a_solid_bar(two: QuestionSet) -> None:
    svg = board(two, everything(two, 3)).profile.svg.markup
    assert svg.count("<rect ") == 3 and "geen niveau" not in svg
    assert "stroke-dasharray" not in svg


# --- labels whole (11) ----------------------------------------------------------------------


def texts_of(markup: str) -> list[str]:
    """Every text of an SVG, the lines of one ``<text>`` joined by a space."""
    found = re.findall(r"<text[^>]*>(.*?)</text>", markup)
    return [" ".join(x for x in re.findall(r">([^<]*)<", f"<x>{t}</x>") if x) for t in found]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chart_labels_are_whole(two: QuestionSet, lang: str) -> None:
    result = board(two, everything(two, 3), lang=lang)
    words = texts_of(result.profile.svg.markup)
    assert "…" not in result.profile.svg.markup
    for principle in two.principles:
        assert principle.title.get(lang) in words  # "Supply-chain collaboration with suppliers"
    for level in two.levels:
        assert f"{level.level} {level.name.get(lang)}" in words  # "3 In ontwikkeling"


def test_a_long_label_takes_two_lines_never_cut() -> None:
    label = "Supply-chain collaboration with suppliers and their subcontractors"
    lines = svg_charts.wrap(label, 240)
    assert len(lines) == 2 and " ".join(lines) == label
    assert all(svg_charts.text_width(line) <= 240 for line in lines)
    assert svg_charts.wrap("Ketensamenwerking", 10) == ["Ketensamenwerking"]  # a word stays whole
    chart = svg_charts.principle_bars("p", [label], [2.0], [None], ["a"] * 5, ("t", "d", "x"), str)
    assert "<tspan" in chart.markup and label in texts_of(chart.markup)


def test_target_marks_are_whole_triangles_named_in_a_legend() -> None:
    """The trial (#15, 8): the top row's triangle was cut at the chart's edge, and nothing
    but the alt text said what the black marks are."""
    chart = svg_charts.principle_bars(
        "p", ["A", "B"], [3.8, 3.2], [4, 4], ["a"] * 5, ("t", "d", "Doel"), str
    )
    polygons = re.findall(r'<polygon points="([^"]+)"', chart.markup)
    ticks = [
        float(y)
        for y in re.findall(r'<line class="target" x1="[\d.]+" y1="([\d.]+)"', chart.markup)
    ]
    assert len(polygons) == 3 and len(ticks) == 3  # two rows and the legend
    for points, tick in zip(polygons, ticks, strict=True):
        ys = [float(p.split(",")[1]) for p in points.split()]
        assert min(ys) >= 10  # room above the top row's mark: never at the edge
        assert max(ys) - min(ys) >= 8 and max(ys) >= tick  # a triangle on top of its tick
        assert max(ys) < chart.height
    assert "Doel" in texts_of(chart.markup)  # the legend: ▼ Doel
    none = svg_charts.principle_bars("p", ["A"], [3.8], [None], ["a"] * 5, ("t", "d", "Doel"), str)
    assert "<polygon" not in none.markup and "Doel" not in texts_of(none.markup)


# --- history over time (10) -----------------------------------------------------------------


def moments(*days: date) -> list[svg_charts.Moment]:
    return [svg_charts.Moment(d, f"{d:%b %Y}", f"{d.day} {d:%b %Y}") for d in days]


TRIAL = (date(2025, 3, 15), date(2026, 11, 20), date(2026, 11, 25))


def test_points_lie_by_their_dates() -> None:
    xs = svg_charts.time_positions(list(TRIAL), 100, 700)
    assert xs[0] == 100 and xs[-1] == 700
    assert xs[2] - xs[1] < 6  # five days apart: close together
    assert 680 < xs[1] < 700
    assert svg_charts.time_positions([date(2026, 1, 1)] * 2, 100, 700) == [400.0, 400.0]


def labelled(found: list[svg_charts.Moment], xs: list[float]) -> list[tuple[int, str]]:
    """The labels under the axis by row, each checked not to overlap the one before on its
    row; every point has one."""
    rows = svg_charts.time_labels(found, xs)
    ends = [0.0, 0.0]
    shown = []
    for i, row in enumerate(rows):
        assert row is not None, (i, rows)
        text = svg_charts.moment_label(found, i)
        half = svg_charts.text_width(text) / 2
        assert ends[row] < xs[i] - half  # no overlap on its row
        ends[row] = xs[i] + half
        shown.append((row, text))
    return shown


def test_points_close_in_time_stay_apart_each_with_its_day() -> None:
    """The trial (#15, 7): five days apart, the points sat on top of each other and only the
    last had a label, in another format than the first."""
    found = moments(*TRIAL)
    xs = svg_charts.time_positions(list(TRIAL), 100, 700, svg_charts.least_distance(found))
    assert xs[0] == 100 and xs[-1] == 700
    assert xs[2] - xs[1] >= 40  # a line between them, not a vertical stub
    shown = labelled(found, xs)
    # two share a month: every label by day, one format for all; the close ones on two rows
    assert shown == [(0, "15 Mar 2025"), (1, "20 Nov 2026"), (0, "25 Nov 2026")]
    spread = moments(date(2026, 6, 1), date(2026, 6, 28), date(2026, 9, 1), date(2026, 12, 1))
    days = [m.day for m in spread]
    xs = svg_charts.time_positions(days, 100, 700, svg_charts.least_distance(spread))
    labels = [text for _, text in labelled(spread, xs)]
    assert labels == ["1 Jun 2026", "28 Jun 2026", "1 Sep 2026", "1 Dec 2026"]
    apart = moments(date(2025, 6, 1), date(2026, 6, 1))
    assert svg_charts.moment_label(apart, 0) == "Jun 2025"  # no month shared: by month


def test_a_long_history_says_which_points_have_no_label() -> None:
    days = [date(2026, m, d) for m in range(1, 13) for d in (3, 17)]
    found = moments(*days)
    chart = svg_charts.history_lines(
        "h", found, [("Totaal", [2.0] * 24)], ("t", "d"), str, left_out="Zonder label:"
    )
    words = texts_of(chart.markup)
    note = " ".join(w for w in words if w.startswith("Zonder label:"))
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', chart.markup)]
    assert all(b - a > 20 for a, b in itertools.pairwise(xs))  # as far apart as room allows
    rows = svg_charts.time_labels(found, xs)
    left = [svg_charts.moment_label(found, i) for i, row in enumerate(rows) if row is None]
    assert left and len(left) < len(days) and rows[-1] == 0  # the latest always labelled
    assert note and all(day in note for day in left)  # the chart says which
    shown = [svg_charts.moment_label(found, i) for i, row in enumerate(rows) if row is not None]
    assert all(day in words for day in shown)  # the others under the axis


def test_provisional_and_consensus_points_are_marked_with_a_legend() -> None:
    found = [
        svg_charts.Moment(d, f"{d:%b %Y}", f"{d.day} {d:%b %Y}", kind)
        for d, kind in zip(TRIAL, ("single", "single", "provisional"), strict=True)
    ]
    marks = {"provisional": "voorlopig", "consensus": "consensus"}
    series = [("Totaal", [1.6, 2.3, 2.1])]
    chart = svg_charts.history_lines("h", found, series, ("t", "d"), str, marks=marks)
    assert re.findall(r'<circle class="provisional"[^>]*fill="(#\w+)"', chart.markup) == [
        "#fff",  # the point: hollow
        "#fff",  # its legend line
    ]
    assert "voorlopig" in texts_of(chart.markup) and "consensus" not in texts_of(chart.markup)
    found[2] = svg_charts.Moment(TRIAL[2], "Nov 2026", "25 Nov 2026", "consensus")
    chart = svg_charts.history_lines("h", found, series, ("t", "d"), str, marks=marks)
    assert chart.markup.count('<rect class="consensus"') == 2
    assert "consensus" in texts_of(chart.markup) and "voorlopig" not in texts_of(chart.markup)
    plain = svg_charts.history_lines("h", moments(*TRIAL), series, ("t", "d"), str, marks=marks)
    assert 'class="provisional"' not in plain.markup and 'class="consensus"' not in plain.markup


def test_history_chart_draws_each_target_as_a_line() -> None:
    chart = svg_charts.history_lines(
        "h",
        moments(*TRIAL),
        [("Bestuur", [1.5, 2.3, 2.2]), ("HR", [1.8, 2.4, 2.2]), ("Totaal", [1.6, 2.3, 2.1])],
        ("t", "d"),
        str,
        targets=[4, None, None],
        target_word="doel",
    )
    assert chart.markup.count('stroke-dasharray="1 3"') == 1
    assert "<title>Bestuur: doel 4</title>" in chart.markup
    assert "Bestuur · doel 4" in texts_of(chart.markup)  # named in the legend
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', chart.markup)[:3]]
    assert 40 <= xs[2] - xs[1] < xs[1] - xs[0]  # close in time, yet apart


# --- steps (14) -------------------------------------------------------------------------------


def test_a_dont_know_step_does_not_repeat_its_question(two: QuestionSet) -> None:
    answers = everything(two, 3) | {"bestuur-principebesluit": "unknown", "bestuur-doelen": 2}
    bestuur = board(two, answers).principles[0]
    question = two.question("bestuur-principebesluit")
    assert question is not None
    [find_out] = [s for s in bestuur.steps if question.text.get("nl") in s.text]
    assert find_out.about == ""
    [step] = [s for s in bestuur.steps if "van antwoord 2 naar 3" in s.about]
    assert step.about.startswith(two.question("bestuur-doelen").text.get("nl"))  # type: ignore[union-attr]


# --- wording (15) -------------------------------------------------------------------------


def test_wording_of_the_method_and_the_change(two: QuestionSet) -> None:
    from maturity_scan.present.board_report import change_table, method_note

    report = build_report(
        make_scan(ORG, SetRef(id="sociale-inkoop", version="2.0"), Respondent()),
        two,
    )
    method = method_note(report, "nl")
    assert "Het totaalniveau is het laagste niveau van de principes; zolang één principe" in (
        " ".join(method)
    )
    assert "en er is er geen zolang" not in " ".join(method)
    assert change_table(report, "nl") is None
    result = board(two, everything(two, "unknown"))
    assert result.t["section.dont_know"] == "Antwoorden ‘weet ik niet’: uit te zoeken"
    before = make_scan(
        ORG,
        SetRef(id="sociale-inkoop", version="2.0"),
        completed_at=datetime(2026, 11, 20, 10, tzinfo=UTC),
    )
    now = make_scan(
        ORG,
        SetRef(id="sociale-inkoop", version="2.0"),
        completed_at=datetime(2026, 12, 1, 10, tzinfo=UTC),
    )
    changed = board_report(
        build_report(now, two, previous=(before, two)),
        two,
        "nl",
        subject=SUBJECT,
        made=date.today(),
    )
    assert changed.change_note == "Vergeleken met de vorige meting van 20 november 2026."
    assert changed.change is not None
    assert changed.change.caption != changed.t["section.change"]
    english = board(two, everything(two, 3), lang="en")
    assert english.t["made"] == "Report date"
    assert english.profile.table.caption == "The chart in figures"
