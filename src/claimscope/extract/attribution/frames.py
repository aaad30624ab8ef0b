"""Attribution frames read off the dependency parse: the cue, its source and its content, as token indices.

One walk over the tokens finds three kinds of frame: reporting verbs ("X said that ...", "..., X said",
"as reported by X", "X, adding that ..."), claim nouns ("X's claim that ...", "X dismissed reports that ..."),
and prepositional attributions ("according to X", "as per a post on X's channel"). "citing X" attaches the
cited source to the frame of the verb it modifies.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from claimscope.extract.actorbase import guess_kind
from claimscope.extract.attribution.contents import (
    after_that,
    closing_attribution,
    closing_clauses,
    object_complements,
    refers_back,
    sentence_before,
    subtree,
    temporal,
    without_coordinate_reports,
)
from claimscope.extract.attribution.lexicon import CueLexicon, PrepositionalCue
from claimscope.extract.events import load_events

SUBJECTS = frozenset({"nsubj"})
RELATIVE_TAGS = frozenset({"WDT", "WP"})
VERBAL = frozenset({"VERB", "AUX"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
# Dependents that are not part of a source's name: "John Kirby, the spokesperson, who ..." -> "John Kirby".
SOURCE_DROP = frozenset({"appos", "relcl", "acl", "punct", "advmod", "npadvmod", "parataxis", "case"})
# Subordinators that make a cue hypothetical: "if anyone says ...", "unless they confirm ...".
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
# Prepositions after an evidence noun that name its author: "a report by CNN", "data from the ministry".
AUTHOR_PREPS = frozenset({"by", "from", "of", "on", "in"})
# Dependency relations of a cue with no complement that hangs off the clause it reports (", X said").
PARENTHETICAL = frozenset({"parataxis", "advcl", "ccomp", "conj"})
# Entity types that cannot say anything: a time parsed as subject ("12:15 p.m. X says").
NOT_SOURCES = frozenset({"DATE", "TIME"})
# Named entities that can speak when a participle hangs off them ("officials from NATO saying ...").
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Left modifiers a mis-parsed sentence-initial subject takes ("Kyiv reports ..." tagged amod).
MISPARSED_SUBJECT = frozenset({"amod", "compound", "npadvmod", "nmod", "nsubj"})


@dataclass
class Frame:
    """One attribution on the parse: cue tokens, source head, content tokens and where its clause is."""

    cue: list[Token]
    lemma: str
    source: Token | None
    content: set[int]
    anchor: Token  # the token whose clause carries the frame's channel and date
    cites: list[Token] = field(default_factory=list)
    source_tokens: tuple[int, int] | None = None  # the source's token span where it is not read off the parse
    earlier: bool = False  # the content is the sentence before the cue's ("This was reported by X")

    @property
    def cue_token(self) -> Token:
        """The head word of the cue (a continued quotation, which has none, uses its first word)."""
        return self.cue[0] if self.cue else self.anchor.doc[min(self.content)]


def clause_head(token: Token) -> Token:
    """The verb heading the clause a token belongs to (a noun subject climbs to its verb)."""
    while token.pos_ not in VERBAL and token.dep_ != "ROOT" and token.head is not token:
        token = token.head
    return token


def source_head(token: Token, lex: CueLexicon) -> Token:
    """The token naming the source: the author of an evidence noun, a named apposition of a common noun."""
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in NOMINAL:
        if token.head.head.lemma_.lower() not in lex.evidence_nouns:
            break
        token = token.head.head
    if token.lemma_.lower() in lex.evidence_nouns:
        author = _author(token, lex, depth=3)
        if author is not None:
            return author
    if token.pos_ == "NOUN":
        named = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if named is not None:
            return named
    return token


def _author(token: Token, lex: CueLexicon, depth: int) -> Token | None:
    """The possessor or by/from-object of an evidence noun, looking through "a post on its channel"."""
    for child in token.children:
        if child.dep_ == "poss":
            return child
    if depth == 0:
        return None
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in AUTHOR_PREPS:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            if obj.lemma_.lower() in lex.evidence_nouns:
                found = _author(obj, lex, depth - 1)
                if found is not None:
                    return found
            elif child.lower_ in ("by", "from") and obj.pos_ in NOMINAL:
                return obj
    return None


def source_span(head: Token, max_tokens: int) -> tuple[int, int]:
    """Token span [start, end) of a source's name: the head with its modifiers, prepositional complements
    ("the Commission on Presidential Debates") and conjuncts ("Grassley and Leahy"), up to an apposition or
    a relative clause; no possessive marker, no time ("10:40 a.m. Donald Trump")."""
    left = head.i
    for child in head.lefts:
        if child.dep_ not in SOURCE_DROP and child.ent_type_ not in NOT_SOURCES:
            left = min(left, child.left_edge.i)
    right = head.i
    for child in head.rights:
        if child.dep_ in SOURCE_DROP or child.dep_ == "prep" and temporal(child):
            break
        right = max(right, child.right_edge.i)
    if right - left + 1 > max_tokens:
        left, right = max(left, head.i - max_tokens + 1), head.i
    doc = head.doc
    while left < head.i and (doc[left].is_punct or doc[left].is_space or doc[left].ent_type_ in NOT_SOURCES):
        left += 1
    while right > head.i and (doc[right].is_punct or doc[right].is_space or doc[right].dep_ == "cc"):
        right -= 1
    return left, right + 1


def _across_lines(a: Token, b: Token) -> bool:
    """Whether a newline separates two tokens (a heading parsed as the subject of the next line's verb)."""
    first, last = (a, b) if a.i < b.i else (b, a)
    return "\n" in first.doc[first.i : last.i].text_with_ws


def _inverted_lead(verb: Token, source: Token, content: set[int]) -> set[int]:
    """ "A, but B, the source added.": an attribution closing its sentence reports all that precedes it,
    where the parse hung only the last clause on the cue."""
    frame_start = min(verb.i, source.left_edge.i)
    if max(content) >= frame_start or frame_start == 0:
        return set()
    doc = verb.doc
    if doc[frame_start - 1].text != "," or verb.sent.end > verb.right_edge.i + 2:
        return set()
    start = verb.sent.start
    return set(range(start, min(content))) if start < min(content) else set()


def _negated(token: Token) -> bool:
    """Negated by its own "not"/"never" (one inside a preceding quotation, "“Probably not,” she said",
    is the quotation's)."""
    doc = token.doc
    for child in token.children:
        if child.dep_ == "neg" or child.lower_ == "never":
            low, high = sorted((child.i, token.i))
            if not any(t.is_quote for t in doc[low:high]):
                return True
    return False


def _modal_blocked(token: Token, lex: CueLexicon) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in lex.blocking_modals for c in token.children)


def _has_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in clause.children)


def _clause_of_noun(noun: Token) -> Token | None:
    """The that-clause complementing a claim noun ("reports that ...")."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "appos") and child.pos_ in VERBAL and _has_that(child):
            return child
    return None


class FrameFinder:
    """Finds attribution frames in a parsed document with one walk over its tokens."""

    def __init__(self, lex: CueLexicon) -> None:
        self.lex = lex
        self.event_words = frozenset(load_events().lemmas)
        self.first_words = {p.words[0]: p for p in lex.prepositional}

    def find(self, doc: Doc) -> list[Frame]:
        """All frames of the document, one per cue, in text order."""
        frames: dict[int, Frame] = {}
        nouns: list[Token] = []
        preps: list[tuple[Token, PrepositionalCue]] = []
        lex = self.lex
        for token in doc:
            lower = token.lower_
            prep = self.first_words.get(lower)
            if prep is not None and self._matches(token, prep):
                preps.append((token, prep))
            elif token.pos_ == "VERB":
                lemma = token.lemma_.lower()
                if lemma in lex.verbs:
                    frame = self._verb_frame(token, lemma)
                    if frame is not None:
                        frames[token.i] = frame
            elif token.pos_ == "NOUN" and token.lemma_.lower() in lex.nouns:
                nouns.append(token)
        for noun in nouns:
            frame = self._noun_frame(noun, frames)
            if frame is not None:
                frames.setdefault(frame.cue_token.i, frame)
        for token, prep in preps:
            self._prepositional(token, prep, frames)
        return sorted(frames.values(), key=lambda f: f.cue_token.i)

    # -- reporting verbs -------------------------------------------------------------------------------
    def _verb_frame(self, verb: Token, lemma: str) -> Frame | None:
        lex = self.lex
        needed = lex.particle_required.get(lemma)
        if needed and not any(c.dep_ in ("prt", "prep") and c.lower_ in needed for c in verb.children):
            return None
        objects = lex.required_objects.get(lemma)
        if objects and not any(c.dep_ == "dobj" and c.lemma_.lower() in objects for c in verb.children):
            return None
        if verb.dep_ in ("amod", "compound") or _negated(verb) or _modal_blocked(verb, lex):
            return None
        if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in lex.blocking_heads:
            return None
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in verb.children):
            return None
        if verb.dep_ == "acl" and verb.head.pos_ in NOMINAL:
            if verb.head.pos_ == "PROPN" or verb.head.ent_type_ in SPEAKER_ENTITIES:  # "Trump, saying that"
                content = self._verb_content(verb, lemma)
                return Frame([verb], lemma, verb.head, content, verb.head) if content else None
            return self._participle_frame(verb, lemma)
        found = self._verb_source(verb)
        if found is None:
            return None
        source, anchor, cites, tokens = found
        if lemma in lex.source_needed_verbs and not self._can_speak(source) or self._event(source):
            return None
        content = self._verb_content(verb, lemma)
        if content is None and verb.dep_ in PARENTHETICAL and verb.head is not verb and self._interrupts(verb):
            content = subtree(clause_head(verb.head)) - subtree(verb)
        elif content is None and verb.dep_ == "ROOT":
            content = closing_attribution(verb, source) or None
        earlier = content is None and refers_back(verb)
        if earlier:
            content = sentence_before(verb)
        elif content:
            content |= _inverted_lead(verb, source, content)
        particles = [c for c in verb.children if c.dep_ == "prt"]
        cue_lemma = " ".join([lemma, *(p.lower_ for p in particles)])
        return Frame(
            [verb, *particles], cue_lemma, source, content or set(), anchor, cites, source_tokens=tokens, earlier=earlier
        )

    def _interrupts(self, verb: Token) -> bool:
        """A complement-less cue reports its head clause when it is set off: ", X said", "as X warned"."""
        if verb.dep_ == "advcl":
            marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
            if marks:
                return marks == ["as"]
        left = verb.left_edge
        return left.is_punct or left.lower_ == "as" or (left.i > 0 and left.nbor(-1).is_punct)

    def _verb_content(self, verb: Token, lemma: str) -> set[int] | None:
        lex = self.lex
        if lemma in lex.predicative_verbs:
            return self._predication(verb)
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        if clauses:
            content: set[int] = set()
            for clause in clauses:
                content |= subtree(clause)
            return without_coordinate_reports(content | closing_clauses(verb, clauses), verb.doc, lex.verbs)
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in lex.object_complements.get(lemma, ())]
        if preps:  # "accused Pyongyang of sending troops": the object with what it is accused of
            objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < preps[0].i]
            return set().union(*(subtree(t) for t in [*objects, preps[0]])) | object_complements(verb, preps[0])
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in lex.prepositional_complements.get(lemma, ()):
                obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    return subtree(obj)
        fallback = after_that(verb)
        if fallback:
            return fallback
        if lemma in lex.clause_only_verbs:
            # "echoed claims that ...": the clause of a claim noun object
            noun = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in lex.nouns), None)
            clause = _clause_of_noun(noun) if noun is not None else None
            return subtree(clause) if clause is not None else None
        for child in verb.children:
            if child.dep_ in ("xcomp", "acl") and child.pos_ in VERBAL and child.i > verb.i:
                return subtree(child) | object_complements(verb, child)
        if lemma in lex.addressee_verbs:
            # "told reporters that ..." parsed with the clause on the addressee
            addressee = next((c for c in verb.children if c.dep_ == "dobj"), None)
            clause = _clause_of_noun(addressee) if addressee is not None else None
            return subtree(clause) if clause is not None else None
        for child in verb.children:
            if child.dep_ == "dobj" and child.pos_ != "PRON":
                clause = _clause_of_noun(child) if child.lemma_.lower() in lex.nouns else None
                if clause is not None:
                    return subtree(clause)
                return subtree(child) | object_complements(verb, child, lex.predicative_verbs)
        return None

    def _predication(self, verb: Token) -> set[int] | None:
        """ "called the reports fake news", "described the talks as a failure": object and predicate."""
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        predicate = next(
            (c for c in verb.children if c.dep_ in ("oprd", "ccomp") or (c.dep_ == "prep" and c.lower_ == "as")),
            None,
        )
        if obj is None:
            return None
        if predicate is None:  # "called the reports of troop movements fake news": the parse's appos
            doc = verb.doc
            predicate = next(
                (t for t in obj.subtree if t.dep_ == "appos" and t.i > 0 and not doc[t.left_edge.i - 1].is_punct),
                None,
            )
            return subtree(obj) if predicate is not None else None
        return subtree(obj) | subtree(predicate)

    def _verb_source(self, verb: Token) -> tuple[Token, Token, list[Token], tuple[int, int] | None] | None:
        """The source of a reporting verb: its subject or agent; a participle or conjunct without one
        takes its governing verb's ("..., adding that", "said ... and warned that"); where the parse lost the
        subject, a name right before the verb. Returns (source, anchor, cites, explicit token span)."""
        lex = self.lex
        cites: list[Token] = []
        current = verb
        for _ in range(4):
            subject = self._subject(current)
            if subject is not None:
                return source_head(subject, lex), current, cites, None
            head = current.head
            if current.dep_ == "pcomp" and head.dep_ == "prep":  # "quoted B as saying", "after saying"
                head = head.head
            elif current.dep_ not in ("advcl", "conj", "xcomp"):
                break
            if head is current or head.pos_ not in VERBAL:
                break
            if current.dep_ == "xcomp" and head.lemma_.lower() in lex.blocking_heads:
                return None
            if head.lemma_.lower() in lex.relay_verbs:
                cites.extend(c for c in head.children if c.dep_ == "dobj")
            current = head
        if verb.dep_ == "ROOT":
            for child in verb.lefts:
                if child.dep_ in MISPARSED_SUBJECT and child.pos_ == "PROPN":
                    return child, verb, cites, None
        before = verb.doc[verb.i - 1] if verb.i > 0 else None
        if before is not None and before.pos_ == "PROPN" and before.ent_type_ in SPEAKER_ENTITIES:
            start = before.i
            while start > 0 and verb.doc[start - 1].pos_ == "PROPN" and verb.doc[start - 1].ent_iob_ == "I":
                start -= 1
            return before, verb, cites, (start, before.i + 1)
        return None

    def _can_speak(self, source: Token) -> bool:
        """Whether a source word can make a claim: a pronoun, a name, a record ("the data"), or a common noun
        naming a kind of actor ("the ministry", "officials")."""
        if source.pos_ in ("PRON", "PROPN") or source.ent_type_ in SPEAKER_ENTITIES:
            return True
        return source.lemma_.lower() in self.lex.evidence_nouns or guess_kind(source.text) is not None

    def _event(self, source: Token) -> bool:
        """Whether a source word names an event, which says nothing ("the strikes added", "heavy casualties
        said": a subject the parse took from the content)."""
        return (
            source.pos_ == "NOUN"
            and source.lemma_.lower() in self.event_words
            and source.lemma_.lower() not in self.lex.evidence_nouns
        )

    def _subject(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ in SUBJECTS and child.ent_type_ not in NOT_SOURCES and not _across_lines(child, verb):
                if child.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl":
                    return verb.head
                if child.pos_ == "PRON" and child.lower_ == "it" and self._expletive(verb):
                    return None
                return child
        for child in verb.children:
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if verb.lemma_.lower() in self.lex.relay_verbs:
            return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        return None

    def _expletive(self, verb: Token) -> bool:
        """ "it" is a placeholder when the verb's clause complement is extraposed ("it is said that")."""
        return any(c.dep_ == "auxpass" for c in verb.children)

    def _participle_frame(self, verb: Token, lemma: str) -> Frame | None:
        """ "a statement saying that ...", "videos showing troops ...": the noun's author or the subject of
        the verb governing the noun is the source."""
        noun = verb.head
        if noun.lemma_.lower() not in self.lex.evidence_nouns:
            return None
        content = self._verb_content(verb, lemma)
        if content is None:
            return None
        author = _author(noun, self.lex, depth=2)
        anchor = noun
        if author is None and noun.dep_ in ("dobj", "pobj"):
            governor = clause_head(noun.head)
            if governor.lemma_.lower() in self.lex.rejecting_verbs:
                author = noun  # "dismissed media reports claiming ...": the reports claim it
            elif not _negated(governor):
                author = self._subject(governor)
                anchor = governor
        if author is None:
            return None
        return Frame([verb], lemma, source_head(author, self.lex), content, anchor)

    # -- claim nouns -----------------------------------------------------------------------------------
    def _noun_frame(self, noun: Token, frames: dict[int, Frame]) -> Frame | None:
        lex = self.lex
        clause = _clause_of_noun(noun)
        if clause is None or _negated(noun):
            return None
        head = noun.head
        author = _author(noun, lex, depth=1)
        if noun.dep_ == "dobj" and head.i in frames and author is None:
            return None  # "X confirmed reports that ...": X's claim; "X confirmed a report by Y that ...": both
        anchor = noun
        if author is None and noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in lex.noun_governors:
            if _negated(head) or _modal_blocked(head, lex):
                return None
            author = self._subject(head)
            anchor = head
        if author is None:
            return None
        return Frame([noun], noun.lemma_.lower(), source_head(author, lex), subtree(clause), anchor)

    # -- prepositional attributions ----------------------------------------------------------------------
    def _matches(self, token: Token, prep: PrepositionalCue) -> bool:
        doc = token.doc
        end = token.i + len(prep.words)
        if end > len(doc):
            return False
        return all(doc[token.i + k].lower_ == word for k, word in enumerate(prep.words))

    def _prepositional(self, first: Token, prep: PrepositionalCue, frames: dict[int, Frame]) -> None:
        lex = self.lex
        words = [first.doc[first.i + k] for k in range(len(prep.words))]
        if first.pos_ == "VERB" and first.lemma_.lower() in lex.relay_verbs:
            self._citing(first, frames)
            return
        obj = None
        for word in reversed(words):
            obj = next((c for c in word.children if c.dep_ in ("pobj", "dobj")), None)
            if obj is not None:
                break
        if obj is None or first.head is first:
            return
        source = source_head(obj, lex)
        clause = clause_head(first.head)
        while clause.dep_ == "conj" and clause.head.pos_ in VERBAL:  # "X sent troops and redeployed others, according to Y"
            clause = clause.head
        existing = frames.get(clause.i)
        channel_only = source is obj and obj.lemma_.lower() in lex.evidence_nouns
        if existing is not None and (channel_only or source.pos_ == "PRON"):
            return  # "As per a post on its channel, X reported ...": the channel of X's own report
        if existing is not None:
            existing.cites.append(obj)  # "B said X, according to A": one claim of B, relayed by A
            return
        phrase = set(range(first.i, words[-1].i + 1)) | subtree(first) | subtree(words[-1])
        content = subtree(clause) - phrase
        frames[first.i] = Frame(words, prep.lemma, source, content, first)

    def _citing(self, verb: Token, frames: dict[int, Frame]) -> None:
        """ "A said, citing B": B joins the cites of A's frame; on a clause that is no frame, A (the
        clause's subject) claims the clause citing B."""
        cited = [c for c in verb.children if c.dep_ in ("dobj", "pobj")]
        if not cited or verb.head is verb:
            return
        for ancestor in verb.ancestors:
            frame = frames.get(ancestor.i)
            if frame is not None:
                frame.cites.extend(cited)
                frame.content -= subtree(verb)
                return
        head = clause_head(verb.head)
        subject = self._subject(head)
        if subject is None or head.lemma_.lower() in self.lex.verbs:
            return
        content = subtree(head) - subtree(verb)
        frames[verb.i] = Frame([verb], "cite", source_head(subject, self.lex), content, verb, cited)
