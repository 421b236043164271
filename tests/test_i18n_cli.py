"""The command line in every language: ``--help`` of every command, click's own messages,
and a pseudo-language registered as files only, walked without a trace of English."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from maturity_scan.cli import cli, main
from tests.pseudo_lang import pseudo_locales
from tests.test_cli import COMMANDS, SAMPLE_ANSWERS, SETS, write_json


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    monkeypatch.setenv("MATURITY_SCAN_QUESTIONS", str(SETS))
    monkeypatch.setenv("MATURITY_SCAN_CONFIG", str(tmp_path / "settings.json"))
    monkeypatch.delenv("MATURITY_SCAN_LANG", raising=False)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "(top)")
def test_help_in_both_languages(
    db: Path, capsys: pytest.CaptureFixture[str], path: tuple[str, ...]
) -> None:
    code, nl, _ = run(capsys, "--lang", "nl", *path, "--help")
    assert code == 0 and nl.startswith("Gebruik: maturity-scan")
    assert "Deze hulp tonen en stoppen." in nl and "Show this message" not in nl
    code, en, _ = run(capsys, "--lang", "en", *path, "--help")
    assert code == 0 and en.startswith("Usage: maturity-scan")
    assert "Show this message and exit." in en and "Deze hulp" not in en
    assert nl != en.replace("Usage:", "Gebruik:")  # the command's own texts differ too


def test_the_environment_chooses_the_help_language(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATURITY_SCAN_LANG", "en")
    _, out, _ = run(capsys, "scan", "--help")
    assert "Store, list, show, change and delete scans." in out


def test_the_command_list_keeps_whole_summaries(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--lang", "en", "--help")
    flat = " ".join(out.split())
    assert (
        "An organisation's completed scans over time, one point per team round (its consensus, "
        "or its provisional result), with the change against the previous one." in flat
    )
    assert "..." not in out.split("\n", 1)[1]  # "[ARGS]..." in the usage line is click's


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "nl",
            "maturity-scan: fout: Argument ontbreekt 'ID'. (zie 'maturity-scan scan show --help')",
        ),
        (
            "en",
            "maturity-scan: error: Missing argument 'ID'. (see 'maturity-scan scan show --help')",
        ),
    ],
)
def test_click_usage_errors_in_the_users_language(
    db: Path, capsys: pytest.CaptureFixture[str], lang: str, expected: str
) -> None:
    code, out, err = run(capsys, "--lang", lang, "scan", "show")
    assert (code, out) == (2, "") and err.startswith(expected)


def test_a_commands_own_bad_lang_is_refused_in_the_runs_language(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``report --lang`` is the report's language; the run's is the global ``--lang``, even
    when the settings file says English and the report's value is no language at all."""
    (tmp_path / "settings.json").write_text('{"lang": "en"}', encoding="utf-8")
    code, out, err = run(capsys, "--lang", "nl", "report", "--org", "X", "--lang", "fr")
    assert (code, out) == (2, "")
    assert err.startswith("maturity-scan: fout: Ongeldige waarde voor '--lang': 'fr'"), err


def test_clicks_kind_of_path_is_in_the_runs_language(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """click names a path's kind ("File") when the type is made, at import: in the run's
    language it is "Bestand"."""
    (tmp_path / "map").mkdir()
    for lang, expected in (
        ("nl", "Bestand 'map' is een map."),
        ("en", "File 'map' is a directory."),
    ):
        code, _, err = run(
            capsys, "--lang", lang, "report", "--org", "X", "-o", str(tmp_path / "map")
        )
        assert code == 2 and expected.replace("'map'", repr(str(tmp_path / "map"))) in err, err


def test_gettext_is_put_back_after_a_run(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import gettext
    import os

    before = (gettext.textdomain(), os.environ.get("LANGUAGE"))
    run(capsys, "--lang", "nl", "scan", "show")
    assert (gettext.textdomain(), os.environ.get("LANGUAGE")) == before
    assert gettext.gettext("Usage:") == "Usage:"


# ------------------------------------------------------------------ a third language as files

#: Words that are not text: command and option names, metavars, what the test typed.
_NOT_TEXT = re.compile(
    r"--?[a-z][a-z-]*|maturity-scan|\b[A-Z][A-Z_]+\b|\[OPTIONS\]|\[ARGS\]|\$[A-Z_]+"
    r"|\b(?:scan|scans|questions|db|demo|export|import|history|compare|target|template|list"
    r"|show|new|edit|delete|check|backups|restore|reset|set|validate|nl|en|xx"
    r"|org|due|rename|merge|tag|untag|round|open|consensus|named|by-role|anonymous|sociale|inkoop"
    r"|invite|respond|report|html|pdf)\b"
    r"|\b[0-9a-f]{4,}\b|Org [A-Z]|mini|sociale-inkoop|'[^']*'"
)


def _question_set_words() -> set[str]:
    """The words of the test's question sets: their texts are the question sets' own (a
    pseudo-language copy of a set is added to this walk with the sets' language maps)."""
    return {
        word
        for path in SETS.glob("*.toml")
        for word in re.findall(r"[A-Za-z]{2,}", path.read_text(encoding="utf-8"))
    }


def _english_left(text: str) -> list[str]:
    """ASCII words of two letters or more that the pseudo-language did not accent."""
    words = re.findall(r"[A-Za-z]{2,}", _NOT_TEXT.sub(" ", text))
    return [w for w in words if w not in _question_set_words()]


def test_a_pseudo_language_walks_the_command_line(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pseudo_locales(tmp_path / "locales") as xx:
        # it is offered as a language at once: --lang, the environment, the settings file
        code, out, _ = run(capsys, "--lang", xx, "--help")
        assert code == 0 and "[xx|" not in out and f"|{xx}]" in out
        for path in COMMANDS:
            code, out, err = run(capsys, "--lang", xx, *path, "--help")
            assert code == 0 and err == "", path
            assert _english_left(out) == [], (path, out)
        code, out, err = run(capsys, "--lang", xx, "scan", "list")
        assert code == 0 and _english_left(out) == [], out
        answers = write_json(tmp_path / "answers.json", SAMPLE_ANSWERS)
        code, scan_id, err = run(
            capsys, "--lang", xx, "scan", "new", "--org", "Org X", "--answers", str(answers)
        )
        assert code == 0, err
        code, out, err = run(capsys, "--lang", xx, "scan", "list")
        assert code == 0 and _english_left(out) == [], out
        code, out, err = run(capsys, "--lang", xx, "scan", "show")
        assert code == 2 and _english_left(err) == [], err
        code, out, err = run(capsys, "--lang", xx, "scan", "show", "ffffffff")
        assert code == 2 and _english_left(err) == [], err
        code, out, err = run(capsys, "--lang", xx, "scan", "bogus")
        assert code == 2 and _english_left(err) == [], err
        monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
        code, out, err = run(capsys, "--lang", xx, "scan", "delete", scan_id.strip())
        assert code == 1 and _english_left(err) == [], err
        monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))  # the catalogue's yes word
        code, out, err = run(capsys, "--lang", xx, "scan", "delete", scan_id.strip())
        assert code == 0 and _english_left(out + err) == [], out + err
    # gone with its folder: a plain choice error again
    code, _, err = run(capsys, "--lang", "xx", "scan", "list")
    assert code == 2 and "'xx'" in err


def test_a_language_folder_named_in_the_environment_is_offered(db: Path, tmp_path: Path) -> None:
    """``$MATURITY_SCAN_LOCALES`` registers a folder of languages for a whole process (an app
    test run in a subprocess, a translator trying a new language without installing it)."""
    import subprocess
    import sys

    from tests.pseudo_lang import build
    from tests.test_cli import subprocess_env

    folder = build(tmp_path / "locales")
    result = subprocess.run(
        [sys.executable, "-m", "maturity_scan", "--lang", "xx", "scan", "--help"],
        capture_output=True,
        text=True,
        env=subprocess_env(db, MATURITY_SCAN_LOCALES=str(folder)),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("[Ûŝàĝé:] maturity-scan scan")
    assert _english_left(result.stdout) == []


def test_cli_is_a_translated_group() -> None:
    from maturity_scan.cli.texts import TranslatedGroup

    assert isinstance(cli, TranslatedGroup)


def test_a_pseudo_language_question_set_on_the_command_line(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy of the shipped set with the pseudo-language added: ``questions show`` and
    ``scan show`` in that language show its texts, no English. The copy is given another
    version, as the shipped set (always loaded) has the same id."""
    from maturity_scan.question_sets.loading import load_question_set
    from tests.pseudo_lang import pseudo_question_set

    version = "1.0-xx"
    sets = tmp_path / "sets"
    copy = load_question_set(pseudo_question_set(sets, version=version))
    # principle and question ids are names, not text: shown as they are in every language
    ids = {p.id for p in copy.principles} | {q.id for _, q in copy.questions()}
    id_words = {w for ident in ids for w in re.findall(r"[A-Za-z]{2,}", ident)}

    def english_left(text: str) -> list[str]:
        return [w for w in _english_left(text) if w not in id_words]

    monkeypatch.setenv("MATURITY_SCAN_QUESTIONS", str(sets))
    with pseudo_locales(tmp_path / "locales") as xx:
        code, out, err = run(
            capsys, "--lang", xx, "questions", "show", "sociale-inkoop", "--version", version
        )
        assert code == 0, err
        assert "[Ɓöàŕđ çöɱɱîţɱéñţ]" in out and english_left(out) == [], out
        answers = write_json(
            tmp_path / "answers.json",
            {
                "question_set": "sociale-inkoop",
                "question_set_version": version,
                "answers": {"bestuur-principebesluit": 4, "bestuur-actieplan": "unknown"},
                "notes": {"bestuur-principebesluit": "Org X"},
            },
        )
        code, scan_id, err = run(
            capsys, "--lang", xx, "scan", "new", "--org", "Org X", "--answers", str(answers)
        )
        assert code == 0, err
        code, out, err = run(capsys, "--lang", xx, "scan", "show", scan_id.strip())
        assert code == 0, err
        assert "[Ɓöàŕđ çöɱɱîţɱéñţ]" in out and english_left(out) == [], out


@pytest.mark.parametrize("group", ["scan", "db", "target", "questions"])
@pytest.mark.parametrize("lang, usage", [("nl", "Gebruik:"), ("en", "Usage:")])
def test_a_group_without_its_subcommand_shows_its_help_not_an_error(
    db: Path, capsys: pytest.CaptureFixture[str], group: str, lang: str, usage: str
) -> None:
    """Its help as it is, on stderr with exit 2 (as click has it), never prefixed as an error
    with the hint glued to its last line."""
    code, out, err = run(capsys, "--lang", lang, group)
    assert code == 2 and out == ""
    assert err.startswith(f"{usage} maturity-scan {group} ")
    assert "maturity-scan: " not in err and "--help')" not in err
