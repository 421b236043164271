"""The app's results show three next steps per principle, and say how many more ``scan show``
and the export have."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from maturity_scan.tui.app import make_app
from maturity_scan.tui.screens.results import SHOWN_STEPS, ResultsScreen

from .conftest import make_config
from .test_app import SIZE, as_text, settle
from .test_next_steps_cli import STEPS_SETS, seeded_stepped


def flat(text: str) -> str:
    return " ".join(text.split())


async def test_results_show_three_steps_and_how_many_more(db_path: Path) -> None:
    scan_id = seeded_stepped(db_path)  # alpha has four steps: three answers, one "don't know"
    app = make_app(make_config(db_path, lang="en", extra_dirs=(STEPS_SETS,)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ResultsScreen) and screen.scan.id == scan_id
        blocks = screen.query(".advice-block").results(Static)
        alpha, beta = (flat(as_text(b.content)) for b in blocks)
    assert SHOWN_STEPS == 3
    steps = alpha.split("Next steps")[1]
    assert "2→3 a2 step 2 to 3" in steps and "for: Question a2?" in steps
    assert "1→2 a1 step 1 to 2" in steps and "source: Gids a1 (2019)" in steps
    assert "1→2 a3 step 1 to 2" in steps
    assert "Find out who" not in steps  # the fourth
    assert (
        "1 more step; ‘maturity-scan scan show’ and ‘maturity-scan export’ give every step."
        in steps
    )
    assert "The set's general advice from level 1 • alpha advice 1" in steps
    assert "Next steps" not in beta and "The set's general advice from level 1" in beta
