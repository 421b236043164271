"""Team rounds in the app (#14): an organisation's rounds, opening and joining a round, the
round screen (divided questions first, the roles side by side) and the consensus session
(an override asks for a reason; the stored consensus records each answer's source)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import msgspec
import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, Select, Static

from maturity_scan.core.models import AnswerSource, Respondent
from maturity_scan.storage.store import Store
from maturity_scan.tui.app import MaturityScanApp, make_app
from maturity_scan.tui.screens.consensus import ConsensusScreen
from maturity_scan.tui.screens.definitions import DefinitionsDialog
from maturity_scan.tui.screens.dialogs import ConfirmDialog
from maturity_scan.tui.screens.organisation import OrganisationScreen
from maturity_scan.tui.screens.questionnaire import QuestionnaireScreen
from maturity_scan.tui.screens.round import RoundScreen
from maturity_scan.tui.screens.round_dialogs import JoinRoundDialog, OpenRoundDialog, ReasonDialog
from maturity_scan.tui.screens.rounds import RoundsScreen

from .conftest import make_config, seed_scan
from .round_seed import DIVIDED, ORG, SET, seed_round
from .test_app import settle

SIZES = [(100, 32), (80, 24)]


def text_of(app: MaturityScanApp, ident: str, width: int = 96) -> str:
    """What a Static shows, as plain text (Rich renderables rendered at ``width``)."""
    content = app.screen.query_one(ident, Static).content
    if isinstance(content, str):
        return content
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(content)
    return console.export_text()


async def to_rounds(app: MaturityScanApp, pilot: Pilot[object]) -> None:
    """Home → the organisation (the only one) → its rounds."""
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, OrganisationScreen)
    await pilot.press("o")
    await settle(app, pilot)
    assert isinstance(app.screen, RoundsScreen)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_round_opens_from_the_organisation_screen(
    db_path: Path, size: tuple[int, int]
) -> None:
    seed_scan(Store(db_path), ORG, "2026-01-01", {}, version="2.0")
    app = make_app(make_config(db_path))
    async with app.run_test(size=size) as pilot:
        await to_rounds(app, pilot)
        assert "n" in text_of(app, "#rounds-empty")
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, OpenRoundDialog)
        shown = dialog.query_one("#ro-visibility Static#label", Static).render()
        assert str(shown) == "per rol (alleen rollen, geen namen)"  # the default, in words
        await pilot.press("enter")  # no title: refused, the dialog stays
        await pilot.pause()
        assert app.screen is dialog
        assert str(dialog.query_one("#ro-name-error").render()) != ""
        await pilot.press(*"Teamscan 2027")
        dialog.query_one("#ro-closes", Input).value = "2020-01-01"  # before the round
        dialog.query_one("#ro-name", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "2020" not in str(dialog.query_one("#ro-closes-error").render())
        assert str(dialog.query_one("#ro-closes-error").render()) != ""
        dialog.query_one("#ro-closes", Input).value = ""
        dialog.query_one("#ro-visibility", Select).value = "anonymous"
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RoundScreen)  # the new round, shown at once
        (made,) = Store(db_path).rounds.list(ORG)
        assert made.title == "Teamscan 2027" and made.visibility == "anonymous"
        assert made.question_set == SET.ref and made.closes is None
        assert "Teamscan 2027" in text_of(app, "#round-title")
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, RoundsScreen)
        assert app.screen.rounds[0].round.id == made.id


async def test_joining_a_round_makes_a_draft_and_opens_the_questionnaire(db_path: Path) -> None:
    round_id = seed_round(db_path, respondents=1)
    app = make_app(make_config(db_path, lang="en"))
    async with app.run_test(size=(100, 32)) as pilot:
        await to_rounds(app, pilot)
        await pilot.press("j")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, JoinRoundDialog)
        await pilot.press(*"Eva", "enter")  # no role chosen: refused
        await pilot.pause()
        assert app.screen is dialog
        assert "role" in str(dialog.query_one("#rj-role-error").render())
        roles = dialog.query_one("#rj-role", Select)
        assert [str(label) for label, _ in roles._options[1:]][:2] == [
            "Board or management",
            "HR or Work & Income",
        ]  # the set's roles, in the UI language
        roles.value = "hr"
        dialog.query_one("#rj-role-only", Checkbox).value = True
        dialog.query_one("#rj-name", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DefinitionsDialog)  # a new 2.0 scan: definitions first
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
        draft = app.screen.scan
        assert draft.round is not None and draft.round.id == round_id
        assert draft.round.role == "hr" and draft.round.role_only
        assert draft.respondent.name == "Eva" and draft.status == "draft"
        await pilot.press("escape")
        await settle(app, pilot)
    drafts = Store(db_path).rounds.contents(round_id).drafts
    assert [d.id for d in drafts] == [draft.id]


async def test_the_round_screen_shows_the_divided_questions_first(db_path: Path) -> None:
    round_id = seed_round(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        app.show_round(round_id)
        await settle(app, pilot)
        assert isinstance(app.screen, RoundScreen)
        people = text_of(app, "#round-people")
        assert "4 klaar, 0 bezig" in people and "HR of Werk & Inkomen 2" in people
        assert "Anna" not in people  # by role: no names
        questions = text_of(app, "#round-questions", width=200).splitlines()
        first = SET.question(DIVIDED)
        assert first is not None
        assert questions[0] == f"verdeeld  {first.text.get('nl')}"  # first, not in set order
        assert "mediaan 1 (1–4)" in questions[1]  # the lower median of 1 1 4 4
        roles = text_of(app, "#round-roles")
        assert "perceptieverschil 1.3" in roles and "Inkoop" in roles  # 3.1 − 1.8 as shown
        assert "Voorlopig" in text_of(app, "#round-result-head")


async def open_session(app: MaturityScanApp, pilot: Pilot[object], round_id: str) -> None:
    await settle(app, pilot)
    app.show_round(round_id)
    await settle(app, pilot)
    await pilot.press("c")
    await settle(app, pilot)
    assert isinstance(app.screen, ConsensusScreen)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_consensus_session_asks_a_reason_for_an_override_and_stores_the_sources(
    db_path: Path, size: tuple[int, int]
) -> None:
    round_id = seed_round(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=size) as pilot:
        await open_session(app, pilot, round_id)
        session = app.screen
        assert isinstance(session, ConsensusScreen)
        assert session.question.id == DIVIDED  # the most divided first
        assert session.answers[DIVIDED] == 1  # pre-filled with the lower median
        assert "mediaan 1 (1–4)" in text_of(app, "#c-spread")
        await pilot.press("4")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReasonDialog)
        await pilot.press("enter")  # an empty reason is refused
        await pilot.pause()
        assert app.screen is dialog
        assert "reden" in str(dialog.query_one("#why-error").render())
        await pilot.press("escape")  # Esc: the answer stays the median
        await pilot.pause()
        assert app.screen is session and session.answers[DIVIDED] == 1
        await pilot.press("4")
        await pilot.pause()
        await pilot.press(*"Beleid is in mei vastgesteld", "enter")
        await pilot.pause()
        assert app.screen is session and session.answers[DIVIDED] == 4
        assert "mediaan 1 → 4" in text_of(app, "#c-reason")
        assert "1 antwoord gewijzigd" in str(session.query_one("#c-position").render())
        await pilot.press("right")
        await pilot.pause()
        assert session.index == 1
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await settle(app, pilot)
        assert isinstance(app.screen, RoundScreen)
        await settle(app, pilot)
        assert "Consensus van het team" in text_of(app, "#round-result-head")
        overrides = text_of(app, "#round-overrides", width=200)
        assert "mediaan 1 → 4 — Beleid is in mei vastgesteld" in overrides
    consensus = Store(db_path).rounds.contents(round_id).consensus
    assert consensus is not None and consensus.round is not None
    assert consensus.status == "completed" and consensus.kind == "consensus"
    assert consensus.organisation == ORG and consensus.question_set == SET.ref
    assert consensus.date.date() == date(2026, 11, 20)  # the round's date
    sources = consensus.round.sources
    assert sources[DIVIDED] == AnswerSource("override", "Beleid is in mei vastgesteld")
    assert consensus.answer(DIVIDED) == 4
    assert consensus.respondent.name == "Teamscan najaar 2026"  # as `round consensus` names it
    others = {q: s for q, s in sources.items() if q != DIVIDED}
    assert len(others) == len(SET.questions()) - 1
    assert {s.source for s in others.values()} == {"median"}
    assert consensus.answer("bestuur-doelen") == 2  # the lower median of 2 and 3


async def test_leaving_a_session_with_changes_asks_first(db_path: Path) -> None:
    round_id = seed_round(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_session(app, pilot, round_id)
        await pilot.press("escape")  # nothing changed: back at once
        await settle(app, pilot)
        assert isinstance(app.screen, RoundScreen)
        await pilot.press("c")
        await settle(app, pilot)
        await pilot.press("5")
        await pilot.pause()
        await pilot.press(*"Iedereen kent het beleid", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # stay
        await pilot.pause()
        assert isinstance(app.screen, ConsensusScreen)
        assert app.screen.answers[DIVIDED] == 5
        await pilot.press("1")  # back to the median: no reason asked, nothing changed
        await pilot.pause()
        assert isinstance(app.screen, ConsensusScreen) and not app.screen.changed
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, RoundScreen)
    assert Store(db_path).rounds.contents(round_id).consensus is None


async def test_a_second_session_replaces_the_consensus_after_asking(db_path: Path) -> None:
    round_id = seed_round(db_path)
    app = make_app(make_config(db_path, lang="en"))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_session(app, pilot, round_id)
        await pilot.press("3")
        await pilot.pause()
        await pilot.press(*"Agreed in the meeting", "enter")
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        first = Store(db_path).rounds.contents(round_id).consensus
        assert first is not None
        await pilot.press("c")
        await settle(app, pilot)
        session = app.screen
        assert isinstance(session, ConsensusScreen)
        assert session.answers[DIVIDED] == 3  # the first session's override and reason
        assert session.reasons[DIVIDED] == "Agreed in the meeting"
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "replaces the consensus of 2026-11-20" in str(
            dialog.query_one(".dialog-body Static", Static).render()
        )
        await pilot.press("y")
        await settle(app, pilot)
    scans = Store(db_path).rounds.contents(round_id).scans
    consensus = [s for s in scans if s.kind == "consensus"]
    assert len(consensus) == 1 and consensus[0].id != first.id  # one consensus per round
    assert consensus[0].round is not None
    assert consensus[0].round.sources[DIVIDED].reason == "Agreed in the meeting"


@pytest.mark.parametrize(
    ("visibility", "shown", "hidden"),
    [
        ("named", ["Anna (Bestuur of directie)", "Bram (HR of Werk & Inkomen)"], []),
        ("by-role", ["Bestuur of directie 1", "HR of Werk & Inkomen 2"], ["Anna", "Bram"]),
        ("anonymous", ["4 klaar, 0 bezig"], ["Anna", "Bestuur", "HR", ":"]),
    ],
)
async def test_the_round_shows_of_individuals_what_its_visibility_allows(
    db_path: Path, visibility: str, shown: list[str], hidden: list[str]
) -> None:
    round_id = seed_round(db_path, visibility=visibility)
    app = make_app(make_config(db_path))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        app.show_round(round_id)
        await settle(app, pilot)
        people = text_of(app, "#round-people")
        assert all(text in people for text in shown), people
        assert not any(text in people for text in hidden), people


async def test_the_rounds_list_counts_respondents_and_names_the_consensus(db_path: Path) -> None:
    round_id = seed_round(db_path, respondents=3)
    store = Store(db_path)
    store.rounds.join(round_id, Respondent(name="Eva"), "overig")
    app = make_app(make_config(db_path, lang="en"))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_rounds(app, pilot)
        table = app.screen.query_one("#rounds", DataTable)
        assert [str(c) for c in table.get_row_at(0)] == [
            "2026-11-20",
            "Teamscan najaar 2026",
            "3 done, 1 answering",
            "–",
        ]
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RoundScreen)
        assert "3 done, 1 answering" in text_of(app, "#round-people")


async def test_titles_and_names_are_shown_as_typed_never_as_markup(db_path: Path) -> None:
    seed_scan(Store(db_path), "[b]Org[/]", "2026-01-01", {}, version="2.0")
    store = Store(db_path)
    made = store.rounds.open("[b]Org[/]", "Ronde [/] [red]één", SET.ref, date(2026, 11, 2))
    app = make_app(make_config(db_path))
    async with app.run_test(size=(100, 32)) as pilot:
        await to_rounds(app, pilot)
        assert "[b]Org[/]" in text_of(app, "#rounds-title")
        app.show_round(made.id)
        await settle(app, pilot)
        assert "Ronde [/] [red]één" in text_of(app, "#round-title")
        await pilot.press("j")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, JoinRoundDialog)
        assert "Ronde [/] [red]één" in str(dialog.query_one("#rj-title").render())
        await pilot.press(*"[i]Eva[/]")
        dialog.query_one("#rj-role", Select).value = "overig"
        dialog.query_one("#rj-name", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
    (draft,) = Store(db_path).rounds.contents(made.id).drafts
    assert draft.respondent.name == "[i]Eva[/]"


async def test_quitting_during_a_session_with_changes_asks_first(db_path: Path) -> None:
    round_id = seed_round(db_path)
    app = make_app(make_config(db_path))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_session(app, pilot, round_id)
        await pilot.press("2")
        await pilot.pause()
        await pilot.press(*"Twee teams", "enter")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConsensusScreen) and app.is_running
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("j")
        await settle(app, pilot)
        assert not app.is_running


async def test_a_question_nobody_answered_can_be_given_an_answer_with_a_reason(
    db_path: Path,
) -> None:
    round_id = seed_round(db_path, respondents=1)  # Anna, board: she answered everything
    store = Store(db_path)
    contents = store.rounds.contents(round_id)
    anna = contents.responses[0]
    open_question = "keten-regio"
    answers = {q: a for q, a in anna.answers.items() if q != open_question}
    store.rounds.add_responses(
        round_id, [msgspec.structs.replace(anna, answers=answers)], "test", replace=True
    )
    app = make_app(make_config(db_path))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_session(app, pilot, round_id)
        session = app.screen
        assert isinstance(session, ConsensusScreen)
        session.index = [q.question for q in session.order].index(open_question)
        session.update_texts()
        await pilot.pause()
        assert "Geen respondent" in text_of(app, "#c-reason")
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press(*"Regio-overleg loopt", "enter")
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("j")
        await settle(app, pilot)
    consensus = Store(db_path).rounds.contents(round_id).consensus
    assert consensus is not None and consensus.round is not None
    assert consensus.answer(open_question) == 3
    assert consensus.round.sources[open_question] == AnswerSource("override", "Regio-overleg loopt")
