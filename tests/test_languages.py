"""Languages as data (#11): a text is a language → string mapping, the program's languages
are registered in one place, and a question set declares the languages it provides: a third
language is a key in the data, not a change to the code."""

from __future__ import annotations

import copy
import json
import pickle
import re
import tomllib
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import msgspec
import pytest

from maturity_scan.cli import main
from maturity_scan.core.catalog import Catalog
from maturity_scan.core.models import AnswerRecord, QuestionSet, Respondent, Scan
from maturity_scan.errors import ScanError
from maturity_scan.exchange.export import (
    build_export,
    encode_export,
    read_export,
)
from maturity_scan.exchange.export_schema import export_json_schema
from maturity_scan.lang import (
    DEFAULT_LANG,
    LANG_PATTERN,
    LANGS,
    Text,
    decode_hook,
    languages,
    register_language,
    schema_hook,
    unregister_language,
)
from maturity_scan.question_sets import cache
from maturity_scan.question_sets.loading import load_question_set

MINI = Path(__file__).parent / "fixtures" / "sets" / "mini.toml"
UTC = timezone.utc  # noqa: UP017 - reads the same on every Python 3


def _text_dicts(value: Any) -> Iterator[dict[str, str]]:
    """Every text ({nl, en, ...}) in raw question-set data."""
    if isinstance(value, dict):
        if "nl" in value and isinstance(value["nl"], str):
            yield value
            return
        for item in value.values():
            yield from _text_dicts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _text_dicts(item)


def with_german(data: dict[str, Any]) -> dict[str, Any]:
    """The mini set with every text also in German ("de: " + the English)."""
    data = copy.deepcopy(data)
    data["languages"] = ["nl", "en", "de"]
    for text in _text_dicts(data):
        text["de"] = "de: " + text["en"]
    return data


def mini_data() -> dict[str, Any]:
    return tomllib.loads(MINI.read_text(encoding="utf-8"))


def write(path: Path, data: dict[str, Any]) -> Path:
    """``data`` as TOML: top-level keys first, tables after (a small writer for these sets)."""

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return json.dumps(v)
        if isinstance(v, int | float):
            return repr(v)
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return "{" + ", ".join(f"{json.dumps(k)} = {value(x)}" for k, x in v.items()) + "}"

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{json.dumps(k)} = {value(v)}\n" for k, v in data.items()), "utf-8")
    return path


def load_error(tmp_path: Path, data: dict[str, Any]) -> ScanError:
    path = write(tmp_path / "set.toml", data)
    with pytest.raises(ScanError) as info:
        load_question_set(path)
    return info.value


# ------------------------------------------------------------------ Text


def test_a_text_is_a_read_only_mapping_of_language_to_string() -> None:
    text = Text(nl="Ja", en="Yes")
    assert text == {"nl": "Ja", "en": "Yes"}
    assert list(text) == ["nl", "en"] and text["en"] == "Yes" and len(text) == 2
    assert text.get("en") == "Yes"
    assert text.get("de") == "Ja"  # a language it lacks: its first
    with pytest.raises(TypeError):
        text["de"] = "Ja"
    with pytest.raises(TypeError):
        text.update(de="Ja")
    with pytest.raises(TypeError):
        del text["nl"]
    assert text == {"nl": "Ja", "en": "Yes"}
    assert hash(text) == hash(Text(nl="Ja", en="Yes"))


def test_a_text_encodes_as_an_object_and_survives_copies() -> None:
    text = Text({"nl": "Ja", "en": "Yes", "de": "Jawohl"})
    assert msgspec.json.encode(text) == b'{"nl":"Ja","en":"Yes","de":"Jawohl"}'
    assert pickle.loads(pickle.dumps(text)) == text
    assert type(copy.deepcopy(text)) is Text
    assert Text.each(lambda lang: lang.upper(), ["nl", "de"]) == {"nl": "NL", "de": "DE"}
    assert list(text.ordered(["de", "nl"])) == ["de", "nl", "en"]


def test_decode_hook_reads_a_text_and_names_the_field_of_a_bad_one() -> None:
    class Holder(msgspec.Struct):
        title: Text

    decoded = msgspec.convert({"title": {"en": "Yes", "nl": "Ja"}}, Holder, dec_hook=decode_hook)
    assert type(decoded.title) is Text and list(decoded.title) == ["en", "nl"]
    for bad, expected in [
        ("Ja", "Expected `object`, got `str` - at `$.title`"),
        ({}, "Expected `object` of length >= 1 - at `$.title`"),
        ({"nl": 3}, "Expected `str`, got `int` - at `$.title`"),
    ]:
        with pytest.raises(msgspec.ValidationError) as info:
            msgspec.convert({"title": bad}, Holder, dec_hook=decode_hook)
        assert str(info.value) == expected
    schema = msgspec.json.schema(Holder, schema_hook=schema_hook)
    title = schema["$defs"]["Holder"]["properties"]["title"]
    assert title["propertyNames"]["pattern"] == LANG_PATTERN


# ------------------------------------------------------------------ registered languages


def test_the_program_languages_are_registered_in_one_place() -> None:
    assert DEFAULT_LANG == "nl"
    assert languages() == ("nl", "en") == tuple(LANGS)
    register_language("de")
    try:
        register_language("de")  # twice changes nothing
        assert languages() == ("nl", "en", "de")
        assert "de" in LANGS and list(LANGS) == ["nl", "en", "de"] and len(LANGS) == 3
    finally:
        unregister_language("de")
    assert languages() == ("nl", "en") and "de" not in LANGS
    unregister_language("nl")  # built in: stays
    assert languages() == ("nl", "en")


@pytest.mark.parametrize("code", ["", "NL", "dutch", "d", "nl-", "en_", "../nl", "nl\n", "nl\r"])
def test_a_language_code_has_the_form_of_one(code: str) -> None:
    with pytest.raises(ValueError, match="not a language code"):
        register_language(code)
    assert code not in LANGS


@pytest.mark.parametrize("code", ["de", "fry", "pt-BR", "en-XA", "en_GB", "sr-Latn"])
def test_language_codes_that_are_accepted(code: str) -> None:
    assert re.match(LANG_PATTERN, code)


# ------------------------------------------------------------------ a set in three languages


def test_a_set_with_a_third_language_loads_and_speaks_it(tmp_path: Path) -> None:
    qs = load_question_set(write(tmp_path / "mini-de.toml", with_german(mini_data())))
    assert qs.languages == ("nl", "en", "de")
    assert qs.title.get("de") == "de: Mini set"
    assert qs.title.get("nl") == "Mini-set" and qs.title.get("en") == "Mini set"
    question = qs.principles[0].questions[0]
    assert question.text.get("de") == "de: " + question.text.get("en")
    assert question.anchor(3, "de").startswith("de: ")
    assert qs.level_name(2).get("de") == "de: Two"
    assert all(step.get("de").startswith("de: ") for step in qs.advice_for("alpha", 1))


def test_a_set_without_languages_is_dutch_and_english(tmp_path: Path) -> None:
    qs = load_question_set(MINI)
    assert "languages" not in mini_data()
    assert qs.languages == ("nl", "en")
    assert qs.title.get("de") == "Mini-set"  # not provided: the first language, Dutch


def test_the_shipped_set_declares_dutch_and_english() -> None:
    shipped = Path(__file__).parent.parent / "questions" / "sociale-inkoop.toml"
    assert tomllib.loads(shipped.read_text(encoding="utf-8"))["languages"] == ["nl", "en"]


def test_a_language_the_set_lacks_shows_its_first_declared_language(tmp_path: Path) -> None:
    data = mini_data()
    data["languages"] = ["en", "nl"]  # English first; every text is written Dutch first
    qs = load_question_set(write(tmp_path / "en-first.toml", data))
    assert qs.title.get("de") == "Mini set"
    assert qs.principles[0].questions[0].text.get("fr") == "Question a1?"
    assert list(qs.title) == ["en", "nl"]
    assert qs.title.get("nl") == "Mini-set"


def test_a_text_without_a_declared_language_is_refused(tmp_path: Path) -> None:
    data = with_german(mini_data())
    del data["principles"][1]["questions"][0]["answers"][2]["de"]
    err = load_error(tmp_path, data)
    path = tmp_path / "set.toml"
    en = err.render("en")
    assert en == (
        f"{path}: field principles[beta].questions[b1].answers[2]: the text in language `de` "
        "is missing; the set gives every text in: nl, en, de"
    )
    nl = err.render("nl")
    assert "\n" not in nl
    assert nl.startswith(f"{path}: veld principles[beta].questions[b1].answers[2]: ")
    assert "`de`" in nl and "nl, en, de" in nl


def test_a_text_in_a_language_the_set_did_not_declare_is_refused(tmp_path: Path) -> None:
    data = mini_data()
    data["levels"][4]["description"]["fr"] = "Niveau cinq."
    err = load_error(tmp_path, data)
    en = err.render("en")
    assert "\n" not in en
    assert en.startswith(f"{tmp_path / 'set.toml'}: field levels[4].description: language `fr`")
    assert "(nl, en)" in en
    assert err.render("nl").startswith(f"{tmp_path / 'set.toml'}: veld levels[4].description: ")


def test_an_empty_text_in_the_third_language_is_refused(tmp_path: Path) -> None:
    data = with_german(mini_data())
    data["principles"][0]["advice"][1]["steps"][0]["de"] = ""
    en = load_error(tmp_path, data).render("en")
    assert "field principles[alpha].advice[1].steps[0].de: " in en
    assert "length >= 1" in en


@pytest.mark.parametrize(
    ("languages", "expected"),
    [
        (["nl", "en", "nl"], ["field languages", "'nl'"]),
        (["nl", "English"], ["field languages[1]", "regex"]),
        (["nl", "en\n"], ["field languages[1]", "regex"]),
        ([], ["field languages", "length >= 1"]),
    ],
)
def test_the_declared_languages_are_checked(
    tmp_path: Path, languages: list[str], expected: list[str]
) -> None:
    data = mini_data()
    data["languages"] = languages
    en = load_error(tmp_path, data).render("en")
    assert "\n" not in en
    for fragment in expected:
        assert fragment in en, en


def test_the_cache_keeps_a_three_language_set(tmp_path: Path) -> None:
    data = with_german(mini_data())
    data["languages"] = ["de", "nl", "en"]
    path = write(tmp_path / "sets" / "mini-de.toml", data)
    parsed = load_question_set(path, tmp_path / "cache")
    cached = cache.load(tmp_path / "cache", path)
    assert cached is not None and cached is not parsed
    assert cached == parsed
    assert cached.languages == ("de", "nl", "en")
    assert type(cached.title) is Text and list(cached.title) == ["de", "nl", "en"]
    assert cached.title.get("fr") == "de: Mini set"  # the first declared language
    assert cached.principles[1].questions[1].help.get("de") == "de: Help b2."


# ------------------------------------------------------------------ export


def _scan(qs: QuestionSet) -> Scan:
    at = datetime(2025, 3, 1, 9, tzinfo=UTC)
    return Scan(
        id="d" * 32,
        organisation="Stadt Köln",
        respondent=Respondent(),
        question_set=qs.ref,
        status="completed",
        started_at=at,
        completed_at=at,
        answers={q.id: AnswerRecord(level=3) for _, q in qs.questions()},
    )


def test_an_export_keeps_every_language_of_the_set(tmp_path: Path) -> None:
    path = write(tmp_path / "mini-de.toml", with_german(mini_data()))
    qs = load_question_set(path)
    catalog = Catalog()
    catalog.add(qs, path)
    scan = _scan(qs)
    raw = encode_export(build_export([scan], catalog, datetime(2025, 7, 1, tzinfo=UTC)))
    data = json.loads(raw)
    principle = data["scans"][0]["scores"]["principles"][0]
    assert principle["title"] == {
        "nl": "Principe alpha",
        "en": "Principle alpha",
        "de": "de: Principle alpha",
    }
    assert list(principle["level_name"]) == ["nl", "en", "de"]
    assert data["scans"][0]["scores"]["overall"]["level_name"]["de"] == "de: Three"
    assert read_export(raw, "export.json", catalog).scans == [scan]


def test_the_schema_allows_any_language_code_in_a_text() -> None:
    schema = export_json_schema()
    text = schema["$defs"]["Text"]
    assert text["type"] == "object" and "properties" not in text and "required" not in text
    assert text["additionalProperties"] == {"type": "string", "minLength": 1}
    assert text["propertyNames"]["pattern"] == LANG_PATTERN
    title = schema["$defs"]["ExportPrincipleScore"]["properties"]["title"]
    assert title == {"$ref": "#/$defs/Text"}


def test_an_export_written_before_languages_were_data_still_imports(tmp_path: Path) -> None:
    qs = load_question_set(MINI)
    catalog = Catalog()
    catalog.add(qs, MINI)
    scan = _scan(qs)
    data = json.loads(
        encode_export(build_export([scan], catalog, datetime(2025, 7, 1, tzinfo=UTC)))
    )
    old = data["scans"][0]["scores"]["principles"][0]
    # as the release with Text(nl, en) wrote it: English after Dutch, always both
    assert old["title"] == {"nl": "Principe alpha", "en": "Principle alpha"}
    assert read_export(json.dumps(data).encode(), "old.json", catalog).scans == [scan]


# ------------------------------------------------------------------ shown in a language it lacks


def english_only(data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    data["languages"] = ["en"]
    for text in _text_dicts(data):
        del text["nl"]
    return data


def test_the_command_line_shows_a_set_in_its_first_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "sets"
    write(folder / "mini-en.toml", english_only(mini_data()))
    shown = {}
    for lang in ("nl", "en"):
        with pytest.raises(SystemExit) as info:
            main(["--lang", lang, "--questions-dir", str(folder), "questions", "show", "mini"])
        assert info.value.code == 0
        shown[lang] = capsys.readouterr().out
    assert "Mini set (mini 1)" in shown["nl"] and "Question a1?" in shown["nl"]
    assert "Vraag a1?" not in shown["nl"]
    assert "Niveaus:" in shown["nl"]  # the program's own texts stay Dutch
    assert "Levels:" in shown["en"] and "Question a1?" in shown["en"]
    with pytest.raises(SystemExit):
        main(["--questions-dir", str(folder), "questions", "show", "mini", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == {"en": "Mini set"} and data["languages"] == ["en"]
