"""The database schema as SQLAlchemy ORM models; Alembic migrations (store/migrations) create it.

One row per document; its claims and every time, quantity, place and actor mention found in it hang off it.
A claim links to the mentions inside its content through the `claim_*` tables, in the claim's own order.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Text, false, text
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedColumn, mapped_column, relationship

# Stable constraint names, so later migrations can alter them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base carrying the shared metadata."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _document_fk() -> MappedColumn[str]:
    return mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)


class DocumentRow(Base):
    """A report, post or statement as ingested (`claimscope.ingest.Document`)."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200), index=True)
    # ISO 8601 as given (with its UTC offset, if any), so the publisher's local day survives on every backend.
    published: Mapped[str | None] = mapped_column(String(40), index=True)
    published_precision: Mapped[str | None] = mapped_column(String(8))
    language: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16), index=True)
    text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(Text)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON)
    ingested_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # UTC

    claims: Mapped[list[ClaimRow]] = relationship(
        back_populates="document", order_by="ClaimRow.position", cascade="all, delete-orphan"
    )
    times: Mapped[list[TimeRow]] = relationship(order_by="TimeRow.position", cascade="all, delete-orphan")
    quantities: Mapped[list[QuantityRow]] = relationship(
        order_by="QuantityRow.position", cascade="all, delete-orphan"
    )
    place_mentions: Mapped[list[PlaceMentionRow]] = relationship(
        order_by="PlaceMentionRow.position", cascade="all, delete-orphan"
    )
    actor_mentions: Mapped[list[ActorMentionRow]] = relationship(
        order_by="ActorMentionRow.position", cascade="all, delete-orphan"
    )


# Listing order (`Store.documents`, `Store.claims`), so that a listing with a limit reads about that many rows.
Index("ix_documents_newest", DocumentRow.published.is_(None), DocumentRow.published.desc(),
      DocumentRow.ingested_at.desc())


class ActorRow(Base):
    """A canonical actor (person, state, agency, outlet ...), shared by all documents."""

    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str | None] = mapped_column(String(40))
    country: Mapped[str | None] = mapped_column(String(2), index=True)


class PlaceRow(Base):
    """A gazetteer entry, keyed by its GeoNames id and shared by all documents."""

    __tablename__ = "places"

    geonames_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str | None] = mapped_column(String(300))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    feature: Mapped[str | None] = mapped_column(String(10))
    admin1: Mapped[str | None] = mapped_column(String(10))


class TimeRow(Base):
    """A date or duration mention, normalised (`value` ISO date or duration)."""

    __tablename__ = "times"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = _document_fk()
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    value: Mapped[str | None] = mapped_column(String(40))
    precision: Mapped[str | None] = mapped_column(String(10))


class QuantityRow(Base):
    """A counted thing as an interval (`low`/`high` null = unbounded)."""

    __tablename__ = "quantities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = _document_fk()
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str] = mapped_column(String(20))
    unit: Mapped[str | None] = mapped_column(String(100), index=True)
    subject: Mapped[str | None] = mapped_column(Text)
    vague: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # "hundreds", "several"


class PlaceMentionRow(Base):
    """A toponym in a document, with the place it resolved to as resolved at extraction time."""

    __tablename__ = "place_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = _document_fk()
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    geonames_id: Mapped[int | None] = mapped_column(ForeignKey("places.geonames_id"), index=True)
    name: Mapped[str | None] = mapped_column(String(300))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(2))
    feature: Mapped[str | None] = mapped_column(String(10))
    precision: Mapped[str] = mapped_column(String(10))
    admin1: Mapped[str | None] = mapped_column(String(10))
    dateline: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # where it was filed

    place: Mapped[PlaceRow | None] = relationship()


class ActorMentionRow(Base):
    """A mention of an actor in a document; `actor_id` null when it was not resolved."""

    __tablename__ = "actor_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = _document_fk()
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    kind: Mapped[str | None] = mapped_column(String(40))
    country: Mapped[str | None] = mapped_column(String(2))

    actor: Mapped[ActorRow | None] = relationship(lazy="joined")


class ClaimRow(Base):
    """A proposition the text ascribes to a source: who (source), how (cue, channel), when, what, how sure."""

    __tablename__ = "claims"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # the claims JSON id
    document_id: Mapped[str] = _document_fk()
    position: Mapped[int] = mapped_column(Integer)
    source_text: Mapped[str | None] = mapped_column(Text)  # null: unattributed narration
    source_start: Mapped[int | None] = mapped_column(Integer)
    source_end: Mapped[int | None] = mapped_column(Integer)
    source_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    source_kind: Mapped[str | None] = mapped_column(String(40))
    source_country: Mapped[str | None] = mapped_column(String(2), index=True)
    cue: Mapped[str | None] = mapped_column(String(100), index=True)
    cue_text: Mapped[str | None] = mapped_column(Text)
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    channel: Mapped[str | None] = mapped_column(String(100))
    asserted_on: Mapped[str | None] = mapped_column(String(10))
    # The claim's date as a day interval: asserted_on, else the publication date; for filtering and sorting.
    dated_from: Mapped[date | None] = mapped_column(Date, index=True)
    dated_to: Mapped[date | None] = mapped_column(Date, index=True)
    content_text: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int] = mapped_column(Integer)
    content_end: Mapped[int] = mapped_column(Integer)
    content_parts: Mapped[list[list[int]] | None] = mapped_column(JSON)
    modality: Mapped[str] = mapped_column(String(20))
    event: Mapped[str | None] = mapped_column(String(40))

    document: Mapped[DocumentRow] = relationship(back_populates="claims")
    source_actor: Mapped[ActorRow | None] = relationship(lazy="joined")
    actor_links: Mapped[list[ClaimActorRow]] = relationship(
        order_by="(ClaimActorRow.role, ClaimActorRow.position)", cascade="all, delete-orphan"
    )
    quantity_links: Mapped[list[ClaimQuantityRow]] = relationship(
        order_by="ClaimQuantityRow.position", cascade="all, delete-orphan"
    )
    place_links: Mapped[list[ClaimPlaceRow]] = relationship(
        order_by="ClaimPlaceRow.position", cascade="all, delete-orphan"
    )
    time_links: Mapped[list[ClaimTimeRow]] = relationship(
        order_by="ClaimTimeRow.position", cascade="all, delete-orphan"
    )


# The listing order (dated first, by date, document and position), so a listing reads the index without sorting;
# behind a modality or an event too, so a filter on either reads its claims in order whatever the planner's
# statistics say about how many there are.
LISTING_ORDER = (ClaimRow.dated_from.is_(None), ClaimRow.dated_from, ClaimRow.document_id, ClaimRow.position)
Index("ix_claims_date_order", *LISTING_ORDER)
Index("ix_claims_modality_order", ClaimRow.modality, *LISTING_ORDER)
Index("ix_claims_event_order", ClaimRow.event, *LISTING_ORDER)
# Claims dated over more than a day: the only ones that can start before a `since` and still overlap it; their
# last day is in the index, so those that end before `since` are passed over without reading the claim.
MULTIDAY = ClaimRow.dated_to > ClaimRow.dated_from
Index("ix_claims_multiday", ClaimRow.dated_from.is_(None), ClaimRow.dated_from, ClaimRow.dated_to,
      sqlite_where=MULTIDAY, postgresql_where=MULTIDAY)


class ClaimActorRow(Base):
    """An actor behind a claim besides its source: `role` relayed_by (outer layers) or cites."""

    __tablename__ = "claim_actors"

    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    kind: Mapped[str | None] = mapped_column(String(40))
    country: Mapped[str | None] = mapped_column(String(2))

    actor: Mapped[ActorRow | None] = relationship(lazy="joined")


class ClaimQuantityRow(Base):
    """A quantity inside a claim's content."""

    __tablename__ = "claim_quantities"

    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    quantity_id: Mapped[int] = mapped_column(ForeignKey("quantities.id", ondelete="CASCADE"), index=True)

    quantity: Mapped[QuantityRow] = relationship(lazy="joined")


class ClaimPlaceRow(Base):
    """A place mention of a claim: inside its content (role "content") or where it was made ("setting")."""

    __tablename__ = "claim_places"

    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_mention_id: Mapped[int] = mapped_column(
        ForeignKey("place_mentions.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(10), server_default="content")

    place: Mapped[PlaceMentionRow] = relationship(lazy="joined")


class ClaimTimeRow(Base):
    """A time mention inside a claim's content."""

    __tablename__ = "claim_times"

    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    time_id: Mapped[int] = mapped_column(ForeignKey("times.id", ondelete="CASCADE"), index=True)

    time: Mapped[TimeRow] = relationship(lazy="joined")


class TopicEditRow(Base):
    """An analyst's change to the computed topics, replayed in order: rename, merge or split.

    Topics are recomputed from the claims on every run; edits name them by their stable ids, so they survive
    re-ingestion.
    """

    __tablename__ = "topic_edits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(10))
    topic_id: Mapped[str] = mapped_column(String(20), index=True)
    target_id: Mapped[str | None] = mapped_column(String(20))
    claim_id: Mapped[str | None] = mapped_column(String(64))
    label: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)  # UTC


class SourceGradeRow(Base):
    """An analyst's Admiralty reliability letter (A–F) for an actor."""

    __tablename__ = "source_grades"

    actor: Mapped[str] = mapped_column(String(300), primary_key=True)
    letter: Mapped[str] = mapped_column(String(1))
    updated_at: Mapped[datetime] = mapped_column(DateTime)  # UTC


class ReconClaimRow(Base):
    """A claim as reconciliation reads it (`record`), with its origin, written when its document is stored."""

    __tablename__ = "recon_claims"

    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    document_id: Mapped[str] = _document_fk()
    origin_key: Mapped[str] = mapped_column(String(300), index=True)
    origin_label: Mapped[str] = mapped_column(Text)
    actor: Mapped[str | None] = mapped_column(String(300), index=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)


class ReconDocumentRow(Base):
    """A document's word-shingle MinHash signature, to tell near-copies apart from independent reports."""

    __tablename__ = "recon_documents"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    signature: Mapped[list[int] | None] = mapped_column(JSON)


class TopicMemberRow(Base):
    """A claim's membership of a topic: the topic computed from the claim (`raw_topic_id`), the topic it is in
    after the analyst's edits (`topic_id`), the kind (figure, presence, denial, forecast) and its interval."""

    __tablename__ = "topic_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic_id: Mapped[str] = mapped_column(String(20), index=True)
    raw_topic_id: Mapped[str] = mapped_column(String(20), index=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    membership: Mapped[dict[str, Any]] = mapped_column(JSON)
    pending: Mapped[bool] = mapped_column(Boolean, default=True)  # not yet in its topic's materialised timeline


class TopicRow(Base):
    """A materialised topic: its summary columns for listings and its head (`data`: id, label, counts, flags);
    its timeline and windows are rows of their own, so an increment rewrites only the part it changes."""

    __tablename__ = "topics"

    id: Mapped[str] = mapped_column(String(20), primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    claims: Mapped[int] = mapped_column(Integer, index=True)
    origins: Mapped[int] = mapped_column(Integer)
    growth: Mapped[bool] = mapped_column(Boolean)
    latest: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    flags: Mapped[list[str]] = mapped_column(JSON)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime)  # UTC


# The listing order of topics (most claims first), which keyset paging reads from a cursor on.
Index("ix_topics_listing", TopicRow.claims.desc(), TopicRow.label, TopicRow.id)


class TopicTimelineRow(Base):
    """One claim's row on a materialised topic's timeline (`data`, as `topic ID` shows it; `brief`, the part of
    it a topic page shows), with the day it holds from and until (ISO dates: an increment reads only the rows
    still holding when its new claims begin)."""

    __tablename__ = "topic_timeline"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic_id: Mapped[str] = mapped_column(String(20))
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    day: Mapped[str] = mapped_column(String(10))
    holds_until: Mapped[str] = mapped_column(String(10))
    origin_key: Mapped[str] = mapped_column(String(300))
    origin_label: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    brief: Mapped[dict[str, Any]] = mapped_column(JSON, server_default=text("'{}'"))


Index("ix_topic_timeline_order", TopicTimelineRow.topic_id, TopicTimelineRow.day, TopicTimelineRow.claim_id)
Index("ix_topic_timeline_holding", TopicTimelineRow.topic_id, TopicTimelineRow.holds_until)
Index("ix_topic_timeline_origins", TopicTimelineRow.topic_id, TopicTimelineRow.origin_key)


class TopicWindowRow(Base):
    """One time window of a materialised topic's consensus (`data`), with its best estimate for the growth flag."""

    __tablename__ = "topic_windows"

    topic_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    start: Mapped[str] = mapped_column(String(10), primary_key=True)
    best: Mapped[float | None] = mapped_column(Float)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
