"""STIX 2.1: a bundle of Reports (documents), Identities (outlets, claimants), Notes (claims), Locations
(places) and Groupings (topics), written object by object; the claim's details in a property extension."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

from claimscope.export.mapping import MAPPING, place_metres
from claimscope.export.reconciled import Grading, Reconciliation
from claimscope.store.records import day_interval

_STIX = MAPPING["stix"]
NAMESPACE = uuid.UUID(_STIX["namespace"])
EPOCH = _STIX["epoch"]
CONFIDENCE: dict[str, int] = {str(k): v for k, v in _STIX["confidence"].items()}


def stix_id(kind: str, key: str) -> str:
    """The deterministic id of an object: UUIDv5 of its kind and key, so re-exports give the same ids."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}|{key}')}"


TOOL_ID = stix_id("identity", "claimscope")
EXTENSION_ID = stix_id("extension-definition", "claimscope-claim")


def bundle(documents: Iterator[dict[str, Any]], reconciliation: Reconciliation) -> Iterator[str]:
    """The STIX 2.1 bundle of the documents' claims as JSON text, in chunks; the bundle id (last member)
    is derived from the ids of the objects it holds."""
    ids = hashlib.sha256()
    topics: dict[str, list[str]] = defaultdict(list)  # topic id -> note ids exported, for the groupings
    seen: set[str] = set()  # shared objects (identities, locations) already written
    first = True

    def emit(objects: list[dict[str, Any]]) -> str:
        nonlocal first
        if not objects:
            return ""
        for o in objects:
            ids.update(o["id"].encode())
        text = ("" if first else ",\n") + ",\n".join(json.dumps(o, ensure_ascii=False, sort_keys=True)
                                                     for o in objects)
        first = False
        return text

    yield '{"type": "bundle", "objects": [\n'
    yield emit([_tool(), _extension_definition()])
    for data in documents:
        shared, own = _document_objects(data, reconciliation, topics)
        fresh = [o for o in _unique(shared) if o["id"] not in seen]
        seen.update(o["id"] for o in fresh)
        yield emit([*fresh, *_unique(own)])
    groupings = [_grouping(reconciliation.topics[t], notes) for t, notes in sorted(topics.items())]
    if groupings:
        yield emit(groupings)
    yield f'\n], "id": "bundle--{uuid.uuid5(NAMESPACE, ids.hexdigest())}"}}\n'


def _unique(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list({o["id"]: o for o in objects}.values())


def _document_objects(data: dict[str, Any], reconciliation: Reconciliation, topics: dict[str, list[str]]
                      ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The objects of one document: shared ones (its outlet, resolved claimants, places), kept once per bundle,
    and its own (claimants known only by their words there, the Report, a Note per claim)."""
    document = data["document"]
    created = _timestamp(document["ingested_at"])
    report_id = stix_id("report", document["id"])
    shared: list[dict[str, Any]] = []
    own: list[dict[str, Any]] = []
    outlet = _identity(document["outlet"], "organization", None) if document.get("outlet") else None
    if outlet:
        shared.append(outlet)
    notes = []
    for claim in data["claims"]:
        claimant = _claimant(claim, document["id"])
        places = [p for p in (_location(place) for place in claim["places"]) if p]
        gradings = reconciliation.of(claim["id"])
        note = _note(claim, created, report_id, claimant, places, gradings)
        for topic_id in dict.fromkeys(g.topic_id for g in gradings):
            topics[topic_id].append(note["id"])
        if claimant:
            (shared if claim["source"].get("actor") else own).append(claimant)
        shared += places
        notes.append(note)
    report = _object("report", report_id, created, {
        "name": document.get("title") or " ".join(filter(None, [document.get("outlet"), document.get("published")]))
        or document["id"],
        "published": _timestamp(document.get("published") or document["ingested_at"], milliseconds=False),
        "object_refs": [n["id"] for n in notes],
        "external_references": [_compact({"source_name": document.get("outlet") or "claimscope",
                                          "url": document.get("url"), "external_id": document["id"]})],
        **({"created_by_ref": outlet["id"]} if outlet else {}),
    }, {"document_id": document["id"], "published": document.get("published"), "kind": document.get("kind"),
        "language": document.get("language")})
    return shared, [*own, report, *notes]


def _note(claim: dict[str, Any], created: str, report_id: str, claimant: dict[str, Any] | None,
          places: list[dict[str, Any]], gradings: list[Grading]) -> dict[str, Any]:
    source = claim.get("source")
    best = gradings[0] if gradings else None
    properties: dict[str, Any] = {
        "content": claim["content"]["text"],
        "object_refs": list(dict.fromkeys([*([claimant["id"]] if claimant else []), *(p["id"] for p in places),
                                           report_id])),
        "created_by_ref": TOOL_ID,
    }
    if claimant:
        properties["authors"] = [claimant["name"]]
        properties["abstract"] = " ".join(filter(None, [source["text"], (claim.get("cue_span") or {}).get("text")]))
    if best and best.credibility in CONFIDENCE:
        properties["confidence"] = CONFIDENCE[best.credibility]
    details = {
        "claim_id": claim["id"], "modality": claim["modality"], "event": claim.get("event"),
        "asserted_on": claim.get("asserted_on"), "cue": claim.get("cue"), "cue_span": claim.get("cue_span"),
        "channel": claim.get("channel"), "source": source, "content_span": claim["content"],
        "quantities": claim["quantities"], "vague_quantities": claim.get("vague_quantities") or [],
        "times": claim["times"], "relayed_by": claim.get("relayed_by"),
        "cites": claim.get("cites"),
        "origin": best.origin if best else None,
        "reliability": best.reliability if best else None,
        "reliability_reason": best.reliability_reason if best else None,
        "credibility": best.credibility if best else None,
        "credibility_reason": best.credibility_reason if best else None,
        "topics": [g.to_json() for g in gradings],
    }
    return _object("note", stix_id("note", claim["id"]), created, properties, details)


def _claimant(claim: dict[str, Any], document_id: str) -> dict[str, Any] | None:
    """The Identity of a claim's source: one per resolved actor, else one per source words in the document."""
    source = claim.get("source")
    if not source:
        return None
    kind = source.get("kind")
    identity_class = _STIX["identity_class"].get(kind, _STIX["default_identity_class"])
    if source.get("actor"):
        return _identity(source["actor"], identity_class, {"kind": kind, "country": source.get("country")})
    return _identity(source["text"], identity_class, {"kind": kind, "country": source.get("country")},
                     key=f"{document_id}|{source['text']}")


def _identity(name: str, identity_class: str, details: dict[str, Any] | None,
              key: str | None = None) -> dict[str, Any]:
    return _object("identity", stix_id("identity", key or name), EPOCH,
                   {"name": name, "identity_class": identity_class}, details)


def _location(place: dict[str, Any]) -> dict[str, Any] | None:
    """A Location for a claim's place: a point with its precision in metres, else its country; None if neither."""
    has_point = place.get("lat") is not None and place.get("lon") is not None
    if not has_point and not place.get("country"):
        return None
    key = (f"geonames:{place['geonames_id']}" if place.get("geonames_id") is not None
           else f"{place.get('name')}|{place.get('country')}|{place.get('lat')}|{place.get('lon')}")
    properties: dict[str, Any] = {"name": place.get("name") or place["text"]}
    if has_point:
        properties.update(latitude=place["lat"], longitude=place["lon"])
        metres = place_metres(place.get("precision"))
        if metres is not None:
            properties["precision"] = float(metres)
    if place.get("country"):
        properties["country"] = place["country"]
    if place.get("admin1"):
        properties["administrative_area"] = place["admin1"]
    return _object("location", stix_id("location", key), EPOCH, properties, {
        "place_precision": place.get("precision"), "geonames_id": place.get("geonames_id"),
        "feature": place.get("feature"),
    })


def _grouping(topic: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    return _object("grouping", stix_id("grouping", topic["id"]), EPOCH, {
        "name": topic["label"], "context": "unspecified", "object_refs": notes, "created_by_ref": TOOL_ID,
        "description": f"claimscope topic {topic['id']}: {len(notes)} claims exported; the topic's "
                       f"{topic['claims']} figures come from {topic['origins']} independent origins",
    }, {"topic_id": topic["id"], "figures": topic["claims"], "origins": topic["origins"],
        "growth": topic.get("growth")})


def _tool() -> dict[str, Any]:
    return _object("identity", TOOL_ID, EPOCH, {"name": "claimscope", "identity_class": "system"}, None)


def _extension_definition() -> dict[str, Any]:
    spec = _STIX["extension"]
    return _object("extension-definition", EXTENSION_ID, EPOCH, {
        "name": spec["name"], "description": " ".join(spec["description"].split()), "schema": spec["schema"],
        "version": spec["version"], "extension_types": ["property-extension"], "created_by_ref": TOOL_ID,
    }, None)


def _object(kind: str, object_id: str, created: str, properties: dict[str, Any],
            details: dict[str, Any] | None) -> dict[str, Any]:
    """A STIX object; `details` go in claimscope's property extension (nulls and empty lists left out)."""
    obj = {"type": kind, "spec_version": "2.1", "id": object_id, "created": created, "modified": created,
           **properties}
    details = _compact(details or {})
    if details:
        obj["extensions"] = {EXTENSION_ID: {"extension_type": "property-extension", **details}}
    return obj


def _compact(value: Any) -> Any:
    """Without null members and empty lists or objects, which STIX forbids."""
    if isinstance(value, dict):
        items = ((k, _compact(v)) for k, v in value.items())
        return {k: v for k, v in items if v is not None and v != [] and v != {}}
    if isinstance(value, list):
        return [_compact(v) for v in value if v is not None]
    return value


def _timestamp(iso: str, milliseconds: bool = True) -> str:
    """A STIX timestamp (UTC) for an ISO date at any precision or an ISO date-time in UTC; with milliseconds,
    as `created` and `modified` are written, else to the second."""
    if "T" in iso:
        moment = iso.replace("+00:00", "").rstrip("Z").split(".")[0]
    else:
        moment = f"{(day_interval(iso)[0] or date(1970, 1, 1)).isoformat()}T00:00:00"
    return f"{moment}.000Z" if milliseconds else f"{moment}Z"
