"""The figures of a round's part of the board report agree with the rest of the program
(#15): the perception gap is the difference of the role scores shown beside it, as `round
show` and the app give it; the team's decision "weet niet" is written in words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest

from maturity_scan.core import round_report
from maturity_scan.core.rounds import PrincipleSpread
from maturity_scan.present.round_text import gap_label, shown_gap

from .round_seed import seed_round
from .test_report_html import db, report, text_of

__all__ = ["db"]  # the fixture, shared

#: Role scores whose exact gap (1.59) rounds down to 1.5, while the scores shown (2.8 and
#: 1.2) differ by 1.6.
SPREAD = PrincipleSpread("bestuur", {"bestuur": 2.88, "hr": 1.29}, 1.59)


def test_the_gap_is_the_difference_of_the_shown_scores() -> None:
    assert shown_gap(SPREAD) == pytest.approx(1.6)
    assert gap_label(SPREAD, "nl").endswith("1.6")
    assert shown_gap(PrincipleSpread("bestuur", {"bestuur": 2.0}, None)) is None


def test_the_reports_gap_is_the_one_round_show_gives(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = round_report.build_round_report

    def with_spread(*args: Any, **kwargs: Any) -> round_report.RoundReport:
        made = original(*args, **kwargs)
        principles = [SPREAD, *made.statistics.principles[1:]]
        statistics = msgspec.structs.replace(made.statistics, principles=principles)
        return msgspec.structs.replace(made, statistics=statistics)

    monkeypatch.setattr(round_report, "build_round_report", with_spread)
    text = text_of(report(capsys, db, "--round", seed_round(db), "-o", "round.html"))
    assert "Commitment van het bestuur: de rollen verschillen 1,6 in score" in text
    assert "verschillen 1,5" not in text


def test_a_decision_of_dont_know_is_written_in_words(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from .test_report_html import run

    round_id = seed_round(db)
    template = db.with_name("consensus.json")
    code, _, err = run(
        capsys, db, "round", "consensus", round_id, "--template", "-o", str(template)
    )
    assert code == 0, err
    filled = json.loads(template.read_text(encoding="utf-8"))
    question = next(iter(filled["answers"]))
    filled["answers"][question] = "unknown"
    filled["reasons"][question] = "Niemand weet het; Inkoop zoekt het uit."
    template.write_text(json.dumps(filled), encoding="utf-8")
    code, _, err = run(capsys, db, "round", "consensus", round_id, "--answers", str(template))
    assert code == 0, err
    text = text_of(report(capsys, db, "--round", round_id, "-o", "agreed.html"))
    assert "→ weet ik niet Niemand weet het; Inkoop zoekt het uit." in text
    assert "→ ?" not in text
