"""Plain-text and Markdown reports (`.txt`, `.md`, `.markdown`).

A file may start with a `date YYYY-MM-DD` header (the rest of that first line is the headline and stays in
the text) or with YAML front matter between `---` lines: title, date or published (YYYY-MM-DD or ISO
datetime), outlet, url, kind (article|post|statement), language, author; other fields go to meta. The header
or front matter is taken off, with the whitespace right after it; the rest is stored exactly as in the file
(no whitespace folding), so offsets map back. Title: the front matter's, else the first line of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from claimscope.ingest.document import Document
from claimscope.ingest.errors import IngestError
from claimscope.ingest.fields import document_from_fields
from claimscope.ingest.files import decode

_DATE_HEADER = re.compile(r"\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|$)\s*", re.IGNORECASE)
_FENCE = re.compile(r"---[ \t]*\r?(?:\n|$)")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


def read_text(data: bytes, origin: str) -> Iterator[Document]:
    """The one document of a text or Markdown file, its header or front matter taken off."""
    text = decode(data, origin)
    fields: dict[str, Any] = {}
    if header := _DATE_HEADER.match(text):
        fields["date"] = header.group(1)
        text = text[header.end():]
    elif fence := _FENCE.match(text):
        fields, text = _front_matter(text, fence.end(), origin)
    if not text.strip():
        raise IngestError(origin, "no text after the header")
    if not fields.get("title"):
        fields["title"] = first_line(text)
    try:
        yield document_from_fields(text, fields, origin)
    except ValueError as err:
        raise IngestError(origin, str(err)) from None


def first_line(text: str) -> str:
    """The first non-blank line, without Markdown heading marks: a title for untitled text."""
    line = next(line for line in text.splitlines() if line.strip())
    return line.strip().lstrip("#").strip() or line.strip()


def _front_matter(text: str, start: int, origin: str) -> tuple[dict[str, Any], str]:
    closing = _CLOSING.search(text, start)
    if closing is None:
        raise IngestError(origin, "front matter not closed (no second '---' line)")
    try:
        fields = yaml.safe_load(text[start:closing.start()])
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 2} column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err)
        raise IngestError(origin, f"malformed front matter{where}: {problem}") from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise IngestError(origin, "front matter is not a mapping of fields")
    return {str(key): value for key, value in fields.items()}, text[closing.end():].lstrip()
