"""What a document's first bytes say it is, for inputs whose name or content type does not."""

from __future__ import annotations

import re
from typing import Literal

from claimscope.ingest.files import bom

_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!(?!doctype\s+html)[^>]*>)", re.DOTALL | re.IGNORECASE)
_ROOT = re.compile(r"\s*<(!doctype\s+html|[a-z][\w:.-]*)", re.IGNORECASE)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf"})
_HTML_ROOTS = frozenset({"!doctype html", "html", "head", "body"})


def sniff(data: bytes) -> Literal["feed", "html"] | None:
    """The reader the first bytes call for: "feed" (root rss, feed or rdf:RDF), "html" (an HTML page) or None."""
    head = data[:2048].decode(bom(data) or "latin-1", errors="ignore").lstrip("\ufeff")
    position = 0
    while prolog := _PROLOG.match(head, position):
        position = prolog.end()
    root = _ROOT.match(head, position)
    if root is None:
        return None
    name = " ".join(root.group(1).lower().split())
    if name in _FEED_ROOTS:
        return "feed"
    return "html" if name in _HTML_ROOTS else None
