"""The command line: a few end-to-end runs of the real entry point in a subprocess, the rest
in-process through ``maturity_scan.cli.main``. Every database is in tmp_path."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click
import msgspec
import pytest

from maturity_scan import __version__
from maturity_scan.cli import cli, main
from maturity_scan.core.models import Scan
from maturity_scan.exchange.export_schema import export_json_schema
from maturity_scan.storage.store import Store

from .conftest import seed_scan

SETS = Path(__file__).parent / "fixtures" / "sets"
MINI_IDS = ["a1", "a2", "a3", "b1", "b2"]
SCAN_ID = re.compile(r"^[0-9a-f]{32}$")

# alpha: a1=3, a2 "na", a3=4 -> (3 + 4) / 2 = 3.5 -> level 3 "Drie" / "Three"
# beta: b1=2, b2 "unknown" -> 2.0; answered 1 of 2 applicable -> level 2 "Twee" / "Two"
# overall: (3.5 + 2) / 2 = 2.75 -> level 2
SAMPLE_ANSWERS: dict[str, Any] = {
    "question_set": "mini",
    "answers": {"a1": 3, "a2": "na", "a3": 4, "b1": 2, "b2": "unknown"},
    "notes": {"a1": "besproken met het MT"},
}


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The database for this test, and the mini set next to the shipped one."""
    path = tmp_path / "data" / "scans.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(path))
    monkeypatch.setenv("MATURITY_SCAN_QUESTIONS", str(SETS))
    monkeypatch.delenv("MATURITY_SCAN_LANG", raising=False)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``maturity-scan ARGS`` in-process: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


def write_json(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def new_scan(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, *extra: str, answers: Any = None
) -> str:
    path = write_json(tmp_path / "answers.json", SAMPLE_ANSWERS if answers is None else answers)
    code, out, err = run(capsys, "scan", "new", "--answers", str(path), *extra)
    assert (code, err) == (0, ""), err
    scan_id = out.strip()
    assert SCAN_ID.match(scan_id)
    return scan_id


def subprocess_env(db: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("MATURITY_SCAN_LANG", None)
    env.update(MATURITY_SCAN_DB=str(db), MATURITY_SCAN_QUESTIONS=str(SETS), **extra)
    return env


def run_module(
    db: Path, *args: str, stdin: int | None = subprocess.DEVNULL
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "maturity_scan", *args],
        capture_output=True,
        text=True,
        env=subprocess_env(db),
        stdin=stdin,
        timeout=60,
    )


# ------------------------------------------------------------------ end to end


def test_module_version(db: Path) -> None:
    result = run_module(db, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"maturity-scan, version {__version__}"


def test_console_script(db: Path) -> None:
    script = Path(sys.executable).parent / "maturity-scan"
    found = str(script) if script.exists() else shutil.which("maturity-scan")
    if found is None:
        pytest.skip("the console script is not installed next to this Python")
    result = subprocess.run(
        [found, "--version"], capture_output=True, text=True, env=subprocess_env(db), timeout=60
    )
    assert (result.returncode, result.stdout.strip()) == (
        0,
        f"maturity-scan, version {__version__}",
    )


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [prefix]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            paths += _command_paths(command, (*prefix, name))
        else:
            paths.append((*prefix, name))
    return paths


COMMANDS = [
    (),
    ("compare",),
    ("db",),
    ("db", "backups"),
    ("db", "check"),
    ("db", "reset"),
    ("db", "restore"),
    ("demo",),
    ("export",),
    ("history",),
    ("import",),
    ("org",),
    ("org", "due"),
    ("org", "list"),
    ("org", "merge"),
    ("org", "rename"),
    ("org", "set"),
    ("org", "show"),
    ("org", "tag"),
    ("org", "untag"),
    ("questions",),
    ("questions", "list"),
    ("questions", "show"),
    ("questions", "validate"),
    ("report",),
    ("respond",),
    ("round",),
    ("round", "consensus"),
    ("round", "delete"),
    ("round", "import"),
    ("round", "invite"),
    ("round", "list"),
    ("round", "open"),
    ("round", "show"),
    ("scan",),
    ("scan", "delete"),
    ("scan", "edit"),
    ("scan", "list"),
    ("scan", "new"),
    ("scan", "show"),
    ("target",),
    ("target", "list"),
    ("target", "set"),
    ("template",),
]


def test_the_documented_commands_exist() -> None:
    assert _command_paths(cli) == COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "(top)")
def test_help_on_every_command(db: Path, path: tuple[str, ...]) -> None:
    result = run_module(db, *path, "--help")
    assert result.returncode == 0, result.stderr
    # Dutch by default, click's own "Usage:" too (#11); English: tests/test_i18n_cli.py
    assert result.stdout.startswith(f"Gebruik: {' '.join(('maturity-scan', *path))} ")
    assert result.stderr == ""
    assert not db.exists()


def test_end_to_end_new_show_delete(db: Path, tmp_path: Path) -> None:
    answers = write_json(tmp_path / "answers.json", SAMPLE_ANSWERS)
    created = run_module(db, "scan", "new", "--org", "Gemeente Utrecht", "--answers", str(answers))
    assert created.returncode == 0, created.stderr
    scan_id = created.stdout.strip()
    assert SCAN_ID.match(scan_id)

    shown = run_module(db, "scan", "show", scan_id[:6])
    assert shown.returncode == 0
    assert "Gemeente Utrecht" in shown.stdout
    assert "Score per principe" not in shown.stdout  # stdout is a pipe: no chart

    # no --yes and nothing on stdin: nothing deleted, exit code not 0
    before = db.read_bytes()
    refused = run_module(db, "scan", "delete", scan_id)
    assert refused.returncode != 0
    assert db.read_bytes() == before
    assert "Niets verwijderd" in refused.stderr

    deleted = run_module(db, "scan", "delete", scan_id, "--yes")
    assert deleted.returncode == 0
    assert Store(db).scans() == []


def test_end_to_end_bad_input_exit_2(db: Path, tmp_path: Path) -> None:
    bad = write_json(tmp_path / "bad.json", {"question_set": "mini", "answers": {"a1": 7}})
    result = run_module(db, "scan", "new", "--org", "X", "--answers", str(bad))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "'a1'" in result.stderr
    assert not db.exists()


def test_end_to_end_usage_error(db: Path) -> None:
    result = run_module(db, "scan", "frobnicate")
    assert result.returncode == 2
    assert "frobnicate" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("export",),
        ("scan", "list"),
        ("scan", "list", "--json"),
        ("scan", "show", "--no-chart", "SCAN"),
    ],
    ids=lambda a: " ".join(a),
)
def test_scripted_commands_do_not_import_textual(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    scan_id = new_scan(capsys, tmp_path, "--org", "Org")
    argv = [scan_id if a == "SCAN" else a for a in args]
    code = (
        "import sys\n"
        "from maturity_scan.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit as e:\n"
        "    code = e.code\n"
        "print('TEXTUAL', 'textual' in sys.modules, code, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=subprocess_env(db),
        timeout=60,
    )
    assert result.stderr.strip().splitlines()[-1] == "TEXTUAL False 0", result.stderr


def test_listing_an_empty_database_loads_no_question_sets(db: Path) -> None:
    """Start-up time: ``scan list`` on an empty database needs no question set, no scoring
    and no fractions; once there are scans, they are loaded. A read never loads TinyDB or
    the json module: only writes use them."""
    code = (
        "import sys\n"
        "from maturity_scan.cli import main\n"
        "try:\n"
        "    main(['scan', 'list'])\n"
        "except SystemExit as e:\n"
        "    code = e.code\n"
        "names = ['maturity_scan.question_sets.loading', 'maturity_scan.core.scoring',"
        " 'fractions', 'tinydb', 'json']\n"
        "print('LOADED', [n for n in names if n in sys.modules], code, file=sys.stderr)\n"
    )

    def loaded() -> str:
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=subprocess_env(db),
            timeout=60,
        )
        return result.stderr.strip().splitlines()[-1]

    assert loaded() == "LOADED [] 0"
    Store(db).add(
        msgspec.convert(
            {
                "id": "f" * 32,
                "organisation": "Org",
                "respondent": {},
                "question_set": {"id": "mini", "version": "1"},
                "status": "completed",
                "started_at": "2024-01-01T12:00:00+00:00",
                "completed_at": "2024-01-01T12:00:00+00:00",
                "answers": {"a1": {"level": 3}},
            },
            Scan,
        )
    )
    assert (
        loaded() == "LOADED ['maturity_scan.question_sets.loading', 'maturity_scan.core.scoring'] 0"
    )


# ------------------------------------------------------------------ questions


def test_questions_list(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "questions", "list")
    assert (code, err) == (0, "")
    assert "sociale-inkoop" in out and "mini" in out
    code, out, _ = run(capsys, "questions", "list", "--json")
    entries = json.loads(out)
    assert [(e["id"], e["version"], e["principles"], e["questions"]) for e in entries] == [
        ("mini", "1", 2, 5),
        ("sociale-inkoop", "1.0", 3, 22),
        ("sociale-inkoop", "2.0", 3, 25),
    ]


def test_questions_show(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "questions", "show", "sociale-inkoop")
    assert code == 0
    assert "bestuur-principebesluit" in out
    assert "keten-proeftuin" in out
    code, out, _ = run(capsys, "--lang", "en", "questions", "show", "mini")
    assert code == 0
    assert "a2: Question a2? (not applicable allowed, weight 2)" in out
    assert "b2: Question b2? (not applicable allowed, weight 0.5)" in out
    code, out, _ = run(capsys, "questions", "show", "mini", "--json")
    assert [p["id"] for p in json.loads(out)["principles"]] == ["alpha", "beta"]


def test_questions_show_unknown(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "questions", "show", "nope")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "maturity-scan: fout: onbekende vragenlijst 'nope' (geïnstalleerd: mini, sociale-inkoop)"
    ]
    code, _, err = run(capsys, "questions", "show", "mini", "--version", "9")
    assert code == 2
    assert "'mini' versie 9" in err


def test_questions_validate(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--lang", "en", "questions", "validate", str(SETS / "mini.toml"))
    assert (code, err) == (0, "")
    assert out.strip() == f"{SETS / 'mini.toml'}: valid (mini version 1, 2 principles, 5 questions)"

    broken = tmp_path / "broken.toml"
    broken.write_text(
        (SETS / "mini.toml").read_text(encoding="utf-8").replace("weight = 2", 'weight = "x"')
    )
    code, out, err = run(capsys, "questions", "validate", str(SETS / "mini.toml"), str(broken))
    assert code == 2
    assert len(err.splitlines()) == 1
    assert str(broken) in err
    assert "principles[alpha].questions[a2].weight" in err


def test_questions_validate_the_shipped_set(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shipped = Path(__file__).parent.parent / "questions" / "sociale-inkoop.toml"
    code, out, _ = run(capsys, "questions", "validate", str(shipped))
    assert code == 0
    assert "sociale-inkoop versie 1.0, 3 principes, 22 vragen" in out


def test_broken_set_in_questions_dir(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "sets"
    folder.mkdir()
    (folder / "bad.toml").write_text("id = \n")
    code, _, err = run(capsys, "--questions-dir", str(folder), "questions", "list")
    assert code == 2
    assert len(err.splitlines()) == 1
    assert str(folder / "bad.toml") in err


def test_questions_dir_option_and_missing_folder(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MATURITY_SCAN_QUESTIONS")
    code, out, _ = run(capsys, "questions", "list", "--json")
    shipped = [("sociale-inkoop", "1.0"), ("sociale-inkoop", "2.0")]
    assert [(e["id"], e["version"]) for e in json.loads(out)] == shipped
    code, out, _ = run(capsys, "--questions-dir", str(SETS), "questions", "list", "--json")
    assert [(e["id"], e["version"]) for e in json.loads(out)] == [("mini", "1"), *shipped]
    code, _, err = run(capsys, "--questions-dir", str(tmp_path / "nope"), "questions", "list")
    assert code == 2
    assert str(tmp_path / "nope") in err


# ------------------------------------------------------------------ template


def test_template(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "template")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["question_set"] == "sociale-inkoop"
    # a new user's default: the latest version, 2.0 (25 questions, scope and definitions first)
    assert data["question_set_version"] == "2.0"
    assert "bestuur" in data["definitions"] and "periode" in data["definitions"]
    assert data["notes"] == {}
    assert len(data["answers"]) == 25
    assert all(v is None for v in data["answers"].values())
    assert "bestuur-principebesluit" in data["answers"]
    assert not db.exists()


def test_template_mini_to_file_can_be_filled_in(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "t.json"
    code, out, _ = run(capsys, "template", "--questions", "mini", "-o", str(target))
    assert (code, out) == (0, "")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["answers"] == dict.fromkeys(MINI_IDS)
    # the template itself is a valid answers file: a scan with nothing answered
    data["answers"]["b1"] = 5
    scan_id = new_scan(capsys, tmp_path, "--org", "X", answers=data)
    assert Store(db).get(scan_id).answer("b1") == 5


def test_template_unknown_set(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "template", "--questions", "nope")
    assert (code, out) == (2, "")
    assert "'nope'" in err


# ------------------------------------------------------------------ scan new / list / show / delete


def test_scan_new_stores_a_completed_scan(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan_id = new_scan(
        capsys,
        tmp_path,
        "--org",
        "  Gemeente  Utrecht ",
        "--respondent",
        "Ans",
        "--role",
        "inkoper",
    )
    scan = Store(db).get(scan_id)
    assert scan.organisation == "Gemeente Utrecht"
    assert (scan.respondent.name, scan.respondent.role) == ("Ans", "inkoper")
    assert scan.status == "completed"
    assert (scan.question_set.id, scan.question_set.version) == ("mini", "1")
    assert {q: r.level for q, r in scan.answers.items()} == SAMPLE_ANSWERS["answers"]
    assert scan.note("a1") == "besproken met het MT"
    assert scan.completed_at is not None
    assert abs((datetime.now().astimezone() - scan.completed_at).total_seconds()) < 60


def test_scan_new_date(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scan_id = new_scan(capsys, tmp_path, "--org", "X", "--date", "2024-05-01")
    scan = Store(db).get(scan_id)
    assert scan.completed_at is not None
    assert scan.completed_at.astimezone().date().isoformat() == "2024-05-01"
    code, out, _ = run(capsys, "scan", "list")
    assert code == 0
    assert "2024-05-01" in out


def test_scan_new_empty_org(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_json(tmp_path / "a.json", SAMPLE_ANSWERS)
    code, _, err = run(capsys, "scan", "new", "--org", "   ", "--answers", str(path))
    assert code == 2
    assert len(err.splitlines()) == 1
    assert not db.exists()


def test_scan_list_shows_a_scan_whose_question_set_is_not_installed(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One scan made with a set that is gone must not hide all the others."""
    kept = new_scan(capsys, tmp_path, "--org", "Achmea", "--date", "2024-06-01")
    seed_scan(Store(db), "Gemeente Ede", "2024-07-01", {"a1": 3}, set_id="mini", version="9.9")
    code, out, err = run(capsys, "scan", "list")
    assert (code, err) == (0, "")
    [achmea] = [line for line in out.splitlines() if line.startswith(kept[:8])]
    [ede] = [line for line in out.splitlines() if "Gemeente Ede" in line]
    assert "2 Twee" in achmea and ede.rstrip().endswith("mini 9.9?")
    code, out, _ = run(capsys, "scan", "list", "--json")
    assert code == 0
    assert [s["overall"]["level"] for s in json.loads(out)] == [2, None]


def test_scan_list(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scan", "list")
    assert (code, out.startswith("Nog geen scans")) == (0, True)
    later = new_scan(
        capsys, tmp_path, "--org", "Gemeente Utrecht", "--date", "2025-02-01", "--respondent", "Ans"
    )
    path = write_json(tmp_path / "answers.json", SAMPLE_ANSWERS)
    args = ["--org", "gemeente utrecht", "--date", "2024-02-01", "--answers", str(path)]
    code, out, err = run(capsys, "scan", "new", *args)
    # another spelling: filed under the stored one, said on stderr; stdout is the id only
    assert err == "Opgeslagen onder de bestaande organisatie 'Gemeente Utrecht'.\n"
    earlier = out.strip()
    assert code == 0 and SCAN_ID.match(earlier)
    other = new_scan(capsys, tmp_path, "--org", "Achmea", "--date", "2024-06-01")

    code, out, _ = run(capsys, "scan", "list")
    lines = out.splitlines()
    # header, rule, then oldest first
    assert [line.split()[0] for line in lines[2:]] == [earlier[:8], other[:8], later[:8]]
    assert "2 Twee" in lines[2]  # overall 2.75 -> level 2

    code, out, _ = run(capsys, "scan", "list", "--org", "GEMEENTE UTRECHT", "--json")
    items = json.loads(out)
    assert [i["id"] for i in items] == [earlier, later]
    assert items[1]["respondent"] == {"name": "Ans", "role": None}
    assert items[0]["overall"] == {"score": 2.75, "level": 2}
    assert items[0]["question_set"] == {"id": "mini", "version": "1"}
    assert items[0]["status"] == "completed"

    # an organisation without scans is a typo, in JSON too: one line, exit 2 (#13)
    assert_one_line_error(*run(capsys, "scan", "list", "--org", "nobody", "--json"), ["nobody"])


def test_scan_show_text(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scan_id = new_scan(capsys, tmp_path, "--org", "Gemeente Utrecht", "--respondent", "Ans")
    code, out, err = run(capsys, "scan", "show", scan_id[:5])
    assert (code, err) == (0, "")
    assert out.startswith(f"Scan {scan_id[:8]} — Gemeente Utrecht — ")
    assert "ingevuld door Ans" in out
    rows = {line.split("  ")[0]: line for line in out.splitlines()}
    assert re.search(r"3\.5\s+3 Drie\s+2/2", rows["Principe alpha"])
    assert re.search(r"2\.0\s+2 Twee\s+1/2", rows["Principe beta"])
    assert re.search(r"2 Twee", rows["Totaal"])
    assert "Volgende stappen" in out and "alpha stap 3" in out
    assert "Score per principe" not in out  # not a terminal: no chart


def test_scan_show_chart_only_on_a_terminal(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    scan_id = new_scan(capsys, tmp_path, "--org", "X")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, _ = run(capsys, "scan", "show", scan_id)
    assert code == 0
    assert "Score per principe (1-5)" in out
    code, out, _ = run(capsys, "scan", "show", scan_id, "--no-chart")
    assert code == 0
    assert "Score per principe (1-5)" not in out
    assert "Principe alpha" in out


def test_scan_show_json_is_the_export_format(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan_id = new_scan(capsys, tmp_path, "--org", "X")
    code, out, _ = run(capsys, "scan", "show", scan_id, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["id"] == scan_id
    assert [a["question"] for a in data["answers"]] == MINI_IDS
    assert [(p["id"], p["score"], p["level"]) for p in data["scores"]["principles"]] == [
        ("alpha", 3.5, 3),
        ("beta", 2.0, 2),
    ]
    assert data["scores"]["overall"]["level_name"] == {"nl": "Twee", "en": "Two"}


def test_scan_delete(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keep = new_scan(capsys, tmp_path, "--org", "A")
    gone = new_scan(capsys, tmp_path, "--org", "B")
    code, out, _ = run(capsys, "scan", "delete", gone[:8], "--yes")
    assert code == 0
    assert f"Scan {gone[:8]} verwijderd." in out
    assert [s.id for s in Store(db).scans()] == [keep]


@pytest.mark.parametrize(("stdin", "deleted"), [("", False), ("n\n", False), ("y\n", True)])
def test_scan_delete_asks(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    stdin: str,
    deleted: bool,
) -> None:
    scan_id = new_scan(capsys, tmp_path, "--org", "A")
    before = db.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code, _, err = run(capsys, "scan", "delete", scan_id)
    if deleted:
        assert code == 0
        assert Store(db).scans() == []
    else:
        assert code != 0
        assert "Niets verwijderd." in err
        assert db.read_bytes() == before


# ------------------------------------------------------------------ export and import


def test_export_stdout(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = new_scan(capsys, tmp_path, "--org", "A", "--date", "2024-01-01")
    second = new_scan(capsys, tmp_path, "--org", "B", "--date", "2024-02-01")
    code, out, err = run(capsys, "export")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["schema_version"] == 6
    assert [s["id"] for s in data["scans"]] == [first, second]

    code, out, _ = run(capsys, "export", "--org", "b")
    assert [s["id"] for s in json.loads(out)["scans"]] == [second]
    code, out, _ = run(capsys, "export", "--scan", first[:6])
    assert [s["id"] for s in json.loads(out)["scans"]] == [first]
    code, out, _ = run(capsys, "export", "--scan", first, "--org", "B")
    assert json.loads(out)["scans"] == []


def test_export_to_file(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new_scan(capsys, tmp_path, "--org", "A")
    target = tmp_path / "out.json"
    code, out, err = run(capsys, "export", "-o", str(target))
    assert (code, out) == (0, "")
    assert err.strip() == f"Scans geëxporteerd: 1 → {target}"
    assert len(json.loads(target.read_bytes())["scans"]) == 1


def test_export_empty_database(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export")
    assert code == 0
    assert json.loads(out)["scans"] == []
    assert not db.exists()


def test_export_schema(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "--schema")
    assert code == 0
    assert json.loads(out) == export_json_schema()
    code, out, _ = run(capsys, "export", "--schema", "-o", str(tmp_path / "s.json"))
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8")) == export_json_schema()


def test_import_twice_adds_nothing_the_second_time(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    new_scan(capsys, tmp_path, "--org", "A", "--respondent", "Ans")
    new_scan(capsys, tmp_path, "--org", "B", "--date", "2023-12-31")
    code, exported, _ = run(capsys, "export")
    export_file = tmp_path / "export.json"
    export_file.write_text(exported, encoding="utf-8")

    other = tmp_path / "other.json"
    monkeypatch.setenv("MATURITY_SCAN_DB", str(other))
    code, out, _ = run(capsys, "import", str(export_file))
    assert (code, out.strip()) == (0, "Scans geïmporteerd: 2; al aanwezig en overgeslagen: 0")
    after_first = other.read_bytes()
    code, out, _ = run(capsys, "import", str(export_file))
    assert (code, out.strip()) == (0, "Scans geïmporteerd: 0; al aanwezig en overgeslagen: 2")
    assert other.read_bytes() == after_first

    # and the new database exports the same scans
    code, again, _ = run(capsys, "export")
    first, second = json.loads(exported), json.loads(again)
    first.pop("exported_at")
    second.pop("exported_at")
    assert first == second


def test_db_option_overrides_environment(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    path = write_json(tmp_path / "a.json", SAMPLE_ANSWERS)
    code, out, _ = run(
        capsys, "--db", str(elsewhere), "scan", "new", "--org", "X", "--answers", str(path)
    )
    assert code == 0
    assert [s.id for s in Store(elsewhere).scans()] == [out.strip()]
    assert not db.exists()


# ------------------------------------------------------------------ bad input: exit 2, one line


F = "bad-answers.json"
BAD_ANSWERS: list[tuple[str, Any, list[str]]] = [
    # (name, answers file content, what the error line must contain)
    ("unknown-question", {"question_set": "mini", "answers": {"zz": 3}}, [F, "'zz'", "mini"]),
    (
        "unknown-question-in-notes",
        {"question_set": "mini", "answers": {}, "notes": {"zz": "x"}},
        [F, "'zz'"],
    ),
    ("unknown-question-set", {"question_set": "nope", "answers": {"a1": 3}}, ["'nope'"]),
    ("level-7", {"question_set": "mini", "answers": {"a1": 7}}, [F, "'a1'", "7"]),
    ("level-0", {"question_set": "mini", "answers": {"b1": 0}}, [F, "'b1'", "0"]),
    ("level-string", {"question_set": "mini", "answers": {"a1": "3"}}, [F, "'a1'", '"3"']),
    ("level-true", {"question_set": "mini", "answers": {"a3": True}}, [F, "'a3'", "true"]),
    ("level-float", {"question_set": "mini", "answers": {"a1": 3.5}}, [F, "'a1'", "3.5"]),
    ("level-NA-upper", {"question_set": "mini", "answers": {"a2": "NA"}}, [F, "'a2'", '"NA"']),
    ("na-not-allowed", {"question_set": "mini", "answers": {"b1": "na"}}, [F, "'b1'", '"na"']),
    ("answers-not-object", {"question_set": "mini", "answers": [3]}, [F, "answers"]),
    ("no-question-set", {"answers": {"a1": 3}}, [F, "`question_set`"]),
    (
        "unknown-version",
        {"question_set": "mini", "question_set_version": "9", "answers": {}},
        ["'mini'", "9"],
    ),
    ("note-not-text", {"question_set": "mini", "answers": {}, "notes": {"a1": 5}}, [F, "'a1'"]),
]


@pytest.fixture
def existing(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> bytes:
    """A database with one scan in it; returns its bytes."""
    new_scan(capsys, tmp_path, "--org", "Bestaand")
    return db.read_bytes()


def assert_one_line_error(code: int, out: str, err: str, fragments: list[str]) -> str:
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert err.endswith("\n")
    assert lines[0].startswith("maturity-scan: fout: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize(
    ("content", "fragments"), [pytest.param(c, f, id=n) for n, c, f in BAD_ANSWERS]
)
def test_bad_answers_file(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    existing: bytes,
    content: Any,
    fragments: list[str],
) -> None:
    path = write_json(tmp_path / "bad-answers.json", content)
    result = run(capsys, "scan", "new", "--org", "X", "--answers", str(path))
    assert_one_line_error(*result, fragments)
    assert db.read_bytes() == existing


@pytest.mark.parametrize(
    ("payload", "fragments"),
    [
        (b'{"question_set": "mini", "answers": {', ["bad-answers.json", "JSON"]),
        (b"", ["bad-answers.json", "JSON"]),
        (b"\xff\xfe", ["bad-answers.json", "UTF-8"]),
        (b"[1, 2]", ["bad-answers.json"]),
    ],
    ids=["truncated", "empty", "not-utf8", "array"],
)
def test_answers_file_not_json(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    existing: bytes,
    payload: bytes,
    fragments: list[str],
) -> None:
    path = tmp_path / "bad-answers.json"
    path.write_bytes(payload)
    result = run(capsys, "scan", "new", "--org", "X", "--answers", str(path))
    assert_one_line_error(*result, fragments)
    assert db.read_bytes() == existing


def test_answers_file_missing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: bytes
) -> None:
    missing = tmp_path / "missing.json"
    result = run(capsys, "scan", "new", "--org", "X", "--answers", str(missing))
    assert_one_line_error(*result, [str(missing)])
    assert db.read_bytes() == existing


@pytest.mark.parametrize("value", ["2026-02-30", "2024-13-01", "gisteren", ""])
def test_bad_date(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: bytes, value: str
) -> None:
    path = write_json(tmp_path / "a.json", SAMPLE_ANSWERS)
    result = run(capsys, "scan", "new", "--org", "X", "--answers", str(path), "--date", value)
    assert_one_line_error(*result, ["--date", f"'{value}'"])
    assert db.read_bytes() == existing


@pytest.mark.parametrize(
    "args",
    [
        ("scan", "show", "ffff0000"),
        ("scan", "delete", "ffff0000", "--yes"),
        ("export", "--scan", "ffff0000"),
    ],
    ids=["show", "delete", "export"],
)
def test_unknown_scan_id(
    db: Path, capsys: pytest.CaptureFixture[str], existing: bytes, args: tuple[str, ...]
) -> None:
    result = run(capsys, *args)
    assert_one_line_error(*result, ["'ffff0000'"])
    assert db.read_bytes() == existing


def test_ambiguous_scan_id(db: Path, capsys: pytest.CaptureFixture[str], existing: bytes) -> None:
    store = Store(db)
    only = store.scans()[0]
    # a second scan whose id shares the first four characters
    store.add(msgspec.structs.replace(only, id=only.id[:4] + "z" * 28))
    before = db.read_bytes()
    result = run(capsys, "scan", "delete", only.id[:4], "--yes")
    assert_one_line_error(*result, [f"'{only.id[:4]}'"])
    assert db.read_bytes() == before


def _export_with(capsys: pytest.CaptureFixture[str], tmp_path: Path, **changes: Any) -> Path:
    code, out, _ = run(capsys, "export")
    assert code == 0
    data = json.loads(out)
    data.update(changes)
    return write_json(tmp_path / "import.json", data)


@pytest.mark.parametrize("version", [99, 0, "1", None])
def test_import_unknown_schema_version(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: bytes, version: Any
) -> None:
    path = _export_with(capsys, tmp_path, schema_version=version)
    result = run(capsys, "import", str(path))
    assert_one_line_error(*result, ["import.json", f"schema_version {json.dumps(version)}"])
    assert db.read_bytes() == existing


def test_import_file_not_json(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: bytes
) -> None:
    path = tmp_path / "import.json"
    path.write_text('{"schema_version": 1, "scans": [')
    result = run(capsys, "import", str(path))
    assert_one_line_error(*result, ["import.json", "JSON"])
    assert db.read_bytes() == existing


def test_import_bad_level_names_the_question(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: bytes
) -> None:
    code, out, _ = run(capsys, "export")
    assert code == 0
    data = json.loads(out)
    data["scans"][0]["id"] = "1" * 32  # a new scan, so it would be added
    data["scans"][0]["answers"][1]["level"] = 7
    path = write_json(tmp_path / "import.json", data)
    result = run(capsys, "import", str(path))
    assert_one_line_error(*result, ["import.json", "answers[a2].level"])
    assert db.read_bytes() == existing


def test_import_unknown_question_set(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: bytes
) -> None:
    code, out, _ = run(capsys, "export")
    assert code == 0
    data = json.loads(out)
    data["scans"][0]["id"] = "1" * 32
    data["scans"][0]["question_set"] = {"id": "elders", "version": "1"}
    path = write_json(tmp_path / "import.json", data)
    result = run(capsys, "import", str(path))
    assert_one_line_error(*result, ["'elders'"])
    assert db.read_bytes() == existing


def test_import_conflict(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: bytes
) -> None:
    code, out, _ = run(capsys, "export")
    assert code == 0
    data = json.loads(out)
    data["scans"][0]["organisation"] = "Iemand anders"
    path = write_json(tmp_path / "import.json", data)
    result = run(capsys, "import", str(path))
    assert_one_line_error(*result, ["import.json", data["scans"][0]["id"][:8]])
    assert db.read_bytes() == existing


def test_damaged_database(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b"[]")
    result = run(capsys, "scan", "list")
    assert_one_line_error(*result, [str(db)])
    assert db.read_bytes() == b"[]"


# ------------------------------------------------------------------ language


def test_default_dutch_and_lang_en(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scan", "list")
    assert "Nog geen scans" in out
    code, out, _ = run(capsys, "--lang", "en", "scan", "list")
    assert "No scans yet" in out
    code, _, err = run(capsys, "--lang", "en", "scan", "show", "ffff0000")
    assert err == "maturity-scan: error: no scan with id 'ffff0000'\n"
    code, _, err = run(capsys, "scan", "show", "ffff0000")
    assert code == 2
    assert err == "maturity-scan: fout: geen scan met id 'ffff0000'\n"


def test_lang_from_environment(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATURITY_SCAN_LANG", "en")
    code, out, _ = run(capsys, "scan", "list")
    assert "No scans yet" in out
    code, _, err = run(capsys, "scan", "show", "ffff0000")
    assert code == 2
    assert err.startswith("maturity-scan: error: no scan")


def test_scan_show_in_english(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scan_id = new_scan(capsys, tmp_path, "--org", "X")
    code, out, _ = run(capsys, "--lang", "en", "scan", "show", scan_id)
    assert code == 0
    assert "Principle alpha" in out and "3 Three" in out and "Next steps" in out
    assert "Principe alpha" not in out


# ------------------------------------------------------------------ found by a new user's trial


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["scan", "new", "--answers", "x.json"], "--org"),
        (["scan", "bogus"], "bogus"),
        (["scan", "show"], "ID"),
        (["--lang", "fr", "scan", "list"], "fr"),
    ],
    ids=["missing-option", "unknown-command", "missing-argument", "bad-choice"],
)
def test_usage_errors_are_one_line_with_a_pointer_to_help(
    db: Path, capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    line = assert_one_line_error(*run(capsys, *args), [fragment, "--help'"])
    assert "zie 'maturity-scan" in line


def test_future_date_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: bytes
) -> None:
    path = write_json(tmp_path / "answers.json", SAMPLE_ANSWERS)
    result = run(
        capsys, "scan", "new", "--org", "X", "--answers", str(path), "--date", "2999-01-01"
    )
    assert_one_line_error(*result, ["--date", "2999-01-01", "vandaag"])
    assert db.read_bytes() == existing


def test_answers_file_without_any_answer_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: bytes
) -> None:
    code, template_text, _ = run(capsys, "template", "--questions", "mini")
    assert code == 0
    path = tmp_path / "empty.json"
    path.write_text(template_text, encoding="utf-8")
    result = run(capsys, "scan", "new", "--org", "X", "--answers", str(path))
    assert_one_line_error(*result, ["empty.json", "geen enkele vraag"])
    assert db.read_bytes() == existing


def test_short_id_prefix_says_it_is_too_short(
    db: Path, capsys: pytest.CaptureFixture[str], existing: bytes
) -> None:
    scan_id = Store(db).scans()[0].id
    assert_one_line_error(*run(capsys, "scan", "show", scan_id[:3]), ["te kort", "4"])


def test_list_for_an_organisation_without_scans_names_the_close_ones(
    db: Path, capsys: pytest.CaptureFixture[str], existing: bytes
) -> None:
    """An organisation exists through its scans: one without any is a typo (#13), named with
    at most three close names, like `history` and `export` do."""
    line = assert_one_line_error(*run(capsys, "scan", "list", "--org", "Bestand"), ["'Bestand'"])
    assert "'Bestaand'" in line
    assert_one_line_error(*run(capsys, "scan", "list", "--org", "Nergens"), ["'Nergens'"])
    assert db.read_bytes() == existing


def test_delete_asks_in_dutch_and_takes_j_for_yes(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, existing: bytes
) -> None:
    scan_id = Store(db).scans()[0].id
    monkeypatch.setattr("sys.stdin", io.StringIO("j\n"))
    code, _out, err = run(capsys, "scan", "delete", scan_id[:8])
    assert code == 0 and "[j/N]" in err
    assert Store(db).scans() == []


def test_list_shows_how_far_a_draft_is(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from maturity_scan.core.models import SetRef

    store = Store(db)
    draft = store.create_draft("Gemeente Concept", SetRef(id="mini", version="1"))
    store.set_answer(draft.id, "a1", level=2)
    store.set_answer(draft.id, "b2", level="unknown")
    code, out, _ = run(capsys, "scan", "list")
    assert code == 0
    assert "2/5 ingevuld" in out and "concept" in out


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_export_file_is_private(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_scan(capsys, tmp_path, "--org", "Privé")
    target = tmp_path / "out.json"
    assert run(capsys, "export", "-o", str(target))[0] == 0
    assert (target.stat().st_mode & 0o777) == 0o600
