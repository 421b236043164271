"""A third language costs no code: the app walked in a pseudo-language, every screen and
dialog, with a copy of the shipped question set that provides that language too.

The pseudo-language ("xx", :mod:`tests.pseudo_lang`) is the English catalogue with every
letter accented and every text bracketed; the question set is a copy of
``questions/sociale-inkoop.toml`` with ``languages = ["nl", "en", "xx"]`` and each text's
``xx`` the pseudo form of its English. As no text in either has a plain ASCII letter, any
run of two or more plain letters on the screen is a text that did not come from the
catalogue or the set in the chosen language, unless it is user data, an id or a key name
(the allow-list below). The walk also checks that nothing is pushed off the 100×32 screen:
pseudo texts are longer than English ones.

**The copy keeps the shipped set's id and version** (``sociale-inkoop`` 1.0): that is what
a translator does, add a language to the shipped file, and the seeded scans refer to that
set as every user's scans do. The two cannot be loaded side by side (the same id and version
would be two sets with one name), so the test's :class:`Config` lists only the copy's folder
as its question folders, not the shipped one (``Config.create`` always puts the shipped
folder first).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input
from textual.widgets._footer import FooterKey

from maturity_scan.config import Config
from maturity_scan.core.models import NA, UNKNOWN, Respondent, Target
from maturity_scan.i18n import tr
from maturity_scan.storage.store import Store
from maturity_scan.tui.app import MaturityScanApp, make_app

from .conftest import seed_scan, wait_for_workers
from .pseudo_lang import PSEUDO, pseudo_locales, pseudo_question_set

SIZE = (100, 32)

#: Seeded user data and what is not text: shown as it is in every language.
ORG_A = "Gemeente Utrecht"
ORG_B = "Waterschap Rivierenland"
RESPONDENT = "Jan Jansen"
ROLE = "Inkoper"
NOTE = "Notitie van Jan"
QUERY = "zqxj"  # typed in the command palette: matches nothing


# ------------------------------------------------------------------ what the screen shows


def screen_lines(app: App[object]) -> list[str]:
    """The screen as the terminal shows it (the screens below a dialog too), line by line."""
    console = Console(
        width=SIZE[0], height=SIZE[1], file=io.StringIO(), record=True, legacy_windows=False
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False).splitlines()


#: User data as typed, shown as it is in every language.
USER_DATA = (ORG_A, ORG_B, RESPONDENT, ROLE, NOTE, QUERY)

#: What is not text in any language: paths (the database, an export's file name), the
#: program's name (the header), the set's id, key names (the footer, help, dialog buttons),
#: single letters (keys), hexadecimal ids.
_NOT_TEXT = re.compile(
    r"\S*/\S*|maturity-scan|sociale-inkoop|\b(?:ctrl|shift|esc|tab|enter|space|delete|pgup|pgdn|home|end)\b"
    r"|\^[a-z]|\bF\d+\b|\b[0-9a-f]{8,}\b|\b[A-Za-z]\b",
    re.IGNORECASE,
)


def english_left(lines: list[str], allowed: tuple[str, ...]) -> list[str]:
    """Words of two or more plain letters in ``lines`` that are not what may be shown as it
    is: the ``allowed`` texts (user data) or a part of one of their words (a dialog over a
    table cuts a name in two), or what is not text at all (:data:`_NOT_TEXT`)."""
    text = "\n".join(lines)
    for phrase in sorted(allowed, key=len, reverse=True):
        text = text.replace(phrase, " ")
    text = _NOT_TEXT.sub(" ", text)
    words = {w for phrase in allowed for w in re.findall(r"[A-Za-z]+", phrase)}
    return [
        found
        for found in re.findall(r"[A-Za-z]{2,}", text)
        if not any(w.startswith(found) or w.endswith(found) for w in words)
    ]


#: The app's own keys (help, language, quit): last in every footer. Where a screen has more
#: keys than the footer holds, these are the ones cut at the right edge, as at 80 columns in
#: every language (and at 100 on the results screen in Dutch); F1 and the palette list them.
APP_KEYS = frozenset(binding.key for binding in MaturityScanApp.BINDINGS)


def overflow(app: App[object]) -> list[str]:
    """What is cut where it matters: a widget that sticks out at the right (nothing scrolls
    sideways) other than the app's own footer keys, a screen's footer key not wholly on the
    screen, a table wider than its place, a dialog button not (wholly) visible or whose
    label is cut, an empty field whose hint is cut. (Content taller than the screen
    scrolls: that is not a cut.)"""
    width, height = app.size
    screen = app.screen
    found = []
    for widget in screen.query("*"):
        if not widget.display or not widget.region:
            continue
        region = widget.region
        if isinstance(widget, FooterKey):
            if widget.key not in APP_KEYS and (region.right > width or region.bottom > height):
                found.append(f"footer key {widget.key} {widget.description!r} cut at {region}")
            continue
        if region.right > width:
            found.append(f"{widget!r} at {region} beyond the right edge")
        if isinstance(widget, Button):
            label = str(widget.label)
            on_screen = region.bottom <= height and screen.get_widget_at(*region.center)[0]
            if on_screen is not widget:
                found.append(f"{widget!r} {label!r} at {region} is not visible")
            elif widget.content_region.width < cell_len(label):
                found.append(f"{widget!r}: label {label!r} cut to {widget.content_region.width}")
        if isinstance(widget, DataTable) and widget.virtual_size.width > widget.size.width:
            found.append(f"{widget!r}: {widget.virtual_size.width} columns in {widget.size}")
        hint = widget.placeholder if isinstance(widget, Input) and not widget.value else ""
        if widget.content_region.width < cell_len(hint):
            found.append(f"{widget!r}: hint {hint!r} cut at {region}")
    return found


class Walk:
    """The pilot, and a record of every screen seen and what was wrong on it."""

    def __init__(self, app: MaturityScanApp, pilot: Pilot[object]) -> None:
        self.app, self.pilot = app, pilot
        self.seen: list[str] = []
        self.problems: list[str] = []
        # F2 and the palette name the language they switch to in its own words (here
        # Dutch): that name is not the pseudo-language's to translate
        following = "nl"
        name = tr("lang.name", following)
        self.allowed = (
            *USER_DATA,
            tr("ui.cmd.lang", following, language=name),
            name,
            # Textual's own words, which it does not let an app set: the palette's "no
            # matches" line, and the theme picker's themes (names, not words)
            "No matches found",
            *app.available_themes,
        )

    async def settle(self) -> None:
        await self.pilot.pause()
        self.app.autosaver.flush()
        await wait_for_workers(self.app)
        await self.pilot.pause()

    async def press(self, *keys: str) -> None:
        for key in keys:
            await self.pilot.press(key)
            await self.settle()

    async def check(self, where: str, screen: type | None = None) -> None:
        await self.settle()
        name = type(self.app.screen).__name__
        if screen is not None:
            assert isinstance(self.app.screen, screen), (where, name)
        self.seen.append(f"{where} ({name})")
        lines = screen_lines(self.app)
        # notices (toasts) are drawn on a layer of their own: read from the app
        lines += [f"{n.title} {n.message}" for n in self.app._notifications]
        for line in lines:
            if words := english_left([line], self.allowed):
                self.problems.append(f"{where}: untranslated {words}: {line.strip()!r}")
        for problem in overflow(self.app):
            self.problems.append(f"{where}: overflow: {problem}")

    def footer_key(self, key: str) -> str:
        return next(str(k.description) for k in self.app.screen.query(FooterKey) if k.key == key)

    def type_in(self, field: str, text: str) -> None:
        self.app.screen.query_one(field, Input).value = text
        self.allowed = (*self.allowed, text)  # typed: user data

    def select(self, scan_id: str) -> None:
        home = self.app.screen
        rows = [row.scan.id for row in home.rows]  # type: ignore[attr-defined]
        home.query_one("#scans", DataTable).move_cursor(row=rows.index(scan_id))

    def select_org(self, name: str) -> None:
        home = self.app.screen
        rows = [row.name for row in home.rows]  # type: ignore[attr-defined]
        home.query_one("#orgs", DataTable).move_cursor(row=rows.index(name))


# ------------------------------------------------------------------ the walk


@pytest.fixture
def pseudo_config(tmp_path: Path) -> Iterator[Config]:
    """The app's configuration in the pseudo-language, with only the copied question set."""
    with pseudo_locales(tmp_path / "locales") as xx:
        sets = tmp_path / "sets"
        pseudo_question_set(sets)
        db = tmp_path / "scans.json"
        config = Config(db_path=db, questions_dirs=[sets], lang=xx, environ={})
        assert config.catalog.get("sociale-inkoop").languages == ("nl", "en", xx)
        yield config


ANSWERS: dict[str, Any] = {
    "bestuur-principebesluit": 4,
    "bestuur-actieplan": 3,
    "bestuur-eigenaar": 3,
    "bestuur-middelen": 2,
    "bestuur-doelen": 2,
    "bestuur-voortgang": 3,
    "bestuur-publiek": 2,
    "hr-inkoop-collegas": 2,
    "hr-inkoop-kleine-inkoop": 3,
    "hr-inkoop-gedeeld-beeld": 1,
    "hr-inkoop-overleg": 2,
    "hr-inkoop-contractmanagers": UNKNOWN,
    "hr-inkoop-brainstorm": 1,
    "hr-inkoop-aanbestedingen": 3,
    "hr-inkoop-bestaande-contracten": NA,
    "keten-verkenning": 2,
    "keten-proeftuin": 1,
    "keten-rollen": 1,
}


def seed(db: Path) -> dict[str, str]:
    """Drafts, completed scans, two completed scans of one organisation, targets."""
    store = Store(db)
    earlier = {q: max(1, v - 1) if isinstance(v, int) else v for q, v in ANSWERS.items()}
    notes = {"bestuur-actieplan": NOTE}
    who = Respondent(RESPONDENT, ROLE)
    ids = {
        "first": seed_scan(store, ORG_A, "2025-05-12", earlier).id,
        "second": seed_scan(store, ORG_A, "2026-05-12", ANSWERS, notes=notes, respondent=who).id,
        "draft": seed_scan(
            store, ORG_A, "2026-11-03", {"bestuur-principebesluit": 4}, status="draft"
        ).id,
        "other": seed_scan(
            store, ORG_B, "2026-02-20", {"bestuur-principebesluit": 2}, status="draft"
        ).id,
    }
    store.set_target(Target(ORG_A, "sociale-inkoop", "bestuur", 4))
    store.set_target(Target(ORG_A, "sociale-inkoop", "keten", 3))
    return ids


async def test_every_screen_in_a_pseudo_language(pseudo_config: Config) -> None:
    """Every screen and dialog, each checked on arrival. One long walk, as a person goes
    through the app (over 50 lines on purpose): a test per screen would start the app and
    walk to that screen again each time, several times the run time for the same checks."""
    from textual.command import CommandPalette

    from maturity_scan.tui.screens.compare import CompareScreen
    from maturity_scan.tui.screens.dialogs import (
        ChooseScansDialog,
        ConfirmDialog,
        ExportDialog,
        HelpScreen,
        OverviewDialog,
    )
    from maturity_scan.tui.screens.history import HistoryScreen
    from maturity_scan.tui.screens.home import HomeScreen
    from maturity_scan.tui.screens.new_scan import EditScanDialog, NewScanDialog
    from maturity_scan.tui.screens.org_filter import FilterDialog
    from maturity_scan.tui.screens.organisation import OrganisationScreen
    from maturity_scan.tui.screens.questionnaire import QuestionnaireScreen
    from maturity_scan.tui.screens.results import ResultsScreen
    from maturity_scan.tui.screens.scans import ScansScreen
    from maturity_scan.tui.screens.targets import TargetsDialog

    ids = seed(pseudo_config.db_path)
    app = make_app(pseudo_config)
    async with app.run_test(size=SIZE) as pilot:
        walk = Walk(app, pilot)
        await walk.check("home", HomeScreen)
        await walk.press("n")
        await walk.check("new scan", NewScanDialog)
        walk.type_in("#new-date", "31-02-2026")
        await walk.press("enter")
        await walk.check("new scan, refused", NewScanDialog)
        await walk.press("escape", "f")
        await walk.check("filters", FilterDialog)
        await walk.press("escape", "s")
        await walk.check("every scan", ScansScreen)
        await walk.press("escape", "slash", *"Utrecht")
        await walk.check("home, searched", HomeScreen)
        await walk.press("escape")
        walk.select_org(ORG_A)
        await walk.press("enter")
        await walk.check("organisation", OrganisationScreen)
        # a draft: the questionnaire, its help, its note, the overview, finishing
        walk.select(ids["draft"])
        await walk.press("enter")
        await walk.check("question", QuestionnaireScreen)
        await walk.press("0")  # the question does not allow "not applicable": a notice
        await walk.check("question, refused", QuestionnaireScreen)
        await walk.press("f1")
        await walk.check("question, keys", HelpScreen)
        await walk.press("escape")
        await walk.press("h")
        await walk.check("question with help", QuestionnaireScreen)
        await walk.press("n")
        await walk.check("note field", QuestionnaireScreen)
        await walk.press("escape", "g")
        await walk.check("overview", OverviewDialog)
        await walk.press("escape", "f")
        await walk.check("finish", ConfirmDialog)
        await walk.press("escape", "escape")
        # a completed scan: results and what opens from there
        await walk.check("organisation again", OrganisationScreen)
        walk.select(ids["second"])
        await walk.press("enter")
        await walk.check("results", ResultsScreen)
        await walk.press("end")
        await walk.check("results, the end", ResultsScreen)
        await walk.press("t")
        await walk.check("targets", TargetsDialog)
        walk.type_in("#t-by-bestuur", "zz")
        await walk.press("ctrl+s")
        await walk.check("targets, refused", TargetsDialog)
        await walk.press("escape", "e")
        await walk.check("export", ExportDialog)
        await walk.press("escape", "r")
        await walk.check("reopen", ConfirmDialog)
        await walk.press("escape", "c")
        await walk.check("compare", CompareScreen)
        await walk.press("s")
        await walk.check("choose scans", ChooseScansDialog)
        await walk.press("escape", "escape", "h")
        await walk.check("history", HistoryScreen)
        await walk.press("escape", "escape")
        # the organisation: edit, delete, help, the command palette
        await walk.check("organisation once more", OrganisationScreen)
        await walk.press("a")
        await walk.check("edit", EditScanDialog)
        walk.type_in("#edit-date", "zz")
        await walk.press("enter")
        await walk.check("edit, refused", EditScanDialog)
        await walk.press("escape", "d")
        await walk.check("delete", ConfirmDialog)
        await walk.press("escape", "f1")
        await walk.check("help", HelpScreen)
        await walk.press("escape", "ctrl+p")
        await walk.check("command palette", CommandPalette)
        await walk.press(*QUERY)
        await pilot.pause(0.5)  # Textual says "No matches found" after a moment
        await walk.check("command palette, no match", CommandPalette)
        await walk.press("escape")
        app.action_change_theme()
        await walk.check("theme picker", CommandPalette)
        await walk.press("escape")
        # F2 names the language it switches to, in that language's own words
        assert walk.footer_key("f2") == tr("ui.key.lang", PSEUDO, language="Nederlands")
        # round the languages and back: every text set again in the pseudo-language
        walk.select(ids["second"])
        await walk.press("enter")
        await walk.press("f2")
        assert app.lang == "nl"
        await walk.press("f2", "f2")
        assert app.lang == PSEUDO
        await walk.check("results after F2 round", ResultsScreen)
        await walk.press("escape")
        await walk.check("organisation after F2 round", OrganisationScreen)
        await walk.press("escape")
        await walk.check("home after F2 round", HomeScreen)
    assert app.crash_message is None
    print("\n".join(walk.seen))
    assert walk.problems == [], "\n".join(walk.problems)


async def test_the_walk_sees_a_text_that_is_not_translated(pseudo_config: Config) -> None:
    """The walk's check fails where it should: the same home screen in English is full of
    plain words (the English catalogue and the set's English texts)."""
    seed(pseudo_config.db_path)
    pseudo_config.lang = "en"
    app = make_app(pseudo_config)
    async with app.run_test(size=SIZE) as pilot:
        walk = Walk(app, pilot)
        await walk.check("home in English")
        assert walk.footer_key("f2") == "[Éñĝĺîŝĥ]"  # en → xx, named in its own words
    untranslated = " ".join(walk.problems)
    assert "Organisation" in untranslated and "Social procurement" in untranslated
