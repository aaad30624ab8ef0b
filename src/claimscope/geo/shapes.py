"""Country points from the Natural Earth outlines vendored for the map (world-atlas `countries-110m.json`): the
centroid of each country's largest landmass, computed on an equal-area projection. The source packages ship
no GeoNames point for a country; the middle of its settlements lies off the map's centre for countries with
islands far away (the Azores for Portugal, Alaska for the United States) or settlements along one border
(Canada's south)."""

from __future__ import annotations

import hashlib
import json
import math
from functools import lru_cache
from pathlib import Path

# The one copy of Natural Earth in the package, vendored with the web workspace's map and read here as data.
WORLD_ATLAS = Path(__file__).resolve().parents[1] / "web" / "static" / "world-atlas-2.0.2" / "countries-110m.json"

Point = tuple[float, float]


def atlas_digest() -> str:
    """A digest of the outlines (part of the gazetteer index's version); empty when they are missing."""
    return hashlib.sha256(WORLD_ATLAS.read_bytes()).hexdigest()[:16] if WORLD_ATLAS.is_file() else ""


@lru_cache(maxsize=1)
def country_centroids() -> dict[str, Point]:
    """(lat, lon) of each outlined country's largest landmass, by ISO 3166-1 numeric code ("643" for Russia)."""
    if not WORLD_ATLAS.is_file():
        return {}
    topology = json.loads(WORLD_ATLAS.read_text("utf-8"))
    arcs = _decoded_arcs(topology)
    found: dict[str, Point] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs")], "MultiPolygon": geometry.get("arcs")}.get(geometry["type"])
        if not polygons or geometry.get("id") is None:
            continue
        parts = [_area_centroid(_ring(arcs, polygon[0])) for polygon in polygons]
        largest = max((p for p in parts if p is not None), default=None)
        if largest is not None:
            found[str(geometry["id"]).zfill(3)] = largest[1]
    return found


def _decoded_arcs(topology: dict) -> list[list[Point]]:
    """Arcs as (lon, lat) points: quantized deltas made absolute, then scaled and translated."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arcs: list[list[Point]], indexes: list[int]) -> list[Point]:
    """A polygon's outer ring from its arcs (a negative index is the arc reversed), its longitudes made
    continuous across the antimeridian."""
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    longitudes = [lon for lon, _ in points]
    if longitudes and max(longitudes) - min(longitudes) > 180:
        points = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in points]
    return points


def _area_centroid(ring: list[Point]) -> tuple[float, Point] | None:
    """(area, (lat, lon)) of a ring on the cylindrical equal-area projection (y = sin lat), so that high
    latitudes do not weigh more than they cover."""
    projected = [(lon, math.sin(math.radians(lat))) for lon, lat in ring]
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(projected, projected[1:] + projected[:1]):
        cross = x0 * y1 - x1 * y0
        area, cx, cy = area + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    if not area:
        return None
    area /= 2
    lat = math.degrees(math.asin(max(-1.0, min(1.0, cy / (6 * area)))))
    lon = cx / (6 * area)
    return abs(area), (round(lat, 5), round(lon - 360 if lon > 180 else lon, 5))
