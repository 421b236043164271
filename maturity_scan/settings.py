"""What the user chose in the app and keeps between runs: the language and the colour theme.

A small JSON file in the user config folder (``paths.settings_path``; ``MATURITY_SCAN_CONFIG``
overrides it). The file is a convenience, never a reason to fail: a missing file gives the
defaults, a damaged one gives the defaults and one warning (:attr:`Loaded.problem`).

The language of a run is, first to last: the ``--lang`` option, ``$MATURITY_SCAN_LANG``, this
file, Dutch (:func:`resolve`). Reading uses msgspec only (no json module, no TinyDB), so a
scripted read such as ``scan list`` starts as fast as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import msgspec

from maturity_scan.errors import ScanError
from maturity_scan.i18n import DEFAULT_LANG, known_lang, languages
from maturity_scan.lang import Lang
from maturity_scan.paths import ENV_LANG

#: A settings file is a few dozen bytes; anything much larger is not ours.
MAX_SIZE = 64 * 1024


class Settings(msgspec.Struct, omit_defaults=True):
    """Unknown fields are ignored (a later version may add some); both fields are optional."""

    lang: str | None = None
    theme: str | None = None


@dataclass(frozen=True)
class Loaded:
    settings: Settings
    #: Why the file could not be used (it was damaged or unreadable); None when all is well.
    problem: ScanError | None = None


def load(path: Path) -> Loaded:
    """The settings in ``path``; the defaults if there is no such file or it cannot be used."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_SIZE + 1)
    except FileNotFoundError:
        return Loaded(Settings())
    except OSError as err:
        return Loaded(Settings(), ScanError("err.settings_unusable", file=str(path), reason=err))
    if len(raw) > MAX_SIZE:
        reason = f"> {MAX_SIZE} bytes"
        return Loaded(Settings(), ScanError("err.settings_unusable", file=str(path), reason=reason))
    try:
        settings = msgspec.json.decode(raw, type=Settings)
    except msgspec.DecodeError as err:
        return Loaded(Settings(), ScanError("err.settings_unusable", file=str(path), reason=err))
    if settings.lang is not None and settings.lang not in languages():
        reason = f"lang {settings.lang!r}"
        return Loaded(Settings(), ScanError("err.settings_unusable", file=str(path), reason=reason))
    return Loaded(settings)


def save(path: Path, settings: Settings) -> None:
    """Write ``settings`` to ``path`` (atomically); a failure raises :class:`ScanError`."""
    from maturity_scan.atomic import write_atomic

    write_atomic(path, msgspec.json.encode(settings) + b"\n", error_key="err.settings_write")


def resolve(
    option: str | None, environ: Mapping[str, str] | None, path: Path | None
) -> tuple[Lang, Loaded | None]:
    """The language of this run: the option, else the environment, else the settings file at
    ``path`` (read only when needed), else Dutch. Also what was read from the file, if it was."""
    import os

    env = os.environ if environ is None else environ
    chosen = known_lang(option) or known_lang(env.get(ENV_LANG))
    if chosen is not None or path is None:
        return chosen or DEFAULT_LANG, None
    loaded = load(path)
    return known_lang(loaded.settings.lang) or DEFAULT_LANG, loaded
