"""Every text the program shows that is not part of a question set, in every UI language.

The texts live outside the code, one gettext catalogue per language:
``locales/<lang>/LC_MESSAGES/maturity_scan.po`` (msgids are message keys such as
``err.file_missing``; msgstrs are ``str.format`` templates) and ``click.po`` (click's own
messages, "Usage:" and the like). The program reads the compiled ``.mo`` beside each ``.po``.

Adding a language is adding files: copy ``locales/en`` to ``locales/<code>``, translate the
two ``.po`` files (set their ``Language`` and ``Plural-Forms`` headers), and compile them with
``pybabel compile -d maturity_scan/i18n/locales -D "maturity_scan click"``. The language is
then offered by ``--lang``, F2 in the app and the settings file; nothing in the code names it.

Plural messages (``msgid_plural``) take their number as ``count``; :func:`tr` picks the form
by the catalogue's ``Plural-Forms`` rule. Tests check that every language has every key,
the same placeholders and plural messages, and that the committed ``.mo`` match the ``.po``.

Part of the kernel: may import only ``maturity_scan.lang`` and the standard library.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from typing import Any

from maturity_scan.i18n.catalogue import (
    CLICK_DOMAIN,
    DOMAIN,
    ENV_LOCALES,
    Catalogue,
    add_locale_dir,
    catalogue,
    languages,
    locale_dir,
    remove_locale_dir,
)
from maturity_scan.lang import DEFAULT_LANG, Lang, Text

__all__ = [
    "CLICK_DOMAIN",
    "DEFAULT_LANG",
    "DOMAIN",
    "ENV_LOCALES",
    "Catalogue",
    "Localized",
    "Message",
    "add_locale_dir",
    "has_message",
    "known_lang",
    "languages",
    "locale_dir",
    "message_keys",
    "number",
    "remove_locale_dir",
    "resolve_lang",
    "tr",
    "validation_detail",
    "yes",
]


def known_lang(value: str | None) -> Lang | None:
    """The UI language ``value`` names (``en``, ``EN``, ``en_GB.UTF-8``), or None."""
    if not value:
        return None
    wanted = value.strip().lower().replace("-", "_").split(".")[0]
    langs = languages()
    if wanted in langs:
        return wanted
    short = wanted.split("_")[0]
    return short if short in langs else None


def resolve_lang(value: str | None, environ: Mapping[str, str] | None = None) -> Lang:
    """``value`` if given, else ``$MATURITY_SCAN_LANG``, else Dutch."""
    env = os.environ if environ is None else environ
    return known_lang(value) or known_lang(env.get("MATURITY_SCAN_LANG")) or DEFAULT_LANG


class Message:
    """A message by its key, as a parameter of another message: shown in the language that
    message is shown in (``tr("err.output_protected", lang, what=Message("output.lock"))``)."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"Message({self.key!r})"


class Localized:
    """A parameter made for the language it is shown in: ``Localized(err.render)`` is the
    rendering of another error, in whatever language the message that holds it is shown."""

    __slots__ = ("render",)

    def __init__(self, render: Callable[[Lang], str]) -> None:
        self.render = render

    def __repr__(self) -> str:
        return f"Localized({self.render!r})"


def _template(key: str, lang: Lang, count: object) -> str:
    for chosen in (lang, DEFAULT_LANG):
        found = catalogue(chosen)
        text = found.text(key, count) if found is not None else None
        if text is not None:
            return text
    raise KeyError(key)


def tr(key: str, lang: Lang = DEFAULT_LANG, **params: Any) -> str:
    """The text for ``key`` in ``lang``, with ``params`` filled in. A plural message takes
    the form for ``params["count"]``. A key the language lacks falls back to Dutch; a key no
    catalogue has raises KeyError."""
    template = _template(key, lang, params.get("count"))
    if not params:
        return template
    return template.format(**{k: _param(v, lang) for k, v in params.items()})


def _param(value: Any, lang: Lang) -> Any:
    if isinstance(value, Message):
        return tr(value.key, lang)
    if isinstance(value, Localized):
        return value.render(lang)
    if isinstance(value, Text):
        return value.get(lang)
    return value


def has_message(key: str, lang: Lang = DEFAULT_LANG) -> bool:
    found = catalogue(lang)
    return found is not None and key in found


def message_keys(lang: Lang = DEFAULT_LANG) -> set[str]:
    found = catalogue(lang)
    return found.keys() if found is not None else set()


def number(value: int, lang: Lang) -> str:
    """A whole number as the language writes it (10.000 in Dutch, 10,000 in English): the
    thousands separator is the catalogue's ``fmt.thousands``."""
    return f"{value:,}".replace(",", tr("fmt.thousands", lang))


def yes(answer: str, lang: Lang) -> bool:
    """Whether ``answer`` to a yes/no question means yes: one of the catalogue's ``cli.yes``
    words (in Dutch: j, ja, y, yes), in any case."""
    return answer.strip().lower() in tr("cli.yes", lang).split()


#: msgspec's validation messages (English, fixed by msgspec) and the message that says the
#: same in the user's language; the groups are its ``{0}``, ``{1}``.
_VALIDATION = [
    (re.compile(r"^Object missing required field `([^`]+)`$"), "val.missing_field"),
    (re.compile(r"^Object contains unknown field `([^`]+)`$"), "val.unknown_field"),
    (re.compile(r"^Invalid enum value (.*)$"), "val.invalid_enum"),
    (re.compile(r"^Expected (.*?), got (.*)$"), "val.expected_got"),
    (re.compile(r"^Expected (.*)$"), "val.expected"),
]
#: Phrases inside those messages, and the message that translates each.
_VALIDATION_PHRASES = [
    ("`array` of length", "val.array_of_length"),
    ("`str` of length", "val.str_of_length"),
    ("`str` matching regex", "val.str_matching"),
    ("`object`", "val.object"),
]


def validation_detail(detail: str, lang: Lang) -> str:
    """A msgspec validation message in ``lang``, where it has a known form; else as msgspec
    wrote it, starting in lower case (it is shown after a colon)."""
    for pattern, key in _VALIDATION:
        found = pattern.search(detail)
        if found:
            parts = [_phrases(part, lang) for part in found.groups()]
            return tr(key, lang).format(*parts)
    return detail[:1].lower() + detail[1:]


def _phrases(text: str, lang: Lang) -> str:
    for phrase, key in _VALIDATION_PHRASES:
        text = text.replace(phrase, tr(key, lang))
    return text
