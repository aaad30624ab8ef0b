"""GeoJSON (RFC 7946): a Feature per claim place, longitude first, with the claim's source, date, modality,
interval, topics and the place's precision as an uncertainty radius; vague places left out and counted."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

from claimscope.export.mapping import MAPPING, place_metres
from claimscope.export.reconciled import Reconciliation
from claimscope.export.selection import claim_date, claims, source_name
from claimscope.reconcile.records import Interval
from claimscope.store.records import figures

LEFT_OUT = frozenset(MAPPING["geojson_left_out"])


def feature_collection(documents: Iterator[dict[str, Any]], reconciliation: Reconciliation) -> Iterator[str]:
    """The FeatureCollection as JSON text in chunks; its foreign member `claimscope` counts the features and
    the places left out, by reason (no coordinates, or too vague a precision)."""
    left_out: Counter[str] = Counter()
    written = 0
    yield '{"type": "FeatureCollection", "features": [\n'
    for document, claim in claims(documents):
        for position, place in enumerate(claim["places"]):
            reason = _left_out(place)
            if reason:
                left_out[reason] += 1
                continue
            feature = _feature(document, claim, position, place, reconciliation)
            yield ("" if not written else ",\n") + json.dumps(feature, ensure_ascii=False)
            written += 1
    summary = {"features": written, "left_out": dict(sorted(left_out.items()))}
    yield f'\n], "claimscope": {json.dumps(summary)}}}\n'


def _left_out(place: dict[str, Any]) -> str | None:
    if place.get("lat") is None or place.get("lon") is None:
        return "no_coordinates"
    return place.get("precision") if place.get("precision") in LEFT_OUT else None


def _feature(document: dict[str, Any], claim: dict[str, Any], position: int, place: dict[str, Any],
             reconciliation: Reconciliation) -> dict[str, Any]:
    when, is_publication = claim_date(document, claim)
    amounts = figures(claim)
    first = amounts[0] if amounts else None
    source = claim.get("source") or {}
    return {
        "type": "Feature",
        "id": f"{claim['id']}:{position}",
        "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
        "properties": {
            "claim_id": claim["id"], "document_id": document["id"],
            "source": source_name(claim), "source_text": source.get("text"), "actor": source.get("actor"),
            "date": when, "date_is_publication": is_publication,
            "modality": claim["modality"], "event": claim.get("event"), "cue": claim.get("cue"),
            "channel": claim.get("channel"),
            "interval": "; ".join(_interval(q) for q in amounts) or None,
            "low": first and first.get("low"), "best": first and first.get("value"),
            "high": first and first.get("high"), "unit": first and first.get("unit"),
            "topic_ids": list(dict.fromkeys(g.topic_id for g in reconciliation.of(claim["id"]))),
            "place": place.get("name") or place["text"], "place_text": place["text"],
            "place_role": place.get("role"), "country": place.get("country"),
            "geonames_id": place.get("geonames_id"), "precision": place.get("precision"),
            "uncertainty_m": place_metres(place.get("precision")),
            "outlet": document.get("outlet"), "document_url": document.get("url"),
            "content": claim["content"]["text"],
        },
    }


def _interval(quantity: dict[str, Any]) -> str:
    """"10,800–13,200 soldier", "≥3,000 soldier": the quantity as an interval with its unit."""
    low, high = quantity.get("low"), quantity.get("high")
    if low is None and high is None:
        low = high = quantity["value"]
    return " ".join(filter(None, [str(Interval(low, high)), quantity.get("unit")]))
