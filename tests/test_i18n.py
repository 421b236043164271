"""Texts in both languages: numbers as each language writes them."""

from __future__ import annotations

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
    from maturity_scan.i18n import MESSAGES

    keys = _message_keys_in_calls()
    assert len(keys) > 200  # the walk finds the calls
    assert sorted((f, k) for f, k in keys if k not in MESSAGES) == []


def test_both_languages_fill_in_the_same_placeholders() -> None:
    import string

    from maturity_scan.i18n import MESSAGES

    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    assert [k for k, t in MESSAGES.items() if fields(t["nl"]) != fields(t["en"])] == []
