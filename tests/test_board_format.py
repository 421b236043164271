"""Numbers in the board report as the language writes them (#15)."""

from __future__ import annotations

from maturity_scan.present.board_format import signed


def test_a_change_has_its_sign_a_minus_not_a_hyphen() -> None:
    assert signed(-0.4, "nl") == "\N{MINUS SIGN}0,4"
    assert signed(0.5, "nl") == "+0,5"
    assert signed(-1.25, "en") == "\N{MINUS SIGN}1.2"  # as shown: rounded down
    assert signed(None, "nl") == ""
