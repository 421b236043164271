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
