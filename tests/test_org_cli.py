"""``maturity-scan org ...`` (#13): the overview, rescans due, rename, merge, groups and the
rescan interval on the command line; refusals leave the database byte for byte as it was."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from maturity_scan.cli import main
from maturity_scan.core.models import Target
from maturity_scan.core.names import org_key
from maturity_scan.storage.store import Store

from .conftest import seed_scan

BOARD = ["bestuur-principebesluit", "bestuur-actieplan", "bestuur-eigenaar", "bestuur-middelen"]
TODAY = date(2026, 12, 2)


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("maturity_scan.dates.today", lambda: TODAY)


@pytest.fixture
def orgs(db_path: Path) -> Path:
    """Zwolle: two completed scans (board 2 → 4) and a draft spelled in lower case, targets
    for bestuur and keten. Kampen: one recent scan, a target for bestuur. Drenthe: one scan
    of 2024 (a rescan overdue)."""
    store = Store(db_path)
    seed_scan(store, "Gemeente Zwolle", "2025-01-10", dict.fromkeys(BOARD, 2), scan_id="1" * 32)
    seed_scan(store, "Gemeente Zwolle", "2026-01-10", dict.fromkeys(BOARD, 4), scan_id="2" * 32)
    seed_scan(store, "gemeente zwolle", "2026-06-01", {}, status="draft", scan_id="3" * 32)
    seed_scan(store, "Gemeente Kampen", "2026-11-20", dict.fromkeys(BOARD, 3), scan_id="4" * 32)
    seed_scan(store, "Provincie Drenthe", "2024-05-01", dict.fromkeys(BOARD, 1), scan_id="5" * 32)
    store.set_target(Target("Gemeente Zwolle", "sociale-inkoop", "bestuur", 5))
    store.set_target(Target("Gemeente Zwolle", "sociale-inkoop", "keten", 3))
    store.set_target(Target("Gemeente Kampen", "sociale-inkoop", "bestuur", 4))
    return db_path


def counts(db: Path) -> dict[str, tuple[int, int]]:
    """Per organisation (folded): its scans and targets."""
    contents = Store(db).contents()
    found: dict[str, tuple[int, int]] = {}
    for key in {org_key(s.organisation) for s in contents.scans}:
        scans = sum(org_key(s.organisation) == key for s in contents.scans)
        targets = sum(org_key(t.organisation) == key for t in contents.targets)
        found[key] = (scans, targets)
    return found


def answer(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


# ----------------------------------------------------------------- list, due, show


def test_list_prints_the_overview_columns(orgs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, orgs, "org", "list")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == [
        "Organisatie",
        "Profiel",
        "Niveau",
        "±",
        "Doel",
        "Laatste",
        "scan",
        "Herscan",
        "Open",
    ]
    zwolle = next(line for line in lines if line.startswith("Gemeente Zwolle"))
    # one row for both spellings: latest level 4 with its name, up, 1 level to go, 1 draft
    assert "4 Verankerd" in zwolle and "▲" in zwolle and "−1" in zwolle
    assert zwolle.rstrip().endswith("1")
    assert sum(line.lower().startswith("gemeente zwolle") for line in lines) == 1
    drenthe = next(line for line in lines if line.startswith("Provincie Drenthe"))
    assert "te laat" in drenthe
    code, out, _ = run(capsys, orgs, "--lang", "en", "org", "list")
    assert "4 Embedded" in out and "overdue" in out


def test_list_json_is_the_typed_rows(orgs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, orgs, "org", "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["name"] for r in rows] == ["Gemeente Kampen", "Gemeente Zwolle", "Provincie Drenthe"]
    zwolle = rows[1]
    assert (zwolle["scans"], zwolle["drafts"], zwolle["overall_level"]) == (2, 1, 4)
    assert (zwolle["change"], zwolle["gap"], zwolle["last_scan"]) == ("up", 1, "2026-01-10")
    assert rows[2]["rescan"] == "overdue" and rows[2]["next_scan"] == "2025-05-01"


def test_list_filters_by_group_and_search(orgs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, orgs, "org", "list", "--group", "Regio Oost")
    assert code == 0
    assert out == (
        "Geen organisatie in groep 'Regio Oost'. Er zijn nog geen groepen; zet een "
        "organisatie in een groep met 'maturity-scan org tag NAAM GROEP'.\n"
    )
    run(capsys, orgs, "org", "tag", "Gemeente Zwolle", "Regio Oost")
    run(capsys, orgs, "org", "tag", "Provincie Drenthe", "Noord")
    code, out, _ = run(capsys, orgs, "org", "list", "--group", "regio óost")
    names = [line.split("  ")[0] for line in out.splitlines()[2:]]
    assert code == 0 and names == ["Gemeente Zwolle"]
    code, out, _ = run(capsys, orgs, "org", "list", "--group", "West")
    assert (
        code == 0 and out == "Geen organisatie in groep 'West'. Groepen: 'Noord', 'Regio Oost'.\n"
    )
    code, out, _ = run(capsys, orgs, "org", "list", "--search", "GEM kamp")
    assert code == 0 and [line.split("  ")[0] for line in out.splitlines()[2:]] == [
        "Gemeente Kampen"
    ]
    code, out, _ = run(capsys, orgs, "org", "list", "--search", "oost", "--json")
    assert [r["name"] for r in json.loads(out)] == ["Gemeente Zwolle"]  # groups are searched
    code, out, _ = run(capsys, orgs, "--lang", "en", "org", "list", "--search", "Almere")
    assert code == 0 and out == "No organisation found for 'Almere'.\n"


def test_list_on_an_empty_database_says_how_to_start(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, db_path, "org", "list")
    assert code == 0 and err == "" and out.startswith("Nog geen organisaties")
    code, out, _ = run(capsys, db_path, "org", "list", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, db_path, "org", "due")
    assert code == 0 and out.startswith("Geen organisatie is toe aan een nieuwe scan")


def test_due_lists_the_most_overdue_first_with_the_date(
    orgs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, orgs, "org", "due")
    assert code == 0
    assert [line.split()[:2] for line in out.splitlines()[2:]] == [["Provincie", "Drenthe"]]
    assert "2025-05-01" in out and "te laat" in out and "12 maanden" in out
    # Kampen every month: due on 2026-12-20, within 30 days of today
    run(capsys, orgs, "org", "set", "Gemeente Kampen", "--rescan-months", "1")
    code, out, _ = run(capsys, orgs, "org", "due")
    rows = out.splitlines()[2:]
    assert [r.split("  ")[0] for r in rows] == ["Provincie Drenthe", "Gemeente Kampen"]
    assert "2026-12-20" in rows[1] and "binnenkort" in rows[1] and "1 maand" in rows[1]
    code, out, _ = run(capsys, orgs, "org", "due", "--json")
    data = json.loads(out)
    assert [(r["name"], r["rescan"]) for r in data] == [
        ("Provincie Drenthe", "overdue"),
        ("Gemeente Kampen", "due"),
    ]


def test_show_one_organisation(orgs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, orgs, "org", "tag", "gemeente zwolle", "Regio Oost", "2026")
    code, out, _ = run(capsys, orgs, "org", "show", "GEMEENTE ZWOLLE")
    assert code == 0
    assert out == (
        "Gemeente Zwolle\n"
        "  Groepen: 'Regio Oost', '2026'.\n"
        "  Scans: 2 afgerond, 1 open\n"
        "  Laatste scan: 2026-01-10, niveau 4 Verankerd\n"
        "  Herscan elke 12 maanden; volgende scan 2027-01-10.\n"
    )
    code, out, _ = run(capsys, orgs, "--lang", "en", "org", "show", "Provincie Drenthe")
    assert "Groups: none." in out and "next scan 2025-05-01 (overdue)." in out
    code, out, _ = run(capsys, orgs, "org", "show", "Gemeente Kampen", "--json")
    assert json.loads(out)["name"] == "Gemeente Kampen"


@pytest.mark.parametrize(
    "args",
    [
        ("org", "show", "Gemeente Zwole"),
        ("org", "rename", "Gemeente Zwole", "X"),
        ("org", "merge", "Gemeente Zwole", "Gemeente Kampen"),
        ("org", "merge", "Gemeente Kampen", "Gemeente Zwole"),
        ("org", "tag", "Gemeente Zwole", "G"),
        ("org", "untag", "Gemeente Zwole", "G"),
        ("org", "set", "Gemeente Zwole", "--rescan-months", "6"),
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_an_unknown_name_suggests_close_ones(
    orgs: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    before = orgs.read_bytes()
    code, out, err = run(capsys, orgs, *args)
    assert code == 2 and out == ""
    assert err == (
        "maturity-scan: fout: geen organisatie 'Gemeente Zwole' in de database; "
        "bedoel je 'Gemeente Zwolle'?\n"
    )
    assert orgs.read_bytes() == before


# ----------------------------------------------------------------- rename


def test_rename_moves_everything_and_says_so(
    orgs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, orgs, "org", "tag", "Gemeente Zwolle", "Regio Oost")
    run(capsys, orgs, "org", "set", "Gemeente Zwolle", "--rescan-months", "6")
    before = counts(orgs)
    answer(monkeypatch, "j\n")
    code, out, err = run(capsys, orgs, "org", "rename", "gemeente zwolle", "Gemeente  Zwolle-Stad")
    assert code == 0
    assert err == (
        "Mee naar de nieuwe naam 'Gemeente Zwolle-Stad': 3 scans en 2 streefniveaus van "
        "'Gemeente Zwolle', met de groepen en het herscan-interval. Hernoemen? [j/N]: "
    )
    assert (
        out == "'Gemeente Zwolle' heet nu 'Gemeente Zwolle-Stad': 3 scans en 2 streefniveaus "
        "verplaatst.\n"
    )
    after = counts(orgs)
    assert after.pop("gemeente zwolle-stad") == before.pop("gemeente zwolle") == (3, 2)
    assert after == before  # the others untouched
    store = Store(orgs)
    assert {s.organisation for s in store.scans("Gemeente Zwolle-Stad")} == {"Gemeente Zwolle-Stad"}
    record = store.contents("Gemeente Zwolle-Stad").organisations
    assert [(r.groups, r.rescan_months) for r in record] == [(["Regio Oost"], 6)]


def test_rename_can_respell_and_refuses_a_taken_name(
    orgs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = orgs.read_bytes()
    code, out, err = run(capsys, orgs, "org", "rename", "Gemeente Zwolle", "gemeente kampen", "-y")
    assert code == 2 and out == ""
    assert err == (
        "maturity-scan: fout: 'Gemeente Kampen' bestaat al; voeg 'Gemeente Zwolle' daarmee "
        "samen met 'maturity-scan org merge'\n"
    )
    code, out, _ = run(capsys, orgs, "org", "rename", "gemeente zwolle", "Gemeente Zwolle")
    assert code == 0 and out == "'Gemeente Zwolle' heet al zo; niets gewijzigd.\n"
    for bad in ("   ", "Gemeente\x1b[31m"):
        code, out, err = run(capsys, orgs, "org", "rename", "Gemeente Zwolle", bad, "--yes")
        assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert orgs.read_bytes() == before
    code, out, _ = run(capsys, orgs, "org", "rename", "Gemeente Zwolle", "GEMEENTE ZWOLLE", "--yes")
    assert code == 0
    assert {s.organisation for s in Store(orgs).scans("gemeente zwolle")} == {"GEMEENTE ZWOLLE"}


def test_rename_declined_changes_nothing(
    orgs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = orgs.read_bytes()
    for reply in ("n\n", "\n", ""):
        answer(monkeypatch, reply)
        code, out, err = run(capsys, orgs, "org", "rename", "Gemeente Zwolle", "Zwolle")
        assert code == 1 and out == "" and err.endswith("Niets gewijzigd.\n")
    answer(monkeypatch, "n\n")
    code, _, err = run(capsys, orgs, "org", "merge", "Gemeente Zwolle", "Gemeente Kampen")
    assert code == 1 and err.endswith("Niets gewijzigd.\n")
    assert orgs.read_bytes() == before


# ----------------------------------------------------------------- merge


def test_merge_moves_scans_and_targets_and_drops_the_doubles(
    orgs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, orgs, "org", "tag", "Gemeente Zwolle", "Regio Oost")
    run(capsys, orgs, "org", "set", "Gemeente Kampen", "--rescan-months", "24")
    before = counts(orgs)
    answer(monkeypatch, "y\n")
    code, out, err = run(
        capsys, orgs, "--lang", "en", "org", "merge", "gemeente zwolle", "Gemeente Kampen"
    )
    assert code == 0
    assert err == (
        "Moving to 'Gemeente Kampen': 3 scans and 1 target of 'Gemeente Zwolle'; afterwards "
        "'Gemeente Zwolle' is gone. 'Gemeente Kampen' keeps its rescan interval; the groups "
        "are joined. 1 target of 'Gemeente Zwolle' is dropped: 'Gemeente Kampen' has its own "
        "for that principle. Merge? [y/N]: "
    )
    assert out == (
        "'Gemeente Zwolle' is merged into 'Gemeente Kampen': 3 scans and 1 target moved. "
        "1 target dropped.\n"
    )
    after = counts(orgs)
    zwolle, kampen = before.pop("gemeente zwolle"), before.pop("gemeente kampen")
    # nothing lost: every scan arrived; every target arrived but the one Kampen had itself
    assert after.pop("gemeente kampen") == (zwolle[0] + kampen[0], zwolle[1] + kampen[1] - 1)
    assert after == before
    kampen_targets = {(t.principle, t.level) for t in Store(orgs).targets("Gemeente Kampen")}
    assert kampen_targets == {("bestuur", 4), ("keten", 3)}  # Kampen's own bestuur kept
    row = Store(orgs).contents("Gemeente Kampen").organisations
    assert [(r.groups, r.rescan_months) for r in row] == [(["Regio Oost"], 24)]


def test_merge_refusals_leave_the_file_as_it_was(
    orgs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = orgs.read_bytes()
    code, out, err = run(capsys, orgs, "org", "merge", "gemeente zwolle", "GEMEENTE ZWOLLE", "-y")
    assert code == 2 and out == ""
    assert err == (
        "maturity-scan: fout: 'Gemeente Zwolle' samenvoegen met zichzelf: kies twee "
        "verschillende organisaties\n"
    )
    assert orgs.read_bytes() == before


# ----------------------------------------------------------------- groups, interval


def test_tag_and_untag(orgs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, orgs, "org", "tag", "gemeente zwolle", "Regio Oost", " 2026 ")
    assert code == 0 and out == "'Gemeente Zwolle' zit in de groepen 'Regio Oost', '2026'.\n"
    code, out, _ = run(capsys, orgs, "org", "tag", "gemeente zwolle", "regio oost")
    assert out == "'Gemeente Zwolle' zit in de groepen 'Regio Oost', '2026'.\n"  # folded: once
    code, out, _ = run(capsys, orgs, "--lang", "en", "org", "untag", "Gemeente Zwolle", "2026")
    assert code == 0 and out == "'Gemeente Zwolle' is in group 'Regio Oost'.\n"
    before = orgs.read_bytes()
    code, out, err = run(capsys, orgs, "org", "untag", "Gemeente Zwolle", "2026")
    assert code == 2 and err == "maturity-scan: fout: 'Gemeente Zwolle' zit niet in groep '2026'\n"
    code, _, err = run(capsys, orgs, "org", "tag", "Gemeente Zwolle", "x" * 61)
    assert code == 2 and "maximaal 60 tekens" in err
    code, _, err = run(capsys, orgs, "org", "tag", "Gemeente Zwolle", "a\x07b")
    assert code == 2 and "stuurteken" in err and "\x07" not in err
    code, _, err = run(capsys, orgs, "org", "tag", "Gemeente Zwolle")
    assert code == 2
    assert orgs.read_bytes() == before
    code, out, _ = run(capsys, orgs, "org", "untag", "Gemeente Zwolle", "REGIO OOST")
    assert code == 0 and out == "'Gemeente Zwolle' zit in geen enkele groep.\n"


def test_set_rescan_interval(orgs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, orgs, "org", "set", "provincie drenthe", "--rescan-months", "36")
    assert code == 0
    assert out == "Provincie Drenthe: Herscan elke 36 maanden; volgende scan 2027-05-01.\n"
    code, out, _ = run(capsys, orgs, "org", "due", "--json")
    assert json.loads(out) == []
    before = orgs.read_bytes()
    for months in ("0", "121", "-3"):
        code, out, err = run(
            capsys, orgs, "org", "set", "Provincie Drenthe", "--rescan-months", months
        )
        assert code == 2 and out == ""
        assert err == (
            "maturity-scan: fout: herscan-interval: verwacht 1 tot en met 120 maanden, "
            f"niet {months}\n"
        )
    code, _, err = run(capsys, orgs, "org", "set", "Provincie Drenthe", "--rescan-months", "x")
    assert code == 2 and len(err.splitlines()) == 1
    assert orgs.read_bytes() == before


def test_names_are_data_not_terminal_control(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_scan(Store(db_path), "Org\x1b[2J [red]x[/]", "2026-01-10", {}, scan_id="6" * 32)
    code, out, _ = run(capsys, db_path, "org", "list")
    assert code == 0 and "\x1b" not in out and "Org\\x1b[2J [red]x[/]" in out


def test_org_list_and_due_do_not_import_textual(orgs: Path) -> None:
    """Scripted use stays light: the overview on the command line needs no Textual."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from maturity_scan.cli import main\n"
        "for args in (['org', 'list'], ['org', 'due', '--json'], ['org', 'show', 'Gemeente Zwolle']"
        "):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit as e:\n"
        "        assert e.code == 0, (args, e.code)\n"
        "print('TEXTUAL', 'textual' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "MATURITY_SCAN_DB": str(orgs)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.stderr.strip().splitlines()[-1] == "TEXTUAL False", result.stderr


# ----------------------------------------------------------------- nothing lost


ORGS = ["Gemeente A", "Gemeente B", "Gemeente C"]
PRINCIPLES = ["bestuur", "hr-inkoop", "keten"]


@settings(max_examples=30)
@given(
    scans=st.lists(st.sampled_from(range(len(ORGS))), min_size=2, max_size=8),
    aims=st.sets(st.tuples(st.sampled_from(range(len(ORGS))), st.sampled_from(PRINCIPLES))),
    pair=st.permutations(range(len(ORGS))),
)
def test_the_preview_is_what_a_merge_moves_and_nothing_is_lost(
    tmp_path_factory: pytest.TempPathFactory,
    scans: list[int],
    aims: set[tuple[int, str]],
    pair: list[int],
) -> None:
    """Whatever the scans and targets: the counts shown before a merge (and a rename) are
    what the store moves, every scan is kept, and only the doubled targets are dropped."""
    from maturity_scan.present.org_moves import preview

    present = set(scans)
    assume(len(present) >= 2)
    db = tmp_path_factory.mktemp("merge") / "scans.json"
    store = Store(db)
    for n, org in enumerate(scans):
        seed_scan(store, ORGS[org], f"2026-01-{n + 1:02d}", {}, scan_id=f"{n + 1:x}" * 32)
    for org, principle in sorted(aims):
        if org in present:
            store.set_target(Target(ORGS[org], "sociale-inkoop", principle, 3))
    source, into = (ORGS[i] for i in [i for i in pair if i in present][:2])
    before = store.contents()
    moves = preview(before.scans, before.targets, source, into)
    moved = store.merge_organisations(source, into)
    assert (moved.scans, moved.targets, moved.dropped) == (
        moves.scans,
        moves.targets,
        moves.dropped,
    )
    after = store.contents()
    assert sorted(s.id for s in after.scans) == sorted(s.id for s in before.scans)
    theirs = {s.id for s in before.scans if s.organisation == source}
    assert {s.organisation for s in after.scans if s.id in theirs} == {into}
    assert len(after.targets) == len(before.targets) - moves.dropped
    wanted = {t.principle for t in before.targets if t.organisation in (source, into)}
    assert {t.principle for t in after.targets if t.organisation == into} == wanted
    renamed = preview(after.scans, after.targets, into)
    done = store.rename_organisation(into, "Gemeente Nieuw")
    assert (done.scans, done.targets) == (renamed.scans, renamed.targets)
    assert len(store.scans("Gemeente Nieuw")) == renamed.scans


def test_a_merge_without_targets_does_not_count_zero_targets() -> None:
    """ "1 scan en 0 streefniveaus" read clumsily: without targets only the scans are named."""
    from maturity_scan.present.org_moves import counted

    assert counted(1, 0, "nl") == {"what": "1 scan"}
    assert counted(2, 1, "en") == {"what": "2 scans and 1 target"}
