"""A cheap change stamp of the whole database: it differs after any committed write, by any connection of
any process, so that a reader may cache what it computed from the data under the stamp it read first.

No table of its own and no trigger (the schema stays as the migrations make it):
- SQLite file: `PRAGMA data_version` of a watcher connection that never writes. The pragma's value changes
  when another connection commits; since this one never commits, it changes on every commit.
- PostgreSQL: `pg_current_snapshot()`, which moves whenever a writing transaction starts or ends (anywhere in
  the cluster: more changes than ours only cost a cache miss).
- An in-memory SQLite database has no other connection to watch: no stamp (None), nothing may be cached.
"""

from __future__ import annotations

import sqlite3
import threading

from sqlalchemy import Engine, text


class ChangeStamp:
    """`read()` gives the database's current stamp (a string), or None when it cannot tell changes apart."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._watcher: sqlite3.Connection | None = None
        database = engine.url.database
        self.kind = engine.dialect.name
        if self.kind == "sqlite" and database not in (None, "", ":memory:") and "mode=memory" not in database:
            self._watcher = sqlite3.connect(database, check_same_thread=False, isolation_level=None)

    def read(self) -> str | None:
        """The stamp now: equal stamps mean no write was committed in between."""
        if self._watcher is not None:
            with self._lock:
                return f"sqlite:{self._watcher.execute('PRAGMA data_version').fetchone()[0]}"
        if self.kind == "postgresql":
            with self.engine.connect() as connection:
                return "pg:" + connection.execute(text("SELECT pg_current_snapshot()::text")).scalar_one()
        return None

    def close(self) -> None:
        """Close the watcher connection."""
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
