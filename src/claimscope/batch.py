"""The ingest run: targets -> documents -> claims JSON -> store, each document in its own transaction.

Documents already stored are skipped before extraction, so a re-run (after a failure, Ctrl-C or a kill) is
cheap and completes the batch: whatever was stored stays, whole.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from claimscope.ingest import Document, IngestError, expand, read
from claimscope.store import Store

if TYPE_CHECKING:
    from claimscope.extract import Extractor

BATCH_SIZE = 16

OnError = Callable[[str], None]  # one line: "origin: reason"


@dataclass
class Counts:
    """What an ingest run did with the documents it read."""

    new: int = 0
    duplicate: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"new {self.new}, duplicate {self.duplicate}, failed {self.failed}"


Progress = Callable[[int, int, Counts], None]  # (files done, files in all, counts so far)


def ingest(
    targets: Iterable[str],
    store: Store,
    extractor: Extractor,
    on_error: OnError,
    progress: Progress | None = None,
    max_bytes: int | None = None,
    batch_size: int = BATCH_SIZE,
) -> Counts:
    """Read every target (files, directories, URLs), extract the documents not stored yet, store each one.

    Bad files, records and documents are reported through `on_error`, one line each, and the batch goes on.
    """
    paths = expand(targets)
    counts = Counts()
    files = _FileProgress(len(paths), counts, progress)
    seen: set[str] = set()
    queued: deque[int] = deque()  # the file index of each document handed to extraction, in order

    def unseen() -> Iterator[Document]:
        for index, path in enumerate(paths):
            for item in read(path, max_bytes=max_bytes):
                if isinstance(item, IngestError):
                    counts.failed += 1
                    on_error(str(item))
                elif item.id in seen or store.has(item.id):
                    counts.duplicate += 1
                else:
                    seen.add(item.id)
                    queued.append(index)
                    files.queued(index)
                    yield item
                files.report()
            files.read(index)

    increment = _Reconciliation(store, on_error)
    for document, data in extract_stream(extractor, unseen(), on_error, batch_size):
        if data is None:
            counts.failed += 1
        elif _store(store, document, data, counts, on_error):
            increment.add(document, data)
        files.stored(queued.popleft())
    increment.finish()
    files.report()
    return counts


def extract_stream(
    extractor: Extractor, documents: Iterable[Document], on_error: OnError, batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Document, dict[str, Any] | None]]:
    """(document, claims JSON) in input order, extracted in batches; None (reported) where extraction failed."""
    pending = iter(documents)
    while chunk := list(islice(pending, batch_size)):
        yield from zip(chunk, _extract_batch(extractor, chunk, on_error))


def _extract_batch(
    extractor: Extractor, documents: list[Document], on_error: OnError
) -> Iterator[dict[str, Any] | None]:
    """A failure in a batch is narrowed down by extracting its documents one at a time. Loading the pipeline
    is not a per-document failure: that error propagates."""
    extractor.nlp  # noqa: B018  (load once, outside the per-document error handling)
    try:
        results = [data for _, data in extractor.extract_many(documents, batch_size=len(documents))]
    except Exception as exc:
        if len(documents) == 1:
            on_error(f"{origin(documents[0])}: extraction failed: {_reason(exc)}")
            yield None
            return
        for document in documents:
            yield from _extract_batch(extractor, [document], on_error)
        return
    yield from results


def origin(document: Document) -> str:
    """How error lines name a document: where it was read from, else its id."""
    return document.origin or document.id


def _store(store: Store, document: Document, data: dict[str, Any], counts: Counts, on_error: OnError) -> bool:
    """Store one document; True when it is new."""
    try:
        added = store.add(document, data)
    except Exception as exc:
        counts.failed += 1
        on_error(f"{origin(document)}: could not store: {_reason(exc)}")
        return False
    if added:
        counts.new += 1
    else:
        counts.duplicate += 1
    return added


class _Reconciliation:
    """The reconciliation increment of each new document (its claim records, origins and topic memberships),
    and the topics they touch recomputed every REFRESH_EVERY documents and at the end of the run.

    A document whose increment fails stays stored; the next `topics` or ingest catches it up.
    """

    REFRESH_EVERY = 200

    def __init__(self, store: Store, on_error: OnError) -> None:
        from claimscope.reconcile import materialise

        self.store, self.on_error, self.materialise = store, on_error, materialise
        self.edits = materialise.edits_of(store)
        self.touched: set[str] = set()
        self.pending = 0
        materialise.catch_up(store)

    def add(self, document: Document, data: dict[str, Any]) -> None:
        try:
            self.touched |= self.materialise.add_document(self.store, data, document.text, self.edits,
                                                          refresh_topics=False)
        except Exception as exc:
            self.on_error(f"{origin(document)}: stored, but could not reconcile: {_reason(exc)}")
        self.pending += 1
        if self.pending >= self.REFRESH_EVERY:
            self.finish()

    def finish(self) -> None:
        """Recompute the topics touched since the last time."""
        if self.touched:
            self.materialise.refresh(self.store, self.touched, self.edits)
        self.touched, self.pending = set(), 0


def _reason(exc: Exception) -> str:
    """An exception on one line."""
    return " ".join(f"{type(exc).__name__}: {exc}".split())


class _FileProgress:
    """Counts a file done once it has been read and each of its new documents stored (or failed)."""

    def __init__(self, total: int, counts: Counts, callback: Progress | None) -> None:
        self.total = total
        self.counts = counts
        self.callback = callback
        self.done = 0
        self.waiting: dict[int, int] = {}  # file index -> its documents read, not yet stored
        self.read_through: set[int] = set()  # files read to the end, with documents still waiting

    def queued(self, index: int) -> None:
        self.waiting[index] = self.waiting.get(index, 0) + 1

    def read(self, index: int) -> None:
        self.read_through.add(index)
        self._finish(index)

    def stored(self, index: int) -> None:
        self.waiting[index] -= 1
        self._finish(index)

    def _finish(self, index: int) -> None:
        if index in self.read_through and not self.waiting.get(index):
            self.read_through.discard(index)
            self.waiting.pop(index, None)
            self.done += 1
        self.report()

    def report(self) -> None:
        if self.callback:
            self.callback(self.done, self.total, self.counts)
