"""New scans use sociale-inkoop 2.0 (issue 12); an organisation whose history is 1.0 starts a
2.0 scan in the app without surprises, and history and compare then say the version changed and
compare per principle."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from maturity_scan.cli import main
from maturity_scan.storage.store import Store
from maturity_scan.tui.app import make_app
from maturity_scan.tui.screens.definitions import DefinitionsDialog
from maturity_scan.tui.screens.dialogs import ConfirmDialog
from maturity_scan.tui.screens.new_scan import NewScanDialog
from maturity_scan.tui.screens.questionnaire import QuestionnaireScreen
from maturity_scan.tui.screens.results import ResultsScreen

from .conftest import make_config, seed_scan
from .test_app import SIZE, as_text, settle, start_scan

ORG = "Gemeente Overstap"
#: Questions of 1.0, answered 2 in the old scan (some ids are in 2.0 too).
OLD_ANSWERS = {
    "bestuur-principebesluit": 2,
    "bestuur-actieplan": 2,
    "bestuur-eigenaar": 2,
    "bestuur-middelen": 2,
}


@pytest.fixture(autouse=True)
def _fresh_introductions() -> Iterator[None]:
    QuestionnaireScreen.introduced.clear()
    yield
    QuestionnaireScreen.introduced.clear()


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db), "--lang", "en", *args])
    out, _ = capsys.readouterr()
    return int(info.value.code or 0), out


async def test_a_new_scan_in_the_app_uses_2_0_and_shows_its_definitions_first(
    db_path: Path,
) -> None:
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewScanDialog)
        await pilot.press(*"Gemeente Nieuw", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DefinitionsDialog)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        assert (screen.question_set.id, screen.question_set.version) == ("sociale-inkoop", "2.0")
        assert len(screen.items) == 25
        await settle(app, pilot)
    [draft] = Store(db_path).scans()
    assert (draft.question_set.id, draft.question_set.version) == ("sociale-inkoop", "2.0")


async def test_a_2_0_scan_after_a_1_0_history_then_history_and_compare_say_so(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = seed_scan(Store(db_path), ORG, "2025-06-10", OLD_ANSWERS, version="1.0")
    config = make_config(db_path)
    count = len(list(config.catalog.get("sociale-inkoop", "2.0").questions()))
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await start_scan(app, pilot, ORG)
        await pilot.press(*["3"] * count)
        await settle(app, pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
    new = next(s for s in Store(db_path).scans(ORG) if s.id != old.id)
    assert new.status == "completed" and new.question_set.version == "2.0"
    assert all(record.level == 3 for record in new.answers.values()) and len(new.answers) == count

    code, out = run(capsys, db_path, "history", "--org", ORG, "--json")
    assert code == 0
    scans = json.loads(out)["scans"]
    assert [s["version_changed"] for s in scans] == [False, True]
    code, out = run(capsys, db_path, "history", "--org", ORG, "--no-chart")
    assert code == 0
    assert "1.0 → 2.0" in out
    assert any(line.startswith(f"{new.date.date().isoformat()} ◆") for line in out.splitlines())

    code, out = run(capsys, db_path, "compare", old.id, new.id, "--json")
    assert code == 0
    result = json.loads(out)
    assert [p["id"] for p in result["principles"]] == ["bestuur", "hr-inkoop", "keten"]
    assert (result["set_a"]["version"], result["set_b"]["version"]) == ("1.0", "2.0")
    # per principle across the versions
    assert [p["id"] for p in result["principles"]] == ["bestuur", "hr-inkoop", "keten"]
    board = next(p for p in result["principles"] if p["id"] == "bestuur")
    assert (board["level_a"], board["level_b"], board["delta"]) == (2, 3, 1.0)
    # per question only for ids in both versions
    ids_a = {q.id for _, q in config.catalog.get("sociale-inkoop", "1.0").questions()}
    ids_b = {q.id for _, q in config.catalog.get("sociale-inkoop", "2.0").questions()}
    assert ids_a != ids_b
    assert {c["question"] for c in result["changed_answers"]} <= ids_a & ids_b
    assert set(result["questions_only_in_a"]) == ids_a - ids_b
    assert set(result["questions_only_in_b"]) == ids_b - ids_a


async def test_compare_across_versions_says_so_above_the_scores(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A level of a question in both versions may mean something else: compare says the
    versions differ before it lists scores and answers, on the command line and in the app."""
    from textual.widgets import Static

    from maturity_scan.tui.screens.compare import CompareScreen

    old = seed_scan(Store(db_path), ORG, "2025-06-10", OLD_ANSWERS, version="1.0")
    new = seed_scan(Store(db_path), ORG, "2026-06-10", {"bestuur-actieplan": 3}, version="2.0")
    code, out = run(capsys, db_path, "--lang", "en", "compare", old.id, new.id)
    assert code == 0
    head = " ".join(out.split("principle")[0].split())
    versions = "(sociale-inkoop 1.0 → sociale-inkoop 2.0)"
    assert f"different versions of the question set {versions}" in head
    code, out = run(capsys, db_path, "compare", old.id, old.id)
    assert "verschillende versies" not in out
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.push_screen(CompareScreen(ORG, old, new))
        await settle(app, pilot)
        changes = as_text(app.screen.query_one("#c-changes", Static).content)
        assert "verschillende versies van de vragenlijst" in " ".join(changes.split())
