"""`claimscope documents`, `show` and `claims`: what the store holds, as tables or JSON."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import typer
from rich.rule import Rule
from rich.text import Text

from claimscope.cli.app import app, console
from claimscope.cli.db import open_store
from claimscope.cli.output import fail, plain, print_json
from claimscope.cli.render import claims_table, documents_table
from claimscope.store import StoreError
from claimscope.store.records import day_interval


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class ClaimsFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


FormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="table, or JSON.")]
SearchOption = Annotated[
    str | None,
    typer.Option(
        "--q", "-q", help='Full-text search of titles and texts: all the words, a "quoted phrase", word* (prefix).'
    ),
]
DATES = "YYYY-MM-DD, YYYY-MM or YYYY"


@app.command()
def documents(
    q: SearchOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many.")] = 50,
    format: FormatOption = ListFormat.table,
) -> None:
    """List stored documents, newest first, or the best matches of a full-text search."""
    with open_store() as store:
        try:
            found = store.documents(q=q, limit=limit)
        except StoreError as exc:
            fail(str(exc))
    if format is ListFormat.json:
        print_json(found)
    elif found:
        console.print(documents_table(found))
    else:
        console.print(plain("no documents", style="dim"))


@app.command()
def show(
    doc: Annotated[str, typer.Argument(metavar="DOC", help="A document id, or a unique prefix of it.")],
    format: FormatOption = ListFormat.table,
) -> None:
    """A stored document: its header, its text and its claims; `--format json` prints its claims JSON."""
    with open_store() as store:
        try:
            if format is ListFormat.json:
                print_json(store.claims_json(doc))
                return
            document = store.document(doc)
            data = store.claims_json(document["id"])
        except StoreError as exc:
            fail(str(exc))
    header = Text()
    for field in ("id", "title", "outlet", "kind", "published", "url", "origin", "language", "ingested_at"):
        if document.get(field) is not None:
            header.append(f"{field:>12}  ", style="bold")
            header.append_text(plain(document[field]))
            header.append("\n")
    console.print(header, end="")
    console.print(Rule())
    console.print(plain(document["text"]))
    console.print(Rule(f"{len(data['claims'])} claims"))
    brief = {"published": document["published"]}
    console.print(claims_table({**claim, "document": brief} for claim in data["claims"]))


SourceFilter = Annotated[str | None, typer.Option("--source", help="Part of the source's words or actor name.")]
ActorFilter = Annotated[
    str | None, typer.Option("--actor", help="An actor's canonical name: as source, relay or cited.")
]
ModalityFilter = Annotated[
    str | None, typer.Option("--modality", help="asserted, hedged, rumored, speculative or denied.")
]
EventFilter = Annotated[str | None, typer.Option("--event", help="sighting, arrival, deployment, training ...")]
DocumentFilter = Annotated[str | None, typer.Option("--doc", help="Only this document (id or unique prefix).")]
SinceFilter = Annotated[
    str | None, typer.Option("--since", metavar="DATE", help=f"Claims made on or after this day ({DATES}).")
]
UntilFilter = Annotated[
    str | None, typer.Option("--until", metavar="DATE", help=f"Claims made on or before this day ({DATES}).")
]
ContentFilter = Annotated[str | None, typer.Option("--q", "-q", help="Part of the claim's content.")]
ClaimsFormatOption = Annotated[ClaimsFormat, typer.Option("--format", "-f", help="table, JSON or JSON Lines.")]


@app.command()
def claims(
    source: SourceFilter = None,
    actor: ActorFilter = None,
    modality: ModalityFilter = None,
    event: EventFilter = None,
    doc: DocumentFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    q: ContentFilter = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most this many.")] = 100,
    format: ClaimsFormatOption = ClaimsFormat.table,
) -> None:
    """Stored claims in date order (asserted, else published): source, cue, date, modality, event, quantities,
    places."""
    with open_store() as store:
        try:
            found = store.claims(
                source=source,
                actor=actor,
                modality=modality,
                event=event,
                document=doc,
                since=_day(since, "--since"),
                until=_day(until, "--until", last=True),
                q=q,
                limit=limit,
            )
        except StoreError as exc:
            fail(str(exc))
    if format is ClaimsFormat.json:
        print_json(found)
    elif format is ClaimsFormat.jsonl:
        for claim in found:
            print_json(claim, lines=True)
    elif found:
        console.print(claims_table(found, with_document=True))
    else:
        console.print(plain("no claims", style="dim"))


def _day(value: str | None, option: str, last: bool = False) -> date | None:
    """The first (or last) day of a date given as YYYY-MM-DD, YYYY-MM or YYYY."""
    if value is None:
        return None
    first_day, last_day = day_interval(value.strip())
    if first_day is None:
        raise typer.BadParameter(f"{value!r} is not a date ({DATES})", param_hint=option)
    return last_day if last else first_day
