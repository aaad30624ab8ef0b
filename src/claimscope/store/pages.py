"""Claims read with plain SELECTs (no ORM objects), several times faster than loading mapped rows, as the same
claims JSON (`records`): the one reader of listings, pages, single claims and the bulk pages of exports.

A claim's linked mentions are read in one query per link table for a whole page of claims, never per claim.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Select, bindparam, select
from sqlalchemy.orm import Session, load_only, selectinload
from sqlalchemy.sql.elements import ColumnElement

from claimscope.store import records
from claimscope.store.schema import (
    ActorRow,
    ClaimActorRow,
    ClaimPlaceRow,
    ClaimQuantityRow,
    ClaimRow,
    ClaimTimeRow,
    DocumentRow,
    PlaceMentionRow,
    QuantityRow,
    TimeRow,
)

_CLAIMS = ClaimRow.__table__
_QUANTITIES = QuantityRow.__table__
_PLACES = PlaceMentionRow.__table__
_CLAIM_ACTORS = ClaimActorRow.__table__
# Claim ids per IN list when links are read for given rows: well under SQLite's limit of bound parameters.
ID_CHUNK = 500
_BRIEF_COLUMNS = (DocumentRow.id, DocumentRow.title, DocumentRow.published, DocumentRow.published_precision,
                  DocumentRow.outlet, DocumentRow.kind)


def claim_select(*conditions: ColumnElement[bool]) -> Select:
    """The columns of the claims that meet `conditions`, with their source actor's name: the rows `claims_of`
    turns into claims JSON (add ORDER BY and LIMIT)."""
    return (select(_CLAIMS, ActorRow.name.label("source_actor_name"))
            .outerjoin(ActorRow, ClaimRow.source_actor_id == ActorRow.id).where(*conditions))


def claims_of(session: Session, rows: Sequence[Any], chosen: Select | None = None) -> list[dict[str, Any]]:
    """The claims JSON of these rows of `claim_select`, in their order; the linked mentions are read for the
    claims `chosen` selects (a SELECT of claim ids holding at least the rows), else for the rows' ids."""
    if not rows:
        return []
    connection = session.connection()
    if chosen is not None:
        links = _links(connection, _link_statements(chosen), [{}])
    else:
        ids = [row.id for row in rows]
        links = _links(connection, _BY_IDS, [{"ids": ids[i:i + ID_CHUNK]} for i in range(0, len(ids), ID_CHUNK)])
    quantities, places, times, relays = links
    return [records.claim_from_parts(row, row.source_actor_name, quantities.get(row.id, []),
                                     places.get(row.id, []), times.get(row.id, []), relays.get(row.id, []))
            for row in rows]


def with_briefs(session: Session, rows: Sequence[Any], claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The claims, each with the brief `document` (id, title, published, outlet, kind) of its row, read in one
    query per page."""
    doc_ids = sorted({row.document_id for row in rows})
    briefs: dict[str, dict[str, Any]] = {}
    connection = session.connection()
    for i in range(0, len(doc_ids), ID_CHUNK):
        for doc in connection.execute(_BRIEFS, {"ids": doc_ids[i:i + ID_CHUNK]}).all():
            briefs[doc.id] = {"id": doc.id, "title": doc.title, "published": records.published_iso(doc),
                              "outlet": doc.outlet, "kind": doc.kind}
    return [{**claim, "document": briefs[row.document_id]} for row, claim in zip(rows, claims, strict=True)]


def document_page(session: Session, doc_ids: list[str], conditions: list[ColumnElement[bool]], mentions: bool,
                  header_columns: tuple[Any, ...]) -> list[dict[str, Any]]:
    """The claims JSON of these documents, in id order, with only their claims that meet `conditions`;
    without the lists of every mention unless `mentions`; `document` also carries `ingested_at`."""
    in_page = ClaimRow.document_id.in_(doc_ids)
    claim_rows = session.execute(
        claim_select(*conditions, in_page).order_by(ClaimRow.document_id, ClaimRow.position)
    ).all()
    claims: dict[str, list[dict[str, Any]]] = {doc_id: [] for doc_id in doc_ids}
    chosen = select(ClaimRow.id).where(*conditions, in_page)
    for row, claim in zip(claim_rows, claims_of(session, claim_rows, chosen), strict=True):
        claims[row.document_id].append(claim)
    loading = [load_only(*header_columns)]
    if mentions:
        loading += [selectinload(DocumentRow.times), selectinload(DocumentRow.quantities),
                    selectinload(DocumentRow.place_mentions), selectinload(DocumentRow.actor_mentions)]
    documents = session.scalars(
        select(DocumentRow).where(DocumentRow.id.in_(doc_ids)).order_by(DocumentRow.id).options(*loading)
    )
    return [
        {**records.claims_json(row, claims[row.id], mentions=mentions),
         "document": {**records.document_header(row), "ingested_at": records.utc_iso(row.ingested_at)}}
        for row in documents
    ]


_Links = tuple[dict[str, list[Any]], dict[str, list[Any]], dict[str, list[Any]], dict[str, list[Any]]]


def _link_statements(ids: Any) -> tuple[Select, Select, Select, Select]:
    """The SELECTs of the quantities, places, times and relays of the claims whose ids `ids` gives (a SELECT of
    them, or an expanding bound parameter), in the claims' order."""
    return (
        select(ClaimQuantityRow.claim_id, _QUANTITIES)
        .join(QuantityRow, QuantityRow.id == ClaimQuantityRow.quantity_id)
        .where(ClaimQuantityRow.claim_id.in_(ids))
        .order_by(ClaimQuantityRow.claim_id, ClaimQuantityRow.position),
        select(ClaimPlaceRow.claim_id, ClaimPlaceRow.role, _PLACES)
        .join(PlaceMentionRow, PlaceMentionRow.id == ClaimPlaceRow.place_mention_id)
        .where(ClaimPlaceRow.claim_id.in_(ids))
        .order_by(ClaimPlaceRow.claim_id, ClaimPlaceRow.position),
        select(ClaimTimeRow.claim_id, TimeRow.text, TimeRow.value)
        .join(TimeRow, TimeRow.id == ClaimTimeRow.time_id)
        .where(ClaimTimeRow.claim_id.in_(ids))
        .order_by(ClaimTimeRow.claim_id, ClaimTimeRow.position),
        select(_CLAIM_ACTORS, ActorRow.name.label("actor_name"))
        .outerjoin(ActorRow, ClaimActorRow.actor_id == ActorRow.id)
        .where(ClaimActorRow.claim_id.in_(ids))
        .order_by(ClaimActorRow.claim_id, ClaimActorRow.role, ClaimActorRow.position),
    )


# Built once, with the ids as one expanding parameter: a page's reads skip building and coercing a statement
# of 100 literal ids per table, which cost more than the queries themselves.
_BY_IDS = _link_statements(bindparam("ids", expanding=True))
_BRIEFS = select(*_BRIEF_COLUMNS).where(DocumentRow.id.in_(bindparam("ids", expanding=True)))
_AS_JSON: tuple[Callable[[Any], Any], ...] = (
    lambda r: (records.quantity_json(r), r.vague),
    lambda r: {**records.place_json(r), "role": r.role},
    lambda r: {"text": r.text, "value": r.value},
    lambda r: (r.role, records.actor_json(r, r.actor_name)),
)


def _links(connection: Connection, statements: Sequence[Select], params: Iterable[dict[str, Any]]) -> _Links:
    """Claim id -> its quantities, places, times and (role, actor) relays as JSON, in the claim's order: the
    four `_link_statements` run with each set of parameters (one query per link table and set)."""
    found: _Links = (defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list))
    for values in params:
        for links, stmt, as_json in zip(found, statements, _AS_JSON, strict=True):
            for row in connection.execute(stmt, values).all():
                links[row.claim_id].append(as_json(row))
    return found
