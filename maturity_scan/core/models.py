"""Typed models shared by the core: question sets, scans and answers.

Validation is done by msgspec from these declarations (types, ranges, lengths,
unknown fields); the few rules a type cannot express (unique ids, every level
described once) live in :mod:`maturity_scan.question_sets.loading`.

``gc=False`` marks the structs a database holds by the ten thousand (scans, their answers,
targets and the small structs inside them): they hold only values and other such structs, so
they can never be part of a reference cycle, and leaving them out of the cyclic garbage
collector's bookkeeping makes reading 10,000 scans about 15 % faster. The export and score
structs do the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Annotated, Literal

import msgspec

from maturity_scan.core.names import org_key
from maturity_scan.lang import LANGS, Lang, LangCode, NonEmpty, Text, TextMap

# re-exported: models name every stored type
__all__ = ["LANGS", "Lang", "LangCode", "NonEmpty", "Text", "TextMap"]

#: The languages of a question set that does not declare its own (every set before they
#: could): Dutch and English.
SET_LANGS_BEFORE_DECLARED: tuple[str, ...] = ("nl", "en")

Identifier = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9][a-z0-9._-]*$",
        max_length=80,
        description="lower-case letters, digits, '.', '_' or '-'",
    ),
]
LevelNumber = Annotated[int, msgspec.Meta(ge=1, le=5)]
Weight = Annotated[float, msgspec.Meta(gt=0, le=1000)]

NA: Literal["na"] = "na"
UNKNOWN: Literal["unknown"] = "unknown"
#: An answer: a level 1-5, "na" (not applicable), "unknown" (don't know) or None (unanswered).
AnswerValue = LevelNumber | Literal["na", "unknown"] | None

OrganisationName = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
GroupName = Annotated[str, msgspec.Meta(min_length=1, max_length=60)]
RescanMonths = Annotated[int, msgspec.Meta(ge=1, le=120)]
#: How often an organisation is scanned again unless it says otherwise.
DEFAULT_RESCAN_MONTHS = 12


# --------------------------------------------------------------------------- question sets


class LevelDef(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    level: LevelNumber
    name: Text
    description: Text


class Step(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The concrete step from one anchor of a question to the next."""

    text: Text
    #: Where the step comes from: a guide by title (and year), plain text; optional.
    source: Annotated[str, msgspec.Meta(min_length=1, max_length=300)] | None = None


#: How many steps a question with steps has: from anchor 1 to 2, 2 to 3, 3 to 4 and 4 to 5.
STEPS_PER_QUESTION = 4


class Question(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: Identifier
    text: Text
    help: Text
    #: What the organisation does at level 1 ... 5, in that order.
    answers: Annotated[list[Text], msgspec.Meta(min_length=5, max_length=5)]
    allow_na: bool = False
    weight: Weight = 1.0
    #: None, or :data:`STEPS_PER_QUESTION`: ``steps[n - 1]`` leads from anchor n to n + 1
    #: (the count is checked by :mod:`maturity_scan.question_sets.loading`).
    steps: list[Step] = []
    #: The roles (ids of the set's ``[[roles]]``) this question suits best; none: every role.
    #: A respondent in a round may choose to answer only the questions of their role.
    roles: list[Identifier] = []

    def suits(self, role: str | None) -> bool:
        """Whether a respondent in ``role`` is asked this question when answering only the
        questions of their role (a question naming no roles suits every role)."""
        return not self.roles or role in self.roles

    def anchor(self, level: int, lang: Lang) -> str:
        return self.answers[level - 1].get(lang)

    def step(self, level: int) -> Step | None:
        """The step from anchor ``level`` to the next; ``None`` at 5 or without steps."""
        return self.steps[level - 1] if 1 <= level <= len(self.steps) else None


class ScoringRules(msgspec.Struct, gc=False, frozen=True, forbid_unknown_fields=True):
    """How a set's answers become levels (``[scoring]`` in the file). The defaults are the
    rules of every set before sets could declare them, so their scans keep their scores."""

    #: The share of a principle's applicable questions that must be answered with a level
    #: before the principle gets one; taken as written (0.75 is 3/4), as weights are.
    min_coverage: Annotated[float, msgspec.Meta(gt=0, le=1)] = 0.5
    #: "mean": the overall level is the floor of the mean of the principle scores that have a
    #: level; "lowest": it is the lowest principle level, and none unless every principle has
    #: one. The overall score is the mean either way.
    overall: Literal["mean", "lowest"] = "mean"


class Definition(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A term the questions use, and what it means in this set (scope and definitions)."""

    id: Identifier
    term: Text
    text: Text


class Role(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Who answers in a team round (``[[roles]]``): the board, HR, procurement, ..."""

    id: Identifier
    name: Text


class Advice(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Next steps for an organisation whose principle is at ``level``."""

    level: LevelNumber
    steps: Annotated[list[Text], msgspec.Meta(min_length=1, max_length=6)]


class Principle(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: Identifier
    title: Text
    description: Text
    questions: Annotated[list[Question], msgspec.Meta(min_length=1)]
    advice: list[Advice] = []


class QuestionSet(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A question set. Every text has exactly the ``languages`` it declares, in that order
    (checked, and put in order, by :mod:`maturity_scan.question_sets.loading`); shown in a
    language it does not provide, a text is in the set's first language (``Text.get``)."""

    id: Identifier
    version: Annotated[str, msgspec.Meta(pattern=r"^[0-9A-Za-z][0-9A-Za-z.+-]*$", max_length=40)]
    title: Text
    description: Text
    #: Each level 1-5 exactly once; checked by questions.check_question_set, so that a
    #: missing or duplicate level is named in the error.
    levels: list[LevelDef]
    principles: Annotated[list[Principle], msgspec.Meta(min_length=1, max_length=12)]
    #: The languages every text of the set is written in, the one to show when the reader's
    #: language is not among them first. Optional: a set without it is in Dutch and English.
    languages: Annotated[tuple[LangCode, ...], msgspec.Meta(min_length=1, max_length=40)] = (
        SET_LANGS_BEFORE_DECLARED
    )
    #: The set's scoring rules; a set without ``[scoring]`` has the defaults.
    scoring: ScoringRules = ScoringRules()
    #: Scope and definitions, shown before the first question and under help.
    definitions: list[Definition] = []
    #: The roles a respondent of a team round answers as (``[[roles]]``), in their order.
    roles: list[Role] = []

    @property
    def ref(self) -> SetRef:
        return SetRef(id=self.id, version=self.version)

    def level_name(self, level: int) -> Text:
        return next(d.name for d in self.levels if d.level == level)

    def level_def(self, level: int) -> LevelDef:
        return next(d for d in self.levels if d.level == level)

    def questions(self) -> list[tuple[Principle, Question]]:
        return [(p, q) for p in self.principles for q in p.questions]

    def question(self, question_id: str) -> Question | None:
        for p in self.principles:
            for q in p.questions:
                if q.id == question_id:
                    return q
        return None

    def principle(self, principle_id: str) -> Principle | None:
        return next((p for p in self.principles if p.id == principle_id), None)

    def principle_of(self, question_id: str) -> Principle | None:
        return next((p for p in self.principles for q in p.questions if q.id == question_id), None)

    def role(self, role_id: str | None) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def role_name(self, role_id: str | None, lang: Lang) -> str:
        """The role's name in ``lang``; the id itself for a role the set does not have."""
        found = self.role(role_id)
        return found.name.get(lang) if found is not None else (role_id or "")

    def advice_for(self, principle_id: str, level: int) -> list[Text]:
        principle = self.principle(principle_id)
        if principle is None:
            return []
        return next((a.steps for a in principle.advice if a.level == level), [])


# --------------------------------------------------------------------------- scans


class SetRef(msgspec.Struct, gc=False, frozen=True, forbid_unknown_fields=True):
    id: Identifier
    version: NonEmpty


class Respondent(msgspec.Struct, gc=False, frozen=True, forbid_unknown_fields=True):
    name: str | None = None
    role: str | None = None


class AnswerRecord(msgspec.Struct, gc=False, frozen=True, forbid_unknown_fields=True):
    level: AnswerValue = None
    note: str = ""


ScanStatus = Literal["draft", "completed"]
#: A scan by one person on their own (``single``), a respondent's scan in a team round
#: (``response``) or the consensus a round's team reached (``consensus``).
ScanKind = Literal["single", "response", "consensus"]
#: Where a consensus answer comes from: the respondents' lower median, or a change of it
#: that the team gave a reason for.
SourceKind = Literal["median", "override"]


class AnswerSource(msgspec.Struct, gc=False, frozen=True, forbid_unknown_fields=True):
    """Where one answer of a consensus scan comes from, and why it differs from the median."""

    source: SourceKind
    reason: Annotated[str, msgspec.Meta(max_length=2000)] = ""


class RoundLink(msgspec.Struct, gc=False, frozen=True, forbid_unknown_fields=True):
    """How a scan belongs to a team round: a respondent's own scan, or the round's consensus."""

    id: NonEmpty
    kind: Literal["response", "consensus"] = "response"
    #: The role (an id of the set's ``[[roles]]``) the respondent answered as.
    role: Identifier | None = None
    #: The respondent chose to answer only the questions that suit their role; the others
    #: stay unanswered (not "don't know").
    role_only: bool = False
    #: A consensus scan: per question, where its answer comes from.
    sources: dict[str, AnswerSource] = {}
    #: A consensus scan: a digest of the respondents' answers it was agreed on
    #: (:func:`maturity_scan.core.round_report.responses_basis`); when the answers now give
    #: another, they changed since (empty: made before this was recorded).
    basis: str = ""


class Scan(msgspec.Struct, gc=False, frozen=True, forbid_unknown_fields=True):
    id: NonEmpty
    organisation: OrganisationName
    respondent: Respondent
    question_set: SetRef
    status: ScanStatus
    started_at: datetime
    completed_at: datetime | None = None
    answers: dict[str, AnswerRecord] = {}
    #: When the scan was taken, as the person who made it gave it (the new-scan form's date,
    #: ``scan new --date``, ``scan edit --date``). It never moves when a scan is reopened and
    #: finished again. Scans stored before it existed have none: their date is their completion.
    taken_at: datetime | None = None
    #: The scan this one started from (a follow-up scan, ``scan new --from``), if any.
    follows: str | None = None
    #: Questions whose answer was carried over from :attr:`follows` and not yet confirmed or
    #: changed: an old answer is never mistaken for a new judgement. Giving the question a
    #: level (the same one confirms it) takes it off; a note alone does not.
    carried: list[str] = []
    #: The team round this scan belongs to, if any.
    round: RoundLink | None = None

    @property
    def short_id(self) -> str:
        return self.id[:8]

    @property
    def kind(self) -> ScanKind:
        return "single" if self.round is None else self.round.kind

    def asks(self, question: Question) -> bool:
        """Whether this scan's respondent is asked ``question`` (:attr:`RoundLink.role_only`)."""
        link = self.round
        return link is None or not link.role_only or question.suits(link.role)

    @property
    def date(self) -> datetime:
        """The date a scan is known by: the day it was taken, else completion, else start."""
        return self.taken_at or self.completed_at or self.started_at

    def answer(self, question_id: str) -> AnswerValue:
        record = self.answers.get(question_id)
        return record.level if record else None

    def note(self, question_id: str) -> str:
        record = self.answers.get(question_id)
        return record.note if record else ""


class Organisation(msgspec.Struct, gc=False, frozen=True, forbid_unknown_fields=True):
    """What is kept of an organisation beside its scans: its groups (a region, a client year)
    and how often it is scanned again. An organisation without a record has no groups and
    the default interval; its identity is its name folded
    (:func:`maturity_scan.core.organisations.org_key`)."""

    name: OrganisationName
    groups: list[GroupName] = []
    rescan_months: RescanMonths = DEFAULT_RESCAN_MONTHS


def consensus_of(scans: Sequence[Scan]) -> Scan | None:
    """A round's consensus among its ``scans`` (oldest first): the latest, if any."""
    return next((s for s in reversed(scans) if s.kind == "consensus"), None)


Visibility = Literal["named", "by-role", "anonymous"]
RoundTitle = Annotated[str, msgspec.Meta(min_length=1, max_length=120)]


class Round(msgspec.Struct, gc=False, frozen=True, forbid_unknown_fields=True):
    """A scan by a team: one organisation, one question-set version pinned when it opens, a
    scan per respondent (:attr:`Scan.round`) and, once the team agreed, a consensus scan.

    ``visibility`` is what the round's view shows of individuals: their names and roles
    (``named``), their roles only (``by-role``) or neither (``anonymous``)."""

    id: NonEmpty
    organisation: OrganisationName
    title: RoundTitle
    question_set: SetRef
    #: The round's date: what history shows it under.
    opened: date
    created_at: datetime
    closes: date | None = None
    visibility: Visibility = "by-role"

    @property
    def short_id(self) -> str:
        return self.id[:8]

    @property
    def moment(self) -> datetime:
        """The round's date as a moment (the start of its day where it was opened): what its
        respondents' scans, its consensus and its provisional result are dated on."""
        return datetime.combine(self.opened, datetime.min.time(), self.created_at.tzinfo)


class Target(msgspec.Struct, gc=False, frozen=True, forbid_unknown_fields=True):
    """The level an organisation aims for on one principle, optionally by a date."""

    organisation: OrganisationName
    question_set: Identifier
    principle: Identifier
    level: LevelNumber
    by: date | None = None

    def same_key(self, other: Target) -> bool:
        return (
            org_key(self.organisation) == org_key(other.organisation)
            and self.question_set == other.question_set
            and self.principle == other.principle
        )
