"""Read access to the gazetteer index: candidates by name, entries by id or code."""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from claimscope.geo.build import ALIAS, ALTERNATE, NAME, STEM, PlaceRow, build_index
from claimscope.geo.names import name_key

__all__ = ["ALIAS", "ALTERNATE", "NAME", "STEM", "Entry", "Gazetteer", "gazetteer"]

_COLUMNS = ", ".join(f"p.{f.name}" for f in fields(PlaceRow))


@dataclass(frozen=True, slots=True)
class Entry(PlaceRow):
    """A gazetteer entry; `kind` says how the looked-up name matched it (NAME, ALIAS, ALTERNATE or STEM)."""

    kind: int = NAME

    @property
    def is_country(self) -> bool:
        return self.feature.startswith("PCL")

    @property
    def is_admin1(self) -> bool:
        return self.feature == "ADM1"

    @property
    def is_settlement(self) -> bool:
        return self.feature.startswith("PPL")


class Gazetteer:
    """The compiled index, opened read-only; lookups are cached per name key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._by_key = lru_cache(maxsize=65536)(self._query_key)
        self._by_code = lru_cache(maxsize=4096)(self._query_code)
        self._neighbours: dict[str, frozenset[str]] | None = None

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    def lookup(self, name: str) -> tuple[Entry, ...]:
        """Every entry a name may refer to, most populous first."""
        return self._by_key(name_key(name))

    def _query_key(self, key: str) -> tuple[Entry, ...]:
        rows = self._db.execute(
            f"SELECT {_COLUMNS}, n.kind FROM name n JOIN place p ON p.id = n.place WHERE n.key = ?"
            " ORDER BY p.population DESC, p.id",
            (key,),
        ).fetchall()
        return tuple(Entry(*row) for row in rows)

    def neighbours(self, code: str) -> frozenset[str]:
        """The countries a country borders (ISO alpha-2)."""
        if self._neighbours is None:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'neighbours'").fetchone()
            self._neighbours = {k: frozenset(v) for k, v in json.loads(row[0]).items()} if row else {}
        return self._neighbours.get(code, frozenset())

    def country(self, code: str) -> Entry | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        return self._by_code("country", code)

    def admin1(self, code: str) -> Entry | None:
        """The admin-1 region with this ISO 3166-2 code ("RU-KRS")."""
        return self._by_code("admin1", code)

    def _query_code(self, column: str, code: str) -> Entry | None:
        feature = "PCLI" if column == "country" else "ADM1"
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM place p WHERE p.feature = ? AND p.{column} = ? ORDER BY p.id LIMIT 1",
            (feature, code),
        ).fetchone()
        return Entry(*row) if row else None

    def names(
        self, kinds: tuple[int, ...], features: tuple[str, ...], min_population: int = 0
    ) -> list[tuple[str, Entry]]:
        """(spelling, entry) for every name of the given kinds on entries of the given features and size."""
        rows = self._db.execute(
            f"SELECT n.text, {_COLUMNS}, n.kind FROM name n CROSS JOIN place p ON p.id = n.place"
            f" WHERE n.kind IN ({','.join('?' * len(kinds))}) AND p.feature IN ({','.join('?' * len(features))})"
            " AND p.population >= ? ORDER BY n.key, p.id",
            (*kinds, *features, min_population),
        ).fetchall()
        return [(row[0], Entry(*row[1:])) for row in rows]


_lock = threading.Lock()
_instances: dict[Path, Gazetteer] = {}


def gazetteer() -> Gazetteer:
    """The shared gazetteer, building the index on first use."""
    with _lock:
        path = build_index()
        if path not in _instances:
            _instances[path] = Gazetteer(path)
        return _instances[path]
