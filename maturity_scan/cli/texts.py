"""The command line's own texts in the user's language: ``--help`` and click's messages.

Commands and options name a message *key* as their help (``help="help.scan.show"``); the
classes here look it up when click shows it, in the language of the run (:func:`language`).
A command's summary in its group's list is the first paragraph of its help, never cut.

Click's own messages ("Usage:", "No such option", ...) go through ``gettext.gettext``, which
click binds at import (``from gettext import gettext as _``). That function translates with
the current text domain, found in the folder bound to it, in the languages of
``$LANGUAGE``. :func:`language` therefore binds the ``click`` domain to the folder of the
run's language (``locales/<lang>/LC_MESSAGES/click.mo``), makes it the current domain and
sets ``$LANGUAGE`` to the language, and puts all three back when the run ends.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from maturity_scan.i18n import CLICK_DOMAIN, DEFAULT_LANG, languages, locale_dir, tr
from maturity_scan.lang import Lang

_current: list[Lang] = [DEFAULT_LANG]


def help_lang() -> Lang:
    """The language of this run's help and click messages."""
    return _current[-1]


@contextmanager
def language(lang: Lang) -> Iterator[None]:
    """Show help texts and click's messages in ``lang`` inside the block."""
    saved = (gettext.textdomain(), gettext.bindtextdomain(CLICK_DOMAIN), os.environ.get("LANGUAGE"))
    _current.append(lang)
    try:
        _bind(lang)
        yield
    finally:
        _current.pop()
        domain, folder, env = saved
        gettext.textdomain(domain)
        gettext.bindtextdomain(CLICK_DOMAIN, folder)
        if env is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = env


def _bind(lang: Lang) -> None:
    folder = locale_dir(lang)
    if folder is not None:
        gettext.bindtextdomain(CLICK_DOMAIN, str(folder))
    gettext.textdomain(CLICK_DOMAIN)
    os.environ["LANGUAGE"] = lang


def help_text(key: str | None) -> str | None:
    return None if key is None else tr(key, help_lang())


def summary(text: str | None) -> str:
    """The first paragraph of a help text, on one line."""
    return " ".join((text or "").split("\n\n")[0].split())


class HelpKey:
    """A ``help`` attribute given a message key, read as that message in the run's language
    (click sets ``help`` when it makes a command or option, before the language is known)."""

    def __get__(self, owner: object, cls: type | None = None) -> str | None:
        return help_text(getattr(owner, "_help_key", None)) if owner is not None else None

    def __set__(self, owner: object, key: str | None) -> None:
        owner._help_key = key  # type: ignore[attr-defined]


class TranslatedCommand(click.Command):
    """A command whose ``help`` is a message key, shown in the run's language."""

    help = HelpKey()

    def get_short_help_str(self, limit: int = 45) -> str:
        return summary(self.help)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # click makes the --help option once per command and keeps it, with its help text
        # translated at that moment: translate it again for the language of this run
        found = super().get_help_option(ctx)
        if found is not None:
            found.help = gettext.gettext("Show this message and exit.")
        return found


class TranslatedGroup(TranslatedCommand, click.Group):
    """A group of translated commands: its commands and subgroups are translated too."""

    command_class = TranslatedCommand
    group_class = type


class TranslatedOption(click.Option):
    """An option whose ``help`` is a message key, shown in the run's language."""

    help = HelpKey()


_FC = TypeVar("_FC", bound=Callable[..., Any] | click.Command)


def option(*decls: str, help: str, **attrs: Any) -> Callable[[_FC], _FC]:
    """``click.option`` with a message key as its help."""
    return click.option(*decls, cls=TranslatedOption, help=help, **attrs)


class LangChoice(click.Choice[str]):
    """The UI languages found on disk (a language added as files is a choice at once)."""

    def __init__(self) -> None:
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> Sequence[str]:
        return languages()

    @choices.setter
    def choices(self, _value: Sequence[str]) -> None:
        pass
