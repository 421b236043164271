"""Question sets: loading a TOML file, validating it, and finding the installed sets.

Structure and types are validated by msgspec against
:class:`~maturity_scan.core.models.QuestionSet`; this module adds the rules a type cannot
express: every level 1-5 described exactly once, unique principle, question and definition ids,
one advice block per level, no steps or four per question, and every text in exactly the
languages the set declares (``languages = ["nl", "en"]`` at the top of the file; a set without
it declares Dutch and English), none empty. Each text's languages are put in the declared
order, so that a reader whose language the set does not provide sees the set's first language
(:meth:`Text.get <maturity_scan.lang.Text.get>`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from maturity_scan.core.catalog import Catalog
from maturity_scan.core.models import STEPS_PER_QUESTION, QuestionSet, Text
from maturity_scan.errors import ScanError
from maturity_scan.i18n import validation_detail
from maturity_scan.inputs import convert, parse_toml, read_bytes
from maturity_scan.lang import LANG_PATTERN, decode_hook, is_lang_code
from maturity_scan.visible import find_control

#: Question set files larger than this are refused before parsing.
MAX_QUESTION_SET_BYTES = 2 * 1024 * 1024
DEFAULT_SET_ID = "sociale-inkoop"


def parse_question_set(data: bytes, source: str) -> QuestionSet:
    raw = parse_toml(data, source)
    qs = convert(raw, QuestionSet, source)
    check_question_set(qs, source)
    order = qs.languages
    if any(tuple(text) != order for _, text in _texts(qs)):
        # some text lists its languages in another order: read it again in the set's order,
        # so that every text's first language is the set's first (Text.get falls back to it)
        def in_order(type_: type, obj: Any) -> Any:
            return decode_hook(type_, obj).ordered(order)

        qs = convert(raw, QuestionSet, source, dec_hook=in_order)
    return qs


def load_question_set(path: Path, cache: Path | None = None) -> QuestionSet:
    """The question set in ``path``; with ``cache``, from a copy parsed earlier when the file
    has not changed since (parsing TOML takes about 10 ms a set; the copy, 0.1 ms)."""
    if cache is None:
        return parse_question_set(read_bytes(path, MAX_QUESTION_SET_BYTES), str(path))
    from maturity_scan.question_sets import cache as qs_cache

    found = qs_cache.load(cache, path)
    if found is not None:
        return found
    qs = parse_question_set(read_bytes(path, MAX_QUESTION_SET_BYTES), str(path))
    qs_cache.save(cache, path, qs)
    return qs


def check_question_set(qs: QuestionSet, source: str) -> None:
    """Raise :class:`ScanError` for the first rule ``qs`` breaks that its type cannot express."""
    seen_levels: set[int] = set()
    for level in qs.levels:
        if level.level in seen_levels:
            raise ScanError("err.qs_duplicate_level", file=source, level=level.level)
        seen_levels.add(level.level)
    for missing in sorted({1, 2, 3, 4, 5} - seen_levels):
        raise ScanError("err.qs_missing_level", file=source, level=missing)

    _unique((p.id for p in qs.principles), source, "principles")
    seen_questions: set[str] = set()
    for principle in qs.principles:
        # the path names the principle where the id occurs a second time
        _unique(
            (q.id for q in principle.questions),
            source,
            f"principles[{principle.id}].questions",
            seen_questions,
        )
        advice_levels: set[int] = set()
        for advice in principle.advice:
            if advice.level in advice_levels:
                raise ScanError(
                    "err.qs_duplicate_advice",
                    file=source,
                    principle=principle.id,
                    level=advice.level,
                )
            advice_levels.add(advice.level)
    check_steps(qs, source)
    _check_definitions(qs, source)
    _check_languages(qs, source)
    _check_texts(qs, source)


def check_steps(qs: QuestionSet, source: str) -> None:
    """Every question has no steps or exactly :data:`STEPS_PER_QUESTION` (from anchor 1 to 2
    ... 4 to 5), and a step's source is one line of plain text. (Their texts are checked
    with every other text, by :func:`_check_texts`.)"""
    for principle in qs.principles:
        for question in principle.questions:
            if question.steps and len(question.steps) != STEPS_PER_QUESTION:
                raise ScanError(
                    "err.qs_steps_count",
                    file=source,
                    field=f"principles[{principle.id}].questions[{question.id}].steps",
                    count=len(question.steps),
                    expected=STEPS_PER_QUESTION,
                )
            for i, given in enumerate(question.steps):
                char = None if given.source is None else find_control(given.source)
                if char is not None:
                    where = f"principles[{principle.id}].questions[{question.id}].steps[{i}]"
                    raise ScanError(
                        "err.qs_control", file=source, field=where + ".source", char=char
                    )


def _check_definitions(qs: QuestionSet, source: str) -> None:
    """Each definition's id once (their texts are checked with every other text; the
    ``[scoring]`` rules' ranges by their type)."""
    _unique((d.id for d in qs.definitions), source, "definitions")
    _check_roles(qs, source)


def _check_roles(qs: QuestionSet, source: str) -> None:
    """Each role's id once; a question names only roles the set declares, each once."""
    _unique((r.id for r in qs.roles), source, "roles")
    declared = {r.id for r in qs.roles}
    for principle in qs.principles:
        for question in principle.questions:
            where = f"principles[{principle.id}].questions[{question.id}].roles"
            _unique(question.roles, source, where)
            for role in question.roles:
                if role not in declared:
                    raise ScanError(
                        "err.qs_unknown_role",
                        file=source,
                        field=where,
                        role=role,
                        declared=", ".join(sorted(declared)) or "-",
                    )


def _texts(qs: QuestionSet) -> Iterator[tuple[str, Text]]:
    """Every text of ``qs`` with the path of its field, as msgspec names it in an error
    (list items by their id, else by their index)."""
    yield "title", qs.title
    yield "description", qs.description
    for d in qs.definitions:
        yield f"definitions[{d.id}].term", d.term
        yield f"definitions[{d.id}].text", d.text
    for r in qs.roles:
        yield f"roles[{r.id}].name", r.name
    for i, level in enumerate(qs.levels):
        yield f"levels[{i}].name", level.name
        yield f"levels[{i}].description", level.description
    for p in qs.principles:
        yield f"principles[{p.id}].title", p.title
        yield f"principles[{p.id}].description", p.description
        for q in p.questions:
            where = f"principles[{p.id}].questions[{q.id}]"
            yield f"{where}.text", q.text
            yield f"{where}.help", q.help
            for i, anchor in enumerate(q.answers):
                yield f"{where}.answers[{i}]", anchor
            for i, given in enumerate(q.steps):
                yield f"{where}.steps[{i}].text", given.text
        for i, advice in enumerate(p.advice):
            for j, step in enumerate(advice.steps):
                yield f"principles[{p.id}].advice[{i}].steps[{j}]", step


# msgspec's words, as for any other field
_EMPTY = "Expected `str` of length >= 1"
_NOT_A_CODE = f"Expected `str` matching regex {LANG_PATTERN!r}"


def _check_languages(qs: QuestionSet, source: str) -> None:
    """The declared languages are language codes (msgspec has checked the pattern, but a
    Python pattern's "$" also matches before a final line break), each once."""
    for i, code in enumerate(qs.languages):
        if not is_lang_code(code):
            detail = Text.each(lambda language: validation_detail(_NOT_A_CODE, language))
            raise ScanError("err.field", file=source, field=f"languages[{i}]", detail=detail)
    _unique(qs.languages, source, "languages")


def _check_texts(qs: QuestionSet, source: str) -> None:
    """Every text in each language the set declares and in no other, none empty; and, as
    they are shown in a terminal, without control characters (line breaks and tabs are
    text)."""
    declared = qs.languages
    names = ", ".join(declared)
    for where, text in _texts(qs):
        for lang in declared:
            if lang not in text:
                raise ScanError(
                    "err.qs_missing_language",
                    file=source,
                    field=where,
                    language=lang,
                    declared=names,
                )
        for lang, value in text.items():
            if lang not in declared:
                raise ScanError(
                    "err.qs_undeclared_language",
                    file=source,
                    field=where,
                    language=lang,
                    declared=names,
                )
            if not value:
                detail = Text.each(lambda language: validation_detail(_EMPTY, language))
                raise ScanError("err.field", file=source, field=f"{where}.{lang}", detail=detail)
            char = find_control(value, allow_newlines=True)
            if char is not None:
                raise ScanError("err.qs_control", file=source, field=f"{where}.{lang}", char=char)


def _unique(ids: Iterable[str], source: str, field_name: str, seen: set[str] | None = None) -> None:
    seen = set() if seen is None else seen
    for ident in ids:
        if ident in seen:
            raise ScanError("err.qs_duplicate_id", file=source, field=field_name, id=ident)
        seen.add(ident)


def load_catalog(dirs: Sequence[Path], cache: Path | None = None) -> Catalog:
    """Every ``*.toml`` question set in ``dirs``. The first broken file raises its error."""
    catalog = Catalog()
    for directory in dirs:
        if not directory.is_dir():
            raise ScanError("err.qs_dir_missing", file=str(directory))
        for path in sorted(directory.glob("*.toml")):
            catalog.add(load_question_set(path, cache), path)
    return catalog
