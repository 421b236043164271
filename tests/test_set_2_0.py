"""The shipped sociale-inkoop 2.0 against issue 12: its shape, its texts in every language,
its scoring rules and definitions, and what its anchors may say. 1.0 stays installed beside it."""

from __future__ import annotations

import re

import pytest

from maturity_scan.core.models import STEPS_PER_QUESTION, QuestionSet, ScoringRules
from maturity_scan.paths import builtin_questions_dir
from maturity_scan.question_sets.loading import load_catalog

FILE = builtin_questions_dir() / "sociale-inkoop-2.0.toml"
PUBLICITY = re.compile(
    r"openbaar|gepubliceerd|publiceer|gedeeld met andere|extern|ambassadeur", re.I
)
DONT_KNOW = re.compile(r"onbekend|weten (we )?niet|weet (ik|niet)|unknown|don't know", re.I)


@pytest.fixture(scope="module")
def sets() -> tuple[QuestionSet, QuestionSet]:
    catalog = load_catalog([builtin_questions_dir()])
    return catalog.get("sociale-inkoop", "1.0"), catalog.get("sociale-inkoop", "2.0")


def filled(text: dict[str, str], languages: tuple[str, ...]) -> bool:
    return set(text) == set(languages) and all(text[lang].strip() for lang in languages)


def test_it_is_the_latest_version_and_keeps_the_principles(
    sets: tuple[QuestionSet, QuestionSet],
) -> None:
    old, new = sets
    catalog = load_catalog([builtin_questions_dir()])
    assert catalog.get("sociale-inkoop") == new, "new scans use 2.0"
    assert catalog.files[(new.id, new.version)].resolve() == FILE.resolve()
    assert [p.id for p in new.principles] == [p.id for p in old.principles]
    questions = [q for _, q in new.questions()]
    assert 20 <= len(questions) <= 28
    assert len({q.id for q in questions}) == len(questions)


def test_every_question_has_five_anchors_and_four_steps_in_each_language(
    sets: tuple[QuestionSet, QuestionSet],
) -> None:
    _, new = sets
    languages = tuple(new.languages)
    assert languages == ("nl", "en")
    for principle, question in new.questions():
        assert question.id.startswith(f"{principle.id}-"), question.id
        assert filled(question.text, languages) and filled(question.help, languages)
        assert question.text["nl"] != question.text["en"], question.id
        assert len(question.answers) == 5, question.id
        assert all(filled(anchor, languages) for anchor in question.answers), question.id
        assert len(question.steps) == STEPS_PER_QUESTION, question.id
        for step in question.steps:
            assert filled(step.text, languages), question.id
            assert step.source is None or step.source.strip(), question.id


def test_anchors_never_overlap_dont_know_and_level_5_is_about_results(
    sets: tuple[QuestionSet, QuestionSet],
) -> None:
    _, new = sets
    for _, question in new.questions():
        for anchor in question.answers:
            assert not DONT_KNOW.search(" ".join(anchor.values())), (question.id, anchor)
        # publicity belongs in one question only
        if question.id != "bestuur-publiek":
            assert not PUBLICITY.search(question.answers[4]["nl"]), question.id


def test_scoring_rules_definitions_and_levels(sets: tuple[QuestionSet, QuestionSet]) -> None:
    old, new = sets
    assert old.scoring == ScoringRules(), "1.0 keeps the default rules: its scans do not move"
    assert new.scoring == ScoringRules(min_coverage=0.75, overall="lowest")
    assert not old.definitions
    definitions = {d.id: d for d in new.definitions}
    for ident in ("eenheid", "bestuur", "hr", "doelgroep", "baan", "sociale-leverancier"):
        assert ident in definitions, ident
    assert "12 maanden" in definitions["periode"].text["nl"]
    assert all(
        filled(d.term, ("nl", "en")) and filled(d.text, ("nl", "en")) for d in definitions.values()
    )
    hr = definitions["hr"].text["nl"]
    assert "Werk & Inkomen" in hr and "werkgeversservicepunt" in hr
    # the rule is a floor: the descriptions of levels 2-4 say "at least"
    for level in (2, 3, 4):
        description = new.level_def(level).description
        assert "ten minste" in description["nl"] and "at least" in description["en"], level
