"""The catalogues: numbers as each language writes them, every key in every language with the
same placeholders and plural forms, no key unused, the compiled files in sync."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maturity_scan.i18n import number, tr


def test_numbers_are_grouped_as_each_language_writes_them() -> None:
    assert [number(n, "nl") for n in (7, 999, 1000, 10000, 1234567)] == [
        "7",
        "999",
        "1.000",
        "10.000",
        "1.234.567",
    ]
    assert number(10000, "en") == "10,000"
    assert tr("ui.home.count", "nl", count=number(10000, "nl"), orgs=number(100, "nl")) == (
        "Scans: 10.000 · organisaties: 100"
    )


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["nl", "en"]))
def test_grouping_keeps_the_digits(value: int, lang: str) -> None:
    text = number(value, lang)  # type: ignore[arg-type]
    separator = "." if lang == "nl" else ","
    assert text.replace(separator, "") == str(value)
    assert all(len(group) == 3 for group in text.split(separator)[1:])


def _message_keys_in_calls() -> set[tuple[str, str]]:
    """(file, key) for every literal key given to tr(), self.t() or a ScanError in the code."""
    import ast
    from pathlib import Path

    import maturity_scan

    found = set()
    for path in Path(maturity_scan.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            first = node.args[0]
            if (
                name in {"tr", "t", "ScanError", "StoreError"}
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                found.add((path.name, first.value))
    return found


def test_every_message_the_code_asks_for_exists() -> None:
    from maturity_scan.i18n import has_message

    keys = _message_keys_in_calls()
    assert len(keys) > 200  # the walk finds the calls
    assert sorted((f, k) for f, k in keys if not has_message(k)) == []


# ------------------------------------------------------------------ the catalogue files


def _po(lang: str, domain: str = "maturity_scan") -> dict[str, Any]:
    """msgid -> msgstr (a tuple for a plural message) of a shipped .po file, read by Babel."""
    from babel.messages.pofile import read_po

    from maturity_scan.i18n.catalogue import SHIPPED

    with (SHIPPED / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as f:
        catalog = read_po(f, locale=lang, domain=domain)
    return {(m.id[0] if isinstance(m.id, tuple) else m.id): m.string for m in catalog if m.id}


def _fields(text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


LANGS_SHIPPED = ("nl", "en")


@pytest.mark.parametrize("domain", ["maturity_scan", "click"])
def test_every_key_is_in_every_language_with_the_same_placeholders(domain: str) -> None:
    from maturity_scan.i18n import languages

    assert languages()[:2] == LANGS_SHIPPED
    nl, en = (_po(lang, domain) for lang in LANGS_SHIPPED)
    assert set(nl) == set(en)
    assert [k for k in nl if not (nl[k] and en[k])] == []  # nothing left untranslated
    # a plural message is plural in every language, with the same fields in its forms
    assert [k for k in nl if isinstance(nl[k], tuple) != isinstance(en[k], tuple)] == []
    assert [k for k in nl if _all_fields(nl[k]) != _all_fields(en[k])] == []


def _all_fields(text: str | tuple[str, ...]) -> set[str]:
    return set().union(*(_fields(form) for form in (text if isinstance(text, tuple) else (text,))))


def test_the_compiled_catalogues_match_their_po_files() -> None:
    """The program reads the .mo files: after editing a .po, compile it
    (pybabel compile -d maturity_scan/i18n/locales -D "maturity_scan click")."""
    import gettext

    from maturity_scan.i18n.catalogue import SHIPPED, read_mo

    for lang in LANGS_SHIPPED:
        single, plural = read_mo((SHIPPED / lang / "LC_MESSAGES" / "maturity_scan.mo").read_bytes())
        single.pop("")
        po = _po(lang)
        assert {**single, **{k: tuple(v) for k, v in plural.items()}} == po
        with (SHIPPED / lang / "LC_MESSAGES" / "click.mo").open("rb") as f:
            click_mo = gettext.GNUTranslations(f)
        for msgid, text in _po(lang, "click").items():
            if isinstance(text, tuple):
                assert click_mo.ngettext(msgid, msgid, 1) == text[0], msgid
            else:
                assert click_mo.gettext(msgid) == text, msgid


#: Keys the code builds with an f-string, by their template ("{}" for each field), and the keys
#: each may build; None: not a message key (a field path in an error message).
DYNAMIC: dict[str, str | None] = {
    "cli.col.{}": r"cli\.col\.[a-z_]+",
    "ui.col.{}": r"ui\.col\.[a-z_]+",  # results: the score table's columns
    "status.{}": r"status\.[a-z_]+",
    "ov.rescan.{}": r"ov\.rescan\.(due|overdue)",  # the overview: a rescan due or overdue
    "ui.cmd.{}": r"ui\.cmd\.[a-z_]+",
    "ui.cmd.{}.help": r"ui\.cmd\.[a-z_]+\.help",
    "ui.report.{}": r"ui\.report\.(html|pdf)",  # the report dialog: one format each
    # a report's default file name
    "board.file.{}": r"board\.file\.(scan|round|consensus|response)",
    "{}.short": r"ui\.note\.[a-z_]+\.short",  # refused_notes: the short form of a message
    "{}.text": None,
    "{}.help": None,
    "{}.{}": None,
    "{}.mo": None,  # a catalogue file name (i18n/catalogue.py)
}


def _strings_in_code() -> tuple[set[str], set[str]]:
    """Every string constant in the program, and every f-string that looks like a key
    (words and fields joined by dots), as a template: f"cli.col.{k}" gives "cli.col.{}"."""
    import ast
    from pathlib import Path

    import maturity_scan

    constants: set[str] = set()
    templates: set[str] = set()
    for path in Path(maturity_scan.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            elif isinstance(node, ast.JoinedStr):
                template = "".join(
                    v.value if isinstance(v, ast.Constant) else "{}" for v in node.values
                )
                if "." in template and re.fullmatch(r"(\{\}|[a-z_]+)(\.(\{\}|[a-z_]+))*", template):
                    templates.add(template)
    return constants, templates


def test_no_key_is_unused() -> None:
    """Every key is named in the code as a string, or built by a marked f-string above (and
    every f-string that builds a key is marked there)."""
    from maturity_scan.i18n import message_keys

    constants, templates = _strings_in_code()
    assert sorted(templates - set(DYNAMIC)) == []
    patterns = [p for p in DYNAMIC.values() if p is not None]
    keys = message_keys()
    assert [p for p in patterns if not any(re.fullmatch(p, k) for k in keys)] == []
    unused = [
        k for k in keys if k not in constants and not any(re.fullmatch(p, k) for p in patterns)
    ]
    assert sorted(unused) == []


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("nl", "Er staat nog 1 vraag open.", "Er staan nog 2 vragen open."),
        ("en", "1 question is still open.", "2 questions are still open."),
    ],
)
def test_plural_forms_follow_the_number(lang: str, one: str, two: str) -> None:
    assert tr("ui.q.finish_open", lang, count=1).startswith(one)
    assert tr("ui.q.finish_open", lang, count=2).startswith(two)
    assert tr("cli.skipped_total", lang, count=1).startswith("1 scan ")
    assert tr("cli.skipped_total", lang, count=2).startswith("2 scans ")


def test_a_plural_message_needs_its_number() -> None:
    with pytest.raises(TypeError, match="count"):
        tr("ui.q.finish_open", "en")


def test_yes_letters_and_prefixes_come_from_the_catalogue() -> None:
    from maturity_scan.i18n import yes

    assert [yes(a, "nl") for a in ("j", "Ja", "y", "n", "")] == [True, True, True, False, False]
    assert [yes(a, "en") for a in ("y", "YES", "n", "")] == [True, True, False, False]
    assert (tr("cli.prefix.error", "nl"), tr("cli.prefix.error", "en")) == ("fout", "error")


def test_validation_details_in_each_language() -> None:
    from maturity_scan.i18n import validation_detail

    detail = "Expected `array` of length >= 1, got `str`"
    assert validation_detail(detail, "nl") == "verwacht lijst met lengte >= 1, niet `str`"
    assert validation_detail(detail, "en") == "expected `array` of length >= 1, got `str`"
    missing = "Object missing required field `org`"
    assert validation_detail(missing, "nl") == "verplicht veld `org` ontbreekt"
    assert validation_detail(missing, "en") == "object missing required field `org`"
