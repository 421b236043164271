"""Visual regressions: SVG snapshots of the main screens at 100×32 and 80×24.

Update with ``pytest tests/test_snapshots.py --snapshot-update`` and review every changed SVG
(``snapshot_report.html`` shows old and new side by side) before committing it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from maturity_scan.core.models import NA, UNKNOWN
from maturity_scan.storage.store import Store
from maturity_scan.tui.app import make_app

from .conftest import make_config, seed_scan, wait_for_workers

SIZES = [(100, 32), (80, 24)]

#: A believable scan: board further than HR-purchasing, chain cooperation just starting.
RESULT_ANSWERS: dict[str, Any] = {
    "bestuur-principebesluit": 4,
    "bestuur-actieplan": 3,
    "bestuur-eigenaar": 3,
    "bestuur-middelen": 2,
    "bestuur-doelen": 2,
    "bestuur-voortgang": 3,
    "bestuur-publiek": 2,
    "hr-inkoop-collegas": 2,
    "hr-inkoop-kleine-inkoop": 3,
    "hr-inkoop-gedeeld-beeld": 1,
    "hr-inkoop-overleg": 2,
    "hr-inkoop-contractmanagers": UNKNOWN,
    "hr-inkoop-brainstorm": 1,
    "hr-inkoop-aanbestedingen": 3,
    "hr-inkoop-bestaande-contracten": NA,
    "keten-verkenning": 2,
    "keten-proeftuin": 1,
    "keten-rollen": 1,
}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in tmp_path with a relative database path, so the screen shows no random folder;
    on a fixed day, so whether a rescan is due does not change with the calendar."""
    from datetime import date

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("maturity_scan.dates.today", lambda: date(2026, 12, 2))
    return Path("scans.json")


async def loaded(pilot: Pilot[object]) -> None:
    await pilot.pause()
    await wait_for_workers(pilot.app)
    await pilot.pause()


def seeded(db: Path) -> None:
    store = Store(db)
    seed_scan(store, "Gemeente Utrecht", "2025-05-12", RESULT_ANSWERS)
    seed_scan(
        store,
        "Gemeente Utrecht",
        "2026-11-03",
        {"bestuur-principebesluit": 4, "bestuur-actieplan": 4},
        status="draft",
    )
    seed_scan(store, "Waterschap Rivierenland", "2026-02-20", {"bestuur-principebesluit": 2})


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_empty(snap_compare: Any, workdir: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(make_config(workdir)), terminal_size=size, run_before=loaded)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_with_scans(snap_compare: Any, workdir: Path, size: tuple[int, int]) -> None:
    seeded(workdir)
    assert snap_compare(make_app(make_config(workdir)), terminal_size=size, run_before=loaded)


def many_organisations(db: Path) -> None:
    """Organisations as a consultant has them: a long name, groups, a rescan overdue and one
    due soon, a draft open, levels up and down, targets."""
    from maturity_scan.core.models import Target

    store = Store(db)
    full = {**RESULT_ANSWERS, "keten-afspraken": 2, "keten-banen": 1, "keten-transparantie": 2}
    better = {k: min(5, v + 1) if isinstance(v, int) else v for k, v in full.items()}
    worse = {k: max(1, v - 1) if isinstance(v, int) else v for k, v in full.items()}
    seed_scan(store, "Gemeente Zwolle", "2025-03-10", full)
    seed_scan(store, "Gemeente Zwolle", "2026-09-15", better)
    seed_scan(store, "Waterschap Drents Overijsselse Delta", "2025-01-20", full)
    seed_scan(store, "Waterschap Drents Overijsselse Delta", "2025-12-20", worse)
    seed_scan(store, "Gemeente Hardenberg", "2026-11-20", {"bestuur-actieplan": 3}, status="draft")
    seed_scan(store, "Provincie Overijssel", "2024-06-01", better)
    seed_scan(store, "Gemeente Ede", "2026-10-01", full)
    seed_scan(store, "Gemeente Ede", "2026-11-25", full, status="draft")
    store.tag_organisation("Gemeente Zwolle", ["Overijssel", "klant 2026"])
    store.tag_organisation("Waterschap Drents Overijsselse Delta", ["Overijssel"])
    for principle, level in (("bestuur", 4), ("hr-inkoop", 3), ("keten", 3)):
        store.set_target(Target("Gemeente Zwolle", "sociale-inkoop", principle, level))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_overview(snap_compare: Any, workdir: Path, size: tuple[int, int]) -> None:
    many_organisations(workdir)
    assert snap_compare(make_app(make_config(workdir)), terminal_size=size, run_before=loaded)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_organisation(snap_compare: Any, workdir: Path, size: tuple[int, int]) -> None:
    many_organisations(workdir)

    async def open_organisation(pilot: Pilot[object]) -> None:
        await loaded(pilot)
        await pilot.press("down", "down", "enter")  # Gemeente Zwolle
        await loaded(pilot)

    assert snap_compare(
        make_app(make_config(workdir)), terminal_size=size, run_before=open_organisation
    )


@pytest.mark.parametrize("size", [(80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_searched(snap_compare: Any, workdir: Path, size: tuple[int, int]) -> None:
    many_organisations(workdir)

    async def search(pilot: Pilot[object]) -> None:
        await loaded(pilot)
        await pilot.press(*"overijssel")
        await loaded(pilot)

    assert snap_compare(make_app(make_config(workdir)), terminal_size=size, run_before=search)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_question(snap_compare: Any, workdir: Path, size: tuple[int, int]) -> None:
    seeded(workdir)

    async def open_draft(pilot: Pilot[object]) -> None:
        await loaded(pilot)
        # Gemeente Utrecht, then its draft: newest first, so on top
        await pilot.press("enter", "enter")
        await pilot.pause()

    assert snap_compare(make_app(make_config(workdir)), terminal_size=size, run_before=open_draft)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_results(snap_compare: Any, workdir: Path, size: tuple[int, int]) -> None:
    seeded(workdir)

    async def open_results(pilot: Pilot[object]) -> None:
        await loaded(pilot)
        await pilot.press("enter", "down", "enter")  # the completed scan of Gemeente Utrecht
        await pilot.pause()

    assert snap_compare(make_app(make_config(workdir)), terminal_size=size, run_before=open_results)


def demo_db(db: Path) -> None:
    from datetime import date

    from maturity_scan.core.models import Target
    from maturity_scan.exchange.demo import DEMO_ORGANISATION, demo_scans, demo_targets
    from maturity_scan.paths import builtin_questions_dir
    from maturity_scan.question_sets.loading import load_catalog

    # the demo's scans are 1.0 (its answers are 1.0's questions), whatever the latest set is
    qs = load_catalog([builtin_questions_dir()]).get("sociale-inkoop", "1.0")
    store = Store(db)
    day = date(2026, 11, 1)
    store.import_scans(demo_scans(qs, day), "demo")
    store.import_targets(
        Target(organisation=DEMO_ORGANISATION, question_set=qs.id, principle=p, level=lv, by=by)
        for p, lv, by in demo_targets(day)
    )


@pytest.mark.parametrize("size", [(100, 32)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_history(snap_compare: Any, workdir: Path, size: tuple[int, int]) -> None:
    demo_db(workdir)

    async def open_history(pilot: Pilot[object]) -> None:
        await loaded(pilot)
        await pilot.press("h")
        await loaded(pilot)

    assert snap_compare(make_app(make_config(workdir)), terminal_size=size, run_before=open_history)


@pytest.mark.parametrize("size", [(100, 32)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_compare(snap_compare: Any, workdir: Path, size: tuple[int, int]) -> None:
    demo_db(workdir)

    async def open_compare(pilot: Pilot[object]) -> None:
        await loaded(pilot)
        await pilot.press("enter", "c")  # the demo organisation: compare its last two
        await loaded(pilot)

    assert snap_compare(make_app(make_config(workdir)), terminal_size=size, run_before=open_compare)


@pytest.mark.parametrize("size", [(100, 32)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_carried_question(snap_compare: Any, workdir: Path, size: tuple[int, int]) -> None:
    """A follow-up scan's first question: its answer carried over, marked, "c" to confirm."""
    from datetime import UTC, datetime

    import msgspec

    from maturity_scan.core.followup import follow_up
    from maturity_scan.tui.screens.questionnaire import QuestionnaireScreen

    seeded(workdir)
    config = make_config(workdir)
    qs = config.catalog.get("sociale-inkoop", "1.0")
    store = Store(workdir)
    previous = next(s for s in store.scans() if s.status == "completed")
    first = store.scans()[0]
    fresh = msgspec.structs.replace(
        first,
        id="f" * 32,
        status="draft",
        completed_at=None,
        answers={},
        taken_at=datetime(2026, 11, 20, 10, tzinfo=UTC),
    )
    draft = store.add(follow_up(fresh, previous, qs))

    async def open_draft(pilot: Pilot[object]) -> None:
        await loaded(pilot)
        pilot.app.show_questionnaire(draft, qs, replace=False)  # type: ignore[attr-defined]
        await loaded(pilot)

    QuestionnaireScreen.introduced.add(draft.id)
    assert snap_compare(make_app(config), terminal_size=size, run_before=open_draft)
