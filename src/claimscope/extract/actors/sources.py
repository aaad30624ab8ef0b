"""Source resolution: the actor a source span of an attribution stands for."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span, Token

from claimscope.extract.actorbase import Actor, ActorBase, ActorWords, guess_kind
from claimscope.extract.actors.context import SOURCES_KEY, STATE_KINDS, SUBJECT_DEPS, _base_of, _context_country
from claimscope.extract.actors.coreference import (
    _Source,
    _antecedent,
    _by_context,
    _named_body,
    _named_in_full,
    _position,
    _sources_before,
)
from claimscope.extract.actors.names import _regional
from claimscope.extract.types import ActorMention

# Dependencies that keep a word inside the noun phrase of a source, with the steps of distance they cost
# (prepositions and appositions are free), and those of words in apposition to the head.
NP_DEPS = {"poss": 1, "compound": 1, "amod": 1, "nmod": 1, "pobj": 1, "npadvmod": 1, "prep": 0, "appos": 0}
APPOSITION_DEPS = {"appos": 0, "conj": 0}


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
    mentions = [m for m in doc._.actors or () if m.actor or m.kind or m.country]
    inner = [
        (m, doc.char_span(m.start, m.end, alignment_mode="expand"))
        for m in mentions
        if start <= m.start and m.end <= end
    ]
    # "Amnesty International Kenya": a body's national section, not the state
    inner = [(m, mspan) for m, mspan in inner if not (m.kind == "state" and mspan is not None and _ends_a_name(mspan))]
    actor = base.resolve(text, on) or _at_root(base, span, inner)
    if actor is None:
        earlier = _named_in_full(base, doc, span, mentions)
        if earlier is not None:  # "Lee" after "MP Lee Seong-kweun", "Abiad" after "Minister Firass Abiad"
            return _as(base, text, start, end, earlier), earlier.name if earlier.actor is None else None
    named = _named_person(span, inner)
    if named is not None and (actor is None or actor.kind != "person") and guess_kind(text) in (None, "person"):
        # A name the base does not know is the source, named by itself; a body or title with it gives its
        # country.
        title = text.replace(named.text, "")
        country = (actor.country if actor else None) or base.country_in(title) or named.country
        if country is None and _office_of_the_scene(base, title, [m for m, _ in inner if m is not named]):
            country = _context_country(doc, start, scene=True)  # "M23 spokesman Lawrence Kanyuka"
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
    actor = _by_context(base, doc, text, start, on) or (_of_a_place(base, doc, span, on) if span is not None else None)
    # A head with its own nationality ("a North Korean diplomat at the UN") is not a member of the body after it.
    if actor is None and base.owner_prefix(base.words.head_phrase(text))[0] is None:
        actor = _related(base, span, inner)
    if actor is not None:
        return ActorMention(text, start, end, actor.name, actor.kind, actor.country), None
    rooted = [m for m, s in inner if span is not None and span.root in s]
    kind = guess_kind(text) or (rooted[0].kind if rooted else None)
    country = base.country_in(text) or (rooted[0].country if rooted else None) or _place_in(doc, start, end, inner)
    said = set(base.words.words(text))
    office = kind == "person" and bool(base.words.office_words & said)
    of_the_scene = office or bool(base.words.scene_people & said)
    if country is None and (kind in STATE_KINDS or of_the_scene) and not _regional(base, text):
        # An unnamed or unknown state body or office holder ("the Ministry of Public Health", "local
        # authorities", "the minister") or people of the scene ("Residents") are of the state the text is about
        # there.
        country = _context_country(doc, start, scene=True)
    # A proper name the base does not know names the source ("the Rapid Support Forces").
    proper = span is not None and span.root.pos_ == "PROPN" and not span.root.is_lower  # not a headline's "junta"
    name = _proper_name(base, span) if proper else _apposed_name(span)
    return ActorMention(text, start, end, name, kind, country), name


def _of_a_place(base: ActorBase, doc: Doc, span: Span, on: date | None) -> Actor | None:
    """A body named after a place of a state ("the Gaza health ministry", "Kharkiv police"): that state's body
    of that name, when the base knows it."""
    for place in doc._.places or ():
        if not (span.start_char <= place.start and place.end < span.end_char) or not place.country:
            continue
        state = base.state_for(place.country)
        rest = doc.text[place.end : span.end_char]
        actors = base.owned(state, " ".join(base.words.head_phrase(rest)), on) if state else []
        actor = base.one_of(actors) if actors else None
        if actor is not None:
            return base.speaker(actor)
    return None


# Prepositions by which a source's words place it ("Residents of X", "a doctor in X", "an official from X").
PLACE_PREPOSITIONS = frozenset({"of", "in", "from", "at"})


def _place_in(doc: Doc, start: int, end: int, inner: list[tuple[ActorMention, Span]]) -> str | None:
    """The country of a place the source's words name ("Residents of Muzaffarabad", "a doctor in Goma"), unless
    an international body is named too ("a spokesman for the UN mission in Congo")."""
    if any(m.kind == "international organisation" or (m.actor and not m.country) for m, _ in inner):
        return None
    for place in doc._.places or ():
        if start <= place.start and place.end <= end and place.country:
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is not None and span.root.dep_ == "pobj" and span.root.head.lower_ in PLACE_PREPOSITIONS:
                return place.country
    return None


def _proper_name(base: ActorBase, span: Span) -> str:
    """A name as its words say it, without a leading determiner, owner or title ("Ukraine's Coordination
    Headquarters" -> "Coordination Headquarters", "Finance Minister Patrick Boivert" -> "Patrick Boivert")."""
    start = span.start
    while start < span.root.i and span.doc[start].lower_ in base.words.definite | base.words.indefinite:
        start += 1
    name_start = span.root.i  # "Government spokesman Patrick Muyaya": the name after a common-noun title
    while name_start > start and span.doc[name_start - 1].pos_ == "PROPN":
        name_start -= 1
    if any(t.pos_ == "NOUN" and t.is_lower for t in span.doc[start:name_start]):
        return span.doc[name_start : span.end].text
    offices = base.words.office_words
    last_title = max((t.i for t in span.doc[name_start : span.root.i] if t.lower_ in offices), default=None)
    if last_title is not None and span.root.i - last_title >= 2:  # "Finance Minister Patrick Boivert"
        return span.doc[last_title + 1 : span.end].text
    possessive = next((t.i for t in span.doc[start : span.root.i] if t.dep_ == "case"), None)
    if possessive is not None and base.is_owner_form(base.words.key(span.doc[start:possessive].text)):
        start = possessive + 1
    end = span.end
    if end - start > 3 and span.doc[end - 1].text == ")" and span.doc[end - 3].text == "(":
        end -= 3  # "Kenya National Commission on Human Rights (KNCHR)": the name without its abbreviation
    return span.doc[start:end].text


def _office_of_the_scene(base: ActorBase, title: str, others: list[ActorMention]) -> bool:
    """Whether a named person's title is an office of a local body or group the base does not know, so of the
    state the text is about there: an office word, no regional office, no international body in the title."""
    if not base.words.office_words.intersection(base.words.words(title)) or _regional(base, title):
        return False
    return not any(m.kind == "international organisation" or (m.actor and not m.country) for m in others)


def _apposed_name(span: Span | None) -> str | None:
    """The name after a title in the source ("Congo's government spokesman Patrick Muyaya" -> "Patrick
    Muyaya"), when the tagger did not see a person in it."""
    if span is None:
        return None
    named = next((c for c in span.root.rights if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i < span.end), None)
    return span.doc[named.left_edge.i : named.right_edge.i + 1].text if named is not None else None


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


def _at_root(base: ActorBase, span: Span | None, inner: list[tuple[ActorMention, Span]]) -> Actor | None:
    """A known mention that is the head of the source span or in apposition to it ("the head of the NIS,
    Cho Tae-yong")."""
    if span is None:
        return None
    for mention, mspan in inner:
        if mention.actor and (span.root in mspan or _path_cost(mspan.root, span.root, APPOSITION_DEPS) is not None):
            return base.get(mention.actor)
    return None


def _ends_a_name(mspan: Span) -> bool:
    """Whether a place name closes a longer proper name that compounds on it ("Amnesty International Kenya")."""
    before = mspan.doc[mspan.start - 1] if mspan.start else None
    return before is not None and before.pos_ == "PROPN" and before.dep_ == "compound" and before.head in mspan


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
