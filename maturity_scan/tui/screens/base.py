"""What every screen shares: texts and key descriptions in the app's current language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from textual import getters
from textual.app import SystemCommand
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from maturity_scan.core.models import Lang
from maturity_scan.i18n import has_message, languages, tr

if TYPE_CHECKING:
    from maturity_scan.tui.services import ScreenApp

ResultT = TypeVar("ResultT")


#: The key whose description names the language F2 switches to.
LANG_KEY = "ui.key.lang"


def next_lang(lang: Lang) -> Lang:
    """The language F2 switches to from ``lang``: the next of all languages, round."""
    langs = languages()
    return langs[(langs.index(lang) + 1) % len(langs)] if lang in langs else langs[0]


def key_text(text_key: str, lang: Lang) -> str:
    """A key's description in ``lang``; F2's names the language it switches to, in that
    language's own words (with three languages or more, "the other one" is not enough)."""
    if text_key == LANG_KEY:
        following = next_lang(lang)
        return tr(text_key, lang, language=tr("lang.name", following))
    return tr(text_key, lang)


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
                binding = replace(binding, description=key_text(text_key, lang))
            translated.append(binding)
        node._bindings.key_to_bindings[key] = translated


class Localized(DOMNode):
    """Mixin for screens: ``t()`` in the app's language; :meth:`update_texts` on a switch."""

    if TYPE_CHECKING:
        # what screens may use of the app: Textual's App and the services of ScanApp
        app = getters.app(ScreenApp)

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


class BaseScreen(Localized, Screen[ResultT]):
    def on_mount(self) -> None:
        self.apply_language()


class BaseModal(Localized, ModalScreen[ResultT]):
    def on_mount(self) -> None:
        self.apply_language()
