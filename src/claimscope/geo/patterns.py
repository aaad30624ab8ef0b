"""Entity-ruler patterns for toponyms (GPE countries, admin-1 regions and big cities; LOC continents and named
regions; FAC military and other sites), so that the statistical NER does not mislabel them (Kursk as PRODUCT).

Case-sensitive and precise: cities only above a population threshold, never a name on the stoplist
(`geo/data/stopnames.json`: common words, frequent person names) nor a direction word. One-token names share one
set-membership pattern and sites share one pattern per head length, so that matching stays cheap; longer names
are phrase patterns (the fast PhraseMatcher). The list is computed once per index version and cached as JSON
beside the index.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from claimscope.geo.build import build_index, index_version, lexicon
from claimscope.geo.gazetteer import ALIAS, ALTERNATE, NAME, STEM, Gazetteer, gazetteer
from claimscope.geo.names import fold, is_latin, name_key

# Cities smaller than this are left to the NER; their alternate names only count from ten times this size.
MIN_CITY_POPULATION = 100_000
MIN_SHORT_NAME = 4  # shorter names only come from the curated country aliases ("US", "UK")
_NAME_PARTICLES = frozenset({"of", "the", "and"})
_CITY_PARTICLES = _NAME_PARTICLES | {"de", "del", "do", "da", "dos", "das", "la", "le", "les", "el", "al", "upon", "on",
                                    "am", "an", "sur", "en", "au", "aux", "du"}


def places_lexicon() -> dict[str, Any]:
    """The places lexicon shared by these patterns and the places component (`extract/data/places.json`)."""
    return json.loads(resources.files("claimscope").joinpath("extract/data/places.json").read_text("utf-8"))


def stopnames() -> set[str]:
    """Names the ruler never tags (`geo/data/stopnames.json`)."""
    data = _stopnames()
    return set(data["common_words"]) | set(data["person_names"])


def common_words() -> set[str]:
    """The common words among the stopnames ("Update", "Breaking"): never a place, even in a dateline."""
    return set(_stopnames()["common_words"])


def _stopnames() -> dict[str, list[str]]:
    return json.loads(resources.files("claimscope.geo").joinpath("data/stopnames.json").read_text("utf-8"))


def ruler_patterns(min_population: int = MIN_CITY_POPULATION) -> list[dict[str, Any]]:
    """The place patterns for the gazetteer entity ruler (cached on disk per index and lexicon version)."""
    return list(_cached_patterns(min_population))


@lru_cache(maxsize=4)
def _cached_patterns(min_population: int) -> tuple[dict[str, Any], ...]:
    index = build_index()
    digest = hashlib.sha256(
        "\0".join([
            index_version(), str(min_population),
            resources.files("claimscope").joinpath("extract/data/places.json").read_text("utf-8"),
            resources.files("claimscope.geo").joinpath("data/stopnames.json").read_text("utf-8"),
            Path(__file__).read_text("utf-8"),
        ]).encode()
    ).hexdigest()[:16]
    path = index.parent / f"place-patterns-{digest}.json"
    if path.exists():
        return tuple(json.loads(path.read_text("utf-8")))
    patterns = compute_patterns(gazetteer(), min_population)
    fd, tmp = tempfile.mkstemp(prefix=".place-patterns-", suffix=".json", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(patterns, out, ensure_ascii=False)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    for stale in path.parent.glob("place-patterns-*.json"):
        if stale != path:
            stale.unlink(missing_ok=True)
    return tuple(patterns)


def compute_patterns(gaz: Gazetteer, min_population: int) -> list[dict[str, Any]]:
    """Build the pattern list from the gazetteer and the lexicons."""
    lex = places_lexicon()
    stop = stopnames() | set(lex["demonyms"])
    words = [*lexicon()["generic_stems"], *lex["direction_adjectives"], *lex["direction_nouns"]]
    generic = {name_key(w) for w in words}
    curated = {alias for aliases in lexicon()["country_aliases"].values() for alias in aliases}

    def usable(text: str) -> bool:
        if text in stop or name_key(text) in generic or not is_latin(text) or not text[0].isupper():
            return False
        if any(ch in text for ch in ",()[]/\"") or text.isupper() and text not in curated:
            return False
        return len(text) >= MIN_SHORT_NAME or text in curated

    gpe: set[str] = set()
    loc: set[str] = set()
    stems: set[str] = set()
    for text, _ in gaz.names((NAME, ALIAS), ("PCLI",)):
        if usable(text) and _title_case(text, _NAME_PARTICLES):
            gpe.add(text)
    for text, entry in gaz.names((NAME, ALIAS, STEM), ("ADM1",)):
        if not usable(text):
            continue
        if text.isalpha():
            stems.add(text)
        if entry.kind != STEM and (text.isalpha() or entry.kind == NAME and _title_case(text, _NAME_PARTICLES)):
            gpe.add(text)
    for text, entry in gaz.names((NAME, ALIAS, ALTERNATE), ("PPL", "PPLA", "PPLC"), min_population):
        if entry.kind == ALTERNATE and not (entry.population >= 10 * min_population and text.isascii()):
            continue
        if usable(text) and _title_case(text, _CITY_PARTICLES):
            gpe.update({text, fold(text)} if text.isalpha() else {text})
    for text, _ in gaz.names((NAME, ALIAS), ("CONT", "RGN")):
        if usable(text):
            loc.add(text)
    loc -= gpe
    patterns: list[dict[str, Any]] = []
    patterns += _phrase_patterns("GPE", gpe)
    patterns += _phrase_patterns("LOC", loc)
    admin_heads = sorted({w for head in lex["admin_heads"] for w in (head, head.title()) if " " not in head})
    patterns.append({"label": "GPE", "pattern": [{"ORTH": {"IN": sorted(stems)}}, {"ORTH": {"IN": admin_heads}}]})
    heads = [head.lower().split() for head in lex["site_heads"]]
    name = {"POS": "PROPN", "IS_TITLE": True, "ORTH": {"NOT_IN": sorted(stop)}, "OP": "+"}
    for size in sorted({len(h) for h in heads}):
        tail = [{"LOWER": {"IN": sorted({h[i] for h in heads if len(h) == size})}} for i in range(size)]
        patterns.append({"label": "FAC", "pattern": [name, *tail]})
    return patterns


def _title_case(text: str, particles: frozenset[str]) -> bool:
    """Whether every word of a name is capitalised, but for the given particles ("of", "de")."""
    return all(word[:1].isupper() or word in particles for word in text.replace("-", " ").split())


def _phrase_patterns(label: str, texts: set[str]) -> list[dict[str, Any]]:
    """One-token names as a single set-membership pattern (cheap to add), longer names as phrases."""
    single = sorted(t for t in texts if t.isalpha())
    multi = sorted(t for t in texts if not t.isalpha())
    patterns: list[dict[str, Any]] = [{"label": label, "pattern": [{"ORTH": {"IN": single}}]}] if single else []
    patterns += [{"label": label, "pattern": text} for text in multi]
    return patterns
