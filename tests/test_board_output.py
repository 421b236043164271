"""Which format a report file name asks for, and the name a chosen format gives (#15): the
command line's ``-o`` and the app's report dialog both follow these."""

from __future__ import annotations

from pathlib import Path

import pytest

from maturity_scan.present.board_output import FORMATS, format_of, with_format


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("rapport.pdf", "pdf"),
        ("Rapport.PDF", "pdf"),
        ("rapport.html", "html"),
        ("rapport.htm", "html"),
        ("rapport", None),
        ("rapport.v2", None),
        ("pdf", None),
    ],
)
def test_the_ending_names_the_format(name: str, expected: str | None) -> None:
    assert format_of(Path("/tmp") / name) == expected


@pytest.mark.parametrize(
    ("name", "format_", "expected"),
    [
        ("rapport.html", "pdf", "rapport.pdf"),
        ("rapport.pdf", "html", "rapport.html"),
        ("rapport.HTM", "pdf", "rapport.pdf"),
        ("rapport", "pdf", "rapport.pdf"),
        ("rapport.v2", "pdf", "rapport.v2.pdf"),  # the user's own dot is kept
        ("rapport.v2.pdf", "html", "rapport.v2.html"),
    ],
)
def test_a_chosen_format_gives_its_ending(name: str, format_: str, expected: str) -> None:
    assert with_format(Path("map") / name, format_) == Path("map") / expected


def test_every_format_round_trips_through_its_name() -> None:
    for format_ in FORMATS:
        assert format_of(with_format(Path("x"), format_)) == format_


def test_a_path_without_a_name_is_left_alone() -> None:
    assert with_format(Path("/"), "pdf") == Path("/")
