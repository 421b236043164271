"""The program's languages and a text in each of them. Imports nothing of the program."""

from __future__ import annotations

from typing import Annotated

import msgspec

#: A language code ("nl", "en", ...). Any code works: the UI languages are the catalogues found
#: on disk (``maturity_scan.i18n.languages``), not a fixed list.
Lang = str
LANGS: tuple[Lang, ...] = ("nl", "en")

NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]


class Text(msgspec.Struct, gc=False, frozen=True, forbid_unknown_fields=True):
    """A text in both languages. Both are required: no text exists in one language only."""

    nl: NonEmpty
    en: NonEmpty

    def get(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.nl
