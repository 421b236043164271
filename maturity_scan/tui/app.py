"""The Textual app. ``make_app`` is the one way the command line and the tests build it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen

from maturity_scan.config import Config
from maturity_scan.core.models import Lang, QuestionSet, Scan
from maturity_scan.errors import ScanError
from maturity_scan.i18n import tr
from maturity_scan.tui.autosave import Autosaver
from maturity_scan.tui.screens.base import Localized, next_lang, translate_bindings
from maturity_scan.visible import visible

if TYPE_CHECKING:
    from maturity_scan.tui.file_draft import FileDraft
    from maturity_scan.tui.services import ScanApp

#: How long quitting waits for the lock to fold the journals (see ``_fold_journals``).
FOLD_LOCK_TIMEOUT = 0.5


class MaturityScanApp(App[object]):
    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "maturity-scan"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", "ui.key.help"),
        Binding("question_mark", "help", "ui.key.help", show=False),
        Binding("f2", "toggle_lang", "ui.key.lang"),
        Binding("ctrl+p", "command_palette", "ui.key.palette", show=False, priority=True),
        Binding("q", "quit", "ui.key.quit"),
        Binding("ctrl+q", "quit", show=False, priority=True),
    ]

    def __init__(self, config: Config, respond: FileDraft | None = None) -> None:
        super().__init__()
        self.config = config
        #: ``maturity-scan respond FILE``: the questionnaire of that file alone, no database.
        self.respond = respond
        self.lang: Lang = config.lang
        self.autosaver = Autosaver(on_error=self._save_failed)
        # the store's warnings (a daily backup that could not be made) become a notice; they
        # come from background threads, so as a message, never call_from_thread
        config.on_warning = self._store_warning
        if "store" in vars(config):  # already made (the cached property)
            config.store.on_warning = self._store_warning
        #: After an internal error: the one line the command line prints (where the details are).
        self.crash_message: str | None = None
        translate_bindings(self, self.lang)
        theme = config.settings.settings.theme
        if theme and theme in self.available_themes:
            self.theme = theme
        self._saved_settings = (self.lang, self.theme)

    def on_mount(self) -> None:
        problem = self.config.settings.problem
        if problem is not None:  # a damaged settings file: one warning, the defaults are used
            self.notify(
                tr("settings.warning", self.lang, problem=problem.render(self.lang)),
                severity="warning",
                timeout=10,
                markup=False,
            )
        self.theme_changed_signal.subscribe(self, lambda _theme: self._remember_settings())

    def on_app_focus(self) -> None:
        """The terminal has the focus again: another program may have changed the database."""
        check = getattr(self.screen, "check_for_changes", None)
        if callable(check):
            check()

    # ----------------------------------------------------------------- settings

    def _remember_settings(self) -> None:
        """Keep the language and theme for the next run, in the settings file (off the UI
        thread). A failure is said once and changes nothing else."""
        wanted = (self.lang, self.theme)
        path = self.config.settings_path
        if wanted == self._saved_settings or path is None:
            return
        self._saved_settings = wanted
        from maturity_scan.settings import Settings, save

        # the language only when chosen with F2; else what the settings file already said
        lang = self.lang if self._lang_chosen else self.config.settings.settings.lang
        settings = Settings(lang=lang, theme=self.theme)

        def write() -> None:
            try:
                save(path, settings)
            except ScanError as err:
                self.call_from_thread(self.report, err)

        self.run_worker(write, thread=True, group="settings", exclusive=True)

    # ----------------------------------------------------------------- internal errors

    def crash_log_path(self) -> Path:
        """A new file in the log folder for the details of an internal error."""
        from datetime import datetime

        from maturity_scan.paths import log_dir

        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        return log_dir(self.config.environ) / f"crash-{stamp}.log"

    def record_crash(self, error: BaseException) -> None:
        """Write ``error``'s traceback to a log file and keep the one line that says where.
        If even that fails, the line says so and the traceback goes to the screen."""
        import traceback

        from maturity_scan.atomic import write_atomic

        if self.crash_message is not None:
            return  # the first error is the one that matters
        details = "".join(traceback.format_exception(error))
        try:
            path = self.crash_log_path()
            write_atomic(path, details.encode("utf-8", "replace"), error_key="err.write_output")
        except (ScanError, OSError) as err:
            reason = err.render(self.lang) if isinstance(err, ScanError) else str(err)
            self.crash_message = tr("ui.crash.no_log", self.lang, reason=visible(reason))
            self._crash_details = details
            return
        self.crash_message = tr("ui.crash", self.lang, file=visible(str(path), single_line=True))

    _crash_details: str | None = None

    def _handle_exception(self, error: Exception) -> None:
        self.record_crash(error)
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        """Textual prints the traceback of an internal error when the app exits: it is in
        the log file instead, and the command line prints one line saying where. (Textual's
        own list of what to print is left alone: nothing reads it after this.)"""
        if self.crash_message is None:
            super()._print_error_renderables()
            return
        if self._crash_details is not None:  # no log file could be written: show it here
            import sys

            print(visible(self._crash_details), file=sys.stderr)

    def action_help_quit(self) -> None:
        """Ctrl+C: say, in the user's language, how to quit (Textual says "ctrl+q" in English)."""
        title = tr("ui.ctrl_c.title", self.lang)
        refused = any(bool(getattr(s, "refused", False)) for s in self.screen_stack)
        saved = self.autosaver.pending == 0 and not self.autosaver.failing and not refused
        state = tr("ui.ctrl_c.saved" if saved else "ui.ctrl_c.unsaved", self.lang)
        self.notify(f"{tr('ui.ctrl_c', self.lang)} {state}", title=title, markup=False)

    def get_default_screen(self) -> Screen[Any]:
        """Home is the first screen itself, not pushed over an empty default screen (which
        Textual would style and lay out for nothing)."""
        if self.respond is not None:
            from maturity_scan.tui.screens.questionnaire_file import FileQuestionnaireScreen

            return FileQuestionnaireScreen(self.respond)
        from maturity_scan.tui.screens.home import HomeScreen

        return HomeScreen()

    # ----------------------------------------------------------------- navigation (ScanApp)

    def show_questionnaire(self, scan: Scan, question_set: QuestionSet, replace: bool) -> None:
        from maturity_scan.tui.screens.questionnaire import QuestionnaireScreen

        self._show(QuestionnaireScreen(scan, question_set), replace)

    def show_results(self, scan: Scan, question_set: QuestionSet, replace: bool) -> None:
        from maturity_scan.tui.screens.results import ResultsScreen

        self._show(ResultsScreen(scan, question_set), replace)

    def show_history(self, organisation: str) -> None:
        from maturity_scan.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(organisation))

    def show_organisation(self, organisation: str) -> None:
        from maturity_scan.tui.screens.organisation import OrganisationScreen

        self.push_screen(OrganisationScreen(organisation))

    def show_scans(self) -> None:
        from maturity_scan.tui.screens.scans import ScansScreen

        self.push_screen(ScansScreen())

    def show_round(self, round_id: str) -> None:
        from maturity_scan.tui.screens.round import RoundScreen

        self.push_screen(RoundScreen(round_id))

    def _show(self, screen: Screen[Any], replace: bool) -> None:
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # ----------------------------------------------------------------- saving

    class SaveSettled(Message):
        """A background write is done (``ok``) or was given up; posted by the autosave thread."""

        def __init__(
            self,
            ok: bool,
            then: Callable[[], object] | None,
            settled: Callable[[bool], object] | None,
        ) -> None:
            super().__init__()
            self.ok, self.then, self.settled = ok, then, settled

    class SaveFailed(Message):
        """A background write failed (it may be retried); posted by the autosave thread."""

        def __init__(self, error: ScanError) -> None:
            super().__init__()
            self.error = error

    def _save_failed(self, err: ScanError) -> None:
        """On the autosave thread. Messages, never call_from_thread: that thread must not wait
        for the screen, which may itself be waiting for the writes (quit, flush)."""
        self.post_message(self.SaveFailed(err))

    class StoreWarning(Message):
        """Something went wrong that did not stop a write (see ``Store.on_warning``)."""

        def __init__(self, warning: ScanError) -> None:
            super().__init__()
            self.warning = warning

    def _store_warning(self, warning: ScanError) -> None:
        self.post_message(self.StoreWarning(warning))

    def on_maturity_scan_app_store_warning(self, message: StoreWarning) -> None:
        self.notify(
            visible(message.warning.render(self.lang)),
            title=tr("ui.warning.title", self.lang),
            severity="warning",
            timeout=15,
            markup=False,
        )

    def on_maturity_scan_app_save_failed(self, message: SaveFailed) -> None:
        error = visible(message.error.render(self.lang))
        self.notify(
            tr("ui.error.save", self.lang, error=error), severity="error", timeout=15, markup=False
        )
        refresh = getattr(self.screen, "show_save_state", None)
        if callable(refresh):
            refresh()

    def on_maturity_scan_app_save_settled(self, message: SaveSettled) -> None:
        if message.ok and message.then is not None:
            message.then()
        if message.settled is not None:
            message.settled(message.ok)

    def save(
        self,
        operation: Callable[[], object],
        then: Callable[[], object] | None = None,
        settled: Callable[[bool], object] | None = None,
    ) -> None:
        """Write in the background, in order. ``then`` runs on the UI thread after a success;
        ``settled(ok)`` after the write is done or given up (a passing failure is retried)."""
        self.autosaver.submit(
            operation, lambda ok: self.post_message(self.SaveSettled(ok, then, settled))
        )

    def report(self, err: ScanError) -> None:
        self.notify(
            visible(err.render(self.lang)),
            title=tr("ui.error.title", self.lang),
            severity="error",
            timeout=15,
            markup=False,  # errors name files and organisations as typed
        )

    async def action_quit(self) -> None:
        """Quit once every answer is on disk; if writes are still waiting (the database is
        busy), ask first instead of quitting silently. A questionnaire holding a refused
        note (not stored) asks before that."""
        from maturity_scan.tui.screens.questionnaire import QuestionnaireScreen

        for screen in self.screen_stack:
            if isinstance(screen, QuestionnaireScreen) and screen.ask_before_leaving(self._quit):
                return
        self._quit()

    def _quit(self) -> None:
        from maturity_scan.tui.screens.dialogs import ConfirmDialog

        if self.autosaver.flush(timeout=1.0):
            self._fold_journals()
            self.exit()
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(
            ConfirmDialog(
                tr("ui.quit.title", self.lang),
                tr("ui.quit.unsaved", self.lang, count=self.autosaver.pending),
                yes_key="ui.quit.anyway",
                no_key="ui.quit.wait",
            ),
            answer,
        )

    def _fold_journals(self) -> None:
        """Every answer is on disk: put the drafts' journals into the database file, so that
        the file alone holds them (a backup, a copy). If that cannot be done now (another
        program holds the lock), the journals stay: every read and the next write use them."""
        if self.respond is not None:
            return  # an invitation file: no database, no journals
        with contextlib.suppress(ScanError):
            self.config.store.fold_journals(lock_timeout=FOLD_LOCK_TIMEOUT)

    def on_unmount(self) -> None:
        self.autosaver.close()

    # ----------------------------------------------------------------- language, help, palette

    #: The language was chosen with F2 in this run: only then is it remembered (a language
    #: given by --lang or the environment is for this run only).
    _lang_chosen = False

    def action_toggle_lang(self) -> None:
        self.lang = next_lang(self.lang)  # F2 goes round them all: nl, en, then any other
        self._lang_chosen = True
        translate_bindings(self, self.lang)
        for screen in self.screen_stack:
            if isinstance(screen, Localized):
                screen.apply_language()
        self.refresh_bindings()
        self._remember_settings()

    def action_help(self) -> None:
        from maturity_scan.tui.screens.dialogs import HelpScreen
        from maturity_scan.tui.screens.help_keys import screen_keys

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(screen_keys(self, self.screen, self.lang)))

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(
                    placeholder=tr("ui.palette.placeholder", self.lang), id="--command-palette"
                )
            )

    def search_themes(self) -> None:
        """The theme picker (Textual's), its search hint in the user's language."""
        from textual.theme import ThemeProvider

        placeholder = tr("ui.palette.themes", self.lang)
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=placeholder))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        if isinstance(screen, Localized):
            yield from screen.palette_commands()

        def t(key: str) -> str:
            return tr(key, self.lang)

        # in the language it switches to, so that its readers find it
        following = next_lang(self.lang)
        switch = tr("ui.cmd.lang", following, language=tr("lang.name", following))
        yield SystemCommand(switch, t("ui.cmd.lang.help"), self.action_toggle_lang)
        yield SystemCommand(t("ui.cmd.help"), t("ui.cmd.help.help"), self.action_help)
        yield SystemCommand(t("ui.cmd.theme"), t("ui.cmd.theme.help"), self.action_change_theme)
        yield SystemCommand(t("ui.cmd.quit"), t("ui.cmd.quit.help"), self.action_quit)


def make_app(config: Config, respond: Path | None = None) -> MaturityScanApp:
    """The app: home on the database of ``config``, or (``respond``) the questionnaire of
    that invitation file alone (read now: a bad file raises ScanError, nothing starts)."""
    if respond is None:
        return MaturityScanApp(config)
    from maturity_scan.tui.file_draft import FileDraft

    return MaturityScanApp(config, FileDraft(respond))


if TYPE_CHECKING:

    def _provides_the_services(app: MaturityScanApp) -> ScanApp:
        return app  # the type checker's proof that the app is what the screens expect
