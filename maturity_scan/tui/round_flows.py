"""Flows of team rounds (#14) that a screen starts: opening a round of an organisation,
joining a round (a respondent's draft, then the normal questionnaire), and storing a
consensus. Each asks in a dialog (:mod:`maturity_scan.tui.screens.round_dialogs`), writes
off the UI thread once the writes already handed to the autosaver are on disk
(:func:`~maturity_scan.tui.flows.read_then`), and reports a refusal as an error notice.

Full screens (the round, the questionnaire) are opened through the app
(:class:`maturity_scan.tui.services.ScanApp`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from maturity_scan.errors import ScanError
from maturity_scan.tui.flows import read_then, write_then
from maturity_scan.visible import visible

if TYPE_CHECKING:
    from maturity_scan.core.models import QuestionSet, Round, Scan
    from maturity_scan.tui.screens.base import BaseScreen
    from maturity_scan.tui.screens.round_dialogs import JoinRequest, OpenRoundRequest


def open_round_dialog(
    screen: BaseScreen[Any], organisation: str, then: Callable[[Round], object]
) -> None:
    """Ask for the title, date, closing date and visibility of a new round of
    ``organisation`` (the latest version of the set); store it and ``then(round)``."""
    from maturity_scan.tui.screens.round_dialogs import OpenRoundDialog

    app = screen.app
    try:
        sets = app.config.catalog.latest()
    except ScanError as err:  # the question sets cannot be read
        app.report(err)
        return

    def chosen(request: OpenRoundRequest | None) -> None:
        if request is None:
            return
        store = app.config.store

        def opened(made: Round) -> None:
            title = visible(made.title, single_line=True)
            screen.notify(screen.t("ui.round.opened", title=title), markup=False)
            then(made)

        read_then(
            screen,
            lambda: store.rounds.open(
                organisation,
                request.title,
                request.question_set,
                request.opened,
                closes=request.closes,
                visibility=request.visibility,
            ),
            opened,
            group="round-open",
        )

    app.push_screen(OpenRoundDialog(organisation, sets), chosen)


def join_round_dialog(screen: BaseScreen[Any], round_: Round, question_set: QuestionSet) -> None:
    """Ask for the respondent's name and role; store their draft in ``round_`` and open its
    questionnaire (answers saved at once, as for any draft)."""
    from maturity_scan.tui.screens.round_dialogs import JoinRoundDialog

    app = screen.app

    def chosen(request: JoinRequest | None) -> None:
        if request is None:
            return
        from maturity_scan.core.models import Respondent

        store = app.config.store

        def joined(found: tuple[Scan, bool]) -> None:
            draft, resumed = found
            if resumed:  # the same person joining again goes on where they were
                app.notify(screen.t("ui.round.join.resumed"), markup=False)
            app.show_questionnaire(draft, question_set, replace=False)

        def join() -> tuple[Scan, bool]:
            earlier = store.rounds.open_draft(round_.id, request.name, request.role)
            if earlier is not None:
                return earlier, True
            made = store.rounds.join(
                round_.id, Respondent(name=request.name), request.role, role_only=request.role_only
            )
            return made, False

        read_then(screen, join, joined, group="round-join")

    app.push_screen(JoinRoundDialog(round_.title, question_set, round_.visibility), chosen)


def store_consensus(
    screen: BaseScreen[Any],
    round_: Round,
    consensus: Scan,
    then: Callable[[], object],
    refused: Callable[[], object],
) -> None:
    """``consensus`` as ``round_``'s consensus (in place of an earlier one), off the UI
    thread; then ``then()`` on the UI thread. A refusal is reported and ``refused()`` called;
    nothing is stored then."""
    app = screen.app
    store = app.config.store

    def failed(err: ScanError) -> None:
        app.report(err)
        refused()

    write_then(
        screen,
        lambda: store.rounds.set_consensus(round_.id, consensus),
        then,
        failed,
        group="round-consensus",
    )
