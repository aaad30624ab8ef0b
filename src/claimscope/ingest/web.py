"""Article and feed URLs: one httpx GET (timeout, size cap, redirects), then the feed or HTML reader."""

from __future__ import annotations

from collections.abc import Iterator

import httpx

from claimscope import __version__
from claimscope.ingest.document import Document
from claimscope.ingest.errors import IngestError
from claimscope.ingest.feeds import read_feed
from claimscope.ingest.files import byte_size, check_size
from claimscope.ingest.html import read_html
from claimscope.ingest.sniff import sniff

TIMEOUT = httpx.Timeout(20.0, connect=10.0)
USER_AGENT = f"claimscope/{__version__}"
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
                        "text/xml", "application/x-rss+xml"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def is_url(target: str) -> bool:
    """Whether a target names an http(s) URL rather than a path."""
    return target.lower().startswith(("http://", "https://"))


def read_url(url: str, limit: int, client: httpx.Client | None = None) -> Iterator[Document | IngestError]:
    """The documents at a URL: every entry of a feed, or the article of a page (with the final URL as url)."""
    response, body = fetch(url, limit, client)
    if not body.strip():
        raise IngestError(url, "empty response")
    content_type = response.headers.get("content-type", "")
    media = content_type.split(";")[0].strip().lower()
    kind = sniff(body)
    if kind == "feed" or (media in FEED_TYPES and kind != "html"):
        yield from read_feed(body, url, content_type=content_type)
    elif kind == "html" or media in HTML_TYPES:
        yield from read_html(body, url, url=str(response.url), charset=response.charset_encoding)
    else:
        raise IngestError(url, f"unsupported content type {media or 'unknown'!r}")


def fetch(url: str, limit: int, client: httpx.Client | None = None) -> tuple[httpx.Response, bytes]:
    """The response to GET `url` and its body, refused beyond `limit` bytes (declared or streamed) or on HTTP errors."""
    own = client is None
    client = client or httpx.Client(timeout=TIMEOUT, headers={"User-Agent": USER_AGENT})
    try:
        with client.stream("GET", url, follow_redirects=True) as response:
            if response.status_code >= 400:
                raise IngestError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit():
                check_size(int(declared), limit, url)
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise IngestError(url, f"too large: over {byte_size(limit)} limit")
                chunks.append(chunk)
            return response, b"".join(chunks)
    except httpx.TimeoutException:
        raise IngestError(url, "timed out") from None
    except httpx.TooManyRedirects:
        raise IngestError(url, "too many redirects") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as err:
        raise IngestError(url, f"invalid URL: {err}") from None
    except httpx.HTTPError as err:
        raise IngestError(url, f"cannot fetch: {str(err) or type(err).__name__}") from None
    finally:
        if own:
            client.close()
