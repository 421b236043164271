"""The app's export dialog: the database's own files refused, a symlink asked about, and the
file built from the scan as stored, never from the screen's copy."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from textual.widgets import Input

from maturity_scan.core.models import Target
from maturity_scan.storage.store import Store
from maturity_scan.tui.app import MaturityScanApp, make_app
from maturity_scan.tui.screens.dialogs import ConfirmDialog, ExportDialog
from maturity_scan.tui.screens.results import ResultsScreen

from .conftest import make_config, seed_scan, wait_for_workers

SIZE = (100, 32)


async def settle(app: MaturityScanApp, pilot: object) -> None:
    await pilot.pause()  # type: ignore[attr-defined]
    app.autosaver.flush()
    await wait_for_workers(app)
    await pilot.pause()  # type: ignore[attr-defined]


async def open_export(app: MaturityScanApp, pilot: object, path: Path) -> None:
    await settle(app, pilot)
    await pilot.press("enter", "enter")  # type: ignore[attr-defined]
    await settle(app, pilot)
    assert isinstance(app.screen, ResultsScreen)
    await pilot.press("e")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ExportDialog)
    app.screen.query_one("#export-path", Input).value = str(path)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(app, pilot)


async def test_the_dialog_refuses_the_database_itself(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(db_path.parent)
    seed_scan(Store(db_path), "Gemeente Veilig", "2026-03-01", {"bestuur-principebesluit": 3})
    before = db_path.read_bytes()
    app = make_app(make_config(db_path, lang="en"))
    shown: list[str] = []
    monkeypatch.setattr(app, "report", lambda err: shown.append(err.render("en")))
    async with app.run_test(size=SIZE) as pilot:
        await open_export(app, pilot, db_path)
        assert shown == [
            f"{db_path} is the file of the database {db_path}; choose another file, "
            "nothing was written"
        ]
        assert isinstance(app.screen, ExportDialog)  # open again, to choose another file
        assert app.screen.query_one("#export-path", Input).value == str(db_path)
    assert db_path.read_bytes() == before


async def test_a_link_to_the_database_is_refused_without_a_question(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(db_path.parent)
    seed_scan(Store(db_path), "Gemeente Veilig", "2026-03-01", {"bestuur-principebesluit": 3})
    link = db_path.parent / "link-to-db.json"
    link.symlink_to(db_path)
    before = db_path.read_bytes()
    app = make_app(make_config(db_path, lang="en"))
    shown: list[str] = []
    monkeypatch.setattr(app, "report", lambda err: shown.append(err.render("en")))
    async with app.run_test(size=SIZE) as pilot:
        await open_export(app, pilot, link)
        assert len(shown) == 1 and "is the file of the database" in shown[0]
        assert isinstance(app.screen, ExportDialog)  # no "replace the link's target?" first
    assert db_path.read_bytes() == before


async def test_a_symlink_is_asked_about_and_its_target_replaced_on_yes(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    seed_scan(Store(db_path), "Gemeente Koppeling", "2026-03-01", {"bestuur-principebesluit": 3})
    target = tmp_path / "elsewhere.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    app = make_app(make_config(db_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await open_export(app, pilot, link)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # no: back to the path, nothing written
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert target.read_text(encoding="utf-8") == "old"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(app, pilot)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert json.loads(target.read_text(encoding="utf-8"))["scans"][0]["organisation"] == (
        "Gemeente Koppeling"
    )


async def test_the_export_holds_the_stored_scan_not_the_screens_copy(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store = Store(db_path)
    scan = seed_scan(store, "Gemeente Opgeslagen", "2026-03-01", {"bestuur-principebesluit": 3})
    aim = Target(
        organisation=scan.organisation,
        question_set=scan.question_set.id,
        principle="keten",
        level=4,
    )
    store.set_target(aim)
    store.tag_organisation(scan.organisation, ["Regio Oost"])
    out = tmp_path / "out.json"
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
        # another program changes the answer behind the screen's back
        store.reopen(scan.id)
        store.set_answer(scan.id, "bestuur-principebesluit", 5)
        store.complete(scan.id)
        assert app.screen.scan.answer("bestuur-principebesluit") == 3  # the screen's copy
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(out)
        await pilot.press("enter")
        await settle(app, pilot)
    whole = json.loads(out.read_text(encoding="utf-8"))
    exported = whole["scans"][0]
    answers = {a["question"]: a["level"] for a in exported["answers"]}
    assert answers["bestuur-principebesluit"] == 5
    # the organisation's target and groups go along, as with `export --scan`
    assert [(t["principle"], t["level"]) for t in whole["targets"]] == [("keten", 4)]
    assert [o["groups"] for o in whole["organisations"]] == [["Regio Oost"]]
