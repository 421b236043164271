"""The app's follow-up scans: the new-scan form suggests and pre-fills the organisation and
starts from its latest completed scan; carried answers are marked until confirmed; finishing
with unconfirmed ones asks first."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Label, OptionList, Static

from maturity_scan.core.followup import follow_up
from maturity_scan.core.models import Scan
from maturity_scan.core.names import fold, org_key
from maturity_scan.storage.store import Store, make_scan
from maturity_scan.tui.app import MaturityScanApp, make_app
from maturity_scan.tui.flows import new_scan_dialog
from maturity_scan.tui.screens.definitions import DefinitionsDialog
from maturity_scan.tui.screens.dialogs import ConfirmDialog, OverviewDialog
from maturity_scan.tui.screens.help_keys import screen_keys
from maturity_scan.tui.screens.home import HomeScreen
from maturity_scan.tui.screens.new_scan import NewScanDialog, complete_name
from maturity_scan.tui.screens.questionnaire import QuestionnaireScreen

from .conftest import at, make_config, seed_scan
from .test_app import SIZE, settle

ZWOLLE = "Gemeente Zwolle"
NAMES = ["Gemeente Zwijndrecht", ZWOLLE, "Gemeente Ede", "Provincie Zuid-Holland"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("gemeente zwo", ZWOLLE),  # case: the stored spelling, whole
        ("GEMEENTE ZWÓ", ZWOLLE),  # accents
        ("gemeente zw", "Gemeente Zwijndrecht"),  # the first that fits
        ("gemeente  zwo", "gemeente  zwolle"),  # extra space: the text typed, then the rest
        ("gemeente ", "Gemeente Zwijndrecht"),
        ("provincie zuid-h", "Provincie Zuid-Holland"),
        ("gemeente zwolle", None),  # nothing left to add (the stored spelling differs)
        (ZWOLLE, None),
        ("zwolle", None),  # names start with what is typed
        ("", None),
        ("   ", None),
        ("gemeente edam", None),
    ],
)
def test_complete_name(typed: str, expected: str | None) -> None:
    assert complete_name(typed, NAMES) == expected


@given(st.sampled_from(NAMES), st.integers(1, 30), st.sampled_from(["lower", "upper", "same"]))
def test_a_completion_is_what_was_typed_and_the_rest_of_a_stored_name(
    name: str, cut: int, case: str
) -> None:
    typed = getattr(name[:cut], case)() if case != "same" else name[:cut]
    suggestion = complete_name(typed, NAMES)
    if suggestion is None:
        return
    # the field shows the suggestion after the text typed: it must start as long as that
    assert fold(suggestion).startswith(fold(typed).strip())
    assert org_key(suggestion) in {org_key(n) for n in NAMES}
    assert len(suggestion) > len(typed)


def messages(app: MaturityScanApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def open_dialog(
    app: MaturityScanApp, pilot: Pilot[object], preset: str | None
) -> NewScanDialog:
    """The new-scan form as home opens it (home passes the selected row's organisation)."""
    home = app.screen
    assert isinstance(home, HomeScreen)
    names = app.config.store.organisations()
    new_scan_dialog(home, app.config.catalog, names, lambda scan: None, preset=preset)
    await settle(app, pilot)
    dialog = app.screen
    assert isinstance(dialog, NewScanDialog)
    return dialog


@pytest.fixture
def zwolle(db_path: Path) -> str:
    """A completed 1.0 scan of Gemeente Zwolle (on 2025-03-01) and a draft of another."""
    store = Store(db_path)
    seed_scan(store, "Gemeente Ede", "2025-05-01", {"bestuur-doelen": 1}, status="draft")
    answers = {"bestuur-principebesluit": 3, "bestuur-doelen": 2, "hr-inkoop-overleg": "unknown"}
    notes = {"bestuur-doelen": "Doelen in concept", "hr-gelijk": "vervallen vraag"}
    return seed_scan(store, ZWOLLE, "2025-03-01", answers, notes=notes).id


async def test_the_form_is_prefilled_and_starts_from_the_latest_completed_scan(
    db_path: Path, zwolle: str
) -> None:
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        dialog = await open_dialog(app, pilot, ZWOLLE)
        assert dialog.query_one("#new-org", Input).value == ZWOLLE
        box = dialog.query_one("#new-from", Checkbox)
        assert box.display and box.value
        assert "Beginnen bij de antwoorden van de scan van 01-03-2025" in str(box.label)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DefinitionsDialog), "nothing judged yet: scope first"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
    (draft,) = [s for s in Store(db_path).scans(ZWOLLE) if s.status == "draft"]
    assert draft.follows == zwolle and draft.question_set.version == "2.0"
    # the 1.0 answers the 2.0 set has, in its order; the note of a question 2.0 dropped is not
    assert draft.carried == ["bestuur-principebesluit", "bestuur-doelen", "hr-inkoop-overleg"]
    assert draft.note("bestuur-doelen") == "Doelen in concept"
    assert "hr-gelijk" not in draft.answers


async def test_an_organisation_without_a_completed_scan_offers_nothing_to_start_from(
    db_path: Path, zwolle: str
) -> None:
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        dialog = await open_dialog(app, pilot, "Gemeente Ede")  # a draft only
        assert not dialog.query_one("#new-from", Checkbox).display
        draft = dialog.query_one("#new-draft", Label)  # said: this would be a second draft
        assert draft.display and "Er loopt al een concept" in str(draft.render())
        dialog.query_one("#new-org", Input).value = "Nieuwe Gemeente"
        await pilot.pause()
        assert not dialog.query_one("#new-from", Checkbox).display
        assert not dialog.query_one("#new-draft", Label).display
        dialog.query_one("#new-org", Input).value = "gemeente zwolle"
        await pilot.pause()
        assert dialog.query_one("#new-from", Checkbox).display


async def test_the_organisation_is_suggested_as_typed_and_filed_under_the_stored_spelling(
    db_path: Path, zwolle: str
) -> None:
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        dialog = await open_dialog(app, pilot, None)
        field = dialog.query_one("#new-org", Input)
        assert field.value == ""  # two organisations, none selected: nothing filled in
        await pilot.press(*"gemeente zw")
        await settle(app, pilot)
        assert field._suggestion == ZWOLLE
        await pilot.press("tab")  # takes it
        assert field.value == ZWOLLE and field.has_focus
        field.value = "GEMEENTE  ZWÓLLE"  # typed another way, not taken from the suggestion
        await pilot.pause()
        await pilot.click("#new-from")  # start empty
        assert not dialog.query_one("#new-from", Checkbox).value
        field.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Opgeslagen onder de bestaande organisatie 'Gemeente Zwolle'." in messages(app)
    drafts = [s for s in Store(db_path).scans(ZWOLLE) if s.status == "draft"]
    assert [(d.organisation, d.follows, d.answers) for d in drafts] == [(ZWOLLE, None, {})]


async def test_a_name_that_looks_like_a_stored_one_asks_before_a_new_organisation(
    db_path: Path, zwolle: str
) -> None:
    """ "Gemeente Zwole" is not stored but looks like "Gemeente Zwolle": a typo would start a
    new organisation, so the form asks. No: the form again, with the name it looks like;
    new: a new organisation after all."""
    from maturity_scan.tui.screens.dialogs import ConfirmDialog

    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        dialog = await open_dialog(app, pilot, None)
        dialog.query_one("#new-org", Input).value = "Gemeente Zwole"
        dialog.query_one("#new-org", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        body = str(app.screen.query_one(".dialog-body Static").render())
        assert "Bedoel je 'Gemeente Zwolle'?" in body
        await pilot.press("n")
        await settle(app, pilot)
        again = app.screen
        assert isinstance(again, NewScanDialog)
        assert again.query_one("#new-org", Input).value == ZWOLLE
        again.query_one("#new-org", Input).value = "Gemeente Zwole"
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await settle(app, pilot)
    assert Store(db_path).organisations() == ["Gemeente Ede", "Gemeente Zwole", ZWOLLE]


# ---------------------------------------------------------------- carried answers


def carried_draft(db_path: Path, previous_id: str) -> Scan:
    """A follow-up draft of Gemeente Zwolle (set 2.0) from the scan ``previous_id``."""
    store = Store(db_path)
    qs = make_config(db_path).catalog.get("sociale-inkoop", "2.0")
    fresh = make_scan(ZWOLLE, qs.ref, taken_at=at("2026-03-01"))
    scan = store.add(follow_up(fresh, store.get(previous_id), qs))
    QuestionnaireScreen.introduced.add(scan.id)  # scope and definitions: not this test's
    return scan


async def open_draft(app: MaturityScanApp, pilot: Pilot[object], scan: Scan) -> QuestionnaireScreen:
    await settle(app, pilot)
    qs = app.config.catalog.get(scan.question_set.id, scan.question_set.version)
    app.show_questionnaire(scan, qs, replace=False)
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, QuestionnaireScreen)
    return screen


def label(screen: QuestionnaireScreen, ident: str) -> str:
    widget = screen.query_one(ident, Label)
    return str(widget.render()) if widget.display and widget.has_class("shown") else ""


async def test_a_carried_answer_is_marked_until_confirmed_and_the_store_agrees(
    db_path: Path, zwolle: str
) -> None:
    draft = carried_draft(db_path, zwolle)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_draft(app, pilot, draft)
        # it opens on the first carried answer, marked with where it comes from
        assert screen.question.id == "bestuur-principebesluit"
        marker = label(screen, "#q-carried")
        assert "Overgenomen uit de scan van 2025-03-01" in marker and "c bevestigt" in marker
        answered = str(screen.query_one("#q-answered", Label).render())
        assert "3 ↺" in answered
        keys = [description for _, description in screen_keys(app, screen, "nl")]
        assert "bevestigen" in keys  # F1 lists c here
        await pilot.press("c")  # kept as it is
        await settle(app, pilot)
        assert screen.question.id == "bestuur-doelen" and label(screen, "#q-carried")
        await pilot.press("4")  # changed: no longer carried either
        await settle(app, pilot)
        assert screen.scan.carried == ["hr-inkoop-overleg"]
        # a question that was not carried has no marker and no c
        screen._go(
            screen.items.index(next(i for i in screen.items if i[1].id == "bestuur-middelen"))
        )
        await pilot.pause()
        assert label(screen, "#q-carried") == ""
        assert "bevestigen" not in [d for _, d in screen_keys(app, screen, "nl")]
        await pilot.press("c")  # nothing happens
        await settle(app, pilot)
        assert screen.scan.answer("bestuur-middelen") is None
    stored = Store(db_path).get(draft.id)  # through the journal
    assert stored.carried == ["hr-inkoop-overleg"]
    assert stored.answer("bestuur-principebesluit") == 3 and stored.answer("bestuur-doelen") == 4
    assert stored.note("bestuur-doelen") == "Doelen in concept"  # a level keeps the note
    Store(db_path).fold_journals()
    assert Store(db_path).get(draft.id).carried == ["hr-inkoop-overleg"]  # and in the file


async def test_the_overview_marks_carried_answers(db_path: Path, zwolle: str) -> None:
    draft = carried_draft(db_path, zwolle)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_draft(app, pilot, draft)
        await pilot.press("c")
        await settle(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, OverviewDialog)
        legend = [str(lbl.render()) for lbl in dialog.query(Label)]
        assert any("↺ overgenomen, nog niet bevestigd" in text for text in legend)
        options = dialog.query_one("#overview", OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert screen.scan.carried == ["bestuur-doelen", "hr-inkoop-overleg"]
        # shown[0] is the principle; then bestuur-principebesluit and bestuur-doelen
        assert " 3 " in shown[1] and "↺" not in shown[1]  # confirmed: its level only
        assert " 2↺" in shown[2]  # carried: its level, marked


async def test_finishing_with_carried_answers_asks_first_naming_how_many(
    db_path: Path, zwolle: str
) -> None:
    draft = carried_draft(db_path, zwolle)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_draft(app, pilot, draft)
        await pilot.press("c")
        await settle(app, pilot)
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        body = " ".join(str(s.render()) for s in dialog.query(Static))
        assert "2 antwoorden zijn overgenomen uit de scan van 2025-03-01 en niet bevestigd" in body
        assert "↺" in body
        # the open questions are named too, each list short enough for both to be seen
        assert "Er staan nog 22 vragen open." in body
        lines = "\n".join(str(s.render()) for s in dialog.query(Static)).splitlines()
        assert sum(line.startswith("· ") for line in lines) == 3
        await pilot.press("n")  # no: still a draft
        await settle(app, pilot)
        assert Store(db_path).get(draft.id).status == "draft"
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("j")
        await settle(app, pilot)
    done = Store(db_path).get(draft.id)
    assert done.status == "completed" and done.carried == ["bestuur-doelen", "hr-inkoop-overleg"]


async def test_after_the_last_question_the_first_unconfirmed_carried_one_follows(
    db_path: Path, zwolle: str
) -> None:
    draft = carried_draft(db_path, zwolle)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_draft(app, pilot, draft)
        store = Store(db_path)
        for _, question in screen.items:  # everything answered but the carried ones
            if question.id not in draft.carried:
                store.set_answer(draft.id, question.id, 3)
        screen.reload()
        await settle(app, pilot)
        screen._go(len(screen.items) - 1)
        await pilot.press("3")
        await settle(app, pilot)
        assert screen.question.id == "bestuur-principebesluit"  # carried, not yet confirmed
