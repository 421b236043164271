"""Settings: the language chosen with F2 and the theme are remembered in a small file; the
order is option > environment > settings > default; a damaged file never stops the program.
Also the app's last resort: an internal error exits 1 with one line naming the log file, and
Ctrl+C says how to quit in the user's language."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from maturity_scan import cli
from maturity_scan.config import Config
from maturity_scan.settings import Settings, load, resolve, save
from maturity_scan.tui.app import MaturityScanApp, make_app

from .conftest import make_config
from .test_app import SIZE, settle


def test_option_beats_environment_beats_settings_beats_default(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save(path, Settings(lang="en"))
    assert resolve(None, {}, path)[0] == "en"
    assert resolve(None, {"MATURITY_SCAN_LANG": "nl"}, path)[0] == "nl"
    assert resolve("nl", {}, path)[0] == "nl"
    assert resolve(None, {"MATURITY_SCAN_LANG": "xx"}, path)[0] == "en", "unknown: not chosen"
    assert resolve(None, {}, tmp_path / "none.json")[0] == "nl"
    config = Config.create(db=tmp_path / "db.json", environ={"MATURITY_SCAN_CONFIG": str(path)})
    assert config.lang == "en" and config.settings_path == path


@pytest.mark.parametrize(
    "content",
    [b"{not json", b'{"lang": 3}', b'{"lang": "xx"}', b"[]", b"\xff\xfe", b" " * 70_000],
)
def test_a_damaged_settings_file_gives_defaults_and_one_warning(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    loaded = load(path)
    assert loaded.settings == Settings() and loaded.problem is not None
    assert str(path) in loaded.problem.render("en")
    monkeypatch.setenv("MATURITY_SCAN_CONFIG", str(path))
    with pytest.raises(SystemExit) as info:
        cli.main(["scan", "list"])
    _out, err = capsys.readouterr()
    assert info.value.code == 0
    assert err.count("waarschuwing") == 1 and str(path) in err, err
    assert err.startswith("maturity-scan: waarschuwing: "), err


async def test_f2_and_the_theme_are_remembered(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "settings.json"
    environ = {"MATURITY_SCAN_CONFIG": str(path)}
    config = Config.create(db=tmp_path / "db.json", environ=environ)
    assert config.lang == "nl"
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f2")
        app.theme = "textual-light"
        await settle(app, pilot)
    assert json.loads(path.read_text()) == {"lang": "en", "theme": "textual-light"}
    again = make_app(Config.create(db=tmp_path / "db.json", environ=environ))
    assert again.lang == "en" and again.theme == "textual-light"
    told = Config.create(db=tmp_path / "db.json", lang="nl", environ=environ)
    assert told.lang == "nl", "the option wins"


async def test_a_damaged_settings_file_is_one_warning_in_the_app(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{{{")
    environ = {"MATURITY_SCAN_CONFIG": str(path)}
    app = make_app(Config.create(db=tmp_path / "db.json", environ=environ))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        warnings = [n for n in app._notifications if "waarschuwing" in str(n.message)]
        assert len(warnings) == 1 and app.lang == "nl"


async def test_ctrl_c_says_how_to_quit_in_the_users_language(db_path: Path) -> None:
    app = make_app(make_config(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert any("Druk op q" in m for m in said), said
        assert not any("ctrl+q to quit" in m for m in said)


class _Broken(MaturityScanApp):
    CSS_PATH = str(Path(cli.__file__).parent.parent / "tui" / "app.tcss")

    def on_ready(self) -> None:
        self.set_timer(0.1, self.boom)

    def boom(self) -> None:
        raise RuntimeError("boom in the app")

    def run(self, *args: Any, **kwargs: Any) -> Any:
        return super().run(headless=True, size=SIZE)


def test_an_internal_error_exits_1_and_says_where_the_details_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import maturity_scan.tui.app

    logs = tmp_path / "logs"
    monkeypatch.setenv("MATURITY_SCAN_LOG_DIR", str(logs))
    monkeypatch.setattr(
        maturity_scan.tui.app, "make_app", lambda config, respond=None: _Broken(config)
    )
    with pytest.raises(SystemExit) as info:
        cli.main(["--db", str(tmp_path / "db.json")])
    out, err = capsys.readouterr()
    assert info.value.code == 1
    (log,) = logs.iterdir()
    assert "boom in the app" in log.read_text()
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and str(log) in lines[0] and "interne fout" in lines[0], err
    assert "Traceback" not in err + out


def test_the_error_of_a_failed_command_speaks_the_remembered_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    path = tmp_path / "settings.json"
    save(path, Settings(lang="en"))
    monkeypatch.setenv("MATURITY_SCAN_CONFIG", str(path))
    with pytest.raises(SystemExit) as info:
        cli.main(["scan", "show", "nosuchscan"])
    _out, err = capsys.readouterr()
    assert info.value.code == 2
    assert err.startswith("maturity-scan: error: ") and err[-1] == "\n", err


async def test_ctrl_c_never_says_everything_is_saved_while_a_write_waits(db_path: Path) -> None:
    from filelock import FileLock

    from .test_app import start_scan

    config = make_config(db_path)
    config.store.lock_timeout = 0.2
    app = make_app(config)
    app.autosaver._retry_delay = 0.1
    async with app.run_test(size=SIZE) as pilot:
        await start_scan(app, pilot, "Gemeente Wacht")
        await settle(app, pilot)
        lock = FileLock(str(db_path) + ".lock")
        lock.acquire()  # another program holds the database
        try:
            await pilot.press("3")
            await pilot.pause(0.5)
            await pilot.press("ctrl+c")
            await pilot.pause()
            # the Ctrl+C notice (a "not saved yet" notice may come before or after it)
            said = [str(n.message) for n in app._notifications if "Druk op q" in str(n.message)]
            assert len(said) == 1 and "Nog niet alles is opgeslagen" in said[0], said
            assert "Alles is al opgeslagen" not in said[0]
        finally:
            lock.release()
        assert app.autosaver.flush(timeout=10)
        await settle(app, pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        last = [str(n.message) for n in app._notifications if "Druk op q" in str(n.message)]
        assert "Alles is al opgeslagen" in last[-1], last


async def test_a_language_given_for_one_run_is_not_remembered(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    environ = {"MATURITY_SCAN_CONFIG": str(path), "MATURITY_SCAN_LANG": "en"}
    app = make_app(Config.create(db=tmp_path / "db.json", environ=environ))
    assert app.lang == "en"
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.theme = "textual-light"  # a change that is remembered
        await settle(app, pilot)
    assert json.loads(path.read_text()) == {"theme": "textual-light"}
