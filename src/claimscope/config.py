"""Run-time settings from the environment, with documented defaults."""

from __future__ import annotations

import os
from pathlib import Path


def data_home() -> Path:
    """Where claimscope keeps its database and caches: `CLAIMSCOPE_HOME`, else `~/.local/share/claimscope`."""
    base = os.environ.get("CLAIMSCOPE_HOME") or os.path.join(
        os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share"), "claimscope"
    )
    return Path(base)


def cache_dir() -> Path:
    """Where built indexes (the gazetteer) are cached: `CLAIMSCOPE_CACHE`, else `<data home>/cache`."""
    return Path(os.environ.get("CLAIMSCOPE_CACHE") or data_home() / "cache")


def default_db_url() -> str:
    """The database: `CLAIMSCOPE_DB` (a path or an SQLAlchemy URL), else `<data home>/claimscope.db`."""
    value = os.environ.get("CLAIMSCOPE_DB")
    if not value:
        return sqlite_url(data_home() / "claimscope.db")
    return value if "://" in value else sqlite_url(Path(value))


def sqlite_url(path: Path) -> str:
    """An SQLAlchemy URL for an SQLite file (its folder is made only by the commands that create a database)."""
    return f"sqlite:///{Path(path).expanduser().resolve()}"


class SettingError(ValueError):
    """A setting from the environment that cannot be used; the message names it and what is expected."""


def max_file_bytes() -> int:
    """The largest input file ingested: `CLAIMSCOPE_MAX_BYTES`, default 20 MB."""
    value = os.environ.get("CLAIMSCOPE_MAX_BYTES")
    if not value:
        return 20 * 1024 * 1024
    try:
        limit = int(value.replace("_", ""))
    except ValueError:
        limit = 0
    if limit < 1:
        raise SettingError(f"CLAIMSCOPE_MAX_BYTES={value!r}: expected a whole number of bytes above 0, "
                           "e.g. 20971520 for 20 MB")
    return limit
