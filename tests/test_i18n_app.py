"""A language added as files is a language of the app too: F2 goes round every catalogue,
and the settings file keeps the one chosen."""

from __future__ import annotations

import json
from pathlib import Path

from maturity_scan.config import Config
from maturity_scan.i18n import languages
from maturity_scan.settings import Settings, load, save
from maturity_scan.tui.app import make_app

from .pseudo_lang import pseudo_locales
from .test_app import SIZE, settle


async def test_f2_goes_round_every_language_and_the_choice_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "settings.json"
    environ = {"MATURITY_SCAN_CONFIG": str(path)}
    with pseudo_locales(tmp_path / "locales") as xx:
        assert languages() == ("nl", "en", xx)
        app = make_app(Config.create(db=tmp_path / "db.json", environ=environ))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            seen = [app.lang]
            for _ in range(3):
                await pilot.press("f2")
                await settle(app, pilot)
                seen.append(app.lang)
            assert seen == ["nl", "en", xx, "nl"]
            await pilot.press("f2", "f2")
            await settle(app, pilot)
        assert json.loads(path.read_text())["lang"] == xx
        again = Config.create(db=tmp_path / "db.json", environ=environ)
        assert again.lang == xx and load(path).problem is None
    # without its files the language is unknown: the file is not used, with a warning
    assert load(path).problem is not None


def test_the_settings_file_accepts_any_language_found(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save(path, Settings(lang="xx"))
    assert load(path).problem is not None
    with pseudo_locales(tmp_path / "locales"):
        assert load(path).settings.lang == "xx"


async def test_f2_names_the_language_it_switches_to(tmp_path: Path) -> None:
    """With three languages "the other one" is not enough: F2's label and the palette's
    command name the next language, in that language's own words."""
    from textual.widgets._footer import FooterKey

    from maturity_scan.i18n import tr

    def f2(app: object) -> str:
        keys = app.screen.query(FooterKey)  # type: ignore[attr-defined]
        return next(str(k.description) for k in keys if k.key == "f2")

    with pseudo_locales(tmp_path / "locales") as xx:
        app = make_app(Config.create(db=tmp_path / "db.json", lang="nl", environ={}))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            labels = [f2(app)]
            for _ in range(3):
                await pilot.press("f2")
                await settle(app, pilot)
                labels.append(f2(app))
            switch = [c.title for c in app.get_system_commands(app.screen)][-4]
        assert labels == ["English", "[Éñĝĺîŝĥ]", "[Nederlands]", "English"]
        assert switch == tr("ui.cmd.lang", "en", language="English") == "Switch to English"
        assert tr("lang.name", xx) == "[Éñĝĺîŝĥ]"
