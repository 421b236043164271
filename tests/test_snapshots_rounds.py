"""Visual regressions of team rounds (#14): the round screen of a seeded round (four
respondents in three roles, fixed dates) and the consensus session, in Dutch, at 100×32 and
80×24.

Update with ``pytest tests/test_snapshots_rounds.py --snapshot-update`` and review every
changed SVG before committing it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from maturity_scan.tui.app import make_app

from .conftest import make_config
from .round_seed import seed_round
from .test_snapshots import SIZES, loaded, workdir

__all__ = ["workdir"]  # the fixture, used by name


def round_screen(round_id: str, *keys: str) -> Any:
    async def run(pilot: Pilot[object]) -> None:
        await loaded(pilot)
        pilot.app.show_round(round_id)  # type: ignore[attr-defined]
        await loaded(pilot)
        for key in keys:
            await pilot.press(key)
            await loaded(pilot)

    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_round(snap_compare: Any, workdir: Path, size: tuple[int, int]) -> None:
    round_id = seed_round(workdir)
    app = make_app(make_config(workdir))
    assert snap_compare(app, terminal_size=size, run_before=round_screen(round_id))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_consensus_session(snap_compare: Any, workdir: Path, size: tuple[int, int]) -> None:
    round_id = seed_round(workdir)
    app = make_app(make_config(workdir))
    assert snap_compare(app, terminal_size=size, run_before=round_screen(round_id, "c"))
