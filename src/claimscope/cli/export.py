"""`claimscope export`: the stored claims as STIX 2.1, GeoJSON, CSV or JSON Lines, streamed to stdout or a file."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from claimscope.cli.app import app, err_console
from claimscope.cli.browse import (
    ActorFilter,
    ContentFilter,
    DocumentFilter,
    EventFilter,
    ModalityFilter,
    SinceFilter,
    SourceFilter,
    UntilFilter,
)
from claimscope.cli.db import open_store
from claimscope.cli.output import fail, plain
from claimscope.export import stream
from claimscope.reconcile import materialise
from claimscope.store import NotFound, StoreError


class ExportFormat(str, Enum):
    stix = "stix"
    geojson = "geojson"
    csv = "csv"
    jsonl = "jsonl"


@app.command("export")
def export(
    format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="stix (a 2.1 bundle), geojson, csv (ACLED/GED style) or jsonl."),
    ],
    topic: Annotated[
        str | None, typer.Option("--topic", metavar="ID", help="Only this topic's claims (id or prefix).")
    ] = None,
    source: SourceFilter = None,
    actor: ActorFilter = None,
    modality: ModalityFilter = None,
    event: EventFilter = None,
    doc: DocumentFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    q: ContentFilter = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE", help="Write to this file (whole or not at all), not stdout."),
    ] = None,
) -> None:
    """Export stored claims for other tools: STIX 2.1 (OpenCTI, MISP), GeoJSON (QGIS), CSV, JSON Lines."""
    with open_store() as store:
        materialise.catch_up(store)  # a database from before materialised reconciliation
        try:
            chunks = stream(store, format.value, topic=topic, source=source, actor=actor, modality=modality,
                            event=event, document=doc, since=since, until=until, q=q)
        except (StoreError, NotFound, ValueError) as exc:
            fail(str(exc))
        if out is None:
            for chunk in chunks:
                sys.stdout.write(chunk)
            sys.stdout.flush()
            return
        _write_whole(out, chunks)
    err_console.print(plain(f"exported {format.value} to {out}"), highlight=False, soft_wrap=True)


def _write_whole(path: Path, chunks: Iterator[str]) -> None:
    """Write the chunks to a temporary file beside `path`, then rename it: a failed export leaves nothing."""
    path = path.expanduser()
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        fail(f"{path}: cannot write: {exc.strerror or exc}")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            for chunk in chunks:
                handle.write(chunk)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's owner-only mode
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
