"""Choosing the reader for each target: URLs to the web reader, files by extension, then by their first bytes."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import httpx

from claimscope import config
from claimscope.ingest.document import Document
from claimscope.ingest.errors import IngestError
from claimscope.ingest.feeds import read_feed
from claimscope.ingest.files import check_content, read_bytes
from claimscope.ingest.html import read_html
from claimscope.ingest.jsonl import read_jsonl
from claimscope.ingest.sniff import sniff
from claimscope.ingest.telegram import read_export
from claimscope.ingest.text import read_text
from claimscope.ingest.web import is_url, read_url

Reader = Callable[[bytes, str], Iterable[Document | IngestError]]

READERS: dict[str, Reader] = {
    ".txt": read_text, ".md": read_text, ".markdown": read_text,
    ".html": read_html, ".htm": read_html,
    ".jsonl": read_jsonl, ".ndjson": read_jsonl,
    ".xml": read_feed, ".rss": read_feed, ".atom": read_feed,
    ".json": read_export,
}
_SNIFFED: dict[str, Reader] = {"feed": read_feed, "html": read_html}


def expand(targets: Iterable[str], skipped: list[str] | None = None) -> list[str]:
    """The inputs behind `targets`: files and URLs as given, directories walked (sorted; hidden files and folders
    skipped, and files no reader takes, which are added to `skipped` when given). A missing path is kept, so
    that reading it reports "no such file".
    """
    expanded: list[str] = []
    for target in targets:
        if not is_url(target) and os.path.isdir(target):
            expanded += _walk(target, skipped if skipped is not None else [])
        else:
            expanded.append(target)
    return expanded


def skipped_note(paths: list[str]) -> str:
    """What a walk left out, on one line: "skipped 3 (no reader for .pdf, .csv)", commonest type first."""
    kinds = Counter(Path(path).suffix.lower() or "files without extension" for path in paths)
    return f"skipped {len(paths)} (no reader for {', '.join(kind for kind, _ in kinds.most_common())})"


def read(target: str, *, max_bytes: int | None = None,
         client: httpx.Client | None = None) -> Iterator[Document | IngestError]:
    """Every document in one file or URL; bad input is yielded as IngestError, never raised."""
    limit = config.max_file_bytes() if max_bytes is None else max_bytes
    try:
        yield from read_url(target, limit, client) if is_url(target) else _read_file(target, limit)
    except IngestError as err:
        yield err
    except Exception as err:  # a parser's failure on hostile input must not stop the batch
        yield IngestError(target, f"unexpected {type(err).__name__}: {err}")


def _read_file(path: str, limit: int) -> Iterable[Document | IngestError]:
    data = read_bytes(path, limit)
    extension = Path(path).suffix.lower()
    reader = READERS.get(extension)
    if reader in (read_html, None) and sniff(data) == "feed":
        reader = read_feed
    elif reader is None:
        reader = _SNIFFED.get(sniff(data) or "")
    if reader is None:
        problem = f"unsupported extension {extension!r}" if extension else "unsupported file type (no extension)"
        raise IngestError(path, problem)
    check_content(data, path)
    return reader(data, path)


def _walk(directory: str, skipped: list[str]) -> list[str]:
    found: list[Path] = []
    failed: list[str] = []
    for root, dirs, files in os.walk(directory, onerror=lambda err: failed.append(err.filename)):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in sorted(files):
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() in READERS:
                found.append(Path(root, name))
            else:
                skipped.append(str(Path(root, name)))
    # An unreadable folder stays a target, so reading it reports the problem.
    return [str(path) for path in sorted(found)] + failed
