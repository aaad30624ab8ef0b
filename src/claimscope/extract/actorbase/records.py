"""The actor base's records: actors and their titles as read from data/actors.yml, checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

KINDS = frozenset(
    {
        "state",
        "government",
        "agency",
        "military unit",
        "person",
        "media outlet",
        "international organisation",
        "think tank",
        "non-governmental organisation",
    }
)
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Title:
    """A role an actor holds, valid from `start` to `end` inclusive (None: open)."""

    title: str
    start: date | None = None
    end: date | None = None

    def valid_on(self, day: date | None) -> bool:
        """True when the title is held on `day` (any day when `day` is None)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Actor:
    """A known actor. `parent` is the canonical name of the body it belongs to; `generated` marks the actors
    made from data/states.yml."""

    name: str
    kind: str
    country: str | None
    parent: str | None
    aliases: tuple[str, ...]
    titles: tuple[Title, ...] = ()
    gender: str | None = None  # persons: m or f, for "he" / "she"
    generated: bool = False


@dataclass(frozen=True)
class Entry:
    """One way a key names an actor."""

    actor: str
    how: str  # alias, title, body, metonym
    title: Title | None = None


def actor_from_record(record: dict[str, Any], raw: dict[str, dict[str, Any]]) -> Actor:
    """The actor of one record of data/actors.yml (`raw`: every record by name, for the country of its parents),
    checked: a known kind, an ISO country, m or f, dates."""
    name = record["name"]
    kind = record.get("kind")
    if kind not in KINDS:
        raise ValueError(f"actor base: {name}: unknown kind {kind!r}")
    country = record.get("country")
    seen = {name}
    parent = record.get("parent")
    while country is None and parent in raw and parent not in seen:
        seen.add(parent)
        country = raw[parent].get("country")
        parent = raw[parent].get("parent")
    if country is not None and not _COUNTRY_CODE.match(country):
        raise ValueError(f"actor base: {name}: country {country!r} is not ISO 3166-1 alpha-2")
    titles = tuple(
        Title(t["title"], _day(t.get("from"), name), _day(t.get("to"), name)) for t in record.get("titles") or ()
    )
    gender = record.get("gender")
    if gender not in (None, "m", "f"):
        raise ValueError(f"actor base: {name}: gender {gender!r} is not m or f")
    return Actor(
        name,
        kind,
        country,
        record.get("parent"),
        tuple(record.get("aliases") or ()),
        titles,
        gender,
        bool(record.get("generated")),
    )


def _day(value: Any, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise ValueError(f"actor base: {name}: bad date {value!r}") from error
