"""Bad input everywhere: answers files, exports and question sets, fuzzed with hypothesis.

Every call either returns normally or raises a ScanError whose message is one line; never a
traceback. Files over the size limit are refused before parsing; names are data, not paths.
"""

from __future__ import annotations

import copy
import json
import math
import re
import tempfile
import time
import tomllib
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maturity_scan.cli import main
from maturity_scan.core.models import AnswerRecord, Respondent, Scan, SetRef
from maturity_scan.errors import ScanError
from maturity_scan.exchange import answers as answers_module
from maturity_scan.exchange import export as export_module
from maturity_scan.exchange.answers import load_answers, parse_answers
from maturity_scan.exchange.export import (
    build_export,
    default_export_name,
    encode_export,
    load_export,
    parse_export,
)
from maturity_scan.inputs import MAX_INPUT_BYTES, MAX_TOML_KEY_DOTS, longest_dotted_run
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets import loading as questions_module
from maturity_scan.question_sets.loading import (
    MAX_QUESTION_SET_BYTES,
    Catalog,
    load_catalog,
    load_question_set,
    parse_question_set,
)
from maturity_scan.storage.store import Store

SETS = Path(__file__).parent / "fixtures" / "sets"
MINI_TOML = (SETS / "mini.toml").read_bytes()
UTC = timezone.utc  # noqa: UP017 - reads the same on every Python 3
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

VALID_ANSWERS: dict[str, Any] = {
    "question_set": "mini",
    "question_set_version": "1",
    "answers": {"a1": 3, "a2": "na", "a3": 4, "b1": 2, "b2": "unknown"},
    "notes": {"a1": "besproken met het MT", "b1": None},
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([builtin_questions_dir(), SETS])


def _scan(scan_id: str, set_ref: SetRef, answers: dict[str, AnswerRecord], **kw: Any) -> Scan:
    return Scan(
        id=scan_id,
        organisation=kw.get("organisation", "Gemeente Utrecht"),
        respondent=Respondent(name="Ans", role=None),
        question_set=set_ref,
        status=kw.get("status", "completed"),
        started_at=datetime(2025, 3, 1, 9, tzinfo=UTC),
        completed_at=kw.get("completed_at", datetime(2025, 3, 1, 10, tzinfo=UTC)),
        answers=answers,
    )


def valid_export(catalog: Catalog) -> dict[str, Any]:
    scans = [
        _scan(
            "a" * 32,
            SetRef(id="mini", version="1"),
            {"a1": AnswerRecord(3, "met het MT"), "a2": AnswerRecord("na"), "b1": AnswerRecord(5)},
        ),
        _scan(
            "b" * 32,
            SetRef(id="sociale-inkoop", version="1.0"),
            {"bestuur-actieplan": AnswerRecord(2)},
            organisation="Bouwbedrijf",
            status="draft",
            completed_at=None,
        ),
    ]
    exported = build_export(scans, catalog, datetime(2025, 7, 1, 12, tzinfo=UTC))
    data: dict[str, Any] = json.loads(encode_export(exported))
    return data


def assert_clean(call: Callable[[], object]) -> object:
    """``call()`` returns, or raises a ScanError of one line in both languages."""
    try:
        return call()
    except ScanError as err:
        for lang in ("nl", "en"):
            message = err.render(lang)
            assert message, err.key
            assert len(message.splitlines()) == 1 and "\n" not in message, message
        return err


# ------------------------------------------------------------------------------ strategies


class Raw(str):
    """Text put into a JSON or TOML document as is: numbers no encoder writes."""


ODD_NUMBERS = [
    "1" * 5000,
    "-" + "9" * 400,
    "1e999",
    "-1e999",
    "1e-999",
    "0." + "0" * 3000 + "1",
    "123456789012345678901234567890",
    "18446744073709551616",
    "-9223372036854775809",
    "-0",
    "4.0",
    "3.0000000000000001",
]
TOKENS = [
    "mini",
    "sociale-inkoop",
    "1",
    "1.0",
    "a1",
    "a2",
    "b2",
    "alpha",
    "na",
    "unknown",
    "draft",
    "completed",
    "2025-03-01T10:00:00Z",
    "2025-03-01T10:00:00",  # no time zone
    "2025-02-30T10:00:00Z",
    "",
    " ",
    "x" * 250,  # longer than an organisation may be
    "../../etc/passwd",
    "\x00",
    "\u2028",
    "\ud7ff\ue000",
]
FIELD_NAMES = [
    "question_set",
    "question_set_version",
    "answers",
    "notes",
    "schema_version",
    "exported_at",
    "generator",
    "scans",
    "targets",
    "id",
    "organisation",
    "respondent",
    "status",
    "started_at",
    "completed_at",
    "question",
    "principle",
    "weight",
    "level",
    "note",
    "version",
    "title",
    "levels",
    "principles",
    "questions",
    "advice",
]

leaves = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(TOKENS)
    | st.sampled_from(ODD_NUMBERS).map(Raw)
)
keys = st.text(max_size=12) | st.sampled_from(FIELD_NAMES)
values = st.recursive(
    leaves,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(keys, children, max_size=5),
    max_leaves=30,
)


def to_json(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, float) and math.isinf(value):
        return "1e999" if value > 0 else "-1e999"
    if isinstance(value, list):
        return "[" + ",".join(to_json(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{to_json(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value if v is not None) + "]"
    assert isinstance(value, dict)
    items = (f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items() if v is not None)
    return "{" + ", ".join(items) + "}"


def to_toml(value: Any) -> str:
    """A TOML document of ``value`` (TOML has no null: those keys are left out)."""
    table = value if isinstance(value, dict) else {"value": value}
    return "".join(
        f"{json.dumps(k, ensure_ascii=False)} = {_toml_value(v)}\n"
        for k, v in table.items()
        if v is not None
    )


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _paths(v, (*prefix, i))
    return found


@st.composite
def mutated(draw: st.DrawFn, base: Any) -> Any:
    """``base`` with one to three fields replaced, removed, duplicated or added."""
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(doc)[1:]))
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        action = draw(st.sampled_from(["replace", "replace", "remove", "duplicate", "add"]))
        if action == "replace":
            parent[last] = draw(values)
        elif action == "remove":
            del parent[last]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        elif isinstance(parent, dict):
            parent[draw(keys)] = draw(values)
    return doc


toml_ish = st.text(alphabet=st.sampled_from(list("[]{}=.,:\"'#\\\n \tabc01-_+e")), max_size=300)
json_ish = st.text(alphabet=st.sampled_from(list('[]{}:,."\\ \n0123456789eE+-truefalsn')))


# ------------------------------------------------------------------------------ answers files


@FUZZ
@given(value=values)
def test_answers_random_structures(catalog: Catalog, value: Any) -> None:
    assert_clean(lambda: parse_answers(to_json(value).encode(), "answers.json", catalog))


@FUZZ
@given(
    value=st.fixed_dictionaries(
        {
            "question_set": st.sampled_from(["mini", "sociale-inkoop", "nope"]) | values,
            "answers": st.dictionaries(st.sampled_from(["a1", "a2", "b2", "zz"]) | keys, values),
        },
        optional={"notes": st.dictionaries(keys, values), "question_set_version": values},
    )
)
def test_answers_shaped_structures(catalog: Catalog, value: Any) -> None:
    assert_clean(lambda: parse_answers(to_json(value).encode(), "answers.json", catalog))


@FUZZ
@given(value=mutated(VALID_ANSWERS))
def test_answers_mutated_valid_file(catalog: Catalog, value: Any) -> None:
    assert_clean(lambda: parse_answers(to_json(value).encode(), "answers.json", catalog))


def test_valid_answers_file_parses(catalog: Catalog) -> None:
    question_set, records = parse_answers(json.dumps(VALID_ANSWERS).encode(), "a.json", catalog)
    assert question_set.id == "mini" and records["a1"] == AnswerRecord(3, "besproken met het MT")


# ------------------------------------------------------------------------------ exports


def _import_and_read(scans: list[Scan]) -> None:
    """What the parser accepted can be stored, and the database still reads afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "scans.json"
        Store(db).add(_scan("f" * 32, SetRef(id="mini", version="1"), {}))
        before = db.read_bytes()
        result = assert_clean(lambda: Store(db).import_scans(scans, "export.json"))
        if isinstance(result, ScanError):
            assert db.read_bytes() == before
        Store(db).scans()
        Store(db).organisations()


@FUZZ
@given(value=values)
def test_export_random_structures(catalog: Catalog, value: Any) -> None:
    assert_clean(lambda: parse_export(to_json(value).encode(), "export.json", catalog))


@FUZZ
@given(data=st.data())
def test_export_mutated_valid_file(catalog: Catalog, data: st.DataObject) -> None:
    value = data.draw(mutated(valid_export(catalog)))
    result = assert_clean(lambda: parse_export(to_json(value).encode(), "export.json", catalog))
    if isinstance(result, list):
        _import_and_read(result)


def test_valid_export_parses_and_imports(catalog: Catalog) -> None:
    scans = parse_export(json.dumps(valid_export(catalog)).encode(), "export.json", catalog)
    assert [s.id for s in scans] == ["a" * 32, "b" * 32]
    _import_and_read(scans)


def test_export_with_times_without_zone_can_be_imported_and_listed(catalog: Catalog) -> None:
    """Sorting naive and aware datetimes raised TypeError on every later read."""
    value = valid_export(catalog)
    value["scans"][0]["started_at"] = value["scans"][0]["completed_at"] = "2025-03-01T10:00:00"
    scans = parse_export(json.dumps(value).encode(), "export.json", catalog)
    assert all(s.started_at.tzinfo is not None for s in scans)
    _import_and_read(scans)


def test_export_with_too_long_organisation_is_refused_not_stored(catalog: Catalog) -> None:
    """It used to be stored, after which every read of the database failed."""
    value = valid_export(catalog)
    value["scans"][0]["organisation"] = "x" * 201
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "scans.json"
        Store(db).add(_scan("f" * 32, SetRef(id="mini", version="1"), {}))
        before = db.read_bytes()
        with pytest.raises(ScanError) as info:
            scans = parse_export(json.dumps(value).encode(), "export.json", catalog)
            Store(db).import_scans(scans, "export.json")
        assert "organisation" in info.value.render("en")
        assert db.read_bytes() == before
        assert len(Store(db).scans()) == 1


# ------------------------------------------------------------------------------ question sets


@FUZZ
@given(value=values)
def test_question_set_random_structures(value: Any) -> None:
    assert_clean(lambda: parse_question_set(to_toml(value).encode(), "set.toml"))


@FUZZ
@given(text=toml_ish)
def test_question_set_toml_ish_text(text: str) -> None:
    assert_clean(lambda: parse_question_set(text.encode(), "set.toml"))


@FUZZ
@given(value=mutated(tomllib.loads(MINI_TOML.decode())))
def test_question_set_mutated_mini_set(value: Any) -> None:
    assert_clean(lambda: parse_question_set(to_toml(value).encode(), "set.toml"))


def test_serialised_mini_set_is_still_valid() -> None:
    """The TOML writer above keeps a valid set valid, so mutations test what they change."""
    qs = parse_question_set(to_toml(tomllib.loads(MINI_TOML.decode())).encode(), "mini.toml")
    assert qs.id == "mini" and len(qs.questions()) == 5


# ------------------------------------------------------------------------------ every parser

PARSERS: dict[str, Callable[[bytes, Catalog], object]] = {
    "answers": lambda data, catalog: parse_answers(data, "in.json", catalog),
    "export": lambda data, catalog: parse_export(data, "in.json", catalog),
    "question_set": lambda data, catalog: parse_question_set(data, "in.toml"),
}
VALID_FILES: dict[str, bytes] = {
    "answers": json.dumps(VALID_ANSWERS).encode(),
    "question_set": MINI_TOML,
}


@pytest.mark.parametrize("parser", list(PARSERS))
@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes(catalog: Catalog, parser: str, data: bytes) -> None:
    assert_clean(lambda: PARSERS[parser](data, catalog))


@pytest.mark.parametrize("parser", ["answers", "export"])
@FUZZ
@given(text=json_ish)
def test_json_ish_text(catalog: Catalog, parser: str, text: str) -> None:
    assert_clean(lambda: PARSERS[parser](text.encode(), catalog))


@pytest.mark.parametrize("parser", list(PARSERS))
@FUZZ
@given(
    position=st.floats(0, 1),
    bad=st.sampled_from([b"\xff", b"\x80", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]),
)
def test_invalid_utf8(catalog: Catalog, parser: str, position: float, bad: bytes) -> None:
    valid = VALID_FILES.get(parser) or json.dumps(valid_export(catalog)).encode()
    at = int(position * len(valid))
    data = valid[:at] + bad + valid[at:]
    result = assert_clean(lambda: PARSERS[parser](data, catalog))
    assert isinstance(result, ScanError)


DEEP_JSON = {
    "open arrays": b"[" * 100_000,
    "closed arrays": b"[" * 100_000 + b"]" * 100_000,
    "open objects": b'{"a":' * 100_000,
    "in answers": b'{"question_set":"mini","answers":{"a1":' + b"[" * 100_000 + b"}}",
    "in notes": b'{"question_set":"mini","answers":{"a1":1},"notes":{"a1":' + b"[" * 100_000,
    "in scans": b'{"schema_version":2,"scans":[' + b"{" * 100_000,
}
DEEP_TOML = {
    "open arrays": b"a = " + b"[" * 100_000,
    "closed arrays": b"a = " + b"[" * 100_000 + b"]" * 100_000,
    "inline tables": b"a = " + b"{b = " * 100_000 + b"1" + b"}" * 100_000,
    "dotted key": b"a" + b".a" * 100_000 + b" = 1",
    "dotted key in a table": b"[t]\na" + b".a" * 100_000 + b" = 1",
    "quoted dotted key": b'"a"' + b'."a"' * 100_000 + b" = 1",
    "table header": b"[" + b"a." * 100_000 + b"a]\nb = 1",
    "array of tables header": b"[[" + b"a." * 100_000 + b"a]]",
}


@pytest.mark.parametrize("parser", ["answers", "export"])
@pytest.mark.parametrize("name", list(DEEP_JSON))
def test_deeply_nested_json(catalog: Catalog, parser: str, name: str) -> None:
    started = time.monotonic()
    result = assert_clean(lambda: PARSERS[parser](DEEP_JSON[name], catalog))
    assert isinstance(result, ScanError)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("name", list(DEEP_TOML))
def test_deeply_nested_toml(name: str) -> None:
    """A 200 kB dotted key used to need gigabytes of memory in tomllib (quadratic)."""
    started = time.monotonic()
    result = assert_clean(lambda: parse_question_set(DEEP_TOML[name], "set.toml"))
    assert isinstance(result, ScanError)
    assert time.monotonic() - started < 5


def test_nesting_just_within_the_parser_limit(catalog: Catalog) -> None:
    """Nesting the JSON parser accepts but json.dumps cannot show used to raise RecursionError."""
    for depth in range(600, 1100):
        nested = b"[" * depth + b"]" * depth
        for template in (
            b'{"question_set":"mini","answers":{"a1":%s}}',
            b'{"question_set":"mini","answers":{"a1":1},"notes":{"a1":%s}}',
        ):
            data = template % nested
            assert_clean(lambda d=data: parse_answers(d, "a.json", catalog))  # type: ignore[misc]


def test_dotted_key_limit_keeps_real_sets() -> None:
    for path in [*builtin_questions_dir().glob("*.toml"), *SETS.glob("*.toml")]:
        assert longest_dotted_run(path.read_text(encoding="utf-8")) < MAX_TOML_KEY_DOTS
    at_limit = "a" + ".b" * MAX_TOML_KEY_DOTS + " = 1\n"
    with pytest.raises(ScanError) as info:
        parse_question_set(at_limit.encode(), "s.toml")
    assert info.value.key == "err.field"  # handed to tomllib, then not a question set
    with pytest.raises(ScanError) as info:
        parse_question_set(("a" + ".b" * (MAX_TOML_KEY_DOTS + 1) + " = 1\n").encode(), "s.toml")
    assert info.value.key == "err.not_toml"
    # dots in strings, comments and numbers do not count
    text = 'x = "' + "a." * 500 + '"\n# ' + "b." * 500 + "\ny = [" + "1.5, " * 500 + "]\n"
    text += "z = '''" + "c.\n" * 500 + "'''\nw = \"\"\"" + 'd."\\"' * 500 + '"""\n'
    assert longest_dotted_run(text) == 1
    assert tomllib.loads(text)


@pytest.mark.parametrize(
    "number", ["1" * 5000, "-" + "9" * 5000, "0x" + "f" * 5000, "1e999", "1" + "0" * 400 + ".5"]
)
def test_huge_numbers(catalog: Catalog, number: str) -> None:
    toml = f"id = {number}\n".encode()
    assert_clean(lambda: parse_question_set(toml, "set.toml"))
    for parser in ("answers", "export"):
        for template in ('{"question_set": "mini", "answers": {"a1": %s}}', "%s"):
            data = (template % number).encode()
            assert_clean(lambda d=data, p=parser: PARSERS[p](d, catalog))  # type: ignore[misc]


# ------------------------------------------------------------------------------ size limits

BIG = 50 * 1024 * 1024


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)  # sparse: instant, and takes no disk space
    return path


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsing a file that is too large is a failure: the size is checked first."""

    def refuse(*args: object) -> None:
        raise AssertionError("parsed a file over the size limit")

    monkeypatch.setattr(answers_module, "parse_json", refuse)
    monkeypatch.setattr(export_module, "parse_json", refuse)
    monkeypatch.setattr(questions_module, "parse_toml", refuse)


@pytest.mark.usefixtures("no_parsing")
def test_50_mb_files_are_refused_before_parsing(catalog: Catalog, tmp_path: Path) -> None:
    big = _sparse(tmp_path / "big.json", BIG)
    big_toml = _sparse(tmp_path / "big.toml", BIG)
    filled = tmp_path / "filled.json"
    filled.write_bytes(b"[" * BIG)
    for load in (
        lambda: load_answers(big, catalog),
        lambda: load_export(big, catalog),
        lambda: load_question_set(big_toml),
        lambda: load_export(filled, catalog),
    ):
        started = time.monotonic()
        with pytest.raises(ScanError) as info:
            load()
        assert time.monotonic() - started < 1
        assert info.value.key == "err.file_too_large"
        assert "too large" in info.value.render("en")
        assert len(info.value.render("en").splitlines()) == 1


def test_size_limits_are_exact(catalog: Catalog, tmp_path: Path) -> None:
    at_limit = _sparse(tmp_path / "at.json", MAX_INPUT_BYTES)
    over = _sparse(tmp_path / "over.json", MAX_INPUT_BYTES + 1)
    with pytest.raises(ScanError) as info:
        load_export(at_limit, catalog)
    assert info.value.key != "err.file_too_large"  # read and parsed: NUL bytes are not JSON
    with pytest.raises(ScanError) as info:
        load_export(over, catalog)
    assert info.value.key == "err.file_too_large"
    qs_at = _sparse(tmp_path / "at.toml", MAX_QUESTION_SET_BYTES)
    qs_over = _sparse(tmp_path / "over.toml", MAX_QUESTION_SET_BYTES + 1)
    with pytest.raises(ScanError) as info:
        load_question_set(qs_at)
    assert info.value.key != "err.file_too_large"
    with pytest.raises(ScanError) as info:
        load_question_set(qs_over)
    assert info.value.key == "err.file_too_large"


def _run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "data" / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(db))
    monkeypatch.setenv("MATURITY_SCAN_QUESTIONS", str(SETS))
    Store(db).add(_scan("f" * 32, SetRef(id="mini", version="1"), {"a1": AnswerRecord(2)}))
    return db


def _bad_imports(tmp_path: Path, catalog: Catalog) -> dict[str, Path]:
    files: dict[str, bytes] = {
        "not json": b"this is not json",
        "deep": b"[" * 100_000,
        "huge number": b'{"schema_version": ' + b"9" * 5000 + b"}",
        "invalid utf-8": b'{"schema_version": 2, "x": "\xff"}',
        "wrong shape": b"[]",
    }
    export = valid_export(catalog)
    export["scans"][0]["organisation"] = "x" * 201
    files["organisation too long"] = json.dumps(export).encode()
    export = valid_export(catalog)
    export["scans"][0]["id"] = "f" * 32  # stored already, with other content
    files["conflict"] = json.dumps(export).encode()
    paths = {}
    for n, (name, data) in enumerate(files.items()):
        paths[name] = tmp_path / f"bad-{n}.json"
        paths[name].write_bytes(data)
    paths["50 MB"] = _sparse(tmp_path / "big.json", BIG)
    return paths


def test_cli_import_refuses_bad_files_and_leaves_the_database_alone(
    cli_db: Path, tmp_path: Path, catalog: Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    before = cli_db.read_bytes()
    for name, path in _bad_imports(tmp_path, catalog).items():
        started = time.monotonic()
        code, out, err = _run_cli(capsys, "--lang", "en", "import", str(path))
        assert code == 2, (name, out, err)
        assert len(err.strip().splitlines()) == 1, (name, err)
        assert str(path) in err, (name, err)
        if name == "50 MB":
            assert "too large" in err
            assert time.monotonic() - started < 1
        assert cli_db.read_bytes() == before, name
    assert not list(cli_db.parent.rglob("*.tmp"))


# ------------------------------------------------------------------------------ file names

SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*-\d{4}-\d{2}-\d{2}\.json$")
SAFE_UNICODE_NAME = re.compile(r"^[^\W_][\w-]*-\d{4}-\d{2}-\d{2}\.json$")


def assert_safe_name(organisation: str) -> str:
    name = default_export_name(organisation, "2025-07-01")
    assert "/" not in name and "\\" not in name and ".." not in name and "\x00" not in name
    assert len(name) <= 80
    assert name.endswith("-2025-07-01.json")
    if organisation.isascii():
        assert SAFE_NAME.match(name) or name.startswith("scan"), (organisation, name)
    else:  # letters of any script are kept: a Frisian or Turkish name stays readable
        assert SAFE_UNICODE_NAME.match(name) or name.startswith("scan"), (organisation, name)
    return name


@pytest.mark.parametrize(
    "organisation",
    [
        "../../etc",
        "a/b",
        "CON",
        "nul.txt",
        "  ",
        "\x00",
        "x" * 1000,
        "_hidden",
        "..",
        "~/.ssh/id_rsa",
        "C:\\Windows\\System32",
        "\\\\server\\share",
        "com1",
        "LPT9.json",
        "a" * 59 + "-b",
        "Súdwest-Fryslân",
        "İstanbul",
    ],
)
def test_default_export_name_is_a_name_not_a_path(organisation: str) -> None:
    assert_safe_name(organisation)


def test_default_export_name_examples() -> None:
    assert assert_safe_name("../../etc") == "etc-2025-07-01.json"
    assert assert_safe_name("CON") == "scan-con-2025-07-01.json"
    assert assert_safe_name("nul.txt") == "nul-txt-2025-07-01.json"
    assert assert_safe_name("\x00") == "scan-2025-07-01.json"
    assert assert_safe_name("_hidden") == "hidden-2025-07-01.json"


@settings(max_examples=200, deadline=None)
@given(organisation=st.text(max_size=300) | st.text(alphabet="./\\_- ~:aC0N\x00", max_size=40))
def test_default_export_name_fuzzed(organisation: str) -> None:
    assert_safe_name(organisation)
