"""A principle's part of the board report (:mod:`~maturity_scan.present.board_report`): its
summary, what holds it back and against which level, its other notes, its next steps and its
"don't know" answers, all as the report model gives them
(:class:`~maturity_scan.core.report.PrincipleReport`)."""

from __future__ import annotations

from dataclasses import dataclass

from maturity_scan.core.models import Lang, QuestionSet
from maturity_scan.core.report import PrincipleReport, ReportAnswer
from maturity_scan.i18n import tr
from maturity_scan.present.board_format import decimal
from maturity_scan.present.report_view import coverage_percent
from maturity_scan.present.textreport import answer_label


@dataclass(frozen=True)
class AnswerLine:
    question: str
    answer: str
    note: str


@dataclass(frozen=True)
class Step:
    text: str
    about: str


@dataclass(frozen=True)
class PrincipleBlock:
    title: str
    summary: str
    #: What the answers below it are measured against ("… onder niveau 4 Verankerd, het
    #: doel:"), or why none are listed (too little answered, the highest level reached).
    towards: str
    #: The answers below the level worked towards, lowest first.
    holding_back: list[AnswerLine]
    #: The other answers with a note (n.v.t., at or above that level, not answered).
    notes: list[AnswerLine]
    steps: list[Step]
    dont_know: list[AnswerLine]


def level_text(question_set: QuestionSet, level: int | None, lang: Lang) -> str:
    """``3 In ontwikkeling``, or that there is no level yet."""
    if level is None:
        return tr("board.no_level", lang)
    return f"{level} {question_set.level_name(level).get(lang)}"


def score_text(value: float | None, lang: Lang) -> str:
    return "—" if value is None else decimal(value, lang)


def summary(p: PrincipleReport, question_set: QuestionSet, lang: Lang) -> str:
    """Score, level and coverage. Not the level's description: a set describes its levels as
    the overall level (2.0: "every principle has at least …"), wrong said of one principle;
    the overall box and the levels table give it."""
    score = score_text(p.score, lang)
    if p.level is None:
        text = tr("board.principle_summary_no_level", lang, score=score)
    else:
        level = level_text(question_set, p.level, lang)
        text = tr("board.principle_summary", lang, score=score, level=level)
    return text + tr("board.coverage", lang, answered=p.answered, applicable=p.applicable)


def towards(p: PrincipleReport, question_set: QuestionSet, lang: Lang, min_coverage: float) -> str:
    """The line above a principle's answers that hold it back: the level they are below (the
    report's aim: the target, or else the next level), or why there is none."""
    if p.level is None:
        return tr(
            "board.holding.no_level",
            lang,
            percent=coverage_percent(min_coverage),
            answered=p.answered,
            applicable=p.applicable,
        )
    if p.aim is None:
        return tr("board.holding.top", lang)
    is_target = p.target is not None and p.target.level == p.aim
    why = tr("board.holding.target" if is_target else "board.holding.next", lang)
    key = "board.holding.below" if p.holding_back else "board.holding.none"
    return tr(key, lang, level=level_text(question_set, p.aim, lang), towards=why)


def answer_line(line: ReportAnswer, question_set: QuestionSet, lang: Lang) -> AnswerLine:
    return AnswerLine(
        question=line.text.get(lang),
        answer=answer_label(question_set, line.question, line.level, lang),
        note=line.note,
    )


def steps(p: PrincipleReport, lang: Lang) -> list[Step]:
    """The next steps, each with what it is about (question, from which answer or level to
    which, source) on a line of its own; a "don't know" step names its question in its own
    text, so the line under it does not repeat it."""
    found = []
    for step in p.next_steps:
        parts = []
        if step.question_text is not None and step.kind != "unknown":
            parts.append(step.question_text.get(lang))
        if step.from_level is not None and step.to_level is not None:
            key = "board.step_answer" if step.kind == "answer" else "board.step_level"
            parts.append(tr(key, lang, before=step.from_level, after=step.to_level))
        if step.source:
            parts.append(tr("board.step_source", lang, source=step.source))
        found.append(Step(text=step.text.get(lang), about=" · ".join(parts)))
    return found


def principle_block(
    p: PrincipleReport, question_set: QuestionSet, lang: Lang, min_coverage: float
) -> PrincipleBlock:
    return PrincipleBlock(
        title=p.title.get(lang),
        summary=summary(p, question_set, lang),
        towards=towards(p, question_set, lang, min_coverage),
        holding_back=[answer_line(a, question_set, lang) for a in p.holding_back],
        notes=[answer_line(a, question_set, lang) for a in p.notes],
        steps=steps(p, lang),
        dont_know=[answer_line(a, question_set, lang) for a in p.dont_know],
    )
