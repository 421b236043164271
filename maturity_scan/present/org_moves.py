"""What renaming or merging an organisation will move, counted before it is done, and the
sentences both front ends show for it (``org rename``/``org merge`` and the app's dialogs).

The counts are made from one read (the scans and targets in hand), the way
:mod:`maturity_scan.storage.organisations` will move them: every scan and target of the
organisation goes, except (in a merge) a target for a principle the receiving organisation
already has a target for, which is dropped. Pure: no I/O.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from maturity_scan.core.models import Lang, Scan, Target
from maturity_scan.core.names import org_key
from maturity_scan.i18n import tr


@dataclasses.dataclass(frozen=True)
class MovePreview:
    """What a rename or merge of ``source`` moves (``into`` for a merge)."""

    source: str
    into: str | None
    scans: int
    targets: int
    #: Targets of ``source`` dropped by a merge (``into`` has its own for the principle).
    dropped: int = 0


def preview(
    scans: Iterable[Scan], targets: Iterable[Target], source: str, into: str | None = None
) -> MovePreview:
    """What moves from organisation ``source`` (to ``into``: a merge; None: a rename)."""
    key = org_key(source)
    into_key = org_key(into) if into is not None else None
    every = list(targets)
    theirs = {(t.question_set, t.principle) for t in every if org_key(t.organisation) == into_key}
    moving = [t for t in every if org_key(t.organisation) == key]
    dropped = sum((t.question_set, t.principle) in theirs for t in moving)
    return MovePreview(
        source=source,
        into=into,
        scans=sum(org_key(s.organisation) == key for s in scans),
        targets=len(moving) - dropped,
        dropped=dropped,
    )


def counted(scans: int, targets: int, lang: Lang) -> dict[str, str]:
    """The counts as words for the ``{what}`` of a message: "3 scans", or with targets
    "3 scans en 1 streefniveau" (no "0 streefniveaus")."""
    what = tr("org.n_scans", lang, count=scans)
    if targets:
        what = tr("org.n_what", lang, scans=what, targets=tr("org.n_targets", lang, count=targets))
    return {"what": what}


def rename_text(moves: MovePreview, new: str, lang: Lang) -> str:
    """What a rename of ``moves.source`` to ``new`` takes with it."""
    return tr(
        "org.rename_body",
        lang,
        old=moves.source,
        new=new,
        **counted(moves.scans, moves.targets, lang),
    )


def merge_text(moves: MovePreview, lang: Lang) -> str:
    """What a merge moves, and the targets it drops."""
    fill = {"source": moves.source, "into": moves.into or ""}
    text = tr("org.merge_body", lang, **fill, **counted(moves.scans, moves.targets, lang))
    if moves.dropped:
        text += " " + tr("org.merge_drops", lang, count=moves.dropped, **fill)
    return text


def renamed_text(old: str, new: str, scans: int, targets: int, lang: Lang) -> str:
    return tr("org.renamed", lang, old=old, new=new, **counted(scans, targets, lang))


def merged_text(source: str, into: str, scans: int, targets: int, dropped: int, lang: Lang) -> str:
    text = tr("org.merged", lang, source=source, into=into, **counted(scans, targets, lang))
    if dropped:
        text += " " + tr("org.dropped", lang, count=dropped)
    return text


def groups_text(organisation: str, groups: Iterable[str], lang: Lang) -> str:
    """Which groups ``organisation`` is in now."""
    names = [f"'{g}'" for g in groups]
    if not names:
        return tr("org.groups_none", lang, org=organisation)
    return tr("org.groups_now", lang, org=organisation, groups=", ".join(names), count=len(names))
