"""The WHERE conditions of the claim filters of `Store.claims`: actors through their indexes, dates through the
date index, content parts through the trigram index."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, TypedDict

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from claimscope.store import postgres, records, sqlite
from claimscope.store.schema import MULTIDAY, ActorRow, ClaimActorRow, ClaimQuantityRow, ClaimRow, QuantityRow

if TYPE_CHECKING:
    from claimscope.store.repository import Store

# A content filter reads the claims through the trigram index when fewer than this many match (see content_holds).
SCANNED_MATCHES = 5000


class ClaimFilters(TypedDict, total=False):
    """The filters of `Store.claims`; every one given must pass."""

    source: str | None
    actor: str | None
    modality: str | None
    event: str | None
    document: str | None
    since: date | None
    until: date | None
    q: str | None
    units: Iterable[str] | None


def claim_conditions(store: Store, filters: ClaimFilters) -> list[ColumnElement[bool]]:
    """The WHERE conditions of the claim filters (see `Store.claims`)."""
    unknown = set(filters) - set(ClaimFilters.__annotations__)
    if unknown:
        raise TypeError(f"unknown claim filter {', '.join(sorted(unknown))}")
    conditions: list[ColumnElement[bool]] = []
    # Actors are matched in an uncorrelated subquery (a few hundred rows), so that the claims are found
    # through their actor indexes instead of testing every claim.
    if source := no_nul(filters.get("source")):  # PostgreSQL text cannot hold NUL
        matching = select(ActorRow.id).where(ActorRow.name.icontains(source, autoescape=True))
        conditions.append(
            or_(ClaimRow.source_text.icontains(source, autoescape=True), ClaimRow.source_actor_id.in_(matching))
        )
    if actor := no_nul(filters.get("actor")):
        named = select(ActorRow.id).where(func.lower(ActorRow.name) == actor.lower())
        relayed = select(ClaimActorRow.claim_id).where(ClaimActorRow.actor_id.in_(named))
        conditions.append(or_(ClaimRow.source_actor_id.in_(named), ClaimRow.id.in_(relayed)))
    if modality := filters.get("modality"):
        conditions.append(ClaimRow.modality == modality)
    if event := filters.get("event"):
        conditions.append(ClaimRow.event == event)
    if document := filters.get("document"):
        conditions.append(ClaimRow.document_id == store.resolve(document))
    if filters.get("since") or filters.get("until"):
        # Implied by a date bound; stated, it lets an index led by (dated_from IS NULL) seek to the range.
        conditions.append(ClaimRow.dated_from.is_(None) == false())
    if since := filters.get("since"):
        conditions.append(ClaimRow.dated_to >= since)
        # Implied by the one above; it lets the date index start near `since` instead of at the first claim.
        conditions.append(ClaimRow.dated_from >= since - records.LONGEST_INTERVAL)
    if until := filters.get("until"):
        conditions.append(ClaimRow.dated_from <= until)
    if q := no_nul(filters.get("q")):
        conditions.append(content_holds(store, q))
    if (units := filters.get("units")) is not None:
        conditions.append(
            ClaimRow.quantity_links.any(ClaimQuantityRow.quantity.has(QuantityRow.unit.in_(list(units))))
        )
    return conditions

def content_holds(store: Store, part: str) -> ColumnElement[bool]:
    """Claims whose content holds `part` (case folded), found through the content's trigram index. On SQLite
    the index is used when it holds fewer than SCANNED_MATCHES such claims; with more, reading the claims in
    listing order finds a page of them sooner than sorting them all."""
    holds = ClaimRow.content_text.icontains(part, autoescape=True)
    if store.engine.dialect.name == "postgresql":
        return ClaimRow.content_text.ilike(postgres.like_part(part))  # ILIKE, which the trigram index serves
    if not store.is_sqlite or len(part) < sqlite.TRIGRAM:
        return holds
    with store.engine.connect() as connection:
        found = connection.scalar(select(func.count()).select_from(
            sqlite.claims_containing(part).limit(SCANNED_MATCHES).subquery()))
    return and_(ClaimRow.id.in_(sqlite.claims_containing(part)), holds) if found < SCANNED_MATCHES else holds


def date_parts(since: date | None) -> list[tuple[list[ColumnElement[bool]], bool]]:
    """The extra conditions of each query a claims listing reads in turn, in listing order, and whether they pick
    the claims spanning `since`. With `since`: first the claims dated over several days that started before it
    and still overlap it (read through the index of multi-day claims), then those that start on or after it (a
    range of the date index); a one-day claim that starts before `since` cannot overlap it. Without: one query."""
    if since is None:
        return [([], False)]
    started_before = [MULTIDAY, ClaimRow.dated_from < since,
                      ClaimRow.dated_from >= since - records.LONGEST_INTERVAL, ClaimRow.dated_to >= since]
    return [(started_before, True), ([ClaimRow.dated_from >= since], False)]


def no_nul(text: str | None) -> str | None:
    """User text without NUL characters, which no stored text holds and PostgreSQL refuses as a parameter."""
    return text.replace("\x00", "") if text else text
