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
        """Stream (document, claims JSON) pairs in input order, batching through `nlp.pipe`."""
        from claimscope.extract.output import document_json

        nlp = self.nlp
        pending: list[Document] = []

        def docs() -> Iterator[Any]:
            for document in documents:
                pending.append(document)
                doc = nlp.make_doc(document.text)
                doc._.published = document.published_date
                yield doc

        for doc in nlp.pipe(docs(), batch_size=batch_size, n_process=n_process):
            document = pending.pop(0)
            yield document, document_json(document, doc)
