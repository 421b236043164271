"""The export format: structure, self-contained scores, round trip, JSON Schema, file names."""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from datetime import datetime, timezone
from fractions import Fraction
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maturity_scan import __version__
from maturity_scan.core.models import (
    AnswerRecord,
    AnswerValue,
    Respondent,
    Scan,
    ScoringRules,
    SetRef,
    Target,
)
from maturity_scan.errors import ScanError
from maturity_scan.exchange.export import (
    SCHEMA_VERSION,
    ExportFile,
    build_export,
    default_export_name,
    encode_export,
    export_scan,
    parse_export,
    read_export,
)
from maturity_scan.exchange.export_schema import SCHEMA_FILE, export_json_schema
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets.loading import Catalog, load_catalog
from maturity_scan.storage.store import Store
from tests.test_scoring import build_set

SETS = Path(__file__).parent / "fixtures" / "sets"
UTC = timezone.utc  # noqa: UP017 - reads the same on every Python 3
EXPORTED_AT = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([builtin_questions_dir(), SETS])


def mini_scan(scan_id: str, answers: dict[str, AnswerValue], **kw: Any) -> Scan:
    notes: dict[str, str] = kw.pop("notes", {})
    return Scan(
        id=scan_id,
        organisation=kw.pop("organisation", "Gemeente Utrecht"),
        respondent=kw.pop("respondent", Respondent(name="Ans", role="inkoper")),
        question_set=SetRef(id="mini", version="1"),
        status=kw.pop("status", "completed"),
        started_at=datetime(2025, 3, 1, 9, tzinfo=UTC),
        completed_at=kw.pop("completed_at", datetime(2025, 3, 1, 10, tzinfo=UTC)),
        answers={
            q: AnswerRecord(level=answers.get(q), note=notes.get(q, "")) for q in {*answers, *notes}
        },
    )


def export_dict(scans: list[Scan], catalog: Catalog) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(encode_export(build_export(scans, catalog, EXPORTED_AT)))
    return data


SAMPLE = [
    # alpha (3.25, 3), beta (3.0, 3)
    mini_scan("a" * 32, {"a1": 3, "a2": 4, "a3": 2, "b1": 2, "b2": 5}, notes={"a1": "note a1"}),
    # alpha: 1 of 3 answered -> no level; beta: b2 na, b1 4 -> 4
    mini_scan("b" * 32, {"a1": 5, "a2": "unknown", "b1": 4, "b2": "na"}, organisation="Achmea"),
    # a draft with nothing answered
    mini_scan("c" * 32, {}, status="draft", completed_at=None, respondent=Respondent()),
]


# ------------------------------------------------------------------ structure


def test_top_level_keys(catalog: Catalog) -> None:
    data = export_dict(SAMPLE, catalog)
    assert list(data) == [
        "schema_version",
        "exported_at",
        "generator",
        "scans",
        "targets",
        "organisations",
        "rounds",
    ]
    assert data["schema_version"] == 6
    assert datetime.fromisoformat(data["exported_at"]) == EXPORTED_AT
    assert data["generator"] == f"maturity-scan {__version__}"
    assert [s["id"] for s in data["scans"]] == ["a" * 32, "b" * 32, "c" * 32]


def test_scan_keys_and_values(catalog: Catalog) -> None:
    scan = export_dict(SAMPLE, catalog)["scans"][0]
    assert list(scan) == [
        "id",
        "organisation",
        "respondent",
        "question_set",
        "status",
        "started_at",
        "completed_at",
        "answers",
        "scores",
        "taken_at",
    ]
    assert scan["organisation"] == "Gemeente Utrecht"
    assert scan["respondent"] == {"name": "Ans", "role": "inkoper"}
    assert scan["question_set"] == {"id": "mini", "version": "1"}
    assert scan["status"] == "completed"
    assert datetime.fromisoformat(scan["started_at"]) == datetime(2025, 3, 1, 9, tzinfo=UTC)
    assert datetime.fromisoformat(scan["completed_at"]) == datetime(2025, 3, 1, 10, tzinfo=UTC)


def test_draft_has_null_completed_at(catalog: Catalog) -> None:
    scan = export_dict(SAMPLE, catalog)["scans"][2]
    assert scan["status"] == "draft"
    assert scan["completed_at"] is None
    assert scan["respondent"] == {"name": None, "role": None}


def test_answers_one_per_question_with_principle_and_weight(catalog: Catalog) -> None:
    scan = export_dict(SAMPLE, catalog)["scans"][1]
    assert [list(a) for a in scan["answers"]] == [
        ["question", "principle", "weight", "level", "note"]
    ] * 5
    assert [(a["question"], a["principle"], a["weight"], a["level"]) for a in scan["answers"]] == [
        ("a1", "alpha", 1.0, 5),
        ("a2", "alpha", 2.0, "unknown"),
        ("a3", "alpha", 1.0, None),
        ("b1", "beta", 1.0, 4),
        ("b2", "beta", 0.5, "na"),
    ]
    first = export_dict(SAMPLE, catalog)["scans"][0]
    assert [a["note"] for a in first["answers"]] == ["note a1", "", "", "", ""]


def test_unanswered_scan_has_every_question(catalog: Catalog) -> None:
    scan = export_dict(SAMPLE, catalog)["scans"][2]
    assert [a["question"] for a in scan["answers"]] == ["a1", "a2", "a3", "b1", "b2"]
    assert all(a["level"] is None for a in scan["answers"])


def test_principle_scores(catalog: Catalog) -> None:
    scores = export_dict(SAMPLE, catalog)["scans"][0]["scores"]
    assert list(scores) == ["principles", "overall", "rules"]
    # the mini set declares no [scoring]: the defaults, those of 1.0
    assert scores["rules"] == {"min_coverage": 0.5, "overall": "mean"}
    alpha, beta = scores["principles"]
    assert list(alpha) == [
        "id",
        "title",
        "score",
        "level",
        "level_name",
        "answered",
        "applicable",
        "questions",
        "next_steps",
    ]
    # alpha: (3 + 2*4 + 2) / 4 = 3.25 -> 3 "Drie"/"Three"
    assert alpha == {
        "id": "alpha",
        "title": {"nl": "Principe alpha", "en": "Principle alpha"},
        "score": 3.25,
        "level": 3,
        "level_name": {"nl": "Drie", "en": "Three"},
        "answered": 3,
        "applicable": 3,
        "questions": 3,
        # the mini set has no steps per answer: its advice for level 3
        "next_steps": [
            {
                "kind": "level",
                "question": None,
                "from_level": 3,
                "to_level": 4,
                "text": {"nl": "alpha stap 3", "en": "alpha step 3"},
                "source": None,
            }
        ],
    }
    # beta: (2 + 0.5*5) / 1.5 = 3.0 -> 3
    assert (beta["score"], beta["level"], beta["answered"], beta["applicable"]) == (3.0, 3, 2, 2)
    # overall: (3.25 + 3.0) / 2 = 3.125 -> 3
    assert list(scores["overall"]) == ["score", "level", "level_name"]
    assert scores["overall"]["score"] == pytest.approx(3.125)
    assert scores["overall"]["level"] == 3
    assert scores["overall"]["level_name"] == {"nl": "Drie", "en": "Three"}


def test_no_level_gives_null_level_name(catalog: Catalog) -> None:
    scores = export_dict(SAMPLE, catalog)["scans"][1]["scores"]
    alpha, beta = scores["principles"]
    # alpha: a1=5 only, 1 < 3/2 -> no level; the score 5.0 is still there
    assert (alpha["score"], alpha["level"], alpha["level_name"]) == (5.0, None, None)
    assert (beta["score"], beta["level"], beta["applicable"]) == (4.0, 4, 1)
    # overall: beta alone -> 4 "Vier"
    assert scores["overall"] == {
        "score": 4.0,
        "level": 4,
        "level_name": {"nl": "Vier", "en": "Four"},
    }
    empty = export_dict(SAMPLE, catalog)["scans"][2]["scores"]
    assert empty["overall"] == {"score": None, "level": None, "level_name": None}


# ------------------------------------------------------------------ recomputing from answers alone


def recompute(scan: dict[str, Any]) -> dict[str, Any]:
    """Every score of an exported scan from its ``answers`` list and ``scores.rules`` alone
    (the rules of issue 2, as the set declares them since issue 12)."""
    rules = scan["scores"].get("rules") or {"min_coverage": 0.5, "overall": "mean"}
    min_coverage = Fraction(str(rules["min_coverage"]))
    by_principle: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for answer in scan["answers"]:
        by_principle[answer["principle"]].append(answer)
    principles = {}
    for pid, answers in by_principle.items():
        rated = [
            (Fraction(str(a["weight"])), a["level"])
            for a in answers
            if isinstance(a["level"], int) and not isinstance(a["level"], bool)
        ]
        applicable = sum(1 for a in answers if a["level"] != "na")
        score = sum(w * lv for w, lv in rated) / sum(w for w, _ in rated) if rated else None
        level = (
            math.floor(score)
            if score is not None
            and applicable > 0
            and Fraction(len(rated), applicable) >= min_coverage
            else None
        )
        principles[pid] = {
            "score": score,
            "level": level,
            "answered": len(rated),
            "applicable": applicable,
            "questions": len(answers),
        }
    counted = [p["score"] for p in principles.values() if p["level"] is not None]
    mean = sum(counted, Fraction(0)) / len(counted) if counted else None
    levels = [p["level"] for p in principles.values()]
    if rules["overall"] == "lowest":
        level = None if None in levels else min(levels)
    else:
        level = math.floor(mean) if mean is not None else None
    return {"principles": principles, "overall": {"score": mean, "level": level}}


def assert_scores_recompute(scan: dict[str, Any]) -> None:
    expected = recompute(scan)
    exported = scan["scores"]
    assert [p["id"] for p in exported["principles"]] == list(expected["principles"])
    for p in exported["principles"]:
        want = expected["principles"][p["id"]]
        assert (p["level"], p["answered"], p["applicable"], p["questions"]) == (
            want["level"],
            want["answered"],
            want["applicable"],
            want["questions"],
        )
        if want["score"] is None:
            assert p["score"] is None
        else:
            assert p["score"] == pytest.approx(float(want["score"]), abs=0.005)
        assert (p["level_name"] is None) == (p["level"] is None)
    want = expected["overall"]
    assert exported["overall"]["level"] == want["level"]
    if want["score"] is None:
        assert exported["overall"]["score"] is None
    else:
        assert exported["overall"]["score"] == pytest.approx(float(want["score"]), abs=0.005)


def test_sample_scores_recompute(catalog: Catalog) -> None:
    for scan in export_dict(SAMPLE, catalog)["scans"]:
        assert_scores_recompute(scan)


ANSWER = st.one_of(st.none(), st.integers(1, 5), st.just("unknown"), st.just("na"))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_every_exported_score_recomputes(catalog: Catalog, data: st.DataObject) -> None:
    set_id = data.draw(st.sampled_from(["mini", "sociale-inkoop"]), label="set")
    qs = catalog.get(set_id)
    answers: dict[str, AnswerValue] = {}
    for _, q in qs.questions():
        value = data.draw(ANSWER, label=q.id)
        if value == "na" and not q.allow_na:
            value = None
        answers[q.id] = value
    scan = msgspec.structs.replace(
        mini_scan("d" * 32, answers), question_set=SetRef(id=qs.id, version=qs.version)
    )
    exported = json.loads(encode_export(build_export([scan], catalog, EXPORTED_AT)))["scans"][0]
    assert_scores_recompute(exported)


COVERAGE = st.one_of(
    st.sampled_from([0.5, 0.75, 0.667, 1 / 3, 0.1 + 0.2, 1.0]),
    st.floats(min_value=0, max_value=1, exclude_min=True),
)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_scores_recompute_from_the_export_alone_under_both_rules(data: st.DataObject) -> None:
    """Any rules a set declares travel in the export: the scores follow from the file alone,
    exactly (a Fraction reference; the float of an exact score is the nearest one)."""
    shape = data.draw(
        st.lists(
            st.lists(st.sampled_from([1.0, 0.1, 2.5, 1 / 3]), min_size=1, max_size=6),
            min_size=1,
            max_size=4,
        ),
        label="shape",
    )
    rules = ScoringRules(
        min_coverage=data.draw(COVERAGE, label="min_coverage"),
        overall=data.draw(st.sampled_from(["mean", "lowest"]), label="overall"),
    )
    qs = msgspec.structs.replace(build_set(shape), scoring=rules)
    answers = {q.id: data.draw(ANSWER, label=q.id) for _, q in qs.questions()}
    scan = msgspec.structs.replace(
        mini_scan("e" * 32, answers), question_set=SetRef(id=qs.id, version=qs.version)
    )
    exported = json.loads(encode_export(export_file_of([export_scan(scan, qs)])))["scans"][0]
    assert exported["scores"]["rules"] == {
        "min_coverage": rules.min_coverage,
        "overall": rules.overall,
    }
    expected = recompute(exported)
    assert_scores_recompute(exported)
    for p in exported["scores"]["principles"]:
        want = expected["principles"][p["id"]]["score"]
        assert p["score"] == (None if want is None else float(want))
    mean = expected["overall"]["score"]
    assert exported["scores"]["overall"]["score"] == (None if mean is None else float(mean))


def export_file_of(scans: list[Any]) -> ExportFile:
    return ExportFile(
        schema_version=SCHEMA_VERSION, exported_at=EXPORTED_AT, generator="t", scans=scans
    )


def test_version_3_files_without_rules_are_still_read(catalog: Catalog) -> None:
    data = export_dict(SAMPLE, catalog)
    data["schema_version"] = 3
    for scan in data["scans"]:
        del scan["scores"]["rules"]
    imported = read_export(json.dumps(data).encode(), "old.json", catalog)
    assert [s.id for s in imported.scans] == [s.id for s in SAMPLE]


# ------------------------------------------------------------------ round trip


def _without_exported_at(data: bytes) -> dict[str, Any]:
    decoded: dict[str, Any] = json.loads(data)
    decoded.pop("exported_at")
    return decoded


def test_export_import_export_gives_the_same_scans(catalog: Catalog, tmp_path: Path) -> None:
    source = Store(tmp_path / "source.json")
    for scan in SAMPLE:
        source.add(scan)
    first = encode_export(build_export(source.scans(), catalog, EXPORTED_AT))

    target = Store(tmp_path / "target.json")
    assert target.import_scans(parse_export(first, "first.json", catalog), "first.json") == (3, 0)
    second = encode_export(build_export(target.scans(), catalog, datetime(2026, 1, 1, tzinfo=UTC)))
    assert _without_exported_at(second) == _without_exported_at(first)
    assert {s.id: s for s in target.scans()} == {s.id: s for s in source.scans()}
    # importing it again adds nothing
    assert target.import_scans(parse_export(second, "second.json", catalog), "second.json") == (
        0,
        3,
    )


def test_import_ignores_exported_scores(catalog: Catalog) -> None:
    data = export_dict(SAMPLE[:1], catalog)
    data["scans"][0]["scores"]["principles"][0]["score"] = 1.0
    scans = parse_export(json.dumps(data).encode(), "x.json", catalog)
    again = export_scan(scans[0], catalog.get("mini"))
    assert again.scores.principles[0].score == 3.25


# ------------------------------------------------------------------ bad imports


def _import_error(catalog: Catalog, data: Any) -> str:
    with pytest.raises(ScanError) as info:
        parse_export(json.dumps(data).encode(), "in.json", catalog)
    message = info.value.render("en")
    assert "\n" not in message
    assert message.startswith("in.json: ") or "in.json" in message
    return message


def test_import_unknown_schema_version(catalog: Catalog) -> None:
    data = export_dict(SAMPLE, catalog)
    data["schema_version"] = 7
    assert "schema_version 7 is unknown" in _import_error(catalog, data)
    data["schema_version"] = "1"
    assert 'schema_version "1" is unknown' in _import_error(catalog, data)


def test_import_missing_schema_version(catalog: Catalog) -> None:
    data = export_dict(SAMPLE, catalog)
    del data["schema_version"]
    assert "`schema_version`" in _import_error(catalog, data)


def test_import_na_not_allowed(catalog: Catalog) -> None:
    data = export_dict(SAMPLE[:1], catalog)
    data["scans"][0]["answers"][0]["level"] = "na"  # a1 does not allow "na"
    message = _import_error(catalog, data)
    assert "'a1'" in message and '"na"' in message


def test_import_principle_mismatch(catalog: Catalog) -> None:
    data = export_dict(SAMPLE[:1], catalog)
    data["scans"][0]["answers"][0]["principle"] = "beta"
    message = _import_error(catalog, data)
    assert "'a1'" in message and "'alpha'" in message and "'beta'" in message


def test_import_duplicate_answer(catalog: Catalog) -> None:
    data = export_dict(SAMPLE[:1], catalog)
    data["scans"][0]["answers"].append(data["scans"][0]["answers"][0])
    assert "'a1'" in _import_error(catalog, data)


def test_import_unknown_question(catalog: Catalog) -> None:
    data = export_dict(SAMPLE[:1], catalog)
    data["scans"][0]["answers"][0]["question"] = "zz"
    assert "unknown question 'zz'" in _import_error(catalog, data)


def test_import_level_out_of_range(catalog: Catalog) -> None:
    data = export_dict(SAMPLE[:1], catalog)
    data["scans"][0]["answers"][3]["level"] = 6
    message = _import_error(catalog, data)
    # the path names the scan and the question: scans[<id>].answers[b1].level
    assert f"field scans[{'a' * 32}].answers[b1].level: expected `int` <= 5" in message


def test_import_unknown_question_set(catalog: Catalog) -> None:
    data = export_dict(SAMPLE[:1], catalog)
    data["scans"][0]["question_set"] = {"id": "other", "version": "1"}
    with pytest.raises(ScanError) as info:
        parse_export(json.dumps(data).encode(), "in.json", catalog)
    assert "'other'" in info.value.render("en")


# ------------------------------------------------------------------ JSON Schema


def test_schema_file_is_shipped_and_current() -> None:
    assert SCHEMA_FILE.name == "export.schema.json"
    assert SCHEMA_FILE.is_file()
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == export_json_schema()


def test_schema_describes_the_documented_fields() -> None:
    schema = export_json_schema()
    defs = schema["$defs"]
    assert defs["ExportFile"]["required"] == ["schema_version", "exported_at", "generator", "scans"]
    assert set(defs["ExportScan"]["properties"]) == {
        "id",
        "organisation",
        "respondent",
        "question_set",
        "status",
        "started_at",
        "completed_at",
        "answers",
        "scores",
        "taken_at",
        "follows",
        "carried",
        "round",
    }
    # written only when set: none is required
    assert {"follows", "carried", "round"}.isdisjoint(defs["ExportScan"]["required"])
    assert set(defs["Organisation"]["properties"]) == {"name", "groups", "rescan_months"}
    assert defs["Organisation"]["required"] == ["name"]
    assert defs["ExportFile"]["properties"]["schema_version"]["enum"] == [1, 2, 3, 4, 5, 6]
    assert set(defs["ExportAnswer"]["properties"]) == {
        "question",
        "principle",
        "weight",
        "level",
        "note",
    }


def test_export_validates_structurally(catalog: Catalog) -> None:
    data = encode_export(build_export(SAMPLE, catalog, EXPORTED_AT))
    decoded = msgspec.json.decode(data, type=ExportFile)
    assert len(decoded.scans) == 3
    assert decoded.scans[1].answers[4].level == "na"


def test_structural_check_can_fail(catalog: Catalog) -> None:
    data = export_dict(SAMPLE, catalog)
    data["scans"][0]["extra"] = 1
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(json.dumps(data).encode(), type=ExportFile)


def test_encoded_export_is_indented_utf8_with_newline(catalog: Catalog) -> None:
    scan = msgspec.structs.replace(SAMPLE[0], organisation="Gemeente Súdwest-Fryslân")
    data = encode_export(build_export([scan], catalog, EXPORTED_AT))
    assert data.endswith(b"}\n")
    assert "Súdwest-Fryslân".encode() in data
    assert b'\n  "scans": [' in data


# ------------------------------------------------------------------ file names


@pytest.mark.parametrize(
    ("organisation", "expected"),
    [
        ("Gemeente Utrecht", "gemeente-utrecht-2025-07-01.json"),
        ("../../etc", "etc-2025-07-01.json"),
        ("a/b", "a-b-2025-07-01.json"),
        ("", "scan-2025-07-01.json"),
        ("   ", "scan-2025-07-01.json"),
        ("CON", "scan-con-2025-07-01.json"),
        ("nul", "scan-nul-2025-07-01.json"),
        ("C:\\Windows\\x", "c-windows-x-2025-07-01.json"),
    ],
)
def test_default_export_name(organisation: str, expected: str) -> None:
    assert default_export_name(organisation, "2025-07-01") == expected


@given(st.text(max_size=300))
def test_default_export_name_is_always_safe(organisation: str) -> None:
    name = default_export_name(organisation, "2025-07-01")
    assert name.endswith("-2025-07-01.json")
    assert "/" not in name and "\\" not in name and ".." not in name
    assert not name.startswith((".", "-"))
    stem = name.split(".")[0].lower()  # what Windows compares with its reserved names
    assert stem not in {"con", "prn", "aux", "nul"}
    assert not re.fullmatch(r"(com|lpt)\d", stem)
    assert len(name) <= 60 + len("-2025-07-01.json")
    assert re.fullmatch(r"[\w-]+-2025-07-01\.json", name)


def test_version_1_exports_without_targets_are_still_read(catalog: Catalog) -> None:
    data = export_dict(SAMPLE, catalog)
    data["schema_version"] = 1
    del data["targets"]
    imported = read_export(json.dumps(data).encode(), "v1.json", catalog)
    assert [s.id for s in imported.scans] == ["a" * 32, "b" * 32, "c" * 32]
    assert imported.targets == []


def test_targets_round_trip_and_unknown_principle_is_refused(catalog: Catalog) -> None:
    target = Target(organisation="Gemeente A", question_set="mini", principle="beta", level=3)
    export = build_export([], catalog, EXPORTED_AT, [target])
    assert read_export(encode_export(export), "t.json", catalog).targets == [target]
    data = json.loads(encode_export(export))
    data["targets"][0]["principle"] = "gamma"
    with pytest.raises(ScanError) as info:
        read_export(json.dumps(data).encode(), "t.json", catalog)
    assert info.value.key == "err.unknown_principle" and "gamma" in info.value.render("en")
