"""The `claimscope_actors` component: every mention of a person, body, outlet or acting state in a document."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimscope.extract import extensions  # noqa: F401  (registers Doc._ attributes)
from claimscope.extract.actorbase import Actor, ActorBase, guess_kind
from claimscope.extract.actors.context import (
    ACTORS_FILE_KEY,
    CUES_KEY,
    PARAGRAPHS_KEY,
    SKIP_KEY,
    SOURCES_KEY,
    _country_cues,
)
from claimscope.extract.actors.names import (
    _full_name,
    _in_longer_entity,
    _mention,
    _modifier,
    _name_goes_on,
    _title_part,
    _unknown_mention,
    acting,
)
from claimscope.extract.types import ActorMention, PlaceMention

# Entity labels for the ruler; other kinds are ORG. States are left to the place patterns (one owner per GPE).
RULER_LABELS = {"person": "PERSON"}
# Acronyms of names ("RSF" for "Rapid Support Forces"): the words a name's initials leave out, and the length.
JOINING_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "to", "de", "du", "des", "del", "la", "le"})
ACRONYM_PREFIX = re.compile(r"^(?:the|The)\s+")
MIN_ACRONYM, MAX_ACRONYM = 2, 6
UNKNOWN_LABELS = ("PERSON", "ORG")


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
            mentions += self._unknown(doc, base, taken, places, mentions)
        doc._.actors = _share_descriptions(base, _acronyms(sorted(mentions, key=lambda m: (m.start, m.end))))
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
        self, doc: Doc, base: ActorBase, taken: set[int], places: list[PlaceMention], earlier: list[ActorMention]
    ) -> list[ActorMention]:
        """PERSON / ORG entities the base does not know, and acting countries it does not know; `earlier` are
        the mentions found so far (known actors, named persons)."""
        place_at = {(p.start, p.end): p for p in places}
        found: list[ActorMention] = []
        # First and last word of an unknown person's name -> its country (a surname is first in "Lee
        # Seong-kweun", last in "Firass Abiad"; a name given alone: "identified by his surname Ri").
        surnames: dict[str, str] = {}
        for mention in earlier:
            if mention.actor is None and mention.kind == "person" and mention.country:
                _add_surnames(base, surnames, mention.text, mention.country)
        for ent in doc.ents:
            if taken.intersection(range(ent.start, ent.end)):
                continue
            place = place_at.get((ent.start_char, ent.end_char))
            named = ent.label_ in UNKNOWN_LABELS and place is None
            if named and not _modifier(ent, base) and not _title_part(ent, base):
                if ent.label_ == "PERSON":
                    ent = _full_name(ent, base, taken)
                    taken.update(range(ent.start, ent.end))
                mention = _unknown_mention(base, ent, place_at.values(), [m for m in earlier if m.country])
                if ent.label_ == "PERSON" and len(ent) > 1 and mention.country:
                    _add_surnames(base, surnames, ent.text, mention.country)
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


def _acronyms(mentions: list[ActorMention]) -> list[ActorMention]:
    """An acronym of a body named before ("Sudan's paramilitary Rapid Support Forces ... The RSF did not
    respond") is that body: its actor, kind and country, where nothing else tells who it is."""
    named: dict[str, ActorMention] = {}
    found = []
    for mention in mentions:
        short = ACRONYM_PREFIX.sub("", mention.text).replace(".", "")
        earlier = named.get(short)
        if (earlier is not None and mention.actor is None and mention.kind is None and short.isupper()
                and MIN_ACRONYM <= len(short) <= MAX_ACRONYM):
            mention = ActorMention(mention.text, mention.start, mention.end, earlier.actor, earlier.kind,
                                   earlier.country)
        letters = _initials(mention.text)
        if letters and mention.kind != "person" and (mention.kind or mention.actor or mention.country):
            named.setdefault(letters, mention)
        found.append(mention)
    return found


def _initials(name: str) -> str | None:
    """The initials of a name of capitalised words, joining words left out ("Rapid Support Forces" -> "RSF",
    "International Organization for Migration" -> "IOM")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", ACRONYM_PREFIX.sub("", name)) if w not in JOINING_WORDS]
    if len(words) < MIN_ACRONYM or not all(w[0].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


def _share_descriptions(base: ActorBase, mentions: list[ActorMention]) -> list[ActorMention]:
    """Mentions of one name the base does not know share the kind and country that one of them is described
    with ("Lebanon's Hezbollah ... Hezbollah said": both Lebanese)."""
    described: dict[str, tuple[str | None, str | None]] = {}
    for mention in mentions:
        if mention.actor is None and mention.kind != "person":
            kind, country = described.get(base.words.key(mention.text), (None, None))
            described[base.words.key(mention.text)] = (kind or mention.kind, country or mention.country)
    shared = []
    for mention in mentions:
        key = base.words.key(mention.text)
        if mention.actor is None and key in described:
            # The tagger may take another mention of an organisation for a person ("Boko Haram said").
            kind, country = described[key]
            kind = kind if mention.kind == "person" else mention.kind or kind
            mention = ActorMention(mention.text, mention.start, mention.end, None, kind, mention.country or country)
        shared.append(mention)
    return shared


def _add_surnames(base: ActorBase, surnames: dict[str, str], name: str, country: str) -> None:
    """Remember the country of a person's name under its first and last words (the last wins a clash)."""
    words = base.words.words(name)
    if words:
        surnames.setdefault(words[0], country)
        surnames[words[-1]] = country


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
