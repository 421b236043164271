"""Names, ids and notes from an import never reach the terminal as control characters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maturity_scan.core.models import Respondent
from maturity_scan.storage.store import Store
from maturity_scan.visible import find_control

from .conftest import seed_scan
from .test_cli import db as db
from .test_cli import run

EVIL = "Evil\x1b]0;PWNED-TITLE\x07\x1b[2J\x9b31m\u202eRED"


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.fixture
def evil_db(db: Path) -> Path:
    seed_scan(
        Store(db),
        EVIL,
        "2026-05-01",
        {"bestuur-principebesluit": 3},
        notes={"bestuur-principebesluit": "note\x1b]52;c;ZWNobyBwd25lZA==\x07"},
        respondent=Respondent(name="R\x1b[2J", role="\x1b]0;T\x07"),
        scan_id="e" * 32,
    )
    return db


@pytest.mark.parametrize(
    "args",
    [
        ("scan", "list"),
        ("scan", "list", "--json"),
        ("scan", "show", "eeee", "--no-chart"),
        ("scan", "show", "eeee", "--json"),
        ("history", "--org", EVIL, "--no-chart"),
        ("history", "--org", "Evil", "--no-chart"),
        ("export",),
    ],
)
def test_output_has_no_control_characters(
    evil_db: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
) -> None:
    import sys

    # as in a terminal (a pipe gets the export's exact bytes)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr("maturity_scan.cli.progress._terminal_width", lambda: 100)
    monkeypatch.setattr("maturity_scan.cli.text.terminal_width", lambda: 200)  # no names cut
    _code, out, err = run(capsys, *args)
    assert find_control(out, allow_newlines=True) is None, out
    assert find_control(err, allow_newlines=True) is None, err
    if "--json" in args or args == ("export",):
        assert EVIL in _strings(json.loads(out))  # the value is intact
    elif args != ("history", "--org", "Evil", "--no-chart"):
        assert "\\x1b]0;PWNED-TITLE\\x07" in out
