"""The JSON API under /api/v1: documents, claims, topics (timeline, consensus), places as GeoJSON, actors,
search, and the analyst's edits. Lists page by cursor, Datasette style: `_size` rows, then `next` (pass it
back as `_next`) until it is null. Filters are typed; a bad value is a 422 naming the parameter."""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from claimscope import export
from claimscope.reconcile.grading import RELIABILITY, file_grades
from claimscope.store import Store, StoreError
from claimscope.store.filters import ClaimQuery
from claimscope.store.records import day_interval
from claimscope.web import edits, geo, topicdata
from claimscope.web.pages import query_string, store_of
from claimscope.web.security import foreign_origin

PREFIX = "/api/v1"
DEFAULT_SIZE = 100
MAX_SIZE = 1000
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

router = APIRouter(prefix=PREFIX, tags=["claimscope"])
# The documented shape of the read endpoints. They return a JSONResponse of the store's plain JSON values
# themselves: FastAPI would otherwise validate and re-encode every value of a page, which took as long as
# reading the page.
Json = dict[str, Any]


class Modality(str, Enum):
    asserted = "asserted"
    hedged = "hedged"
    rumored = "rumored"
    speculative = "speculative"
    denied = "denied"


def _day(value: str | None, name: str, last: bool = False) -> date | None:
    if value is None:
        return None
    first, final = day_interval(value)
    if first is None:
        raise HTTPException(422, [{"loc": ["query", name], "msg": f"{value!r} is not a date (YYYY-MM-DD, "
                                   "YYYY-MM or YYYY)", "type": "value_error.date"}])
    return final if last else first


def claim_filters(
    source: Annotated[str | None, Query(max_length=300, description="Part of the source's words or actor name.")] = None,
    actor: Annotated[str | None, Query(max_length=300, description="An actor's canonical name (source, relay or cited).")] = None,
    modality: Annotated[Modality | None, Query(description="The claim's modality.")] = None,
    event: Annotated[str | None, Query(max_length=40, description="sighting, arrival, deployment, training ...")] = None,
    doc: Annotated[str | None, Query(max_length=64, description="A document id or unique prefix.")] = None,
    since: Annotated[str | None, Query(pattern=DATE_PATTERN, description="Claims made on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, Query(pattern=DATE_PATTERN, description="Claims made on or before (YYYY[-MM[-DD]]).")] = None,
    q: Annotated[str | None, Query(max_length=300, description="Part of the claim's content.")] = None,
    text: Annotated[str | None, Query(max_length=300, description='Full-text search of the documents: words, "phrases", prefix*.')] = None,
) -> ClaimQuery:
    """The filters of `claimscope claims`, from the query string."""
    return ClaimQuery(source=source or None, actor=actor or None, modality=modality.value if modality else None,
                        event=event or None, document=doc or None, since=_day(since, "since"),
                        until=_day(until, "until", last=True), q=q or None, text=text or None)


Filters = Annotated[ClaimQuery, Depends(claim_filters)]
Size = Annotated[int, Query(alias="_size", ge=1, le=MAX_SIZE, description="Rows per page.")]
Next = Annotated[str | None, Query(alias="_next", max_length=400, description="The `next` of the previous page.")]


def claims_page(store: Store, filters: ClaimQuery, after: str | None, size: int) -> tuple[list[dict], str | None]:
    """A page of claims, with errors of the request as 422 and unknown documents as 404."""
    try:
        return store.claims_page(filters, after=after, size=size)
    except ValueError as exc:
        raise HTTPException(422, [{"loc": ["query", "_next"], "msg": str(exc), "type": "value_error"}]) from exc
    except StoreError as exc:
        raise HTTPException(404 if "no document" in str(exc) else 422, str(exc)) from exc


def _paged(request: Request, rows: list[dict[str, Any]], cursor: str | None) -> dict[str, Any]:
    next_url = None
    if cursor:
        next_url = str(request.url.replace(query=query_string(dict(request.query_params), _next=cursor)))
    return {"rows": rows, "next": cursor, "next_url": next_url}


@router.get("/documents", response_model=Json, summary="Documents, by id")
def list_documents(request: Request, size: Size = DEFAULT_SIZE, after: Next = None) -> JSONResponse:
    """Document headers in id order, paged."""
    rows, cursor = store_of(request).documents_page(after=after, size=size)
    return JSONResponse(_paged(request, rows, cursor))


@router.get("/documents/{doc_id}", response_model=Json, summary="A document: header, metadata and text")
def get_document(request: Request, doc_id: str) -> JSONResponse:
    return JSONResponse(_or_404(lambda: store_of(request).document(doc_id)))


@router.get("/documents/{doc_id}/claims", response_model=Json, summary="A document's claims JSON (OUTPUT.md)")
def get_document_claims(request: Request, doc_id: str) -> JSONResponse:
    return JSONResponse(_or_404(lambda: store_of(request).claims_json(doc_id)))


@router.get("/claims", response_model=Json, summary="Claims in date order, filtered, paged")
def list_claims(request: Request, filters: Filters, size: Size = DEFAULT_SIZE, after: Next = None) -> JSONResponse:
    rows, cursor = claims_page(store_of(request), filters, after, size)
    return JSONResponse(_paged(request, rows, cursor))


@router.get("/claims/{claim_id}", response_model=Json, summary="A claim with its topics")
def get_claim(request: Request, claim_id: str) -> JSONResponse:
    store = store_of(request)
    claim = _or_404(lambda: store.claim(claim_id))
    return JSONResponse({**claim, "topics": topicdata.claim_topics(store, claim_id)})


class TopicFlag(str, Enum):
    """A flag a topic listing can be narrowed to."""

    growth = "growth"
    disagreement = "disagreement"
    denied = "denied"


@router.get("/topics", response_model=Json, summary="Topics, most claims first, paged")
def list_topics(request: Request, q: Annotated[str | None, Query(max_length=300, description="Part of the label.")] = None,
                flag: Annotated[TopicFlag | None, Query(description="Only topics with this flag.")] = None,
                min_claims: Annotated[int, Query(ge=0, description="Only topics with at least this many claims.")] = 0,
                size: Size = DEFAULT_SIZE, after: Next = None) -> JSONResponse:
    try:
        rows, cursor = topicdata.topics_page(store_of(request), q or None, flag.value if flag else None, min_claims,
                                             after, size)
    except ValueError as exc:
        raise HTTPException(422, [{"loc": ["query", "_next"], "msg": str(exc), "type": "value_error"}]) from exc
    return JSONResponse(_paged(request, rows, cursor))


@router.get("/topics/{topic_id}", response_model=Json, summary="A topic: its timeline and consensus windows")
def get_topic(request: Request, topic_id: str) -> JSONResponse:
    return JSONResponse(_topic(request, topic_id))


@router.get("/topics/{topic_id}/timeline", response_model=Json, summary="A topic's timeline rows")
def get_timeline(request: Request, topic_id: str) -> JSONResponse:
    return JSONResponse({"rows": _topic(request, topic_id)["timeline"]})


@router.get("/topics/{topic_id}/consensus", response_model=Json, summary="A topic's consensus per window")
def get_consensus(request: Request, topic_id: str) -> JSONResponse:
    return JSONResponse({"rows": _topic(request, topic_id)["windows"]})


@router.get("/places", response_model=Json, summary="The places of the filtered claims, as GeoJSON")
def get_places(request: Request, filters: Filters,
               topic: Annotated[str | None, Query(max_length=20, description="Only this topic's claims.")] = None
               ) -> JSONResponse:
    return JSONResponse(places(store_of(request), filters, topic))


def places(store: Store, filters: ClaimQuery, topic: str | None = None) -> dict[str, Any]:
    """The places of the filtered claims (of one topic, if given) as GeoJSON; 422 for a bad search, 404 for
    an unknown topic."""
    if topic:
        filters = dataclasses.replace(filters, topic=topic)
    try:
        return geo.places_geojson(store.claim_places(filters))
    except StoreError as exc:
        raise HTTPException(422, str(exc)) from exc
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get("/actors", response_model=Json, summary="Actors that are sources, most claims first")
def list_actors(request: Request, q: Annotated[str | None, Query(max_length=300)] = None,
                size: Size = DEFAULT_SIZE) -> JSONResponse:
    return JSONResponse({"rows": store_of(request).actors(q=q, limit=size)})


@router.get("/actors/{name}", response_model=Json, summary="An actor: kind, country, reliability grade, claims")
def get_actor(request: Request, name: str) -> JSONResponse:
    store = store_of(request)
    actor = store.actor(name)
    if actor is None:
        raise HTTPException(404, f"no actor named {name!r}")
    letter = grade_of(store, actor["name"])
    return JSONResponse({**actor, "reliability": letter, "reliability_meaning": RELIABILITY[letter],
                         "claims": store.claims(actor=actor["name"], limit=MAX_SIZE)})


@router.get("/search", response_model=Json, summary="Documents (full text), topics and actors matching a query")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=300)],
           size: Size = 20) -> JSONResponse:
    store = store_of(request)
    try:
        documents = store.documents(q=q, limit=size)
    except StoreError as exc:
        raise HTTPException(422, [{"loc": ["query", "q"], "msg": str(exc), "type": "value_error"}]) from exc
    return JSONResponse({"documents": documents, "topics": topicdata.topics(store, q=q, limit=size),
                         "actors": store.actors(q=q, limit=size)})


ExportFormat = Enum("ExportFormat", {name: name for name in export.FORMATS}, type=str)


@router.get("/export", summary="The filtered claims as STIX 2.1, GeoJSON, CSV or JSON Lines (streamed)")
def get_export(
    request: Request,
    format: Annotated[ExportFormat, Query(description="stix, geojson, csv or jsonl")],  # noqa: A002
    source: Annotated[str | None, Query(max_length=300)] = None,
    actor: Annotated[str | None, Query(max_length=300)] = None,
    modality: Annotated[Modality | None, Query()] = None,
    event: Annotated[str | None, Query(max_length=40)] = None,
    doc: Annotated[str | None, Query(max_length=64)] = None,
    since: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
    until: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
    q: Annotated[str | None, Query(max_length=300)] = None,
    topic: Annotated[str | None, Query(max_length=20)] = None,
) -> StreamingResponse:
    """Every claim the filters keep, in `format`; checked before the first byte (422 / 404)."""
    fmt = format.value
    filters = {k: v for k, v in {"source": source, "actor": actor, "modality": modality.value if modality else None,
                                 "event": event, "document": doc, "since": since, "until": until, "q": q,
                                 "topic": topic}.items() if v}
    try:
        chunks = export.stream(store_of(request), fmt, **filters)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    except (StoreError, LookupError) as exc:
        raise HTTPException(404, str(exc)) from exc
    media = export.MEDIA_TYPES[fmt]
    return StreamingResponse(chunks, media_type=media.content_type,
                             headers={"Content-Disposition": f'attachment; filename="claims.{media.extension}"'})


@router.get("/schema", summary="The JSON Schema of the claims JSON (each JSON Lines export line)")
def get_schema() -> dict[str, Any]:
    return export.claims_schema()


class Rename(BaseModel):
    label: str = Field(min_length=1, max_length=edits.MAX_LABEL)


class Merge(BaseModel):
    target: str = Field(min_length=1, max_length=20, description="The topic it joins.")


class Split(BaseModel):
    claims: list[str] = Field(min_length=1, description="Claim ids to move to the new topic.")
    label: str = Field(min_length=1, max_length=edits.MAX_LABEL)


class GradeBody(BaseModel):
    actor: str = Field(min_length=1, max_length=300)
    letter: str = Field(pattern="^[A-Fa-f]$")


def json_only(request: Request) -> None:
    """Edits take JSON only (a cross-site form cannot send it) and no foreign Origin: CSRF-safe."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise HTTPException(415, "send the edit as application/json")
    if foreign_origin(request):
        raise HTTPException(403, "cross-site request refused")


Edit = Depends(json_only)


@router.post("/topics/{topic_id}/rename", dependencies=[Edit], summary="Rename a topic")
def post_rename(request: Request, topic_id: str, body: Rename) -> dict[str, str]:
    return _edit(lambda: edits.rename(store_of(request), topic_id, body.label))


@router.post("/topics/{topic_id}/merge", dependencies=[Edit], summary="Merge a topic into another")
def post_merge(request: Request, topic_id: str, body: Merge) -> dict[str, str]:
    return _edit(lambda: edits.merge(store_of(request), topic_id, body.target))


@router.post("/topics/{topic_id}/split", dependencies=[Edit], summary="Move claims out into a new topic")
def post_split(request: Request, topic_id: str, body: Split) -> dict[str, str]:
    return _edit(lambda: edits.split(store_of(request), topic_id, body.claims, body.label)[0])


@router.post("/grades", dependencies=[Edit], summary="Set an actor's reliability (A–F)")
def post_grade(request: Request, body: GradeBody) -> dict[str, str]:
    return _edit(lambda: edits.grade(store_of(request), body.actor, body.letter))


def grade_of(store: Store, actor: str) -> str:
    """An actor's reliability letter: set in the database, else in the grades file, else F."""
    return {**file_grades(), **store.grades()}.get(actor, "F")


def _topic(request: Request, topic_id: str) -> dict[str, Any]:
    try:
        return topicdata.topic(store_of(request), topic_id)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from exc


def _or_404(get: Any) -> Any:
    try:
        return get()
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc


def _edit(make: Any) -> dict[str, str]:
    try:
        return {"message": make()}
    except edits.EditError as exc:
        raise HTTPException(422, str(exc)) from exc
