"""The `claimscope_places` component: every toponym of a document, resolved through the offline gazetteer.

Spans come from the GPE/LOC/FAC entities (the gazetteer ruler before `ner` makes those reliable), split at
commas ("Charleston, W.Va.") and grown or changed by the words around them (`data/places.json`):
- "the Kursk region", "Kursk Oblast": the admin-1 region named after the city (precision admin1);
- "the Sergeevka training ground": the settlement the site is named after (precision point, the site as text);
- "eastern Russia", "Russia's far eastern regions", "in the east": vague regions (precision region, no point,
  the country when one is named); a direction on a city or region ("north Arlington") keeps the place;
- "Kazan, Russia", "Alexandria, La.", "Austin, TX", "Russia's ...": qualifiers that restrict the candidates; a
  state abbreviation is a place of its own ("W.Va.", "in Fla."), a postal code only after a place;
- "Eastern Russia", "the east of Ukraine": vague regions too, unless the words make a name ("East Timor");
- "Boulder City", "New London": a capitalised word the tagger left out joins the name when the whole is one;
- "COLUMBUS, Ohio (AP) --": an upper-case dateline name the tagger missed;
- "Lake Vermont", "Gulf of Mexico": a feature named after a place is not that place.
Demonyms ("North Korean", "Texan") and toponyms inside names ("Kyiv Independent", "Bank of Russia", "Ohio State
University") are no places of the content, but the geoparsing corpora count them as toponyms: they are kept with
their role (`PlaceMention.role` "demonym", "in-name"), resolved, in `doc._.toponyms`, while `doc._.places` holds
the literal places only. A demonym stands for the place of the demonym table (`geo/data/demonyms.json`); a name
inside a name is resolved with the others and lends them its context. Demonyms also tell the resolver which
countries the document is about.
Candidates are ranked by `claimscope.geo.resolve.Resolver`: context of the document (its countries, their
neighbours, its regions; one place per name), then prominence.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import IS_UPPER, LOWER, SENT_START
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from claimscope.extract import extensions  # noqa: F401  (registers Doc._ attributes)
from claimscope.extract.local_places import local_towns
from claimscope.extract.phrases import Phrases
from claimscope.extract.place_mentions import mention_at, unresolved_at, vague_at
from claimscope.extract.place_roles import DEMONYM, DEMONYM_LABELS, IN_NAME, LITERAL, RoleFinder
from claimscope.extract.types import PlaceMention
from claimscope.geo.gazetteer import Entry, gazetteer
from claimscope.geo.names import name_key
from claimscope.geo.patterns import common_words, places_lexicon, stopnames
from claimscope.geo.resolve import Mention, Resolver

__all__ = ["PlaceFinder"]

_DETERMINERS = frozenset({"the", "a", "an", "this", "that"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Labels the model gives a site's name when the site head is outside the entity ("[Sergeevka]ORG training ground").
_SITE_NAME_LABELS = frozenset({"ORG", "PRODUCT", "PERSON"})
# Features a direction word makes vague: "eastern Russia" is a region of Russia, "north Arlington" is Arlington.
_WIDE_FEATURES = frozenset({"PCLI", "CONT", "RGN"})
# The least population of a settlement that an upper-case dateline name the tagger missed may name.
_DATELINE_MIN_POPULATION = 1_000


@Language.factory("claimscope_places", default_config={"labels": ["GPE", "LOC", "FAC"], "lexicon": None})
def make_places(nlp: Language, name: str, labels: list[str], lexicon: str | None) -> PlaceFinder:
    """`labels`: entity labels read as toponyms; `lexicon`: a places lexicon JSON file replacing the packaged
    `extract/data/places.json`."""
    lex = json.loads(Path(lexicon).read_text("utf-8")) if lexicon else places_lexicon()
    return PlaceFinder(labels, lex)


@dataclass
class _Found:
    """A place span before resolution. A vague region keeps, as `mention`, the place it lies in (if any), and
    as `inner` that place's own token span."""

    start: int  # token offsets
    end: int
    mention: Mention | None
    vague: bool = False
    inner: tuple[int, int] | None = None
    precision: str | None = None  # forced precision ("point" for sites)
    fixed: Entry | None = None  # already resolved (a state abbreviation, a demonym)
    role: str = LITERAL


class PlaceFinder:
    """Sets `doc._.toponyms` to a PlaceMention per toponym and `doc._.places` to the literal ones, in text order."""

    def __init__(self, labels: Iterable[str], lexicon: dict[str, Any]) -> None:
        self.labels = frozenset(labels)
        self.admin_heads = Phrases(lexicon["admin_heads"])
        self.site_heads = Phrases(lexicon["site_heads"])
        self.region_heads = Phrases(lexicon["region_heads"])
        self.direction_adjectives = Phrases(lexicon["direction_adjectives"])
        self.direction_nouns = Phrases(lexicon["direction_nouns"])
        self.org_heads = frozenset(lexicon["org_heads"])
        self.org_prefix_heads = frozenset(lexicon["org_prefix_heads"])
        strings = StringStore()
        self._preposition_hashes = frozenset(strings.add(w) for w in lexicon["context_prepositions"])
        self._the_hash = strings.add("the")
        self.toponym_heads = frozenset(lexicon["toponym_heads"])
        self.toponym_prefixes = frozenset(lexicon["toponym_prefixes"])
        self.feature_words = self.toponym_heads | self.toponym_prefixes
        self.state_abbreviations: dict[str, str] = lexicon["state_abbreviations"]
        self.postal_codes: dict[str, str] = lexicon["postal_codes"]
        self.dateline_followers = frozenset(lexicon["dateline_followers"])
        self.common_words = frozenset(name_key(w) for w in common_words())
        self.demonyms: dict[str, str | None] = lexicon["demonyms"]
        self.generic = frozenset(
            name_key(w) for w in [*lexicon["admin_heads"], *lexicon["toponym_heads"], *lexicon["toponym_prefixes"],
                                  *lexicon["direction_adjectives"], *lexicon["direction_nouns"]]
        )
        self.locative_prepositions = frozenset(lexicon["locative_prepositions"])
        self.name_particles = frozenset(lexicon["name_particles"])
        self.person_place_prepositions = frozenset(lexicon["person_place_prepositions"])
        self.not_towns = self.generic | frozenset(name_key(w) for w in [*stopnames(), *self.demonyms])
        self._resolver: Resolver | None = None
        self.roles = RoleFinder(self, self.demonyms)

    @property
    def resolver(self) -> Resolver:
        if self._resolver is None:
            self._resolver = Resolver(gazetteer())
        return self._resolver

    def __call__(self, doc: Doc) -> Doc:
        sentences = _sentence_numbers(doc)
        found = self._find(doc, sentences)
        taken = {t for item in found if item.role == LITERAL for t in range(item.start, item.end)}
        named = {t for item in found for t in range(item.start, item.end)}
        found.extend(self._names_inside(doc, found, named, sentences))
        found.extend(self._demonyms(doc, named))
        mentions = [f.mention for f in found if f.mention is not None and f.fixed is None]
        entries = dict(zip(map(id, mentions), self.resolver.resolve(mentions, self._demonym_hints(doc))))
        places: list[PlaceMention] = []
        others: list[PlaceMention] = []
        for item in found:
            entry = item.fixed or (entries.get(id(item.mention)) if item.mention is not None else None)
            if item.vague and item.inner and entry is not None and entry.feature not in _WIDE_FEATURES:
                item.start, item.end, item.vague = *item.inner, False
            span = doc[item.start:item.end]
            if item.role == LITERAL and entry is not None and entry.feature == "PCLI" and _modifier(span):
                item.role = DEMONYM  # "a U.S. destroyer", "US warships": whose, like "American", not where
            if item.role != LITERAL:
                if entry is not None:
                    others.append(mention_at(span, entry, item.precision, item.role))
            elif item.vague:
                places.append(vague_at(span, entry))
                if item.inner and entry is not None:  # "southern China": China is named inside the region's name
                    others.append(mention_at(doc[item.inner[0]:item.inner[1]], entry, None, IN_NAME))
            elif entry is not None:
                places.append(mention_at(span, entry, item.precision))
            elif span[-1].text in self.toponym_heads or span[0].text in self.toponym_prefixes:
                places.append(unresolved_at(span))
        regions = {p.admin1 for p in places if p.admin1}
        towns = local_towns(doc, self.resolver.gazetteer, regions, taken, self.locative_prepositions, self.not_towns)
        if towns:
            places = sorted([*places, *(mention_at(doc[start:end], town, None) for start, end, town in towns)],
                            key=lambda p: p.start)
        doc._.places = places
        doc._.toponyms = sorted([*places, *(p for p in others if not any(_overlaps(p, q) and q.lat is not None
                                                                       for q in places))],
                                key=lambda p: p.start)
        return doc

    # -- finding spans --------------------------------------------------------------------------------------

    def _find(self, doc: Doc, sentences: list[int]) -> list[_Found]:
        chunks = [(ent.label_, start, end) for ent in doc.ents for start, end in _comma_chunks(doc, ent.start, ent.end)]
        found: list[_Found] = []
        taken: set[int] = set()
        for i, (label, start, end) in enumerate(chunks):
            follower = chunks[i + 1] if i + 1 < len(chunks) else None
            after_comma = follower is not None and follower[1] == end + 1 and doc[end].text == ","
            qualifier = doc[follower[1]:follower[2]].text if after_comma else None
            item = self._from_entity(doc, label, start, end, sentences, qualifier)
            if item is None or any(t in taken for t in range(item.start, item.end)):
                continue
            found.append(item)
            taken.update(range(item.start, item.end))
            abbreviation = self._abbreviation_after(doc, item)
            if abbreviation is not None and abbreviation.start not in taken:
                found.append(abbreviation)
                taken.add(abbreviation.start)
        found.extend(self._dateline_names(doc, taken, sentences))
        found.extend(self._bare_directions(doc, taken))
        found.sort(key=lambda f: f.start)
        return found

    def _from_entity(self, doc: Doc, label: str, start: int, end: int, sentences: list[int],
                     qualifier: str | None) -> _Found | None:
        while start < end and doc[start].lower_ in _DETERMINERS:
            start += 1
        while end > start and doc[end - 1].text in _POSSESSIVE:
            end -= 1
        if start >= end:
            return None
        if self.site_heads.end_of(doc, end) is not None and (
            label in self.labels or label in _SITE_NAME_LABELS
        ):
            return self._site(doc, start, end, sentences, qualifier)
        text = doc[start:end].text
        if label == "PERSON" and self._settlement_after_preposition(doc, start, text):
            label = "GPE"  # "an airstrike in Khan Younis": the tagger took the town for a person
        if label not in self.labels or text in self.demonyms or not text[:1].isupper():
            return None
        if end - start == 1 and text in self.name_particles and end < len(doc) and doc[end].text[:1].isupper():
            return None  # "El" of "El Gezira state": part of the name after it
        if text in self.state_abbreviations:
            return self._abbreviation_at(doc, start)
        if name_key(text) in self.generic:
            return None
        if self._inside_organisation(doc, start, end):
            return _Found(start, end, Mention(name=text, sentence=sentences[start]), role=IN_NAME)
        head = self.site_heads.start_of(doc, end)
        if head is not None and head > start:
            return self._site(doc, start, head, sentences, qualifier)
        start = self._feature_start(doc, start)
        grown = self._grow(doc, start, end)
        if grown[1] != end and grown[1] < len(doc) and doc[grown[1]].text == ",":
            qualifier = self._qualifier_at(doc, grown[1] + 1)
        start, end = grown
        mention = Mention(name=doc[start:end].text, sentence=sentences[start])
        self._qualify(doc, start, mention, qualifier)
        admin_end = self.admin_heads.end_of(doc, end)
        if admin_end is not None:
            mention.mode = "admin1"
            return _Found(start, admin_end, mention)
        head = self.admin_heads.start_of(doc, end)
        if head is not None and head > start and not self._names_admin1(mention.name):
            mention.name = doc[start:head].text
            mention.mode = "admin1"
        left = self._direction_before(doc, start, end)
        if left is None:
            left = self._direction_of(doc, start)
        if left is not None:
            return _Found(left, end, mention, vague=True, inner=(start, end))
        right = self._region_after(doc, end)
        if right is not None:
            return _Found(start, right, mention, vague=True, inner=(start, end))
        return _Found(start, end, mention)

    def _settlement_after_preposition(self, doc: Doc, start: int, text: str) -> bool:
        """A name after "in" / "near" that the gazetteer knows as a settlement and that is no person's name the
        ruler is told to leave alone."""
        if not start or doc[start - 1].lower_ not in self.person_place_prepositions or name_key(text) in self.not_towns:
            return False
        return any(e.feature.startswith("PPL") for e in self.resolver.gazetteer.lookup(text))

    def _site(self, doc: Doc, start: int, head: int, sentences: list[int], qualifier: str | None) -> _Found | None:
        """A site named after a settlement: the words before the site head name it."""
        if head <= start:
            return None
        mention = Mention(name=doc[start:head].text, sentence=sentences[start], mode="site")
        self._qualify(doc, start, mention, qualifier)
        return _Found(start, self.site_heads.end_of(doc, head) or head, mention, precision="point")

    def _qualifier_at(self, doc: Doc, i: int) -> str | None:
        """The text of a state abbreviation or of the entity starting at token i, if any."""
        if i >= len(doc):
            return None
        state = self._abbreviation_at(doc, i)
        if state is not None:
            return doc[state.start:state.end].text
        ent = next((e for e in doc.ents if e.start == i), None)
        if ent is None:
            return None
        first, last = _comma_chunks(doc, ent.start, ent.end)[0]
        return doc[first:last].text

    def _grow(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """A capitalised word the tagger left out of the name, when the whole is a gazetteer name ("Boulder
        City", "Douglas County", "New London")."""
        gaz = self.resolver.gazetteer
        if end < len(doc) and doc[end].is_title and not doc[end].ent_type_ and gaz.lookup(doc[start:end + 1].text):
            return start, end + 1
        if (start >= 1 and doc[start - 1].is_title and not doc[start - 1].ent_type_ and not doc[start - 1].is_sent_start
                and gaz.lookup(doc[start - 1:end].text)):
            return start - 1, end
        return start, end

    def _feature_start(self, doc: Doc, start: int) -> int:
        """Include a feature word before the name: "Lake Vermont", "Gulf of Mexico"."""
        if start >= 1 and doc[start - 1].text in self.toponym_prefixes:
            return start - 1
        if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].text in self.feature_words:
            return start - 2
        return start

    def _qualify(self, doc: Doc, start: int, mention: Mention, qualifier: str | None) -> None:
        """Restrict a mention by "X, <country, region or state abbreviation>" or "<country>'s X"."""
        if qualifier is not None:
            code = self.state_abbreviations.get(qualifier) or self.postal_codes.get(qualifier)
            if code is not None:
                mention.admin1, mention.country = code, code.split("-")[0]
            else:
                self._qualify_by(qualifier, mention)
        elif start >= 2 and doc[start - 1].text in _POSSESSIVE and doc[start - 2].ent_type_ in ("GPE", "LOC"):
            ent = next(e for e in doc.ents if e.start <= start - 2 < e.end)
            self._qualify_by(ent.text, mention)

    def _qualify_by(self, text: str, mention: Mention) -> None:
        entries = [e for e in self.resolver.gazetteer.lookup(text) if e.kind <= 1]
        countries = [e for e in entries if e.is_country]
        regions = [e for e in entries if e.is_admin1]
        if countries:
            mention.country = countries[0].country
        elif regions:
            mention.admin1, mention.country = regions[0].admin1, regions[0].country

    def _abbreviation_after(self, doc: Doc, item: _Found) -> _Found | None:
        """A state or province abbreviation or postal code qualifying the place before it ("Alexandria, La.",
        "Austin, TX") is a place too."""
        end = item.end
        if item.mention is None or item.vague or end + 1 >= len(doc) or doc[end].text != ",":
            return None
        found = self._abbreviation_at(doc, end + 1)
        if found is None and doc[end + 1].text in self.postal_codes and doc[end + 1].is_upper:
            found = self._state(doc, end + 1, end + 2, self.postal_codes[doc[end + 1].text])
        return found

    def _abbreviation_at(self, doc: Doc, start: int) -> _Found | None:
        """A state or province abbreviation starting at a token, its final period maybe a token of its own
        ("W.Va" "."): the admin-1 region, already resolved."""
        text = doc[start].text
        if text in self.state_abbreviations:
            return self._state(doc, start, start + 1, self.state_abbreviations[text])
        if start + 1 < len(doc) and doc[start + 1].text == "." and text + "." in self.state_abbreviations:
            return self._state(doc, start, start + 2, self.state_abbreviations[text + "."])
        return None

    def _state(self, doc: Doc, start: int, end: int, code: str) -> _Found | None:
        entry = self.resolver.gazetteer.admin1(code)
        if entry is None:
            return None
        return _Found(start, end, Mention(name=doc[start:end].text, sentence=0), fixed=entry)

    def _names_inside(self, doc: Doc, found: list[_Found], taken: set[int], sentences: list[int]) -> list[_Found]:
        """Toponyms inside organisation names and inside place names the gazetteer lacks ("[Ohio State]GPE
        University"), not where another toponym is."""
        spans = [(ent.start, ent.end) for ent in doc.ents if ent.label_ == "ORG"
                 and not any(t in taken for t in range(ent.start, ent.end))]
        spans.extend((f.start, f.end) for f in found if f.role != DEMONYM and self._unknown(doc, f))
        places = {name_key(f.mention.name) for f in found if f.role == LITERAL and f.mention is not None}
        return [_Found(start, end, Mention(name=doc[start:end].text, sentence=sentences[start]), role=IN_NAME)
                for start, end in self.roles.names_inside(doc, spans, places)]

    def _unknown(self, doc: Doc, item: _Found) -> bool:
        """A literal span that names nothing: no gazetteer entry, no feature word to stand as a region."""
        if item.mention is None or item.fixed is not None or item.vague or item.mention.mode != "any":
            return False
        span = doc[item.start:item.end]
        if span[-1].text in self.toponym_heads or span[0].text in self.toponym_prefixes:
            return False
        return not self.resolver.candidates(item.mention)

    def _demonyms(self, doc: Doc, taken: set[int]) -> list[_Found]:
        return [_Found(start, end, None, fixed=entry, role=DEMONYM) for start, end, entry in self.roles.demonyms(doc, taken)]

    def _demonym_hints(self, doc: Doc) -> list[str]:
        """The country of every demonym: "North Korean troops" speaks of North Korea."""
        return [code for ent in doc.ents if ent.label_ in DEMONYM_LABELS and (code := self.demonyms.get(ent.text))]

    def _inside_organisation(self, doc: Doc, start: int, end: int) -> bool:
        """"Kyiv Independent", "Korea Central News Agency", "Bank of Russia": a toponym inside a name."""
        i = end
        while i < len(doc) and i < end + 5 and doc[i].is_title and not doc[i].is_punct:
            if doc[i].text in self.org_heads:
                return True
            i += 1
        if end < len(doc) and doc[end].ent_type_ == "ORG" and doc[end].ent_iob_ == "B":
            return True
        return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].text in self.org_prefix_heads

    def _names_admin1(self, text: str) -> bool:
        return any(e.is_admin1 and e.kind <= 1 for e in self.resolver.gazetteer.lookup(text))

    def _direction_before(self, doc: Doc, start: int, end: int) -> int | None:
        """The start of "eastern" / "far eastern" / "north-east" / "Eastern" right before a place; a capitalised
        direction that makes a name with it ("East Timor", "North Korea", "South Africa") is no direction."""
        for begin in self.direction_adjectives.starts_of(doc, start):
            if not doc[begin].is_title or doc[begin].is_sent_start:
                return begin
            if not self.resolver.gazetteer.lookup(doc[begin:end].text):
                return begin
        return None

    def _direction_of(self, doc: Doc, start: int) -> int | None:
        """The start of "east of" / "far north of" in "the east of Russia": a vague region of the place."""
        if start < 3 or doc[start - 1].lower_ != "of":
            return None
        begin = self.direction_nouns.start_of(doc, start - 1)
        if begin is None or begin < 1 or doc[begin - 1].lower_ != "the" or not doc[begin].is_lower:
            return None
        return begin

    def _region_after(self, doc: Doc, end: int) -> int | None:
        """The end of "'s (far) eastern regions" / "'s east" right after a place."""
        if end >= len(doc) or doc[end].text not in _POSSESSIVE:
            return None
        i = end + 1
        direction = self.direction_adjectives.end_of(doc, i)
        after = self.region_heads.end_of(doc, direction) if direction is not None else None
        return after or self.direction_nouns.end_of(doc, i) or self.region_heads.end_of(doc, i)

    def _dateline_names(self, doc: Doc, taken: set[int], sentences: list[int]) -> list[_Found]:
        """An upper-case name the tagger missed where a dateline puts it: at a sentence start, before a comma
        and its qualifier, a dash or an agency in brackets ("COLUMBUS, Ohio (AP) --", "MANSFIELD --")."""
        found = []
        resume = 0
        for i in numpy.flatnonzero(doc.to_array(IS_UPPER)).tolist():
            token = doc[i]
            if (i < resume or not _caps(token) or i in taken or token.ent_type_
                    or not (i == 0 or token.is_sent_start or doc[i - 1].text == ".")):
                continue
            end = i + 1
            while end < len(doc) and _caps(doc[end]) and end not in taken and not doc[end].ent_type_:
                end += 1
            resume = end
            name = doc[i:end].text
            if end >= len(doc) or doc[end].text not in self.dateline_followers or len(name) < 4:
                continue
            if name_key(name) in self.common_words:
                continue
            qualifier = self._qualifier_at(doc, end + 1) if doc[end].text == "," else None
            mention = Mention(name=name, sentence=sentences[i])
            self._qualify(doc, i, mention, qualifier)
            if any(e.is_admin1 or e.is_settlement and e.population >= _DATELINE_MIN_POPULATION
                   for e in self.resolver.candidates(mention)):
                found.append(_Found(i, end, mention))
                taken.update(range(i, end))
        return found

    def _bare_directions(self, doc: Doc, taken: set[int]) -> list[_Found]:
        """"in the east", "to the far eastern regions": vague regions with no country named."""
        found = []
        lowers = doc.to_array(LOWER)
        for the in numpy.flatnonzero(lowers == self._the_hash):
            start = int(the) + 1
            if the == 0 or start >= len(doc) or int(lowers[the - 1]) not in self._preposition_hashes:
                continue
            if not doc[start].is_lower:
                continue  # "the West", "the Far East": names, not directions
            end = self.direction_nouns.end_of(doc, start)
            if end is None:
                direction = self.direction_adjectives.end_of(doc, start)
                end = self.region_heads.end_of(doc, direction) if direction is not None else None
            if end is None or any(t in taken for t in range(start, end)):
                continue
            if end < len(doc) and (doc[end].lower_ == "of" or doc[end].pos_ in ("NOUN", "PROPN")):
                continue  # "the east of Ukraine" (a place follows), "the east coast"
            taken.update(range(start - 1, end))
            found.append(_Found(start - 1, end, None, vague=True))
        return found


def _comma_chunks(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """An entity split at its commas: "Charleston, W.Va." is a place and its qualifier."""
    chunks, begin = [], start
    for i in range(start, end):
        if doc[i].text == ",":
            if i > begin:
                chunks.append((begin, i))
            begin = i + 1
    if end > begin:
        chunks.append((begin, end))
    return chunks


def _overlaps(a: PlaceMention, b: PlaceMention) -> bool:
    return a.start < b.end and b.start < a.end


def _caps(token: Token) -> bool:
    """An upper-case word of a dateline name ("COLUMBUS", "TEL", "AVIV")."""
    return token.is_upper and token.is_alpha and len(token) >= 2


def _sentence_numbers(doc: Doc) -> list[int]:
    """The sentence number of every token (all 0 without sentence boundaries)."""
    if not doc.has_annotation("SENT_START"):
        return [0] * len(doc)
    return (numpy.cumsum(doc.to_array(SENT_START) == 1) - 1).tolist()


def _modifier(span: Span) -> bool:
    """A country's name modifying a common noun before it ("U.S. destroyer"), not a name ("U.S. Central Command")
    nor a place ("troops in the U.S.")."""
    root = span.root
    return root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ == "NOUN" and root.head.i > root.i
