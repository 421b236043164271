"""The JSON export format: versioned, self-contained, described by a JSON Schema.

An export carries per scan every answer with its principle and weight, so anyone can
recompute the scores from the answers alone; the scores are included for convenience.
Texts (titles, level names) are objects of language code → string, one key per language
the question set provides: a set with a new language adds a key, and the schema allows any
language code. The schema shipped in ``maturity_scan/exchange/export.schema.json`` is
generated from the models in :mod:`maturity_scan.exchange.export_models` (a test keeps
the two in step).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path

import msgspec
from msgspec import UNSET

from maturity_scan import __version__
from maturity_scan.core.advice import has_steps, next_steps
from maturity_scan.core.catalog import Catalog
from maturity_scan.core.models import (
    AnswerValue,
    Organisation,
    QuestionSet,
    Round,
    Scan,
    Target,
    Text,
)
from maturity_scan.core.names import org_key
from maturity_scan.core.scoring import PrincipleScore, score_scan
from maturity_scan.errors import ScanError
from maturity_scan.exchange.export_models import READABLE_VERSIONS as READABLE_VERSIONS
from maturity_scan.exchange.export_models import SCHEMA_VERSION as SCHEMA_VERSION
from maturity_scan.exchange.export_models import ExportAnswer as ExportAnswer
from maturity_scan.exchange.export_models import ExportFile as ExportFile
from maturity_scan.exchange.export_models import ExportOverall as ExportOverall
from maturity_scan.exchange.export_models import ExportPrincipleScore as ExportPrincipleScore
from maturity_scan.exchange.export_models import ExportScan as ExportScan
from maturity_scan.exchange.export_models import ExportScores as ExportScores
from maturity_scan.exchange.export_models import ExportStep as ExportStep
from maturity_scan.exchange.export_models import Imported as Imported
from maturity_scan.exchange.import_checks import (
    check_organisations,
    check_scan_id,
    check_target,
    is_database,
    scan_from_export,
)
from maturity_scan.exchange.import_rounds import check_rounds
from maturity_scan.exchange.outputs import default_export_name as default_export_name
from maturity_scan.inputs import MAX_INPUT_BYTES, convert, parse_json, read_bytes

# ------------------------------------------------------------------------------ writing


def export_scan(
    scan: Scan, question_set: QuestionSet, targets: Sequence[Target] = ()
) -> ExportScan:
    return _export_scan(scan, _Layout(question_set), _goals(targets))


#: Target levels by (organisation casefolded, question set, principle).
_Goals = dict[tuple[str, str, str], int]


def _goals(targets: Sequence[Target]) -> _Goals:
    return {(org_key(t.organisation), t.question_set, t.principle): t.level for t in targets}


class _Layout:
    """What every export of a scan with this question set repeats: per question its id, its
    principle and its weight, in the set's order, the level names, and (for a set without
    steps per answer, whose next steps depend only on the level, the target and the
    principle) the next steps already made."""

    def __init__(self, question_set: QuestionSet) -> None:
        self.question_set = question_set
        self.questions = [(q.id, p.id, q.weight) for p, q in question_set.questions()]
        self.names: dict[int, Text] = {}
        for definition in question_set.levels:  # the first, as QuestionSet.level_name
            self.names.setdefault(definition.level, definition.name)
        self.per_answer = has_steps(question_set)
        self._steps: dict[tuple[str, int | None, int | None], list[ExportStep]] = {}

    def steps(
        self, score: PrincipleScore, answers: Mapping[str, AnswerValue], target: int | None
    ) -> list[ExportStep]:
        key = (score.id, score.level, target)
        if not self.per_answer and key in self._steps:
            return self._steps[key]
        made = [
            ExportStep(n.kind, n.question, n.from_level, n.to_level, n.text, n.source)
            for n in next_steps(self.question_set, score, answers, target)
        ]
        if not self.per_answer:
            self._steps[key] = made
        return made

    def principle(
        self, score: PrincipleScore, answers: Mapping[str, AnswerValue], target: int | None
    ) -> ExportPrincipleScore:
        return ExportPrincipleScore(
            id=score.id,
            title=score.title,
            score=score.score,
            level=score.level,
            level_name=self.names[score.level] if score.level is not None else None,
            answered=score.answered,
            applicable=score.applicable,
            questions=score.questions,
            next_steps=self.steps(score, answers, target),
        )


def _export_scan(scan: Scan, layout: _Layout, goals: _Goals) -> ExportScan:
    records = scan.answers
    get = records.get
    answers = [
        ExportAnswer(question, principle, weight, None, "")
        if (record := get(question)) is None
        else ExportAnswer(question, principle, weight, record.level, record.note)
        for question, principle, weight in layout.questions
    ]
    # answers to questions the set does not have are not scored (nor exported)
    levels = {q: r.level for q, r in records.items()}
    scores = score_scan(layout.question_set, levels)
    org, set_id = org_key(scan.organisation), scan.question_set.id
    overall = scores.overall
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
                layout.principle(s, levels, goals.get((org, set_id, s.id)))
                for s in scores.principles
            ],
            overall=ExportOverall(
                score=overall.score,
                level=overall.level,
                level_name=layout.names[overall.level] if overall.level is not None else None,
            ),
            rules=layout.question_set.scoring,
        ),
        taken_at=scan.taken_at,
        follows=UNSET if scan.follows is None else scan.follows,
        carried=scan.carried or UNSET,
        round=UNSET if scan.round is None else scan.round,
    )


def _records(scans: Sequence[Scan], organisations: Sequence[Organisation]) -> list[Organisation]:
    """The records of the organisations with a scan in ``scans`` (an import refuses any
    other), in the order of their names folded."""
    present = {org_key(s.organisation) for s in scans}
    kept = [o for o in organisations if org_key(o.name) in present]
    return sorted(kept, key=lambda o: org_key(o.name))


def _rounds(scans: Sequence[Scan], rounds: Sequence[Round]) -> list[Round]:
    """The rounds of the organisations with a scan in ``scans`` (an import refuses any other),
    oldest first (by date, then creation, then id)."""
    present = {org_key(s.organisation) for s in scans}
    kept = [r for r in rounds if org_key(r.organisation) in present]
    return sorted(kept, key=lambda r: (r.opened, r.created_at, r.id))


def build_export(
    scans: Sequence[Scan],
    catalog: Catalog,
    exported_at: datetime,
    targets: Sequence[Target] = (),
    organisations: Sequence[Organisation] = (),
    rounds: Sequence[Round] = (),
) -> ExportFile:
    """The export of ``scans``, with ``targets`` and the records among ``organisations`` and
    the rounds among ``rounds`` of the organisations that have a scan in it."""
    return ExportFile(
        schema_version=SCHEMA_VERSION,
        exported_at=exported_at,
        generator=f"maturity-scan {__version__}",
        scans=[
            export_scan(s, catalog.get(s.question_set.id, s.question_set.version), targets)
            for s in scans
        ],
        targets=list(targets),
        organisations=_records(scans, organisations),
        rounds=_rounds(scans, rounds),
    )


def encode_export(export: ExportFile) -> bytes:
    """Indented, UTF-8, keys in the documented order, ending in a newline."""
    return msgspec.json.format(msgspec.json.encode(export), indent=2) + b"\n"


#: Where the scans go in an export formatted without them (see :func:`stream_export`).
_NO_SCANS = b'\n  "scans": []'
#: Scans are encoded this many at a time: few enough to keep memory flat, enough to make
#: the per-call overhead of encoding and formatting vanish.
_BATCH = 64


def stream_export(
    scans: Sequence[Scan],
    catalog: Catalog,
    exported_at: datetime,
    targets: Sequence[Target] = (),
    organisations: Sequence[Organisation] = (),
    rounds: Sequence[Round] = (),
) -> Iterator[bytes]:
    """The bytes of ``encode_export(build_export(scans, catalog, exported_at, targets,
    organisations, rounds))``, in pieces: only a few scans are exported and encoded at a time, so
    the whole file is never in memory at once.

    Every scan's question set is looked up first, so an unknown set raises here, before
    any byte is produced.
    """
    layouts = _layouts(scans, catalog)
    head = encode_export(
        ExportFile(
            schema_version=SCHEMA_VERSION,
            exported_at=exported_at,
            generator=f"maturity-scan {__version__}",
            scans=[],
            targets=list(targets),
            organisations=_records(scans, organisations),
            rounds=_rounds(scans, rounds),
        )
    )
    if not scans:
        return iter((head,))
    before, marker, after = head.partition(_NO_SCANS)
    if not marker:  # pragma: no cover - ExportFile always has its scans field
        raise AssertionError("the export has no scans field")
    return _stream_scans(before, after, scans, layouts, _goals(targets))


def _layouts(scans: Sequence[Scan], catalog: Catalog) -> list[_Layout]:
    """Each scan's question set, prepared for export."""
    found: dict[tuple[str, str], _Layout] = {}
    layouts = []
    for scan in scans:
        key = (scan.question_set.id, scan.question_set.version)
        layout = found.get(key)
        if layout is None:
            layout = found[key] = _Layout(catalog.get(*key))
        layouts.append(layout)
    return layouts


#: A batch of scans is formatted inside ``{"scans": [...]}``, which puts its lines at the
#: depth they have in the file; these are what comes before and after them.
_BATCH_HEAD = b'{\n  "scans": ['
_BATCH_TAIL = b"\n  ]\n}"


def _stream_scans(
    before: bytes,
    after: bytes,
    scans: Sequence[Scan],
    layouts: Sequence[_Layout],
    goals: _Goals,
) -> Iterator[bytes]:
    encoder = msgspec.json.Encoder()
    yield before + b'\n  "scans": ['
    for start in range(0, len(scans), _BATCH):
        batch = [
            _export_scan(scan, layout, goals)
            for scan, layout in zip(
                scans[start : start + _BATCH], layouts[start : start + _BATCH], strict=True
            )
        ]
        formatted = msgspec.json.format(encoder.encode({"scans": batch}), indent=2)
        inner = formatted[len(_BATCH_HEAD) : -len(_BATCH_TAIL)]  # "\n    {...},\n    {...}"
        yield inner if start == 0 else b"," + inner
    yield b"\n  ]" + after


# ------------------------------------------------------------------------------ reading


def read_export(data: bytes, source: str, catalog: Catalog) -> Imported:
    """The scans, targets, organisation records and team rounds of an export file, validated
    against the installed question sets (a record or round needs a scan of its organisation
    in the file; whether a scan's round is in the file or the database is checked when it
    is stored)."""
    raw = parse_json(data, source)
    version = raw.get("schema_version") if isinstance(raw, dict) else None
    if isinstance(raw, dict) and version not in READABLE_VERSIONS and "schema_version" in raw:
        raise ScanError(
            "err.import_schema_version",
            file=source,
            version=json.dumps(version),
            supported=", ".join(map(str, READABLE_VERSIONS)),
        )
    if is_database(raw):
        raise ScanError("err.import_database", file=source)
    export = convert(raw, ExportFile, source)
    seen: set[str] = set()
    for item in export.scans:
        check_scan_id(item.id, source)
        if item.id in seen:
            raise ScanError("err.import_duplicate_scan", file=source, scan=item.id[:8])
        seen.add(item.id)
    scans = [scan_from_export(s, source, catalog) for s in export.scans]
    for target in export.targets:
        check_target(target, source, catalog)
    organisations = check_organisations(export.organisations, scans, source)
    rounds = check_rounds(export.rounds, scans, source, catalog)
    return Imported(scans=scans, targets=export.targets, organisations=organisations, rounds=rounds)


def parse_export(data: bytes, source: str, catalog: Catalog) -> list[Scan]:
    """The scans of an export file (see :func:`read_export`)."""
    return read_export(data, source, catalog).scans


def load_export(path: Path, catalog: Catalog) -> Imported:
    return read_export(read_bytes(path, MAX_INPUT_BYTES), str(path), catalog)
