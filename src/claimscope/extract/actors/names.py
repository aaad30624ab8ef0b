"""What a span of a name tells: the mention it makes, whether it acts, modifies or goes on, and the kind and
country of a name the base does not know."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from claimscope.extract.actorbase import Actor, ActorBase, guess_kind
from claimscope.extract.actors.context import _context_country
from claimscope.extract.types import ActorMention, PlaceMention

NAME_ENTITIES = ("", "PERSON")  # entity types a word of a personal name may carry


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


def _unknown_mention(
    base: ActorBase, ent: Span, places: Iterable[PlaceMention], known: Iterable[ActorMention] = ()
) -> ActorMention:
    """An entity the base does not know, with the kind and country the words describing it tell: before it in
    its noun phrase ("Ukrainian lawmaker Oleksandr Merezhko") or, for a person, in apposition ("X, the
    Moscow-installed governor of Sevastopol", "X, a spokeswoman for the service in Odesa", "X, spokesman for
    the Ministry of National Defense": a place or a `known` actor in an office's description). A person with a
    state office title and no nationality takes the context's country ("Prime Minister X")."""
    doc = ent.doc
    left = doc[min(ent.root.left_edge.i, ent.start) : ent.start]
    person = ent.label_ == "PERSON"
    appositions = _appositions(ent)
    # An organisation is described before its name and in apposition to it ("the Lebanese group Hezbollah",
    # "Hezbollah, the Lebanese militant group").
    kind = "person" if person else next(filter(None, (guess_kind(d.text) for d in (ent, left, *appositions))), None)
    described = [left, *appositions] if person else [left, ent, *appositions]
    # A person's own name tells no country ("Chad Smith", "Michael Jordan"); a place does in an office ("the
    # governor of X"), not in a party label ("(R-Fla.)").
    country = base.country_in(" ".join(d.text for d in described))
    located = [d for d in described if not person or base.words.office_words.intersection(base.words.words(d.text))]
    if country is None:
        country = next(
            (p.country for p in places for d in located if d.start_char <= p.start and p.end <= d.end_char), None
        )
    if country is None:
        country = next(
            (m.country for m in known for d in located if d.start_char <= m.start and m.end <= d.end_char), None
        )
    if country is None and person and any(_office(base, d) for d in described):
        country = _context_country(doc, ent.start_char)
        # Not the context's state when its holder of that title is someone else ("President Obama" in a
        # paragraph on Russia: Russia's president is known and is not him).
        state = base.state_for(country) if country else None
        if state and any(a.kind == "person" for a in base.owned(state, left.text, doc._.published)):
            country = None
    if country is None and kind == "military unit" and not any(_regional(base, d.text) for d in described):
        # An armed group is of the country it operates in ("M23 rebels", "the Rapid Support Forces").
        country = _context_country(doc, ent.start_char, scene=True)
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


def _regional(base: ActorBase, text: str) -> bool:
    """True when a mention places itself in no single state ("U.N. agencies", "international monitors")."""
    return bool(base.words.regional_words.intersection(base.words.words(text)))


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
