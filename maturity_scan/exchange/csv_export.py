"""CSV for analysts: ``maturity-scan export --format csv``, one row per completed scan.

The file opens by a double click in a spreadsheet and reads back in a script:

- **UTF-8 with a byte order mark** (Excel takes a CSV without one for the local code page and
  garbles accents), lines ending in CRLF, fields quoted only when they hold the separator, a
  quote or a line break (``csv``'s minimal quoting; a quote inside is doubled).
- **Separator and decimal mark follow the language of the run** (``--lang``), as a
  spreadsheet set to that language's region expects them, from the catalogue's
  ``fmt.csv_separator`` and ``fmt.decimal``: Dutch (the default) ``;`` and ``3,25``, which
  Excel and LibreOffice with Dutch regional settings read as numbers; English ``,`` and
  ``3.25``.
- **Columns have stable ids**, the same in every language (:func:`columns`): ``scan``,
  ``organisation``, ``groups`` (comma-separated: a group never holds a comma), ``date``
  (the scan's local day, ISO: ``2026-05-01``), ``respondent``, ``role`` (a team answer: the
  set's role name in the run's language; a scan of its own: the role typed with it),
  ``role_id`` (a team answer's role id), ``round`` (the round's id), ``kind`` (``single``,
  ``response`` or ``consensus``), ``question_set``, ``question_set_version``; per principle
  id ``score_<id>``, ``level_<id>``, ``level_name_<id>``; then ``overall_score``,
  ``overall_level``, ``overall_level_name``. Level names are in the run's language.
- **Principles of every set present**, in the order they first appear (rows oldest first,
  each set's principles in its order); a scan whose set lacks one has those cells empty,
  as has a score or level that cannot be given (too little answered).
- **Scores are exact** (the shortest decimal that reads back as the computed score, not
  rounded down as screens show them); levels are whole numbers 1-5.
- **What a round shows of people** follows its visibility, as the round's own report does
  (:func:`~maturity_scan.core.round_report.build_round_report`): a team answer's respondent
  only in a ``named`` round, its role not in an ``anonymous`` one.
- **User text is data:** a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or
  a carriage return gets a leading ``'``, so that no spreadsheet runs it as a formula.

Only completed scans are rows (drafts have no result); a team round's provisional result is
not a scan and has no row. Every score comes from :func:`~maturity_scan.core.scoring.score_scan`,
as the JSON export's.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from maturity_scan.core.catalog import Catalog
from maturity_scan.core.models import Lang, Organisation, QuestionSet, Round, Scan
from maturity_scan.core.names import org_key
from maturity_scan.core.round_report import shown_respondent
from maturity_scan.core.scoring import score_scan
from maturity_scan.dates import day_label
from maturity_scan.i18n import tr
from maturity_scan.visible import visible

#: Written first, so that spreadsheets read the file as UTF-8.
BOM = "\ufeff"
#: The columns before the principles' and after them.
HEAD = (
    "scan",
    "organisation",
    "groups",
    "date",
    "respondent",
    "role",
    "role_id",
    "round",
    "kind",
    "question_set",
    "question_set_version",
)
TAIL = ("overall_score", "overall_level", "overall_level_name")
#: The columns of one principle, by its id.
PER_PRINCIPLE = ("score_{}", "level_{}", "level_name_{}")
#: A text cell starting with one of these is a formula to a spreadsheet.
_FORMULA_START = frozenset("=+-@\t\r")
#: Rows written (and encoded) at a time.
_BATCH = 64


class Style(NamedTuple):
    """How numbers and fields are separated: ``;`` and ``,`` in Dutch, ``,`` and ``.`` in
    English."""

    separator: str
    decimal: str


#: What a language whose catalogue gives something unusable gets.
_FALLBACK = Style(",", ".")


def style(lang: Lang) -> Style:
    """The separator and decimal mark of ``lang``'s catalogue (``fmt.csv_separator``,
    ``fmt.decimal``); the English ones when those are not a usable pair."""
    found = Style(tr("fmt.csv_separator", lang), tr("fmt.decimal", lang))
    if found.separator not in (";", ",", "\t", "|") or found.decimal not in (",", "."):
        return _FALLBACK
    return found if found.separator != found.decimal else _FALLBACK


def principle_ids(sets: Iterable[QuestionSet]) -> list[str]:
    """Every principle id of ``sets``, once, in the order they first appear."""
    seen: dict[str, None] = {}
    done: set[tuple[str, str]] = set()
    for question_set in sets:
        if (question_set.id, question_set.version) not in done:
            done.add((question_set.id, question_set.version))
            seen.update(dict.fromkeys(p.id for p in question_set.principles))
    return list(seen)


def columns(principles: Sequence[str]) -> list[str]:
    """The header: the stable column ids for ``principles``."""
    return [*HEAD, *(c.format(p) for p in principles for c in PER_PRINCIPLE), *TAIL]


def _sets(scans: Sequence[Scan], catalog: Catalog) -> list[QuestionSet]:
    """Each scan's question set (an unknown one raises here, before any byte is written)."""
    found: dict[tuple[str, str], QuestionSet] = {}
    return [
        found.get(key) or found.setdefault(key, catalog.get(*key))
        for key in ((s.question_set.id, s.question_set.version) for s in scans)
    ]


class _Layout:
    """What every row of a question set repeats: where its principles' cells go among the
    principle columns (its principles are scored in its order) and its level names."""

    def __init__(self, question_set: QuestionSet, principles: Sequence[str], lang: Lang) -> None:
        self.question_set = question_set
        column = {p: i * len(PER_PRINCIPLE) for i, p in enumerate(principles)}
        self.width = len(principles) * len(PER_PRINCIPLE)
        self.offsets = [column[p.id] for p in question_set.principles]
        self.names: dict[int | None, str] = {None: ""}
        for definition in question_set.levels:  # the first, as QuestionSet.level_name
            self.names.setdefault(definition.level, _as_text(definition.name.get(lang)))


class _Rows:
    """What every row needs: the language, the decimal mark, the groups and rounds by key."""

    def __init__(
        self,
        lang: Lang,
        organisations: Iterable[Organisation],
        rounds: Iterable[Round],
    ) -> None:
        self.lang = lang
        self.decimal = style(lang).decimal
        self.groups = {org_key(o.name): _as_text(", ".join(o.groups)) for o in organisations}
        self.rounds = {r.id: r for r in rounds}

    def number(self, value: float | None) -> str:
        return "" if value is None else repr(value).replace(".", self.decimal)

    def people(self, scan: Scan, question_set: QuestionSet) -> tuple[str, str, str]:
        """Respondent, role and role id, as the scan's round (if any) shows them."""
        link = scan.round
        if link is None:
            return scan.respondent.name or "", scan.respondent.role or "", ""
        if link.kind == "consensus":  # the team's, named after the round
            return scan.respondent.name or "", "", ""
        round_ = self.rounds.get(link.id)
        if round_ is None:  # not in the database: show nobody
            return "", "", ""
        shown = shown_respondent(round_, scan)
        role = "" if shown.role is None else question_set.role_name(shown.role, self.lang)
        return shown.name or "", role, shown.role or ""

    def row(self, scan: Scan, layout: _Layout) -> list[str]:
        question_set = layout.question_set
        scores = score_scan(question_set, {q: r.level for q, r in scan.answers.items()})
        respondent, role, role_id = self.people(scan, question_set)
        link = scan.round
        cells = [
            _as_text(scan.id),
            _as_text(scan.organisation),
            self.groups.get(org_key(scan.organisation), ""),
            day_label(scan.date),
            _as_text(respondent),
            _as_text(role),
            role_id,
            "" if link is None else _as_text(link.id),
            scan.kind,
            scan.question_set.id,
            scan.question_set.version,
        ]
        # a principle this scan's set does not have keeps its empty cells
        principles = [""] * layout.width
        names = layout.names
        for at, score in zip(layout.offsets, scores.principles, strict=True):
            principles[at] = self.number(score.score)
            principles[at + 1] = "" if score.level is None else str(score.level)
            principles[at + 2] = names[score.level]
        overall = scores.overall
        cells += principles
        cells += (
            self.number(overall.score),
            "" if overall.level is None else str(overall.level),
            names[overall.level],
        )
        return cells


def _as_text(text: str) -> str:
    """``text`` as a spreadsheet shows it, never as a formula it would run."""
    return f"'{text}" if text[:1] in _FORMULA_START else text


def completed_oldest_first(scans: Iterable[Scan]) -> list[Scan]:
    """The scans that are rows: the completed ones, oldest first (date, then id)."""
    return sorted((s for s in scans if s.status == "completed"), key=lambda s: (s.date, s.id))


def stream_csv(
    scans: Sequence[Scan],
    catalog: Catalog,
    lang: Lang,
    organisations: Iterable[Organisation] = (),
    rounds: Iterable[Round] = (),
) -> Iterator[bytes]:
    """The CSV of the completed ``scans`` (see the module's docstring) in pieces of whole
    rows, UTF-8; ``organisations`` give the groups, ``rounds`` what a round shows of its
    respondents. Every scan's question set is looked up first: an unknown one raises a
    ScanError here, before any byte is produced."""
    chosen = completed_oldest_first(scans)
    sets = _sets(chosen, catalog)
    principles = principle_ids(sets)
    layouts: dict[tuple[str, str], _Layout] = {}
    for question_set in sets:
        key = (question_set.id, question_set.version)
        if key not in layouts:
            layouts[key] = _Layout(question_set, principles, lang)
    per_scan = [layouts[(q.id, q.version)] for q in sets]
    rows = _Rows(lang, organisations, rounds)
    return _stream(rows, columns(principles), chosen, per_scan, style(lang).separator)


def _stream(
    rows: _Rows,
    header: list[str],
    scans: Sequence[Scan],
    layouts: Sequence[_Layout],
    separator: str,
) -> Iterator[bytes]:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(header)
    yield (BOM + buffer.getvalue()).encode("utf-8")
    for start in range(0, len(scans), _BATCH):
        buffer.seek(0)
        buffer.truncate()
        pairs = zip(scans[start : start + _BATCH], layouts[start : start + _BATCH], strict=True)
        writer.writerows(rows.row(scan, layout) for scan, layout in pairs)
        yield buffer.getvalue().encode("utf-8")


def terminal_text(text: str) -> str:
    """CSV text as a terminal may show it: lines end in a line feed, and every other control
    character a name may hold is written out (``\\x1b``), so nothing in it acts on the
    terminal. Only for a terminal: a file or pipe gets the bytes as they are."""
    return visible(text.replace("\r\n", "\n"))
