"""Country points from the Natural Earth outlines vendored for the map (world-atlas `countries-110m.json`): the
centroid of each country's largest landmass, computed on an equal-area projection. The source packages ship
no GeoNames point for a country; the middle of its settlements lies off the map's centre for countries with
islands far away (the Azores for Portugal, Alaska for the United States) or settlements along one border
(Canada's south). An admin-1 region's point is the centroid of its share of the country's outline, each
cell of a grid over the outline given to the region of the nearest settlement: settlements crowd the south of
Ontario or the coast of Queensland, the region's territory does not."""

from __future__ import annotations

import hashlib
import json
import math
from functools import lru_cache
from pathlib import Path

import numpy

# The one copy of Natural Earth in the package, vendored with the web workspace's map and read here as data.
WORLD_ATLAS = Path(__file__).resolve().parents[1] / "web" / "static" / "world-atlas-2.0.2" / "countries-110m.json"

Point = tuple[float, float]

# The grid over a country's outline that admin-1 territories are measured on (degrees), and the least number of
# cells a region must cover for its territory to place it better than the extent of its settlements.
GRID_STEP = 0.5
MIN_CELLS = 4


def atlas_digest() -> str:
    """A digest of the outlines (part of the gazetteer index's version); empty when they are missing."""
    return hashlib.sha256(WORLD_ATLAS.read_bytes()).hexdigest()[:16] if WORLD_ATLAS.is_file() else ""


@lru_cache(maxsize=1)
def country_centroids() -> dict[str, Point]:
    """(lat, lon) of each outlined country's largest landmass, by ISO 3166-1 numeric code ("643" for Russia)."""
    found: dict[str, Point] = {}
    for code, rings in _outlines().items():
        parts = [_area_centroid(ring) for ring in rings]
        largest = max((p for p in parts if p is not None), default=None)
        if largest is not None:
            found[code] = largest[1]
    return found


def region_centroids(country: str, settlements: list[tuple[float, float, str]]) -> dict[str, Point]:
    """(lat, lon) of the territory of each admin-1 region of an outlined country (ISO numeric code), from its
    settlements as (lat, lon, region code): the area-weighted centre of the grid cells whose nearest settlement
    lies in the region. Regions covering fewer than MIN_CELLS cells are left out."""
    rings = _outlines().get(country)
    if not rings or not settlements:
        return {}
    lats, lons = [], []
    for ring in rings:
        lat, lon = _cells_inside(ring)
        lats.append(lat)
        lons.append(lon)
    cells = _unit(numpy.concatenate(lats), numpy.concatenate(lons))
    towns = _unit(numpy.array([s[0] for s in settlements]), numpy.array([s[1] for s in settlements]))
    regions = numpy.array([s[2] for s in settlements])
    nearest = numpy.concatenate([numpy.argmax(cells[i:i + 2048] @ towns.T, axis=1)
                                 for i in range(0, len(cells), 2048)]) if len(cells) else numpy.array([], int)
    owners = regions[nearest]
    found: dict[str, Point] = {}
    for region in numpy.unique(owners).tolist():
        mine = cells[owners == region]
        if len(mine) >= MIN_CELLS:
            # each cell weighs as its area, cos lat, the grid being regular in degrees
            x, y, z = (mine * numpy.sqrt(1 - mine[:, 2:] ** 2)).sum(axis=0)
            found[region] = (round(math.degrees(math.atan2(z, math.hypot(x, y))), 5),
                             round(math.degrees(math.atan2(y, x)), 5))
    return found


@lru_cache(maxsize=1)
def _outlines() -> dict[str, list[list[Point]]]:
    """The outer rings of each outlined country's polygons as (lon, lat) points, by ISO 3166-1 numeric code."""
    if not WORLD_ATLAS.is_file():
        return {}
    topology = json.loads(WORLD_ATLAS.read_text("utf-8"))
    arcs = _decoded_arcs(topology)
    found: dict[str, list[list[Point]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs")], "MultiPolygon": geometry.get("arcs")}.get(geometry["type"])
        if polygons and geometry.get("id") is not None:
            found[str(geometry["id"]).zfill(3)] = [_ring(arcs, polygon[0]) for polygon in polygons]
    return found


def _cells_inside(ring: list[Point]) -> tuple[numpy.ndarray, numpy.ndarray]:
    """(lats, lons) of the centres of the GRID_STEP cells inside a ring (even-odd rule)."""
    xs, ys = numpy.array([p[0] for p in ring]), numpy.array([p[1] for p in ring])
    grid_x = numpy.arange(math.floor(xs.min() / GRID_STEP) * GRID_STEP + GRID_STEP / 2, xs.max(), GRID_STEP)
    grid_y = numpy.arange(math.floor(ys.min() / GRID_STEP) * GRID_STEP + GRID_STEP / 2, ys.max(), GRID_STEP)
    x, y = (a.ravel() for a in numpy.meshgrid(grid_x, grid_y))
    inside = numpy.zeros(len(x), bool)
    for x0, y0, x1, y1 in zip(xs, ys, numpy.roll(xs, -1), numpy.roll(ys, -1)):
        if y0 != y1:
            crosses = (y0 > y) != (y1 > y)
            inside ^= crosses & (x < x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    return y[inside], x[inside]


def _unit(lat: numpy.ndarray, lon: numpy.ndarray) -> numpy.ndarray:
    """Unit vectors of points on the sphere, one row each."""
    lat, lon = numpy.radians(lat), numpy.radians(lon)
    return numpy.stack([numpy.cos(lat) * numpy.cos(lon), numpy.cos(lat) * numpy.sin(lon), numpy.sin(lat)], axis=-1)


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
