"""Ids on the command line (issue #10, review D3): an id or prefix never selects or deletes a
different scan than the one shown, whatever odd ids older imports stored. Also: unknown
organisations get the closest names, and deleting a last scan says its targets go too."""

from __future__ import annotations

from pathlib import Path

import pytest

from maturity_scan.core.models import Target
from maturity_scan.errors import ScanError
from maturity_scan.storage.scans import match as _match
from maturity_scan.storage.store import Store

from .conftest import seed_scan
from .test_cli import run

UPPER = "ABCDEF0123456789ABCDEF0123456789"
LOWER = "abcdef0123456789abcdef0123456789"
BLANKS = "  abcd1234  "


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    store = Store(path)
    seed_scan(store, "Upper Org", "2026-01-05", {}, scan_id=UPPER)
    seed_scan(store, "Lower Org", "2026-01-06", {}, scan_id=LOWER)
    seed_scan(store, "Blank Org", "2026-01-07", {}, scan_id=BLANKS)
    return path


@pytest.mark.parametrize(("given", "deleted"), [(UPPER, "Upper Org"), (LOWER, "Lower Org")])
def test_deleting_one_twin_deletes_that_one(
    db: Path, capsys: pytest.CaptureFixture[str], given: str, deleted: str
) -> None:
    code, _, err = run(capsys, "scan", "delete", given, "--yes")
    assert (code, err) == (0, "")
    assert deleted not in {s.organisation for s in Store(db).scans()}
    assert len(Store(db).scans()) == 2


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        (UPPER, UPPER),
        (LOWER, LOWER),
        ("ABCDEF01234", None),  # a prefix in another case matches both twins: ambiguous
        ("abcdef01234", LOWER),  # a lower-case ref matches lower-case ids only
        (BLANKS, BLANKS),
        ("abcd1234", BLANKS),  # the blanks around a stored id are no part of a prefix
        (" abcd12", BLANKS),
    ],
)
def test_a_ref_selects_only_the_scan_it_names(ref: str, expected: str | None) -> None:
    ids = [UPPER, LOWER, BLANKS]
    if expected is None:
        with pytest.raises(ScanError) as info:
            _match(ids, ref)
        assert info.value.key == "err.scan_ambiguous"
    else:
        assert _match(ids, ref) == expected


def test_an_upper_case_prefix_finds_a_program_made_id_without_a_twin() -> None:
    assert _match([LOWER], "ABCDEF01") == LOWER
    with pytest.raises(ScanError):  # never the other way round: stored case is kept
        _match([UPPER], "abcdef01")


def test_show_and_delete_reach_the_id_with_blanks(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "scan", "show", "abcd1234")
    assert code == 0 and "Blank Org" in out
    code, _, _ = run(capsys, "scan", "delete", BLANKS, "--yes")
    assert code == 0
    assert "Blank Org" not in {s.organisation for s in Store(db).scans()}


# ------------------------------------------------------------------ unknown organisations


def test_an_unknown_organisation_gets_at_most_three_close_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "many.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    store = Store(path)
    names = [f"Gemeente Plaats{n:02d}" for n in range(30)] + ["Gemeente Zwolle", "Zwolle Noord"]
    for n, name in enumerate(names):
        seed_scan(store, name, "2026-01-05", {}, scan_id=f"{n:032x}")
    for args in (["history", "--org", "zwolle"], ["export", "--org", "Zwole"]):
        code, out, err = run(capsys, *args)
        assert code == 2 and out == ""
        assert "'Gemeente Zwolle'" in err and "Plaats" not in err, err
    code, _, err = run(capsys, "history", "--org", "Gemeente Plaats")
    assert code == 2 and err.count("'Gemeente Plaats0") == 3
    code, _, err = run(capsys, "history", "--org", "Amsterdam")
    assert code == 2 and "Gemeente" not in err and "scan list" in err


# ------------------------------------------------------------------ delete and targets


def test_deleting_the_last_scan_says_its_targets_go_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    store = Store(path)
    first = seed_scan(store, "Gemeente Doel", "2026-01-05", {}, scan_id="1" * 32)
    last = seed_scan(store, "Gemeente Doel", "2026-02-05", {}, scan_id="2" * 32)
    seed_scan(store, "Zonder Doel", "2026-02-05", {}, scan_id="3" * 32)
    store.set_target(Target("Gemeente Doel", "sociale-inkoop", "bestuur", 4))
    store.set_target(Target("Gemeente Doel", "sociale-inkoop", "keten", 3))
    code, out, _ = run(capsys, "scan", "delete", first.id, "--yes")
    assert code == 0 and out == "Scan 11111111 verwijderd.\n"  # not the last: no word
    code, out, _ = run(capsys, "scan", "delete", "3" * 8, "--yes")
    assert code == 0 and out == "Scan 33333333 verwijderd.\n"  # the last, but no targets
    monkeypatch.setattr("maturity_scan.cli.scan._confirm", lambda question, lang: False)
    code, _, _ = run(capsys, "scan", "delete", last.id)
    assert code == 1 and len(Store(path).targets()) == 2
    code, out, _ = run(capsys, "--lang", "en", "scan", "delete", last.id, "--yes")
    assert code == 0
    assert (
        out
        == "Scan 22222222 deleted, with the targets (2), groups and rescan interval of Gemeente "
        "Doel: it was the last scan.\n"
    )
    assert Store(path).targets() == []


def test_the_question_before_deleting_a_last_scan_names_the_targets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    store = Store(path)
    scan = seed_scan(store, "Gemeente Doel", "2026-01-05", {}, scan_id="1" * 32)
    store.set_target(Target("Gemeente Doel", "sociale-inkoop", "bestuur", 4))
    asked: list[str] = []
    monkeypatch.setattr(
        "maturity_scan.cli.scan._confirm", lambda question, lang: asked.append(question) or False
    )
    run(capsys, "scan", "delete", scan.id)
    assert asked and "de streefniveaus (1), groepen en het herscan-interval worden" in asked[0]


def test_deleting_the_last_scan_of_an_organisation_with_groups_says_they_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No targets, but groups: the question says what else goes with the last scan."""
    path = tmp_path / "t.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    store = Store(path)
    scan = seed_scan(store, "Gemeente Groep", "2026-01-05", {}, scan_id="1" * 32)
    store.tag_organisation("Gemeente Groep", ["Regio Oost"])
    asked: list[str] = []
    monkeypatch.setattr(
        "maturity_scan.cli.scan._confirm", lambda question, lang: asked.append(question) or False
    )
    run(capsys, "scan", "delete", scan.id)
    assert asked and "groepen en het herscan-interval worden ook verwijderd" in asked[0]
