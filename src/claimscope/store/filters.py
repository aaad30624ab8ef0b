"""Which claims a request asks for, as portable SQL conditions: shared by lists, pages and places."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, or_

from claimscope.store.schema import ActorRow, ClaimActorRow, ClaimQuantityRow, ClaimRow, QuantityRow
from claimscope.store.search import Phrase, parse


@dataclass(frozen=True)
class ClaimFilters:
    """The filters of `claimscope claims`, plus `ids` (only these claims, e.g. a topic's).

    `source` is a part of the source's words or actor name; `actor` an actor's canonical name (as source,
    relay or cited); `since`/`until` keep claims whose date overlaps; `q` a part of the content; `text` a
    full-text search (words, "phrases", prefix*) of the documents' titles and texts; `units` keeps claims
    counting one of these units.
    """

    source: str | None = None
    actor: str | None = None
    modality: str | None = None
    event: str | None = None
    document: str | None = None
    since: date | None = None
    until: date | None = None
    q: str | None = None
    text: str | None = None
    units: Iterable[str] | None = None
    ids: Iterable[str] | None = None


def apply(stmt: Select, filters: ClaimFilters, resolve: Callable[[str], str],
          matching: Callable[[list[Phrase]], Select]) -> Select:
    """The statement restricted to the claims the filters keep; `resolve` turns a document prefix into its id,
    `matching` gives the ids of the documents matching a full-text search.

    Raises ValueError when `text` holds nothing searchable.
    """
    f = filters
    if f.source:
        stmt = stmt.where(
            or_(
                ClaimRow.source_text.icontains(f.source, autoescape=True),
                ClaimRow.source_actor.has(ActorRow.name.icontains(f.source, autoescape=True)),
            )
        )
    if f.actor:
        named = func.lower(ActorRow.name) == f.actor.lower()
        stmt = stmt.where(
            or_(ClaimRow.source_actor.has(named), ClaimRow.actor_links.any(ClaimActorRow.actor.has(named)))
        )
    if f.modality:
        stmt = stmt.where(ClaimRow.modality == f.modality)
    if f.event:
        stmt = stmt.where(ClaimRow.event == f.event)
    if f.document:
        stmt = stmt.where(ClaimRow.document_id == resolve(f.document))
    if f.since:
        stmt = stmt.where(ClaimRow.dated_to >= f.since)
    if f.until:
        stmt = stmt.where(ClaimRow.dated_from <= f.until)
    if f.q:
        stmt = stmt.where(ClaimRow.content_text.icontains(f.q, autoescape=True))
    if f.text:
        stmt = stmt.where(ClaimRow.document_id.in_(matching(parse(f.text))))
    if f.units is not None:
        stmt = stmt.where(
            ClaimRow.quantity_links.any(ClaimQuantityRow.quantity.has(QuantityRow.unit.in_(list(f.units))))
        )
    if f.ids is not None:
        stmt = stmt.where(ClaimRow.id.in_(list(f.ids)))
    return stmt
