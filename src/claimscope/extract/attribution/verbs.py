"""Frames of reporting verbs: "X said that ...", "..., X said", "as reported by X", "X, adding that ...",
"a statement saying that ...", "called the reports fake news"."""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimscope.extract.actorbase import guess_kind
from claimscope.extract.attribution.contents import (
    after_that,
    closing_attribution,
    closing_clauses,
    coordinate_cue,
    cue_time,
    object_complements,
    refers_back,
    sentence_before,
    subtree,
    temporal,
    without_coordinate_reports,
)
from claimscope.extract.attribution.frames import (
    CLAIM,
    NOMINAL,
    VERBAL,
    Frame,
    clause_head,
    clause_of_noun,
    has_that,
    modal_blocked,
    negated,
)
from claimscope.extract.attribution.lexicon import CueLexicon
from claimscope.extract.attribution.sources import NOT_SOURCES, author_of, source_head
from claimscope.extract.events import load_events

SUBJECTS = frozenset({"nsubj"})
RELATIVE_TAGS = frozenset({"WDT", "WP"})
# Subordinators that make a cue hypothetical: "if anyone says ...", "unless they confirm ...".
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
# Dependency relations of a cue with no complement that hangs off the clause it reports (", X said").
PARENTHETICAL = frozenset({"parataxis", "advcl", "ccomp", "conj"})
# Named entities that can speak when a participle hangs off them ("officials from NATO saying ...").
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Prepositions of a claim noun a cue speaks through ("said in a statement that"), unlike "after a briefing".
CHANNEL_PREPOSITIONS = frozenset({"in", "through", "via"})
# Left modifiers a mis-parsed sentence-initial subject takes ("Kyiv reports ..." tagged amod).
MISPARSED_SUBJECT = frozenset({"amod", "compound", "npadvmod", "nmod", "nsubj"})


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


class VerbFrames:
    """Reads the frame of a reporting verb off the parse: its source, its content, where its clause is."""

    def __init__(self, lex: CueLexicon) -> None:
        self.lex = lex
        self.event_words = frozenset(load_events().lemmas)

    # -- reporting verbs -------------------------------------------------------------------------------
    def frame(self, verb: Token, lemma: str, kind: str = CLAIM) -> Frame | None:
        """The frame of a cue verb of `kind`. A claim cue that is negated, hypothetical or governed by a blocking
        head ("declined to say") makes no claim: None."""
        lex = self.lex
        needed = lex.particle_required.get(lemma)
        if needed and not any(c.dep_ in ("prt", "prep") and c.lower_ in needed for c in verb.children):
            return None
        objects = lex.required_objects.get(lemma)
        if objects and not any(c.dep_ == "dobj" and c.lemma_.lower() in objects for c in verb.children):
            return None
        if verb.dep_ in ("amod", "compound"):
            return None
        linking = lex.object_complements.get(lemma, ())
        following = verb.nbor(1).lower_ if verb.i + 1 < len(verb.doc) else ""
        if following in linking and not any(c.dep_ == "dobj" for c in verb.children):
            return None  # passive, as in a headline: "RSF accused of killing 124" (the subject is the accused)
        if kind == CLAIM and self._unasserted(verb):
            return None
        if verb.dep_ == "acl" and verb.head.pos_ in NOMINAL:
            if verb.head.pos_ == "PROPN" or verb.head.ent_type_ in SPEAKER_ENTITIES or self._lost_predicate(verb):
                content = self._verb_content(verb, lemma, kind)
                return Frame([verb], lemma, verb.head, content, verb.head, kind=kind) if content else None
            frame = self._participle_frame(verb, lemma)
            if frame is not None:
                frame.kind = kind
            return frame
        found = self._verb_source(verb, blocking=kind == CLAIM)
        if found is None:
            return None
        source, anchor, cites, tokens = found
        if lemma in lex.source_needed_verbs and not self._can_speak(source) or self._event(source):
            return None
        content = self._verb_content(verb, lemma, kind)
        if (content is None and verb.dep_ in PARENTHETICAL and verb.head is not verb and self._interrupts(verb)
                and verb.tag_ != "VBG" and not any(c.dep_ == "dobj" for c in verb.children)):
            # not a participle or a verb with an object: ", adding around 10 days to voyages" reports nothing
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
            [verb, *particles], cue_lemma, source, content or set(), anchor, cites, source_tokens=tokens,
            earlier=earlier, kind=kind,
        )

    def _report_before(self, verb: Token, clause: Token) -> bool:
        """ "India says it struck nine sites; Pakistan says 31 civilians killed": a report of its own, set off
        by a semicolon before the cue, is no part of what the cue reports."""
        return (clause.i < verb.i and clause.lemma_.lower() in self.lex.verbs
                and any(c.dep_ == "nsubj" for c in clause.children)
                and any(t.text == ";" for t in verb.doc[clause.right_edge.i + 1 : verb.i]))

    def _lost_predicate(self, verb: Token) -> bool:
        """ "A UN group of experts estimated that ...": a past cue with a clause, hung by the parse on a subject
        noun left as the sentence's root (a reduced relative has no clause), so the noun phrase speaks."""
        noun = verb.head
        if noun.dep_ != "ROOT" or verb.tag_ not in ("VBD", "VBN") or not self._complement_clauses(verb):
            return False
        return self._can_speak(noun) or guess_kind(noun.doc[noun.left_edge.i : verb.i].text) is not None

    def _unasserted(self, verb: Token) -> bool:
        """Whether a cue makes no claim: negated, hypothetical ("would say", "if they confirm") or the complement
        of a blocking head ("refused to confirm")."""
        lex = self.lex
        if negated(verb) or modal_blocked(verb, lex):
            return True
        if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in lex.blocking_heads:
            return True
        return any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in verb.children)

    def _interrupts(self, verb: Token) -> bool:
        """A complement-less cue reports its head clause when it is set off: ", X said", "as X warned"."""
        if verb.dep_ == "advcl":
            marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
            if marks:
                return marks == ["as"]
        left = verb.left_edge
        return left.is_punct or left.lower_ == "as" or (left.i > 0 and left.nbor(-1).is_punct)

    def _verb_content(self, verb: Token, lemma: str, kind: str = CLAIM) -> set[int] | None:
        lex = self.lex
        particles = lex.non_claim_particles.get(lemma, {}) if kind != CLAIM else {}
        particle = next((c for c in verb.children if c.dep_ in ("prt", "prep") and c.lower_ in particles), None)
        if particle is not None:  # "called on police to release the videos": what follows the particle
            rest = [c for c in verb.rights if c.i > particle.i and c.dep_ in ("xcomp", "ccomp", "dobj")]
            return (subtree(particle) - {particle.i}).union(*(subtree(c) for c in rest)) or None
        if lemma in lex.predicative_verbs:
            return self._predication(verb)
        clauses = self._complement_clauses(verb)
        if clauses:
            content: set[int] = set()
            for clause in clauses:
                content |= subtree(clause) - cue_time(verb, clause)
            return without_coordinate_reports(content | closing_clauses(verb, clauses), verb.doc, lex.verbs)
        linking = lex.object_complements.get(lemma, ())
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in linking]
        if preps:  # "accused Pyongyang of sending troops": the object with what it is accused of
            objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < preps[0].i]
            return set().union(*(subtree(t) for t in [*objects, preps[0]])) | object_complements(verb, preps[0])
        for obj in verb.children:  # the same, with the preposition hung on the object ("the military of ...")
            if obj.dep_ == "dobj" and any(c.dep_ == "prep" and c.lower_ in linking for c in obj.children):
                return subtree(obj) | object_complements(verb, obj)
        complements = lex.prepositional_complements.get(lemma, ())
        if any(c.dep_ == "dobj" for c in verb.children):  # "On the Israeli side, X reported 82 dead"
            complements = ()
        for child in verb.rights:  # "reported on the talks", not "reported ... on Wednesday"
            if child.dep_ == "prep" and child.lower_ in complements and not temporal(child):
                obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    return subtree(obj)
        fallback = after_that(verb)
        if fallback:
            return fallback
        if lemma in lex.clause_only_verbs:
            # "echoed claims that ...": the clause of a claim noun object
            noun = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in lex.nouns), None)
            clause = clause_of_noun(noun) if noun is not None else None
            return subtree(clause) if clause is not None else None
        for child in verb.children:
            if child.dep_ in ("xcomp", "acl") and child.pos_ in VERBAL and child.i > verb.i:
                content = subtree(child) | object_complements(verb, child)
                if kind != CLAIM:  # "urged residents to leave": whom the appeal is to, with what
                    content |= set().union(*(subtree(c) for c in verb.children if c.dep_ == "dobj" and c.i < child.i))
                return content
        if lemma in lex.addressee_verbs:
            # "told reporters that ..." parsed with the clause on the addressee
            addressee = next((c for c in verb.children if c.dep_ == "dobj"), None)
            clause = clause_of_noun(addressee) if addressee is not None else None
            return subtree(clause) if clause is not None else None
        for child in verb.children:
            if child.dep_ == "dobj" and child.pos_ != "PRON":
                clause = clause_of_noun(child) if child.lemma_.lower() in lex.nouns else None
                if clause is not None:
                    return subtree(clause)
                return subtree(child) | object_complements(verb, child, lex.predicative_verbs)
        return None

    def _complement_clauses(self, verb: Token) -> list[Token]:
        """The clauses a cue reports: its complements, a coordinate "and that ..." ("said A, and that B"), and
        the clause of a claim noun it speaks through ("said in a statement that A", "estimated in a forecast
        that A"), which the parse hangs on the noun."""
        clauses = [c for c in verb.children if (c.dep_ == "ccomp" and not self._report_before(verb, c))
                   or (c.dep_ == "conj" and has_that(c))]
        for prep in verb.rights:
            if prep.dep_ != "prep" or prep.lower_ not in CHANNEL_PREPOSITIONS:
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in self.lex.nouns:
                    clause = clause_of_noun(noun)
                    if clause is not None:
                        clauses.append(clause)
        return clauses

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

    def _verb_source(
        self, verb: Token, blocking: bool = True
    ) -> tuple[Token, Token, list[Token], tuple[int, int] | None] | None:
        """The source of a reporting verb: its subject or agent; a participle or conjunct without one
        takes its governing verb's ("..., adding that", "said ... and warned that"), none under a blocking head
        when `blocking`; where the parse lost the subject, a name right before the verb. Returns (source, anchor,
        cites, explicit token span)."""
        lex = self.lex
        cites: list[Token] = []
        lost = _set_off_name(verb) if verb.dep_ == "conj" and self.subject(verb) is None else None
        if lost is not None:  # "shortly after X's new secretary-general, Naim Qassem, said ..." misparsed
            return lost[-1], verb, cites, (lost.start, lost.end)
        current = verb
        for _ in range(4):
            subject = self.subject(current)
            if subject is not None:
                return source_head(subject, lex), current, cites, None
            head = current.head
            if current.dep_ == "pcomp" and head.dep_ == "prep":  # "quoted B as saying", "after saying"
                head = head.head
            elif coordinate_cue(current, lex.verbs):  # "said that A held the city, and accused B of ..."
                head = head.head
            elif current.dep_ not in ("advcl", "conj", "xcomp"):
                break
            if head is current or head.pos_ not in VERBAL:
                break
            if blocking and current.dep_ == "xcomp" and head.lemma_.lower() in lex.blocking_heads:
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
            start = before.i  # back to the entity's first word ("United Nations"), with its article
            while start > 0 and verb.doc[start].ent_iob_ == "I" and verb.doc[start - 1].pos_ == "PROPN":
                start -= 1
            if start > 0 and verb.doc[start - 1].lower_ == "the":
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

    def subject(self, verb: Token) -> Token | None:
        """The cue's speaker. Of two subjects the parse gives a verb ("Sudan's war: RSF kills 124, activists
        say"; "JERUSALEM (AP) - Israel's military said"), the one nearest the verb."""
        for child in sorted(verb.children, key=lambda c: abs(c.i - verb.i)):
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
        the verb governing the noun is the source. A past participle is passive: "said in a video posted
        online that ..." is one claim, made through the video."""
        noun = verb.head
        if noun.lemma_.lower() not in self.lex.evidence_nouns or verb.tag_ == "VBN":
            return None
        content = self._verb_content(verb, lemma)
        if content is None:
            return None
        author = author_of(noun, self.lex, depth=2)
        anchor = noun
        if author is None and noun.dep_ in ("dobj", "pobj"):
            governor = clause_head(noun.head)
            if governor.lemma_.lower() in self.lex.rejecting_verbs:
                author = noun  # "dismissed media reports claiming ...": the reports claim it
            elif not negated(governor):
                author = self.subject(governor)
                anchor = governor
        if author is None:
            return None
        return Frame([verb], lemma, source_head(author, self.lex), content, anchor)


def _set_off_name(verb: Token) -> Span | None:
    """A person's name set off by commas right before a cue the parse left without a subject (", Naim Qassem,
    said"), when the name is no subject of its own; with the description before it ("X's new
    secretary-general, Naim Qassem")."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    name = next((e for e in doc.ents if e.end == verb.i - 1 and e.label_ == "PERSON"), None)
    if name is None or name.root.dep_ in ("nsubj", "nsubjpass"):
        return None
    if name.start >= 2 and doc[name.start - 1].text == "," and not doc[name.start - 2].is_punct:
        return doc[doc[name.start - 2].left_edge.i : name.end]  # with the title before it, for its country
    return name
