"""The catalogues on disk: which languages there are, and one language's messages.

A language is a folder ``<locales>/<lang>/LC_MESSAGES/`` holding ``maturity_scan.mo`` (the
program's texts, compiled from ``maturity_scan.po``) and ``click.mo`` (click's own messages).
The shipped folder is ``maturity_scan/i18n/locales``; more folders come first from
:func:`add_locale_dir` (tests, an app test's pseudo-language) and ``$MATURITY_SCAN_LOCALES``
(``os.pathsep``-separated). The first folder that has a language provides it.

The ``.mo`` files are read here with a few ``struct`` calls (GNU gettext's format: a header
and two tables of lengths and offsets) because that costs far less at start-up than parsing
the ``.po`` text; ``gettext.c2py`` turns the ``Plural-Forms`` header into the plural rule.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from maturity_scan.lang import DEFAULT_LANG, Lang, register_language, unregister_language

DOMAIN = "maturity_scan"
CLICK_DOMAIN = "click"
SHIPPED = Path(__file__).parent / "locales"
ENV_LOCALES = "MATURITY_SCAN_LOCALES"

_MO_MAGIC = {0x950412DE: "<", 0xDE120495: ">"}

_extra_dirs: list[Path] = []


def add_locale_dir(path: Path) -> None:
    """Offer the languages in ``path`` (a folder like ``locales``) before the shipped ones."""
    _extra_dirs.insert(0, Path(path))
    forget()


def remove_locale_dir(path: Path) -> None:
    """Undo :func:`add_locale_dir` (a test's clean-up); its languages are unregistered."""
    _extra_dirs.remove(Path(path))
    before = set(languages())
    forget()
    for lang in before - set(languages()):
        unregister_language(lang)


def forget() -> None:
    """Drop what was read, so the next look-up reads the folders again."""
    _languages.cache_clear()
    catalogue.cache_clear()


def locale_dirs() -> list[Path]:
    env = os.environ.get(ENV_LOCALES, "")
    return [*_extra_dirs, *(Path(p) for p in env.split(os.pathsep) if p), SHIPPED]


def languages() -> tuple[Lang, ...]:
    """The UI languages: Dutch first, then the others in alphabetical order of their codes."""
    return tuple(_languages(os.environ.get(ENV_LOCALES, "")))


@cache
def _languages(_env: str) -> dict[Lang, Path]:
    found: dict[Lang, Path] = {}
    for folder in locale_dirs():
        for lang in sorted(_subfolders(folder)):
            if lang not in found and (folder / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file():
                found[lang] = folder
    ordered = sorted(found, key=lambda lang: (lang != DEFAULT_LANG, lang))
    for lang in ordered:  # the program's languages are listed in one place: lang.py
        register_language(lang)
    return {lang: found[lang] for lang in ordered}


def _subfolders(folder: Path) -> Iterator[str]:
    try:
        with os.scandir(folder) as entries:
            yield from (entry.name for entry in entries if entry.is_dir())
    except OSError:
        return


def locale_dir(lang: Lang) -> Path | None:
    """The folder whose ``<lang>/LC_MESSAGES`` has this language's catalogues."""
    return _languages(os.environ.get(ENV_LOCALES, "")).get(lang)


class Catalogue:
    """One language's messages: a key gives a text, or for a plural message one text per
    plural form (the form for a number comes from the ``Plural-Forms`` header)."""

    def __init__(self, lang: Lang, single: dict[str, str], plural: dict[str, list[str]]) -> None:
        self.lang = lang
        self.single = single
        self.plural = plural
        self.plural_forms = single.pop("", "")
        self.form: Callable[[int], int] = _plural_rule(self.plural_forms)

    def keys(self) -> set[str]:
        return set(self.single) | set(self.plural)

    def __contains__(self, key: object) -> bool:
        return key in self.single or key in self.plural

    def text(self, key: str, count: object = None) -> str | None:
        """The text of ``key``; for a plural message the form for ``count`` (an int)."""
        found = self.single.get(key)
        if found is not None:
            return found
        forms = self.plural.get(key)
        if forms is None:
            return None
        if not isinstance(count, int):
            raise TypeError(f"{key} is a plural message: give its number as count=<int>")
        index = self.form(count)
        return forms[index] if index < len(forms) else forms[-1]


def _plural_rule(header: str) -> Callable[[int], int]:
    for line in header.splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "plural-forms":
            for part in value.split(";"):
                key, _, expression = part.strip().partition("=")
                if key.strip() == "plural":
                    from gettext import c2py

                    return c2py(expression.strip())
    return lambda n: int(n != 1)


@cache
def catalogue(lang: Lang) -> Catalogue | None:
    """The messages of ``lang``, read once; None for a language that has no catalogue."""
    folder = locale_dir(lang)
    if folder is None:
        return None
    path = folder / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    single, plural = read_mo(path.read_bytes())
    return Catalogue(lang, single, plural)


def read_mo(data: bytes) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The messages of a GNU ``.mo`` file: (key → text, key → plural forms). The header is
    under the key ``""``; entries with a context are not used by this program."""
    order = _MO_MAGIC.get(struct.unpack("<I", data[:4])[0])
    if order is None:
        raise ValueError("not a GNU gettext .mo file")
    count, originals, translations = struct.unpack(order + "4x4x3I", data[:20])[0:3]
    lengths = struct.unpack_from(f"{order}{2 * count}I", data, originals)
    targets = struct.unpack_from(f"{order}{2 * count}I", data, translations)
    single: dict[str, str] = {}
    plural: dict[str, list[str]] = {}
    for i in range(count):
        key_len, key_at = lengths[2 * i], lengths[2 * i + 1]
        text_len, text_at = targets[2 * i], targets[2 * i + 1]
        key = data[key_at : key_at + key_len].decode("utf-8")
        text = data[text_at : text_at + text_len].decode("utf-8")
        if "\0" in key:
            plural[key.split("\0", 1)[0]] = text.split("\0")
        else:
            single[key] = text
    return single, plural
