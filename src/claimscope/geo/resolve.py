"""Toponym resolution: pick the gazetteer entry a mention refers to, by the document's context (countries and
admin-1 regions named elsewhere, in the same sentence, or as a qualifier: "Kazan, Russia"; countries bordering
those), then by prominence."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from claimscope.geo.gazetteer import ALTERNATE, STEM, Entry, Gazetteer

# Prominence: log10 of the population plus a bonus by feature, so that a country beats a town of its name and a
# named region a hamlet; a GeoNames alternate name counts less than a primary name or a curated alias.
FEATURE_BONUS = {"PCLI": 5.0, "CONT": 12.0, "RGN": 12.0, "ADM1": 1.0, "PPLC": 1.0, "PPLA": 0.5}
ALTERNATE_PENALTY = 1.5
# Alternate names of big cities are their exonyms ("Kiev", "New York" for New York City): a smaller penalty.
EXONYM_POPULATION, EXONYM_PENALTY = 1_000_000, 0.5
# Context: the same country in the same sentence, elsewhere in the document (named through a city or region, or
# as a country), the same admin-1 region elsewhere.
SENTENCE_COUNTRY = 3.0
DOCUMENT_COUNTRY_SPECIFIC = 2.5
DOCUMENT_COUNTRY = 1.5
DOCUMENT_ADMIN1 = 2.0
# A country that borders one the document names (Gaza of the Palestinian territories beside Israel, not the
# province of Mozambique): less than the same country.
NEIGHBOUR_COUNTRY = 1.2
# Only settlements this big (or the only candidate of their name) lend their country and region as context, so
# that two wrong hamlets do not vote for each other.
CONTEXT_MIN_POPULATION = 1_000
# Coverage: an admin-1 region where the candidates of the document's other names lie ("Albany", "Decatur" and
# "Gainesville" all have one in Georgia) supports its candidates even before any is chosen; a name votes for each
# region of its candidates by one over their number, so that a name found in every state says little.
COVERAGE = 1.0
COVERAGE_CAP = 3.0
# Only the plausible readings of a name vote and gain votes: settlements this big and a fair share of their
# biggest namesake, a thirtieth (hamlets of a common name would vote everywhere; "Mykolaiv" is the city).
COVERAGE_MIN_POPULATION = 1_000
COVERAGE_RATIO = 30
# In "the X region", a region that is one city (Kyiv City, Moscow as a federal city) is the less likely reading.
CITY_REGION_PENALTY = 2.0


@dataclass
class Mention:
    """A toponym to resolve: `name` is the words to look up, `mode` "any", "admin1" ("the Kursk region") or
    "site" (a settlement, for "the Sergeevka training ground"); `country`/`admin1` restrict it when the text
    qualifies it ("Kazan, Russia", "Alexandria, La.", "Russia's ...")."""

    name: str
    sentence: int
    mode: str = "any"
    country: str | None = None
    admin1: str | None = None
    candidates: tuple[Entry, ...] = field(default=(), repr=False)
    context: bool = True  # whether it lends its country and region to the others


@dataclass
class _Context:
    """Codes supported by the document, each with the name keys of the mentions that support it."""

    sentence: dict[int, dict[str, set[str]]] = field(default_factory=dict)  # sentence -> country -> keys
    specific: dict[str, set[str]] = field(default_factory=dict)  # countries of cities and regions
    countries: dict[str, set[str]] = field(default_factory=dict)  # countries named as such
    admin1: dict[str, set[str]] = field(default_factory=dict)
    coverage: dict[str, dict[str, float]] = field(default_factory=dict)  # admin-1 -> key -> vote


class Resolver:
    """Resolves all toponyms of one document together: first alone, then with the countries found, then with
    every country and region found."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def candidates(self, mention: Mention) -> tuple[Entry, ...]:
        """The entries a mention may refer to under its mode and qualifiers."""
        found = self.gazetteer.lookup(mention.name)
        if mention.mode == "admin1":
            regions = tuple(e for e in found if e.is_admin1)
            found = regions or tuple(e for e in found if e.is_settlement and e.kind != STEM)
        else:
            found = tuple(e for e in found if e.kind != STEM)
            if mention.mode == "site":
                found = tuple(e for e in found if e.is_settlement)
            else:
                seats = {e.geonames_id for e in found if e.is_settlement}
                found = tuple(e for e in found if not (e.is_admin1 and e.seat in seats))
            # A named region without a point ("West Bank") is the admin-1 region of its name and country.
            located = {e.country for e in found if e.is_admin1 and e.lat is not None}
            found = tuple(e for e in found if not (e.feature == "RGN" and e.lat is None and e.country in located))
        for attribute in ("admin1", "country"):
            wanted = getattr(mention, attribute)
            narrowed = tuple(e for e in found if wanted and getattr(e, attribute) == wanted)
            if narrowed:
                return narrowed
        return found

    def resolve(self, mentions: list[Mention], hints: Iterable[str] = ()) -> list[Entry | None]:
        """The best entry for each mention (None where the gazetteer has none); `hints` are countries the
        document speaks of otherwise (demonyms: "North Korean troops"), weighed as country mentions."""
        for mention in mentions:
            mention.candidates = self.candidates(mention)
        coverage = _coverage(mentions)
        first = [self._best(m, _Context(coverage=coverage)) for m in mentions]
        context = self._context(mentions, [e if e is not None and e.is_country else None for e in first], hints)
        context.coverage = coverage
        second = [self._best(m, context) for m in mentions]
        context = self._context(mentions, second, hints)
        context.coverage = coverage
        return self._one_sense([self._best(m, context) for m in mentions], mentions, context)

    def _one_sense(self, entries: list[Entry | None], mentions: list[Mention], context: _Context) -> list[Entry | None]:
        """One place per name in a document: the unqualified mentions of a name take the entry of a qualified one
        ("London, Ont." ... "London"), else the entry with the best score summed over them all."""
        groups: dict[tuple[str, str], list[int]] = {}
        for i, mention in enumerate(mentions):
            if mention.candidates:
                groups.setdefault((mention.name.casefold(), mention.mode), []).append(i)
        for (key, _), members in groups.items():
            free = [i for i in members if mentions[i].country is None and mentions[i].admin1 is None]
            if len(members) < 2 or not free:
                continue
            qualified = [entries[i] for i in members if i not in free and entries[i] is not None]
            choices = set(mentions[free[0]].candidates)
            if qualified and qualified[0] in choices:
                chosen = qualified[0]
            else:
                chosen = max(choices, key=lambda e: (sum(self.score(e, mentions[i], key, context) for i in free),
                                                     -e.id))
            for i in free:
                entries[i] = chosen
        return entries

    def _context(self, mentions: list[Mention], entries: list[Entry | None], hints: Iterable[str]) -> _Context:
        context = _Context()
        for country in hints:
            context.countries.setdefault(country, set()).add("")
        for mention, entry in zip(mentions, entries):
            if entry is None or not mention.context or not self._reliable(entry, mention):
                continue
            key = mention.name.casefold()
            if entry.country:
                context.sentence.setdefault(mention.sentence, {}).setdefault(entry.country, set()).add(key)
                (context.countries if entry.is_country else context.specific).setdefault(entry.country, set()).add(key)
            if entry.admin1:
                context.admin1.setdefault(entry.admin1, set()).add(key)
        return context

    @staticmethod
    def _reliable(entry: Entry, mention: Mention) -> bool:
        """Whether a resolved mention may serve as context for the others."""
        return (not entry.is_settlement or entry.population >= CONTEXT_MIN_POPULATION
                or len(mention.candidates) == 1)

    def _best(self, mention: Mention, context: _Context) -> Entry | None:
        if not mention.candidates:
            return None
        key = mention.name.casefold()
        return max(mention.candidates, key=lambda e: (self.score(e, mention, key, context), -e.id))

    def score(self, entry: Entry, mention: Mention, key: str, context: _Context) -> float:
        """Prominence plus context support of one candidate."""
        value = _prominence(entry)
        if entry.is_settlement:
            # A city stands for the region of its name it is the seat of (`candidates` keeps the city alone):
            # "Gaza" is as prominent as the Gaza Strip, not only as the city, beside Mozambique's Gaza province.
            value = max([value, *(_prominence(e) for e in self.gazetteer.lookup(mention.name)
                                  if e.is_admin1 and e.kind != STEM and e.seat == entry.geonames_id)])
        if mention.mode == "admin1" and entry.is_admin1 and entry.subtype and "city" in entry.subtype.casefold():
            value -= CITY_REGION_PENALTY
        if entry.country:
            if _others(context.sentence.get(mention.sentence, {}), entry.country, key):
                value += SENTENCE_COUNTRY
            if _others(context.specific, entry.country, key):
                value += DOCUMENT_COUNTRY_SPECIFIC
            elif _others(context.countries, entry.country, key):
                value += DOCUMENT_COUNTRY
            elif any(_others(support, other, key) for other in self.gazetteer.neighbours(entry.country)
                     for support in (context.specific, context.countries)):
                value += NEIGHBOUR_COUNTRY
        if entry.admin1 and _others(context.admin1, entry.admin1, key):
            value += DOCUMENT_ADMIN1
        if entry.admin1 and entry.admin1 in context.coverage and _plausible(entry, mention):
            votes = sum(v for k, v in context.coverage[entry.admin1].items() if k != key)
            value += COVERAGE * min(votes, COVERAGE_CAP)
        return value


def _prominence(entry: Entry) -> float:
    """Population and feature of an entry, less for an alternate name (see FEATURE_BONUS)."""
    value = math.log10(entry.population + 10) + FEATURE_BONUS.get(entry.feature, 0.0)
    if entry.kind == ALTERNATE:
        value -= EXONYM_PENALTY if entry.population >= EXONYM_POPULATION else ALTERNATE_PENALTY
    return value


def _plausible(entry: Entry, mention: Mention) -> bool:
    """Whether a candidate is a plausible reading of its name for the coverage vote (see COVERAGE_RATIO)."""
    if not entry.is_settlement:
        return True
    top = max(e.population for e in mention.candidates)
    return entry.population >= max(COVERAGE_MIN_POPULATION, top / COVERAGE_RATIO)


def _coverage(mentions: list[Mention]) -> dict[str, dict[str, float]]:
    """Admin-1 code -> name key -> that name's vote: one over the number of regions its candidates lie in."""
    regions_of: dict[str, set[str]] = {}
    for mention in mentions:
        if not mention.context:
            continue
        regions = {e.admin1 for e in mention.candidates if e.admin1 and not e.is_country and _plausible(e, mention)}
        if regions:
            regions_of.setdefault(mention.name.casefold(), set()).update(regions)
    coverage: dict[str, dict[str, float]] = {}
    for key, regions in regions_of.items():
        for code in regions:
            coverage.setdefault(code, {})[key] = 1.0 / len(regions)
    return coverage


def _others(support: dict[str, set[str]], code: str, key: str) -> bool:
    """Whether a code is supported by a mention other than one with this name."""
    keys = support.get(code)
    return bool(keys) and (len(keys) > 1 or key not in keys)
