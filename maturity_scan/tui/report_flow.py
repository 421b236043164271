"""The app's board report key (``p`` on results, history, a team round and an organisation):
ask where to write the report and as HTML or PDF (default beside the exports: the current
folder, named ``<organisation>-<date>.html``), then read, build and write it in a worker and
say where it went. The same checks as the export dialog's: never the database's files, a
folder, pipe or device; a symbolic link or an existing file only after asking. The content is
what ``maturity-scan report`` writes (:mod:`maturity_scan.present.board_build`,
:mod:`maturity_scan.present.board_output`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label, RadioButton, RadioSet

from maturity_scan.errors import ScanError
from maturity_scan.present.board_output import FORMATS, format_of, pdf_available, with_format
from maturity_scan.present.board_report import Subject
from maturity_scan.tui.flows import shown_path
from maturity_scan.tui.screens.dialogs import ExportDialog
from maturity_scan.tui.widgets.choice import Choice

if TYPE_CHECKING:
    from maturity_scan.config import Config
    from maturity_scan.core.models import Lang, Round, Scan
    from maturity_scan.present.board_report import BoardReport
    from maturity_scan.tui.screens.base import BaseScreen

#: Builds the report from a fresh read of the store: (config, language, today) → report.
Build = Callable[["Config", "Lang", date], "BoardReport"]


class ReportDialog(ExportDialog):
    """Where to write the board report, and as HTML or PDF: the export dialog with its own
    title and a choice of format. The path's ending and the choice follow each other, so the
    file given back always ends in its format (``.html``, ``.pdf``); PDF is refused here,
    with how to install it, when the extra is missing."""

    #: Enter saves from the format choice too (the path field submits on its own).
    BINDINGS = [Binding("enter", "save", show=False)]

    def __init__(self, default: Path) -> None:
        super().__init__(default)
        self._pdf = pdf_available()

    def compose_options(self) -> ComposeResult:
        yield Label("", id="report-format-label", markup=False)
        shown = format_of(self._default) or FORMATS[0]
        with Choice(id="report-format"):
            for format_ in FORMATS:
                yield RadioButton(id=f"format-{format_}", value=format_ == shown)

    def update_texts(self) -> None:
        super().update_texts()
        self.query_one("#export-title", Label).update(self.t("ui.report.title"))
        self.query_one("#report-format-label", Label).update(self.t("ui.report.format"))
        for format_ in FORMATS:
            button = self.query_one(f"#format-{format_}", RadioButton)
            button.label = RichText(self.t(f"ui.report.{format_}"))
        self.query_one("#export-hint", Label).update(self.t("ui.report.hint"))

    @property
    def chosen_format(self) -> str:
        pressed = self.query_one("#report-format", RadioSet).pressed_button
        return pressed.id.removeprefix("format-") if pressed and pressed.id else FORMATS[0]

    @on(RadioSet.Changed, "#report-format")
    def _format_changed(self) -> None:
        field = self.query_one("#export-path", Input)
        typed = field.value.strip()
        if typed:
            field.value = str(with_format(Path(typed), self.chosen_format))
        self._say_if_missing()

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        named = format_of(Path(event.value.strip()))
        if named is not None and named != self.chosen_format:
            self.query_one(f"#format-{named}", RadioButton).value = True

    def _say_if_missing(self) -> bool:
        missing = self.chosen_format == "pdf" and not self._pdf
        error = self.t("ui.report.pdf_missing") if missing else ""
        self.query_one("#export-error", Label).update(error)
        return missing

    def submit(self, path: Path) -> None:
        if self._say_if_missing():
            return
        if not path.is_dir():  # a folder is refused, with its own message, by the flow
            path = with_format(path, self.chosen_format)
        self.dismiss(path)


@dataclass(frozen=True)
class Source:
    """What a report is of: its organisation, what its default file name says
    (``<organisation>-scan-<date>.html``), and how to build it."""

    organisation: str
    subject: Subject
    build: Build


def default_path(source: Source, lang: Lang) -> Path:
    from maturity_scan.present.board_output import default_file_name

    return Path.cwd() / default_file_name(source.organisation, source.subject, lang, FORMATS[0])


def report_dialog(screen: BaseScreen[None], source: Source, path: Path | None = None) -> None:
    """Ask where to, then write the board report ``source`` builds, off the UI thread."""
    from maturity_scan.exchange.outputs import SYMLINK, output_target
    from maturity_scan.tui.screens.dialogs import ConfirmDialog

    app = screen.app
    default = path or default_path(source, screen.lang)

    def write(target: Path, force: bool = False) -> None:
        worker = partial(_write_report, screen, source, target, force)
        screen.run_worker(worker, thread=True, group="board-report")

    def ask(title: str, body: str, target: Path, force: bool) -> None:
        app.push_screen(
            ConfirmDialog(title, body, yes_key="ui.key.overwrite"),
            lambda yes: write(target, force) if yes else report_dialog(screen, source, target),
        )

    def chosen(target: Path | None) -> None:
        if target is None:
            return
        try:
            where = output_target(target, app.config.db_path)
        except ScanError as err:
            if err.key != SYMLINK:
                app.report(err)
                report_dialog(screen, source, target)
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


def _write_report(screen: BaseScreen[None], source: Source, path: Path, force: bool) -> None:
    """In a worker: pending answers saved, the report built from a fresh read, the path
    checked again, the file written (atomically, private); then a notice says where."""
    from maturity_scan.atomic import write_atomic
    from maturity_scan.exchange.outputs import output_target
    from maturity_scan.present.board_output import render_report

    app = screen.app
    made = date.today()
    try:
        app.autosaver.flush()
        board = source.build(app.config, screen.lang, made)
        where = output_target(path, app.config.db_path, force=force)
        content = render_report(board, format_of(path) or FORMATS[0], made)
        write_atomic(where, content, error_key="err.write_output")
    except ScanError as err:
        app.call_from_thread(app.report, err)
        app.call_from_thread(report_dialog, screen, source, path)
        return
    done = screen.t("ui.report.done", file=shown_path(path.resolve()))
    app.call_from_thread(partial(app.notify, done, markup=False))  # a path is not markup


def scan_source(scan: Scan) -> Source:
    from maturity_scan.present.board_build import scan_board

    def build(config: Config, lang: Lang, today: date) -> BoardReport:
        return scan_board(config.store, config.catalog, scan.id, lang, today)

    from maturity_scan.present.board_build import scan_subject

    return Source(scan.organisation, scan_subject(scan), build)


def org_source(organisation: str) -> Source:
    from maturity_scan.present.board_build import org_board

    def build(config: Config, lang: Lang, today: date) -> BoardReport:
        found = org_board(config.store, config.catalog, organisation, lang, today)
        if found is None:  # gone since the screen read it (deleted or renamed elsewhere)
            raise ScanError("err.report_no_points", org=organisation)
        return found

    return Source(organisation, Subject("organisation", date.today().isoformat()), build)


def round_source(made_round: Round) -> Source:
    def build(config: Config, lang: Lang, today: date) -> BoardReport:
        from maturity_scan.present.board_build import round_board

        fresh = config.store.rounds.get(made_round.id)
        return round_board(config.store, config.catalog, fresh, lang, today)

    subject = Subject("round", made_round.opened.isoformat())
    return Source(made_round.organisation, subject, build)
