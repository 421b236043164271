"""The app's board report key (#15): ``p`` on results, an organisation, its history and a team
round asks where to write the report (default ``<organisation>-<date>.html`` in the current
folder), writes it in a worker, private, and says where it went."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Label, RadioSet

from maturity_scan.storage.store import Store
from maturity_scan.tui.app import MaturityScanApp, make_app
from maturity_scan.tui.report_flow import ReportDialog
from maturity_scan.tui.screens.dialogs import ConfirmDialog
from maturity_scan.tui.screens.history import HistoryScreen
from maturity_scan.tui.screens.organisation import OrganisationScreen
from maturity_scan.tui.screens.results import ResultsScreen
from maturity_scan.tui.screens.round import RoundScreen

from .conftest import make_config, seed_scan, wait_for_workers
from .test_report_html import charts

SIZE = (100, 32)
ORG = "Gemeente <b>Rapport</b>"


async def settle(app: MaturityScanApp, pilot: object) -> None:
    await pilot.pause()  # type: ignore[attr-defined]
    await wait_for_workers(app)
    await pilot.pause()  # type: ignore[attr-defined]


#: The default names: the organisation's report dated today, a scan's with its day.
ORG_NAME = f"gemeente-b-rapport-b-{date.today().isoformat()}.html"
SCAN_NAME = "gemeente-b-rapport-b-scan-2026-09-01.html"


async def write_here(
    app: MaturityScanApp, pilot: object, path: Path | None = None, default_name: str = ORG_NAME
) -> Path:
    """Press p, check the dialog's default, write to ``path`` (or the default)."""
    await pilot.press("p")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ReportDialog)
    field = app.screen.query_one("#export-path", Input)
    default = Path(field.value)
    assert default == Path.cwd() / default_name
    if path is not None:
        field.value = str(path)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(app, pilot)
    return path or default


def seeded(db_path: Path) -> None:
    store = Store(db_path)
    seed_scan(store, ORG, "2026-03-01", {"bestuur-principebesluit": 2})
    seed_scan(
        store,
        ORG,
        "2026-09-01",
        {"bestuur-principebesluit": 3},
        notes={"bestuur-principebesluit": "nota <i>x</i>"},
    )


def recording(app: MaturityScanApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    original = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        said.append(message)
        original(message, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "notify", notify)
    return said


async def test_results_write_the_scans_report(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    seeded(db_path)
    app = make_app(make_config(db_path, lang="en"))
    said = recording(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # the organisation
        await settle(app, pilot)
        assert isinstance(app.screen, OrganisationScreen)
        await pilot.press("enter")  # its newest scan
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
        path = await write_here(app, pilot, default_name=SCAN_NAME)
        assert isinstance(app.screen, ResultsScreen)
    html = path.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert '<html lang="en">' in html  # the app's language
    assert "Gemeente &lt;b&gt;Rapport&lt;/b&gt;" in html and "<b>Rapport" not in html
    assert "nota &lt;i&gt;x&lt;/i&gt;" in html
    assert "Change since the previous measurement" in html
    assert said == [f"Report written: {path}"]


async def test_an_organisation_and_its_history_write_its_report(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    seeded(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, OrganisationScreen)
        first = await write_here(app, pilot, tmp_path / "org.html")
        await pilot.press("h")
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        second = await write_here(app, pilot, tmp_path / "history.html")
    for path in (first, second):
        html = path.read_text(encoding="utf-8")
        assert "Verloop" in html and len(charts(html)) == 2  # two points: the history chart


async def test_an_existing_file_is_asked_about(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    seeded(db_path)
    kept = tmp_path / "kept.html"
    kept.write_text("mine", encoding="utf-8")
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await write_here(app, pilot, kept)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # no: the dialog opens again on that path
        await settle(app, pilot)
        assert isinstance(app.screen, ReportDialog)
    assert kept.read_text(encoding="utf-8") == "mine"


async def test_a_round_writes_its_report(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.round_seed import seed_round

    monkeypatch.chdir(tmp_path)
    round_id = seed_round(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.push_screen(RoundScreen(round_id))
        await settle(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ReportDialog)
        field = app.screen.query_one("#export-path", Input)
        assert field.value == str(tmp_path / "gemeente-zwolle-teamronde-2026-11-20.html")
        field.value = str(tmp_path / "round.html")
        await pilot.press("enter")
        await settle(app, pilot)
    html = (tmp_path / "round.html").read_text(encoding="utf-8")
    assert "De teamronde" in html and "Teamscan najaar 2026" in html


async def open_report_dialog(app: MaturityScanApp, pilot: object) -> ReportDialog:
    """Home → the organisation → its newest scan's results → p."""
    await settle(app, pilot)
    for _ in range(2):
        await pilot.press("enter")  # type: ignore[attr-defined]
        await settle(app, pilot)
    assert isinstance(app.screen, ResultsScreen)
    await pilot.press("p")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ReportDialog)
    return app.screen


def pressed(dialog: ReportDialog) -> str | None:
    button = dialog.query_one("#report-format", RadioSet).pressed_button
    return button.id if button else None


async def test_choosing_pdf_in_the_dialog_writes_a_pdf(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    seeded(db_path)
    app = make_app(make_config(db_path, lang="en"))
    said = recording(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_report_dialog(app, pilot)
        assert pressed(dialog) == "format-html"
        await pilot.press("tab")  # to the format
        await pilot.press("down")  # an arrow chooses, as in any radio group: PDF
        await pilot.pause()
        assert pressed(dialog) == "format-pdf"
        field = dialog.query_one("#export-path", Input)
        path = Path(field.value)
        assert path == tmp_path / SCAN_NAME.replace(".html", ".pdf")
        await pilot.press("up")  # and back
        await pilot.pause()
        assert (pressed(dialog), Path(field.value).suffix) == ("format-html", ".html")
        await pilot.press("down", "enter")  # Enter on the choice saves, as on the path
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
    assert path.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert said == [f"Report written: {path}"]


async def test_a_name_ending_in_pdf_chooses_pdf_and_back(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    seeded(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_report_dialog(app, pilot)
        field = dialog.query_one("#export-path", Input)
        field.value = str(tmp_path / "bestuur.PDF")
        await pilot.pause()
        assert pressed(dialog) == "format-pdf"
        field.value = str(tmp_path / "bestuur.htm")
        await pilot.pause()
        assert pressed(dialog) == "format-html"
        field.value = str(tmp_path / "bestuur")  # no ending: the choice is kept and added
        await pilot.pause()
        assert pressed(dialog) == "format-html"
        await pilot.press("enter")
        await settle(app, pilot)
    assert "<!DOCTYPE html>" in (tmp_path / "bestuur.html").read_text(encoding="utf-8")


async def test_pdf_without_the_extra_is_said_in_the_dialog_and_nothing_written(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from maturity_scan.tui import report_flow

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(report_flow, "pdf_available", lambda: False)
    seeded(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_report_dialog(app, pilot)
        dialog.query_one("#export-path", Input).value = str(tmp_path / "bestuur.pdf")
        await pilot.pause()
        error = dialog.query_one("#export-error", Label)
        assert "pip install -e '.[pdf]'" in str(error.render())
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is dialog  # not written: still asking
    assert list(tmp_path.glob("bestuur*")) == []
