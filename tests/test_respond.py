"""``maturity-scan respond FILE`` (#14): the questionnaire on an invitation file alone. Every
answer and note is in the file once it is shown as saved, also when the process is killed;
finishing marks the file and says where to send it; a respondent answering for one role is
asked only that role's questions, in the file and in the database alike."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from textual.widgets import Label, ProgressBar

from maturity_scan.core.models import Respondent
from maturity_scan.exchange.invitation import read_invitation
from maturity_scan.i18n import tr
from maturity_scan.storage.store import Store
from maturity_scan.tui.app import make_app
from maturity_scan.tui.screens.definitions import DefinitionsDialog
from maturity_scan.tui.screens.dialogs import ConfirmDialog
from maturity_scan.tui.screens.questionnaire import QuestionnaireScreen
from maturity_scan.tui.screens.questionnaire_file import DoneDialog, FileQuestionnaireScreen

from .conftest import make_config
from .test_app import SIZE, settle
from .test_invitation import Q_IDS, SET, fill, invite, open_round, run


@pytest.fixture
def invitation(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> Path:
    round_id = open_round(db_path)
    return invite(
        capsys,
        db_path,
        round_id,
        tmp_path / "anna.json",
        "--respondent",
        "Anna",
        "--role",
        "hr",
        "--return-to",
        "Piet Jansen",
    )


def no_database(tmp_path: Path) -> Path:
    """A database path that must never be made: respond works on the file alone."""
    return tmp_path / "never" / "scans.json"


async def test_answers_and_a_note_are_saved_into_the_file(invitation: Path, tmp_path: Path) -> None:
    db = no_database(tmp_path)
    app = make_app(make_config(db), respond=invitation)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, DefinitionsDialog)  # scope and definitions first
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, FileQuestionnaireScreen)
        await pilot.press("3")  # the first question; on to the second
        await pilot.press("n", *"navragen", "escape", "w")  # a note, then "don't know"
        await settle(app, pilot)
        assert str(app.screen.query_one("#q-saved", Label).render()) == "✓ opgeslagen"
        stored = read_invitation(invitation)
        answers = {q.id: (q.answer, q.note) for q in stored.questions}
        assert answers[Q_IDS[0]] == (3, "")
        assert answers[Q_IDS[1]] == ("unknown", "navragen")
        assert stored.saved_at is not None and stored.completed_at is None
        await pilot.press("escape")  # no home here: Esc quits, as q does
        await pilot.pause()
    assert app.return_code == 0
    assert not db.parent.exists()


async def test_finishing_marks_the_file_and_says_where_to_send_it(
    invitation: Path, tmp_path: Path
) -> None:
    fill(invitation, {Q_IDS[0]: 2})
    app = make_app(make_config(no_database(tmp_path), lang="en"), respond=invitation)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, DoneDialog)
        body = str(app.screen.query_one("#done-body").render())
        assert "Piet Jansen" in body and "anna.json" in body
        assert read_invitation(invitation).completed_at is not None
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_a_finished_file_opens_again_and_says_so(invitation: Path, tmp_path: Path) -> None:
    fill(invitation, {Q_IDS[0]: 2})
    data = json.loads(invitation.read_text())
    data["completed_at"] = "2026-11-30T10:00:00+00:00"
    invitation.write_text(json.dumps(data))
    app = make_app(make_config(no_database(tmp_path), lang="en"), respond=invitation)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        notice = app.screen.query_one("#q-notice", Label)
        assert "finished on 2026-11-30" in str(notice.render()) and notice.has_class("shown")
        await pilot.press("4")
        await settle(app, pilot)
    stored = read_invitation(invitation)
    assert stored.questions[1].answer == 4 and stored.completed_at is not None


def test_a_bad_file_is_one_line_and_nothing_starts(
    capsys: pytest.CaptureFixture[str], db_path: Path, invitation: Path
) -> None:
    data = json.loads(invitation.read_text())
    data["questions"][2]["answer"] = 7
    invitation.write_text(json.dumps(data))
    code, out, err = run(capsys, db_path, "--lang", "en", "respond", str(invitation))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(invitation) in err and Q_IDS[2] in err


def test_a_role_only_file_asks_only_the_role_s_questions(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    round_id = open_round(db_path)
    path = invite(
        capsys, db_path, round_id, tmp_path / "b.json", "--respondent", "B", "--role",
        "inkoop", "--role-only",
    )  # fmt: skip
    asked = [q.id for _, q in SET.questions() if q.suits("inkoop")]
    assert [q.id for q in read_invitation(path).questions] == asked


async def test_a_role_only_draft_in_the_database_shows_only_its_role_s_questions(
    db_path: Path,
) -> None:
    store = Store(db_path)
    round_id = open_round(db_path)
    draft = store.rounds.join(round_id, Respondent(name="Ans"), "inkoop", role_only=True)
    asked = [q for _, q in SET.questions() if q.suits("inkoop")]
    assert 0 < len(asked) < len(Q_IDS)
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.show_questionnaire(draft, SET, replace=False)
        await settle(app, pilot)
        if isinstance(app.screen, DefinitionsDialog):
            await pilot.press("enter")
            await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QuestionnaireScreen)
        assert [q.id for _, q in screen.items] == [q.id for q in asked]
        assert screen.query_one("#q-progress", ProgressBar).total == len(asked)
        for _ in asked:
            await pilot.press("2")
        await settle(app, pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # nothing about the other questions
        body = str(app.screen.query_one(".dialog-body Static").render())
        assert body == tr("ui.q.finish_all", "nl")
    stored = Store(db_path).get(draft.id)
    assert {q for q, r in stored.answers.items() if r.level is not None} == {q.id for q in asked}


KILLED_RUN = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from maturity_scan.config import Config
    from maturity_scan.tui.app import make_app

    async def main() -> None:
        path = Path(sys.argv[1])
        config = Config.create(db=Path(sys.argv[2]), lang="nl", environ={})
        app = make_app(config, respond=path)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # the definitions
            for n in range(100):
                screen = app.screen
                question = screen.question.id
                await pilot.press(str(n % 5 + 1))
                while screen.pending or app.autosaver.pending:
                    await asyncio.sleep(0.01)
                await pilot.pause()
                label = str(screen.query_one("#q-saved").render())
                if label == "✓ opgeslagen":  # shown as saved: tell the test
                    print(question, n % 5 + 1, flush=True)

    asyncio.run(main())
    """
)


def test_killed_mid_way_loses_no_answer_shown_as_saved(invitation: Path, tmp_path: Path) -> None:
    script = tmp_path / "killed.py"
    script.write_text(KILLED_RUN)
    child = subprocess.Popen(
        [sys.executable, str(script), str(invitation), str(no_database(tmp_path))],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "MATURITY_SCAN_CACHE": ""},
    )
    assert child.stdout is not None
    saved: dict[str, int] = {}
    try:
        while len(saved) < 4:
            line = child.stdout.readline()
            assert line, "the run ended before four answers were saved"
            question, level = line.split()
            saved[question] = int(level)
        # the next answer is on its way: kill it wherever it is
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    stored = {q.id: q.answer for q in read_invitation(invitation).questions}  # still valid
    assert {q: stored[q] for q in saved} == saved


@pytest.mark.parametrize(("given", "expected"), [((), "en"), (("--lang", "nl"), "nl")])
def test_the_app_speaks_the_file_s_language_unless_told_otherwise(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    given: tuple[str, ...],
    expected: str,
) -> None:
    round_id = open_round(db_path)
    path = invite(
        capsys, db_path, round_id, tmp_path / "e.json", "--respondent", "E", "--role", "hr",
        "--lang", "en",
    )  # fmt: skip
    started: list[tuple[str, Path | None]] = []
    monkeypatch.setattr(
        "maturity_scan.cli._run_app",
        lambda ctx, config, respond=None: started.append((config.lang, respond)),
    )
    code, _, err = run(capsys, db_path, *given, "respond", str(path))
    assert (code, err) == (0, "")
    assert started == [(expected, path)]


async def test_a_save_that_fails_is_tried_again_until_it_is_in_the_file(
    invitation: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from maturity_scan.atomic import write_atomic
    from maturity_scan.errors import StoreError

    failures = [StoreError("err.invite_write", file=str(invitation), reason="No space left")]

    def full_once(path: Path, payload: bytes, error_key: str = "") -> None:
        if failures:
            raise failures.pop()
        write_atomic(path, payload, error_key=error_key)

    monkeypatch.setattr("maturity_scan.exchange.invitation.write_atomic", full_once)
    app = make_app(make_config(no_database(tmp_path)), respond=invitation)
    app.autosaver._retry_delay = 0.05
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "4")
        await settle(app, pilot)
        assert not failures
        assert str(app.screen.query_one("#q-saved", Label).render()) == "✓ opgeslagen"
    assert read_invitation(invitation).questions[0].answer == 4
