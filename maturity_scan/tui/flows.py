"""Flows that one screen starts and another screen or dialog finishes.

Comparing two scans, editing an organisation's targets and exporting a scan are started from
home, results and history alike; they live here, so that no screen imports another screen's
module to reach them. Each reads what it needs off the UI thread (:func:`read_then`), opens
its screen or dialog, and writes in the background. The screens they open are imported when
first used: home imports this module before its first paint.

Full screens (questionnaire, results, history) are opened through the app
(:class:`maturity_scan.tui.services.ScanApp`), never from here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from maturity_scan.errors import ScanError
from maturity_scan.visible import visible

if TYPE_CHECKING:
    from maturity_scan.core.catalog import Catalog
    from maturity_scan.core.models import QuestionSet, Scan, Target
    from maturity_scan.tui.screens.base import BaseScreen
    from maturity_scan.tui.services import ScreenApp

ReadT = TypeVar("ReadT")


def read_then(
    screen: BaseScreen[Any], read: Callable[[], ReadT], then: Callable[[ReadT], object], group: str
) -> None:
    """``read()`` off the UI thread, once the writes handed to the autosaver are on disk (so
    it sees them); then ``then(result)`` on the UI thread. A ScanError is reported instead."""
    app = screen.app

    def work() -> None:
        app.autosaver.flush()
        try:
            result = read()
        except ScanError as err:
            app.call_from_thread(app.report, err)
            return
        app.call_from_thread(then, result)

    screen.run_worker(work, thread=True, group=group)


# ----------------------------------------------------------------- compare


def show_compare(app: ScreenApp, organisation: str, before: Scan, after: Scan) -> None:
    """The comparison of two completed scans of ``organisation``."""
    from maturity_scan.tui.screens.compare import CompareScreen

    app.push_screen(CompareScreen(organisation, before, after))


def open_compare(screen: BaseScreen[None], scan: Scan) -> None:
    """Compare ``scan`` (if completed) with the point before it; else the latest two points
    (a team round is one point: its consensus, or its provisional result; a respondent's
    scan is compared with the point before its round). Read off the UI thread."""
    from maturity_scan.core.points import points
    from maturity_scan.core.report import previous_scan
    from maturity_scan.tui.screens.compare import CompareScreen

    app = screen.app

    def read() -> tuple[list[Scan], Scan | None]:
        contents = app.config.store.contents(scan.organisation)
        catalog = app.config.catalog
        found = points(
            contents.scans, contents.rounds, lambda ref: catalog.find(ref.id, ref.version)
        )
        own = [p.scan for p in found]
        if scan.status != "completed" or scan.id in {s.id for s in own}:
            return own, None
        return own, previous_scan(scan, contents.scans, catalog, contents.rounds)

    def show(read: tuple[list[Scan], Scan | None]) -> None:
        completed, before = read
        if isinstance(app.screen, CompareScreen):
            return  # asked for twice in a row
        if before is not None:  # a respondent's scan, against the point before its round
            show_compare(app, scan.organisation, before, scan)
            return
        if len(completed) < 2:
            screen.notify(screen.t("ui.h.need_two"), severity="warning", markup=False)
            return
        ids = [s.id for s in completed]
        later = ids.index(scan.id) if scan.id in ids and ids.index(scan.id) > 0 else len(ids) - 1
        show_compare(app, scan.organisation, completed[later - 1], completed[later])

    read_then(screen, read, show, group="compare")


# ----------------------------------------------------------------- targets


def open_targets_dialog(screen: BaseScreen[None], organisation: str) -> None:
    """Edit an organisation's targets; saved in the background, then the screen reloads.

    The organisation's targets and the question set of its latest scan are read off the UI
    thread (it is one read of the whole file, a tenth of a second with 10,000 scans)."""
    from maturity_scan.tui.screens.targets import TargetsDialog

    app = screen.app

    def read() -> tuple[QuestionSet, list[Target]]:
        question_set = app.config.catalog.get("sociale-inkoop")
        contents = app.config.store.contents(organisation)  # one read of the file
        if contents.scans:
            latest = contents.scans[-1].question_set
            question_set = app.config.catalog.get(latest.id, latest.version)
        return question_set, contents.targets

    def show(found: tuple[QuestionSet, Sequence[Target]]) -> None:
        question_set, targets = found
        if isinstance(app.screen, TargetsDialog):
            return  # asked for twice in a row: one dialog is enough
        app.push_screen(
            TargetsDialog(organisation, question_set, targets),
            lambda new: save(question_set.id, new),
        )

    def saved() -> None:
        screen.notify(screen.t("ui.t.saved"), markup=False)
        reload = getattr(screen, "load", None)
        if callable(reload):
            reload()

    def save(question_set: str, new: list[Target] | None) -> None:
        if new is not None:
            store = app.config.store
            app.save(lambda: store.replace_targets(organisation, question_set, new), then=saved)

    read_then(screen, read, show, group="targets-dialog")


# ----------------------------------------------------------------- export


def export_scan_dialog(screen: BaseScreen[None], scan: Scan, path: Path | None = None) -> None:
    """Ask where to, then write the export off the UI thread and say where it went.

    The path is checked first (:func:`maturity_scan.exchange.outputs.output_target`): the database's
    own files, a folder, pipe or device are refused with an error and the dialog opens again;
    a symbolic link asks whether to replace its target's contents; an existing file asks
    before it is overwritten. After a failed write the dialog opens again on that path.
    ``scan`` gives the default name and the id: the file holds the scan as stored."""
    from maturity_scan.exchange.export import default_export_name
    from maturity_scan.exchange.outputs import SYMLINK, output_target
    from maturity_scan.present.textreport import local_date
    from maturity_scan.tui.screens.dialogs import ConfirmDialog, ExportDialog

    app = screen.app
    default = path or Path.cwd() / default_export_name(scan.organisation, local_date(scan.date))
    db = app.config.db_path

    def write(target: Path, force: bool = False) -> None:
        worker = partial(_write_export, screen, scan, target, force)
        screen.run_worker(worker, thread=True)

    def ask(title: str, body: str, target: Path, force: bool) -> None:
        app.push_screen(
            ConfirmDialog(title, body, yes_key="ui.key.overwrite"),
            lambda yes: write(target, force) if yes else export_scan_dialog(screen, scan, target),
        )

    def chosen(target: Path | None) -> None:
        if target is None:
            return
        try:
            where = output_target(target, db)
        except ScanError as err:
            if err.key != SYMLINK:
                app.report(err)
                export_scan_dialog(screen, scan, target)
                return
            link_to = err.params["target"]
            body = screen.t(
                "ui.export.symlink", file=shown_path(target), target=shown_path(link_to)
            )
            ask(screen.t("ui.export.symlink_title"), body, target, force=True)
            return
        if not where.exists():
            write(target)
            return
        body = screen.t("ui.export.exists", file=shown_path(target))
        ask(screen.t("ui.export.exists_title"), body, target, force=False)

    app.push_screen(ExportDialog(default), chosen)


def shown_path(path: object) -> str:
    """A path as the screen shows it: typed or found on disk, so never terminal control."""
    return visible(str(path), single_line=True)


def _write_export(screen: BaseScreen[None], scan: Scan, path: Path, force: bool = False) -> None:
    """In a worker: every write handed to the autosaver done, the scan read afresh from the
    store (never the screen's copy) with its organisation's targets and record, the path
    checked again, the file written."""
    from maturity_scan.atomic import write_atomic
    from maturity_scan.exchange.export import build_export, encode_export
    from maturity_scan.exchange.outputs import output_target
    from maturity_scan.storage.store import now

    app = screen.app
    try:
        app.autosaver.flush()
        stored = app.config.store.get(scan.id)
        # its organisation's targets, record and rounds go along, as with ``export --scan``
        contents = app.config.store.contents(stored.organisation)
        where = output_target(path, app.config.db_path, force=force)
        payload = encode_export(
            build_export(
                [stored],
                app.config.catalog,
                now(),
                contents.targets,
                contents.organisations,
                contents.rounds,
            )
        )
        write_atomic(where, payload, error_key="err.write_output")
    except ScanError as err:
        app.call_from_thread(app.report, err)
        app.call_from_thread(export_scan_dialog, screen, scan, path)
        return
    done = screen.t("ui.export.done", file=shown_path(path.resolve()))
    app.call_from_thread(partial(app.notify, done, markup=False))  # a path is not markup


# ----------------------------------------------------------------- a new scan


def new_scan_dialog(
    screen: BaseScreen[None],
    catalog: Catalog,
    organisations: list[str],
    started: Callable[[Scan], object],
    preset: str | None = None,
) -> None:
    """Ask for the organisation, date, respondent and question set; store the new scan in
    the background, call ``started(scan)`` and open its questionnaire.

    ``preset``: the organisation to fill in (the one selected when ``n`` was pressed). The
    organisations' latest completed scans are read off the UI thread while the dialog is
    open: the new scan can start from one (:func:`maturity_scan.core.followup.follow_up`).
    A name typed in another spelling of a stored organisation is filed under the stored one,
    and a notice says so."""
    from maturity_scan.tui.screens.new_scan import NewScanDialog, NewScanRequest

    app = screen.app
    dialog = NewScanDialog(organisations, catalog.latest(), preset)
    #: Every stored organisation's name (completed by the read below).
    stored: list[str] = list(organisations)

    def chosen(request: NewScanRequest | None) -> None:
        """A name that is no stored organisation but looks like one asks first: a typo
        would start a new organisation. No: the form again, with the name it looks like."""
        if request is None:
            return
        from maturity_scan.core.names import close_names, org_key

        close = []
        if not any(org_key(name) == org_key(request.organisation) for name in stored):
            close = close_names(request.organisation, stored)
        if not close:
            start(request)
            return
        from maturity_scan.tui.screens.dialogs import ConfirmDialog

        body = screen.t(
            "ui.new.org_close",
            org=visible(request.organisation, single_line=True),
            known=", ".join(f"'{visible(c, single_line=True)}'" for c in close),
        )
        again = close[0] if len(close) == 1 else request.organisation
        app.push_screen(
            ConfirmDialog(screen.t("ui.new.org_close_title"), body, yes_key="ui.key.new_org"),
            lambda yes: (
                start(request) if yes else new_scan_dialog(screen, catalog, stored, started, again)
            ),
        )

    def start(request: NewScanRequest) -> None:
        from maturity_scan.core.models import Respondent
        from maturity_scan.storage.store import make_scan

        qs = catalog.find(request.question_set.id, request.question_set.version)
        if qs is None:
            return
        from maturity_scan.dates import moment_of

        scan = make_scan(
            request.organisation,
            request.question_set,
            Respondent(name=request.name, role=request.role),
            taken_at=moment_of(request.day),
        )
        if request.follows is not None:
            from maturity_scan.core.followup import follow_up

            scan = follow_up(scan, request.follows, qs)
        store, filed = app.config.store, []

        def add() -> None:
            filed.append(store.add(scan))

        def added() -> None:
            if filed and filed[0].organisation != scan.organisation:
                name = visible(filed[0].organisation, single_line=True)
                app.notify(screen.t("ui.new.filed_under", org=name), markup=False)

        app.save(add, then=added)
        started(scan)
        app.show_questionnaire(scan, qs, replace=False)

    def latest_completed() -> tuple[dict[str, Scan], dict[str, Scan]]:
        """Per organisation its latest completed scan and its latest open draft."""
        from maturity_scan.core.names import org_key

        latest: dict[str, Scan] = {}
        drafts: dict[str, Scan] = {}
        # oldest first: the last one seen is the latest. The overview's read carries the
        # answers of each organisation's latest completed scan (what a follow-up copies)
        # and not those of the others, which are not needed here
        scans = app.config.store.overview_contents().scans
        stored[:] = sorted({org_key(s.organisation): s.organisation for s in scans}.values())
        for scan in scans:
            (latest if scan.status == "completed" else drafts)[org_key(scan.organisation)] = scan
        return latest, drafts

    def known(found: tuple[dict[str, Scan], dict[str, Scan]]) -> None:
        if dialog.is_attached:
            dialog.set_latest(*found)

    app.push_screen(dialog, chosen)
    read_then(screen, latest_completed, known, group="new-scan-latest")


# ----------------------------------------------------------------- writes of one scan

#: Writes ``operation`` in the background, then calls the second function (see write_then).
Write = Callable[[Callable[[], object], Callable[[], object]], None]


def write_then(
    screen: BaseScreen[Any],
    operation: Callable[[], object],
    then: Callable[[], object],
    refused: Callable[[ScanError], object],
    group: str,
) -> None:
    """``operation`` (a write) off the UI thread, after the writes already handed to the
    autosaver; then ``then()`` on the UI thread, or ``refused(error)`` if it raised one."""
    app = screen.app

    def work() -> None:
        app.autosaver.flush()
        try:
            operation()
        except ScanError as err:
            app.call_from_thread(refused, err)
            return
        app.call_from_thread(then)

    screen.run_worker(work, thread=True, group=group)


def delete_scan_dialog(
    screen: BaseScreen[None],
    scan: Scan,
    last_with_targets: bool,
    write: Write,
    then: Callable[[], object],
) -> None:
    """Ask, then delete ``scan`` with ``write``; say so and ``then()``. ``last_with_targets``:
    it is its organisation's last scan and the organisation has targets (deleted with it)."""
    from maturity_scan.present.textreport import local_date
    from maturity_scan.tui.screens.dialogs import ConfirmDialog

    name = visible(scan.organisation, single_line=True)
    body = screen.t(
        "ui.delete.body",
        org=name,
        date=local_date(scan.date),
        status=screen.t(f"status.{scan.status}"),
    )
    if last_with_targets:
        body += "\n\n" + screen.t("ui.delete.last", org=name)

    def deleted() -> None:
        screen.notify(screen.t("ui.delete.done"), markup=False)
        then()

    def confirmed(yes: bool | None) -> None:
        if yes:
            store = screen.app.config.store
            write(lambda: store.delete(scan.id), deleted)

    screen.app.push_screen(
        ConfirmDialog(screen.t("ui.delete.title"), body, yes_key="ui.key.delete"), confirmed
    )


def edit_scan_dialog(
    screen: BaseScreen[None], scan: Scan, write: Write, then: Callable[[], object]
) -> None:
    """Change the date, name or role of ``scan`` (its answers stay) with ``write``; say so
    and ``then()``."""
    from maturity_scan.tui.screens.new_scan import EditRequest, EditScanDialog

    def edited() -> None:
        screen.notify(screen.t("ui.edit.saved"), markup=False)
        then()

    def chosen(request: EditRequest | None) -> None:
        if request is None or (request.taken_at is None and request.respondent is None):
            return
        store = screen.app.config.store
        write(
            lambda: store.edit(scan.id, taken_at=request.taken_at, respondent=request.respondent),
            edited,
        )

    screen.app.push_screen(EditScanDialog(scan), chosen)
