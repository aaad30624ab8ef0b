"""Actor mentions (`claimscope_actors`) and source resolution, with coreference, over the curated actor base.

Decisions:
- A state or a capital standing for its government ("Russia", "Kyiv") is an actor mention only when it acts:
  subject of a verb, agent of a passive, object of "according to" / "citing", or the possessor or modifier of
  a statement noun ("Kyiv's claims", "Kyiv reports"). Elsewhere it is a place ("a border shared with Russia").
  The `states` config ("acting" | "always") sets this.
- A state as a source speaks through its government: `resolve_source` turns "Ukraine" into the Government of
  Ukraine; `doc._.actors` keeps the state itself (kind state).
- An unnamed group of a state's officials ("US officials", "the Russian authorities") resolves to that state's
  government; its unnamed bodies ("Ukrainian intelligence services") to the body the base names for them.
  An unnamed spokesperson or official of a known body ("a spokesman for the Russian Defence Ministry",
  "a Pentagon spokesperson") resolves to that body; a single unnamed official ("a Ukrainian official") stays
  an unknown person with a country.
- Descriptions with a definite article ("the intelligence service") and pronouns are resolved by
  `resolve_source` only; `doc._.actors` lists names, titles, metonyms, nationality + body, and unknown
  PERSON / ORG entities.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimscope.extract import extensions  # noqa: F401  (registers Doc._ attributes)
from claimscope.extract.actorbase import Actor, ActorBase, guess_kind
from claimscope.extract.types import ActorMention

__all__ = ["Actor", "ActorBase", "ActorMentions", "guess_kind", "resolve_source", "ruler_patterns"]

# Doc.user_data key naming the actor file a doc was processed with, when it is not the packaged one.
ACTORS_FILE_KEY = "claimscope_actors_file"
# Entity labels for the ruler; other kinds are ORG. States are left to the place patterns (one owner per GPE).
RULER_LABELS = {"person": "PERSON"}
UNKNOWN_LABELS = ("PERSON", "ORG")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Dependencies that keep a word inside the noun phrase of a source, with the steps of distance they cost
# (prepositions and appositions are free), and those of words in apposition to the head.
NP_DEPS = {"poss": 1, "compound": 1, "amod": 1, "nmod": 1, "pobj": 1, "npadvmod": 1, "prep": 0, "appos": 0}
APPOSITION_DEPS = {"appos": 0, "conj": 0}


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
        known = self._known(doc)
        taken = {i for span, _ in known for i in range(span.start, span.end)}
        mentions = [mention for _, mention in known]
        mentions += self._by_surname(doc, mentions, taken)
        if self.unknown_entities:
            mentions += self._unknown(doc, taken)
        doc._.actors = sorted(mentions, key=lambda m: (m.start, m.end))
        return doc

    def _known(self, doc: Doc) -> list[tuple[Span, ActorMention]]:
        """Names, titles, bodies and metonyms of the base found in the text (longest match wins)."""
        on = doc._.published
        spans = [Span(doc, start, end, label=match_id) for match_id, start, end in self.matcher(doc)]
        found = []
        for span in filter_spans(spans):
            key = doc.vocab.strings[span.label]
            actors = self.base.candidates(key, on)
            if not actors:
                continue
            if self.states == "acting" and self.base.is_placelike(key) and not acting(span.root, self.base):
                continue
            if _modifier(span, self.base):
                continue
            if span.start > 0 and doc[span.start - 1].lower_ == "the":
                span = doc[span.start - 1 : span.end]
            found.append((span, _mention(self.base, span, actors)))
        return found

    def _by_surname(self, doc: Doc, mentions: list[ActorMention], taken: set[int]) -> list[ActorMention]:
        """A PERSON entity that is the surname of a person named in full elsewhere in the text ("Austin")."""
        people: dict[str, set[str]] = defaultdict(set)
        for mention in mentions:
            actor = self.base.get(mention.actor) if mention.actor else None
            if actor is not None and actor.kind == "person":
                for form in (actor.name, *actor.aliases):
                    people[self.base.words.words(form)[-1]].add(actor.name)
        found = []
        for ent in doc.ents:
            if ent.label_ != "PERSON" or taken.intersection(range(ent.start, ent.end)):
                continue
            names = people.get(self.base.words.key(ent.text), set())
            if len(names) == 1:
                found.append(_mention(self.base, ent, [self.base.get(names.pop())]))
                taken.update(range(ent.start, ent.end))
        return found

    def _unknown(self, doc: Doc, taken: set[int]) -> list[ActorMention]:
        """PERSON / ORG entities the base does not know, and acting countries it does not know."""
        places = {(p.start, p.end): p for p in doc._.places or ()}
        found = []
        for ent in doc.ents:
            if taken.intersection(range(ent.start, ent.end)):
                continue
            place = places.get((ent.start_char, ent.end_char))
            named = ent.label_ in UNKNOWN_LABELS and place is None
            if named and not _modifier(ent, self.base) and not _title_part(ent, self.base):
                # The words before the name in its noun phrase ("Ukrainian lawmaker Oleksandr Merezhko") tell
                # the kind and country when the name does not.
                left = doc[min(ent.root.left_edge.i, ent.start) : ent.start].text
                kind = "person" if ent.label_ == "PERSON" else guess_kind(ent.text) or guess_kind(left)
                country = self.base.country_in(f"{left} {ent.text}") or next(
                    (p.country for p in places.values() if ent.start_char <= p.start and p.end <= ent.end_char), None
                )
                found.append(ActorMention(ent.text, ent.start_char, ent.end_char, None, kind, country))
            elif (
                place is not None
                and place.precision == "country"
                and place.country
                and (self.states == "always" or acting(ent.root, self.base))
            ):
                found.append(ActorMention(ent.text, ent.start_char, ent.end_char, None, "state", place.country))
        return found


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


def resolve_source(doc: Doc, start: int, end: int) -> ActorMention:
    """Resolve a source span (character offsets): a known actor by its name, title, metonym or nationality +
    body; else the actor a description or pronoun refers back to; else an unknown actor with a guessed kind."""
    base = _base_of(doc)
    text = doc.text[start:end]
    on = doc._.published
    span = doc.char_span(start, end, alignment_mode="expand")
    mentions = [m for m in doc._.actors or () if m.actor is not None or m.kind is not None]
    inner = [
        (m, doc.char_span(m.start, m.end, alignment_mode="expand"))
        for m in mentions
        if start <= m.start and m.end <= end
    ]
    actor = base.resolve(text, on) or _at_root(base, span, inner)
    if actor is not None:
        actor = base.speaker(actor)
        return ActorMention(text, start, end, actor.name, actor.kind, actor.country)
    antecedent = _antecedent(base, doc, text, start, on, mentions)
    if antecedent is not None and antecedent.actor is not None:
        actor = base.speaker(base.get(antecedent.actor))
        return ActorMention(text, start, end, actor.name, actor.kind, actor.country)
    if antecedent is not None:
        return ActorMention(text, start, end, None, antecedent.kind, antecedent.country)
    # A head with its own nationality ("a North Korean diplomat at the UN") is not a member of the body after it.
    actor = _related(base, span, inner) if base.owner_prefix(base.words.head_phrase(text))[0] is None else None
    if actor is not None:
        return ActorMention(text, start, end, actor.name, actor.kind, actor.country)
    rooted = [m for m, s in inner if span is not None and span.root in s]
    kind = guess_kind(text) or (rooted[0].kind if rooted else None)
    country = base.country_in(text) or (rooted[0].country if rooted else None)
    return ActorMention(text, start, end, None, kind, country)


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
) -> ActorMention | None:
    """The mention a pronoun ("he", "it") or a definite description ("the intelligence service", "the
    Ukrainian agency", "the president") refers back to: the last compatible one before `start`."""
    words = base.words
    article, rest = words.strip_determiner(words.words(text))
    before = [m for m in mentions if m.end <= start]
    if article is None and len(rest) == 1 and rest[0] in words.person_pronouns:
        gender = words.person_pronouns[rest[0]]
        return _last_subject(doc, [m for m in before if m.kind == "person" and _gender(base, m) in (None, gender)])
    if article is None and len(rest) == 1 and rest[0] in words.organisation_pronouns:
        return _last_subject(doc, [m for m in before if m.kind != "person"])
    if article not in words.definite:
        return None
    owner, rest = base.owner_prefix(rest)
    head = words.head(rest)
    if head is None:
        return None
    cue, kinds, modifiers = head
    role = cue.split()[-1] if cue.split()[-1] in base.role_words else None
    owner_country = base.get(owner).country if owner else None

    def compatible(m: ActorMention) -> bool:
        vocabulary = base.vocabulary(m.actor) if m.actor else frozenset(words.words(m.text))
        if m.kind not in kinds and not set(cue.split()) <= vocabulary:
            return False
        if owner and not (base.root(m.actor) == owner if m.actor else m.country == owner_country):
            return False
        if role and m.kind == "person" and not (base.has_role(m.actor, role, on) if m.actor else role in vocabulary):
            return False
        return set(modifiers) <= vocabulary

    matches = [m for m in before if compatible(m)]
    return matches[-1] if matches else None


def _last_subject(doc: Doc, candidates: list[ActorMention]) -> ActorMention | None:
    """The last candidate, or, in the same sentence, the last one that is a subject (pronouns continue the
    topic: "Zelensky met Rutte. He said ...")."""
    if not candidates:
        return None
    last = candidates[-1]
    sentence = doc.char_span(last.start, last.end, alignment_mode="expand").sent
    for mention in reversed(candidates):
        if mention.start < sentence.start_char:
            break
        mspan = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if mspan.root.dep_ in SUBJECT_DEPS:
            return mention
    return last


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


def _gender(base: ActorBase, mention: ActorMention) -> str | None:
    actor = base.get(mention.actor) if mention.actor else None
    return actor.gender if actor else None


def _base_of(doc: Doc) -> ActorBase:
    path = doc.user_data.get(ACTORS_FILE_KEY)
    return ActorBase.from_file(path) if path else ActorBase.default()
