"""The write path of `Store.add`: a document's rows in one multi-row insert per table, and the shared actor and
place rows it refers to, found or created once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from claimscope.store import records
from claimscope.store.schema import (
    ActorMentionRow,
    ActorRow,
    ClaimActorRow,
    ClaimRow,
    DocumentRow,
    PlaceMentionRow,
    PlaceRow,
    QuantityRow,
    TimeRow,
)

_MENTION_TABLES = {"times": TimeRow, "quantities": QuantityRow, "place_mentions": PlaceMentionRow,
                   "actor_mentions": ActorMentionRow}


def insert_document(session: Session, rows: records.DocumentRows) -> None:
    """A document's rows, one multi-row insert per table (Core: the ORM's unit of work cost more than the
    extraction's last steps); then the new mentions' ids by position, so that the claims' links can name them
    (a RETURNING kept in order takes a statement per row on SQLite)."""
    doc_id = rows.document["id"]
    session.execute(insert(DocumentRow.__table__), [rows.document])
    ids: dict[str, dict[int, int]] = {}
    for name, model in _MENTION_TABLES.items():
        if rows.mentions[name]:
            table = model.__table__
            session.execute(insert(table), rows.mentions[name])
            if name != "actor_mentions":
                ids[name] = dict(session.execute(select(table.c.position, table.c.id)
                                                 .where(table.c.document_id == doc_id)).all())
    if rows.claims:
        session.execute(insert(ClaimRow.__table__), rows.claims)
    for name, model, key in records.LINKS:
        links = [{**link, key: ids[name][link[key]]} for link in rows.links[name]]
        if links:
            session.execute(insert(model.__table__), links)
    if rows.links["claim_actors"]:
        session.execute(insert(ClaimActorRow.__table__), rows.links["claim_actors"])


class SharedRows:
    """The actors and gazetteer places one document refers to: found in the database, else created once."""

    def __init__(self, session: Session, data: dict[str, Any]) -> None:
        mentions = list(data.get("actors") or [])
        for claim in data.get("claims") or []:
            mentions += [claim["source"]] if claim.get("source") else []
            mentions += list(claim.get("relayed_by") or []) + list(claim.get("cites") or [])
        first = {m["actor"]: m for m in reversed(mentions) if m.get("actor")}
        places = {p["geonames_id"]: p for p in data.get("places") or [] if p.get("geonames_id") is not None}
        self.actors: dict[str, int] = dict(
            session.execute(select(ActorRow.name, ActorRow.id).where(ActorRow.name.in_(first))).all())
        known = set(session.scalars(select(PlaceRow.geonames_id).where(PlaceRow.geonames_id.in_(places))))
        # New shared rows are added in a fixed order (by name, by id), so that two processes storing documents
        # with the same new actors wait for each other instead of deadlocking.
        new = sorted(set(first) - set(self.actors))
        if new:
            session.execute(insert(ActorRow.__table__), [
                {"name": name, "kind": first[name].get("kind"), "country": first[name].get("country")} for name in new])
            self.actors.update(session.execute(select(ActorRow.name, ActorRow.id).where(ActorRow.name.in_(new))).all())
        added = [{"geonames_id": geonames_id, "name": places[geonames_id].get("name"),
                  "lat": places[geonames_id].get("lat"), "lon": places[geonames_id].get("lon"),
                  "country": places[geonames_id].get("country"), "feature": places[geonames_id].get("feature"),
                  "admin1": places[geonames_id].get("admin1")} for geonames_id in sorted(set(places) - known)]
        if added:
            session.execute(insert(PlaceRow.__table__), added)

    def actor(self, mention: dict[str, Any]) -> int | None:
        """The id of the actor a mention resolved to (None if unresolved)."""
        name = mention.get("actor")
        return self.actors[name] if name else None

    @staticmethod
    def place(mention: dict[str, Any]) -> int | None:
        """The gazetteer entry of a place mention (its GeoNames id; None without one)."""
        return mention.get("geonames_id")
