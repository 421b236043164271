"""Speed at scale (issue 6): every case measured side by side with the floor it is compared to.

Run from the repository root::

    python -m benchmarks.run                 # 0 / 1,000 / 10,000 scans, 5 repetitions
    python -m benchmarks.run --repeat 3      # fewer repetitions
    python -m benchmarks.run --quick         # 0 / 20 / 100 scans, 2 repetitions (a minute)

It generates its own databases in a temporary folder (``--data-dir`` keeps them, e.g. to
profile a command on the same files), prints a table and writes the figures as JSON
(``--json``, default ``benchmarks/results.json``). Benchmarks are not tests: the exit code is
0 whatever the figures, and non-zero only when a measured command itself fails.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import hashlib
import json
import math
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_JSON = REPO / "benchmarks" / "results.json"

#: The database sizes: empty, "1,000" and "10,000" (``--quick``: 0 / 20 / 100).
FULL_SIZES = (0, 1_000, 10_000)
QUICK_SIZES = (0, 20, 100)
ORGANISATIONS = 100
#: The organisation whose history is opened has this many scans (fewer in tiny databases).
HISTORY_SCANS = 50
SET_ID = "sociale-inkoop"
#: Its version: 1.0 (22 questions) as in every published figure, so figures stay comparable
#: now that 2.0 (25 questions) is installed beside it and is what new scans use.
SET_VERSION = "1.0"
APP_SIZE = (100, 32)
#: An answer not on disk after this long is a failure (a save error leaves it pending forever).
SAVE_TIMEOUT = 120.0

CASES = (
    "scripted", "app", "reading", "scoring", "history", "autosave", "home", "round", "round_screen",
    "report", "report_pdf",
)  # fmt: skip

#: Target of issue 15: the HTML report within 2× ``export --org`` of the same organisation.
REPORT_TARGET = 2.0

# Targets of issue 6.
SCRIPTED_TARGET = 3.0
APP_TARGET = 1.3
READING_TARGET = 2.0
GROWTH_SLACK = 1.1  # 10,000 / 1,000 scans: at most 1.1 × linear, i.e. 11×
#: The middle size of the reading case is measured this many times as often (see case_reading).
MIDDLE_REPEAT = 4
AUTOSAVE_MEDIAN_TARGET = 1.5
AUTOSAVE_P95_TARGET = 2.0
HISTORY_TARGET = 1.5
#: Home filled at 10,000 scans against the same organisations with one scan each (#13).
HOME_TARGET = 1.5
SCORING_TARGET = 300_000.0  # answers per second
MEMORY_FACTOR = 6.0
MEMORY_BASE = 60 * 1024 * 1024

MB = 1024 * 1024


class BenchmarkError(Exception):
    """A measured command failed: the figures would mean nothing."""


# ------------------------------------------------------------------------------ results


@dataclass
class Result:
    """One row of the table. Times in seconds, memory in bytes, rates per second."""

    case: str
    measured: str
    size: str
    unit: str  # "s", "bytes" or "answers/s"
    median: float
    minimum: float
    maximum: float
    floor: float | None
    floor_measured: str
    ratio: float | None
    target: str
    met: bool | None
    samples: list[float] = field(default_factory=list)
    floor_samples: list[float] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def p95(values: Sequence[float]) -> float:
    """The 95th percentile by nearest rank (of 50 values: the 48th smallest)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _ratio(value: float, floor: float) -> float | None:
    return value / floor if floor > 0 else None


def _at_most(ratio: float | None, target: float) -> bool | None:
    return None if ratio is None else ratio <= target


# ------------------------------------------------------------------------------ data


@dataclass(frozen=True)
class Database:
    path: Path
    scans: int
    bytes: int
    focus_organisation: str
    focus_scans: int

    @property
    def label(self) -> str:
        return f"{self.scans:,} scans ({self.bytes / MB:.1f} MB)"


NOTES = (
    "Besproken in het MT; besluit volgt na de zomer.",
    "Navragen bij inkoop, niet duidelijk wie dit bijhoudt.",
    "Afspraak met het Werkgeversservicepunt over twee plaatsingen in de schoonmaak.",
    "Conceptplan van HR ligt er, nog niet met inkoop besproken. Volgende stap: gezamenlijk "
    "overleg plannen en het plan voorleggen aan de directie.",
    "Social return-clausule van 5% in het nieuwe cateringcontract; nog niet gemonitord.",
    "Structureel 0,4 fte en een klein werkbudget in de begroting opgenomen.",
    "Wethouder sprak op de marktbijeenkomst over sociale inkoop; staat ook in het jaarverslag.",
    "Geen zicht op; opdrachtnemers rapporteren hier niet over.",
)
NAMES = ("Sanne de Vries", "Mark Jansen", "Fatima El Amrani", "Pieter Bakker", "Joyce Smit")
ROLES = ("HR-adviseur", "Inkoopadviseur", "Contractmanager", "Inclusie-adviseur", "Directeur")


def organisation_name(index: int) -> str:
    return f"Gemeente Voorbeeld {index:03d}"


def generate_database(path: Path, count: int, seed: int = 6, focus: int | None = None) -> Database:
    """A database of ``count`` completed scans of the full question set, written at once.

    Scans are spread over :data:`ORGANISATIONS` organisations; the first organisation gets
    ``focus`` (default :data:`HISTORY_SCANS`, half of a tiny database), the others share the
    rest.
    Every question is answered (now and then "na" or "unknown"), a third with a note;
    every organisation has three targets.
    """
    import msgspec

    from maturity_scan.atomic import encode_database, write_atomic
    from maturity_scan.config import Config
    from maturity_scan.core.models import NA, UNKNOWN, AnswerRecord, Respondent, Target
    from maturity_scan.storage.migrations import META, SCANS, SCHEMA_VERSION
    from maturity_scan.storage.store import TARGETS, make_scan

    rng = random.Random(seed * 1_000_003 + count)
    question_set = Config.create(environ={}).catalog.get(SET_ID, SET_VERSION)
    questions = [q for _, q in question_set.questions()]
    focus = min(HISTORY_SCANS, count // 2) if focus is None else focus
    first = datetime(2015, 1, 5, 9, 0).astimezone()
    span_minutes = int((datetime(2026, 11, 1).astimezone() - first).total_seconds() // 60)
    scans: dict[str, Any] = {}
    used: set[int] = set()
    for n in range(count):
        org = 0 if n < focus else 1 + (n - focus) % (ORGANISATIONS - 1)
        used.add(org)
        answers = {}
        for question in questions:
            roll = rng.random()
            level: Any
            if question.allow_na and roll < 0.1:
                level = NA
            elif roll > 0.95:
                level = UNKNOWN
            else:
                level = rng.randint(1, 5)
            note = rng.choice(NOTES) if rng.random() < 1 / 3 else ""
            answers[question.id] = AnswerRecord(level=level, note=note)
        scan = make_scan(
            organisation_name(org),
            question_set.ref,
            Respondent(name=rng.choice(NAMES), role=rng.choice(ROLES)),
            completed_at=first + timedelta(minutes=rng.randrange(span_minutes)),
            answers=answers,
        )
        scan = msgspec.structs.replace(scan, id=uuid.UUID(int=rng.getrandbits(128)).hex)
        scans[str(n + 1)] = msgspec.to_builtins(scan)
    targets: dict[str, Any] = {}
    by = date(2027, 12, 31)
    for org in sorted(used):
        for principle, level in (("bestuur", 4), ("hr-inkoop", 4), ("keten", 3)):
            target = Target(organisation_name(org), SET_ID, principle, level, by)
            targets[str(len(targets) + 1)] = msgspec.to_builtins(target)
    tables = {META: {"1": {"schema_version": SCHEMA_VERSION}}, SCANS: scans, TARGETS: targets}
    write_atomic(path, encode_database(tables))
    return Database(path, count, path.stat().st_size, organisation_name(0), focus)


# ------------------------------------------------------------------------------ processes


@dataclass(frozen=True)
class Sample:
    seconds: float
    max_rss: int | None  # bytes; None where the platform cannot tell


def _environment(cwd: Path) -> dict[str, str]:
    """The caller's environment without the program's own settings, and with bytecode cached
    (in ``cwd``, so the checkout is untouched): an installed program starts from ``.pyc``
    files, and every command and floor is measured after a warm-up run that writes them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATURITY_SCAN_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cwd / "pycache")
    return env


def run_process(args: Sequence[str], cwd: Path, extra_env: dict[str, str] | None = None) -> Sample:
    """Run ``args`` in ``cwd`` to the end (output discarded); wall time and the child's
    peak RSS as ``wait4`` reports it. On Linux that figure is at least the harness's own
    RSS at the moment of the fork (the kernel keeps the larger of the two over ``exec``), so
    :func:`peak_rss` measures memory instead."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(args),
            cwd=cwd,
            env=_environment(cwd) | (extra_env or {}),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        rss: int | None = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
        else:  # pragma: no cover - Windows
            proc.wait()
            elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            stderr.seek(0)
            message = stderr.read().decode("utf-8", "replace").strip()[-2000:]
            raise BenchmarkError(f"{' '.join(args)} exited with {proc.returncode}: {message}")
    return Sample(elapsed, rss)


#: Runs ``python -m maturity_scan ARGS`` and, at exit, writes the process's own peak RSS
#: (``VmHWM``, which starts afresh at ``exec``) to the file named by BENCH_HWM_FILE.
HWM_WRAPPER = """\
import atexit, os, runpy, sys


def _report():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                with open(os.environ["BENCH_HWM_FILE"], "w") as out:
                    out.write(line.split()[1])


atexit.register(_report)
sys.argv = ["maturity_scan", *sys.argv[1:]]
runpy.run_module("maturity_scan", run_name="__main__", alter_sys=True)
"""


def peak_rss(args: Sequence[str], cwd: Path) -> int | None:
    """Peak RSS in bytes of ``python -m maturity_scan ARGS``, measured inside the process;
    ``None`` where ``/proc`` is missing (then the ``wait4`` figure is all there is)."""
    if not Path("/proc/self/status").exists():
        return None
    out = cwd / "hwm.txt"
    out.unlink(missing_ok=True)
    run_process([sys.executable, "-c", HWM_WRAPPER, *args], cwd, {"BENCH_HWM_FILE": str(out)})
    return int(out.read_text()) * 1024


APP_START_SCRIPT = """\
import sys
from pathlib import Path

from maturity_scan.tui.app import make_app
from maturity_scan.config import Config
from maturity_scan.tui.screens.home import HomeScreen

app = make_app(Config.create(db=Path(sys.argv[1]), environ={}))
shown = []


async def auto_pilot(pilot):
    while True:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, HomeScreen) and screen.loaded:
            break
    shown.append(screen.scan_count)
    pilot.app.exit()


app.run(headless=True, auto_pilot=auto_pilot)
if not shown or shown[0] != int(sys.argv[2]):
    sys.exit(f"home showed {shown} rows, expected {sys.argv[2]}")
"""

BARE_START_SCRIPT = """\
from textual.app import App
from textual.widgets import Static


class Bare(App):
    def compose(self):
        yield Static("maturity-scan")


async def auto_pilot(pilot):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.exit()


Bare().run(headless=True, auto_pilot=auto_pilot)
"""


# ------------------------------------------------------------------------------ the suite


Log = Callable[[str], None]


def _stderr_log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Suite:
    def __init__(
        self,
        workdir: Path,
        sizes: Sequence[int] = FULL_SIZES,
        repeat: int = 5,
        answers: int = 50,
        log: Log = _stderr_log,
    ) -> None:
        if len(sizes) != 3 or sizes[0] != 0 or not 0 < sizes[1] < sizes[2]:
            raise ValueError("sizes: 0, then two growing sizes, e.g. 0,1000,10000")
        self.workdir = workdir
        self.sizes = tuple(sizes)
        self.repeat = max(1, repeat)
        self.answers = max(1, answers)
        self.log = log
        self.dbs: dict[int, Database] = {}
        self.results: list[Result] = []
        #: The benchmark round and a single scan of its organisation (made at first use).
        self.round_ids: tuple[str, str] | None = None

    # ----------------------------------------------------------------- plumbing

    def generate(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        for size in self.sizes:
            path = self.workdir / f"scans-{size}.json"
            start = time.perf_counter()
            self.dbs[size] = generate_database(path, size)
            seconds = time.perf_counter() - start
            self.log(f"data: {self.dbs[size].label} in {seconds:.1f} s")

    @property
    def empty(self) -> Database:
        return self.dbs[self.sizes[0]]

    @property
    def big(self) -> Database:
        return self.dbs[self.sizes[2]]

    def _scan_cmd(self, db: Database, *command: str) -> list[str]:
        return [sys.executable, "-m", "maturity_scan", "--db", str(db.path), *command]

    def _paired(
        self,
        a: Sequence[str],
        b: Sequence[str],
        between: Callable[[], float] | None = None,
        repeat: int | None = None,
    ) -> tuple[list[Sample], list[Sample], list[float]]:
        """Run ``a`` and ``b`` alternately, after one warm-up run of each; ``between`` (an
        in-process floor, timed by itself) runs after each pair, so the floor is measured
        under the same load as the commands and not in a burst of its own."""
        run_process(a, self.workdir)
        run_process(b, self.workdir)
        if between is not None:
            between()
        first, second, floors = [], [], []
        for _ in range(repeat or self.repeat):
            first.append(run_process(a, self.workdir))
            second.append(run_process(b, self.workdir))
            if between is not None:
                floors.append(between())
        return first, second, floors

    def add(self, result: Result) -> None:
        self.results.append(result)
        self.log(f"  {format_row(result)}")

    def run(self, cases: Sequence[str] = CASES) -> list[Result]:
        if not self.dbs:
            self.generate()
        for case in CASES:
            if case in cases:
                self.log(f"case: {case}")
                getattr(self, f"case_{case}")()
        return self.results

    def compared(
        self,
        case: str,
        measured: str,
        size: str,
        samples: Sequence[float],
        floor_samples: Sequence[float],
        floor_measured: str,
        target: float | None,
        stat: Callable[[Sequence[float]], float] = _median,
        extra: dict[str, Any] | None = None,
    ) -> None:
        """A row for ``stat(samples)`` against ``stat(floor_samples)``: at most ``target`` times
        as much (no target: for information only)."""
        value, floor = stat(samples), stat(floor_samples)
        ratio = _ratio(value, floor)
        self.add(
            Result(
                case=case,
                measured=measured,
                size=size,
                unit="s",
                median=value,
                minimum=min(samples),
                maximum=max(samples),
                floor=floor,
                floor_measured=floor_measured,
                ratio=ratio,
                target="—" if target is None else f"≤ {target:g}×",
                met=None if target is None else _at_most(ratio, target),
                samples=list(samples),
                floor_samples=list(floor_samples),
                extra=extra or {},
            )
        )

    # ----------------------------------------------------------------- cases

    def case_scripted(self) -> None:
        """``scan list`` on an empty database against ``python -c "import tinydb"``."""
        floor_cmd = [sys.executable, "-c", "import tinydb"]
        runs, floors, _ = self._paired(self._scan_cmd(self.empty, "scan", "list"), floor_cmd)
        self.compared(
            "scripted start",
            "maturity-scan scan list, whole process",
            self.empty.label,
            [s.seconds for s in runs],
            [s.seconds for s in floors],
            'python -c "import tinydb"',
            SCRIPTED_TARGET,
        )

    def case_app(self) -> None:
        """Process start until home is painted (headless) against a bare Textual app; the
        target is for the empty database, the larger ones are for information."""
        app_script = self.workdir / "app_start.py"
        bare_script = self.workdir / "bare_start.py"
        app_script.write_text(APP_START_SCRIPT, encoding="utf-8")
        bare_script.write_text(BARE_START_SCRIPT, encoding="utf-8")
        bare_cmd = [sys.executable, str(bare_script)]
        for size in self.sizes:
            db = self.dbs[size]
            app_cmd = [sys.executable, str(app_script), str(db.path), str(size)]
            runs, floors, _ = self._paired(app_cmd, bare_cmd)
            self.compared(
                "app start" if size == 0 else "app start (info)",
                "process start until home is painted, headless",
                db.label,
                [s.seconds for s in runs],
                [s.seconds for s in floors],
                "bare Textual app with one Static, the same way",
                APP_TARGET if size == 0 else None,
            )

    def case_reading(self) -> None:
        """``scan list`` and ``export``: minus the empty database, against ``json.load``;
        growth from the middle to the big size; peak memory of ``export``.

        At the middle size the net time (tens of milliseconds) is the difference of two
        process times of about 100 ms that each vary by ±20 ms on these machines, so it is
        measured ``MIDDLE_REPEAT`` times as often as the other sizes."""
        net: dict[tuple[str, int], list[float]] = {}
        export_rss: list[int] = []
        for command in (("scan", "list"), ("export",)):
            name = " ".join(command)
            for size in self.sizes[1:]:
                db = self.dbs[size]
                runs, empties, loads = self._paired(
                    self._scan_cmd(db, *command),
                    self._scan_cmd(self.empty, *command),
                    functools.partial(json_load_time, db.path),
                    self.repeat * (MIDDLE_REPEAT if size == self.sizes[1] else 1),
                )
                diffs = [r.seconds - e.seconds for r, e in zip(runs, empties, strict=True)]
                net[(name, size)] = diffs
                self.compared(
                    f"reading: {name}",
                    f"{name}, minus {name} on an empty database",
                    db.label,
                    diffs,
                    loads,
                    "json.load of the same file, in-process",
                    READING_TARGET,
                    extra={
                        "whole_process": [r.seconds for r in runs],
                        "empty_database": [e.seconds for e in empties],
                        "max_rss": [r.max_rss for r in runs],
                    },
                )
                if name == "export" and size == self.sizes[2]:
                    args = self._scan_cmd(db, *command)[3:]  # after "python -m maturity_scan"
                    measured = [peak_rss(args, self.workdir) for _ in range(self.repeat)]
                    export_rss = [m for m in measured if m is not None] or [
                        r.max_rss for r in runs if r.max_rss is not None
                    ]
        mid, big = self.sizes[1], self.sizes[2]
        for name in ("scan list", "export"):
            self.compared(
                f"growth: {name}",
                f"{name} net time at {big:,} scans / at {mid:,} scans",
                f"{mid:,} → {big:,} scans",
                net[(name, big)],
                net[(name, mid)],
                f"{name} net time at {mid:,} scans (linear: {big / mid:g}×)",
                GROWTH_SLACK * big / mid,
            )
        if export_rss:
            self.memory(export_rss)

    def memory(self, export_rss: Sequence[int]) -> None:
        size = self.big.bytes
        peak = _median(export_rss)
        self.add(
            Result(
                case="memory",
                measured="peak RSS of export, whole process (VmHWM, read at exit)",
                size=self.big.label,
                unit="bytes",
                median=peak,
                minimum=min(export_rss),
                maximum=max(export_rss),
                floor=float(size),
                floor_measured="database file size",
                ratio=(peak - MEMORY_BASE) / size if size else None,
                target=f"≤ {MEMORY_FACTOR:g}× file + 60 MB",
                met=peak <= MEMORY_FACTOR * size + MEMORY_BASE,
                samples=[float(x) for x in export_rss],
                floor_samples=[float(size)],
                extra={"ratio": "(peak RSS - 60 MB) / file size"},
            )
        )

    def case_scoring(self) -> None:
        """``score_scan`` over every scan of the big database: answers per second."""
        from maturity_scan.config import Config
        from maturity_scan.core.scoring import score_scan

        config = Config.create(db=self.big.path, environ={})
        catalog = config.catalog
        work = [
            (
                catalog.get(s.question_set.id, s.question_set.version),
                {q: r.level for q, r in s.answers.items()},
            )
            for s in config.store.scans()
        ]
        answers = sum(len(a) for _, a in work)
        for qs, levels in work[:100]:  # warm-up
            score_scan(qs, levels)
        times = []
        for _ in range(self.repeat):
            start = time.perf_counter()
            for qs, levels in work:
                score_scan(qs, levels)
            times.append(time.perf_counter() - start)
        rate = answers / _median(times) if _median(times) > 0 else math.inf
        self.add(
            Result(
                case="scoring",
                measured=f"score_scan of all {len(work):,} scans ({answers:,} answers)",
                size=self.big.label,
                unit="s",
                median=_median(times),
                minimum=min(times),
                maximum=max(times),
                floor=None,
                floor_measured="—",
                ratio=rate,
                target=f"≥ {SCORING_TARGET:,.0f} answers/s",
                met=rate >= SCORING_TARGET,
                samples=times,
                extra={"answers": answers, "answers_per_second": rate},
            )
        )

    def case_history(self) -> None:
        """Key ``h`` on home until history (50 scans) is painted, against reopening home."""
        history, home = asyncio.run(history_session(self.big, self.repeat))
        self.compared(
            "history",
            f"h on home until the history of {self.big.focus_scans} scans is painted",
            self.big.label,
            history,
            home,
            "Esc back to home until its rows are painted",
            HISTORY_TARGET,
        )

    def case_home(self) -> None:
        """App start in ``app.run_test()`` until home shows its rows: with the big database
        (10,000 scans of 100 organisations) against the same organisations with one scan
        each (100 scans)."""
        floor_path = self.workdir / "home-floor.json"
        organisations = len({s.organisation for s in _stored(self.big.path)})
        floor = generate_database(floor_path, organisations, focus=1)
        big: list[float] = []
        small: list[float] = []
        for i in range(self.repeat + 1):  # the first pair warms up
            big_time = asyncio.run(home_session(self.big.path, organisations))
            small_time = asyncio.run(home_session(floor.path, organisations))
            if i:
                big.append(big_time)
                small.append(small_time)
        self.compared(
            "home",
            f"app start until home shows its {organisations} organisations",
            self.big.label,
            big,
            small,
            f"the same with {floor.scans} scans (one per organisation)",
            HOME_TARGET,
        )

    def _round(self) -> tuple[str, str]:
        """The benchmark round (made once, in the big database) and a single scan of the same
        organisation, for the floor."""
        from benchmarks import rounds

        if self.round_ids is None:
            organisation = organisation_name(1)
            self.round_ids = (
                rounds.add_round(self.big.path, organisation),
                rounds.single_scan(self.big.path, organisation),
            )
        return self.round_ids

    def case_round(self) -> None:
        """``round show --json`` of a round of 30 against ``scan show --json`` of one scan."""
        from benchmarks import rounds

        round_id, scan_id = self._round()
        runs, floors, _ = self._paired(
            self._scan_cmd(self.big, "round", "show", round_id, "--json"),
            self._scan_cmd(self.big, "scan", "show", scan_id, "--json"),
        )
        self.compared(
            "round",
            f"round show --json, a round of {rounds.RESPONDENTS} respondents",
            self.big.label,
            [s.seconds for s in runs],
            [s.seconds for s in floors],
            "scan show --json of one scan",
            rounds.ROUND_TARGET,
        )

    def case_round_screen(self) -> None:
        """The round screen pushed until painted against the results screen of one scan."""
        from benchmarks import rounds

        round_id, scan_id = self._round()
        shown, floor = asyncio.run(
            rounds.round_screen_session(self.big.path, round_id, scan_id, self.repeat)
        )
        self.compared(
            "round screen",
            f"the round screen ({rounds.RESPONDENTS} respondents) pushed until painted",
            self.big.label,
            shown,
            floor,
            "the results screen of one scan, the same way",
            rounds.ROUND_SCREEN_TARGET,
        )

    def case_report(self) -> None:
        """``report --org`` (HTML) of the organisation with 50 scans against ``export --org``
        of the same organisation, both to a file, paired (#15)."""
        db = self.big
        out = self.workdir / "bench-report.html"
        floor_out = self.workdir / "bench-export.json"
        org = db.focus_organisation
        runs, floors, _ = self._paired(
            self._scan_cmd(db, "report", "--org", org, "-o", str(out), "--force"),
            self._scan_cmd(db, "export", "--org", org, "-o", str(floor_out), "--force"),
        )
        self.compared(
            "report",
            f"report --org (HTML) of an organisation with {db.focus_scans} scans",
            db.label,
            [s.seconds for s in runs],
            [s.seconds for s in floors],
            "export --org of the same organisation, to a file",
            REPORT_TARGET,
        )

    def case_report_pdf(self) -> None:
        """``report --org --format pdf`` against the HTML report of the same organisation: for
        information (the typst extra; what the PDF adds is typesetting)."""
        db = self.big
        org = db.focus_organisation
        base = self._scan_cmd(db, "report", "--org", org, "--force", "-o")
        runs, floors, _ = self._paired(
            [*base, str(self.workdir / "bench-report.pdf"), "--format", "pdf"],
            [*base, str(self.workdir / "bench-report.html")],
        )
        self.compared(
            "report pdf",
            f"report --org --format pdf of an organisation with {db.focus_scans} scans",
            db.label,
            [s.seconds for s in runs],
            [s.seconds for s in floors],
            "the HTML report of the same organisation",
            None,
        )

    def case_autosave(self) -> None:
        """Key press until the answer is on disk and the next question is painted: ``repeat``
        sessions of ``answers`` answers each, with the big and with the empty database."""
        folder = self.workdir / "autosave"
        pooled: dict[int, list[float]] = {self.sizes[0]: [], self.sizes[2]: []}
        for session in range(self.repeat):
            for size in pooled:
                folder.mkdir(exist_ok=True)
                copy = folder / f"scans-{size}.json"
                shutil.copyfile(self.dbs[size].path, copy)
                times = asyncio.run(
                    autosave_session(copy, self.answers, self.dbs[size].focus_organisation)
                )
                pooled[size].extend(times)
                self.log(
                    f"  autosave session {session + 1} at {size:,} scans: median "
                    f"{fmt_seconds(_median(times))}, p95 {fmt_seconds(p95(times))}"
                )
                shutil.rmtree(folder)
        big, empty = pooled[self.sizes[2]], pooled[self.sizes[0]]
        for label, stat, target in (
            ("median", _median, AUTOSAVE_MEDIAN_TARGET),
            ("p95", p95, AUTOSAVE_P95_TARGET),
        ):
            self.compared(
                f"autosave {label}",
                f"key press until saved and painted, {label} of {len(big)} answers",
                self.big.label,
                big,
                empty,
                f"the same, {label}, with an empty database",
                target,
                stat,
            )


def json_load_time(path: Path) -> float:
    """One in-process ``json.load`` of the database file."""
    start = time.perf_counter()
    with path.open("rb") as handle:
        json.load(handle)
    return time.perf_counter() - start


# ------------------------------------------------------------------------------ in the app


async def _home_loaded(pilot: Any) -> Any:
    """Wait until home shows its rows."""
    from maturity_scan.tui.screens.home import HomeScreen

    while True:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, HomeScreen) and screen.loaded:
            return screen


def _stored(path: Path) -> list[Any]:
    from maturity_scan.storage.store import Store

    return Store(path).scans()


async def home_session(path: Path, organisations: int) -> float:
    """Start the app on ``path``; the time until home shows a row per organisation."""
    from maturity_scan.config import Config
    from maturity_scan.tui.app import make_app

    app = make_app(Config.create(db=path, environ={}))
    start = time.perf_counter()
    async with app.run_test(size=APP_SIZE) as pilot:
        screen = await _home_loaded(pilot)
        seconds = time.perf_counter() - start
        shown = screen.query_one("#orgs").row_count
        if shown != organisations:
            raise BenchmarkError(f"home shows {shown} organisations, expected {organisations}")
    return seconds


async def history_session(db: Database, repeat: int) -> tuple[list[float], list[float]]:
    """Open the history of the organisation with 50 scans from home, and go back, ``repeat``
    times after one warm-up; the time of each key press until the screen is painted."""
    from textual.widgets import DataTable

    from maturity_scan.config import Config
    from maturity_scan.tui.app import make_app
    from maturity_scan.tui.screens.history import HistoryScreen

    app = make_app(Config.create(db=db.path, environ={}))
    history: list[float] = []
    home: list[float] = []
    async with app.run_test(size=APP_SIZE) as pilot:
        screen = await _home_loaded(pilot)
        row = next(i for i, r in enumerate(screen.rows) if r.name == db.focus_organisation)
        screen.query_one("#orgs", DataTable).move_cursor(row=row)
        await pilot.pause()
        for i in range(repeat + 1):
            start = time.perf_counter()
            await pilot.press("h")
            while True:
                await app.workers.wait_for_complete()
                await pilot.pause()
                if isinstance(app.screen, HistoryScreen) and app.screen.points:
                    break
            if i:
                history.append(time.perf_counter() - start)
            if len(app.screen.points) != db.focus_scans:
                raise BenchmarkError(f"history shows {len(app.screen.points)} scans")
            start = time.perf_counter()
            await pilot.press("escape")
            while True:
                # home re-reads only when the database changed (it did not): back is back
                # once home is shown with no read running
                await app.workers.wait_for_complete()
                await pilot.pause()
                if app.screen is screen and screen.loaded:
                    break
            if i:
                home.append(time.perf_counter() - start)
    return history, home


async def autosave_session(path: Path, answers: int, organisation: str) -> list[float]:
    """Open a new draft in the questionnaire and answer ``answers`` questions (going round
    the questions again when all are answered); per answer, the time from the key press
    until the write is on disk (``pending == 0``) and the screen has processed it."""
    from maturity_scan.config import Config
    from maturity_scan.core.models import Respondent
    from maturity_scan.storage.store import Store
    from maturity_scan.tui.app import make_app
    from maturity_scan.tui.screens.questionnaire import QuestionnaireScreen

    config = Config.create(db=path, environ={})
    question_set = config.catalog.get(SET_ID, SET_VERSION)
    # One write before the clock runs (it also makes the day's backup, once).
    draft = config.store.create_draft(organisation, question_set.ref, Respondent(name="Bench"))
    app = make_app(config)
    times: list[float] = []
    async with app.run_test(size=APP_SIZE) as pilot:
        await _home_loaded(pilot)
        screen = QuestionnaireScreen(draft, question_set, start=0)
        await app.push_screen(screen)
        await pilot.pause()
        count = len(screen.items)
        for i in range(answers):
            position = i % count
            if screen.index != position:
                screen.action_move(position - screen.index)
                await pilot.pause()
            start = time.perf_counter()
            await pilot.press(str(1 + i % 5))
            while screen.pending:
                if not app.is_running or time.perf_counter() - start > SAVE_TIMEOUT:
                    raise BenchmarkError(f"answer {i + 1} not saved: {_app_state(app, screen)}")
                await pilot.pause(0.001)
            if getattr(screen, "failed", False):
                raise BenchmarkError(f"answer {i + 1} failed: {_app_state(app, screen)}")
            times.append(time.perf_counter() - start)
    stored = Store(path).get(draft.id)
    if len(stored.answers) != min(answers, count):
        raise BenchmarkError(
            f"{len(stored.answers)} answers stored, expected {min(answers, count)}"
        )
    return times


def _app_state(app: Any, screen: Any) -> str:
    """What the app shows and does, for the message of a failed session."""
    notes = [str(n.message) for n in getattr(app, "_notifications", [])]
    return (
        f"running {app.is_running}, return code {app.return_code}, screen {app.screen!r}, "
        f"pending {screen.pending}, notifications {notes}"
    )


# ------------------------------------------------------------------------------ output


def fmt_seconds(value: float) -> str:
    if math.isnan(value):
        return "—"
    if abs(value) < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "bytes":
        return f"{value / MB:.1f} MB"
    return fmt_seconds(value)


def fmt_ratio(result: Result) -> str:
    if result.ratio is None:
        return "—"
    if result.case == "scoring":
        return f"{result.ratio:,.0f}/s"
    return f"{result.ratio:.2f}×"


def fmt_met(met: bool | None) -> str:
    return "—" if met is None else "yes" if met else "no"


HEADERS = ("case", "size", "median", "min", "max", "floor", "ratio", "target", "met")


def cells(result: Result) -> list[str]:
    return [
        result.case,
        result.size,
        fmt_value(result.median, result.unit),
        fmt_value(result.minimum, result.unit),
        fmt_value(result.maximum, result.unit),
        fmt_value(result.floor, result.unit),
        fmt_ratio(result),
        result.target,
        fmt_met(result.met),
    ]


def format_row(result: Result) -> str:
    return " | ".join(cells(result))


def format_table(results: Sequence[Result], markdown: bool = False) -> str:
    rows = [cells(r) for r in results]
    if markdown:
        lines = ["| " + " | ".join(HEADERS) + " |", "|" + " --- |" * len(HEADERS)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(HEADERS)]
    line = "  ".join(h.ljust(w) for h, w in zip(HEADERS, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(out)


def machine() -> dict[str, Any]:
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "processor": platform.machine(),
        "cpus": os.cpu_count(),
    }


def code_version() -> dict[str, Any]:
    """The commit and a digest of the program's source, to tell whether the code being
    measured changed during a run (an editable install picks up edits at once)."""
    digest = hashlib.sha256()
    package = REPO / "maturity_scan"
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".toml", ".tcss", ".json"}:
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = None
    return {"commit": commit, "source_sha256": digest.hexdigest()}


def report(
    suite: Suite, started: datetime, seconds: float, code: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "date": started.isoformat(timespec="seconds"),
        "seconds": round(seconds, 1),
        "machine": machine(),
        "code": code or {},
        "sizes": list(suite.sizes),
        "repeat": suite.repeat,
        "answers": suite.answers,
        "databases": {str(s): {"scans": d.scans, "bytes": d.bytes} for s, d in suite.dbs.items()},
        "results": [asdict(r) for r in suite.results],
    }


# ------------------------------------------------------------------------------ main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--repeat", type=int, default=None, help="repetitions (default 5)")
    parser.add_argument(
        "--quick", action="store_true", help="tiny sizes (0/20/100 scans), 2 repetitions"
    )
    parser.add_argument(
        "--sizes", help="three sizes, the first 0 (default 0,1000,10000)", default=None
    )
    parser.add_argument("--answers", type=int, default=50, help="answers per autosave session")
    parser.add_argument(
        "--cases", default=",".join(CASES), help=f"comma-separated subset of {','.join(CASES)}"
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where the JSON goes")
    parser.add_argument("--data-dir", type=Path, help="generate the databases here and keep them")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.sizes:
        sizes = tuple(int(s) for s in args.sizes.split(","))
    else:
        sizes = QUICK_SIZES if args.quick else FULL_SIZES
    repeat = args.repeat if args.repeat is not None else 2 if args.quick else 5
    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = sorted(set(cases) - set(CASES))
    if unknown:
        print(f"unknown case(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    started = datetime.now().astimezone()
    clock = time.perf_counter()
    code = code_version()
    error: str | None = None
    with tempfile.TemporaryDirectory(prefix="maturity-scan-bench-") as temp:
        workdir = args.data_dir or Path(temp)
        suite = Suite(workdir, sizes, repeat, args.answers)
        try:
            suite.run(cases)
        except BenchmarkError as err:  # still show (and keep) what was measured
            error = str(err)
    seconds = time.perf_counter() - clock
    print(
        f"maturity-scan benchmarks, {started:%Y-%m-%d %H:%M}, Python {machine()['python']}, "
        f"{os.cpu_count()} CPUs, {repeat} repetitions, {seconds:.0f} s"
    )
    print(format_table(suite.results, markdown=args.markdown))
    figures = report(suite, started, seconds, code)
    if code_version()["source_sha256"] != code["source_sha256"]:
        warning = "maturity_scan/ changed during the run: the figures mix two versions"
        print(f"warning: {warning}", file=sys.stderr)
        figures["warning"] = warning
    if error is not None:
        figures["error"] = error
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"figures: {args.json}")
    if error is not None:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
