"""The report of a scan: everything a person reads about it, built once, rendered by every
front end (``scan show`` as text and JSON, the app's results, a board report).

:func:`build_report` is pure: the caller reads the scan, the organisation's targets and its
previous completed scan (:func:`previous_scan` picks it from the organisation's scans). The
scores, the advice and the change come from :mod:`~maturity_scan.core.scoring`,
:mod:`~maturity_scan.core.advice` and :mod:`~maturity_scan.core.compare`; this module only
gathers them per principle.

Texts of the question set stay :class:`~maturity_scan.lang.Text` (every language), so one
report serves every language: a renderer picks the language; JSON carries them all. Scores
are exact (a renderer rounds them down for the screen). The JSON form (``scan show --json``)
holds every field of the export format's scan, and more: see README, "The report".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

import msgspec

from maturity_scan.core.advice import (
    NextStep,
    aim,
    holding_back,
    level_advice,
    next_steps,
    unknown_questions,
)
from maturity_scan.core.catalog import Catalog
from maturity_scan.core.compare import compare
from maturity_scan.core.history import DELTA_DIGITS, answer_levels
from maturity_scan.core.models import (
    AnswerValue,
    LevelDef,
    Question,
    QuestionSet,
    Respondent,
    Round,
    RoundLink,
    Scan,
    ScanStatus,
    ScoringRules,
    SetRef,
    Target,
    Text,
)
from maturity_scan.core.names import org_key
from maturity_scan.core.points import is_provisional, materialise, sources
from maturity_scan.core.scoring import OverallScore, PrincipleScore, score_scan


class ReportSet(msgspec.Struct, gc=False, frozen=True):
    """The question set the scan was made (and is scored) with."""

    id: str
    version: str
    title: Text


class ReportAnswer(msgspec.Struct, gc=False, frozen=True):
    """One question and its answer, with the texts a person reads."""

    question: str
    principle: str
    weight: float
    #: 1-5, ``"na"``, ``"unknown"`` or ``None`` (not answered).
    level: AnswerValue
    note: str
    #: The question.
    text: Text
    #: What the organisation does at the level chosen; ``None`` without a level.
    anchor: Text | None
    #: Carried over from the scan this one follows and never confirmed or changed.
    carried: bool = False


class ReportTarget(msgspec.Struct, gc=False, frozen=True):
    """The organisation's target for a principle, and how far the scan is from it."""

    level: int
    by: date | None
    #: The principle's level is at or above the target.
    reached: bool
    #: ``level − score``, exact; ``None`` when reached or without a score.
    gap: float | None


class Change(msgspec.Struct, gc=False, frozen=True):
    """A score against the same principle (or overall) in the previous completed scan."""

    previous_score: float | None
    previous_level: int | None
    #: ``score − previous_score``; ``None`` when either is ``None``.
    delta: float | None


class PrincipleReport(msgspec.Struct, gc=False, frozen=True):
    id: str
    title: Text
    score: float | None
    level: int | None
    level_name: Text | None
    #: Coverage: answered with a level, applicable (questions − "na"), all questions,
    #: "na", "don't know", and not answered at all.
    answered: int
    applicable: int
    questions: int
    na: int
    unknown: int
    open: int
    #: The level to work towards: the next level, or the target when that is higher;
    #: ``None`` at level 5 or without a level.
    aim: int | None
    aim_name: Text | None
    target: ReportTarget | None
    #: Answers below ``aim``, lowest first.
    holding_back: list[ReportAnswer]
    #: Answers "don't know": things to find out.
    dont_know: list[ReportAnswer]
    #: The other answers with a note (those above carry their own note).
    notes: list[ReportAnswer]
    #: What to do next, most important first (:func:`~maturity_scan.core.advice.next_steps`):
    #: per answer that holds the principle back its step, and per "don't know" answer a step
    #: to find out; from a set without steps per answer, its advice for the level reached.
    next_steps: list[NextStep]
    #: The set's advice from the level reached up to ``aim``: context for the steps (the
    #: same texts as ``next_steps`` when the set has no steps per answer).
    level_advice: list[Text]
    #: Against the previous completed scan; ``None`` without one, or when its question set
    #: has no such principle.
    change: Change | None
    #: Answers carried over from the scan this one follows and never judged again.
    carried: list[ReportAnswer] = []


class OverallReport(msgspec.Struct, gc=False, frozen=True):
    score: float | None
    level: int | None
    level_name: Text | None
    level_description: Text | None
    change: Change | None


class ReportScores(msgspec.Struct, gc=False, frozen=True):
    principles: list[PrincipleReport]
    overall: OverallReport
    #: The rules the scores follow: the question set's ``[scoring]`` (as in the export).
    rules: ScoringRules = ScoringRules()


class PreviousScan(msgspec.Struct, gc=False, frozen=True):
    """The organisation's point before this one, the changes are against: a completed scan,
    or a team round's consensus or provisional result (:mod:`~maturity_scan.core.points`)."""

    #: Of a provisional result ``<round id>-provisional``: not a stored scan.
    id: str
    date: datetime
    question_set: SetRef
    #: The team round it is the point of, if any.
    round: str | None = None
    #: A round's provisional result (no consensus yet).
    provisional: bool = False

    @classmethod
    def of(cls, scan: Scan) -> PreviousScan:
        link = scan.round
        return cls(
            scan.id,
            scan.date,
            scan.question_set,
            round=link.id if link is not None and link.kind == "consensus" else None,
            provisional=is_provisional(scan),
        )


class ScanReport(msgspec.Struct, gc=False, frozen=True):
    id: str
    organisation: str
    respondent: Respondent
    question_set: ReportSet
    status: ScanStatus
    #: The scan's date (:attr:`Scan.date`): taken, else completed, else started.
    date: datetime
    started_at: datetime
    completed_at: datetime | None
    taken_at: datetime | None
    #: The set's levels 1-5 with name and description (the scale of the chart).
    levels: list[LevelDef]
    scores: ReportScores
    #: Every question of the set, in its order.
    answers: list[ReportAnswer]
    previous: PreviousScan | None
    #: The scan this one started from (a follow-up scan), if any; its answers still carried
    #: over are marked per answer (``carried``).
    follows: str | None = None
    #: The team round the scan belongs to (a respondent's scan or the consensus), as the
    #: export writes it; None for a scan of its own.
    round: RoundLink | None = None

    @property
    def short_id(self) -> str:
        return self.id[:8]

    @property
    def has_targets(self) -> bool:
        return any(p.target is not None for p in self.scores.principles)


def previous_scan(
    scan: Scan, scans: Iterable[Scan], catalog: Catalog, rounds: Iterable[Round] = ()
) -> Scan | None:
    """The organisation's point just before ``scan`` in history order (date, then id, as
    :func:`~maturity_scan.core.history.history`): a completed scan of its own, or a round's
    consensus, or its provisional result (``rounds``: the organisation's rounds;
    :mod:`~maturity_scan.core.points`); never a respondent's scan, nor the point of the round
    ``scan`` is in. Points whose question-set version is not installed are skipped, as history
    does; ``None`` if there is none."""
    organisation = org_key(scan.organisation)
    own_round = scan.round.id if scan.round is not None else None
    own = [s for s in scans if s.id != scan.id and org_key(s.organisation) == organisation]
    mine = [r for r in rounds if org_key(r.organisation) == organisation]
    earlier = [
        s
        for s in sources(own, mine)
        if s.order[:2] < (scan.date, scan.id) and (own_round is None or s.round_id != own_round)
    ]
    find = _finder(catalog)
    for source in reversed(earlier):
        point = materialise(source, find)
        if find(point.scan.question_set) is not None:
            return point.scan
    return None


def _finder(catalog: Catalog) -> Callable[[SetRef], QuestionSet | None]:
    return lambda ref: catalog.find(ref.id, ref.version)


def build_report(
    scan: Scan,
    question_set: QuestionSet,
    targets: Sequence[Target] = (),
    previous: tuple[Scan, QuestionSet] | None = None,
) -> ScanReport:
    """The report of ``scan`` scored with ``question_set`` (the version it was made with).

    ``targets``: the organisation's (others, and those of other sets, are ignored);
    ``previous``: the scan the changes are against, with its question set (see
    :func:`previous_scan`), or ``None``."""
    levels = answer_levels(scan)
    scores = score_scan(question_set, levels)
    goals = {
        t.principle: t
        for t in targets
        if t.question_set == question_set.id
        and org_key(t.organisation) == org_key(scan.organisation)
    }
    changes, overall_change = _changes(scan, question_set, previous)
    answers = {q.id: _answer(scan, p.id, q) for p, q in question_set.questions()}
    principles = [
        _principle(question_set, s, levels, answers, goals.get(s.id), changes.get(s.id))
        for s in scores.principles
    ]
    return ScanReport(
        id=scan.id,
        organisation=scan.organisation,
        respondent=scan.respondent,
        question_set=ReportSet(question_set.id, question_set.version, question_set.title),
        status=scan.status,
        date=scan.date,
        started_at=scan.started_at,
        completed_at=scan.completed_at,
        taken_at=scan.taken_at,
        levels=sorted(question_set.levels, key=lambda d: d.level),
        scores=ReportScores(
            principles,
            _overall(question_set, scores.overall, overall_change),
            rules=question_set.scoring,
        ),
        answers=list(answers.values()),
        previous=(None if previous is None else PreviousScan.of(previous[0])),
        follows=scan.follows,
        round=scan.round,
    )


def _answer(scan: Scan, principle_id: str, question: Question) -> ReportAnswer:
    level = scan.answer(question.id)
    return ReportAnswer(
        question=question.id,
        principle=principle_id,
        weight=question.weight,
        level=level,
        note=scan.note(question.id),
        text=question.text,
        anchor=question.answers[level - 1] if isinstance(level, int) else None,
        carried=question.id in scan.carried,
    )


def _principle(
    question_set: QuestionSet,
    score: PrincipleScore,
    levels: dict[str, AnswerValue],
    answers: dict[str, ReportAnswer],
    goal: Target | None,
    change: Change | None,
) -> PrincipleReport:
    goal_level = goal.level if goal is not None else None
    towards = aim(score, goal_level)
    held = [answers[h.question.id] for h in holding_back(question_set, score, levels, goal_level)]
    unknown = [answers[q.id] for q in unknown_questions(question_set, score.id, levels)]
    listed = {a.question for a in (*held, *unknown)}
    principle = question_set.principle(score.id)
    noted = [
        answers[q.id]
        for q in (principle.questions if principle is not None else [])
        if q.id not in listed and answers[q.id].note
    ]
    return PrincipleReport(
        id=score.id,
        title=score.title,
        score=score.score,
        level=score.level,
        level_name=_name(question_set, score.level),
        answered=score.answered,
        applicable=score.applicable,
        questions=score.questions,
        na=score.questions - score.applicable,
        unknown=score.unknown,
        open=score.open,
        aim=towards,
        aim_name=_name(question_set, towards),
        target=None if goal is None else _target(goal, score),
        holding_back=held,
        dont_know=unknown,
        notes=noted,
        next_steps=next_steps(question_set, score, levels, goal_level),
        level_advice=level_advice(question_set, score, goal_level),
        change=change,
        carried=[
            answers[q.id]
            for q in (principle.questions if principle is not None else [])
            if answers[q.id].carried
        ],
    )


def _name(question_set: QuestionSet, level: int | None) -> Text | None:
    return None if level is None else question_set.level_name(level)


def _target(goal: Target, score: PrincipleScore) -> ReportTarget:
    reached = score.level is not None and score.level >= goal.level
    gap = None
    if not reached and score.score is not None:
        gap = round(goal.level - score.score, DELTA_DIGITS)
    return ReportTarget(level=goal.level, by=goal.by, reached=reached, gap=gap)


def _overall(
    question_set: QuestionSet, overall: OverallScore, change: Change | None
) -> OverallReport:
    definition = None if overall.level is None else question_set.level_def(overall.level)
    return OverallReport(
        score=overall.score,
        level=overall.level,
        level_name=definition.name if definition is not None else None,
        level_description=definition.description if definition is not None else None,
        change=change,
    )


def _changes(
    scan: Scan, question_set: QuestionSet, previous: tuple[Scan, QuestionSet] | None
) -> tuple[dict[str, Change], Change | None]:
    """Per principle id, and overall, the change against ``previous`` (by :func:`compare`)."""
    if previous is None:
        return {}, None
    comparison = compare(previous[0], scan, previous[1], question_set)
    per_principle = {
        p.id: Change(previous_score=p.score_a, previous_level=p.level_a, delta=p.delta)
        for p in comparison.principles
    }
    o = comparison.overall
    return per_principle, Change(previous_score=o.score_a, previous_level=o.level_a, delta=o.delta)
