"""Between the claims JSON (OUTPUT.md) and the tables: the rows of one document, and the JSON rebuilt from rows."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from claimscope.store.schema import (
    ActorMentionRow,
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
from claimscope.timeformat import iso_at_precision

if TYPE_CHECKING:
    from claimscope.ingest.document import Document

# Resolve an actor mention (by its canonical `actor` name) or a place (by `geonames_id`) to its shared row's key.
ActorLookup = Callable[[dict[str, Any]], int | None]
PlaceLookup = Callable[[dict[str, Any]], int | None]

RELAY_ROLES = ("relayed_by", "cites")
# The mention tables a claim links to, with the link table and its key column.
LINKS = (("times", ClaimTimeRow, "time_id"), ("quantities", ClaimQuantityRow, "quantity_id"),
         ("place_mentions", ClaimPlaceRow, "place_mention_id"))


@dataclass
class DocumentRows:
    """The rows of one document as column values, ready for bulk inserts (far cheaper than ORM objects).

    A link row's mention key (`time_id`, `quantity_id`, `place_mention_id`) holds the mention's position in its
    list until the mentions are inserted and their ids known (`Store._add`)."""

    document: dict[str, Any]
    mentions: dict[str, list[dict[str, Any]]]  # times, quantities, place_mentions, actor_mentions
    claims: list[dict[str, Any]]
    links: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # as `mentions`, and claim_actors


def document_rows(
    document: Document, data: dict[str, Any], actor: ActorLookup, place: PlaceLookup, ingested_at: datetime
) -> DocumentRows:
    """The document with every mention and claim of its claims JSON, as rows.

    Raises ValueError when a claim lists a quantity, place or time that is not among the document's mentions.
    """
    doc_id = document.id
    row = {
        "id": doc_id,
        "title": document.title,
        "url": document.url,
        "outlet": document.outlet,
        "published": document.published.isoformat() if document.published else None,
        "published_precision": document.published_precision,
        "language": document.language,
        "kind": document.kind,
        "text": document.text,
        "origin": document.origin,
        "meta": dict(document.meta),
        "ingested_at": ingested_at,
    }
    own = {"document_id": doc_id}
    times = [
        {**own, "position": i, **_span(t), "value": t.get("value"), "precision": t.get("precision")}
        for i, t in enumerate(data.get("times") or [])
    ]
    quantities = [
        {
            **own,
            "position": i,
            **_span(q),
            "value": q["value"],
            "low": q.get("low"),
            "high": q.get("high"),
            "qualifier": q["qualifier"],
            "unit": q.get("unit"),
            "subject": q.get("subject"),
            "vague": vague,
        }
        for i, (q, vague) in enumerate(_figures(data))
    ]
    places = [
        {
            **own,
            "position": i,
            **_span(p),
            "geonames_id": place(p),
            "name": p.get("name"),
            "lat": p.get("lat"),
            "lon": p.get("lon"),
            "country": p.get("country"),
            "feature": p.get("feature"),
            "precision": p["precision"],
            "admin1": p.get("admin1"),
            "dateline": p.get("role") == "dateline",
        }
        for i, p in enumerate(data.get("places") or [])
    ]
    actors = [
        {**own, "position": i, **_span(a), "actor_id": actor(a), "kind": a.get("kind"), "country": a.get("country")}
        for i, a in enumerate(data.get("actors") or [])
    ]
    rows = DocumentRows(row, {"times": times, "quantities": quantities, "place_mentions": places,
                              "actor_mentions": actors}, [],
                        {"times": [], "quantities": [], "place_mentions": [], "claim_actors": []})
    # A claim's mention is the document's first at the same offsets (a claim's lists repeat the document's).
    offsets = {name: {(m["start"], m["end"]): i for i, m in reversed(list(enumerate(rows.mentions[name])))}
               for name in ("quantities", "place_mentions")}
    published = document.published_iso()
    for i, claim in enumerate(data.get("claims") or []):
        rows.claims.append(claim_row(i, claim, doc_id, actor, published))
        _claim_links(rows, claim, offsets, actor)
    ids = [claim["id"] for claim in rows.claims]
    if len(set(ids)) != len(ids):
        raise ValueError("two claims share an id: " + ", ".join(sorted({i for i in ids if ids.count(i) > 1})))
    return rows


def claim_row(
    position: int, claim: dict[str, Any], document_id: str, actor: ActorLookup, published: str | None
) -> dict[str, Any]:
    """One claim's columns."""
    source = claim.get("source")
    cue_span = claim.get("cue_span")
    content = claim["content"]
    dated_from, dated_to = day_interval(claim.get("asserted_on") or published)
    return {
        "id": claim["id"],
        "document_id": document_id,
        "position": position,
        "source_text": source["text"] if source else None,
        "source_start": source["start"] if source else None,
        "source_end": source["end"] if source else None,
        "source_actor_id": actor(source) if source else None,
        "source_kind": source.get("kind") if source else None,
        "source_country": source.get("country") if source else None,
        "cue": claim.get("cue"),
        "cue_text": cue_span["text"] if cue_span else None,
        "cue_start": cue_span["start"] if cue_span else None,
        "cue_end": cue_span["end"] if cue_span else None,
        "channel": claim.get("channel"),
        "asserted_on": claim.get("asserted_on"),
        "dated_from": dated_from,
        "dated_to": dated_to,
        "content_text": content["text"],
        "content_start": content["start"],
        "content_end": content["end"],
        "content_parts": content.get("parts"),
        "modality": claim["modality"],
        "event": claim.get("event"),
    }


def _claim_links(rows: DocumentRows, claim: dict[str, Any], offsets: dict[str, dict[tuple[int, int], int]],
                 actor: ActorLookup) -> None:
    """The link rows of one claim to its actors and to the document's mentions its JSON lists."""
    claim_id = claim["id"]
    rows.links["claim_actors"] += [
        {"claim_id": claim_id, "role": role, "position": i, **_span(a), "actor_id": actor(a), "kind": a.get("kind"),
         "country": a.get("country")}
        for role in RELAY_ROLES
        for i, a in enumerate(claim.get(role) or [])
    ]
    rows.links["quantities"] += [
        {"claim_id": claim_id, "position": i, "quantity_id": _listed(offsets["quantities"], q, claim, "quantity")}
        for i, (q, _) in enumerate(_figures(claim))
    ]
    rows.links["place_mentions"] += [
        {"claim_id": claim_id, "position": i, "place_mention_id": _listed(offsets["place_mentions"], p, claim, "place"),
         "role": p.get("role") or "content"}
        for i, p in enumerate(claim.get("places") or [])
    ]
    rows.links["times"] += [
        {"claim_id": claim_id, "position": i, "time_id": time}
        for i, time in enumerate(_claim_times(claim, rows.mentions["times"]))
    ]


def _figures(item: dict[str, Any]) -> list[tuple[dict[str, Any], bool]]:
    """The quantities of a document's or a claim's JSON, then its vague ones, each with whether it is vague."""
    return [(q, False) for q in item.get("quantities") or []] + [(q, True) for q in item.get("vague_quantities") or []]


def figures(item: dict[str, Any]) -> list[dict[str, Any]]:
    """A claim's or a document's quantities with its vague ones ("hundreds of civilians"), in text order: what
    reconciliation compares and exports list, though the guideline's `quantities` leave vague amounts out."""
    if not item.get("vague_quantities"):
        return item.get("quantities") or []
    return sorted([*(item.get("quantities") or []), *item["vague_quantities"]], key=lambda q: q.get("start") or 0)


def _span(item: dict[str, Any]) -> dict[str, Any]:
    return {"text": item["text"], "start": item["start"], "end": item["end"]}


def _listed(mentions: dict[tuple[int, int], int], item: dict[str, Any], claim: dict[str, Any], what: str) -> int:
    """The position of the document's mention at the item's offsets."""
    found = mentions.get((item["start"], item["end"]))
    if found is None:
        raise ValueError(
            f"claim {claim['id']}: {what} {item['text']!r} at {item['start']}-{item['end']} "
            f"is not among the document's {what} mentions"
        )
    return found


def _claim_times(claim: dict[str, Any], times: list[dict[str, Any]]) -> list[int]:
    """The positions of the document's time mentions a claim lists (by text and value: claim times carry no
    offsets). Mentions inside the claim's content are preferred; each mention is used once."""
    content = claim["content"]
    pieces = content.get("parts") or [(content["start"], content["end"])]

    def inside(i: int) -> bool:
        return any(start <= times[i]["start"] and times[i]["end"] <= end for start, end in pieces)

    chosen: list[int] = []
    for item in claim.get("times") or []:
        candidates = [
            i for i, t in enumerate(times)
            if t["text"] == item["text"] and t["value"] == item.get("value") and i not in chosen
        ]
        candidates.sort(key=lambda i: not inside(i))
        if not candidates:
            raise ValueError(f"claim {claim['id']}: time {item['text']!r} is not among the document's time mentions")
        chosen.append(candidates[0])
    return chosen


# No claim's date interval is longer: `day_interval` spans at most a year.
LONGEST_INTERVAL = timedelta(days=366)


def day_interval(iso: str | None) -> tuple[date | None, date | None]:
    """First and last day of an ISO date at any precision (`2024-10-23`, `2024-10`, `2024`); None if not a date."""
    try:
        parts = [int(part) for part in (iso or "").split("-")]
        if len(parts) == 3:
            day = date(*parts)
            return day, day
        if len(parts) == 2:
            year, month = parts
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except ValueError:
        pass
    return None, None


def published_iso(row: DocumentRow) -> str | None:
    """The publication date at its precision (`2024-10-25`, `2024-10`, `2024`), as `Document.published_iso`."""
    published = datetime.fromisoformat(row.published) if row.published else None
    return iso_at_precision(published, row.published_precision)


def utc_iso(moment: datetime) -> str:
    """A naive UTC time stamp of the store as ISO 8601 with its offset, to the second."""
    return moment.replace(tzinfo=UTC).isoformat(timespec="seconds")


def document_header(row: DocumentRow) -> dict[str, Any]:
    """The `document` object of the claims JSON."""
    return {
        "id": row.id,
        "title": row.title,
        "published": published_iso(row),
        "url": row.url,
        "language": row.language,
        "outlet": row.outlet,
        "kind": row.kind,
    }


def claims_json(row: DocumentRow, claims: list[dict[str, Any]], mentions: bool = True) -> dict[str, Any]:
    """The claims JSON of a stored document from its row and its claims' JSON (`claim_from_parts`);
    `mentions=False`: without the lists of every time, place, actor and quantity mention."""
    data: dict[str, Any] = {"document": document_header(row), "claims": claims}
    if mentions:
        data.update(
            times=[time_json(t) for t in row.times],
            places=[place_json(p) for p in row.place_mentions],
            actors=[actor_json(a, a.actor.name if a.actor else None) for a in row.actor_mentions],
            **quantity_lists([(quantity_json(q), q.vague) for q in row.quantities]),
        )
    return data


def claim_from_parts(row: Any, source_actor: str | None, quantities: list[tuple[dict[str, Any], bool]],
                     places: list[dict[str, Any]], times: list[dict[str, Any]],
                     relays: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """One claim as in the claims JSON from its `claims` columns (a result row of `store.pages.claim_select`)
    and its linked mentions, already as JSON (`quantities` as (JSON, vague) pairs, `relays` as (role, actor
    JSON) pairs, in order)."""
    content: dict[str, Any] = {"text": row.content_text, "start": row.content_start, "end": row.content_end}
    if row.content_parts:
        content["parts"] = [list(part) for part in row.content_parts]
    source = None
    if row.source_text is not None:
        source = {
            "text": row.source_text,
            "start": row.source_start,
            "end": row.source_end,
            "actor": source_actor,
            "kind": row.source_kind,
            "country": row.source_country,
        }
    cue_span = None
    if row.cue_text is not None:
        cue_span = {"text": row.cue_text, "start": row.cue_start, "end": row.cue_end}
    claim = {
        "id": row.id,
        "source": source,
        "cue": row.cue,
        "cue_span": cue_span,
        "channel": row.channel,
        "asserted_on": row.asserted_on,
        "content": content,
        "modality": row.modality,
        "event": row.event,
        **quantity_lists(quantities),
        "places": places,
        "times": times,
    }
    for role in RELAY_ROLES:  # most claims have no relays: no filtering then
        claim[role] = [actor for r, actor in relays if r == role] if relays else []
    return claim


def time_json(row: TimeRow) -> dict[str, Any]:
    return {"text": row.text, "start": row.start, "end": row.end, "value": row.value, "precision": row.precision}


def quantity_lists(quantities: list[tuple[dict[str, Any], bool]]) -> dict[str, list[dict[str, Any]]]:
    """`quantities` and `vague_quantities` of the claims JSON from (quantity JSON, vague) pairs in order."""
    plain: list[dict[str, Any]] = []
    vague: list[dict[str, Any]] = []
    for quantity, is_vague in quantities:
        (vague if is_vague else plain).append(quantity)
    return {"quantities": plain, "vague_quantities": vague}


def quantity_json(row: QuantityRow) -> dict[str, Any]:
    return {
        "text": row.text,
        "start": row.start,
        "end": row.end,
        "value": _number(row.value),
        "low": _number(row.low),
        "high": _number(row.high),
        "qualifier": row.qualifier,
        "unit": row.unit,
        "subject": row.subject,
    }


def place_json(row: PlaceMentionRow) -> dict[str, Any]:
    """A place mention as extraction gave it; a dateline's place ("CAIRO, Aug 15 (Reuters) -") has `role`
    "dateline"."""
    return {
        **({"role": "dateline"} if row.dateline else {}),
        "text": row.text,
        "start": row.start,
        "end": row.end,
        "name": row.name,
        "lat": row.lat,
        "lon": row.lon,
        "geonames_id": row.geonames_id,
        "country": row.country,
        "feature": row.feature,
        "precision": row.precision,
        "admin1": row.admin1,
    }


def actor_json(row: ActorMentionRow | ClaimActorRow | Any, actor: str | None) -> dict[str, Any]:
    """An actor mention with the canonical name of the actor it resolved to."""
    return {
        "text": row.text,
        "start": row.start,
        "end": row.end,
        "actor": actor,
        "kind": row.kind,
        "country": row.country,
    }


def _number(value: float | None) -> int | float | None:
    """Whole numbers as int, as the extractor prints them (12000, not 12000.0)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
