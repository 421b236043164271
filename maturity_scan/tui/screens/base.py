"""What every screen shares: texts and key descriptions in the app's current language."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from textual import getters
from textual.app import SystemCommand
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from maturity_scan.core.models import Lang
from maturity_scan.i18n import has_message, tr

if TYPE_CHECKING:
    from maturity_scan.tui.app import MaturityScanApp

ResultT = TypeVar("ResultT")
ReadT = TypeVar("ReadT")


def translate_bindings(node: DOMNode, lang: Lang) -> None:
    """Give ``node``'s key bindings their description in ``lang``.

    Bindings are declared with a message key (``ui.key.*``) as description; the key is
    remembered on first use so the description can be switched back and forth.
    """
    originals: dict[tuple[str, str], str] = node.__dict__.setdefault("_binding_text_keys", {})
    for key, bindings in list(node._bindings.key_to_bindings.items()):
        translated = []
        for binding in bindings:
            ident = (binding.key, binding.action)
            text_key = originals.setdefault(ident, binding.description)
            if has_message(text_key):
                binding = replace(binding, description=tr(text_key, lang))
            translated.append(binding)
        node._bindings.key_to_bindings[key] = translated


class Localized(DOMNode):
    """Mixin for screens: ``t()`` in the app's language; :meth:`update_texts` on a switch."""

    if TYPE_CHECKING:
        app = getters.app(MaturityScanApp)

    @property
    def lang(self) -> Lang:
        return self.app.lang

    def t(self, key: str, **params: Any) -> str:
        return tr(key, self.lang, **params)

    def apply_language(self) -> None:
        translate_bindings(self, self.lang)
        self.update_texts()
        self.refresh_bindings()

    def update_texts(self) -> None:
        """Set every text of the screen in the current language (override)."""

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Commands this screen adds to the command palette (override)."""
        return ()


def read_then(
    screen: Screen[Any], read: Callable[[], ReadT], then: Callable[[ReadT], object], group: str
) -> None:
    """``read()`` off the UI thread, once the writes handed to the autosaver are on disk (so
    it sees them); then ``then(result)`` on the UI thread. A ScanError is reported instead."""
    from maturity_scan.errors import ScanError

    app: MaturityScanApp = screen.app  # type: ignore[assignment]

    def work() -> None:
        app.autosaver.flush()
        try:
            result = read()
        except ScanError as err:
            app.call_from_thread(app.report, err)
            return
        app.call_from_thread(then, result)

    screen.run_worker(work, thread=True, group=group)


class BaseScreen(Localized, Screen[ResultT]):
    def on_mount(self) -> None:
        self.apply_language()


class BaseModal(Localized, ModalScreen[ResultT]):
    def on_mount(self) -> None:
        self.apply_language()
