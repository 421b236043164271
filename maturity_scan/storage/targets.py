"""The ``targets`` table: an organisation's target level per question set and principle.

The functions that change the table work on the file's tables as plain dicts inside a
:class:`~maturity_scan.storage.database.Unit` (the caller marks the unit changed); the others
are pure. Invariant: an organisation (compared case-insensitively) has at most one target per
question set and principle; setting one replaces the one stored, importing one never does.
"""

from __future__ import annotations

from collections.abc import Iterable

from maturity_scan.atomic import Tables
from maturity_scan.core.models import Target
from maturity_scan.core.names import org_key
from maturity_scan.storage.codec import TARGETS, insert, target_doc


def select(targets: Iterable[Target], organisation: str | None = None) -> list[Target]:
    """``targets``, of ``organisation`` when given (case-insensitive), by organisation, set
    and principle."""
    wanted = org_key(organisation) if organisation else None
    chosen = [t for t in targets if wanted is None or org_key(t.organisation) == wanted]
    return sorted(chosen, key=lambda t: (org_key(t.organisation), t.question_set, t.principle))


def add(tables: Tables, targets: Iterable[Target]) -> None:
    """Add ``targets`` as new documents (see :func:`missing` for the ones not set yet)."""
    insert(tables, TARGETS, [target_doc(target) for target in targets])


def upsert(tables: Tables, target: Target) -> None:
    """Set ``target``: over the stored one for its organisation, set and principle, else new."""
    doc = target_doc(target)
    key = org_key(target.organisation)
    same = [
        stored
        for stored in tables.get(TARGETS, {}).values()
        if stored.get("question_set") == target.question_set
        and stored.get("principle") == target.principle
        and isinstance(stored.get("organisation"), str)
        and org_key(stored["organisation"]) == key
    ]
    for stored in same:
        stored.update(doc)
    if not same:
        insert(tables, TARGETS, [doc])


def replace(tables: Tables, organisation: str, question_set: str, targets: list[Target]) -> None:
    """All of ``organisation``'s targets for ``question_set`` replaced by ``targets``."""
    table = tables.get(TARGETS, {})
    key = org_key(organisation)
    kept = {
        doc_id: doc
        for doc_id, doc in table.items()
        if not (
            org_key(str(doc.get("organisation", ""))) == key
            and doc.get("question_set") == question_set
        )
    }
    next_id = max((int(i) for i in table), default=0) + 1  # removed ids are not given again
    for offset, target in enumerate(targets):
        kept[str(next_id + offset)] = target_doc(target)
    tables[TARGETS] = kept


def missing(stored: Iterable[Target], targets: Iterable[Target]) -> list[Target]:
    """The ``targets`` whose organisation, set and principle have none stored (nor earlier in
    ``targets``): an organisation's own targets are kept."""
    have = list(stored)
    new: list[Target] = []
    for target in targets:
        if not any(t.same_key(target) for t in [*have, *new]):
            new.append(target)
    return new
