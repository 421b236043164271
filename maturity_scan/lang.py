"""The program's languages and a text in each of them. Imports nothing of the program.

**Languages are data.** A language is its code (``"nl"``, ``"en"``, ``"de"``, ``"en-XA"``).
The languages the program knows are listed here, in one place: Dutch (the default) and
English are built in, and :func:`register_language` adds one more: the message catalogue
(:mod:`maturity_scan.i18n.catalogue`) registers every language whose files it finds. Nothing
else in the program names a language to decide what to do: :data:`LANGS` (a live view of
the list) and :func:`languages` say which there are.

**A text is a mapping from language to string** (:class:`Text`), not a field per language:
adding a language adds a key. ``text.get(lang)`` is the text in ``lang``; a text that does
not have ``lang`` (a question set that does not provide that language) gives its first
language instead. Question sets put their declared languages in that order
(:mod:`maturity_scan.question_sets.loading`), so a set is shown in its first declared
language; the program's own texts start with Dutch, the default.

msgspec reads a :class:`Text` through :func:`decode_hook` (``dec_hook``), describes it in a
JSON Schema through :func:`schema_hook`, and writes it as the JSON object (or msgpack map) it
is, with no hook: a :class:`Text` is a :class:`dict`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Annotated, Any, NoReturn, TypeAlias, overload

import msgspec

#: A language code. Any registered code is a ``Lang``; the type is ``str`` so that a new
#: language needs no change to a type.
Lang: TypeAlias = str

#: What a language code looks like: two or three lower-case letters (ISO 639), optionally a
#: region, script or private-use subtag after ``-`` or ``_`` (``pt-BR``, ``en-XA``).
LANG_PATTERN = r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$"
_LANG_CODE = re.compile(LANG_PATTERN)

LangCode = Annotated[
    str, msgspec.Meta(pattern=LANG_PATTERN, description="a language code such as nl or en")
]
NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]

#: A language code as a key of a text in a file. Its JSON Schema has the pattern; reading
#: checks only its length, as matching the pattern for every key made reading an export of
#: 10,000 scans 15 % slower (an export's texts are not read back: the scores are recomputed).
LangKey = Annotated[
    str,
    msgspec.Meta(
        min_length=2,
        max_length=12,
        extra_json_schema={"pattern": LANG_PATTERN, "description": "a language code"},
    ),
]

#: A text as it is written in a file: language code → non-empty string, at least one.
TextMap = Annotated[
    dict[LangKey, NonEmpty],
    msgspec.Meta(min_length=1, description="a text: language code → the text in that language"),
]

#: The language the program speaks when nothing else is chosen.
DEFAULT_LANG: Lang = "nl"
#: The languages the program ships with, the default first.
BUILTIN_LANGS: tuple[Lang, ...] = (DEFAULT_LANG, "en")

_registered: list[Lang] = list(BUILTIN_LANGS)


def is_lang_code(code: object) -> bool:
    """Whether ``code`` has the form of a language code (see :data:`LANG_PATTERN`)."""
    # fullmatch: in a Python pattern "$" also matches before a final line break
    return isinstance(code, str) and _LANG_CODE.fullmatch(code) is not None


def register_language(code: str) -> None:
    """Add ``code`` to the program's languages (after those already there); registering a
    language twice changes nothing. Raises :class:`ValueError` for a code that is not of the
    form of :data:`LANG_PATTERN`."""
    if not is_lang_code(code):
        raise ValueError(f"not a language code: {code!r} (expected e.g. 'nl', 'en' or 'pt-BR')")
    if code not in _registered:
        _registered.append(code)


def unregister_language(code: str) -> None:
    """Remove a language added by :func:`register_language` (a test's pseudo-language);
    the built-in languages stay."""
    if code in _registered and code not in BUILTIN_LANGS:
        _registered.remove(code)


def languages() -> tuple[Lang, ...]:
    """The program's languages, the default first, in the order they were registered."""
    return tuple(_registered)


class _Languages(Sequence[Lang]):
    """The program's languages as a read-only sequence that follows every registration, so
    ``lang in LANGS`` and ``for lang in LANGS`` see a language registered after import."""

    __slots__ = ()

    @overload
    def __getitem__(self, index: int) -> Lang: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Lang]: ...
    def __getitem__(self, index: int | slice) -> Lang | Sequence[Lang]:
        return _registered[index]

    def __len__(self) -> int:
        return len(_registered)

    def __iter__(self) -> Iterator[Lang]:
        return iter(tuple(_registered))

    def __contains__(self, value: object) -> bool:
        return value in _registered

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return tuple(_registered) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # it changes with every registration

    def __repr__(self) -> str:
        return f"LANGS{tuple(_registered)!r}"


#: The program's languages (see :func:`languages`); a live view, not a copy.
LANGS: Sequence[Lang] = _Languages()


def _read_only(*_args: object, **_kwargs: object) -> NoReturn:
    raise TypeError("a Text cannot be changed; make a new one")


class Text(dict[Lang, str]):
    """A text in one or more languages: language code → non-empty string, read-only.

    ``Text(nl="Ja", en="Yes")`` or ``Text({"nl": "Ja", "en": "Yes"})``. It is a
    :class:`dict` underneath, so msgspec encodes it as an object and it compares equal to
    the same mapping; every method that would change it raises :class:`TypeError`.
    """

    __slots__ = ()

    # dict.get returns None for a missing key; a text always has something to show
    def get(self, lang: Lang) -> str:  # type: ignore[override]
        """The text in ``lang``; where it has no such language, its first one."""
        try:
            return self[lang]
        except KeyError:
            return next(iter(self.values()))

    @classmethod
    def each(cls, make: Callable[[Lang], str], langs: Iterable[Lang] = LANGS) -> Text:
        """The text ``make(lang)`` for every one of ``langs`` (the program's languages)."""
        return cls({lang: make(lang) for lang in langs})

    def ordered(self, order: Sequence[Lang]) -> Text:
        """This text with its languages in ``order`` (those not in it last, as they were)."""
        rank = {lang: i for i, lang in enumerate(order)}
        return Text(sorted(self.items(), key=lambda item: rank.get(item[0], len(rank))))

    def __repr__(self) -> str:
        return f"Text({dict.__repr__(self)})"

    def __reduce__(self) -> tuple[type[Text], tuple[dict[Lang, str]]]:
        return (Text, (dict(self),))

    def __hash__(self) -> int:  # type: ignore[override]  # read-only, so it can be hashed
        return hash(tuple(self.items()))

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only


_MSGSPEC_NAMES = {
    dict: "object",
    list: "array",
    str: "str",
    int: "int",
    float: "float",
    bool: "bool",
    type(None): "null",
}


def _kind(value: object) -> str:
    return _MSGSPEC_NAMES.get(type(value), type(value).__name__)


def decode_hook(type_: type, obj: Any) -> Any:
    """msgspec's ``dec_hook`` for :class:`Text`: an object of strings becomes a Text.

    Only the shape is checked here, with msgspec's wording, so that an error names the
    field; which languages a text must have, and that none is empty, is the question set's
    rule (:func:`maturity_scan.question_sets.loading.check_question_set`), which names the
    language too.
    """
    if type_ is not Text:  # the models' only custom type: anything else is a programming error
        raise TypeError(f"only Text has a decoder here, not {type_!r}")
    if type(obj) is not dict:
        raise TypeError(f"Expected `object`, got `{_kind(obj)}`")
    if not obj:
        raise ValueError("Expected `object` of length >= 1")
    for code, value in obj.items():
        if type(code) is not str:
            raise TypeError(f"Expected `str` as a language code, got `{_kind(code)}`")
        if type(value) is not str:
            raise TypeError(f"Expected `str`, got `{_kind(value)}`")
    return Text(obj)


def schema_hook(type_: type) -> dict[str, Any]:
    """msgspec's ``schema_hook``: a :class:`Text` is described as :data:`TextMap`."""
    if type_ is Text:
        return msgspec.json.schema(TextMap)
    raise TypeError(f"only Text has a schema here, not {type_!r}")  # the only custom type
