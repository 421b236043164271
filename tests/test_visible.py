"""Text from outside is shown, never obeyed: control characters become visible escapes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from maturity_scan.visible import find_control, json_safe, visible

ATTACKS = [
    "Evil\x1b]0;PWNED-TITLE\x07\x1b[2J\x1b[31mRED",  # window title, clear screen, colour
    "\x1b]52;c;ZWNobyBwd25lZA==\x07",  # OSC 52 clipboard write
    "\x9b2J\x9d0;X\x07",  # C1 CSI and OSC
    "abc\u202edcba",  # right-to-left override
    "nul\x00byte",
]


def test_every_attack_is_escaped() -> None:
    for text in ATTACKS:
        shown = visible(text)
        assert find_control(shown) is None, repr(shown)
    assert visible(ATTACKS[0]) == "Evil\\x1b]0;PWNED-TITLE\\x07\\x1b[2J\\x1b[31mRED"
    assert visible("abc\u202edcba") == "abc\\u202edcba"


def test_plain_text_is_unchanged_and_line_breaks_are_text() -> None:
    text = "Gemeente ’s-Hertogenbosch — [b]vet[/b] 😀\nregel 2\tkolom"
    assert visible(text) == text
    one_line = "Gemeente ’s-Hertogenbosch — [b]vet[/b] 😀\\nregel 2\\tkolom"
    assert visible(text, single_line=True) == one_line


def test_find_control_for_typed_input() -> None:
    assert find_control("Gemeente Zwolle") is None
    assert find_control("a\nb") == "\\n"
    assert find_control("a\nb\tc", allow_newlines=True) is None
    assert find_control("a\r\nb", allow_newlines=True) is None
    assert find_control("x\x1b[2J", allow_newlines=True) == "\\x1b"


def test_json_safe_keeps_the_value() -> None:
    import json

    raw = json.dumps({"org": "a\x9bb\u202ec\x7f"}, ensure_ascii=False)
    safe = json_safe(raw)
    assert json.loads(safe) == {"org": "a\x9bb\u202ec\x7f"}
    assert find_control(safe) is None


@given(st.text())
def test_nothing_visible_is_control(text: str) -> None:
    assert find_control(visible(text, single_line=True)) is None
    assert find_control(visible(text), allow_newlines=True) is None
