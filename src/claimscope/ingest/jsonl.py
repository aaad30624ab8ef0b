"""JSON Lines (`.jsonl`, `.ndjson`): one document per line, as JSON objects.

Fields of a record:
- `text` (required, non-empty string): the document text, stored as given;
- `title`, `url`, `outlet`, `language` (strings; language kept as its primary subtag);
- `published` (alias `date`): ISO date `2024-10-25` (precision day), `2024-10` / `2024` (month / year) or
  ISO datetime `2024-10-25T08:30:00Z` (precision second, stored as naive UTC);
- `kind`: article (default), post or statement;
- `author` and any other field: kept in `meta`.
Blank lines are skipped; a bad line yields an IngestError with origin `FILE:line N` and the rest go on.
A document's origin is the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from claimscope.ingest.document import Document
from claimscope.ingest.errors import IngestError
from claimscope.ingest.fields import document_from_fields
from claimscope.ingest.files import decode


def read_jsonl(data: bytes, origin: str) -> Iterator[Document | IngestError]:
    """Every record of a JSON Lines file, with an IngestError in place of each bad line."""
    for number, line in enumerate(decode(data, origin).split("\n"), start=1):
        if line.strip():
            try:
                yield _record(line, origin, number)
            except IngestError as err:
                yield err


def _record(line: str, origin: str, number: int) -> Document:
    where = f"{origin}:line {number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise IngestError(where, f"malformed JSON at column {err.colno}: {err.msg}") from None
    if not isinstance(record, dict):
        raise IngestError(where, f"expected a JSON object, got {type(record).__name__}")
    text = record.pop("text", None)
    if not isinstance(text, str) or not text.strip():
        raise IngestError(where, "missing 'text'" if text is None else "'text' must be a non-empty string")
    try:
        return document_from_fields(text, record, origin)
    except ValueError as err:
        raise IngestError(where, str(err)) from None
