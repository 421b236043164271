"""Scoring rules and scope & definitions that a question set declares (issue 12): loading
checks, ``questions show``, the answers file's template and its "na" reasons, ``scan show
--json``."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from maturity_scan.core.catalog import Catalog
from maturity_scan.core.models import ScoringRules
from maturity_scan.errors import ScanError
from maturity_scan.exchange.answers import parse_answers, template
from maturity_scan.question_sets.loading import load_catalog, load_question_set
from tests.conftest import FIXTURES, MINI_SETS
from tests.test_cli import run
from tests.test_questions import mini_data, write_set

RULES_SETS = FIXTURES / "sets-rules"
RULES_FILE = RULES_SETS / "mini-rules.toml"


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog([MINI_SETS, RULES_SETS])


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    monkeypatch.setenv("MATURITY_SCAN_QUESTIONS", f"{MINI_SETS}:{RULES_SETS}")
    return path


# ------------------------------------------------------------------ loading


def test_the_fixture_declares_rules_and_definitions() -> None:
    qs = load_question_set(RULES_FILE)
    assert qs.scoring == ScoringRules(min_coverage=0.75, overall="lowest")
    assert [d.id for d in qs.definitions] == ["eenheid", "periode"]
    assert qs.definitions[1].term.get("en") == "Period"


def test_a_set_without_the_new_tables_has_the_1_0_rules_and_no_definitions() -> None:
    qs = load_question_set(MINI_SETS / "mini.toml")
    assert qs.scoring == ScoringRules(min_coverage=0.5, overall="mean")
    assert qs.definitions == []


Mutation = Callable[[dict[str, Any]], object]
DEFINITION = {
    "id": "doelgroep",
    "term": {"nl": "Doelgroep", "en": "Target group"},
    "text": {"nl": "Mensen met afstand.", "en": "People far from work."},
}

BROKEN: list[tuple[str, Mutation, str, list[str]]] = [
    (
        "coverage-zero",
        lambda d: d.update(scoring={"min_coverage": 0}),
        "scoring.min_coverage",
        ["> 0"],
    ),
    (
        "coverage-above-one",
        lambda d: d.update(scoring={"min_coverage": 1.5}),
        "scoring.min_coverage",
        ["<= 1"],
    ),
    (
        "overall-unknown",
        lambda d: d.update(scoring={"overall": "median"}),
        "scoring.overall",
        ["'median'"],
    ),
    (
        "scoring-unknown-field",
        lambda d: d.update(scoring={"floor": 2}),
        "scoring",
        ["unknown field `floor`"],
    ),
    (
        "duplicate-definition",
        lambda d: d.update(definitions=[DEFINITION, DEFINITION]),
        "definitions",
        ["'doelgroep'", "unique"],
    ),
    (
        "definition-missing-language",
        lambda d: d.update(definitions=[{**DEFINITION, "text": {"nl": "Alleen Nederlands."}}]),
        "definitions[doelgroep].text",
        ["`en`", "missing"],
    ),
    (
        "definition-bad-id",
        lambda d: d.update(definitions=[{**DEFINITION, "id": "Doel groep"}]),
        "definitions[Doel groep].id",
        ["regex"],
    ),
]


@pytest.mark.parametrize(
    ("mutate", "field", "expected"),
    [pytest.param(m, f, e, id=name) for name, m, f, e in BROKEN],
)
def test_broken_rules_or_definitions_name_the_field(
    tmp_path: Path, mutate: Mutation, field: str, expected: list[str]
) -> None:
    data = copy.deepcopy(mini_data())
    mutate(data)
    path = write_set(tmp_path / "broken.toml", data)
    with pytest.raises(ScanError) as info:
        load_question_set(path)
    en = info.value.render("en")
    assert "\n" not in en
    assert en.startswith(f"{path}: ")
    assert f"field {field}" in en, en
    for fragment in expected:
        assert fragment in en, en


def test_valid_edges_of_min_coverage(tmp_path: Path) -> None:
    for coverage in (1, 0.001):
        data = copy.deepcopy(mini_data())
        data["scoring"] = {"min_coverage": coverage, "overall": "lowest"}
        qs = load_question_set(write_set(tmp_path / "ok.toml", data))
        assert qs.scoring.min_coverage == coverage


# ------------------------------------------------------------------ questions show


def test_questions_show_prints_the_definitions(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--lang", "en", "questions", "show", "mini-rules")
    assert (code, err) == (0, "")
    head = out.split("Levels:")[0]
    assert "Scope and definitions:" in head
    assert "  Unit: The part of the organisation the scan describes." in head
    assert "  Period: The last 12 months." in head
    code, out, _ = run(capsys, "questions", "show", "mini-rules")
    assert "Afbakening en begrippen:" in out and "  Periode: De laatste 12 maanden." in out
    # a set without definitions prints no heading for them
    code, out, _ = run(capsys, "--lang", "en", "questions", "show", "mini")
    assert "Scope and definitions" not in out


def test_questions_show_json_carries_rules_and_definitions(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "questions", "show", "mini-rules", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["scoring"] == {"min_coverage": 0.75, "overall": "lowest"}
    assert data["definitions"][0] == {
        "id": "eenheid",
        "term": {"nl": "Eenheid", "en": "Unit"},
        "text": {
            "nl": "Het deel van de organisatie dat de scan beschrijft.",
            "en": "The part of the organisation the scan describes.",
        },
    }


# ------------------------------------------------------------------ the answers file


def test_template_carries_the_definitions(catalog: Catalog) -> None:
    data = template(catalog.get("mini-rules"))
    assert list(data) == ["question_set", "question_set_version", "definitions", "answers", "notes"]
    assert data["definitions"]["periode"] == {
        "term": {"nl": "Periode", "en": "Period"},
        "text": {"nl": "De laatste 12 maanden.", "en": "The last 12 months."},
    }
    # the template as written is read back (definitions and all), once something is answered
    data["answers"]["a1"] = 3
    qs, records = parse_answers(json.dumps(data).encode(), "t.json", catalog)
    assert qs.id == "mini-rules" and records["a1"].level == 3


def test_template_of_a_set_without_definitions_is_as_before(catalog: Catalog) -> None:
    assert list(template(catalog.get("mini"))) == [
        "question_set",
        "question_set_version",
        "answers",
        "notes",
    ]


def test_template_command_writes_the_definitions(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "template", "--questions", "mini-rules")
    assert (code, err) == (0, "")
    assert json.loads(out)["definitions"]["eenheid"]["term"]["en"] == "Unit"


def _answers(set_id: str, answers: dict[str, Any], notes: dict[str, Any] | None = None) -> bytes:
    return json.dumps({"question_set": set_id, "answers": answers, "notes": notes or {}}).encode()


def test_na_without_a_reason_is_refused_in_a_set_with_definitions(catalog: Catalog) -> None:
    with pytest.raises(ScanError) as info:
        parse_answers(_answers("mini-rules", {"a1": 3, "a2": "na"}), "in.json", catalog)
    for lang, words in (("en", "give a short reason"), ("nl", "geef in notes een korte reden")):
        message = info.value.render(lang)
        assert "\n" not in message
        assert message.startswith("in.json: ") and "'a2'" in message and words in message
    # a note of only spaces is no reason
    with pytest.raises(ScanError):
        parse_answers(_answers("mini-rules", {"a1": 3, "a2": "na"}, {"a2": "  "}), "x", catalog)


def test_na_with_a_reason_is_stored_with_it(catalog: Catalog) -> None:
    data = _answers("mini-rules", {"a1": 3, "a2": "na"}, {"a2": "geen eigen inkoop"})
    _, records = parse_answers(data, "in.json", catalog)
    assert (records["a2"].level, records["a2"].note) == ("na", "geen eigen inkoop")


def test_na_without_a_reason_is_still_accepted_in_a_set_without_definitions(
    catalog: Catalog,
) -> None:
    _, records = parse_answers(_answers("mini", {"a1": 3, "a2": "na"}), "in.json", catalog)
    assert (records["a2"].level, records["a2"].note) == ("na", "")


# ------------------------------------------------------------------ scan show --json


def test_scan_show_json_carries_the_rules(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "answers.json"
    # alpha 3 of 3 answered (a3 na with a reason: 2 of 2 applicable); beta 1 of 2 -> under
    # 0.75 no level, so under "lowest" no overall level although alpha has one
    path.write_bytes(
        _answers("mini-rules", {"a1": 4, "a2": 5, "a3": "na", "b1": 2}, {"a3": "n.v.t."})
    )
    code, out, err = run(capsys, "scan", "new", "--org", "Gemeente X", "--answers", str(path))
    assert (code, err) == (0, ""), err
    code, out, err = run(capsys, "scan", "show", out.strip(), "--json")
    assert code == 0, err
    scores = json.loads(out)["scores"]
    assert scores["rules"] == {"min_coverage": 0.75, "overall": "lowest"}
    assert [p["level"] for p in scores["principles"]] == [4, None]
    assert scores["overall"]["level"] is None
