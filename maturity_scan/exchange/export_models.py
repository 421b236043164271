"""The models of the export file (see :mod:`maturity_scan.exchange.export`, which writes and
reads it, and :mod:`maturity_scan.exchange.export_schema`, which describes it)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec
from msgspec import UNSET, UnsetType

from maturity_scan.core.advice import StepKind
from maturity_scan.core.models import (
    AnswerValue,
    Identifier,
    LevelNumber,
    NonEmpty,
    Organisation,
    Respondent,
    Round,
    RoundLink,
    Scan,
    ScanStatus,
    ScoringRules,
    SetRef,
    Target,
    TextMap,
    Weight,
)

#: Version 2 added ``targets``, version 3 a scan's ``taken_at`` (the date it was taken),
#: version 4 the scoring rules in each scan's ``scores.rules``, version 5 the organisations'
#: records (``organisations``) and a scan's ``follows`` and ``carried``, version 6 team
#: rounds (``rounds``) and a scan's ``round``; files of versions 1 to 5 are still read.
SCHEMA_VERSION: Literal[6] = 6
READABLE_VERSIONS = (1, 2, 3, 4, 5, 6)

#: A scan's ``follows``: the id of another scan, of the form the program makes.
Follows = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[0-9a-f]{32}$",
        description="The id of the scan this follow-up scan started from. Written only for a "
        "follow-up scan: absent (or null) means the scan follows none. Added in version 5.",
    ),
]
#: A scan's ``carried``: questions whose answer was carried over and not yet confirmed.
Carried = Annotated[
    list[Identifier],
    msgspec.Meta(
        description="The questions whose answer was carried over from the scan in `follows` "
        "and not yet confirmed or changed. Written only when there are any: absent means "
        "none. Added in version 5.",
    ),
]
#: The records of the exported organisations.
Organisations = Annotated[
    list[Organisation],
    msgspec.Meta(
        description="What is kept of an exported organisation beside its scans (its groups "
        "and rescan interval in months); only organisations that have one, each with a scan "
        "in the file. Added in version 5; absent in older files.",
    ),
]


#: The team rounds of the exported organisations.
Rounds = Annotated[
    list[Round],
    msgspec.Meta(
        description="The team rounds of the exported organisations (each with a scan in the "
        "file): a round's respondents each answer their own scan, which names the round in "
        "its `round`; its consensus is a scan too. Added in version 6; absent in older files.",
    ),
]
#: A scan's ``round``: how it belongs to a team round.
ScanRound = Annotated[
    RoundLink,
    msgspec.Meta(
        description="The team round this scan belongs to: a respondent's scan (`kind` "
        "`response`, with the role answered as and whether only that role's questions were "
        "asked) or the round's consensus (`kind` `consensus`, with per question where its "
        "answer comes from: the respondents' lower `median`, or an `override` and its "
        "reason). Written only for a scan in a round: absent means none. Added in version 6.",
    ),
]


class ExportAnswer(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    question: Identifier
    principle: Identifier
    weight: Weight
    level: AnswerValue
    note: str = ""


class ExportStep(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    """A next step of a principle, as ``scan show --json`` gives it (core.advice.next_steps)."""

    kind: StepKind
    question: Identifier | None
    from_level: LevelNumber | None
    to_level: LevelNumber | None
    text: TextMap
    source: str | None = None


class ExportPrincipleScore(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    id: Identifier
    title: TextMap
    score: float | None
    level: int | None
    level_name: TextMap | None
    answered: int
    applicable: int
    questions: int
    #: What to do next (aiming at the organisation's target in the file, if any), as
    #: ``scan show --json`` gives it; derived, like the score. Absent in older files.
    next_steps: list[ExportStep] = []


class ExportOverall(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    score: float | None
    level: int | None
    level_name: TextMap | None


class ExportScores(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    principles: list[ExportPrincipleScore]
    overall: ExportOverall
    #: The rules the scores follow (the question set's ``[scoring]``), so that they can be
    #: recomputed from the export alone; absent in files before version 4.
    rules: ScoringRules | None = None


class ExportScan(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    id: NonEmpty
    organisation: NonEmpty
    respondent: Respondent
    question_set: SetRef
    status: ScanStatus
    started_at: datetime
    completed_at: datetime | None
    answers: list[ExportAnswer]
    scores: ExportScores
    #: The date the scan was taken; absent (older files, older scans): its completion.
    taken_at: datetime | None = None
    #: Written only when set: a scan that follows none carries neither key, so an export of
    #: 10,000 such scans does not grow by a null and an empty list each (≈ 0.4 MB). Absent in
    #: files before version 5.
    follows: Follows | UnsetType | None = UNSET
    carried: Carried | UnsetType = UNSET
    round: ScanRound | UnsetType = UNSET


class ExportFile(msgspec.Struct, forbid_unknown_fields=True):
    """A maturity-scan export: ``maturity-scan export`` writes it, ``import`` reads it."""

    schema_version: Literal[1, 2, 3, 4, 5, 6]
    exported_at: datetime
    generator: str
    scans: list[ExportScan]
    targets: list[Target] = []
    organisations: Organisations = []
    rounds: Rounds = []


class Imported(msgspec.Struct, frozen=True):
    scans: list[Scan]
    targets: list[Target]
    organisations: list[Organisation] = []
    rounds: list[Round] = []
