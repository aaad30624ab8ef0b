"""A throwaway PostgreSQL server for the tests and the benchmarks: Debian's initdb and pg_ctl under a temp dir.

As root the server runs as the `postgres` user (PostgreSQL refuses to run as root). It listens on a free port of
127.0.0.1 with trust authentication and fsync off: test data only. `close` stops it and removes its files.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PG_BIN = Path(os.environ.get("CLAIMSCOPE_PG_BIN") or "/usr/lib/postgresql/15/bin")
EXTENSIONS = Path("/usr/share/postgresql/15/extension")


def missing() -> str | None:
    """Why no throwaway server can start here (None when it can)."""
    if not (PG_BIN / "initdb").exists() or not (PG_BIN / "pg_ctl").exists():
        return f"PostgreSQL binaries not found in {PG_BIN} (apt install postgresql-15)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser to start PostgreSQL as the postgres user"
    return None


class TempPostgres:
    """A PostgreSQL server of its own in a temp dir; `url(name)` is an SQLAlchemy URL to one of its databases."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="claimscope-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            shutil.chown(self.dir, "postgres", "postgres")
        try:
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                      "--locale=C.UTF-8", "--no-sync")
            options = (f"-h 127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off -c synchronous_commit=off "
                       "-c full_page_writes=off -c max_connections=200")
            self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w", "start")
        except BaseException:
            self.close()
            raise

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy (psycopg 3) URL of a database on this server."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def close(self) -> None:
        """Stop the server (at once) and remove its files."""
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> TempPostgres:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self, program: str, *args: str, check: bool = True) -> None:
        command = [str(PG_BIN / program), *args]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=check, capture_output=True, text=True, cwd=self.dir)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
