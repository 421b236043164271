"""A scan keeps the date it was taken: reopening and finishing again never moves it, and its
date and respondent can be corrected afterwards."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from maturity_scan.core.models import Respondent, SetRef
from maturity_scan.storage.store import Store, make_scan

REF = SetRef(id="sociale-inkoop", version="1.0")
JUNE = datetime(2026, 6, 1, 12, tzinfo=UTC)
SEPTEMBER = datetime(2026, 9, 1, 12, tzinfo=UTC)


def test_reopen_and_finish_again_keeps_the_date(db_path: Path) -> None:
    store = Store(db_path)
    june = store.add(make_scan("Gemeente Ommen", REF, completed_at=JUNE))
    store.add(make_scan("Gemeente Ommen", REF, completed_at=SEPTEMBER))
    store.reopen(june.id)
    store.set_answer(june.id, "bestuur-principebesluit", 4)
    store.complete(june.id)
    again = store.get(june.id)
    assert again.status == "completed"
    assert again.date == JUNE
    assert [s.date for s in store.scans("Gemeente Ommen")] == [JUNE, SEPTEMBER]


def test_reopen_of_a_scan_stored_without_taken_at_keeps_its_completion_day(
    db_path: Path,
) -> None:
    import msgspec

    store = Store(db_path)
    old = msgspec.structs.replace(make_scan("X", REF, completed_at=JUNE), taken_at=None)
    store.add(old)
    store.reopen(old.id)
    store.complete(old.id)
    assert store.get(old.id).date == JUNE


def test_edit_changes_date_and_respondent_only(db_path: Path) -> None:
    store = Store(db_path)
    scan = store.add(make_scan("X", REF, Respondent(name="A", role="B"), completed_at=JUNE))
    store.edit(scan.id, taken_at=SEPTEMBER)
    assert store.get(scan.id).date == SEPTEMBER
    assert store.get(scan.id).respondent == Respondent(name="A", role="B")
    store.edit(scan.id, respondent=Respondent(name="C"))
    edited = store.get(scan.id)
    assert edited.respondent == Respondent(name="C")
    assert edited.date == SEPTEMBER and edited.answers == scan.answers
