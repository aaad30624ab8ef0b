"""`claimscope extract`: claims JSON for files, without storing anything."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer
from rich.rule import Rule

from claimscope.cli.app import app, console, err_console
from claimscope.cli.ingest import MaxBytesOption
from claimscope.cli.output import error, plain, print_json
from claimscope.cli.render import claims_table


class ExtractFormat(str, Enum):
    json = "json"
    table = "table"


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(metavar="FILE...", help="Files (or directories, URLs) to read.")],
    format: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="json (OUTPUT.md), or a table of claims.")
    ] = ExtractFormat.json,
    max_bytes: MaxBytesOption = None,
) -> None:
    """Print the claims JSON of each document, without storing anything.

    One document gives one JSON object; several give one object per line (JSON Lines), in input order. Each
    bad file is an `error:` line on stderr, and the exit status is then 1.
    """
    # The readers and spaCy load only when this command runs.
    from claimscope.batch import extract_stream
    from claimscope.extract import Extractor
    from claimscope.ingest import Document, IngestError, expand, read, skipped_note

    failed = 0
    documents: list[Document] = []
    skipped: list[str] = []
    for path in expand(files, skipped):
        for item in read(path, max_bytes=max_bytes):
            if isinstance(item, IngestError):
                failed += 1
                error(str(item))
            else:
                documents.append(item)
    if skipped:
        err_console.print(plain(skipped_note(skipped)), highlight=False, soft_wrap=True)
    lines = len(documents) > 1
    for document, data in extract_stream(Extractor(), documents, error):
        if data is None:
            failed += 1
        elif format is ExtractFormat.json:
            print_json(data, lines=lines)
        else:
            console.print(Rule(plain(document.title or document.origin or document.id)))
            console.print(claims_table(data["claims"]))
    if failed:
        raise typer.Exit(1)
