"""The store: documents with their claims JSON in, documents, claims and counts out."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Unpack

from sqlalchemy import Select, create_engine, func, or_, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, load_only, sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from claimscope.config import default_db_url
from claimscope.store import migrate, pages, paging, postgres, records, search, sqlite
from claimscope.store.conditions import ClaimFilters, claim_conditions, date_parts, no_nul
from claimscope.store.filters import ClaimQuery
from claimscope.store.judgements import Judgements
from claimscope.store.reconciled import Reconciled
from claimscope.store.writes import SharedRows, insert_document
from claimscope.store.schema import (
    ActorRow,
    ClaimPlaceRow,
    ClaimRow,
    DocumentRow,
    PlaceMentionRow,
    QuantityRow,
    TimeRow,
    TopicMemberRow,
)

if TYPE_CHECKING:
    from claimscope.ingest.document import Document

# Shortest document id prefix accepted, so that a stray digit does not pick a document at random.
MIN_PREFIX = 4
# Tries at storing one document while other processes store documents sharing its actors or places.
ADD_ATTEMPTS = 4
# Documents read per query when streaming claims (exports): memory is bounded by a page, not the store.
PAGE_DOCUMENTS = 200
# A full-text search ranks at most this many matches, the most recently ingested: ranking costs a read of each.
RANKED_MATCHES = 1000

_HEADER_COLUMNS = (
    DocumentRow.id,
    DocumentRow.title,
    DocumentRow.url,
    DocumentRow.outlet,
    DocumentRow.published,
    DocumentRow.published_precision,
    DocumentRow.language,
    DocumentRow.kind,
    DocumentRow.origin,
    DocumentRow.ingested_at,
)

_DOCUMENT_FIELDS: dict[str, ColumnElement[Any]] = {
    "kind": DocumentRow.kind,
    "outlet": DocumentRow.outlet,
    "language": DocumentRow.language,
}
_CLAIM_FIELDS: dict[str, ColumnElement[Any]] = {
    "modality": ClaimRow.modality,
    "event": ClaimRow.event,
    "channel": ClaimRow.channel,
    "cue": ClaimRow.cue,
    "source": func.coalesce(ActorRow.name, ClaimRow.source_text),
    "country": ClaimRow.source_country,
}
TALLY_FIELDS = tuple(_DOCUMENT_FIELDS) + tuple(_CLAIM_FIELDS)


class StoreError(Exception):
    """A request the store cannot answer: an unknown or ambiguous document, a search with nothing to search."""


class Store(Reconciled, Judgements):
    """A claimscope database; opening it brings its schema up to date."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_db_url()
        self.engine = create_engine(self.url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        if self.is_sqlite:
            sqlite.configure(self.engine)
        migrate.upgrade(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        """Release the database connections (on SQLite, refreshing the planner's statistics first)."""
        if self.is_sqlite:
            sqlite.optimize(self.engine)
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has(self, doc_id: str) -> bool:
        """Whether a document with this id is stored."""
        with self._sessions() as session:
            return session.get(DocumentRow, doc_id, options=[load_only(DocumentRow.id)]) is not None

    def add(self, document: Document, claims_json: dict[str, Any]) -> bool:
        """Store a document with all its extraction results in one transaction: True if new, False if known.

        Any failure (a malformed claims JSON raises ValueError, KeyError or a database error) stores nothing.
        """
        for _ in range(ADD_ATTEMPTS - 1):
            try:
                return self._add(document, claims_json)
            except IntegrityError:
                if self.has(document.id):  # another process stored it meanwhile: a duplicate
                    return False
                # Or another process added one of its actors or places since they were looked up: look again.
            except OperationalError as exc:
                if not _conflict(exc):
                    raise
        return self._add(document, claims_json)

    def _add(self, document: Document, claims_json: dict[str, Any]) -> bool:
        with self._sessions.begin() as session:
            if session.get(DocumentRow, document.id, options=[load_only(DocumentRow.id)]) is not None:
                return False
            shared = SharedRows(session, claims_json)
            ingested_at = datetime.now(UTC).replace(tzinfo=None)
            insert_document(session, records.document_rows(document, claims_json, shared.actor, shared.place, ingested_at))
        return True

    def resolve(self, id_or_prefix: str) -> str:
        """The full id of the one document whose id starts with this; StoreError if none or several."""
        prefix = (no_nul(id_or_prefix) or "").strip().lower()
        if len(prefix) < MIN_PREFIX:
            raise StoreError(f"document id {id_or_prefix!r} is too short: give at least {MIN_PREFIX} characters")
        with self._sessions() as session:
            if session.get(DocumentRow, prefix, options=[load_only(DocumentRow.id)]) is not None:
                return prefix  # a full id: found through the primary key
            ids = session.scalars(
                select(DocumentRow.id).where(DocumentRow.id.startswith(prefix, autoescape=True)).limit(2)
            ).all()
        if not ids:
            raise StoreError(f"no document with id {id_or_prefix!r}")
        if len(ids) > 1:
            raise StoreError(f"document id {id_or_prefix!r} is ambiguous: give more characters")
        return ids[0]

    def document(self, id_or_prefix: str) -> dict[str, Any]:
        """A stored document (by id or unique prefix): its header, text, metadata and number of claims."""
        doc_id = self.resolve(id_or_prefix)
        with self._sessions() as session:
            row = session.get_one(DocumentRow, doc_id)
            return {**_header(row, self._claim_count(session, doc_id)), "meta": row.meta, "text": row.text}

    def documents(self, q: str | None = None, limit: int | None = 50) -> list[dict[str, Any]]:
        """Document headers, newest first; with `q`, those matching every word or "quoted phrase", best first
        among the most recently ingested RANKED_MATCHES (or `limit`, when more) matches."""
        count = (
            select(func.count()).where(ClaimRow.document_id == DocumentRow.id).correlate(DocumentRow)
        ).scalar_subquery()
        stmt = select(DocumentRow, count).options(load_only(*_HEADER_COLUMNS))
        try:
            phrases = None if q is None else search.parse(q)
        except ValueError as exc:
            raise StoreError(str(exc)) from exc
        with self._sessions() as session:
            try:
                stmt = stmt.order_by(*_newest_first()) if phrases is None else self._search(
                    session, stmt, phrases, None if limit is None else max(limit, RANKED_MATCHES))
                rows = session.execute(stmt.limit(limit)).all()
            except OperationalError as exc:
                raise StoreError(f"search failed: {exc.orig}") from exc
            return [_header(row, n) for row, n in rows]

    def documents_page(self, after: str | None = None, size: int = 100) -> tuple[list[dict[str, Any]], str | None]:
        """One page of document headers in id order and the id to continue after (None at the end)."""
        count = (
            select(func.count()).where(ClaimRow.document_id == DocumentRow.id).correlate(DocumentRow)
        ).scalar_subquery()
        stmt = select(DocumentRow, count).options(load_only(*_HEADER_COLUMNS)).order_by(DocumentRow.id)
        if after:
            stmt = stmt.where(DocumentRow.id > after)
        with self._sessions() as session:
            rows = session.execute(stmt.limit(size + 1)).all()
            page = [_header(row, n) for row, n in rows[:size]]
        return page, page[-1]["id"] if len(rows) > size else None

    def _search(self, session: Session, stmt: Select, phrases: list[search.Phrase], ranked: int | None) -> Select:
        """`stmt` narrowed to the `ranked` most recently ingested documents matching the phrases (all with None),
        best match first."""
        if self.is_sqlite:
            floor = None if ranked is None else session.scalar(sqlite.ranking_floor(phrases, ranked))
            hits = sqlite.search_documents(phrases, floor).subquery()
            return stmt.join(hits, hits.c.doc_id == DocumentRow.id).order_by(hits.c.rank, *_newest_first())
        if self.engine.dialect.name == "postgresql":
            return postgres.search_documents(stmt, phrases, ranked).order_by(*_newest_first())
        return search_portable(stmt, phrases)

    def claims_json(self, id_or_prefix: str) -> dict[str, Any]:
        """The claims JSON (OUTPUT.md) of a stored document, rebuilt from the tables."""
        doc_id = self.resolve(id_or_prefix)
        with self._sessions() as session:
            data = pages.document_page(session, [doc_id], [], True, _HEADER_COLUMNS)[0]
        data["document"].pop("ingested_at")
        return data

    def claims(self, *, limit: int | None = None, **filters: Unpack[ClaimFilters]) -> list[dict[str, Any]]:
        """Stored claims in date order (asserted, else published; then by document id and position, as paged), each
        as in the claims JSON plus its `document`.

        `source` is a part of the source's words or actor name; `actor` an actor's canonical name (as source,
        relay or cited); `document` an id or unique prefix; `since`/`until` keep claims whose date overlaps; `q`
        a part of the content; `units` keeps claims counting one of these units.
        """
        since = filters.pop("since", None)
        conditions = claim_conditions(self, filters)
        rows: list[Any] = []
        with self._sessions() as session:
            for part, spanning in date_parts(since):
                stmt = pages.claim_select(*conditions, *part)
                if spanning:
                    # Found first as a set, the few claims spanning `since` come from the multi-day index; ordered
                    # and limited at once, PostgreSQL reads the listing-order index instead, testing each claim of
                    # the year before `since`.
                    found = stmt.cte("spanning").prefix_with("MATERIALIZED")
                    stmt = select(found).order_by(found.c.dated_from.is_(None), found.c.dated_from,
                                                  found.c.document_id, found.c.position)
                else:
                    stmt = stmt.order_by(ClaimRow.dated_from.is_(None), *paging.dated_order())
                stmt = stmt.limit(None if limit is None else limit - len(rows))
                rows += session.execute(stmt).all()
                if limit is not None and len(rows) >= limit:
                    break
            return pages.with_briefs(session, rows, pages.claims_of(session, rows))

    def claims_by_document(
        self,
        *,
        ids: Collection[str] | None = None,
        mentions: bool = True,
        page_size: int = PAGE_DOCUMENTS,
        **filters: Unpack[ClaimFilters],
    ) -> Iterator[dict[str, Any]]:
        """The claims JSON of every document holding claims that pass the `filters` of `claims` (and are among
        `ids`), with only those claims, in document id order; read a page of documents at a time, so memory
        stays flat. `mentions=False` leaves out the document's lists of every mention (faster)."""
        conditions = claim_conditions(self, filters)
        if ids is not None:
            conditions.append(ClaimRow.id.in_(list(ids)))
        after = ""
        while True:
            with self._sessions() as session:
                doc_ids = session.scalars(
                    select(ClaimRow.document_id)
                    .where(*conditions, ClaimRow.document_id > after)
                    .group_by(ClaimRow.document_id)
                    .order_by(ClaimRow.document_id)
                    .limit(page_size)
                ).all()
                if not doc_ids:
                    return
                page = pages.document_page(session, list(doc_ids), conditions, mentions, _HEADER_COLUMNS)
            yield from page
            after = doc_ids[-1]

    def claims_page(self, query: ClaimQuery = ClaimQuery(), after: str | None = None,
                    size: int = 100) -> tuple[list[dict[str, Any]], str | None]:
        """One page of claims in date order (dated first) and the cursor of the next page (None at the end).

        `after` is the cursor a previous page returned; ValueError for a cursor this store did not write.
        """
        key = paging.ClaimKey.decode(after) if after else None
        base = self._filtered(pages.claim_select(), query)
        with self._sessions() as session:
            connection = session.connection()  # Core rows: the ORM adds nothing to a SELECT of columns
            rows = connection.execute(
                base.where(paging.dated_after(key)).order_by(*paging.dated_order()).limit(size + 1)
            ).all()
            if len(rows) <= size:
                rows += connection.execute(
                    base.where(paging.undated_after(key)).order_by(*paging.undated_order())
                    .limit(size + 1 - len(rows))
                )
            more = len(rows) > size
            rows = rows[:size]
            page = pages.with_briefs(session, rows, pages.claims_of(session, rows))
        return page, paging.ClaimKey.of(rows[-1]).encode() if more else None

    def claim(self, claim_id: str) -> dict[str, Any]:
        """One stored claim by its id, as in the claims JSON plus its `document`; StoreError if unknown."""
        with self._sessions() as session:
            rows = session.execute(pages.claim_select(ClaimRow.id == claim_id)).all()
            if not rows:
                raise StoreError(f"no claim with id {claim_id!r}")
            return pages.with_briefs(session, rows, pages.claims_of(session, rows))[0]

    def claim_places(self, query: ClaimQuery = ClaimQuery(), limit: int | None = None) -> list[dict[str, Any]]:
        """The place mentions of the filtered claims (content and setting), each with its claim's summary:
        claim_id, source, date, modality, content, document_id, role, and the place fields of the claims JSON."""
        claims = self._filtered(select(ClaimRow.id), query).subquery()
        stmt = (
            select(ClaimRow.id.label("claim_id"), ClaimRow.document_id.label("claim_document"),
                   func.coalesce(ActorRow.name, ClaimRow.source_text).label("claim_source"),
                   ClaimRow.dated_from, ClaimRow.modality, ClaimRow.content_text, ClaimPlaceRow.role,
                   PlaceMentionRow.__table__)
            .join(ClaimPlaceRow, ClaimPlaceRow.claim_id == ClaimRow.id)
            .join(PlaceMentionRow, PlaceMentionRow.id == ClaimPlaceRow.place_mention_id)
            .outerjoin(ActorRow, ActorRow.id == ClaimRow.source_actor_id)
            .where(ClaimRow.id.in_(select(claims.c.id)))
            .order_by(ClaimRow.dated_from, ClaimRow.document_id, ClaimRow.position, ClaimPlaceRow.position)
            .limit(limit)
        )
        with self._sessions() as session:
            return [
                {
                    **records.place_json(row), "role": row.role, "claim_id": row.claim_id,
                    "document_id": row.claim_document, "source": row.claim_source,
                    "date": row.dated_from.isoformat() if row.dated_from else None,
                    "modality": row.modality, "content": row.content_text,
                }
                for row in session.execute(stmt)
            ]

    def actors(self, q: str | None = None, limit: int | None = 100) -> list[dict[str, Any]]:
        """Actors that are the source of a claim, most claims first: name, kind, country, claims."""
        count = func.count(ClaimRow.id).label("claims")
        stmt = (
            select(ActorRow.name, ActorRow.kind, ActorRow.country, count)
            .join(ClaimRow, ClaimRow.source_actor_id == ActorRow.id)
            .group_by(ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.country)
            .order_by(count.desc(), ActorRow.name)
            .limit(limit)
        )
        if q:
            stmt = stmt.where(ActorRow.name.icontains(q, autoescape=True))
        with self._sessions() as session:
            return [dict(row._mapping) for row in session.execute(stmt)]

    def actor(self, name: str) -> dict[str, Any] | None:
        """One actor by its canonical name (any case): name, kind, country; None if unknown."""
        with self._sessions() as session:
            row = session.scalars(select(ActorRow).where(func.lower(ActorRow.name) == name.lower())).first()
            return None if row is None else {"name": row.name, "kind": row.kind, "country": row.country}

    def _filtered(self, stmt: Select, query: ClaimQuery) -> Select:
        """The statement restricted to the claims the query keeps (StoreError for an empty full-text search)."""
        conditions = claim_conditions(self, query.filters())
        if query.text:
            try:
                phrases = search.parse(query.text)
            except ValueError as exc:
                raise StoreError(str(exc)) from exc
            conditions.append(ClaimRow.document_id.in_(self._matching_documents(phrases)))
        if query.ids is not None:
            conditions.append(ClaimRow.id.in_(list(query.ids)))
        if query.topic is not None:
            members = select(TopicMemberRow.claim_id).where(TopicMemberRow.topic_id == self.resolve_topic(query.topic))
            conditions.append(ClaimRow.id.in_(members))
        return stmt.where(*conditions)

    def _matching_documents(self, phrases: list[search.Phrase]) -> Select:
        """The ids of the documents matching a full-text search."""
        if self.is_sqlite:
            return select(sqlite.search_documents(phrases).subquery().c.doc_id)
        return search_portable(select(DocumentRow.id), phrases).order_by(None)

    def counts(self) -> dict[str, int]:
        """Rows per kind of record: documents, claims, quantities, places, times, actors."""
        tables = {
            "documents": DocumentRow,
            "claims": ClaimRow,
            "quantities": QuantityRow,
            "places": PlaceMentionRow,
            "times": TimeRow,
            "actors": ActorRow,
        }
        with self._sessions() as session:
            return {
                name: session.scalar(select(func.count()).select_from(model)) or 0
                for name, model in tables.items()
            }

    def tally(self, *fields: str, limit: int | None = None) -> list[tuple[Any, ...]]:
        """(values..., count) grouped by `fields` (TALLY_FIELDS), most first; counts documents when all fields
        are document fields, else claims."""
        unknown = [f for f in fields if f not in TALLY_FIELDS]
        if unknown or not fields:
            asked = ", ".join(unknown) or "nothing"
            raise StoreError(f"cannot tally by {asked}: choose from {', '.join(TALLY_FIELDS)}")
        columns = [_DOCUMENT_FIELDS.get(f, _CLAIM_FIELDS.get(f)) for f in fields]
        count = func.count().label("n")
        if all(f in _DOCUMENT_FIELDS for f in fields):
            stmt = select(*columns, count).select_from(DocumentRow)
        else:
            stmt = (
                select(*columns, count)
                .select_from(ClaimRow)
                .join(ClaimRow.document)
                .outerjoin(ActorRow, ClaimRow.source_actor_id == ActorRow.id)
            )
        stmt = stmt.group_by(*columns).order_by(count.desc(), *columns).limit(limit)
        with self._sessions() as session:
            return [tuple(row) for row in session.execute(stmt)]

    @staticmethod
    def _claim_count(session: Session, doc_id: str) -> int:
        return session.scalar(select(func.count()).where(ClaimRow.document_id == doc_id)) or 0


def search_portable(stmt: Select, phrases: list[search.Phrase]) -> Select:
    """Full-text search on any database: every phrase must occur in the title or text (no ranking)."""
    for phrase in phrases:
        words = " ".join(phrase.words)
        stmt = stmt.where(
            or_(
                DocumentRow.title.icontains(words, autoescape=True),
                DocumentRow.text.icontains(words, autoescape=True),
            )
        )
    return stmt.order_by(*_newest_first())


def _conflict(exc: OperationalError) -> bool:
    """Whether a failed write lost a race with another transaction (a deadlock or a serialization failure)."""
    return getattr(exc.orig, "sqlstate", None) in ("40P01", "40001")


def _newest_first() -> list[ColumnElement[Any]]:
    return [DocumentRow.published.is_(None), DocumentRow.published.desc(), DocumentRow.ingested_at.desc()]


def _header(row: DocumentRow, claims: int) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "published": records.published_iso(row),
        "url": row.url,
        "outlet": row.outlet,
        "kind": row.kind,
        "language": row.language,
        "origin": row.origin,
        "ingested_at": records.utc_iso(row.ingested_at),
        "claims": claims,
    }
