"""Flows that change an organisation as a whole (#13): rename, merge, groups, rescan interval.

Each is one function a screen calls with what it has at hand (the organisation's name, its
overview row or record) and ``then``, called on the UI thread with the organisation's name
after the change (a rename or merge changes it: a screen showing the organisation follows
it). Each asks (:mod:`maturity_scan.tui.screens.org_dialogs`), says what a rename or merge
will move and asks again, writes in the background (:func:`maturity_scan.tui.flows.write_then`,
after the writes already handed to the autosaver), and says what was done. A refused write
(the name was taken meanwhile, the database is busy) is shown in the dialog, opened again
with what was typed; when the organisation itself is gone it is reported instead.

Reads for the counts are one read of the file, off the UI thread (:func:`read_then`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from maturity_scan.core.names import fold, org_key
from maturity_scan.core.organisations import shown_names
from maturity_scan.errors import ScanError
from maturity_scan.tui.flows import read_then, write_then

if TYPE_CHECKING:
    from maturity_scan.core.models import Organisation
    from maturity_scan.core.organisations import OrgRow
    from maturity_scan.present.org_moves import MovePreview
    from maturity_scan.storage.organisations import Moved
    from maturity_scan.tui.screens.base import BaseScreen

#: Called with the organisation's name once the change is stored.
Then = Callable[[str], object]
R = TypeVar("R")


# ----------------------------------------------------------------- rename


def rename_organisation_dialog(
    screen: BaseScreen[Any],
    name: str,
    then: Then,
    value: str | None = None,
    error: str | None = None,
) -> None:
    """Ask for a new name for organisation ``name`` (another organisation's name is refused:
    that is a merge), say what moves with it and ask, then rename. ``value``/``error``: the
    dialog again with what was typed and why it was refused."""
    from maturity_scan.present.org_moves import preview

    app = screen.app

    def read() -> tuple[MovePreview, dict[str, str]]:
        contents = app.config.store.contents()
        names = shown_names(contents.scans, contents.organisations)
        return preview(contents.scans, contents.targets, name), names

    def ask(found: tuple[MovePreview, dict[str, str]]) -> None:
        from maturity_scan.tui.screens.org_dialogs import RenameDialog

        moves, names = found

        def taken(new: str) -> str | None:
            other = names.get(org_key(new))
            if other is None or org_key(new) == org_key(name):
                return None
            return screen.t("ui.org.name_taken", new=other, old=name)

        def chosen(new: str | None) -> None:
            if new is not None:
                confirm(moves, new)

        app.push_screen(RenameDialog(name, taken, value, error), chosen)

    def confirm(moves: MovePreview, new: str) -> None:
        from maturity_scan.present.org_moves import rename_text

        _confirm(
            screen,
            screen.t("ui.org.rename.confirm", org=name),
            rename_text(moves, new, screen.lang),
            "ui.org.key.rename",
            lambda: write(new),
        )

    def write(new: str) -> None:
        from maturity_scan.present.org_moves import renamed_text

        store = app.config.store

        def done(moved: Moved) -> None:
            text = renamed_text(name, moved.name, moved.scans, moved.targets, screen.lang)
            screen.notify(_shown(text), markup=False)
            then(moved.name)

        def refused(err: ScanError) -> None:
            if not _gone(screen, err):
                rename_organisation_dialog(screen, name, then, new, _message(screen, err))

        _write(screen, lambda: store.rename_organisation(name, new), done, refused)

    read_then(screen, read, ask, group="org-rename")


# ----------------------------------------------------------------- merge


def merge_organisation_dialog(
    screen: BaseScreen[Any],
    name: str,
    organisations: Sequence[str],
    then: Then,
    value: str = "",
    error: str | None = None,
) -> None:
    """Ask which of ``organisations`` ``name`` goes into (suggested as it is typed), say what
    moves and what is dropped and ask, then merge; ``then(into)``."""
    from maturity_scan.tui.screens.org_dialogs import MergeDialog

    app = screen.app
    others = [o for o in organisations if org_key(o) != org_key(name)]
    if not others:
        screen.notify(screen.t("ui.org.merge.alone", org=name), severity="warning", markup=False)
        return

    def chosen(into: str | None) -> None:
        if into is None:
            return
        from maturity_scan.present.org_moves import preview

        def read() -> MovePreview:
            contents = app.config.store.contents()
            return preview(contents.scans, contents.targets, name, into)

        read_then(screen, read, lambda moves: confirm(moves, into), group="org-merge")

    def confirm(moves: MovePreview, into: str) -> None:
        from maturity_scan.present.org_moves import merge_text

        _confirm(
            screen,
            screen.t("ui.org.merge.confirm", source=name, into=into),
            merge_text(moves, screen.lang),
            "ui.org.key.merge",
            lambda: write(into),
        )

    def write(into: str) -> None:
        from maturity_scan.present.org_moves import merged_text

        store = app.config.store

        def done(moved: Moved) -> None:
            text = merged_text(
                name, moved.name, moved.scans, moved.targets, moved.dropped, screen.lang
            )
            screen.notify(_shown(text), markup=False)
            then(moved.name)

        def refused(err: ScanError) -> None:
            if not _gone(screen, err):
                merge_organisation_dialog(
                    screen, name, organisations, then, into, _message(screen, err)
                )

        _write(screen, lambda: store.merge_organisations(name, into), done, refused)

    app.push_screen(MergeDialog(name, others, value, error), chosen)


# ----------------------------------------------------------------- groups, rescan interval


def groups_dialog(
    screen: BaseScreen[Any],
    organisation: OrgRow | Organisation,
    then: Then,
    known: Sequence[str] = (),
    value: str | None = None,
    error: str | None = None,
) -> None:
    """Edit the groups of ``organisation`` (its overview row or record); ``known``: every
    group in use, suggested while typing. Groups taken off and added are stored in the
    background; the notice says which groups it is in now."""
    from maturity_scan.tui.screens.org_dialogs import GroupsDialog

    app = screen.app
    name, current = organisation.name, list(organisation.groups)

    def chosen(groups: list[str] | None) -> None:
        if groups is None:
            return
        kept = {fold(g) for g in groups}
        had = {fold(g) for g in current}
        off = [g for g in current if fold(g) not in kept]
        on = [g for g in groups if fold(g) not in had]
        if not off and not on:
            return
        store = app.config.store

        def change() -> Organisation:
            record = None
            if off:  # first: a full list of groups can be changed in one go
                record = store.tag_organisation(name, off, add=False)
            if on:
                record = store.tag_organisation(name, on, add=True)
            assert record is not None
            return record

        def done(record: Organisation) -> None:
            from maturity_scan.present.org_moves import groups_text

            screen.notify(
                _shown(groups_text(record.name, record.groups, screen.lang)), markup=False
            )
            then(record.name)

        def refused(err: ScanError) -> None:
            if not _gone(screen, err):
                typed = ", ".join(groups)
                groups_dialog(screen, organisation, then, known, typed, _message(screen, err))

        _write(screen, change, done, refused)

    app.push_screen(GroupsDialog(name, current, known, value, error), chosen)


def rescan_dialog(
    screen: BaseScreen[Any], name: str, months: int, then: Then, error: str | None = None
) -> None:
    """Ask how many months after its last scan organisation ``name`` (now every ``months``)
    is due for the next one; store it in the background."""
    from maturity_scan.tui.screens.org_dialogs import RescanDialog

    app = screen.app

    def chosen(new: int | None) -> None:
        if new is None or new == months:
            return
        store = app.config.store

        def done(record: Organisation) -> None:
            every = screen.t("org.n_months", count=record.rescan_months)
            text = screen.t("ui.org.rescan.saved", org=record.name, months=every)
            screen.notify(_shown(text), markup=False)
            then(record.name)

        def refused(err: ScanError) -> None:
            if not _gone(screen, err):
                rescan_dialog(screen, name, new, then, _message(screen, err))

        _write(screen, lambda: store.set_rescan(name, new), done, refused)

    app.push_screen(RescanDialog(name, months, error), chosen)


# ----------------------------------------------------------------- shared

#: A write refused because the organisation (or the one to merge into) is no longer stored.
GONE = ("err.org_unknown", "err.org_unknown_none")


def _gone(screen: BaseScreen[Any], err: ScanError) -> bool:
    """Report ``err`` when the organisation is gone (asking again would not help); else it
    is shown in the dialog, opened again."""
    if err.key in GONE:
        screen.app.report(err)
        return True
    return False


def _message(screen: BaseScreen[Any], err: ScanError) -> str:
    """``err`` as the dialog shows it (a taken name points to merging, not to the command
    line)."""
    if err.key == "err.org_rename_taken":
        return screen.t("ui.org.name_taken", new=err.params["new"], old=err.params["old"])
    return err.render(screen.lang)


def _confirm(
    screen: BaseScreen[Any], title: str, body: str, yes_key: str, yes: Callable[[], object]
) -> None:
    from maturity_scan.tui.screens.dialogs import ConfirmDialog

    def answered(agreed: bool | None) -> None:
        if agreed:
            yes()

    screen.app.push_screen(ConfirmDialog(_shown(title), body, yes_key=yes_key), answered)


def _write(
    screen: BaseScreen[Any],
    operation: Callable[[], R],
    done: Callable[[R], object],
    refused: Callable[[ScanError], object],
) -> None:
    """``operation`` in the background (after the autosaver's writes); ``done(result)`` or
    ``refused(error)`` on the UI thread."""
    result: list[R] = []
    write_then(
        screen,
        lambda: result.append(operation()),
        lambda: done(result[0]),
        refused,
        group="org-write",
    )


def _shown(text: str) -> str:
    from maturity_scan.visible import visible

    return visible(text)
