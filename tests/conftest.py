"""Shared fixtures. No test touches the real user data directory: every database is in tmp_path."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from textual.app import App
from textual.worker import WorkerCancelled

from maturity_scan.config import Config
from maturity_scan.core.models import AnswerRecord, AnswerValue, Respondent, Scan, SetRef
from maturity_scan.storage.store import Store

# Tests never depend on the machine's speed: no hypothesis deadline and no "too slow" health
# check, whatever a test's own settings say (a 200 ms deadline failed on a busy machine).
settings.register_profile(
    "no-deadlines",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("no-deadlines")

FIXTURES = Path(__file__).parent / "fixtures"
MINI_SETS = FIXTURES / "sets"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Point every default path into tmp_path, and drop the user's settings."""
    monkeypatch.setenv("MATURITY_SCAN_DB", str(tmp_path / "default-db.json"))
    monkeypatch.delenv("MATURITY_SCAN_QUESTIONS", raising=False)
    monkeypatch.delenv("MATURITY_SCAN_LANG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("MATURITY_SCAN_CACHE", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("MATURITY_SCAN_CONFIG", raising=False)
    monkeypatch.setenv("MATURITY_SCAN_LOG_DIR", str(tmp_path / "logs"))
    yield


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "scans.json"


def make_config(db: Path, lang: str = "nl", extra_dirs: tuple[Path, ...] = ()) -> Config:
    return Config.create(db=db, questions_dirs=extra_dirs, lang=lang, environ={})


def at(day: str) -> datetime:
    """A fixed moment on ``day`` (YYYY-MM-DD), so snapshots and sorting are deterministic."""
    return datetime.fromisoformat(f"{day}T10:00:00").replace(tzinfo=UTC)


def seed_scan(
    store: Store,
    organisation: str,
    day: str,
    answers: Mapping[str, AnswerValue],
    *,
    status: str = "completed",
    set_id: str = "sociale-inkoop",
    version: str = "1.0",
    notes: Mapping[str, str] | None = None,
    respondent: Respondent | None = None,
    scan_id: str | None = None,
) -> Scan:
    notes = notes or {}
    records = {
        q: AnswerRecord(level=answers.get(q), note=notes.get(q, "")) for q in {*answers, *notes}
    }
    scan = Scan(
        id=scan_id or _seed_id(organisation, day),
        organisation=organisation,
        respondent=respondent or Respondent(),
        question_set=SetRef(id=set_id, version=version),
        status=status,  # type: ignore[arg-type]
        started_at=at(day),
        completed_at=at(day) if status == "completed" else None,
        answers=records,
    )
    return store.add(scan)


def _seed_id(organisation: str, day: str) -> str:
    """A fixed id of the form the program makes (32 hex digits), so an export of seeded scans
    imports; ordered by organisation (first letters) and day, as the ids used to be."""
    letters = organisation[:4].lower().encode("utf-8").hex().ljust(16, "0")[:16]
    return (letters + day.replace("-", "")).ljust(32, "0")


async def wait_for_workers(app: App[object]) -> None:
    """Until no worker of ``app`` is running. A worker replaced by a newer one of its
    exclusive group (a screen reloading twice in a row) ends cancelled, and
    ``wait_for_complete`` raises WorkerCancelled for it: that is not a failure here."""
    while pending := [w for w in app.workers if not (w.is_finished or w.is_cancelled)]:
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete(pending)
