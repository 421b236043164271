"""What the new-user trial of team rounds (#14) found, each kept fixed: a consensus is not
reopened; the coverage rule is the set's own; a respondent's role stays the round's."""

from __future__ import annotations

from pathlib import Path

import pytest

from maturity_scan.cli import main
from maturity_scan.errors import ScanError
from maturity_scan.storage.store import Store

from .conftest import seed_scan
from .round_seed import SET, seed_round


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


def test_a_consensus_is_not_reopened(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    round_id = seed_round(db_path)
    template = db_path.with_name("consensus.json")
    assert (
        run(capsys, db_path, "round", "consensus", round_id, "--template", "-o", str(template))[0]
        == 0
    )
    code, _, _ = run(capsys, db_path, "round", "consensus", round_id, "--answers", str(template))
    assert code == 0
    store = Store(db_path)
    consensus = store.rounds.contents(round_id).consensus
    assert consensus is not None
    before = db_path.read_bytes()
    with pytest.raises(ScanError) as err:
        store.reopen(consensus.id)
    assert err.value.key == "err.consensus_reopen" and db_path.read_bytes() == before


def test_no_level_names_the_sets_own_coverage(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Set 2.0 asks three quarters of a principle's questions answered, not half."""
    first = SET.principles[0].questions[0].id
    scan = seed_scan(Store(db_path), "Gemeente Ede", "2026-03-01", {first: 3}, version="2.0")
    code, out, _ = run(capsys, db_path, "--lang", "en", "scan", "show", scan.id, "--no-chart")
    assert code == 0
    assert "at least 75% of this principle's questions" in out
    assert "at least half" not in out


def test_a_round_scan_keeps_the_rounds_date_and_role(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id = seed_round(db_path)
    store = Store(db_path)
    contents = store.rounds.contents(round_id)
    first = contents.responses[0]
    before = db_path.read_bytes()
    code, _, err = run(capsys, db_path, "scan", "edit", first.id, "--role", "Wethouder")
    assert code == 2 and "teamronde" in err and db_path.read_bytes() == before
    code, _, err = run(capsys, db_path, "scan", "edit", first.id, "--date", "2026-01-01")
    assert code == 2 and "datum van de ronde" in err and db_path.read_bytes() == before
    code, _, _ = run(capsys, db_path, "scan", "edit", first.id, "--respondent", "Anna B.")
    assert code == 0 and Store(db_path).get(first.id).respondent.name == "Anna B."


def test_a_joined_draft_is_dated_on_the_round(db_path: Path) -> None:
    from maturity_scan.core.models import Respondent

    round_id = seed_round(db_path, respondents=1)
    store = Store(db_path)
    made = store.rounds.get(round_id)
    draft = store.rounds.join(round_id, Respondent(name="Ed"), "hr")
    assert draft.date == made.moment and draft.date.date() == made.opened


def test_a_closed_round_still_takes_answers_and_says_it_is_closed(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    made = Store(db_path).rounds.open(
        "Gemeente Ede", "Voorjaar", SET.ref, date(2026, 3, 1), closes=date(2026, 3, 31)
    )
    out = db_path.with_name("ans.json")
    code, _, err = run(
        capsys, db_path, "round", "invite", made.id, "--respondent", "Ans", "--role", "hr",
        "-o", str(out),
    )  # fmt: skip
    assert code == 0 and "ronde 'Voorjaar' is gesloten sinds 2026-03-31" in err


def test_a_consensus_says_when_answers_changed_after_it(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    import msgspec

    from maturity_scan.core.models import AnswerRecord

    round_id = seed_round(db_path)
    template = db_path.with_name("consensus.json")
    run(capsys, db_path, "round", "consensus", round_id, "--template", "-o", str(template))
    assert run(capsys, db_path, "round", "consensus", round_id, "--answers", str(template))[0] == 0
    code, out, _ = run(capsys, db_path, "round", "show", round_id, "--json")
    assert code == 0 and json.loads(out)["consensus_outdated"] is False
    store = Store(db_path)
    first = store.rounds.contents(round_id).responses[0]
    question = SET.questions()[0][1].id
    changed = msgspec.structs.replace(
        first, answers={**first.answers, question: AnswerRecord(level=5)}
    )
    store.rounds.add_responses(round_id, [changed], "newer.json", replace=True)
    code, out, _ = run(capsys, db_path, "round", "show", round_id, "--json")
    assert json.loads(out)["consensus_outdated"] is True
    code, out, _ = run(capsys, db_path, "round", "show", round_id)
    assert "na deze consensus zijn antwoorden van respondenten" in out


def test_the_change_since_a_round_names_the_round(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_id = seed_round(db_path)  # 2026-11-20, no consensus: its point is provisional
    answers = {q.id: 3 for _, q in SET.questions()}
    later = seed_scan(Store(db_path), "Gemeente Zwolle", "2026-11-25", answers, version="2.0")
    code, out, _ = run(capsys, db_path, "scan", "show", later.id, "--no-chart")
    assert code == 0
    assert f"Verschil met het voorlopige resultaat van teamronde {round_id[:8]}" in out
