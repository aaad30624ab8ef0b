"""Web pages (`.html`, `.htm`, fetched pages): the main text and metadata, via trafilatura.

Navigation, cookie banners, asides and footers are left out. Title, author (meta["author"]), publication day
(precision "day", as the page states it), site name (outlet) and canonical URL come from the page's metadata;
language from `<html lang>`. Decoding follows a BOM, else the declared charset (HTTP header, then `<meta>`),
else strict UTF-8.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

import trafilatura

from claimscope.ingest.dates import parse_published
from claimscope.ingest.document import Document
from claimscope.ingest.errors import IngestError
from claimscope.ingest.fields import language_code
from claimscope.ingest.files import decode

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_:.-]+)""")
# WHATWG: these labels mean windows-1252 in HTML.
_HTML_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                 "ascii": "cp1252"}
# Dates only from markup (meta tags, <time>, URL), never guessed from the running text.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
# trafilatura drops footers, asides and cookie banners; navigation is pruned too, so a page of menus has no text.
_PRUNE = "//nav|//*[@role='navigation']"


def read_html(data: bytes, origin: str, *, url: str | None = None, charset: str | None = None) -> Iterator[Document]:
    """The article in an HTML page; `url` (where it was fetched) wins over the page's canonical URL."""
    text = decode_html(data, origin, charset)
    tree = trafilatura.load_html(text)
    if tree is None:
        raise IngestError(origin, "not parseable as HTML")
    lang = language_code(tree.get("lang"))
    found = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                        favor_precision=True, prune_xpath=_PRUNE,
                                        date_extraction_params=_DATE_PARAMS)
    if found is None or not (found.text or "").strip():
        raise IngestError(origin, "no extractable text in HTML")
    published, precision = parse_published(found.date) if found.date else (None, None)
    meta = {key: value for key, value in (("author", found.author), ("description", found.description)) if value}
    if url and found.url and found.url != url:
        meta["canonical_url"] = found.url
    yield Document(text=found.text, title=found.title, url=url or found.url, outlet=found.sitename,
                   published=published, published_precision=precision, language=lang, kind="article",
                   origin=origin, meta=meta)


def decode_html(data: bytes, origin: str, charset: str | None = None) -> str:
    """Text of an HTML page: BOM, else `charset` (from HTTP), else the declared one in the page, else UTF-8."""
    declared = charset or _declared_charset(data[:4096])
    if not declared:
        return decode(data, origin)
    codec = _HTML_ALIASES.get(declared.lower(), declared)
    try:
        codecs.lookup(codec)
    except LookupError:
        raise IngestError(origin, f"unknown charset {declared!r}") from None
    return decode(data, origin, codec, declared)


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head) or _XML_ENCODING.match(head)
    return match.group(1).decode("ascii") if match else None
