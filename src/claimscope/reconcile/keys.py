"""What a topic measures (its key and label) and a claim's place in it (a membership), with their JSON."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Iterable
from typing import Any

from claimscope.reconcile import counting, lexicon, nouns
from claimscope.reconcile.records import ClaimRecord, Interval

PRESENCE = counting.PRESENCE
NONE_PRESENT = Interval(0, 0)
SOME_PRESENT = Interval(1, None)


@dataclass(frozen=True)
class TopicKey:
    """What a topic measures: `measure` of `affiliation` in `scope` (a country), in `state`."""

    measure: str
    state: str
    affiliation: str | None
    scope: str | None
    period: str | None = None  # "increment", "total", "period", "event:DAY" or "unquantified": not a standing count
    region: str | None = None  # a place inside the scope the figure counts at ("Kursk Oblast")
    population: str | None = None  # the kind of people, where one claim counts kinds apart ("civilians")

    @property
    def id(self) -> str:
        """Stable across runs, so user edits keyed on it survive re-ingestion."""
        parts = [self.measure, self.state, self.affiliation or "-", self.scope or "-"]
        text = "|".join(parts + ([self.period] if self.period else []) + ([f"@{self.region}"] if self.region else [])
                        + ([f"#{self.population}"] if self.population else []))
        return hashlib.sha256(text.encode()).hexdigest()[:10]

    def label(self, noun: str | None = None) -> str:
        """A readable label: "North Korean personnel in combat in Russia", with the kind of people its members
        count (`noun`: "civilians killed in Sudan") where they name one (`claimscope.reconcile.nouns`)."""
        spec = lexicon.load("topics")
        parts = [lexicon.adjective(self.affiliation), nouns.word(self.measure, self.population or noun)]
        if self.state != PRESENCE:
            parts.append(spec["states"][self.state]["label"])
        if self.period == "increment":
            parts.insert(0, "additional")
        if self.region:
            parts.append(f"in {region_name(self.region)}" + (f", {country_name(self.scope)}" if self.scope else ""))
        elif self.scope:
            parts.append(f"in {country_name(self.scope)}")
        if self.period == "period":
            parts.append("(in a bounded period)")
        elif self.period == "total":
            parts.append("(in total, all phases)")
        elif self.period == "unquantified":
            parts.append("(no figure)")
        elif self.period and self.period.startswith("event:"):
            parts.append(f"(one event, {self.period[6:]})")
        return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class Membership:
    """A claim's place in a topic: the interval it gives at the topic's scope, and how that was derived."""

    claim: ClaimRecord
    key: TopicKey
    interval: Interval  # at the topic's scope
    stated: Interval  # as the claim states it, at its own scope
    value: float | None  # the figure stated, if any
    scope_place: str | None  # the narrower place the claim speaks of, if any
    denied: bool  # the source denies the proposition (interval is what it denies)
    derivation: str  # one line: how the interval follows from the text
    derived: bool = False  # a sum or difference of figures the claim states, not a figure it states
    noun: str | None = None  # the kind of people counted ("civilians"), when the counted noun names one


@lru_cache(maxsize=None)
def region_name(key: str) -> str:
    """"Kursk Oblast" for RU-KRS (the gazetteer's admin-1 name); other keys are names already."""
    from claimscope.geo.gazetteer import gazetteer

    entry = gazetteer().admin1(key) if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", key) else None
    return entry.name if entry else key


@lru_cache(maxsize=None)
def country_name(code: str) -> str:
    """"Russia" for RU: the gazetteer's name of the country, which places show too ("Palestinian territories")."""
    from claimscope.geo.gazetteer import gazetteer

    entry = gazetteer().country(code)
    return entry.name if entry else code


def added_membership(claim: ClaimRecord, key: TopicKey) -> Membership:
    """The membership an analyst's add-to-topic makes: the claim's first figure, else presence."""
    count = claim.counts[0] if claim.counts else None
    interval = count.interval if count else SOME_PRESENT
    return Membership(claim, key, interval, interval, count.value if count else None, None,
                      claim.modality == "denied", "added by the analyst")


def raw_labels(members: Iterable[tuple[str, dict[str, Any] | TopicKey, str | None]]) -> list[tuple[str, str]]:
    """(computed topic id, label) per membership of (computed topic id, key, noun): each computed topic's label
    names the kind of people its members agree on (`nouns.joined`), so every member of it carries the same."""
    members = [(raw, key if isinstance(key, TopicKey) else TopicKey(**key), noun) for raw, key, noun in members]
    by_raw: dict[str, list[str | None]] = {}
    for raw, _, noun in members:
        by_raw.setdefault(raw, []).append(noun)
    joined = {raw: nouns.joined(found) for raw, found in by_raw.items()}
    return [(raw, key.label(joined[raw])) for raw, key, _ in members]


def membership_kind(m: Membership) -> str:
    """figure (a number for the topic's quantity), presence (the proposition without a usable number),
    denial (the source rejects it) or forecast (the source predicts it)."""
    if m.denied:
        return "denial"
    if m.claim.modality == "speculative":
        return "forecast"
    return "figure" if m.value is not None else "presence"


def membership_json(m: Membership) -> dict[str, Any]:
    """A membership without its claim, as plain JSON (the store keeps the claim record apart)."""
    return {"key": dataclasses.asdict(m.key), "label": m.key.label(m.noun),
            "interval": [m.interval.low, m.interval.high], "stated": [m.stated.low, m.stated.high], "value": m.value,
            "scope_place": m.scope_place, "denied": m.denied, "derivation": m.derivation, "derived": m.derived,
            "noun": m.noun}


def membership_from(data: dict[str, Any], claim: ClaimRecord) -> Membership:
    """The membership `membership_json` wrote, joined to its claim."""
    return Membership(claim, TopicKey(**data["key"]), Interval(*data["interval"]), Interval(*data["stated"]),
                      data["value"], data["scope_place"], data["denied"], data["derivation"], data.get("derived", False),
                      data.get("noun"))
