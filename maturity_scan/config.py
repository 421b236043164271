"""What one run of the program works on: the database, the question sets and the language.

Nothing is read or imported before it is needed: a command that never looks at a question
set never loads the question set modules (nor the TOML parser).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from maturity_scan.lang import Lang
from maturity_scan.paths import default_db_path, question_dirs, settings_path

if TYPE_CHECKING:
    from maturity_scan.core.catalog import Catalog
    from maturity_scan.errors import ScanError
    from maturity_scan.settings import Loaded
    from maturity_scan.storage.store import Store


@dataclass
class Config:
    db_path: Path
    questions_dirs: list[Path]
    lang: Lang = "nl"
    #: The environment the paths come from; the cache directory is looked up only when a
    #: question set is loaded.
    environ: Mapping[str, str] | None = None
    #: Told about problems that did not stop an operation (see ``Store.on_warning``).
    on_warning: Callable[[ScanError], object] | None = None
    #: The settings file (language and theme chosen in the app); None: no settings file.
    settings_path: Path | None = None
    #: What was read from it to choose the language (None: not read, the option or the
    #: environment chose); see :attr:`settings`.
    loaded_settings: Loaded | None = None

    @classmethod
    def create(
        cls,
        db: Path | None = None,
        questions_dirs: Sequence[Path] = (),
        lang: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Config:
        """Explicit values first, then the environment, then the settings file, then the
        defaults."""
        from maturity_scan.atomic import real_path
        from maturity_scan.settings import resolve

        path = settings_path(environ)
        chosen, loaded = resolve(lang, environ, path)
        return cls(
            db_path=real_path(Path(db) if db else default_db_path(environ)),
            questions_dirs=question_dirs(questions_dirs, environ),
            lang=chosen,
            environ=environ,
            settings_path=path,
            loaded_settings=loaded,
        )

    @property
    def settings(self) -> Loaded:
        """The settings file's contents (read now if the language did not need them)."""
        from maturity_scan.settings import Loaded, Settings, load

        if self.loaded_settings is None:
            path = self.settings_path
            self.loaded_settings = load(path) if path is not None else Loaded(Settings())
        return self.loaded_settings

    @cached_property
    def catalog(self) -> Catalog:
        from maturity_scan.paths import cache_dir
        from maturity_scan.question_sets.loading import load_catalog

        return load_catalog(self.questions_dirs, cache_dir(self.environ))

    @cached_property
    def store(self) -> Store:
        from maturity_scan.storage.store import Store

        # the catalog only when a draft's journal is read: its lines are checked against it
        return Store(self.db_path, catalog=lambda: self.catalog, on_warning=self.on_warning)
