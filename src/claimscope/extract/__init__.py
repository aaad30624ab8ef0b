"""Extraction: documents in, attributed claims out (the claims JSON contract)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language

from claimscope.ingest.document import Document


class Extractor:
    """Loads the pipeline once and extracts claims from any number of documents."""

    def __init__(self, model: str | None = None) -> None:
        self._model = model
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from claimscope.extract.pipeline import build_pipeline

            self._nlp = build_pipeline(self._model)
        return self._nlp

    def extract(self, document: Document) -> dict[str, Any]:
        """The claims JSON for one document."""
        return next(self.extract_many([document]))[1]

    def extract_many(
        self, documents: Iterable[Document], batch_size: int = 16, n_process: int = 1
    ) -> Iterator[tuple[Document, dict[str, Any]]]:
        """Stream (document, claims JSON) pairs in input order, batching through `nlp.pipe`; with
        `n_process` > 1, batches go to worker processes that each load the pipeline once."""
        if n_process > 1:
            yield from self._extract_in_workers(documents, batch_size, n_process)
            return
        from claimscope.extract.output import document_json

        nlp = self.nlp
        pending: list[Document] = []

        def docs() -> Iterator[Any]:
            for document in documents:
                pending.append(document)
                doc = nlp.make_doc(document.text)
                doc._.published = document.published_date
                yield doc

        for doc in nlp.pipe(docs(), batch_size=batch_size):
            document = pending.pop(0)
            yield document, document_json(document, doc)

    def _extract_in_workers(
        self, documents: Iterable[Document], batch_size: int, n_process: int
    ) -> Iterator[tuple[Document, dict[str, Any]]]:
        # spaCy's own multi-process pipe ships Docs through msgpack, which cannot carry our Doc._ objects:
        # the workers return the claims JSON instead. A few batches per worker are in flight at a time.
        from concurrent.futures import ProcessPoolExecutor

        global _worker
        _worker = self  # forked workers inherit the loaded pipeline; spawned ones load their own
        with ProcessPoolExecutor(n_process, initializer=_start_worker, initargs=(self._model,)) as pool:
            for window in _chunks(_chunks(documents, batch_size), n_process * 4):
                for batch, results in zip(window, pool.map(_extract_batch, window)):
                    yield from zip(batch, results)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_worker: Extractor | None = None


def _start_worker(model: str | None) -> None:
    global _worker
    if _worker is None:
        _worker = Extractor(model)
    _worker.nlp  # load once per process


def _extract_batch(batch: list[Document]) -> list[dict[str, Any]]:
    assert _worker is not None
    return [claims for _, claims in _worker.extract_many(batch)]
