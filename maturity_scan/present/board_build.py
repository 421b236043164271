"""What a board report is made from, read from the store: a scan, an organisation (its latest
point with its history) or a team round, built into a
:class:`~maturity_scan.present.board_report.BoardReport`. The command line (``maturity-scan
report``) and the app's report key both call these; writing the file is theirs (through
:mod:`~maturity_scan.exchange.outputs`, like exports)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from maturity_scan.dates import day_label
from maturity_scan.errors import ScanError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from maturity_scan.core.catalog import Catalog
    from maturity_scan.core.history import HistoryReport
    from maturity_scan.core.models import Lang, QuestionSet, Round, RoundLink, Scan
    from maturity_scan.core.round_notes import QuestionNotes
    from maturity_scan.core.round_report import RoundReport
    from maturity_scan.present.board_report import BoardReport, Subject
    from maturity_scan.storage.contents import Contents
    from maturity_scan.storage.store import Store


def scan_board(store: Store, catalog: Catalog, scan_id: str, lang: Lang, made: date) -> BoardReport:
    """The report of one completed scan (an id or its first characters), with the
    organisation's points up to it; of a round's consensus, with the round's facts; of a
    respondent's answers in a round, saying so, without a change against the organisation's
    previous point."""
    from maturity_scan.core.history import history_report
    from maturity_scan.core.report import build_report, previous_scan
    from maturity_scan.present.board_report import board_report

    found = store.get(scan_id)
    if found.status != "completed":
        raise ScanError("err.report_draft", id=found.short_id)
    question_set = catalog.get(found.question_set.id, found.question_set.version)
    contents = store.contents(found.organisation)
    found = next((s for s in contents.scans if s.id == found.id), found)  # one read for all
    history = history_report(contents.scans, catalog, contents.rounds)
    subject = scan_subject(found)
    ids = [p.scan_id for p in history.points]
    if found.id in ids:  # a point (a scan of its own, a consensus): as the history has it
        index = ids.index(found.id)
        return _point_board(contents, catalog, history, index, lang, made, subject)
    if found.round is not None and found.round.kind == "response":
        # one respondent's answers: not a point, so no change against the organisation's
        # previous point (that would read as its progress); the header says what it is
        report = build_report(found, question_set, contents.targets)
        who = _response_facts(found, found.round, contents.rounds, question_set, lang)
        return board_report(report, question_set, lang, subject=subject, made=made, who=who)
    before = previous_scan(found, contents.scans, catalog, contents.rounds)
    previous = None
    if before is not None:
        ref = before.question_set
        previous = (before, catalog.get(ref.id, ref.version))
    report = build_report(found, question_set, contents.targets, previous)
    return board_report(report, question_set, lang, subject=subject, made=made)


def _response_facts(
    scan: Scan, link: RoundLink, rounds: Sequence[Round], question_set: QuestionSet, lang: Lang
) -> list[tuple[str, str]]:
    """The header facts of a respondent's scan in a round: what it is (as ``scan show``
    says it: the round, the role; the round counts as one point) and who answered, as the
    round's visibility allows."""
    from maturity_scan.core.round_report import shown_respondent
    from maturity_scan.i18n import tr

    made_round = next((r for r in rounds if r.id == link.id), None)
    shown = shown_respondent(made_round, scan) if made_round is not None else None
    role = shown.role if shown is not None else link.role
    said = tr(
        "cli.scan_round_response",
        lang,
        id=link.id[:8],
        title=made_round.title if made_round is not None else "",
        role=question_set.role_name(role, lang) if role else "—",
    )
    facts = [(tr("board.round", lang), said)]
    if shown is not None and shown.name:
        facts.append((tr("board.respondent", lang), shown.name))
    return facts


def org_board(
    store: Store, catalog: Catalog, organisation: str, lang: Lang, made: date
) -> BoardReport | None:
    """The report of an organisation (its name; case, accents and spacing do not count): its
    latest point (a scan, or a team round's result), with its history. None when the store
    has nothing of that name (the caller says which names look like it)."""
    from maturity_scan.core.history import history_report

    contents = store.contents(organisation)  # one read for all
    if not contents.scans and not contents.rounds:
        return None
    history = history_report(contents.scans, catalog, contents.rounds)
    if not history.scans:
        stored = (contents.scans or contents.rounds)[0].organisation
        raise ScanError("err.report_no_points", org=stored)
    last, subject = len(history.points) - 1, _subject("organisation", made.isoformat())
    return _point_board(contents, catalog, history, last, lang, made, subject)


def round_board(
    store: Store, catalog: Catalog, made_round: Round, lang: Lang, made: date
) -> BoardReport:
    """The report of a team round (scored with the set version it pinned): its result
    (consensus, else provisional) as the organisation's point, with the round's own part:
    where the roles agree and where not."""
    from maturity_scan.core.history import history_report
    from maturity_scan.present.board_round import round_board_report

    contents = store.contents(made_round.organisation)  # one read for all
    question_set = catalog.get(made_round.question_set.id, made_round.question_set.version)
    report, notes = _round_report(contents, made_round, question_set)
    history = history_report(contents.scans, catalog, contents.rounds)
    result = report.consensus_scan.id if report.consensus_scan is not None else None
    wanted = [
        i
        for i, p in enumerate(history.points)
        if p.round == made_round.id and (result is None or p.scan_id == result)
    ]
    subject = _subject("round", made_round.opened.isoformat())
    if wanted:
        base = _point_board(contents, catalog, history, wanted[-1], lang, made, subject, report)
    else:  # no point yet (nobody finished): the provisional result on its own
        from maturity_scan.present.board_report import board_report
        from maturity_scan.present.board_round import round_facts

        who = round_facts(report, lang)
        base = board_report(
            report.provisional,
            question_set,
            lang,
            subject=subject,
            made=made,
            who=who,
            provisional=True,
        )
    return round_board_report(report, base, notes, question_set, lang)


def _subject(kind: str, day: str, tag: str = "") -> Subject:
    from maturity_scan.present.board_report import Subject

    return Subject(kind, day, tag)


def scan_subject(scan: Scan) -> Subject:
    """A scan's report is named after what it is: a scan, a round's consensus, or one
    respondent's answers (with the scan's short id: several answer on one day)."""
    day = day_label(scan.date)
    if scan.round is None:
        return _subject("scan", day)
    if scan.round.kind == "consensus":
        return _subject("consensus", day)
    return _subject("response", day, scan.short_id)


def _round_report(
    contents: Contents, made_round: Round, question_set: QuestionSet
) -> tuple[RoundReport, list[QuestionNotes]]:
    """The round's report and its respondents' notes."""
    from maturity_scan.core.round_notes import respondent_notes
    from maturity_scan.core.round_report import build_round_report

    own = [s for s in contents.scans if s.round is not None and s.round.id == made_round.id]
    return (
        build_round_report(made_round, own, question_set),
        respondent_notes(made_round, own, question_set),
    )


def _point_board(
    contents: Contents,
    catalog: Catalog,
    history: HistoryReport,
    index: int,
    lang: Lang,
    made: date,
    subject: Subject,
    report: RoundReport | None = None,
) -> BoardReport:
    """The report on the organisation's point ``index`` of ``history``: the organisation's
    targets, the change since the point before, the history up to it; a round's point with
    the round's facts (``report``: the round's report, when the caller has it, who adds the
    round's own part), and otherwise its "don't know" questions and respondents' notes."""
    from dataclasses import replace

    from maturity_scan.core.report import build_report
    from maturity_scan.present.board_report import board_report
    from maturity_scan.present.board_round import point_round_block, round_facts

    scan: Scan = history.scans[index]
    point = history.points[index]
    question_set = catalog.get(scan.question_set.id, scan.question_set.version)
    previous = None
    if index > 0:
        before = history.scans[index - 1]
        ref = before.question_set
        previous = (before, catalog.get(ref.id, ref.version))
    result = build_report(scan, question_set, contents.targets, previous)
    who = None
    part = None
    if point.round is not None:  # a team round's point: the round, not a respondent
        if report is None:
            made_round = next((r for r in contents.rounds if r.id == point.round), None)
            if made_round is not None:
                report, notes = _round_report(contents, made_round, question_set)
                part = point_round_block(report, notes, question_set, lang)
        if report is not None:
            who = round_facts(report, lang)
    board = board_report(
        result,
        question_set,
        lang,
        subject=subject,
        made=made,
        history=history.points[: index + 1],
        who=who,
        provisional=point.provisional,
    )
    return board if part is None else replace(board, round=part)
