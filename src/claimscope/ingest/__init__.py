"""Every format analysts receive -> `Document`: text/Markdown, HTML, JSON Lines, RSS/Atom, Telegram exports, URLs.

`expand` turns files, directories and URLs into targets; `read` yields each target's documents, with an
`IngestError` (never raised) for every bad input or bad record.
"""

from claimscope.ingest.dispatch import expand, read, skipped_note
from claimscope.ingest.document import Document
from claimscope.ingest.errors import IngestError

__all__ = ["Document", "IngestError", "expand", "read", "skipped_note"]
