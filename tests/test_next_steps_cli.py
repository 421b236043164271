"""Next steps in ``scan show`` (text and JSON) and exports: all of them, with the question
and the levels they lead from and to; a set without per-answer steps (1.0) shows its
per-level advice exactly as before."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from maturity_scan.core.models import AnswerValue, Target
from maturity_scan.exchange.demo import DEMO_ORGANISATION, demo_scans, demo_targets
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets.loading import load_question_set
from maturity_scan.storage.store import Store

from .conftest import FIXTURES, seed_scan
from .test_cli import run

GOLDEN = FIXTURES / "golden"
STEPS_SETS = FIXTURES / "sets" / "steps"
TODAY = date(2026, 3, 31)


def demo_show(db: Path, capsys: pytest.CaptureFixture[str], lang: str) -> str:
    """``scan show`` of the demo's last 1.0 scan, without the chart."""
    shipped = load_question_set(builtin_questions_dir() / "sociale-inkoop.toml")
    assert shipped.version == "1.0"
    scans = demo_scans(shipped, TODAY)
    targets = [
        Target(
            organisation=DEMO_ORGANISATION,
            question_set=shipped.id,
            principle=principle,
            level=level,
            by=by,
        )
        for principle, level, by in demo_targets(TODAY)
    ]
    Store(db).import_scans(scans, "demo", targets)
    code, out, err = run(capsys, "--lang", lang, "scan", "show", scans[-1].id, "--no-chart")
    assert (code, err) == (0, "")
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sets_without_steps_show_exactly_what_they_showed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """The golden files are ``scan show`` of the demo's last scan before per-answer steps."""
    db = tmp_path / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(db))
    out = demo_show(db, capsys, lang)
    assert out == (GOLDEN / f"demo-show-1.0.{lang}.txt").read_text(encoding="utf-8")


# alpha = (1·1 + 2·2 + 1·1) / 4 = 1.5 → level 1, aim 2; with a target of 4: a1, a2, a3 and
# a4 ("don't know") give four steps (a2 2×2=4, a1 1×3=3, a3 1×3=3; then find out about a4)
STEPPED_ANSWERS: dict[str, AnswerValue] = {
    "a1": 1,
    "a2": 2,
    "a3": 1,
    "a4": "unknown",
    "b1": 2,
    "b2": 1,
}


ORG = "Testdorp"


def seeded_stepped(db: Path) -> str:
    store = Store(db)
    scan = seed_scan(
        store, "Testdorp", "2025-03-01", STEPPED_ANSWERS, set_id="stepped", version="1"
    )
    store.set_target(
        Target(organisation="Testdorp", question_set="stepped", principle="alpha", level=4)
    )
    return scan.id


@pytest.fixture
def stepped_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(db))
    monkeypatch.setenv("MATURITY_SCAN_QUESTIONS", str(STEPS_SETS))
    return db


def test_scan_show_text_has_every_step(
    stepped_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan_id = seeded_stepped(stepped_db)
    code, out, err = run(capsys, "--lang", "en", "scan", "show", scan_id, "--no-chart")
    assert (code, err) == (0, "")
    alpha = out.split("\n\nPrinciple alpha")[1].split("\n\nPrinciple beta")[0]
    steps = alpha.split("  Next steps\n")[1].split("  The set's general advice")[0].splitlines()
    assert steps == [
        "  2→3 a2 step 2 to 3",
        "      for: Question a2?",
        "  1→2 a1 step 1 to 2",
        "      for: Question a1? · source: Gids a1 (2019)",
        "  1→2 a3 step 1 to 2",
        "      for: Question a3? · source: Gids a3 (2019)",
        "    ? Find out who in the organisation knows how this is done now, and fill in the",
        "      answer together: Question a4?",
    ]
    assert "more step" not in out  # scan show has them all
    assert (
        "  The set's general advice from level 1\n    • alpha advice 1\n    • alpha advice 2" in out
    )


def test_scan_show_json_names_question_and_levels_of_each_step(
    stepped_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan_id = seeded_stepped(stepped_db)
    code, out, err = run(capsys, "scan", "show", scan_id, "--json")
    assert (code, err) == (0, "")
    alpha, beta = json.loads(out)["scores"]["principles"]
    assert [
        (s["kind"], s["question"], s["from_level"], s["to_level"], s["text"]["nl"], s["source"])
        for s in alpha["next_steps"]
    ] == [
        ("answer", "a2", 2, 3, "a2 stap 2 naar 3", None),
        ("answer", "a1", 1, 2, "a1 stap 1 naar 2", "Gids a1 (2019)"),
        ("answer", "a3", 1, 2, "a3 stap 1 naar 2", "Gids a3 (2019)"),
        ("unknown", "a4", None, None, alpha["next_steps"][3]["text"]["nl"], None),
    ]
    assert set(alpha["next_steps"][3]["text"]) == {"nl", "en"}
    assert alpha["level_advice"] == [
        {"nl": "alpha advies 1", "en": "alpha advice 1"},
        {"nl": "alpha advies 2", "en": "alpha advice 2"},
        {"nl": "alpha advies 3", "en": "alpha advice 3"},
    ]
    # beta = (1·2 + 0.5·1) / 1.5 → level 1, aim 2: b2 at 1 holds it back but has no steps
    assert beta["next_steps"] == []


def test_scan_show_json_of_a_set_without_steps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """1.0 and sets like it: the advice per level, as steps without a question."""
    db = tmp_path / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(db))
    demo_show(db, capsys, "nl")
    code, out, _ = run(capsys, "scan", "show", demo_scans_last_id(), "--json")
    assert code == 0
    for principle in json.loads(out)["scores"]["principles"]:
        assert principle["next_steps"], principle["id"]
        assert [s["text"] for s in principle["next_steps"]] == principle["level_advice"]
        for step in principle["next_steps"]:
            assert (step["kind"], step["question"], step["source"]) == ("level", None, None)
            assert step["from_level"] == principle["level"]
            assert step["to_level"] == step["from_level"] + 1


def demo_scans_last_id() -> str:
    shipped = load_question_set(builtin_questions_dir() / "sociale-inkoop.toml")
    return demo_scans(shipped, TODAY)[-1].id


def test_the_export_carries_every_step_as_scan_show_json(
    stepped_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each exported principle has its next steps, aiming at the target in the file; the
    export still imports."""
    scan_id = seeded_stepped(stepped_db)
    code, out, err = run(capsys, "scan", "show", scan_id, "--json")
    shown = json.loads(out)["scores"]["principles"]
    code, out, err = run(capsys, "export")
    assert (code, err) == (0, "")
    [exported] = json.loads(out)["scans"]
    principles = exported["scores"]["principles"]
    for in_export, in_report in zip(principles, shown, strict=True):
        expected = [
            {k: v for k, v in step.items() if k != "question_text"}
            for step in in_report["next_steps"]
        ]
        assert in_export["next_steps"] == expected
    assert [s["question"] for s in principles[0]["next_steps"]] == ["a2", "a1", "a3", "a4"]
    # one scan exported (``--scan``) takes its organisation's targets along, and its steps
    code, out, err = run(capsys, "export", "--scan", scan_id)
    assert json.loads(out)["scans"][0]["scores"]["principles"] == principles
    path = tmp_path / "export.json"
    path.write_text(out, encoding="utf-8")
    Store(stepped_db).delete(scan_id)
    code, out, err = run(capsys, "import", str(path))
    assert (code, err) == (0, ""), err
