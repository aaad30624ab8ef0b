"""The ingest run: targets -> documents -> claims JSON -> store, each document in its own transaction.

Documents already stored are skipped before extraction, so a re-run (after a failure, Ctrl-C or a kill) is
cheap and completes the batch: whatever was stored stays, whole.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any, Literal

from claimscope.ingest import Document, IngestError, expand, read, skipped_note
from claimscope.store import Store

if TYPE_CHECKING:
    from claimscope.extract import Extractor

BATCH_SIZE = 16

OnError = Callable[[str], None]  # one line: "origin: reason"
Outcome = Literal["new", "duplicate", "failed"]
# What became of one document, with its claims JSON when it is new (for the reconciliation increment).
Stored = tuple[Outcome, "dict[str, Any] | None"]
# Extracts and stores documents: one Stored per document, in input order (in this process, or on a cluster).
Stage = Callable[[Iterable[Document], OnError], Iterator[tuple[Document, Stored]]]


@dataclass
class Counts:
    """What an ingest run did with the documents it read."""

    new: int = 0
    duplicate: int = 0
    failed: int = 0
    skipped: list[str] = field(default_factory=list)  # files of a directory that no reader takes

    def __str__(self) -> str:
        shown = f"new {self.new}, duplicate {self.duplicate}, failed {self.failed}"
        return f"{shown}, {skipped_note(self.skipped)}" if self.skipped else shown


Progress = Callable[[int, int, Counts], None]  # (files done, files in all, counts so far)


def ingest(
    targets: Iterable[str],
    store: Store,
    extractor: Extractor | None,
    on_error: OnError,
    progress: Progress | None = None,
    max_bytes: int | None = None,
    batch_size: int = BATCH_SIZE,
    stage: Stage | None = None,
) -> Counts:
    """Read every target (files, directories, URLs), extract the documents not stored yet, store each one.

    Bad files, records and documents are reported through `on_error`, one line each, and the batch goes on.
    `stage` does the extracting and storing elsewhere (`claimscope.cluster`); by default, `extractor` here.
    """
    counts = Counts()
    paths = expand(targets, counts.skipped)
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

    if stage is None:
        if extractor is None:
            raise ValueError("ingest needs an extractor or a stage")
        stage = partial(store_extracted, store, extractor, batch_size=batch_size)
    increment = _Reconciliation(store, on_error)
    for document, (outcome, data) in stage(unseen(), on_error):
        setattr(counts, outcome, getattr(counts, outcome) + 1)
        if data is not None:
            increment.add(document, data)
        files.stored(queued.popleft())
    increment.finish()
    files.report()
    return counts


def store_extracted(
    store: Store, extractor: Extractor, documents: Iterable[Document], on_error: OnError,
    batch_size: int = BATCH_SIZE,
) -> Iterator[tuple[Document, Stored]]:
    """Extract each document and store it in its own transaction: what became of it, in input order."""
    for document, data in extract_stream(extractor, documents, on_error, batch_size):
        yield document, ("failed", None) if data is None else _store(store, document, data, on_error)


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
            on_error(f"{origin(documents[0])}: extraction failed{_step(exc)}")
            yield None
            return
        for document in documents:
            yield from _extract_batch(extractor, [document], on_error)
        return
    yield from results


def origin(document: Document) -> str:
    """How error lines name a document: where it was read from, else its id."""
    return document.origin or document.id


def _store(store: Store, document: Document, data: dict[str, Any], on_error: OnError) -> Stored:
    try:
        added = store.add(document, data)
    except Exception as exc:
        on_error(f"{origin(document)}: could not store: {reason(exc)}")
        return "failed", None
    return ("new", data) if added else ("duplicate", None)


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
            self.on_error(f"{origin(document)}: stored, but could not reconcile: {reason(exc)}")
        self.pending += 1
        if self.pending >= self.REFRESH_EVERY:
            self.finish()

    def finish(self) -> None:
        """Recompute the topics touched since the last time."""
        if self.touched:
            self.materialise.refresh(self.store, self.touched, self.edits, incremental=True)
        self.touched, self.pending = set(), 0


def _step(exc: Exception) -> str:
    """Where extraction broke and why: " in claimscope_actors: TypeError: ..." (the step when it is known)."""
    from claimscope.extract import ExtractionError

    return f" in {exc}" if isinstance(exc, ExtractionError) else f": {reason(exc)}"


def reason(exc: BaseException) -> str:
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
