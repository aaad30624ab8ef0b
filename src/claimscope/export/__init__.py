"""Exports users load elsewhere: STIX 2.1 (OpenCTI, MISP), GeoJSON (QGIS, web maps), CSV in the manner of
ACLED / UCDP GED (spreadsheets, R, pandas) and JSON Lines of the claims JSON (scripts).

    for chunk in stream(store, "csv", source="Kirby", since="2024-10"):
        out.write(chunk)

Every format streams: documents are read from the store a page at a time and written as they come.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from typing import Any, NamedTuple

from claimscope.export import csv, geojson, jsonl, stix
from claimscope.export.reconciled import Reconciliation, reconciliation
from claimscope.export.selection import Filters, documents
from claimscope.store import Store


class MediaType(NamedTuple):
    """How a format is served and saved: its content type and file extension."""

    content_type: str
    extension: str


MEDIA_TYPES: dict[str, MediaType] = {
    "stix": MediaType("application/stix+json;version=2.1", "json"),
    "geojson": MediaType("application/geo+json", "geojson"),
    "csv": MediaType("text/csv; charset=utf-8", "csv"),
    "jsonl": MediaType("application/jsonl", "jsonl"),
}
FORMATS = tuple(MEDIA_TYPES)

Writer = Callable[[Iterator[dict[str, Any]], Reconciliation], Iterator[str]]


@dataclass(frozen=True)
class _Format:
    write: Writer
    reconciled: bool  # reads topics, origins and grades
    mentions: bool  # needs each document's lists of every mention


_FORMATS = {
    "stix": _Format(stix.bundle, reconciled=True, mentions=False),
    "geojson": _Format(geojson.feature_collection, reconciled=True, mentions=False),
    "csv": _Format(csv.rows, reconciled=True, mentions=False),
    "jsonl": _Format(jsonl.lines, reconciled=False, mentions=True),
}


def stream(store: Store, fmt: str, **filters: Any) -> Iterator[str]:
    """The stored claims that pass `filters` (those of `Store.claims`, dates as text or dates, plus `topic`) in
    format `fmt`, as text chunks; an unknown format, filter or date raises ValueError, an unknown document
    StoreError, an unknown topic NotFound, here, before any output. Reads the reconciliation the store holds."""
    if fmt not in _FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: choose from {', '.join(FORMATS)}")
    chosen = Filters.parse(**filters)
    if chosen.document:
        chosen = replace(chosen, document=store.resolve(chosen.document))
    spec = _FORMATS[fmt]
    found = reconciliation(store) if spec.reconciled or chosen.topic else Reconciliation([])
    claim_ids = found.claim_ids(store.resolve_topic(chosen.topic)) if chosen.topic else None
    return spec.write(documents(store, chosen, claim_ids, mentions=spec.mentions), found)


@cache
def _schema_text() -> str:
    return files("claimscope.export").joinpath("data", "claims.schema.json").read_text(encoding="utf-8")


def claims_schema() -> dict[str, Any]:
    """The JSON Schema of the claims JSON (../shared/spec/OUTPUT.md) that each JSON Lines line satisfies."""
    return json.loads(_schema_text())


__all__ = ["FORMATS", "MEDIA_TYPES", "MediaType", "claims_schema", "stream"]
