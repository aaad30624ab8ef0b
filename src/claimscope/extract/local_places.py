"""Small towns the tagger missed: a capitalised name right after a locative preposition ("a stretch of highway
in Greer", "a man from Battle Creek") is a place when a settlement of that name lies in an admin-1 region the
document's other places name. Local news names towns too small for the gazetteer ruler; the region keeps the
reading safe."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc

from claimscope.geo.gazetteer import NAME, Entry, Gazetteer
from claimscope.geo.names import name_key

# Labels the model gives small towns it does not know ("[Southlake]ORG", "[Greer]NORP").
_MISREAD_LABELS = frozenset({"ORG", "NORP", "PRODUCT", "WORK_OF_ART", ""})
# The least population of a town read this way, and the most words of its name.
MIN_POPULATION = 1_000
MAX_WORDS = 3


def local_towns(doc: Doc, gazetteer: Gazetteer, regions: Collection[str], taken: set[int],
                prepositions: Collection[str], stopwords: Collection[str]) -> list[tuple[int, int, Entry]]:
    """(start, end, town) of each untagged capitalised name after one of `prepositions` that names a settlement
    in one of `regions` (ISO 3166-2 codes); the most populous such settlement."""
    found = []
    if not regions:
        return found
    i = 1
    while i < len(doc):
        if doc[i - 1].lower_ not in prepositions or not _free_title(doc, i, taken) or doc[i].is_sent_start:
            i += 1
            continue
        end = i
        while end < len(doc) and end - i < MAX_WORDS and _free_title(doc, end, taken):
            end += 1
        if end < len(doc) and doc[end].is_title:
            i = end  # part of a longer name ("in Battle Creek Lutheran Church")
            continue
        town = _town(doc[i:end].text, gazetteer, regions, stopwords)
        if town is not None:
            found.append((i, end, town))
            taken.update(range(i, end))
        i = end
    return found


def _free_title(doc: Doc, i: int, taken: set[int]) -> bool:
    token = doc[i]
    return token.is_title and token.is_alpha and token.ent_type_ in _MISREAD_LABELS and i not in taken


def _town(name: str, gazetteer: Gazetteer, regions: Collection[str], stopwords: Collection[str]) -> Entry | None:
    if name_key(name) in stopwords:
        return None
    towns = [e for e in gazetteer.lookup(name) if e.is_settlement and e.kind == NAME
             and e.population >= MIN_POPULATION and e.admin1 in regions]
    return towns[0] if towns else None  # lookup lists the most populous first
