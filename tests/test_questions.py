"""Question sets: the shipped set meets the spec; every broken file gives a one-line error
naming the file, the field path and what was expected; versions and the catalog."""

from __future__ import annotations

import copy
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from maturity_scan.config import Config
from maturity_scan.core.catalog import Catalog, version_key
from maturity_scan.errors import ScanError
from maturity_scan.paths import builtin_questions_dir, question_dirs
from maturity_scan.question_sets.loading import load_catalog, load_question_set

SETS = Path(__file__).parent / "fixtures" / "sets"
MINI = SETS / "mini.toml"
SHIPPED = Path(__file__).parent.parent / "questions" / "sociale-inkoop.toml"


# ------------------------------------------------------------------ a small TOML writer


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # JSON string escapes are valid TOML basic-string escapes
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
        )
    raise TypeError(type(value))


def dump_toml(data: dict[str, Any]) -> str:
    """Every top-level key on one line, nested values as inline tables and arrays."""
    return "".join(f"{json.dumps(k)} = {_toml_value(v)}\n" for k, v in data.items())


def mini_data() -> dict[str, Any]:
    return tomllib.loads(MINI.read_text(encoding="utf-8"))


def write_set(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_toml(data), encoding="utf-8")
    return path


def test_toml_writer_round_trips_the_mini_set(tmp_path: Path) -> None:
    data = mini_data()
    assert tomllib.loads(dump_toml(data)) == data
    qs = load_question_set(write_set(tmp_path / "copy.toml", data))
    assert qs == load_question_set(MINI)


# ------------------------------------------------------------------ the shipped set


@pytest.fixture(scope="module")
def shipped_catalog() -> Catalog:
    return load_catalog([builtin_questions_dir()])


def test_shipped_set_is_found_by_the_default_dirs(shipped_catalog: Catalog) -> None:
    assert builtin_questions_dir().resolve() == SHIPPED.parent.resolve()
    qs = shipped_catalog.get("sociale-inkoop", "1.0")
    assert shipped_catalog.files[(qs.id, qs.version)].resolve() == SHIPPED.resolve()
    # 2.0 is installed beside it, and is what a new scan uses
    latest = shipped_catalog.get("sociale-inkoop")
    assert latest.version == "2.0"
    assert (
        shipped_catalog.files[(qs.id, "2.0")].resolve()
        == SHIPPED.with_name("sociale-inkoop-2.0.toml").resolve()
    )
    assert question_dirs((), environ={})[0] == builtin_questions_dir()


def test_shipped_set_structure(shipped_catalog: Catalog) -> None:
    qs = shipped_catalog.get("sociale-inkoop")
    assert [p.id for p in qs.principles] == ["bestuur", "hr-inkoop", "keten"]
    assert [d.level for d in qs.levels] == [1, 2, 3, 4, 5]
    for principle in qs.principles:
        assert len(principle.questions) >= 6, principle.id
        for question in principle.questions:
            assert len(question.answers) == 5, question.id
            assert question.weight > 0
    ids = [q.id for _, q in qs.questions()]
    assert len(ids) == len(set(ids))


def _texts(value: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every Text-like {nl, en} object in ``value`` with its path."""
    found = []
    if isinstance(value, dict):
        if set(value) == {"nl", "en"}:
            return [(path, value)]
        for k, v in value.items():
            found += _texts(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _texts(v, f"{path}[{i}]")
    return found


def test_shipped_set_both_languages_everywhere() -> None:
    raw = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))
    texts = _texts(raw)
    # 22 questions x (text, help, 5 anchors) alone are 154 texts.
    assert len(texts) > 150
    for path, text in texts:
        assert text["nl"].strip(), path
        assert text["en"].strip(), path
    questions = [q for p in raw["principles"] for q in p["questions"]]
    # translated, not copied: every question reads differently in the two languages
    assert all(q["text"]["nl"] != q["text"]["en"] for q in questions)
    assert all(q["help"]["nl"].strip() and q["help"]["en"].strip() for q in questions)


def test_shipped_set_advice(shipped_catalog: Catalog) -> None:
    qs = shipped_catalog.get("sociale-inkoop")
    for principle in qs.principles:
        assert sorted(a.level for a in principle.advice) == [1, 2, 3, 4, 5], principle.id
        for level in range(1, 5):
            steps = qs.advice_for(principle.id, level)
            assert 2 <= len(steps) <= 4, (principle.id, level)
            assert all(s["nl"].strip() and s["en"].strip() for s in steps)
        assert len(qs.advice_for(principle.id, 5)) >= 1


def test_shipped_set_levels_named_in_both_languages(shipped_catalog: Catalog) -> None:
    qs = shipped_catalog.get("sociale-inkoop")
    for n in range(1, 6):
        level = qs.level_def(n)
        assert level.name["nl"] and level.name["en"]
        assert level.description["nl"] and level.description["en"]


# ------------------------------------------------------------------ broken sets

Mutation = Callable[[dict[str, Any]], None]


def _q(data: dict[str, Any], p: int, q: int) -> dict[str, Any]:
    return data["principles"][p]["questions"][q]


BROKEN: list[tuple[str, Mutation, str, list[str]]] = [
    # (name, how to break the mini set, field path in the message, what was expected)
    (
        "missing-en-translation",
        lambda d: _q(d, 0, 1)["text"].pop("en"),
        "principles[alpha].questions[a2].text",
        ["`en`", "missing"],
    ),
    (
        "empty-en-translation",
        lambda d: d["levels"][2]["name"].update(en=""),
        "levels[2].name.en",
        ["length >= 1"],
    ),
    (
        "missing-level-4",
        lambda d: d["levels"].pop(3),
        "levels",
        ["level 4", "1-5"],
    ),
    (
        "duplicate-level",
        lambda d: d["levels"][3].update(level=3),
        "levels",
        ["level 3", "more than once", "1-5"],
    ),
    (
        "level-6",
        lambda d: d["levels"][4].update(level=6),
        "levels[4].level",
        ["<= 5"],
    ),
    (
        "extra-level-6",
        lambda d: d["levels"].append({**d["levels"][0], "level": 6}),
        "levels[5].level",
        ["<= 5"],
    ),
    (
        "level-0",
        lambda d: d["levels"][0].update(level=0),
        "levels[0].level",
        [">= 1"],
    ),
    (
        "duplicate-question-id",
        lambda d: _q(d, 1, 0).update(id="a1"),
        "principles[beta].questions",
        ["'a1'", "unique"],
    ),
    (
        "duplicate-principle-id",
        lambda d: d["principles"][1].update(id="alpha"),
        "principles",
        ["'alpha'", "unique"],
    ),
    (
        "weight-not-a-number",
        lambda d: _q(d, 0, 0).update(weight="x"),
        "principles[alpha].questions[a1].weight",
        ["`float`", "`str`"],
    ),
    (
        "weight-zero",
        lambda d: _q(d, 1, 1).update(weight=0),
        "principles[beta].questions[b2].weight",
        ["> 0"],
    ),
    (
        "four-anchors",
        lambda d: _q(d, 0, 0)["answers"].pop(),
        "principles[alpha].questions[a1].answers",
        ["length >= 5"],
    ),
    (
        "unknown-field",
        lambda d: _q(d, 1, 1).update(colour="red"),
        "principles[beta].questions[b2]",
        ["unknown field `colour`"],
    ),
    (
        "missing-principle-id",
        lambda d: d["principles"][1].pop("id"),
        "principles[1]",
        ["`id`", "missing"],
    ),
    (
        "allow-na-not-bool",
        lambda d: _q(d, 0, 2).update(allow_na="yes"),
        "principles[alpha].questions[a3].allow_na",
        ["`bool`"],
    ),
    (
        "duplicate-advice-level",
        lambda d: d["principles"][0]["advice"][1].update(level=1),
        "principles[alpha].advice",
        ["level 1"],
    ),
    (
        "bad-question-id",
        lambda d: _q(d, 0, 0).update(id="A 1"),
        "principles[alpha].questions[A 1].id",
        ["regex"],
    ),
]


@pytest.mark.parametrize(
    ("mutate", "field", "expected"),
    [pytest.param(m, f, e, id=name) for name, m, f, e in BROKEN],
)
def test_broken_set_error_names_file_field_and_expectation(
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
    nl = info.value.render("nl")
    assert "\n" not in nl
    assert nl.startswith(f"{path}: veld {field}")


def test_invalid_toml(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(MINI.read_text(encoding="utf-8").replace('version = "1"', "version = "))
    with pytest.raises(ScanError) as info:
        load_question_set(path)
    message = info.value.render("en")
    assert "\n" not in message
    assert message.startswith(f"{path}: not valid TOML")
    assert "line 2" in message  # where the value is missing


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(
        MINI.read_text(encoding="utf-8").replace("Mini-set", "Mini-sét").encode("latin-1")
    )
    with pytest.raises(ScanError) as info:
        load_question_set(path)
    assert info.value.render("en").startswith(f"{path}: not valid UTF-8")


def test_empty_file_names_the_first_missing_field(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_text("")
    with pytest.raises(ScanError) as info:
        load_question_set(path)
    assert re.search(r"missing required field `\w+`", info.value.render("en"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScanError) as info:
        load_question_set(tmp_path / "nope.toml")
    assert info.value.render("en") == f"{tmp_path / 'nope.toml'}: file not found"


def test_duplicate_set_in_two_folders(tmp_path: Path) -> None:
    first = tmp_path / "one" / "mini.toml"
    second = tmp_path / "two" / "copy.toml"
    write_set(first, mini_data())
    write_set(second, mini_data())
    with pytest.raises(ScanError) as info:
        load_catalog([first.parent, second.parent])
    message = info.value.render("en")
    assert "\n" not in message
    assert "mini" in message and "version 1" in message
    assert str(first) in message and str(second) in message


def test_same_folder_twice_is_not_a_duplicate() -> None:
    catalog = load_catalog([SETS, SETS])
    assert catalog.versions("mini") == ["1"]


def test_missing_question_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    with pytest.raises(ScanError) as info:
        load_catalog([SETS, missing])
    message = info.value.render("en")
    assert message == f"{missing}: question set folder does not exist"


def test_a_broken_set_in_a_folder_breaks_the_catalog(tmp_path: Path) -> None:
    data = mini_data()
    data["id"] = "other"
    data["levels"][3]["level"] = 3
    write_set(tmp_path / "sets" / "other.toml", data)
    with pytest.raises(ScanError) as info:
        load_catalog([SETS, tmp_path / "sets"])
    assert str(tmp_path / "sets" / "other.toml") in info.value.render("en")


def test_environment_adds_folders_to_the_shipped_one() -> None:
    config = Config.create(environ={"MATURITY_SCAN_QUESTIONS": str(SETS)})
    assert config.catalog.ids() == ["mini", "sociale-inkoop"]


# ------------------------------------------------------------------ versions and the catalog


def test_version_key_orders_naturally() -> None:
    versions = ["1.10", "2", "1.9", "1.2.1", "1.2", "10.0", "1.0"]
    assert sorted(versions, key=version_key) == ["1.0", "1.2", "1.2.1", "1.9", "1.10", "2", "10.0"]


def test_version_key_numbers_before_text() -> None:
    assert version_key("1.2") < version_key("1.beta")
    assert version_key("1.9") < version_key("1.10")


@pytest.fixture
def versioned(tmp_path: Path) -> Catalog:
    # three versions of the mini set, written in an order that is neither sorted nor reversed
    for version in ("1.9", "1.10", "1.2"):
        data = mini_data()
        data["version"] = version
        write_set(tmp_path / "sets" / f"mini-{version}.toml", data)
    return load_catalog([tmp_path / "sets"])


def test_catalog_get_latest_version(versioned: Catalog) -> None:
    assert versioned.versions("mini") == ["1.2", "1.9", "1.10"]
    assert versioned.get("mini").version == "1.10"
    assert [qs.version for qs in versioned.latest()] == ["1.10"]


def test_catalog_get_given_version(versioned: Catalog) -> None:
    assert versioned.get("mini", "1.9").version == "1.9"
    assert versioned.find("mini", "1.2") is not None
    assert versioned.find("mini", "3") is None


def test_catalog_unknown_id(versioned: Catalog) -> None:
    with pytest.raises(ScanError) as info:
        versioned.get("nope")
    assert info.value.key == "err.qs_unknown"
    assert info.value.render("en") == "unknown question set 'nope' (installed: mini)"


def test_catalog_unknown_version(versioned: Catalog) -> None:
    with pytest.raises(ScanError) as info:
        versioned.get("mini", "7")
    message = info.value.render("en")
    assert info.value.key == "err.qs_unknown_version"
    assert "'mini' version 7" in message
    assert "1.2, 1.9, 1.10" in message
