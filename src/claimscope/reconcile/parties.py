"""Whose people (or weapons) a claim counts, and where: affiliations read from demonyms and names, and the
topic's scope from the places the claim locates what it counts at."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from claimscope.reconcile import counting, lexicon
from claimscope.reconcile.records import ClaimRecord, Place

NARROW_PRECISIONS = {"point", "city", "admin1", "region"}
_PRECISION_ORDER = {"point": 0, "city": 1, "admin1": 2, "region": 3}


def scope(claim: ClaimRecord, affiliation: str | None, span: tuple[int, int] | None = None,
          clause: tuple[int, int] | None = None, figure_at: int | None = None) -> tuple[str | None, str | None]:
    """(the topic's country, the narrower place the claim names, if any): the claim's most specific place
    located by a preposition ("in", "to": not "the war against Ukraine", "Moscow's alliance") that is not the
    affiliation's own country, those beside the figure (`span`) first; among mere country names, the
    document's context country first. A narrower place counts only where the figure is located at it."""
    candidates = [p for p in claim.places if p.country and p.country != affiliation]
    if clause:  # the figure's own clause only: "10,000 sent to Russia. Some moved closer to Ukraine."
        candidates = [p for p in candidates if p.start is None or clause[0] <= p.start < clause[1]]
    located = [p for p in candidates if counting.located(claim, p)] or _vague_region(claim, affiliation, clause)
    places = located or [p for p in candidates
                         if not counting.adversative(claim, p) and not counting.possessive(claim, p)]
    beside = [p for p in places if span and p.start is not None and span[0] <= p.start < span[1]]
    # a place after the figure is its own before one after the figure before it ("126 over the Kursk region and
    # 91 over the Moscow region": Moscow's for the 91)
    beside = [p for p in beside if figure_at is not None and p.start >= figure_at] or beside
    # only a place the figure is located at narrows it ("11,000 in Kursk"; not "given Moscow"), and only one
    # in its own words ("17 drones were launched and 15 of them shot down over Odesa": the 15, not the 17)
    own_words = [p for p in places if p.start is None or p in beside] if span else places
    narrow = [p for p in own_words if p.precision in NARROW_PRECISIONS and p in located]
    places = beside or places
    if narrow:
        place = min(narrow, key=lambda p: _PRECISION_ORDER.get(p.precision or "", 5))
        return place.country, place.name
    countries = {p.country for p in places}
    if claim.context_country and (claim.context_country in countries or not countries):
        return claim.context_country, None
    return (places[0].country if places else None), None


def region_key(claim: ClaimRecord, name: str) -> str:
    """A region topic's key: the admin-1 code of the place ("RU-KRS" for Kursk and the Kursk region alike)."""
    place = next((p for p in claim.places if p.name == name), None)
    return place.admin1 if place and place.admin1 else name


def _vague_region(claim: ClaimRecord, affiliation: str | None, clause: tuple[int, int] | None) -> list[Place]:
    """The country of a vague region the claim locates things at ("moved to eastern Russia", which extraction
    leaves out of its places): the country's name after a locative preposition."""
    pattern, to_country = lexicon.demonym_pattern()
    adjectives = lexicon.demonym_pattern(with_names=False)[1]
    start, end = clause or (0, len(claim.content))
    for match in pattern.finditer(claim.content, start, end):
        word = match.group(1).lower()
        if word in adjectives or to_country[word] == affiliation or len(to_country[word]) != 2:
            continue
        place = Place(match.group(1), to_country[word], None, "country", match.group(1), match.start())
        if counting.located(claim, place) and not counting.possessive(claim, place):
            return [place]
    return []


@lru_cache(maxsize=1)
def personnel_words() -> frozenset[str]:
    """Personnel nouns, singular and plural."""
    spec = lexicon.load("topics")
    units = [u for m in spec["stateful"] for u in spec["measures"][m]["units"]]
    return frozenset([*units, *(u + "s" for u in units), *spec["people_nouns"]])


@lru_cache(maxsize=1)
def military_units() -> frozenset[str]:
    """Armed people's nouns, singular and plural: the only ones a document's own affiliation stands for."""
    units = lexicon.load("topics")["military_units"]
    return frozenset([*units, *(u + "s" for u in units), "forces"])


def affiliation(text: str, scope: str | None, offset: int | None, names: bool = True) -> str | None:
    """Whose people a claim counts: the country named nearest before `offset` (the figure) other than the
    scope's own, else the first such after it; adjectives and (with `names`) country names alike ("units from
    North Korea"), never a party they face ("against the Ukrainian forces"). A claim without a figure takes
    adjectives only: "troop deployment in Russia" counts no Russians."""
    pattern, to_country = lexicon.demonym_pattern(with_names=names)
    adjectives = lexicon.demonym_pattern(with_names=False)[1]
    named = [(m.start(), to_country[m.group(1).lower()]) for m in pattern.finditer(text)
             if not _opposed(text, m)
             and (_of_people(text, m) if m.group(1).lower() in adjectives else _whose(text, m))]
    others = [(start, c) for start, c in named if c != scope]
    if not others:
        return named[0][1] if named else None
    if offset is None:
        return others[0][1]
    before = [c for start, c in others if start < offset]
    return before[-1] if before else others[0][1]


def subject_country(text: str) -> str | None:
    """The country a claim opens with as its subject ("North Korea has sent another 1,500 soldiers", "North
    Korea is preparing about 10,000 personnel"): the people it counts are that country's."""
    pattern, to_country = lexicon.demonym_pattern()
    match = pattern.match(text.strip())
    if match is None or match.group(1).lower() in lexicon.demonym_pattern(with_names=False)[1]:
        return None
    rest = re.findall(r"[a-z]+", text.strip()[match.end():].lower())[:3]
    return to_country[match.group(1).lower()] if set(rest) & set(lexicon.load("topics")["sending"]) else None


def own_group(claim: ClaimRecord) -> str | None:
    """The source's own affiliation where the claim counts "the group's fighters" or "its own" people and the
    source is an affiliation of its own ("a source close to Hezbollah": Hezbollah)."""
    text = claim.content.lower().replace("’", "'")
    source = claim.actor or claim.source_text
    if not source or not any(p in text for p in lexicon.load("topics")["own_group"]):
        return None
    pattern, to_country = lexicon.demonym_pattern()
    match = pattern.search(source)
    return to_country[match.group(1).lower()] if match else None


def partitive_anaphor(text: str) -> bool:
    """The claim counts part of a group named before it ("Of those, 300 are believed to have been killed"):
    the document's own affiliation is theirs."""
    opening = " ".join(re.findall(r"[a-z]+", text[:30].lower())[:3])
    return any(opening.startswith(p) for p in lexicon.load("topics")["partitive_anaphors"])


def _of_people(text: str, match: re.Match[str]) -> bool:
    """An affiliation adjective says whose people a claim counts when people follow it within three words
    ("North Korean troops", "Hezbollah's fighters", "North Koreans", "no North Korean have been seen"), not
    "Israeli assaults"."""
    rest = text[match.end():match.end() + 40].lower().replace("’", "'")
    if rest.startswith(("s ", "s,", "s'", "s.")) or rest == "s":
        return True
    words = re.findall(r"[a-z]+|\d[\d,.]*", rest.removeprefix("'s"))[:2]
    if words and not rest.startswith("'s") and _as_noun(text, match, words[0]):
        return True
    return bool(set(words) & personnel_words())


def _as_noun(text: str, match: re.Match[str], following: str) -> bool:
    """A singular demonym used as a noun for people: "no North Korean have been spotted", "North Korean who
    joined ..." (a determiner before it and a verb after it, or a relative pronoun after it)."""
    spec = lexicon.load("topics")
    if following in spec["demonym_relatives"]:
        return True
    before = re.findall(r"[a-z]+", text[max(0, match.start() - 12):match.start()].lower())[-1:]
    return bool(before) and before[0] in spec["demonym_determiners"] and following in spec["demonym_noun_followers"]


def _opposed(text: str, match: re.Match[str]) -> bool:
    """The affiliation names a party the counted face or fight beside ("the war against the Ukrainian
    Defense Forces", "alongside Russian troops"), not whose people are counted."""
    before = [w for w in re.findall(r"[a-z]+", text[max(0, match.start() - 30):match.start()].lower())
              if w != "the"][-1:]
    return bool(set(before) & set(lexicon.load("topics")["opposing"]))


def owner(text: str, nouns: frozenset[str]) -> str | None:
    """The affiliation of the first adjective that `nouns` follow within three words ("North Korean
    long-range artillery"), not "provided with ammunition by the Russian authorities"."""
    pattern, to_country = lexicon.demonym_pattern(with_names=False)
    for m in pattern.finditer(text):
        if set(re.findall(r"[a-z]+", text[m.end():m.end() + 40].lower())[:3]) & nouns and not _opposed(text, m):
            return to_country[m.group(1).lower()]
    return None


def affiliation_of(text: str | None) -> str | None:
    """The affiliation of the first adjective in `text` that modifies people ("North Korean soldiers")."""
    if not text:
        return None
    pattern, to_country = lexicon.demonym_pattern(with_names=False)
    for m in pattern.finditer(text):
        if _of_people(text, m) and not _opposed(text, m):
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
    return bool(before and before[-1] == "of" and set(before[-4:-1]) & personnel_words())


def document_affiliations(claims: list[ClaimRecord]) -> dict[str, str]:
    """Per document, the affiliation its counted subjects name most: the fallback for bare "soldiers"."""
    votes: dict[str, Counter] = {}
    for claim in claims:
        for count in claim.counts:
            country = lexicon.affiliation(count.subject) or affiliation_of(claim.content)
            if country:
                votes.setdefault(claim.document_id, Counter())[country] += 1
    return {doc: counter.most_common(1)[0][0] for doc, counter in votes.items()}
