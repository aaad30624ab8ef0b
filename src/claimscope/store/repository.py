"""The store: documents with their claims JSON in, documents, claims and counts out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, create_engine, func, or_, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, load_only, selectinload, sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from claimscope.config import default_db_url
from claimscope.store import migrate, records, search, sqlite
from claimscope.store.reconciled import Reconciled
from claimscope.store.schema import (
    ActorRow,
    ClaimActorRow,
    ClaimQuantityRow,
    ClaimRow,
    DocumentRow,
    PlaceMentionRow,
    PlaceRow,
    QuantityRow,
    SourceGradeRow,
    TimeRow,
    TopicEditRow,
)

if TYPE_CHECKING:
    from claimscope.ingest.document import Document

# Shortest document id prefix accepted, so that a stray digit does not pick a document at random.
MIN_PREFIX = 4

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


class Store(Reconciled):
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
        """Release the database connections."""
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
        try:
            return self._add(document, claims_json)
        except IntegrityError:
            if self.has(document.id):  # another process stored it meanwhile
                return False
            # Or another process added one of its actors or places since they were looked up: look again.
            return self._add(document, claims_json)

    def _add(self, document: Document, claims_json: dict[str, Any]) -> bool:
        with self._sessions.begin() as session:
            if session.get(DocumentRow, document.id, options=[load_only(DocumentRow.id)]) is not None:
                return False
            shared = _SharedRows(session, claims_json)
            ingested_at = datetime.now(UTC).replace(tzinfo=None)
            session.add(records.document_row(document, claims_json, shared.actor, shared.place, ingested_at))
        return True

    def resolve(self, id_or_prefix: str) -> str:
        """The full id of the one document whose id starts with this; StoreError if none or several."""
        prefix = id_or_prefix.strip().lower()
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
        """Document headers, newest first; with `q`, those matching every word or "quoted phrase", best first."""
        count = (
            select(func.count()).where(ClaimRow.document_id == DocumentRow.id).correlate(DocumentRow)
        ).scalar_subquery()
        stmt = select(DocumentRow, count).options(load_only(*_HEADER_COLUMNS))
        if q is None:
            stmt = stmt.order_by(*_newest_first())
        else:
            try:
                phrases = search.parse(q)
            except ValueError as exc:
                raise StoreError(str(exc)) from exc
            stmt = self._search(stmt, phrases)
        with self._sessions() as session:
            try:
                rows = session.execute(stmt.limit(limit)).all()
            except OperationalError as exc:
                raise StoreError(f"search failed: {exc.orig}") from exc
            return [_header(row, n) for row, n in rows]

    def _search(self, stmt: Select, phrases: list[search.Phrase]) -> Select:
        if self.is_sqlite:
            hits = sqlite.search_documents(phrases).subquery()
            return stmt.join(hits, hits.c.doc_id == DocumentRow.id).order_by(hits.c.rank)
        return search_portable(stmt, phrases)

    def claims_json(self, id_or_prefix: str) -> dict[str, Any]:
        """The claims JSON (OUTPUT.md) of a stored document, rebuilt from the tables."""
        doc_id = self.resolve(id_or_prefix)
        with self._sessions() as session:
            row = session.scalars(
                select(DocumentRow)
                .where(DocumentRow.id == doc_id)
                .options(
                    selectinload(DocumentRow.claims).options(*_claim_loading()),
                    selectinload(DocumentRow.times),
                    selectinload(DocumentRow.quantities),
                    selectinload(DocumentRow.place_mentions),
                    selectinload(DocumentRow.actor_mentions),
                )
            ).one()
            return records.claims_json(row)

    def claims(
        self,
        *,
        source: str | None = None,
        actor: str | None = None,
        modality: str | None = None,
        event: str | None = None,
        document: str | None = None,
        since: date | None = None,
        until: date | None = None,
        q: str | None = None,
        units: Iterable[str] | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Stored claims in date order (asserted, else published), each as in the claims JSON plus its `document`.

        `source` is a part of the source's words or actor name; `actor` an actor's canonical name (as source,
        relay or cited); `since`/`until` keep claims whose date overlaps; `q` a part of the content; `units`
        keeps claims counting one of these units.
        """
        stmt = select(ClaimRow)
        if source:
            stmt = stmt.where(
                or_(
                    ClaimRow.source_text.icontains(source, autoescape=True),
                    ClaimRow.source_actor.has(ActorRow.name.icontains(source, autoescape=True)),
                )
            )
        if actor:
            named = func.lower(ActorRow.name) == actor.lower()
            stmt = stmt.where(
                or_(ClaimRow.source_actor.has(named), ClaimRow.actor_links.any(ClaimActorRow.actor.has(named)))
            )
        if modality:
            stmt = stmt.where(ClaimRow.modality == modality)
        if event:
            stmt = stmt.where(ClaimRow.event == event)
        if document:
            stmt = stmt.where(ClaimRow.document_id == self.resolve(document))
        if since:
            stmt = stmt.where(ClaimRow.dated_to >= since)
        if until:
            stmt = stmt.where(ClaimRow.dated_from <= until)
        if q:
            stmt = stmt.where(ClaimRow.content_text.icontains(q, autoescape=True))
        if units is not None:
            stmt = stmt.where(
                ClaimRow.quantity_links.any(ClaimQuantityRow.quantity.has(QuantityRow.unit.in_(list(units))))
            )
        stmt = (
            stmt.join(ClaimRow.document)
            .order_by(
                ClaimRow.dated_from.is_(None),
                ClaimRow.dated_from,
                DocumentRow.published,
                ClaimRow.document_id,
                ClaimRow.position,
            )
            .options(
                *_claim_loading(),
                selectinload(ClaimRow.document).options(load_only(*_HEADER_COLUMNS)),
            )
            .limit(limit)
        )
        with self._sessions() as session:
            return [
                {**records.claim_json(row), "document": _document_brief(row.document)}
                for row in session.scalars(stmt)
            ]

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

    def add_topic_edit(self, action: str, topic_id: str, target_id: str | None = None,
                       claim_id: str | None = None, label: str | None = None) -> None:
        """Record an analyst's topic edit (rename, merge or split); edits are replayed in order."""
        with self._sessions.begin() as session:
            session.add(TopicEditRow(action=action, topic_id=topic_id, target_id=target_id, claim_id=claim_id,
                                     label=label, created_at=datetime.now(UTC).replace(tzinfo=None)))

    def topic_edits(self) -> list[dict[str, Any]]:
        """Every topic edit, oldest first."""
        with self._sessions() as session:
            rows = session.scalars(select(TopicEditRow).order_by(TopicEditRow.id))
            return [{"action": r.action, "topic": r.topic_id, "target": r.target_id, "claim": r.claim_id,
                     "label": r.label} for r in rows]

    def set_grade(self, actor: str, letter: str) -> None:
        """Set (or replace) an actor's reliability letter."""
        with self._sessions.begin() as session:
            row = session.get(SourceGradeRow, actor)
            now = datetime.now(UTC).replace(tzinfo=None)
            if row is None:
                session.add(SourceGradeRow(actor=actor, letter=letter, updated_at=now))
            else:
                row.letter, row.updated_at = letter, now

    def grades(self) -> dict[str, str]:
        """Actor -> reliability letter, as set in this database."""
        with self._sessions() as session:
            return {r.actor: r.letter for r in session.scalars(select(SourceGradeRow))}

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


class _SharedRows:
    """The actors and gazetteer places one document refers to: found in the database, else created once."""

    def __init__(self, session: Session, data: dict[str, Any]) -> None:
        mentions = list(data.get("actors") or [])
        for claim in data.get("claims") or []:
            mentions += [claim["source"]] if claim.get("source") else []
            mentions += list(claim.get("relayed_by") or []) + list(claim.get("cites") or [])
        names = {m["actor"] for m in mentions if m.get("actor")}
        ids = {p["geonames_id"] for p in data.get("places") or [] if p.get("geonames_id") is not None}
        self.actors = {a.name: a for a in session.scalars(select(ActorRow).where(ActorRow.name.in_(names)))}
        self.places = {
            p.geonames_id: p for p in session.scalars(select(PlaceRow).where(PlaceRow.geonames_id.in_(ids)))
        }

    def actor(self, mention: dict[str, Any]) -> ActorRow | None:
        """The actor a mention resolved to (None if unresolved); a new actor takes the mention's kind, country."""
        name = mention.get("actor")
        if not name:
            return None
        if name not in self.actors:
            self.actors[name] = ActorRow(name=name, kind=mention.get("kind"), country=mention.get("country"))
        return self.actors[name]

    def place(self, mention: dict[str, Any]) -> PlaceRow | None:
        """The gazetteer entry of a place mention (None without a GeoNames id)."""
        geonames_id = mention.get("geonames_id")
        if geonames_id is None:
            return None
        if geonames_id not in self.places:
            self.places[geonames_id] = PlaceRow(
                geonames_id=geonames_id,
                name=mention.get("name"),
                lat=mention.get("lat"),
                lon=mention.get("lon"),
                country=mention.get("country"),
                feature=mention.get("feature"),
                admin1=mention.get("admin1"),
            )
        return self.places[geonames_id]


def _claim_loading() -> list[Any]:
    return [
        selectinload(ClaimRow.actor_links),
        selectinload(ClaimRow.quantity_links),
        selectinload(ClaimRow.place_links),
        selectinload(ClaimRow.time_links),
    ]


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
        "ingested_at": row.ingested_at.replace(tzinfo=UTC).isoformat(timespec="seconds"),
        "claims": claims,
    }


def _document_brief(row: DocumentRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "published": records.published_iso(row),
        "outlet": row.outlet,
        "kind": row.kind,
    }
