"""`claimscope demo`: a fresh database from the bundled sample corpus, then the summary report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import make_url

from claimscope.cli.app import app, console
from claimscope.cli.db import as_url, chosen_db, open_store
from claimscope.cli.ingest import run_ingest
from claimscope.cli.output import fail, plain
from claimscope.cli.report import print_report
from claimscope.config import data_home
from claimscope.samples import corpus_dir

DEMO_PORT = 8000  # `claimscope serve`'s default port


@app.command()
def demo(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH",
            help="SQLite file for the demo, DELETED AND RECREATED (default <data home>/demo.db; "
            "CLAIMSCOPE_DB is not used).",
        ),
    ] = None,
) -> None:
    """Ingest the bundled sample corpus into a fresh demo database and print the summary report.

    The demo database is deleted and recreated on every run: by default <CLAIMSCOPE_HOME or
    ~/.local/share/claimscope>/demo.db, or the file given with --db (here or before the command).
    """
    url = as_url(db or chosen_db() or str(data_home() / "demo.db"))
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        fail(f"the demo builds a fresh SQLite file; {parsed.render_as_string(hide_password=True)} is not one")
    if parsed.database and parsed.database != ":memory:":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(parsed.database + suffix).unlink(missing_ok=True)
        console.print(plain(f"demo database: {parsed.database}"))
    with open_store(url, create=True) as store:
        counts = run_ingest(store, [str(corpus_dir())], label="sample corpus")
        console.print(plain(f"sample corpus: {counts}"))
        print_report(store, console)
    if not counts.new:
        raise typer.Exit(1)
    shown = parsed.database if parsed.database and parsed.database != ":memory:" else url
    console.print(plain(f"the workspace: claimscope serve --db {shown}"))
    console.print(plain(f"open http://127.0.0.1:{DEMO_PORT}"))
