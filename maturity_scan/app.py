"""The Textual app. ``make_app`` is the one way the command line and the tests build it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen

from maturity_scan.autosave import Autosaver
from maturity_scan.config import Config
from maturity_scan.errors import ScanError
from maturity_scan.i18n import MESSAGES, tr
from maturity_scan.models import Lang
from maturity_scan.screens.base import Localized, translate_bindings

#: How long quitting waits for the lock to fold the journals (see ``_fold_journals``).
FOLD_LOCK_TIMEOUT = 0.5


class MaturityScanApp(App[object]):
    CSS_PATH = "app.tcss"
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

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config
        self.lang: Lang = config.lang
        self.autosaver = Autosaver(on_error=self._save_failed)
        translate_bindings(self, self.lang)

    def get_default_screen(self) -> Screen[Any]:
        """Home is the first screen itself, not pushed over an empty default screen (which
        Textual would style and lay out for nothing)."""
        from maturity_scan.screens.home import HomeScreen

        return HomeScreen()

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

    def on_maturity_scan_app_save_failed(self, message: SaveFailed) -> None:
        error = message.error.render(self.lang)
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
            err.render(self.lang),
            title=tr("ui.error.title", self.lang),
            severity="error",
            timeout=15,
            markup=False,  # errors name files and organisations as typed
        )

    async def action_quit(self) -> None:
        """Quit once every answer is on disk; if writes are still waiting (the database is
        busy), ask first instead of quitting silently."""
        from maturity_scan.screens.dialogs import ConfirmDialog

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
        with contextlib.suppress(ScanError):
            self.config.store.fold_journals(lock_timeout=FOLD_LOCK_TIMEOUT)

    def on_unmount(self) -> None:
        self.autosaver.close()

    # ----------------------------------------------------------------- language, help, palette

    def action_toggle_lang(self) -> None:
        self.lang = "en" if self.lang == "nl" else "nl"
        translate_bindings(self, self.lang)
        for screen in self.screen_stack:
            if isinstance(screen, Localized):
                screen.apply_language()
        self.refresh_bindings()

    def action_help(self) -> None:
        from maturity_scan.screens.dialogs import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        keys: list[tuple[str, str]] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            text_keys = active.node.__dict__.get("_binding_text_keys", {})
            if text_keys.get((binding.key, binding.action)) not in MESSAGES:
                continue  # Textual's own bindings (scrolling, focus): not ours to explain
            if binding.action == "help" or binding.description in seen:
                continue
            seen.add(binding.description)
            keys.append((binding.key_display or self.get_key_display(binding), binding.description))
        self.push_screen(HelpScreen(keys))

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(
                    placeholder=tr("ui.palette.placeholder", self.lang), id="--command-palette"
                )
            )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        if isinstance(screen, Localized):
            yield from screen.palette_commands()

        def t(key: str) -> str:
            return tr(key, self.lang)

        yield SystemCommand(t("ui.cmd.lang"), t("ui.cmd.lang.help"), self.action_toggle_lang)
        yield SystemCommand(t("ui.cmd.help"), t("ui.cmd.help.help"), self.action_help)
        yield SystemCommand(t("ui.cmd.theme"), t("ui.cmd.theme.help"), self.action_change_theme)
        yield SystemCommand(t("ui.cmd.quit"), t("ui.cmd.quit.help"), self.action_quit)


def make_app(config: Config) -> MaturityScanApp:
    return MaturityScanApp(config)
