"""Extraction: documents in, attributed claims out (the claims JSON contract)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language

from claimscope.ingest.document import Document


class ExtractionError(Exception):
    """A step of extraction failed on a document: names the step (a pipeline component, "tokenizer" or
    "output") and the original exception, so that an error line can say which part broke."""

    def __init__(self, component: str, kind: str, message: str) -> None:
        super().__init__(component, kind, message)  # the args rebuild it when it crosses processes
        self.component, self.kind, self.message = component, kind, message

    @classmethod
    def of(cls, component: str, error: BaseException) -> ExtractionError:
        """The error `error` raised in `component`, on one line."""
        return cls(component, type(error).__name__, " ".join(str(error).split()))

    def __str__(self) -> str:
        return f"{self.component}: {self.kind}: {self.message}"


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
            # Our components (no `pipe` method) report through the default handler; the statistical ones
            # raise as they are and are named "pipeline" below.
            self._nlp.default_error_handler = _raise_named
        return self._nlp

    def extract(self, document: Document) -> dict[str, Any]:
        """The claims JSON for one document."""
        return next(self.extract_many([document]))[1]

    def extract_many(
        self, documents: Iterable[Document], batch_size: int = 16, n_process: int = 1
    ) -> Iterator[tuple[Document, dict[str, Any]]]:
        """Stream (document, claims JSON) in input order, batching through `nlp.pipe`; long texts go through in
        pieces (`chunks`). With `n_process` > 1, batches go to worker processes that each load the pipeline
        once. A failure raises `ExtractionError` naming the step."""
        if n_process > 1:
            yield from self._extract_in_workers(documents, batch_size, n_process)
            return
        from claimscope.extract import chunks
        from claimscope.extract.output import document_json, json_claim_id

        nlp = self.nlp
        pending: deque[tuple[Document, list[int]]] = deque()  # each document and its pieces' offsets
        done: list[tuple[int, dict[str, Any]]] = []  # the pieces of pending[0] extracted so far

        def docs() -> Iterator[Any]:
            for document in _reading(documents):
                pieces = chunks.split(document.text)
                pending.append((document, [offset for offset, _ in pieces]))
                for _, piece in pieces:
                    try:
                        doc = nlp.make_doc(piece)
                    except Exception as exc:
                        raise ExtractionError.of("tokenizer", exc) from exc
                    doc._.published = document.published_date
                    yield doc

        for doc in _named(nlp.pipe(docs(), batch_size=batch_size)):
            document, offsets = pending[0]
            try:
                done.append((offsets[len(done)], document_json(document, doc)))
            except Exception as exc:
                raise ExtractionError.of("output", exc) from exc
            if len(done) == len(offsets):
                pending.popleft()
                whole = done[0][1] if len(done) == 1 else chunks.join(
                    done, lambda claim, doc_id=document.id: json_claim_id(doc_id, claim))
                done.clear()
                yield document, whole

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


class _InputFailed(Exception):
    """The caller's document iterator raised (inside spaCy's pipe): its error is the caller's, not a step's."""


def _reading(documents: Iterable[Document]) -> Iterator[Document]:
    source = iter(documents)
    while True:
        try:
            document = next(source)
        except StopIteration:
            return
        except Exception as exc:
            raise _InputFailed() from exc
        yield document


def _named(docs: Iterator[Any]) -> Iterator[Any]:
    """The stream of processed docs, a step's failure as an ExtractionError, the input's as it was raised."""
    try:
        yield from docs
    except ExtractionError:
        raise
    except _InputFailed as failed:
        raise failed.__cause__ from None
    except Exception as exc:
        raise ExtractionError.of("pipeline", exc) from exc


def _raise_named(name: str, proc: Any, docs: list[Any], error: Exception) -> None:
    """spaCy's error handler: the component's failure as an ExtractionError naming it."""
    if isinstance(error, ExtractionError):
        raise error
    raise ExtractionError.of(name, error) from error


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
