"""What the screens use of the app: a small protocol instead of the concrete app class.

Screens and flows see ``self.app`` as Textual's :class:`~textual.app.App` plus
:class:`ScanApp` (see :class:`ScreenApp`): the configuration (database, question sets),
the language, the background writer, reporting an error, and the way to the screens that
are not their own (a questionnaire, results, history, an organisation, every scan). The app
(:class:`maturity_scan.tui.app.MaturityScanApp`) provides them and imports the screens;
no screen imports the app or another full screen, so the screen modules form a DAG
(``tests/test_tui_imports.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.app import App

    from maturity_scan.config import Config
    from maturity_scan.core.models import Lang, QuestionSet, Scan
    from maturity_scan.errors import ScanError
    from maturity_scan.tui.autosave import Autosaver


class ScanApp(Protocol):
    """The app's services, as screens use them."""

    config: Config
    lang: Lang
    autosaver: Autosaver

    def save(
        self,
        operation: Callable[[], object],
        then: Callable[[], object] | None = None,
        settled: Callable[[bool], object] | None = None,
    ) -> None:
        """Write in the background, in order (see ``MaturityScanApp.save``)."""

    def report(self, err: ScanError) -> None:
        """Show ``err`` as an error notice, in the current language."""

    def show_questionnaire(self, scan: Scan, question_set: QuestionSet, replace: bool) -> None:
        """Open the questionnaire of a draft: over the current screen, or instead of it."""

    def show_results(self, scan: Scan, question_set: QuestionSet, replace: bool) -> None:
        """Show a completed scan's results: over the current screen, or instead of it."""

    def show_history(self, organisation: str) -> None:
        """Show an organisation's history over the current screen."""

    def show_organisation(self, organisation: str) -> None:
        """Show an organisation's scans (and details) over the current screen."""

    def show_scans(self) -> None:
        """Show every scan of every organisation over the current screen."""

    def show_round(self, round_id: str) -> None:
        """Show a team round (its report) over the current screen."""


if TYPE_CHECKING:

    class ScreenApp(App[object], ScanApp):
        """For the type checker only: Textual's App with the services of :class:`ScanApp`
        (Python has no intersection type). Screens declare ``app`` as this."""
