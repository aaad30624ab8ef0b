"""Actor mentions (`claimscope_actors`) and source resolution, with coreference, over the actor base.

Decisions:
- A state or a capital standing for its government ("Russia", "Kyiv") is an actor mention only when it acts:
  subject of a verb, agent of a passive, object of "according to" / "citing", or the possessor or modifier of
  a statement noun ("Kyiv's claims", "Kyiv reports"). Elsewhere it is a place ("a border shared with Russia").
  The `states` config ("acting" | "always") sets this. A place name that is part of a longer name ("the Moscow
  Times", "Paris Agreement") or that the places component put in another country (Paris, Texas) is no actor.
- Every state is known (curated, or generated from the gazetteer's country table): "Kinshasa said", "the
  Sudanese army", "Moroccan officials". A name of a state that also names something else ("Georgia", "Jordan")
  means the state only when the document names it otherwise too (demonym, capital, a place in it).
- A state as a source speaks through its government: `resolve_source` turns "Ukraine" into the Government of
  Ukraine; `doc._.actors` keeps the state itself (kind state).
- An unnamed group of a state's officials ("US officials", "the Russian authorities") resolves to that state's
  government; its unnamed bodies ("Ukrainian intelligence services") to the body the base names for them.
  An unnamed spokesperson or official of a known body ("a spokesman for the Russian Defence Ministry",
  "a Pentagon spokesperson") resolves to that body; a single unnamed official ("a Ukrainian official") stays
  an unknown person with a country.
- A title picks a known person only when no other personal name comes with it and its owner is named in the
  mention: "Ukrainian President Petro Poroshenko" is an unknown person of Ukraine, "Government spokesman
  Jean-Pierre Kalala" is not Karine Jean-Pierre. A known surname inside a longer name ("Hunter Biden") is not
  that person. An unknown office holder without a nationality in the mention ("Prime Minister X", "a
  government spokesman") gets the country of the nearest name of a state before it; a description without an
  owner and without an antecedent ("the interior ministry") is that state's body when the base knows it.
- Descriptions with a definite article ("the intelligence service") and pronouns are resolved by
  `resolve_source` only: to the last compatible source resolved before them, unless a compatible mention that is
  a subject comes after that source; else to the last compatible mention. A document noun ("the statement
  said", "a NATO statement") speaks for its issuer. A source resolved through another mention of an actor the
  base does not know carries that mention's name as its actor ("he" -> "Sok Vanna").
- `doc._.actors` lists names, titles, metonyms, nationality + body, and unknown PERSON / ORG entities.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimscope.extract import extensions  # noqa: F401  (registers Doc._ attributes)
from claimscope.extract.actorbase import Actor, ActorBase, ActorWords, guess_kind
from claimscope.extract.types import ActorMention, PlaceMention

__all__ = ["Actor", "ActorBase", "ActorMentions", "guess_kind", "resolve_source", "ruler_patterns"]

# Doc.user_data keys: the actor file a doc was processed with (when not the packaged one), the owners whose
# ambiguous names the doc does not mean, the (offset, country, acting) of every name of a state in it, the
# offsets of its line breaks, and the sources resolved so far.
ACTORS_FILE_KEY = "claimscope_actors_file"
SKIP_KEY = "claimscope_actors_skip"
CUES_KEY = "claimscope_country_cues"
PARAGRAPHS_KEY = "claimscope_line_breaks"
SOURCES_KEY = "claimscope_sources"
# Entity labels for the ruler; other kinds are ORG. States are left to the place patterns (one owner per GPE).
RULER_LABELS = {"person": "PERSON"}
UNKNOWN_LABELS = ("PERSON", "ORG")
NAME_ENTITIES = ("", "PERSON")  # entity types a word of a personal name may carry
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Dependencies that keep a word inside the noun phrase of a source, with the steps of distance they cost
# (prepositions and appositions are free), and those of words in apposition to the head.
NP_DEPS = {"poss": 1, "compound": 1, "amod": 1, "nmod": 1, "pobj": 1, "npadvmod": 1, "prep": 0, "appos": 0}
APPOSITION_DEPS = {"appos": 0, "conj": 0}
# Kinds whose country sets the context of an unknown office holder (not outlets, persons or organisations).
STATE_KINDS = frozenset({"state", "government", "agency", "military unit"})
QUOTATION = re.compile(r'"[^"\n]*"|\u201c[^\u201d\n]*\u201d')


class _Source(NamedTuple):
    """A source resolved earlier in the document; `name` is the name of an actor the base does not know."""

    start: int
    end: int
    actor: str | None
    kind: str | None
    country: str | None
    name: str | None


def ruler_patterns(base: ActorBase | None = None) -> list[dict]:
    """Entity-ruler patterns (case-sensitive) for every proper name of a known actor other than a state:
    PERSON for people, ORG otherwise; `id` is the canonical name."""
    base = base or ActorBase.default()
    return [
        {"label": RULER_LABELS.get(actor.kind, "ORG"), "pattern": form, "id": actor.name}
        for form, actor in base.alias_surfaces()
        if actor.kind != "state"
    ]


@Language.factory(
    "claimscope_actors",
    default_config={"actors_file": "", "states": "acting", "unknown_entities": True},
)
def make_actor_mentions(
    nlp: Language, name: str, actors_file: str, states: str, unknown_entities: bool
) -> ActorMentions:
    """The `claimscope_actors` component: `actors_file` ("" = packaged base), `states` ("acting" | "always":
    when a state or capital is an actor mention), `unknown_entities` (list unknown PERSON / ORG entities)."""
    return ActorMentions(nlp, name, actors_file=actors_file, states=states, unknown_entities=unknown_entities)


class ActorMentions:
    """Sets `doc._.actors`: every mention of a person, body, outlet or acting state, resolved when known."""

    def __init__(
        self, nlp: Language, name: str, actors_file: str = "", states: str = "acting", unknown_entities: bool = True
    ) -> None:
        if states not in ("acting", "always"):
            raise ValueError(f"claimscope_actors: states must be 'acting' or 'always', not {states!r}")
        self.name = name
        self.actors_file = actors_file
        self.states = states
        self.unknown_entities = unknown_entities
        self.base = ActorBase.from_file(actors_file) if actors_file else ActorBase.default()
        self.matcher = PhraseMatcher(nlp.vocab)
        surfaces = list(self.base.surfaces())
        patterns: dict[str, list[Doc]] = defaultdict(list)
        for (_, key), pattern in zip(surfaces, nlp.tokenizer.pipe(form for form, _ in surfaces)):
            patterns[key].append(pattern)
        for key, docs in patterns.items():
            self.matcher.add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        if self.actors_file:
            doc.user_data[ACTORS_FILE_KEY] = self.actors_file
        places = doc._.places or []
        text = doc.text
        skip = self.base.unsupported(text, {p.country for p in places if p.country})
        doc.user_data[SKIP_KEY] = sorted(skip)
        doc.user_data.pop(SOURCES_KEY, None)
        base = self.base.without(skip)
        matches = [(doc.vocab.strings[match_id], start, end) for match_id, start, end in self.matcher(doc)]
        known = self._known(doc, base, _spans(doc, base, matches), places)
        doc.user_data[CUES_KEY] = _country_cues(doc, text, base, matches, [m for _, m in known], places)
        doc.user_data[PARAGRAPHS_KEY] = [m.start() for m in re.finditer("\n", text)]
        taken = {i for span, _ in known for i in range(span.start, span.end)}
        mentions = [mention for _, mention in known]
        mentions += self._by_surname(doc, base, mentions, taken)
        mentions += _named_as(doc, base, taken)
        if self.unknown_entities:
            mentions += self._unknown(doc, base, taken, places)
        doc._.actors = sorted(mentions, key=lambda m: (m.start, m.end))
        return doc

    def _known(
        self, doc: Doc, base: ActorBase, spans: list[tuple[Span, list[Actor]]], places: list[PlaceMention]
    ) -> list[tuple[Span, ActorMention]]:
        """Names, titles, bodies and metonyms of the base found in the text (longest match wins)."""
        candidates = {(s.start, s.end): actors for s, actors in spans}
        place_at = {p.start: p for p in places}
        found = []
        for span in filter_spans([s for s, _ in spans]):
            actors = candidates[(span.start, span.end)]
            if base.is_placelike(span.label_) and not self._speaks(span, base, actors, place_at.get(span.start_char)):
                continue
            if _modifier(span, base):
                continue
            person = base.one_of(actors)
            if person is not None and person.kind == "person" and _name_goes_on(span, base):
                continue
            if span.start > 0 and doc[span.start - 1].lower_ == "the":
                span = doc[span.start - 1 : span.end]
            found.append((span, _mention(base, span, actors)))
        return found

    def _speaks(self, span: Span, base: ActorBase, actors: list[Actor], place: PlaceMention | None) -> bool:
        """True when a state's or capital's name stands for an actor here: it acts (or states are "always"),
        it is not part of a longer name, and the places component did not put it in another country."""
        if self.states == "acting" and not acting(span.root, base):
            return False
        if any(t.ent_type_ == "PERSON" for t in span) or _in_longer_entity(span):
            return False
        return place is None or not place.country or place.country in {a.country for a in actors}

    def _by_surname(
        self, doc: Doc, base: ActorBase, mentions: list[ActorMention], taken: set[int]
    ) -> list[ActorMention]:
        """A PERSON entity that is the surname of a person named in full elsewhere in the text ("Austin")."""
        people: dict[str, set[str]] = defaultdict(set)
        for mention in mentions:
            actor = base.get(mention.actor) if mention.actor else None
            if actor is not None and actor.kind == "person":
                for form in (actor.name, *actor.aliases):
                    people[base.words.words(form)[-1]].add(actor.name)
        found = []
        for ent in doc.ents:
            if ent.label_ != "PERSON" or taken.intersection(range(ent.start, ent.end)):
                continue
            names = people.get(base.words.key(ent.text), set())
            if len(names) == 1 and not _name_goes_on(ent, base):
                found.append(_mention(base, ent, [base.get(names.pop())]))
                taken.update(range(ent.start, ent.end))
        return found

    def _unknown(
        self, doc: Doc, base: ActorBase, taken: set[int], places: list[PlaceMention]
    ) -> list[ActorMention]:
        """PERSON / ORG entities the base does not know, and acting countries it does not know."""
        place_at = {(p.start, p.end): p for p in places}
        found: list[ActorMention] = []
        surnames: dict[str, str] = {}  # last word of an unknown person's full name -> its country
        for ent in doc.ents:
            if taken.intersection(range(ent.start, ent.end)):
                continue
            place = place_at.get((ent.start_char, ent.end_char))
            named = ent.label_ in UNKNOWN_LABELS and place is None
            if named and not _modifier(ent, base) and not _title_part(ent, base):
                if ent.label_ == "PERSON":
                    ent = _full_name(ent, base, taken)
                    taken.update(range(ent.start, ent.end))
                mention = _unknown_mention(base, ent, place_at.values())
                if ent.label_ == "PERSON" and len(ent) > 1 and mention.country:
                    surnames[base.words.key(ent[-1].text)] = mention.country
                elif ent.label_ == "PERSON" and len(ent) == 1 and mention.country is None:
                    # "Lipavský" after "Foreign Minister Jan Lipavský": the same person.
                    country = surnames.get(base.words.key(ent.text))
                    mention = ActorMention(mention.text, mention.start, mention.end, None, "person", country)
                found.append(mention)
            elif (
                place is not None
                and place.precision == "country"
                and place.country
                and (self.states == "always" or acting(ent.root, base))
            ):
                found.append(ActorMention(ent.text, ent.start_char, ent.end_char, None, "state", place.country))
        return found


def _named_as(doc: Doc, base: ActorBase, taken: set[int]) -> list[ActorMention]:
    """The name a participle gives a described person ("a North Korean soldier, identified by his surname Ri"):
    a person of the description's country."""
    found = []
    for verb in doc:
        person = verb.head
        if verb.dep_ != "acl" or verb.lemma_.lower() not in base.words.naming_verbs or person.pos_ != "NOUN":
            continue
        if guess_kind(person.text) != "person":
            continue
        names = [t for t in verb.subtree if t.pos_ == "PROPN" and t.is_title and t.i not in taken]
        if not names or names[-1].i - names[0].i + 1 != len(names):
            continue
        description = doc[person.left_edge.i : person.i + 1].text
        span = doc[names[0].i : names[-1].i + 1]
        taken.update(range(span.start, span.end))
        found.append(ActorMention(span.text, span.start_char, span.end_char, None, "person",
                                  base.country_in(description)))
    return found


def _spans(doc: Doc, base: ActorBase, matches: list[tuple[str, int, int]]) -> list[tuple[Span, list[Actor]]]:
    """Every match of the base in the text that names an actor, with its candidates; an owner form with the
    phrase after or before it ("Sudanese army", "Ukraine's intelligence", "Ministry of Health of Morocco")."""
    on = doc._.published
    found = []
    for key, start, end in matches:
        actors = base.candidates(key, on)
        if actors:
            found.append((Span(doc, start, end, label=key), actors))
        if base.is_owner_form(key):
            found.extend(_composed(doc, base, start, end, on))
    return found


def _composed(doc: Doc, base: ActorBase, start: int, end: int, on: date | None) -> list[tuple[Span, list[Actor]]]:
    """An owner form's longest known phrase after it ("Sudanese army", "Ukraine's intelligence") and before it
    through "of" ("Ministry of Health of Morocco", "the president of the United States")."""
    found = []
    after = end + 1 if end < len(doc) and doc[end].lower_ in ("'s", "\u2019s", "'", "\u2019") else end
    stop = next((i for i in range(after, min(after + base.phrase_length, len(doc))) if not _word(doc[i])), None)
    for n in range(min(base.phrase_length, len(doc) - after) if stop is None else stop - after, 0, -1):
        found += _phrase_span(doc, base, start, after + n, doc[after : after + n], on)
        if found:
            break
    of = start - 2 if start >= 2 and doc[start - 1].lower_ == "the" else start - 1
    if of >= 1 and doc[of].lower_ == "of":
        stop = next((i for i in range(1, min(base.phrase_length, of) + 1) if not _word(doc[of - i])), of + 1)
        for n in range(min(base.phrase_length, of, stop - 1), 0, -1):
            before = _phrase_span(doc, base, of - n, end, doc[of - n : of], on)
            if before:
                return found + before
    return found


def _word(token: Token) -> bool:
    """True when a token can be part of a body's or title's phrase (no punctuation but a hyphen)."""
    return not (token.is_punct or token.is_space) or token.text == "-"


def _phrase_span(
    doc: Doc, base: ActorBase, start: int, end: int, phrase: Span, on: date | None
) -> list[tuple[Span, list[Actor]]]:
    if base.words.key(phrase.text) not in base.phrases:
        return []
    key = base.words.key(doc[start:end].text)
    actors = base.candidates(key, on)
    return [(Span(doc, start, end, label=key), actors)] if actors else []


def _country_cues(
    doc: Doc,
    text: str,
    base: ActorBase,
    matches: list[tuple[str, int, int]],
    known: list[ActorMention],
    places: list[PlaceMention],
) -> list[tuple[int, str, bool]]:
    """(offset, country, acting) of every mention of a state or its bodies and every place that sets a sentence's
    scene ("In Bangkok, ..."), which are acting, and of every other name, demonym or capital of a state and
    every other place, in text order, quotations left out: where an unknown office holder's country is looked
    for."""
    cues = {(p.start, p.country, _sets_scene(doc, p)) for p in places if p.country}
    cues.update((m.start, m.country, True) for m in known if m.kind in STATE_KINDS and m.country)
    for key, start, end in matches:
        if base.is_owner_form(key):
            country = base.country_in(doc[start:end].text)
            if country:
                cues.add((doc[start].idx, country, False))
    # Names inside a quotation are what a speaker talks about, not where the text is.
    quoted = [(m.start(), m.end()) for m in QUOTATION.finditer(text)]
    return sorted(c for c in cues if not any(a <= c[0] < b for a, b in quoted))


def _sets_scene(doc: Doc, place: PlaceMention) -> bool:
    """True when a place opens its sentence as the scene of what follows ("In Moscow, the ministry said")."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    prep = span.root.head if span is not None and span.root.dep_ == "pobj" else None
    return (
        prep is not None
        and prep.lower_ in ("in", "from")
        and (prep.i == 0 or bool(prep.is_sent_start))
        and span.end < len(doc)
        and doc[span.end].text == ","
    )


def _context_country(doc: Doc, start: int, scene: bool = False) -> str | None:
    """The state a text is about at a character offset: the nearest mention of a state or its bodies, or scene,
    before it in its paragraph ("Kigali denied ... government spokeswoman X said", "In Bangkok, Prime Minister X
    said"), else the country that most of the document's names of states and places before it are of (none
    when no country has most). With `scene`, the fallback is the country most of the document's places are in
    (towns and regions count twice): where an unnamed body ("the health ministry", "authorities") works."""
    cues = doc.user_data.get(CUES_KEY) or []
    before = cues[: bisect.bisect_left(cues, (start, "", False))]
    breaks = doc.user_data.get(PARAGRAPHS_KEY) or []
    paragraph = breaks[bisect.bisect_left(breaks, start) - 1] if breaks and breaks[0] < start else -1
    acting = [country for offset, country, mention in before if mention and offset > paragraph]
    if acting:
        return acting[-1]
    if scene:
        return _scene_country(doc)
    counts: dict[str, int] = defaultdict(int)
    for _, country, _ in before:
        counts[country] += 1
    best = max(counts, key=counts.__getitem__, default=None)
    return best if best is not None and 2 * counts[best] > len(before) else None


def _scene_country(doc: Doc) -> str | None:
    """The country most of a document's places are in, towns and regions counting twice (none on a tie)."""
    counts: dict[str, int] = defaultdict(int)
    for place in doc._.places or ():
        if place.country:
            counts[place.country] += 1 if place.precision == "country" else 2
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def _unknown_mention(base: ActorBase, ent: Span, places: Iterable[PlaceMention]) -> ActorMention:
    """An entity the base does not know, with the kind and country the words describing it tell: before it in
    its noun phrase ("Ukrainian lawmaker Oleksandr Merezhko") or, for a person, in apposition ("X, the
    Moscow-installed governor of Sevastopol", "X, a spokeswoman for the service in Odesa"). A person with a
    state office title and no nationality takes the context's country ("Prime Minister X")."""
    doc = ent.doc
    left = doc[min(ent.root.left_edge.i, ent.start) : ent.start]
    person = ent.label_ == "PERSON"
    kind = "person" if person else guess_kind(ent.text) or guess_kind(left.text)
    described = [left, *(_appositions(ent) if person else [ent])]
    # A person's own name tells no country ("Chad Smith", "Michael Jordan"); a place does in an office ("the
    # governor of X"), not in a party label ("(R-Fla.)").
    country = base.country_in(" ".join(d.text for d in described))
    located = [d for d in described if not person or base.words.office_words.intersection(base.words.words(d.text))]
    if country is None:
        country = next(
            (p.country for p in places for d in located if d.start_char <= p.start and p.end <= d.end_char), None
        )
    if country is None and person and any(_office(base, d) for d in described):
        country = _context_country(doc, ent.start_char)
        # Not the context's state when its holder of that title is someone else ("President Obama" in a
        # paragraph on Russia: Russia's president is known and is not him).
        state = base.state_for(country) if country else None
        if state and any(a.kind == "person" for a in base.owned(state, left.text, doc._.published)):
            country = None
    return ActorMention(ent.text, ent.start_char, ent.end_char, None, kind, country)


def _appositions(ent: Span) -> list[Span]:
    """The descriptions in apposition to a name: "the head of the regional administration" in "X, the head of
    the regional administration, said", "Its spokesman" in "Its spokesman, X, said"."""
    doc = ent.doc
    root = ent.root
    found = [doc[c.left_edge.i : c.right_edge.i + 1] for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        head = root.head
        found.append(doc[head.left_edge.i : head.i + 1])
    return found


def _office(base: ActorBase, title: Span) -> bool:
    """True when the words before a name are a state office title with no owner ("Government spokesman",
    "Information Minister"; not "UN envoy", "Clinton spokesman", "Western diplomat")."""
    words = base.words
    found = False
    for token in title:
        word = words.key(token.text)
        if base.is_owner_form(word) or word in words.regional_words:
            return False
        role = word in words.office_words or word in words.honorifics or word in words.kind_words
        if token.ent_type_ and not (role or word in base.title_words):
            return False
        found = found or word in words.office_words
    return found


def _full_name(ent: Span, base: ActorBase, taken: set[int]) -> Span:
    """A PERSON entity widened over the capitalised name words next to it that no entity claims ("Jean-Pierre"
    + "Kalala" when the ruler tagged a known surname)."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while end < len(doc) and end not in taken and _name_word(doc[end], base):
        end += 1
    while start > 0 and start - 1 not in taken and _name_word(doc[start - 1], base):
        start -= 1
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_)


def _name_word(token: Token, base: ActorBase) -> bool:
    """A capitalised proper noun that can be part of a personal name (not a title, an honorific or a date)."""
    if token.pos_ != "PROPN" or not token.is_title or token.ent_type_ not in NAME_ENTITIES:
        return False
    word = base.words.key(token.text)
    return word not in base.title_words and word not in base.words.honorifics and word not in base.words.kind_words


def _name_goes_on(span: Span, base: ActorBase) -> bool:
    """True when a known person's name or title is part of a longer personal name: "Jean-Pierre Kalala",
    "Hunter Biden", "Ukrainian President Petro Poroshenko" (the span names someone else)."""
    doc = span.doc
    if span.end < len(doc) and span.root.head.i >= span.end:
        after = doc[span.end]
        if after.pos_ == "PROPN" and after.is_title and after.ent_type_ in NAME_ENTITIES:
            return True
    if span.start > 0:
        before = doc[span.start - 1]
        if span.start <= before.head.i < span.end and _name_word(before, base):
            return True
    return False


def _in_longer_entity(span: Span) -> bool:
    """True when an entity reaches beyond the span ("Moscow" in "the Moscow Times")."""
    return any(
        ent.start < span.end and span.start < ent.end and (ent.start < span.start or ent.end > span.end)
        for ent in span.doc.ents
    )


def acting(token: Token, base: ActorBase) -> bool:
    """True when a place name acts as a speaker: subject of a verb other than "be", passive agent, "according
    to" / citing object, or the possessor or modifier of a statement noun ("Kyiv's claims", "Kyiv reports")."""
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    dep, head = token.dep_, token.head
    words = base.words
    if dep == "nsubj":
        return head.lemma_ != "be"  # "Seoul is cold" describes the place
    if dep == "pobj":
        return (
            head.dep_ == "agent"
            or (head.lower_ == "to" and head.head.lower_ == "according")
            or head.head.lemma_.lower() in words.statement_nouns
        )
    if dep == "dobj":
        return head.lemma_.lower() in words.citing_verbs
    return dep in ("poss", "compound", "amod", "nmod") and head.lemma_.lower() in words.statement_nouns


# ---------------------------------------------------------------------------------------------- sources


def resolve_source(doc: Doc, start: int, end: int) -> ActorMention:
    """Resolve a source span (character offsets): a known actor by its name, title, metonym or nationality +
    body; a named unknown person; the issuer of a document noun; else the actor a description or pronoun
    refers back to; else an unknown actor with a guessed kind. Remembered as a source for later pronouns."""
    mention, name = _resolve(doc, start, end)
    sources = doc.user_data.setdefault(SOURCES_KEY, [])
    sources[:] = [s for s in sources if (s[0], s[1]) != (start, end)]
    actor = mention.actor if name is None else None  # a name the base does not know is no canonical name
    sources.append(tuple(_Source(start, end, actor, mention.kind, mention.country, name)))
    sources.sort(key=_position)
    return mention


def _resolve(doc: Doc, start: int, end: int, depth: int = 0) -> tuple[ActorMention, str | None]:
    """The source's mention and, for an actor the base does not know, its name."""
    base = _base_of(doc)
    span = doc.char_span(start, end, alignment_mode="expand")
    # From the span, not `doc.text`, which spaCy rebuilds from every token on each call.
    text = span.text[start - span.start_char : end - span.start_char] if span is not None else doc.text[start:end]
    on = doc._.published
    mentions = [m for m in doc._.actors or () if m.actor is not None or m.kind is not None]
    inner = [
        (m, doc.char_span(m.start, m.end, alignment_mode="expand"))
        for m in mentions
        if start <= m.start and m.end <= end
    ]
    actor = base.resolve(text, on) or _at_root(base, span, inner)
    if actor is None:
        earlier = _named_in_full(base, doc, span, mentions)
        if earlier is not None:  # "Lee" after "MP Lee Seong-kweun", "Abiad" after "Minister Firass Abiad"
            return _as(base, text, start, end, earlier), earlier.name if earlier.actor is None else None
    named = _named_person(span, inner)
    if named is not None and (actor is None or actor.kind != "person") and guess_kind(text) in (None, "person"):
        # A name the base does not know is the source, named by itself; a body or title with it gives its
        # country.
        country = (actor.country if actor else None) or base.country_in(text.replace(named.text, "")) or named.country
        return ActorMention(text, start, end, named.text, "person", country), named.text
    if actor is not None:
        actor = base.speaker(actor)
        return ActorMention(text, start, end, actor.name, actor.kind, actor.country), None
    issuer = _issuer_of(doc, span, depth) if span is not None and depth < 3 else None
    if issuer is not None:
        found, name = issuer
        return ActorMention(text, start, end, found.actor or name, found.kind, found.country), name
    antecedent = _antecedent(base, doc, text, start, on, mentions)
    if antecedent is not None:
        return _as(base, text, start, end, antecedent), antecedent.name if antecedent.actor is None else None
    body = _named_body(base, doc, span, mentions) if span is not None else None
    if body is not None:
        return _as(base, text, start, end, body), body.name if body.actor is None else None
    actor = _by_context(base, doc, text, start, on)
    # A head with its own nationality ("a North Korean diplomat at the UN") is not a member of the body after it.
    if actor is None and base.owner_prefix(base.words.head_phrase(text))[0] is None:
        actor = _related(base, span, inner)
    if actor is not None:
        return ActorMention(text, start, end, actor.name, actor.kind, actor.country), None
    rooted = [m for m, s in inner if span is not None and span.root in s]
    kind = guess_kind(text) or (rooted[0].kind if rooted else None)
    country = base.country_in(text) or (rooted[0].country if rooted else None)
    office = kind == "person" and bool(base.words.office_words.intersection(base.words.words(text)))
    if country is None and (kind in STATE_KINDS or office) and not _regional(base, text):
        # An unnamed or unknown state body or office holder ("the Ministry of Public Health", "local
        # authorities", "the minister") is of the state the text is about there.
        country = _context_country(doc, start, scene=True)
    # A proper name the base does not know names the source ("the Rapid Support Forces").
    name = _proper_name(base, span) if span is not None and span.root.pos_ == "PROPN" else None
    return ActorMention(text, start, end, name, kind, country), name


def _regional(base: ActorBase, text: str) -> bool:
    """True when a mention places itself in no single state ("U.N. agencies", "international monitors")."""
    return bool(base.words.regional_words.intersection(base.words.words(text)))


def _named_in_full(base: ActorBase, doc: Doc, span: Span | None, mentions: list[ActorMention]) -> _Source | None:
    """For a lone name word ("Lee", "Abiad"), the person named in full before it whose name begins or ends
    with that word (a surname comes first in "Lee Seong-kweun", last in "Firass Abiad"), or named by that word
    alone with a country ("identified as Ri"); one such person only."""
    if span is None:
        return None
    words = [t for t in span if t.lower_ not in base.words.definite]
    if len(words) != 1 or words[0].pos_ != "PROPN" or not words[0].is_title:
        return None
    key = base.words.key(words[0].text)
    found: dict[str, ActorMention] = {}
    for mention in mentions:
        if mention.end > span.start_char or mention.kind != "person":
            continue
        name = base.words.words(mention.actor or mention.text)
        if len(name) > 1 and key in (name[0], name[-1]) or name == [key] and mention.country:
            found[mention.actor or mention.text] = mention
    if len(found) != 1:
        return None
    return _from_mention(found.popitem()[1])


def _proper_name(base: ActorBase, span: Span) -> str:
    """A name as its words say it, without a leading determiner or owner ("Ukraine's Coordination
    Headquarters" -> "Coordination Headquarters")."""
    start = span.start
    while start < span.root.i and span.doc[start].lower_ in base.words.definite | base.words.indefinite:
        start += 1
    possessive = next((t.i for t in span.doc[start : span.root.i] if t.dep_ == "case"), None)
    if possessive is not None and base.is_owner_form(base.words.key(span.doc[start:possessive].text)):
        start = possessive + 1
    return span.doc[start : span.end].text


def _as(base: ActorBase, text: str, start: int, end: int, antecedent: _Source) -> ActorMention:
    """A source span standing for an antecedent: its actor (the speaker for a state) or its name."""
    actor = base.get(antecedent.actor) if antecedent.actor else None
    if actor is not None:
        actor = base.speaker(actor)
        return ActorMention(text, start, end, actor.name, actor.kind, actor.country)
    return ActorMention(text, start, end, antecedent.name, antecedent.kind, antecedent.country)


def _named_person(span: Span | None, inner: list[tuple[ActorMention, Span]]) -> ActorMention | None:
    """An unknown person named at the head of the source or in apposition to it ("Government spokesman
    Jean-Pierre Kalala", "an army spokesman, Brigadier Osman Hamid")."""
    if span is None:
        return None
    for mention, mspan in inner:
        if mention.actor is None and mention.kind == "person" and mspan is not None:
            if span.root in mspan or _path_cost(mspan.root, span.root, APPOSITION_DEPS) is not None:
                return mention
    return None


def _issuer_of(doc: Doc, span: Span, depth: int) -> tuple[ActorMention, str | None] | None:
    """For a source headed by a document noun ("the statement", "A NATO statement", "the WHO's data"): its
    issuer named in it, else the issuer of the last document of that name before it, else the last source."""
    words = _base_of(doc).words
    head = span.root
    if not {head.lemma_.lower(), head.lower_} & words.document_nouns or head.ent_type_:
        return None
    issuer = _issuer_token(head, span, words)
    if issuer is None:
        owner = _owner_before(doc, span, head)
        if owner is not None:  # "previous Lebanese government data": the Lebanese government's
            return ActorMention(span.text, span.start_char, span.end_char, owner.name, owner.kind, owner.country), None
        if not any(t.lower_ in words.definite for t in span if t.i < head.i):
            return None
        earlier = [t for t in doc[: span.start] if t.lower_ == head.lower_]
        issuer = next((i for t in reversed(earlier) if (i := _issuer_token(t, None, words)) is not None), None)
    if issuer is None:
        last = _sources_before(doc, span.start_char)
        if not last:
            return None
        source = last[-1]
        return ActorMention(span.text, span.start_char, span.end_char, source.actor, source.kind, source.country), (
            source.name
        )
    left, right = _noun_phrase(issuer)
    return _resolve(doc, doc[left].idx, doc[right].idx + len(doc[right]), depth + 1)


def _owner_before(doc: Doc, span: Span, head: Token) -> Actor | None:
    """A known actor named by the words before a document noun, without leading words the base does not read
    ("previous Lebanese government" -> the Government of Lebanon)."""
    base = _base_of(doc)
    for start in range(span.start, head.i):
        actor = base.resolve(doc[start : head.i].text, doc._.published)
        if actor is not None:
            return base.speaker(actor)
    return None


def _noun_phrase(token: Token) -> tuple[int, int]:
    """First and last word of a noun's phrase, without what follows a comma, a relative clause or a
    conjunction ("the US State Department" in "the US State Department, which published the text")."""
    left = token.left_edge.i
    while left < token.i and token.doc[left].is_punct:
        left += 1
    right = token.i
    for child in token.rights:
        if child.dep_ in ("relcl", "appos", "acl", "punct", "cc", "conj", "case"):
            break
        right = child.right_edge.i
    return left, right


def _issuer_token(noun: Token, inside: Span | None, words: ActorWords) -> Token | None:
    """Who issued a document noun: its possessor or a named modifier ("Kyiv's statement", "a NATO statement"),
    the object of "from"/"by" after it, or the subject of the verb it goes with ("X said in a statement", "X
    issued a statement"); within `inside` only the first two."""
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in words.organisation_pronouns | set(words.person_pronouns):
            return child
        if child.dep_ in ("compound", "nmod") and (child.ent_type_ or child.pos_ == "PROPN"):
            return child
        if child.dep_ == "prep" and child.lower_ in words.issuer_prepositions:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if inside is not None:
        return None
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ == "dobj" else None
    if verb is not None and verb.lemma_.lower() in words.issuing_verbs:
        return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    return None


def _position(source: tuple) -> tuple[int, int]:
    """Sources order by their offsets alone: their other fields may be None, which does not compare with text
    (a stable sort keeps equal spans in the order they were found)."""
    return source[0], source[1]


def _sources_before(doc: Doc, start: int) -> list[_Source]:
    return [_Source(*s) for s in doc.user_data.get(SOURCES_KEY) or () if s[1] <= start]


def _at_root(base: ActorBase, span: Span | None, inner: list[tuple[ActorMention, Span]]) -> Actor | None:
    """A known mention that is the head of the source span or in apposition to it ("the head of the NIS,
    Cho Tae-yong")."""
    if span is None:
        return None
    for mention, mspan in inner:
        if mention.actor and (span.root in mspan or _path_cost(mspan.root, span.root, APPOSITION_DEPS) is not None):
            return base.get(mention.actor)
    return None


def _related(base: ActorBase, span: Span | None, inner: list[tuple[ActorMention, Span]]) -> Actor | None:
    """The known body a source's head word belongs to ("a spokesman for the Russian Defence Ministry", "a
    Pentagon spokesperson"); for a person named beside it ("an aide to Zelensky"), that person's body."""
    if span is None:
        return None
    best: tuple[int, int, Actor] | None = None
    for mention, mspan in inner:
        actor = base.get(mention.actor) if mention.actor else None
        cost = _path_cost(mspan.root, span.root)
        if actor is not None and cost is not None and cost <= 1 and (best is None or cost <= best[0]):
            best = (cost, mention.start, actor)
    if best is None:
        return None
    actor = best[2]
    if actor.kind == "person" and actor.parent:
        return base.get(actor.parent)
    return base.speaker(actor)


def _path_cost(token: Token, root: Token, deps: dict[str, int] = NP_DEPS) -> int | None:
    """Steps from a word up to the head of its noun phrase through the given dependencies (None: it is not
    inside); "the Russian Defence Ministry" in "a spokesman for the Russian Defence Ministry" is one step from
    "spokesman"."""
    cost = 0
    while token.i != root.i:
        if token.dep_ not in deps or token.head.i == token.i:
            return None
        cost += deps[token.dep_]
        token = token.head
    return cost


def _antecedent(
    base: ActorBase, doc: Doc, text: str, start: int, on: date | None, mentions: list[ActorMention]
) -> _Source | None:
    """The actor a pronoun ("he", "it") or a definite description ("the intelligence service", "the Ukrainian
    agency", "the president") refers back to: the last compatible source or mention before `start`."""
    words = base.words
    article, rest = words.strip_determiner(words.words(text))
    before = [m for m in mentions if m.end <= start]
    sources = _sources_before(doc, start)
    if article is None and len(rest) == 1 and rest[0] in words.person_pronouns:
        gender = words.person_pronouns[rest[0]]

        def fits(kind: str | None, actor: str | None) -> bool:
            found = base.get(actor) if actor else None
            return kind == "person" and (found is None or found.gender in (None, gender))

        return _prefer(doc, [s for s in sources if fits(s.kind, s.actor)], [m for m in before if fits(m.kind, m.actor)])
    if article is None and len(rest) == 1 and rest[0] in words.organisation_pronouns:
        return _prefer(doc, [s for s in sources if s.kind != "person"], [m for m in before if m.kind != "person"])
    if article not in words.definite:
        return None
    owner, rest = base.owner_prefix(rest)
    head = words.head(rest)
    if head is None:
        return None
    cue, kinds, modifiers = head
    role = cue.split()[-1] if cue.split()[-1] in base.role_words else None
    owner_country = base.get(owner).country if owner else None

    def compatible(actor: str | None, kind: str | None, country: str | None, name: str) -> bool:
        vocabulary = base.vocabulary(actor) if actor else frozenset(words.words(name))
        if kind not in kinds and not set(cue.split()) <= vocabulary:
            return False
        if owner and not (base.root(actor) == owner if actor else country == owner_country):
            return False
        if role and kind == "person" and not (base.has_role(actor, role, on) if actor else role in vocabulary):
            return False
        return set(modifiers) <= vocabulary

    def named_so(actor: str | None, name: str) -> bool:
        return set(cue.split()) <= (base.vocabulary(actor) if actor else frozenset(words.words(name)))

    fitting = [s for s in sources if compatible(s.actor, s.kind, s.country, s.name or "")]
    fitting_mentions = [m for m in before if compatible(m.actor, m.kind, m.country, m.text)]
    # An actor called by the description's word beats one of the same kind only ("the army": Sudan's army,
    # not the Rapid Support Forces).
    called = [s for s in fitting if named_so(s.actor, s.name or "")]
    called_mentions = [m for m in fitting_mentions if named_so(m.actor, m.text)]
    if called or called_mentions:
        fitting, fitting_mentions = called, called_mentions
    return _prefer(doc, fitting, fitting_mentions, subjects_only=False)


def _prefer(
    doc: Doc, sources: list[_Source], mentions: list[ActorMention], subjects_only: bool = True
) -> _Source | None:
    """The last compatible source, unless a compatible mention that is a subject comes after it; without a
    source, the last mention (for pronouns the last subject of its sentence: "Zelensky met Rutte. He said")."""
    if sources:
        last = sources[-1]
        later = [m for m in mentions if m.start >= last.end and _is_subject(doc, m)]
        return _from_mention(later[-1]) if later else last
    if not mentions:
        return None
    return _from_mention(_last_subject(doc, mentions) if subjects_only else mentions[-1])


def _from_mention(mention: ActorMention) -> _Source:
    name = re.sub(r"^(?:the|The)\s+", "", mention.text)
    return _Source(mention.start, mention.end, mention.actor, mention.kind, mention.country, name)


def _is_subject(doc: Doc, mention: ActorMention) -> bool:
    return _span_of(doc, mention).root.dep_ in SUBJECT_DEPS


def _span_of(doc: Doc, mention: ActorMention) -> Span:
    return doc.char_span(mention.start, mention.end, alignment_mode="expand")


def _last_subject(doc: Doc, candidates: list[ActorMention]) -> ActorMention:
    """The last candidate, or, in the same sentence, the last one that is a subject (pronouns continue the
    topic: "Zelensky met Rutte. He said ...")."""
    last = candidates[-1]
    sentence = _span_of(doc, last).sent
    for mention in reversed(candidates):
        if mention.start < sentence.start_char:
            break
        if _is_subject(doc, mention):
            return mention
    return last


def _named_body(base: ActorBase, doc: Doc, span: Span, mentions: list[ActorMention]) -> _Source | None:
    """For unnamed members of a body named by a proper noun ("Treasury officials", "a Hamas spokesman"): the
    last mention before whose name has that word ("the Treasury Department")."""
    if span.root.pos_ == "PROPN" or base.words.head(base.words.words(span.root.text)) is None:
        return None
    names = {
        base.words.key(t.text)
        for t in span[: span.root.i - span.start]
        if (t.pos_ == "PROPN" or t.ent_type_ == "ORG") and t.dep_ in ("compound", "nmod", "amod")
    }
    names = {n for n in names if n and not base.is_owner_form(n)}
    if not names:
        return None
    earlier = [_from_mention(m) for m in mentions if m.end <= span.start_char and m.kind != "person"]
    earlier += [s for s in _sources_before(doc, span.start_char) if s.name and s.kind != "person"]
    earlier.sort(key=_position)
    return next((s for s in reversed(earlier) if names & set(base.words.words(s.name or ""))), None)


def _by_context(base: ActorBase, doc: Doc, text: str, start: int, on: date | None) -> Actor | None:
    """A definite description with no owner and no antecedent ("the interior ministry") as that body of the
    state the text is about there (`_context_country`), when the base knows it."""
    article, rest = base.words.strip_determiner(base.words.words(text))
    if article not in base.words.definite or base.owner_prefix(rest)[0] is not None:
        return None
    country = _context_country(doc, start)
    state = base.state_for(country) if country else None
    actors = base.owned(state, " ".join(base.words.head_phrase(text)), on) if state else []
    actor = base.one_of(actors) if actors else None
    return base.speaker(actor) if actor is not None else None


def _mention(base: ActorBase, span: Span, actors: list[Actor]) -> ActorMention:
    """A mention of the actor the candidates stand for; an ambiguous one keeps the kind and country they
    share."""
    actor = base.one_of(actors)
    if actor is not None:
        return ActorMention(span.text, span.start_char, span.end_char, actor.name, actor.kind, actor.country)
    kinds = {a.kind for a in actors}
    countries = {a.country for a in actors}
    return ActorMention(
        span.text,
        span.start_char,
        span.end_char,
        None,
        kinds.pop() if len(kinds) == 1 else None,
        countries.pop() if len(countries) == 1 else None,
    )


def _modifier(span: Span, base: ActorBase) -> bool:
    """True when a span only modifies a following common noun that names no actor ("North Korean military
    personnel", "the BRICS summit", "Sergeevka training ground"; not "Ukrainian government officials", "HUR
    chief Kyrylo Budanov")."""
    root = span.root
    if root.dep_ not in ("compound", "amod", "nmod") or root.head.i < span.end or root.head.pos_ == "PROPN":
        return False
    return base.words.head([root.head.lower_]) is None


def _title_part(ent: Span, base: ActorBase) -> bool:
    """True when an entity is a fragment of a title the tagger took for a body ("Defense" in "Deputy Defense
    Minister Yunus-Bek Yevkurov", "State" in "Secretary of State")."""
    head = ent.root.head.head if ent.root.dep_ == "pobj" else ent.root.head
    return (
        ent.root.dep_ in ("compound", "pobj")
        and set(base.words.words(ent.text)) <= base.title_words
        and set(base.words.words(head.text)) <= base.title_words
    )


def _base_of(doc: Doc) -> ActorBase:
    """The base a document was processed with, in the view its ambiguous names call for."""
    path = doc.user_data.get(ACTORS_FILE_KEY)
    base = ActorBase.from_file(path) if path else ActorBase.default()
    skip = doc.user_data.get(SKIP_KEY)
    if skip is None:
        skip = sorted(base.unsupported(doc.text, {p.country for p in doc._.places or () if p.country}))
    return base.without(frozenset(skip))
