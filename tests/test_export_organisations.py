"""Organisations and follow-up scans travel in exports (#13, export schema 5): an exported
organisation's record (groups, rescan interval), a scan's ``follows`` and ``carried``; files
of schema 1 to 4 are still imported; the same file twice changes nothing; a refused import
leaves the database as it was; the JSON Schema describes what is written."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maturity_scan.core.models import (
    AnswerRecord,
    AnswerValue,
    Organisation,
    Respondent,
    Scan,
    SetRef,
    Target,
)
from maturity_scan.exchange.export import Imported, build_export, encode_export, read_export
from maturity_scan.exchange.export_schema import SCHEMA_FILE
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets.loading import Catalog, load_catalog
from maturity_scan.storage.store import Store

from .test_cli import SETS, assert_one_line_error, run, write_json
from .test_fuzz import FUZZ, assert_clean, mutated, to_json

FIXTURE_4 = Path(__file__).parent / "fixtures" / "exports" / "schema-4.json"
EXPORTED_AT = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

WETTERSKIP = "Wetterskip Fryslân"
OMMEN = "Gemeente Ommen"
FIRST, FOLLOW_UP, OMMEN_SCAN = "a" * 32, "b" * 32, "c" * 32
GROUPS = ["Noord", "Waterschappen"]
IMPORTED = "Scans geïmporteerd: {}; al aanwezig en overgeslagen: {}\n"
#: The line after it when the import stored groups or an interval (nothing else says so).
ORGS_STORED = "Groepen of herscan-interval opgeslagen van {} organisatie\n"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([builtin_questions_dir(), SETS])


def mini(scan_id: str, organisation: str, answers: dict[str, AnswerValue], **kw: Any) -> Scan:
    draft = kw.get("status") == "draft"
    day = kw.pop("day", 1)
    return Scan(
        id=scan_id,
        organisation=organisation,
        respondent=Respondent(name="Ans", role=None),
        question_set=SetRef(id="mini", version="1"),
        status=kw.pop("status", "completed"),
        started_at=datetime(2025, 3, day, 9, tzinfo=UTC),
        completed_at=None if draft else datetime(2025, 3, day, 10, tzinfo=UTC),
        answers={q: AnswerRecord(level=level) for q, level in answers.items()},
        taken_at=None if draft else datetime(2025, 3, day, 10, tzinfo=UTC),
        **kw,
    )


#: A completed scan, its follow-up (a draft with two answers carried over, not yet
#: confirmed, and one given anew), and another organisation's scan without a record.
SCANS = [
    mini(FIRST, WETTERSKIP, {"a1": 3, "a2": 4, "a3": 2, "b1": 2, "b2": 5}),
    mini(
        FOLLOW_UP,
        WETTERSKIP,
        {"a1": 4, "a2": 4, "b1": 2},
        status="draft",
        day=20,
        follows=FIRST,
        carried=["a2", "b1"],
    ),
    mini(OMMEN_SCAN, OMMEN, {"a1": 2, "b1": 4}, day=5),
]
RECORDS = [Organisation(name=WETTERSKIP, groups=GROUPS, rescan_months=24)]
TARGET = Target(
    organisation=WETTERSKIP, question_set="mini", principle="beta", level=4, by=date(2030, 6, 30)
)


def fill(path: Path) -> Store:
    """The source database: :data:`SCANS`, a target, and a record for the Wetterskip."""
    store = Store(path)
    for scan in SCANS:
        store.add(scan)
    store.set_target(TARGET)
    store.tag_organisation(WETTERSKIP, GROUPS)
    store.set_rescan(WETTERSKIP, 24)
    return store


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The database the commands use (``MATURITY_SCAN_DB``); it does not exist yet."""
    path = tmp_path / "data" / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    monkeypatch.setenv("MATURITY_SCAN_QUESTIONS", str(SETS))
    monkeypatch.delenv("MATURITY_SCAN_LANG", raising=False)
    monkeypatch.setattr("maturity_scan.cli.exchange.now", lambda: EXPORTED_AT)
    return path


@pytest.fixture
def exported(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The export (``export -o``) of the source database, another one than ``db``."""
    source = tmp_path / "source" / "scans.json"
    fill(source)
    out = tmp_path / "export.json"
    code, _, err = run(capsys, "--db", str(source), "export", "-o", str(out))
    assert code == 0, err
    return out


def import_file(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    code, out, err = run(capsys, "import", str(path))
    assert (code, err) == (0, ""), err
    return out


# ------------------------------------------------------------------ what is written


def test_records_follows_and_carried_are_in_the_export(exported: Path) -> None:
    data = json.loads(exported.read_bytes())
    assert data["schema_version"] == 6
    # only the organisation with a record; every field of it
    assert data["organisations"] == [{"name": WETTERSKIP, "groups": GROUPS, "rescan_months": 24}]
    scans = {s["id"]: s for s in data["scans"]}
    assert (scans[FOLLOW_UP]["follows"], scans[FOLLOW_UP]["carried"]) == (FIRST, ["a2", "b1"])
    assert list(scans[FOLLOW_UP])[-3:] == ["taken_at", "follows", "carried"]


def test_follows_and_carried_are_written_only_when_set(exported: Path) -> None:
    """Most scans follow none: 10,000 of them should not carry 10,000 nulls and empty lists."""
    scans = {s["id"]: s for s in json.loads(exported.read_bytes())["scans"]}
    for plain in (FIRST, OMMEN_SCAN):
        assert "follows" not in scans[plain] and "carried" not in scans[plain]
    # a follow-up whose carried answers were all confirmed: follows only
    confirmed = mini("d" * 32, OMMEN, {"a1": 3}, follows=OMMEN_SCAN, day=9)
    catalog = load_catalog([builtin_questions_dir(), SETS])
    written = json.loads(encode_export(build_export([confirmed], catalog, EXPORTED_AT)))
    assert written["scans"][0]["follows"] == OMMEN_SCAN and "carried" not in written["scans"][0]


def test_only_records_of_organisations_with_an_exported_scan_are_written(
    catalog: Catalog,
) -> None:
    """An import refuses a record without a scan of its organisation in the file, so an export
    never writes one: the records given are filtered by the scans exported."""
    records = [
        Organisation(name=WETTERSKIP, groups=GROUPS),
        Organisation(name="Gemeente Zwolle", rescan_months=6),
    ]
    export = build_export(SCANS[2:], catalog, EXPORTED_AT, [], records)
    assert export.organisations == []
    export = build_export(SCANS, catalog, EXPORTED_AT, [], records)
    assert export.organisations == records[:1]


@pytest.mark.parametrize(
    ("args", "organisations"),
    [
        (["--org", "gemeente ommen"], []),
        (["--org", "wetterskip fryslan"], [WETTERSKIP]),
        (["--scan", FOLLOW_UP[:8]], [WETTERSKIP]),
        (["--scan", OMMEN_SCAN[:8]], []),
    ],
    ids=["org-without-record", "org-with-record", "scan-with-record", "scan-without-record"],
)
def test_export_of_part_carries_the_records_of_its_organisations(
    db: Path, capsys: pytest.CaptureFixture[str], args: list[str], organisations: list[str]
) -> None:
    fill(db)
    code, out, err = run(capsys, "export", *args)
    assert code == 0, err
    assert [o["name"] for o in json.loads(out)["organisations"]] == organisations


# ------------------------------------------------------------------ round trip


def test_round_trip_keeps_records_targets_follows_and_carried(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], exported: Path
) -> None:
    assert import_file(capsys, exported) == IMPORTED.format(3, 0) + ORGS_STORED.format(1)
    store = Store(db)
    contents = store.contents()
    assert {s.id: s for s in contents.scans} == {s.id: s for s in SCANS}
    assert contents.targets == [TARGET]
    assert contents.organisations == [
        Organisation(name=WETTERSKIP, groups=GROUPS, rescan_months=24)
    ]
    # exported again, it is the same file, byte for byte
    again = tmp_path / "again.json"
    code, _, err = run(capsys, "export", "-o", str(again))
    assert code == 0, err
    assert again.read_bytes() == exported.read_bytes()


def test_the_same_file_twice_changes_nothing_byte_for_byte(
    db: Path, capsys: pytest.CaptureFixture[str], exported: Path
) -> None:
    assert import_file(capsys, exported) == IMPORTED.format(3, 0) + ORGS_STORED.format(1)
    once = db.read_bytes()
    assert import_file(capsys, exported) == IMPORTED.format(0, 3)
    assert db.read_bytes() == once
    assert Store(db).contents().organisations[0].groups == GROUPS


def test_importing_its_own_export_changes_nothing(
    db: Path, capsys: pytest.CaptureFixture[str], exported: Path
) -> None:
    fill(db)
    before = db.read_bytes()
    assert import_file(capsys, exported) == IMPORTED.format(0, 3)
    assert db.read_bytes() == before


def test_an_organisation_already_here_gains_groups_and_keeps_its_interval(
    db: Path, capsys: pytest.CaptureFixture[str], exported: Path
) -> None:
    """The groups of the file are added to the organisation's own; its rescan interval is
    the one chosen here (``Store.import_scans``)."""
    store = Store(db)
    store.add(mini("e" * 32, "wetterskip fryslan", {"a1": 1}, day=2))
    store.tag_organisation(WETTERSKIP, ["Friesland", "noord"])
    store.set_rescan(WETTERSKIP, 6)
    # the line after the scans says the organisation took groups from the file
    assert import_file(capsys, exported) == IMPORTED.format(3, 0) + ORGS_STORED.format(1)
    (record,) = Store(db).contents().organisations
    assert (record.groups, record.rescan_months) == (["Friesland", "noord", "Waterschappen"], 6)


# ------------------------------------------------------------------ older files


def older(version: int) -> dict[str, Any]:
    """The schema-4 fixture (written by the release before schema 5) as version ``version``
    would have had it."""
    data: dict[str, Any] = json.loads(FIXTURE_4.read_bytes())
    assert data["schema_version"] == 4 and "organisations" not in data
    data["schema_version"] = version
    for scan in data["scans"]:
        assert "follows" not in scan and "carried" not in scan
        if version < 4:
            del scan["scores"]["rules"]
            for principle in scan["scores"]["principles"]:
                del principle["next_steps"]
        if version < 3:
            del scan["taken_at"]
    if version < 2:
        del data["targets"]
    return data


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_files_of_schema_1_to_4_are_still_imported(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], version: int
) -> None:
    path = write_json(tmp_path / f"v{version}.json", older(version))
    import_file(capsys, path)
    contents = Store(db).contents()
    assert len(contents.scans) == 4
    assert all(s.follows is None and s.carried == [] for s in contents.scans)
    assert contents.organisations == []
    assert len(contents.targets) == (0 if version == 1 else 1)


def test_a_schema_4_file_exports_again_as_it_was_plus_the_new_fields(
    db: Path, capsys: pytest.CaptureFixture[str], catalog: Catalog
) -> None:
    """Schema 5 only adds: the scans of a schema-4 file export exactly as they were read."""
    import_file(capsys, FIXTURE_4)
    code, out, err = run(capsys, "export")
    assert code == 0, err
    again, before = json.loads(out), json.loads(FIXTURE_4.read_bytes())
    by_id = {s["id"]: s for s in again["scans"]}
    assert by_id == {s["id"]: s for s in before["scans"]}  # the file is in date order
    assert again["targets"] == before["targets"]
    assert again["organisations"] == []


# ------------------------------------------------------------------ refusals


def _record(data: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = data["organisations"][0]
    return record


def _follow_up(data: dict[str, Any]) -> dict[str, Any]:
    scan: dict[str, Any] = next(s for s in data["scans"] if s["id"] == FOLLOW_UP)
    return scan


def _add_record(data: dict[str, Any], **record: Any) -> None:
    data["organisations"].append(record)


BAD: list[tuple[str, Callable[[dict[str, Any]], None], list[str]]] = [
    (
        "record-without-scans",
        lambda d: _add_record(d, name="Gemeente Zwolle", groups=["Oost"]),
        ["'Gemeente Zwolle'", "organisations", "geen scan"],
    ),
    (
        "record-twice",
        lambda d: _add_record(d, name="wetterskip  fryslan"),
        ["'wetterskip fryslan'", "organisations", "meer dan eens"],
    ),
    (
        "too-many-groups",
        lambda d: _record(d).update(groups=[f"g{n}" for n in range(21)]),
        [WETTERSKIP, "groups", "20", "21"],
    ),
    ("blank-group", lambda d: _record(d).update(groups=["Noord", "   "]), [WETTERSKIP, "groups"]),
    (
        "comma-group",
        lambda d: _record(d).update(groups=["Noord, Oost"]),
        ["'Noord, Oost'", "komma"],
    ),
    (
        "group-twice",
        lambda d: _record(d).update(groups=["Noord", "noord "]),
        [WETTERSKIP, "groups", "'noord'"],
    ),
    (
        "group-too-long",
        lambda d: _record(d).update(groups=["x" * 61]),
        ["organisations[0].groups[0]", "60"],
    ),
    ("rescan-0", lambda d: _record(d).update(rescan_months=0), ["organisations[0].rescan_months"]),
    ("record-unknown-field", lambda d: _record(d).update(colour="red"), ["colour"]),
    (
        "follows-not-an-id",
        lambda d: _follow_up(d).update(follows="scan-1"),
        [f"scans[{FOLLOW_UP}].follows"],
    ),
    ("follows-itself", lambda d: _follow_up(d).update(follows=FOLLOW_UP), ["follows"]),
    ("carried-alone", lambda d: _follow_up(d).update(follows=None), ["carried", "follows"]),
    ("carried-unknown", lambda d: _follow_up(d).update(carried=["a2", "zz"]), ["carried", "'zz'"]),
    ("carried-twice", lambda d: _follow_up(d).update(carried=["a2", "a2"]), ["carried", "'a2'"]),
    (
        "carried-not-an-id",
        lambda d: _follow_up(d).update(carried=["A 2"]),
        [f"scans[{FOLLOW_UP}].carried[0]"],
    ),
]


@pytest.mark.parametrize(("change", "fragments"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_bad_record_or_follow_up_refuses_the_import_and_stores_nothing(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    exported: Path,
    change: Callable[[dict[str, Any]], None],
    fragments: list[str],
) -> None:
    store = Store(db)
    store.add(mini("e" * 32, OMMEN, {"a1": 1}, day=2))
    store.tag_organisation(OMMEN, ["Oost"])
    before = db.read_bytes()
    data = json.loads(exported.read_bytes())
    change(data)
    path = write_json(tmp_path / "bad.json", data)
    assert_one_line_error(*run(capsys, "import", str(path)), [str(path), *fragments])
    assert db.read_bytes() == before


def test_refusals_are_checked_before_the_store_is_touched(catalog: Catalog) -> None:
    """``read_export`` refuses, without a store: nothing reaches ``import_scans``."""
    data = json.loads(encode_export(build_export(SCANS, catalog, EXPORTED_AT)))
    data["organisations"] = [{"name": "Gemeente Zwolle"}]
    with pytest.raises(Exception, match="Gemeente Zwolle"):
        read_export(json.dumps(data).encode(), "x.json", catalog)
    data["organisations"] = [{"name": "gemeente  OMMEN", "groups": [" Oost  en  West "]}]
    imported = read_export(json.dumps(data).encode(), "x.json", catalog)
    assert imported.organisations == [Organisation(name="gemeente  OMMEN", groups=["Oost en West"])]


# ------------------------------------------------------------------ the JSON Schema


def schema_errors(
    value: Any, node: dict[str, Any], root: dict[str, Any], at: str = "$"
) -> list[str]:
    """Where ``value`` breaks the JSON Schema ``node`` (the keywords export.schema.json uses;
    an unknown keyword fails, so the check never silently passes)."""
    handled = {"title", "description", "default", "$schema", "$defs", "$ref", "anyOf", "type"}
    handled |= {"enum", "format", "properties", "required", "additionalProperties", "items"}
    handled |= {"minItems", "maxItems", "minLength", "maxLength", "pattern", "minimum"}
    handled |= {"maximum", "exclusiveMinimum", "minProperties", "propertyNames"}
    assert set(node) <= handled, set(node) - handled
    if "$ref" in node:
        return schema_errors(value, root["$defs"][node["$ref"].rsplit("/", 1)[1]], root, at)
    if "anyOf" in node:
        options = [schema_errors(value, option, root, at) for option in node["anyOf"]]
        return [] if any(not o for o in options) else [f"{at}: no option fits"]
    kinds = {
        "object": dict,
        "array": list,
        "string": str,
        "integer": int,
        "number": (int, float),
        "null": type(None),
        "boolean": bool,
    }
    if "type" in node and not (
        isinstance(value, kinds[node["type"]])
        and (isinstance(value, bool) == (node["type"] == "boolean"))
    ):
        return [f"{at}: not {node['type']}"]
    errors = []
    if "enum" in node and value not in node["enum"]:
        errors.append(f"{at}: not one of {node['enum']}")
    if node.get("format") in ("date-time", "date"):
        parse = datetime.fromisoformat if node["format"] == "date-time" else date.fromisoformat
        try:
            parse(value)
        except ValueError:
            errors.append(f"{at}: not a {node['format']}")
    if isinstance(value, str):
        if not node.get("minLength", 0) <= len(value) <= node.get("maxLength", len(value)):
            errors.append(f"{at}: length")
        if "pattern" in node and re.search(node["pattern"], value) is None:
            errors.append(f"{at}: does not match {node['pattern']}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value < node.get("minimum", value) or value > node.get("maximum", value):
            errors.append(f"{at}: out of range")
        if "exclusiveMinimum" in node and value <= node["exclusiveMinimum"]:
            errors.append(f"{at}: out of range")
    if isinstance(value, list):
        if not node.get("minItems", 0) <= len(value) <= node.get("maxItems", len(value)):
            errors.append(f"{at}: number of items")
        for i, item in enumerate(value):
            errors += schema_errors(item, node.get("items", {}), root, f"{at}[{i}]")
    if isinstance(value, dict):
        errors += [f"{at}: {k} missing" for k in node.get("required", []) if k not in value]
        if len(value) < node.get("minProperties", 0):
            errors.append(f"{at}: too few properties")
        properties = node.get("properties", {})
        for key, item in value.items():
            errors += schema_errors(key, node.get("propertyNames", {}), root, f"{at}.{key}(name)")
            if key in properties:
                errors += schema_errors(item, properties[key], root, f"{at}.{key}")
            elif node.get("additionalProperties") is False:
                errors.append(f"{at}: {key} is not allowed")
            elif isinstance(node.get("additionalProperties"), dict):
                errors += schema_errors(item, node["additionalProperties"], root, f"{at}.{key}")
    return errors


def test_the_schema_validates_an_export_with_records_and_follow_ups(exported: Path) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = json.loads(exported.read_bytes())
    assert data["organisations"] and "follows" in _follow_up(data)
    assert schema_errors(data, schema, schema) == []
    assert schema_errors(json.loads(FIXTURE_4.read_bytes()), schema, schema) == []


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: _record(d).update(groups=[f"g{n}" for n in range(21)]), "groups"),
        (lambda d: _record(d).update(rescan_months=121), "rescan_months"),
        (lambda d: _follow_up(d).update(follows="scan-1"), "follows"),
        (lambda d: _follow_up(d).update(carried=["A 2"]), "carried[0]"),
        (lambda d: _record(d).update(colour="red"), "colour"),
    ],
    ids=["too-many-groups", "rescan-121", "follows-not-an-id", "carried-not-an-id", "unknown"],
)
def test_the_schema_refuses_what_the_import_refuses(
    exported: Path, change: Callable[[dict[str, Any]], None], where: str
) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = copy.deepcopy(json.loads(exported.read_bytes()))
    change(data)
    errors = schema_errors(data, schema, schema)
    assert len(errors) == 1 and where in errors[0], errors


# ------------------------------------------------------------------ fuzzed


@FUZZ
@given(data=st.data())
def test_a_mutated_export_with_records_and_follow_ups_is_read_cleanly(
    catalog: Catalog, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    """A damaged file: one line of error, or scans, targets and records the store takes
    (and reads back); a refused import stores nothing."""
    valid = json.loads(encode_export(build_export(SCANS, catalog, EXPORTED_AT, [TARGET], RECORDS)))
    value = data.draw(mutated(valid))
    result = assert_clean(lambda: read_export(to_json(value).encode(), "export.json", catalog))
    if not isinstance(result, Imported):
        return
    db = tmp_path_factory.mktemp("fuzz") / "scans.json"
    Store(db).add(mini("f" * 32, OMMEN, {"a1": 1}))
    before = db.read_bytes()
    stored = assert_clean(
        lambda: Store(db).import_scans(
            result.scans, "export.json", result.targets, result.organisations
        )
    )
    if not isinstance(stored, tuple):
        assert db.read_bytes() == before
    contents = Store(db).contents()
    assert len(contents.organisations) <= len(RECORDS)
