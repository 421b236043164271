"""The app's board report key (``p`` on results, history, a team round and an organisation):
ask where to write the report (default beside the exports: the current folder, named
``<organisation>-<date>.html``), then read, build and write it in a worker and say where it
went. The same checks as the export dialog's: never the database's files, a folder, pipe or
device; a symbolic link or an existing file only after asking. The content is what
``maturity-scan report`` writes (:mod:`maturity_scan.present.board_build`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.widgets import Label

from maturity_scan.errors import ScanError
from maturity_scan.tui.flows import shown_path
from maturity_scan.tui.screens.dialogs import ExportDialog

if TYPE_CHECKING:
    from maturity_scan.config import Config
    from maturity_scan.core.models import Lang
    from maturity_scan.present.board_report import BoardReport
    from maturity_scan.tui.screens.base import BaseScreen

#: Builds the report from a fresh read of the store: (config, language, today) → report.
Build = Callable[["Config", "Lang", date], "BoardReport"]


class ReportDialog(ExportDialog):
    """Where to write the board report (the export dialog, with its own title)."""

    def update_texts(self) -> None:
        super().update_texts()
        self.query_one("#export-title", Label).update(self.t("ui.report.title"))


def default_path(organisation: str, today: date) -> Path:
    from maturity_scan.exchange.outputs import default_export_name

    name = default_export_name(organisation, today.isoformat())
    return Path.cwd() / Path(name).with_suffix(".html")


def report_dialog(
    screen: BaseScreen[None], organisation: str, build: Build, path: Path | None = None
) -> None:
    """Ask where to, then write the board report ``build`` makes, off the UI thread."""
    from maturity_scan.exchange.outputs import SYMLINK, output_target
    from maturity_scan.tui.screens.dialogs import ConfirmDialog

    app = screen.app
    default = path or default_path(organisation, date.today())

    def write(target: Path, force: bool = False) -> None:
        worker = partial(_write_report, screen, organisation, build, target, force)
        screen.run_worker(worker, thread=True, group="board-report")

    def ask(title: str, body: str, target: Path, force: bool) -> None:
        app.push_screen(
            ConfirmDialog(title, body, yes_key="ui.key.overwrite"),
            lambda yes: (
                write(target, force) if yes else report_dialog(screen, organisation, build, target)
            ),
        )

    def chosen(target: Path | None) -> None:
        if target is None:
            return
        try:
            where = output_target(target, app.config.db_path)
        except ScanError as err:
            if err.key != SYMLINK:
                app.report(err)
                report_dialog(screen, organisation, build, target)
                return
            body = screen.t(
                "ui.export.symlink",
                file=shown_path(target),
                target=shown_path(err.params["target"]),
            )
            ask(screen.t("ui.export.symlink_title"), body, target, force=True)
            return
        if not where.exists():
            write(target)
            return
        body = screen.t("ui.export.exists", file=shown_path(target))
        ask(screen.t("ui.export.exists_title"), body, target, force=False)

    app.push_screen(ReportDialog(default), chosen)


def _write_report(
    screen: BaseScreen[None], organisation: str, build: Build, path: Path, force: bool
) -> None:
    """In a worker: pending answers saved, the report built from a fresh read, the path
    checked again, the file written (atomically, private); then a notice says where."""
    from maturity_scan.atomic import write_atomic
    from maturity_scan.exchange.outputs import output_target
    from maturity_scan.present.board_html import render_html

    app = screen.app
    try:
        app.autosaver.flush()
        board = build(app.config, screen.lang, date.today())
        where = output_target(path, app.config.db_path, force=force)
        write_atomic(where, render_html(board).encode("utf-8"), error_key="err.write_output")
    except ScanError as err:
        app.call_from_thread(app.report, err)
        app.call_from_thread(report_dialog, screen, organisation, build, path)
        return
    done = screen.t("ui.report.done", file=shown_path(path.resolve()))
    app.call_from_thread(partial(app.notify, done, markup=False))  # a path is not markup


def scan_build(scan_id: str) -> Build:
    from maturity_scan.present.board_build import scan_board

    return lambda config, lang, today: scan_board(
        config.store, config.catalog, scan_id, lang, today
    )


def org_build(organisation: str) -> Build:
    from maturity_scan.present.board_build import org_board

    def build(config: Config, lang: Lang, today: date) -> BoardReport:
        found = org_board(config.store, config.catalog, organisation, lang, today)
        if found is None:  # gone since the screen read it (deleted or renamed elsewhere)
            raise ScanError("err.report_no_points", org=organisation)
        return found

    return build


def round_build(round_id: str) -> Build:
    def build(config: Config, lang: Lang, today: date) -> BoardReport:
        from maturity_scan.present.board_build import round_board

        contents = config.store.rounds.contents(round_id)
        ref = contents.round.question_set
        question_set = config.catalog.get(ref.id, ref.version)
        return round_board(contents.round, contents.scans, question_set, lang, today)

    return build
