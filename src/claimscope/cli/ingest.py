"""`claimscope ingest`: read, extract and store files, directories and URLs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from claimscope.cli.app import app, console, err_console
from claimscope.cli.db import open_store
from claimscope.cli.output import error, plain
from claimscope.config import max_file_bytes
from claimscope.store import Store

if TYPE_CHECKING:  # the batch (readers, parsers) and spaCy load only for the commands that ingest
    from claimscope.batch import Counts

INTERRUPTED = 130  # the shell's status for a run stopped by Ctrl-C

MaxBytesOption = Annotated[
    int | None,
    typer.Option("--max-bytes", min=1, help="Refuse larger files (default CLAIMSCOPE_MAX_BYTES, else 20 MB)."),
]


@app.command()
def ingest(
    targets: Annotated[
        list[str], typer.Argument(metavar="PATH|URL...", help="Files, directories (recursively) or URLs.")
    ],
    max_bytes: MaxBytesOption = None,
) -> None:
    """Extract the claims of every document and store them; documents already stored are skipped.

    Prints `new N, duplicate N, failed N`; each bad file or record is one `error:` line on stderr, and the
    exit status is 1 when anything failed.
    """
    max_bytes = max_bytes or max_file_bytes()  # a bad CLAIMSCOPE_MAX_BYTES stops the run before any database
    with open_store(create=True) as store:
        counts = run_ingest(store, targets, max_bytes=max_bytes)
    console.print(plain(str(counts)))
    if counts.failed:
        raise typer.Exit(1)


def run_ingest(store: Store, targets: list[str], max_bytes: int | None = None, label: str = "ingesting") -> Counts:
    """The batch run with a progress bar on stderr (none when stderr is not a terminal); exits 130 on Ctrl-C."""
    from claimscope.batch import Counts, ingest as ingest_batch
    from claimscope.extract import Extractor

    last = Counts()
    with _progress(label) as update:

        def progress(done: int, total: int, counts: Counts) -> None:
            nonlocal last
            last = counts
            update(done, total, counts)

        try:
            return ingest_batch(targets, store, Extractor(), on_error=error, progress=progress, max_bytes=max_bytes)
        except KeyboardInterrupt:
            err_console.print(plain(f"interrupted: {last} (run again to complete)"), soft_wrap=True)
            raise typer.Exit(INTERRUPTED) from None


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int, Counts], None]]:
    """An update(done, total, counts) function drawing a bar on a terminal, doing nothing otherwise."""
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TextColumn("{task.fields[counts]}", markup=False),
        TimeElapsedColumn(),
        console=err_console,
        disable=not err_console.is_terminal,
        transient=True,
    )
    with bar:
        task = bar.add_task(label, total=None, counts="")

        def update(done: int, total: int, counts: Counts) -> None:
            bar.update(task, completed=done, total=total, counts=str(counts))

        yield update
