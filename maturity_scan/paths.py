"""Every path the program uses, in one place. Nothing is computed at import time.

Each default can be overridden: the database by ``--db`` or ``MATURITY_SCAN_DB``,
extra question sets by ``--questions-dir`` or ``MATURITY_SCAN_QUESTIONS``, the cache of
parsed question sets by ``MATURITY_SCAN_CACHE`` (empty: no cache), the settings file by
``MATURITY_SCAN_CONFIG`` and the folder of crash logs by ``MATURITY_SCAN_LOG_DIR``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

APP_NAME = "maturity-scan"
ENV_DB = "MATURITY_SCAN_DB"
ENV_QUESTIONS = "MATURITY_SCAN_QUESTIONS"
ENV_LANG = "MATURITY_SCAN_LANG"
ENV_CACHE = "MATURITY_SCAN_CACHE"
ENV_CONFIG = "MATURITY_SCAN_CONFIG"
ENV_LOG_DIR = "MATURITY_SCAN_LOG_DIR"
SETTINGS_FILENAME = "settings.json"
DB_FILENAME = "scans.json"


def default_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """The database: ``$MATURITY_SCAN_DB``, else ``scans.json`` in the user data directory."""
    env = os.environ if environ is None else environ
    if env.get(ENV_DB):
        return Path(env[ENV_DB]).expanduser()
    from platformdirs import user_data_path  # only needed when nothing overrides it

    return user_data_path(APP_NAME, appauthor=False) / DB_FILENAME


def cache_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """Parsed question sets are kept here: ``$MATURITY_SCAN_CACHE`` (empty: keep none), else
    the user cache directory."""
    env = os.environ if environ is None else environ
    if ENV_CACHE in env:
        return Path(env[ENV_CACHE]).expanduser() if env[ENV_CACHE] else None
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def settings_path(environ: Mapping[str, str] | None = None) -> Path:
    """The settings file (language, theme): ``$MATURITY_SCAN_CONFIG``, else ``settings.json``
    in the user config directory."""
    env = os.environ if environ is None else environ
    if env.get(ENV_CONFIG):
        return Path(env[ENV_CONFIG]).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / SETTINGS_FILENAME


def log_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where the app writes the details of an internal error: ``$MATURITY_SCAN_LOG_DIR``, else
    the user log directory."""
    env = os.environ if environ is None else environ
    if env.get(ENV_LOG_DIR):
        return Path(env[ENV_LOG_DIR]).expanduser()
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False)


def builtin_questions_dir() -> Path:
    """The shipped question sets: inside the installed package, or ``questions/`` in a checkout."""
    packaged = Path(__file__).parent / "questions"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "questions"


def question_dirs(
    extra: Sequence[Path] = (), environ: Mapping[str, str] | None = None
) -> list[Path]:
    """Where question sets are looked for: shipped sets, then the environment, then ``extra``."""
    env = os.environ if environ is None else environ
    dirs = [builtin_questions_dir()]
    dirs += [Path(p).expanduser() for p in env.get(ENV_QUESTIONS, "").split(os.pathsep) if p]
    dirs += [Path(p) for p in extra]
    return dirs
