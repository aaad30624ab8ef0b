"""RSS and Atom feeds (`.xml`, `.rss`, `.atom`, sniffed files, feed URLs), via feedparser.

Each entry is a Document: title, link as url, published (else updated) time as naive UTC (precision "second",
"day" for a date-only value), the feed title as outlet, the text from the entry's content or else its
summary with HTML stripped, language from the feed, author and guid in meta. The decoding follows the
feed's own declaration (XML prolog, HTTP charset), as feedparser reads it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import feedparser
import lxml.html

from claimscope.ingest.document import Document
from claimscope.ingest.errors import IngestError
from claimscope.ingest.fields import language_code

_BLOCKS = frozenset({"address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
                     "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "ol", "p", "pre", "section",
                     "table", "tr", "ul"})
_DATE_ONLY = re.compile(r"\s*\d{4}-\d{2}-\d{2}\s*")


def read_feed(data: bytes, origin: str, *, content_type: str | None = None) -> Iterator[Document | IngestError]:
    """Every entry of an RSS or Atom feed; an entry without text yields an IngestError and the rest go on."""
    headers = {"content-type": content_type} if content_type else {}
    # A stream, never bytes or str: feedparser would treat those as a file name or URL to open.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=True)
    if not parsed.entries:
        if parsed.bozo:
            raise IngestError(origin, f"malformed feed: {_problem(parsed.bozo_exception)}")
        if not parsed.version:
            raise IngestError(origin, "not an RSS or Atom feed")
    feed = parsed.feed
    language = language_code(feed.get("language"))
    for number, entry in enumerate(parsed.entries, start=1):
        text = _entry_text(entry)
        if not text:
            yield IngestError(f"{origin}:entry {number}", f"feed entry {entry.get('title', '')!r} has no text")
            continue
        published, precision = _entry_time(entry)
        meta = {key: entry[name] for key, name in (("author", "author"), ("guid", "id")) if entry.get(name)}
        yield Document(text=text, title=entry.get("title") or None, url=entry.get("link") or None,
                       outlet=feed.get("title") or None, published=published, published_precision=precision,
                       language=language, kind="article", origin=origin, meta=meta)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: block elements become paragraph breaks, tags and scripts go."""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for element in root.iter():
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCKS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _entry_text(entry: Any) -> str:
    for detail in [*entry.get("content", []), entry.get("summary_detail")]:
        value = (detail or {}).get("value") or ""
        text = html_to_text(value) if value.strip() and "html" in (detail.get("type") or "") else value.strip()
        if text:
            return text
    return ""


def _entry_time(entry: Any) -> tuple[datetime | None, str | None]:
    for name in ("published", "updated"):
        moment = entry.get(f"{name}_parsed")
        if moment:
            precision = "day" if _DATE_ONLY.fullmatch(entry.get(name) or "") else "second"
            return datetime(*moment[:6]), precision
    return None, None


def _problem(error: Exception) -> str:
    # SAX messages read "<unknown>:12:4: mismatched tag", with a 0-based column.
    where = re.match(r"<unknown>:(\d+):(\d+):\s*", str(error))
    if where is None:
        return str(error)
    return f"line {where[1]} column {int(where[2]) + 1}: {str(error)[where.end():]}"
