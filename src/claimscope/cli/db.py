"""The global `--db` option and opening the store for a command (any command module may use `open_store`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from claimscope.cli.app import app
from claimscope.cli.output import fail
from claimscope.config import default_db_url, sqlite_url
from claimscope.store import Store

_chosen: dict[str, str | None] = {"db": None}


@app.callback()
def main(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH|URL",
            help="Database: an SQLite file or an SQLAlchemy URL. Overrides CLAIMSCOPE_DB; default "
            "<CLAIMSCOPE_HOME or ~/.local/share/claimscope>/claimscope.db.",
        ),
    ] = None,
) -> None:
    """Who claims what: extract, store and reconcile attributed claims from news reports and posts."""
    _chosen["db"] = db


def chosen_db() -> str | None:
    """The `--db` given on the command line, if any."""
    return _chosen["db"]


def as_url(value: str) -> str:
    """A database given as a path or a URL, as an SQLAlchemy URL."""
    return value if "://" in value else sqlite_url(Path(value))


def db_url() -> str:
    """The database this run uses: `--db`, else CLAIMSCOPE_DB, else the default file."""
    chosen = chosen_db()
    return as_url(chosen) if chosen else default_db_url()


def missing_file(url: str | None = None) -> Path | None:
    """The SQLite file the run's database names, when it does not exist yet (None for other backends)."""
    parsed = make_url(url or db_url())
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(parsed.database)
    return None if path.exists() else path


def open_store(url: str | None = None, create: bool = False) -> Store:
    """Open (and migrate) the run's database, or exit with one error line. Only the commands that fill a
    database (`create`: ingest, demo) make a missing SQLite file; the others refuse it: a mistyped --db must
    not leave an empty database behind."""
    url = url or db_url()
    parsed = make_url(url)
    shown = parsed.render_as_string(hide_password=True)
    path = missing_file(url)
    if path is not None:
        if not create:
            fail(f"no database at {path} (`claimscope ingest` creates one; check --db or CLAIMSCOPE_DB)")
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return Store(url)
    except ImportError as exc:
        fail(f"cannot open database {shown} (--db or CLAIMSCOPE_DB): its driver needs the Python package "
             f"{exc.name or exc}, which is not installed: pip install {exc.name or 'the driver'}"
             " (for postgresql://, pip install 'claimscope[postgres]')")
    except (SQLAlchemyError, OSError) as exc:
        fail(f"cannot open database {shown}: {getattr(exc, 'orig', None) or exc}")
