"""What a board report is made from, read from the store: a scan, an organisation (its latest
point with its history) or a team round, built into a
:class:`~maturity_scan.present.board_report.BoardReport`. The command line (``maturity-scan
report``) and the app's report key both call these; writing the file is theirs (through
:mod:`~maturity_scan.exchange.outputs`, like exports)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from maturity_scan.errors import ScanError

if TYPE_CHECKING:
    from maturity_scan.core.catalog import Catalog
    from maturity_scan.core.models import Lang, QuestionSet, Round, Scan
    from maturity_scan.present.board_report import BoardReport
    from maturity_scan.storage.store import Store


def scan_board(store: Store, catalog: Catalog, scan_id: str, lang: Lang, made: date) -> BoardReport:
    """The report of one completed scan (an id or its first characters), with the
    organisation's points up to it."""
    from maturity_scan.core.history import history_report
    from maturity_scan.core.report import build_report, previous_scan
    from maturity_scan.present.board_report import board_report

    found = store.get(scan_id)
    if found.status != "completed":
        raise ScanError("err.report_draft", id=found.short_id)
    question_set = catalog.get(found.question_set.id, found.question_set.version)
    contents = store.contents(found.organisation)
    found = next((s for s in contents.scans if s.id == found.id), found)  # one read for all
    before = previous_scan(found, contents.scans, catalog, contents.rounds)
    previous = None
    if before is not None:
        ref = before.question_set
        previous = (before, catalog.get(ref.id, ref.version))
    report = build_report(found, question_set, contents.targets, previous)
    history = history_report(contents.scans, catalog, contents.rounds)
    ids = [p.scan_id for p in history.points]
    points = history.points[: ids.index(found.id) + 1] if found.id in ids else []
    return board_report(report, question_set, lang, made=made, history=points)


def org_board(
    store: Store, catalog: Catalog, organisation: str, lang: Lang, made: date
) -> BoardReport | None:
    """The report of an organisation (its name; case, accents and spacing do not count): its
    latest point (a scan, or a team round's result), with its history. None when the store
    has nothing of that name (the caller says which names look like it)."""
    from maturity_scan.core.history import history_report
    from maturity_scan.core.report import build_report
    from maturity_scan.present.board_report import board_report

    contents = store.contents(organisation)  # one read for all
    if not contents.scans and not contents.rounds:
        return None
    history = history_report(contents.scans, catalog, contents.rounds)
    if not history.scans:
        stored = (contents.scans or contents.rounds)[0].organisation
        raise ScanError("err.report_no_points", org=stored)
    latest = history.scans[-1]
    question_set = catalog.get(latest.question_set.id, latest.question_set.version)
    previous = None
    if len(history.scans) > 1:
        before = history.scans[-2]
        ref = before.question_set
        previous = (before, catalog.get(ref.id, ref.version))
    report = build_report(latest, question_set, contents.targets, previous)
    who = None
    if latest.round is not None:  # a team round's point: the round, not a respondent
        from maturity_scan.i18n import tr

        titles = {r.id: r.title for r in contents.rounds}
        who = [(tr("board.round", lang), titles.get(latest.round.id, latest.round.id[:8]))]
    return board_report(report, question_set, lang, made=made, history=history.points, who=who)


def round_board(
    made_round: Round, scans: list[Scan], question_set: QuestionSet, lang: Lang, made: date
) -> BoardReport:
    """The report of a team round (with its scans, scored with the set version it pinned):
    its result (consensus, else provisional) and where the roles agree and where not."""
    from maturity_scan.core.round_report import build_round_report
    from maturity_scan.present.board_round import round_board_report

    report = build_round_report(made_round, scans, question_set)
    return round_board_report(report, question_set, lang, made=made)
