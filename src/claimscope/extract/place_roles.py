"""Toponyms that are no places of the content: demonyms ("Iraqi", "Texans", "European") and toponyms inside
names ("Ohio State University", "Laurel County Fiscal Court", "Bank of America"). The geoparsing corpora count
them as toponyms; the places component keeps them with their role (`PlaceMention.role`) in `doc._.toponyms`, out
of `doc._.places`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from claimscope.geo.demonyms import country_demonyms, demonyms
from claimscope.geo.gazetteer import Entry
from claimscope.geo.names import name_key
from claimscope.geo.resolve import Mention

if TYPE_CHECKING:
    from claimscope.extract.places import PlaceFinder

LITERAL, DEMONYM, IN_NAME = "literal", "demonym", "in-name"
# Labels the model gives demonyms ("North Korean" NORP, sometimes "Ukrainian" GPE).
DEMONYM_LABELS = frozenset({"NORP", "GPE"})
# Inside a name, a country, region, county or continent is a toponym, and so is a settlement this big or one the
# document names as a place too ("the Mansfield Police", "in Mansfield"): smaller towns named like a word or a
# surname ("Liberal Party", "Turner Construction") are not.
IN_NAME_MIN_POPULATION = 30_000
_IN_NAME_FEATURES = frozenset({"PCLI", "PCLD", "PCLS", "PCLF", "ADM1", "ADM2", "CONT", "RGN"})
_IN_NAME_MAX_WORDS = 4
# Words a toponym inside a name may contain between capitalised ones ("Isle of Wight", "Stratford upon Avon").
_NAME_PARTICLES = frozenset({"of", "the", "upon", "on"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_DETERMINERS = frozenset({"the", "a", "an"})


class RoleFinder:
    """Finds the demonyms and the toponyms inside names of a document, for a places component (its gazetteer,
    resolver and stoplists); `curated` are the places lexicon's demonyms, which win over the demonym table."""

    def __init__(self, finder: PlaceFinder, curated: dict[str, str | None]) -> None:
        self.finder = finder
        self.places = {**demonyms(), **{k: v for k, v in curated.items() if v}}
        self.confirmed = frozenset(country_demonyms()) | frozenset(curated)

    def names_inside(self, doc: Doc, spans: list[tuple[int, int]], places: set[str]) -> list[tuple[int, int]]:
        """The longest gazetteer names of a country, region, county or town in the capitalised words of each span;
        `places` are the name keys of the document's literal places."""
        found = []
        for start, end in spans:
            i = start
            while i < end:
                stop = self._name_at(doc, i, end, places)
                if stop is None:
                    i += 1
                    continue
                found.append((i, stop))
                i = stop
        return found

    def _name_at(self, doc: Doc, i: int, limit: int, places: set[str]) -> int | None:
        """The end of the longest toponym starting at token i and ending by `limit`, or None; `places` are the
        name keys of the document's literal places."""
        if not _capitalised(doc[i]):
            return None
        for end in range(min(limit, i + _IN_NAME_MAX_WORDS), i, -1):
            words = doc[i:end]
            if not _capitalised(words[-1]) or any(not _capitalised(t) and t.lower_ not in _NAME_PARTICLES
                                                 for t in words):
                continue
            text = words.text
            key = name_key(text)
            if key in self.finder.not_towns or text in self.finder.org_heads or text in self.places:
                continue
            named = key in places
            if any(e.feature in _IN_NAME_FEATURES
                   or e.is_settlement and (named or e.population >= IN_NAME_MIN_POPULATION)
                   for e in self.finder.resolver.candidates(Mention(name=text, sentence=0))):
                return end
        return None

    def demonyms(self, doc: Doc, taken: set[int]) -> list[tuple[int, int, Entry]]:
        """Demonyms ("Iraqi", "Texans", "European"), each at the place of the demonym table; a form the rules
        derived counts only where the tagger reads it as a nationality (NORP)."""
        found = []
        gaz = self.finder.resolver.gazetteer
        for ent in doc.ents:
            if ent.label_ not in DEMONYM_LABELS or any(t in taken for t in range(ent.start, ent.end)):
                continue
            start, end = ent.start, ent.end
            while end > start and doc[end - 1].text in _POSSESSIVE:
                end -= 1
            while start < end and doc[start].lower_ in _DETERMINERS:
                start += 1
            text = doc[start:end].text
            code = self.places.get(text)
            if code is None or ent.label_ != "NORP" and text not in self.confirmed:
                continue
            if "-" in code:
                entry = gaz.admin1(code)
            elif len(code) == 2 and code.isupper():
                entry = gaz.country(code)
            else:
                entry = next((e for e in gaz.lookup(code) if e.feature == "CONT"), None)
            if entry is not None:
                found.append((start, end, entry))
        return found


def _capitalised(token: Token) -> bool:
    """A word that may be part of a name: capitalised or upper-case ("Ohio", "U.S.")."""
    return token.text[:1].isupper()
