"""The installed question sets by id and version: a pure lookup (loading: ``question_sets``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from maturity_scan.core.models import QuestionSet
from maturity_scan.errors import ScanError


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Order versions naturally: 1.10 after 1.9, numbers before text."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"[.+-]", version)
    )


@dataclass
class Catalog:
    """The installed question sets, by id and version, with the file each came from."""

    sets: dict[tuple[str, str], QuestionSet] = field(default_factory=dict)
    files: dict[tuple[str, str], Path] = field(default_factory=dict)

    def add(self, qs: QuestionSet, path: Path) -> None:
        key = (qs.id, qs.version)
        if key in self.files and self.files[key].resolve() != path.resolve():
            raise ScanError(
                "err.qs_duplicate_set",
                id=qs.id,
                version=qs.version,
                first=str(self.files[key]),
                second=str(path),
            )
        self.sets[key] = qs
        self.files[key] = path

    def ids(self) -> list[str]:
        return sorted({ident for ident, _ in self.sets})

    def latest(self) -> list[QuestionSet]:
        """One set per id: its highest version."""
        return [self.get(ident) for ident in self.ids()]

    def versions(self, set_id: str) -> list[str]:
        return sorted((v for i, v in self.sets if i == set_id), key=version_key)

    def get(self, set_id: str, version: str | None = None) -> QuestionSet:
        if version is not None:  # the common case, once per stored scan: no sorting
            found = self.sets.get((set_id, version))
            if found is not None:
                return found
        versions = self.versions(set_id)
        if not versions:
            raise ScanError("err.qs_unknown", id=set_id, known=", ".join(self.ids()) or "-")
        if version is None:
            return self.sets[(set_id, versions[-1])]
        if version not in versions:
            raise ScanError(
                "err.qs_unknown_version", id=set_id, version=version, known=", ".join(versions)
            )
        return self.sets[(set_id, version)]

    def find(self, set_id: str, version: str) -> QuestionSet | None:
        return self.sets.get((set_id, version))
