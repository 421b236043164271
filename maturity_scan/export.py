"""The JSON export format: versioned, self-contained, described by a JSON Schema.

An export carries per scan every answer with its principle and weight, so anyone can
recompute the scores from the answers alone; the scores are included for convenience.
The schema shipped in ``maturity_scan/export.schema.json`` is generated from the models
below (a test keeps the two in step).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import msgspec

from maturity_scan import __version__
from maturity_scan.answers import check_na_allowed
from maturity_scan.errors import ScanError
from maturity_scan.files import MAX_INPUT_BYTES, convert, parse_json, read_bytes
from maturity_scan.models import (
    AnswerRecord,
    AnswerValue,
    Identifier,
    NonEmpty,
    QuestionSet,
    Respondent,
    Scan,
    ScanStatus,
    SetRef,
    Target,
    Text,
    Weight,
)
from maturity_scan.questions import Catalog
from maturity_scan.scoring import score_scan

#: Version 2 added ``targets``; version 1 files (no targets) are still read.
SCHEMA_VERSION: Literal[2] = 2
READABLE_VERSIONS = (1, 2)
SCHEMA_FILE = Path(__file__).parent / "export.schema.json"


class ExportAnswer(msgspec.Struct, forbid_unknown_fields=True):
    question: Identifier
    principle: Identifier
    weight: Weight
    level: AnswerValue
    note: str = ""


class ExportPrincipleScore(msgspec.Struct, forbid_unknown_fields=True):
    id: Identifier
    title: Text
    score: float | None
    level: int | None
    level_name: Text | None
    answered: int
    applicable: int
    questions: int


class ExportOverall(msgspec.Struct, forbid_unknown_fields=True):
    score: float | None
    level: int | None
    level_name: Text | None


class ExportScores(msgspec.Struct, forbid_unknown_fields=True):
    principles: list[ExportPrincipleScore]
    overall: ExportOverall


class ExportScan(msgspec.Struct, forbid_unknown_fields=True):
    id: NonEmpty
    organisation: NonEmpty
    respondent: Respondent
    question_set: SetRef
    status: ScanStatus
    started_at: datetime
    completed_at: datetime | None
    answers: list[ExportAnswer]
    scores: ExportScores


class ExportFile(msgspec.Struct, forbid_unknown_fields=True):
    """A maturity-scan export: ``maturity-scan export`` writes it, ``import`` reads it."""

    schema_version: Literal[1, 2]
    exported_at: datetime
    generator: str
    scans: list[ExportScan]
    targets: list[Target] = []


class Imported(msgspec.Struct, frozen=True):
    scans: list[Scan]
    targets: list[Target]


# ------------------------------------------------------------------------------ writing


def export_scan(scan: Scan, question_set: QuestionSet) -> ExportScan:
    answers = [
        ExportAnswer(
            question=q.id,
            principle=p.id,
            weight=q.weight,
            level=scan.answer(q.id),
            note=scan.note(q.id),
        )
        for p, q in question_set.questions()
    ]
    scores = score_scan(question_set, {a.question: a.level for a in answers})

    def name(level: int | None) -> Text | None:
        return question_set.level_name(level) if level is not None else None

    return ExportScan(
        id=scan.id,
        organisation=scan.organisation,
        respondent=scan.respondent,
        question_set=scan.question_set,
        status=scan.status,
        started_at=scan.started_at,
        completed_at=scan.completed_at,
        answers=answers,
        scores=ExportScores(
            principles=[
                ExportPrincipleScore(
                    id=s.id,
                    title=s.title,
                    score=s.score,
                    level=s.level,
                    level_name=name(s.level),
                    answered=s.answered,
                    applicable=s.applicable,
                    questions=s.questions,
                )
                for s in scores.principles
            ],
            overall=ExportOverall(
                score=scores.overall.score,
                level=scores.overall.level,
                level_name=name(scores.overall.level),
            ),
        ),
    )


def build_export(
    scans: Sequence[Scan],
    catalog: Catalog,
    exported_at: datetime,
    targets: Sequence[Target] = (),
) -> ExportFile:
    return ExportFile(
        schema_version=SCHEMA_VERSION,
        exported_at=exported_at,
        generator=f"maturity-scan {__version__}",
        scans=[
            export_scan(s, catalog.get(s.question_set.id, s.question_set.version)) for s in scans
        ],
        targets=list(targets),
    )


def encode_export(export: ExportFile) -> bytes:
    """Indented, UTF-8, keys in the documented order, ending in a newline."""
    return msgspec.json.format(msgspec.json.encode(export), indent=2) + b"\n"


# ------------------------------------------------------------------------------ reading


def read_export(data: bytes, source: str, catalog: Catalog) -> Imported:
    """The scans and targets of an export file, validated against the installed question sets."""
    raw = parse_json(data, source)
    version = raw.get("schema_version") if isinstance(raw, dict) else None
    if isinstance(raw, dict) and version not in READABLE_VERSIONS and "schema_version" in raw:
        raise ScanError(
            "err.import_schema_version",
            file=source,
            version=json.dumps(version),
            supported=", ".join(map(str, READABLE_VERSIONS)),
        )
    export = convert(raw, ExportFile, source)
    scans = [_scan_from_export(s, source, catalog) for s in export.scans]
    for target in export.targets:
        _check_target(target, source, catalog)
    return Imported(scans=scans, targets=export.targets)


def parse_export(data: bytes, source: str, catalog: Catalog) -> list[Scan]:
    """The scans of an export file (see :func:`read_export`)."""
    return read_export(data, source, catalog).scans


def load_export(path: Path, catalog: Catalog) -> Imported:
    return read_export(read_bytes(path, MAX_INPUT_BYTES), str(path), catalog)


def _check_target(target: Target, source: str, catalog: Catalog) -> None:
    try:
        question_set = catalog.get(target.question_set)
    except ScanError as err:
        raise err.in_file(source) from None
    if question_set.principle(target.principle) is None:
        raise ScanError(
            "err.unknown_principle",
            file=source,
            principle=target.principle,
            known=", ".join(p.id for p in question_set.principles),
        )


def _zoned(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.astimezone()


def _scan_from_export(item: ExportScan, source: str, catalog: Catalog) -> Scan:
    try:
        question_set = catalog.get(item.question_set.id, item.question_set.version)
    except ScanError as err:
        raise err.in_file(source) from None
    answers: dict[str, AnswerRecord] = {}
    for answer in item.answers:
        principle = question_set.principle_of(answer.question)
        if principle is None:
            raise ScanError(
                "err.answers_unknown_question",
                file=source,
                field=f"scans[{item.id[:8]}].answers",
                question=answer.question,
                set=question_set.id,
            )
        if principle.id != answer.principle:
            raise ScanError(
                "err.import_principle_mismatch",
                file=source,
                scan=item.id[:8],
                question=answer.question,
                expected=principle.id,
                given=answer.principle,
            )
        if answer.question in answers:
            raise ScanError(
                "err.import_duplicate_answer",
                file=source,
                scan=item.id[:8],
                question=answer.question,
            )
        check_na_allowed(question_set, answer.question, answer.level, source)
        answers[answer.question] = AnswerRecord(level=answer.level, note=answer.note)
    return Scan(
        id=item.id,
        organisation=item.organisation,
        respondent=item.respondent,
        question_set=item.question_set,
        status=item.status,
        # a time without a zone is taken as local time: stored scans are sorted by these,
        # and a naive datetime cannot be compared with an aware one
        started_at=_zoned(item.started_at),
        completed_at=_zoned(item.completed_at) if item.completed_at else None,
        answers={k: v for k, v in answers.items() if v != AnswerRecord()},
    )


# ------------------------------------------------------------------------------ schema


def export_json_schema() -> dict[str, Any]:
    schema = msgspec.json.schema(ExportFile)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "maturity-scan export"
    return schema


def export_json_schema_text() -> str:
    return json.dumps(export_json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


def default_export_name(organisation: str, day: str) -> str:
    """A safe file name ``<organisation>-<date>.json``: names are data, never paths."""
    slug = "".join(c if c.isalnum() or c in "-_" else "-" for c in organisation.strip().lower())
    slug = "-".join(part for part in slug.split("-") if part)[:60].strip("-_") or "scan"
    if slug in _RESERVED:
        slug = f"scan-{slug}"
    return f"{slug}-{day}.json"
