"""Names of organisations and groups: when two spellings are the same organisation, search,
and "did you mean".

An organisation is known by its name *folded* (:func:`org_key`): case, accents and spacing do
not count, so "gemeente  zwolle", "Gemeente Zwolle" and "Gemeente Zwollé" are one
organisation. The spelling shown is the stored one; a new scan for a known organisation is
filed under it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache


def clean_name(name: str) -> str:
    """``name`` trimmed, inner white space folded to one space (how every name is stored)."""
    return " ".join(name.split())


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """``text`` without case, accents or extra spacing: what searching and matching compare.
    Cached: a database repeats each organisation's name in every one of its scans."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def org_key(name: str) -> str:
    """The identity of an organisation named ``name`` (see the module's docstring)."""
    return fold(name)


def same_organisation(a: str, b: str) -> bool:
    return org_key(a) == org_key(b)


def matches(query: str, texts: Iterable[str]) -> bool:
    """Whether every word of ``query`` begins a word of one of ``texts`` (folded: "zwol"
    finds "Gemeente Zwolle", "fryslan" finds "Súdwest-Fryslân"; "een" does not find every
    "Gemeente"). An empty query matches everything."""
    import re

    words = [w for text in texts for w in re.findall(r"\w+", fold(text))]
    return all(any(w.startswith(part) for w in words) for part in re.findall(r"\w+", fold(query)))


def close_names(wanted: str, known: Sequence[str], limit: int = 3) -> list[str]:
    """Up to ``limit`` of ``known`` that look like ``wanted``: those that contain it (or that
    it contains) first, shortest first, then the closest by spelling, of the whole name or of
    one of its words ("zwole" → "Gemeente Zwolle"), leaving out the words both share.
    Folded, like every name comparison."""
    from difflib import SequenceMatcher

    target = fold(wanted)
    if not target:
        return []
    folded: dict[str, str] = {}
    for name in known:
        folded.setdefault(fold(name), name)
    containing = [
        folded[k] for k in sorted(folded, key=len) if target in k or (len(k) >= 4 and k in target)
    ]

    def likeness(name: str) -> float:
        # words both share ("gemeente") say nothing: "gemeente urk" is not "gemeente ede"
        common = set(target.split()) & set(name.split())
        mine = " ".join(w for w in target.split() if w not in common) or target
        theirs = " ".join(w for w in name.split() if w not in common) or name
        parts = [theirs, *theirs.split()] if " " not in mine else [theirs]
        return max(SequenceMatcher(None, mine, part).ratio() for part in parts)

    scored = sorted(((likeness(k), k) for k in folded), key=lambda pair: (-pair[0], pair[1]))
    similar = [folded[k] for score, k in scored if score >= 0.75]
    return list(dict.fromkeys([*containing, *similar]))[:limit]


#: Names a file cannot have on Windows, whatever its ending.
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


def file_slug(name: str) -> str:
    """``name`` as the start of a safe file name (``gemeente-zwolle``): letters, digits, ``-``
    and ``_`` only, at most 60 characters; names are data, never paths."""
    slug = "".join(c if c.isalnum() or c in "-_" else "-" for c in name.strip().lower())
    slug = "-".join(part for part in slug.split("-") if part)[:60].strip("-_") or "scan"
    return f"scan-{slug}" if slug in _RESERVED else slug
