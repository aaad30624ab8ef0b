"""CSV in the manner of ACLED and UCDP GED: one row per claim × quantity (a claim without one: one row), with
dates and places carrying precision codes; text that a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from claimscope.export.mapping import date_code, place_code
from claimscope.export.reconciled import Grading, Reconciliation
from claimscope.export.selection import claim_date, claims, source_name
from claimscope.store.records import day_interval, figures

# The columns, in order; README "Export" holds their data dictionary.
COLUMNS = (
    "claim_id", "document_id", "quantity_index",
    "event_date", "date_start", "date_end", "date_prec", "date_is_publication",
    "source", "source_text", "actor", "actor_kind", "actor_iso", "cue", "channel", "modality", "event",
    "qualifier", "low", "best", "high", "unit", "subject", "quantity_text",
    "location", "location_iso", "admin1", "latitude", "longitude", "geo_precision", "place_precision",
    "geonames_id", "topic_id", "topic", "origin", "reliability", "credibility", "credibility_reason",
    "outlet", "published", "document_title", "document_url", "notes",
)
# A cell beginning with one of these is run as a formula by spreadsheets (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
UNKNOWN_PRECISION = 99  # ranks a place of unknown precision after every known one


def rows(documents: Iterator[dict[str, Any]], reconciliation: Reconciliation) -> Iterator[str]:
    """The header, then the rows of each document's claims, as CSV text (RFC 4180, UTF-8) in chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for document, claim in claims(documents):
        gradings = reconciliation.of(claim["id"])
        for index, quantity in enumerate(figures(claim) or [None]):
            record = _row(document, claim, index if quantity else None, quantity, gradings)
            writer.writerow([_cell(record[c]) for c in COLUMNS])
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _row(document: dict[str, Any], claim: dict[str, Any], index: int | None, quantity: dict[str, Any] | None,
         gradings: list[Grading]) -> dict[str, Any]:
    when, is_publication = claim_date(document, claim)
    start, end = day_interval(when)
    source = claim.get("source") or {}
    place = _main_place(claim["places"])
    grading = _grading(gradings, quantity)
    claim_grading = grading or (gradings[0] if gradings else None)
    return {
        "claim_id": claim["id"], "document_id": document["id"], "quantity_index": index,
        "event_date": when, "date_start": start and start.isoformat(), "date_end": end and end.isoformat(),
        "date_prec": date_code(when), "date_is_publication": int(is_publication) if when else None,
        "source": source_name(claim), "source_text": source.get("text"), "actor": source.get("actor"),
        "actor_kind": source.get("kind"), "actor_iso": source.get("country"),
        "cue": claim.get("cue"), "channel": claim.get("channel"), "modality": claim["modality"],
        "event": claim.get("event"),
        **_quantity_cells(quantity),
        "location": place and (place.get("name") or place["text"]), "location_iso": place and place.get("country"),
        "admin1": place and place.get("admin1"), "latitude": place and place.get("lat"),
        "longitude": place and place.get("lon"), "geo_precision": place and place_code(place.get("precision")),
        "place_precision": place and place.get("precision"), "geonames_id": place and place.get("geonames_id"),
        "topic_id": grading and grading.topic_id, "topic": grading and grading.topic_label,
        "origin": claim_grading and claim_grading.origin,
        "reliability": claim_grading and claim_grading.reliability,
        "credibility": grading and grading.credibility, "credibility_reason": grading and grading.credibility_reason,
        "outlet": document.get("outlet"), "published": document.get("published"),
        "document_title": document.get("title"), "document_url": document.get("url"),
        "notes": claim["content"]["text"],
    }


def _quantity_cells(quantity: dict[str, Any] | None) -> dict[str, Any]:
    q = quantity or {}
    return {"qualifier": q.get("qualifier"), "low": q.get("low"), "best": q.get("value"), "high": q.get("high"),
            "unit": q.get("unit"), "subject": q.get("subject"), "quantity_text": q.get("text")}


def _main_place(places: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The place a row stands at, as ACLED takes the most specific location: of the places in the content with
    coordinates (else any with coordinates, else any) the most precise, the first of equals."""
    located = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    content = [p for p in located if p.get("role", "content") == "content"]
    candidates = content or located or places
    if not candidates:
        return None
    return min(candidates, key=lambda p: place_code(p.get("precision")) or UNKNOWN_PRECISION)


def _grading(gradings: list[Grading], quantity: dict[str, Any] | None) -> Grading | None:
    """The topic row of this quantity (the topic whose figure it gives); a claim without a figure: its most
    credible topic."""
    if quantity is None:
        return gradings[0] if gradings else None
    return next((g for g in gradings if g.value == quantity["value"]), None)


def _cell(value: Any) -> Any:
    """A value as written: numbers as numbers (a negative number stays one), text starting like a formula
    prefixed with an apostrophe so that spreadsheets show it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
