"""A pseudo-language built from the English catalogue, for tests that walk the program in a
third language: every letter accented, every text bracketed ("[Ŝçàñ ŝĥöŵ]"), placeholders
kept. :func:`pseudo_locales` writes it to a folder and registers that folder (the same way a
translator's new language is found), so the command line and the app offer it.
:func:`pseudo_question_set` copies the shipped question set with the language added."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from maturity_scan.i18n import catalogue
from maturity_scan.i18n.catalogue import SHIPPED, add_locale_dir, remove_locale_dir
from maturity_scan.paths import builtin_questions_dir

PSEUDO = "xx"
_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ACCENTED = "àƀçđéƒĝĥîĵķĺɱñöþǫŕŝţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŜŢÛṼŴẊÝŽ"
_TABLE = str.maketrans(_PLAIN, _ACCENTED)
#: What must stay as it is: str.format fields, %-style fields, strftime codes, tabs/newlines.
_KEEP = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sd]|%[a-zA-Z]|\\[nt]")


def pseudo(text: str) -> str:
    """``text`` accented and bracketed, its placeholders untouched."""
    if not text.strip() or text in {".", ","}:
        return text  # separators and blanks: a number must stay a number
    out, at = [], 0
    for found in _KEEP.finditer(text):
        out.append(text[at : found.start()].translate(_TABLE))
        out.append(found.group())
        at = found.end()
    out.append(text[at:].translate(_TABLE))
    return "[" + "".join(out) + "]"


def build(dest: Path, code: str = PSEUDO) -> Path:
    """Write ``dest/<code>/LC_MESSAGES/{maturity_scan,click}.{po,mo}`` from the English ones."""
    folder = dest / code / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    for source in sorted((SHIPPED / "en" / "LC_MESSAGES").glob("*.po")):
        with source.open("rb") as f:
            english = read_po(f, locale="en", domain=source.stem)
        made = Catalog(locale="en", domain=source.stem, fuzzy=False)  # en: the same plural rule
        for message in english:
            if not message.id:
                continue
            if isinstance(message.string, tuple):
                made.add(message.id, tuple(pseudo(s) for s in message.string))
            elif message.id in {"fmt.thousands", "fmt.date", "cli.yes", "ui.key.yes_letter"}:
                made.add(message.id, message.string)  # data, not words
            else:
                made.add(message.id, pseudo(message.string or str(message.id)))
        with (folder / source.name).open("wb") as f:
            write_po(f, made, width=0)
        with (folder / source.name).with_suffix(".mo").open("wb") as f:
            write_mo(f, made)
    return dest


@contextmanager
def pseudo_locales(dest: Path, code: str = PSEUDO) -> Iterator[str]:
    """The pseudo-language, offered inside the block (``--lang xx``, F2, settings)."""
    build(dest, code)
    add_locale_dir(dest)
    try:
        assert catalogue(code) is not None
        yield code
    finally:
        remove_locale_dir(dest)


def _add_language(value: Any) -> Any:
    """``value`` with every text (a table with ``en``) given its pseudo form as ``xx``."""
    if isinstance(value, dict):
        if isinstance(value.get("en"), str):
            return {**value, PSEUDO: pseudo(value["en"])}
        return {k: _add_language(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_add_language(v) for v in value]
    return value


def _toml(value: Any) -> str:
    """``value`` as a TOML value on one line (strings as JSON strings, valid in TOML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    assert isinstance(value, dict), value
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"


def pseudo_question_set(folder: Path, version: str | None = None) -> Path:
    """A copy of the shipped set in ``folder``, with the pseudo-language added to every text
    (and, given ``version``, that version: to be loaded beside the shipped set)."""
    source = builtin_questions_dir() / "sociale-inkoop.toml"
    data = _add_language(tomllib.loads(source.read_text(encoding="utf-8")))
    assert data["languages"] == ["nl", "en"]
    data["languages"] = ["nl", "en", PSEUDO]
    if version is not None:
        data["version"] = version
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / source.name
    path.write_text("".join(f"{k} = {_toml(v)}\n" for k, v in data.items()), encoding="utf-8")
    return path
