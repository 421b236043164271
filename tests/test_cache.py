"""The cache of parsed question sets: used while the file is unchanged, never a reason to fail."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from maturity_scan.errors import ScanError
from maturity_scan.paths import builtin_questions_dir, cache_dir
from maturity_scan.question_sets import cache
from maturity_scan.question_sets import loading as questions
from maturity_scan.question_sets.loading import load_catalog, load_question_set

SHIPPED = builtin_questions_dir() / "sociale-inkoop.toml"


@pytest.fixture
def set_file(tmp_path: Path) -> Path:
    copy = tmp_path / "sets" / "sociale-inkoop.toml"
    copy.parent.mkdir()
    shutil.copy(SHIPPED, copy)
    return copy


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("parsed the TOML again")

    monkeypatch.setattr(questions, "parse_question_set", fail)


def test_a_second_load_comes_from_the_cache(
    set_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_question_set(set_file, tmp_path / "cache")
    (written,) = (tmp_path / "cache").iterdir()
    assert written.stat().st_mode & 0o777 == 0o600
    no_parsing(monkeypatch)
    assert load_question_set(set_file, tmp_path / "cache") == first
    assert load_catalog([set_file.parent], tmp_path / "cache").get("sociale-inkoop") == first


def test_an_edited_set_is_parsed_again(set_file: Path, tmp_path: Path) -> None:
    load_question_set(set_file, tmp_path / "cache")
    text = set_file.read_text(encoding="utf-8").replace('version = "1.0"', 'version = "1.1"', 1)
    set_file.write_text(text, encoding="utf-8")
    assert load_question_set(set_file, tmp_path / "cache").version == "1.1"


def test_a_broken_edit_is_reported_not_hidden_by_the_cache(set_file: Path, tmp_path: Path) -> None:
    load_question_set(set_file, tmp_path / "cache")
    set_file.write_text("id = ", encoding="utf-8")
    with pytest.raises(ScanError):
        load_question_set(set_file, tmp_path / "cache")


def test_a_damaged_or_unwritable_cache_is_ignored(set_file: Path, tmp_path: Path) -> None:
    expected = load_question_set(set_file)
    folder = tmp_path / "cache"
    load_question_set(set_file, folder)
    for damaged in folder.iterdir():
        damaged.write_bytes(b"\x93not msgpack")
    assert load_question_set(set_file, folder) == expected
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert load_question_set(set_file, blocked / "cache") == expected


def test_the_cache_folder_can_be_chosen_or_switched_off(tmp_path: Path) -> None:
    assert cache_dir({"MATURITY_SCAN_CACHE": str(tmp_path)}) == tmp_path
    assert cache_dir({"MATURITY_SCAN_CACHE": ""}) is None
    default = cache_dir({})
    assert default is not None and str(tmp_path) in str(default)  # XDG_CACHE_HOME of conftest


def test_the_key_changes_with_size_and_time(set_file: Path) -> None:
    before = cache._key(set_file)
    os.utime(set_file, ns=(1, 1))
    assert cache._key(set_file) != before
