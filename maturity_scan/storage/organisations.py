"""The ``organisations`` table, and the changes that touch an organisation as a whole:
renaming, merging, groups and the rescan interval.

An organisation exists through its scans; a record in this table only holds what is kept
beside them (groups, rescan interval, the spelling chosen by a rename). Identity is the name
folded (:func:`maturity_scan.core.names.org_key`), everywhere: scans, targets and records.

The functions that change tables work on the file's tables as plain dicts inside a
:class:`~maturity_scan.storage.database.Unit` (the caller marks the unit changed). Invariants:
at most one record per organisation; a record exists only for an organisation with a scan
(deleting its last scan deletes it, with its targets); a record equal to the defaults is not
kept; a rename or merge moves every scan, target and record in one write.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

import msgspec

from maturity_scan.atomic import Tables
from maturity_scan.core.models import Organisation, Target
from maturity_scan.core.names import clean_name, close_names, fold, org_key
from maturity_scan.errors import ScanError
from maturity_scan.storage.codec import ORGANISATIONS, ROUNDS, TARGETS
from maturity_scan.storage.migrations import SCANS
from maturity_scan.storage.scans import MAX_ORGANISATION

#: The longest group name, and the most groups an organisation carries.
MAX_GROUP = 60
MAX_GROUPS = 20


@dataclasses.dataclass(frozen=True)
class Moved:
    """What a rename or merge changed: the organisation's name now, and how many scans and
    targets it moved (targets the receiving organisation already had are ``dropped``)."""

    name: str
    scans: int
    targets: int
    dropped: int = 0


def check_name(name: str) -> str:
    """``name`` cleaned (:func:`clean_name`); an empty or too long name is an error."""
    name = clean_name(name)
    if not name:
        raise ScanError("err.empty_org")
    if len(name) > MAX_ORGANISATION:
        raise ScanError("err.org_too_long", limit=MAX_ORGANISATION, length=len(name))
    return name


def check_group(group: str) -> str:
    group = clean_name(group)
    if not group:
        raise ScanError("err.group_empty")
    if "," in group:  # the app's groups field separates groups with commas
        raise ScanError("err.group_comma", group=group[:40])
    if len(group) > MAX_GROUP:
        raise ScanError("err.group_too_long", group=group[:20] + "…", limit=MAX_GROUP)
    return group


def stored_names(tables: Tables) -> dict[str, str]:
    """Every organisation with a scan or a team round: its key → the spelling shown (its
    record's, else its latest stored scan's, else its round's)."""
    names: dict[str, str] = {}
    for doc in tables.get(ROUNDS, {}).values():
        name = doc.get("organisation")
        if isinstance(name, str):
            names[org_key(name)] = name
    for doc in tables.get(SCANS, {}).values():
        name = doc.get("organisation")
        if isinstance(name, str):
            names[org_key(name)] = name
    for doc in tables.get(ORGANISATIONS, {}).values():
        name = doc.get("name")
        if isinstance(name, str) and org_key(name) in names:
            names[org_key(name)] = name
    return names


def resolve(tables: Tables, name: str) -> str:
    """The key of the stored organisation ``name`` stands for; an error naming at most three
    close names when there is none."""
    names = stored_names(tables)
    key = org_key(name)
    if key in names:
        return key
    raise unknown(name, list(names.values()))


def unknown(name: str, known: list[str]) -> ScanError:
    close = close_names(name, known)
    if not close:
        return ScanError("err.org_unknown_none", org=name)
    return ScanError("err.org_unknown", org=name, known=", ".join(f"'{c}'" for c in close))


def record(tables: Tables, key: str) -> Organisation:
    """The organisation's record, or the defaults under its stored spelling."""
    for doc in tables.get(ORGANISATIONS, {}).values():
        if org_key(str(doc.get("name", ""))) == key:
            return msgspec.convert(doc, Organisation)
    return Organisation(name=stored_names(tables)[key])


def put(tables: Tables, organisation: Organisation) -> Organisation:
    """Store ``organisation``'s record over the one for its key (none when it holds only
    defaults and its spelling is the scans')."""
    key = org_key(organisation.name)
    table = {
        doc_id: doc
        for doc_id, doc in tables.get(ORGANISATIONS, {}).items()
        if org_key(str(doc.get("name", ""))) != key
    }
    next_id = max((int(i) for i in tables.get(ORGANISATIONS, {})), default=0) + 1
    tables[ORGANISATIONS] = table
    if organisation != Organisation(name=organisation.name) or _spelled_apart(tables, organisation):
        table[str(next_id)] = msgspec.to_builtins(organisation)
    return organisation


def _spelled_apart(tables: Tables, organisation: Organisation) -> bool:
    key = org_key(organisation.name)
    spellings = {
        doc.get("organisation")
        for doc in tables.get(SCANS, {}).values()
        if org_key(str(doc.get("organisation", ""))) == key
    }
    return spellings != {organisation.name}


def tag(tables: Tables, key: str, groups: Iterable[str], *, add: bool) -> Organisation:
    """The organisation's groups with ``groups`` added (``add``) or taken off (folded)."""
    current = record(tables, key)
    given = [check_group(g) for g in groups]
    if add:
        kept = list(current.groups)
        for group in given:
            if not any(fold(g) == fold(group) for g in kept):
                kept.append(group)
        if len(kept) > MAX_GROUPS:
            raise ScanError("err.group_too_many", limit=MAX_GROUPS)
    else:
        missing = [g for g in given if not any(fold(h) == fold(g) for h in current.groups)]
        if missing:
            raise ScanError("err.group_not_on_org", group=missing[0], org=current.name)
        drop = {fold(g) for g in given}
        kept = [g for g in current.groups if fold(g) not in drop]
    return put(tables, msgspec.structs.replace(current, groups=kept))


def set_rescan(tables: Tables, key: str, months: int) -> Organisation:
    if not 1 <= months <= 120:
        raise ScanError("err.rescan_months", months=months)
    return put(tables, msgspec.structs.replace(record(tables, key), rescan_months=months))


def rename(tables: Tables, key: str, new_name: str) -> Moved:
    """Every scan, target and the record of organisation ``key`` under ``new_name``. A name
    that is another stored organisation is refused (that is a merge)."""
    new_name = check_name(new_name)
    names = stored_names(tables)
    if org_key(new_name) != key and org_key(new_name) in names:
        raise ScanError("err.org_rename_taken", old=names[key], new=names[org_key(new_name)])
    current = record(tables, key)
    scans = _move(tables, SCANS, "organisation", key, new_name)
    _move(tables, ROUNDS, "organisation", key, new_name)
    targets = _move(tables, TARGETS, "organisation", key, new_name)
    _drop_record(tables, key)
    put(tables, msgspec.structs.replace(current, name=new_name))
    return Moved(name=new_name, scans=scans, targets=targets)


def merge(tables: Tables, source: str, into: str, targets: Iterable[Target]) -> Moved:
    """Every scan of organisation ``source`` moved to ``into``; its targets too, except for
    a principle ``into`` has a target for (``into``'s stays); groups joined; ``into``'s
    rescan interval kept. ``targets``: the decoded targets table, as the unit read it."""
    if source == into:
        raise ScanError("err.org_merge_same", org=stored_names(tables)[source])
    source_record, into_record = record(tables, source), record(tables, into)
    name = into_record.name
    own = {(t.question_set, t.principle) for t in targets if org_key(t.organisation) == into}
    dropped = 0
    table = tables.get(TARGETS, {})
    for doc_id, doc in list(table.items()):
        if org_key(str(doc.get("organisation", ""))) == source and (
            (doc.get("question_set"), doc.get("principle")) in own
        ):
            del table[doc_id]
            dropped += 1
    scans = _move(tables, SCANS, "organisation", source, name)
    _move(tables, ROUNDS, "organisation", source, name)
    moved = _move(tables, TARGETS, "organisation", source, name)
    joined = list(into_record.groups)
    for group in source_record.groups:
        if not any(fold(g) == fold(group) for g in joined):
            joined.append(group)
    _drop_record(tables, source)
    put(tables, msgspec.structs.replace(into_record, groups=joined[:MAX_GROUPS]))
    return Moved(name=name, scans=scans, targets=moved, dropped=dropped)


def drop_if_gone(tables: Tables, key: str) -> None:
    """Remove the record of ``key`` when no scan of it is left."""
    if key not in stored_names(tables):
        _drop_record(tables, key)


def add_missing(tables: Tables, records: Iterable[Organisation]) -> int:
    """Records of an import: an organisation without one gets it (under the stored
    spelling); one with a record gets the imported groups it lacks, and keeps its interval.
    Returns how many records changed."""
    changed = 0
    names = stored_names(tables)
    for given in records:
        key = org_key(given.name)
        if key not in names:
            continue
        current = record(tables, key)
        has_record = any(
            org_key(str(d.get("name", ""))) == key for d in tables.get(ORGANISATIONS, {}).values()
        )
        if not has_record:
            new = msgspec.structs.replace(given, name=names[key])
        else:
            joined = list(current.groups)
            for group in given.groups:
                if not any(fold(g) == fold(group) for g in joined):
                    joined.append(group)
            new = msgspec.structs.replace(current, groups=joined[:MAX_GROUPS])
        if new != current:
            put(tables, new)
            changed += 1
    return changed


def _move(tables: Tables, table: str, field: str, key: str, name: str) -> int:
    count = 0
    for doc in tables.get(table, {}).values():
        value: Any = doc.get(field)
        if isinstance(value, str) and org_key(value) == key:
            doc[field] = name
            count += 1
    return count


def _drop_record(tables: Tables, key: str) -> None:
    if ORGANISATIONS in tables:
        tables[ORGANISATIONS] = {
            doc_id: doc
            for doc_id, doc in tables[ORGANISATIONS].items()
            if org_key(str(doc.get("name", ""))) != key
        }
