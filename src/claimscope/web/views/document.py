"""Documents: the list (with full-text search), and one document's text with the spans of each claim
highlighted; a click on a claim shows its JSON and its topics."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from starlette.responses import Response

from claimscope.store import StoreError
from claimscope.web import spans, topicdata
from claimscope.web.pages import render, store_of

router = APIRouter(include_in_schema=False)
LIST_SIZE = 200


@router.get("/documents")
def documents_page(request: Request, q: Annotated[str | None, Query(max_length=300)] = None) -> Response:
    error = None
    try:
        found = store_of(request).documents(q=q or None, limit=LIST_SIZE)
    except StoreError as exc:
        found, error = [], str(exc)
    return render(request, "documents.html", documents=found, q=q or "", error=error)


@router.get("/documents/{doc_id}")
def document_page(request: Request, doc_id: str) -> Response:
    store = store_of(request)
    try:
        document = store.document(doc_id)
        data = store.claims_json(document["id"])
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc
    claim_topics = {c["id"]: topicdata.claim_topics(store, c["id"]) for c in data["claims"]}
    url = document["url"] if (document["url"] or "").lower().startswith(("http://", "https://")) else None
    return render(request, "document.html", document=document, url=url, data=data, topics=claim_topics,
                  segments=spans.segments(document["text"], spans.claim_spans(data)))
