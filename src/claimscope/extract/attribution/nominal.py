"""Frames of claim nouns ("X's claim that ...", "X dismissed reports that ...") and of prepositional
attributions ("according to X", "as per a post on X's channel"); "citing X" attaches the cited source to the
frame of the verb it modifies."""

from __future__ import annotations

from spacy.tokens import Token

from claimscope.extract.attribution.contents import subtree
from claimscope.extract.attribution.frames import VERBAL, Frame, clause_head, clause_of_noun, modal_blocked, negated
from claimscope.extract.attribution.lexicon import CueLexicon, PrepositionalCue
from claimscope.extract.attribution.sources import author_of, source_head
from claimscope.extract.attribution.verbs import VerbFrames


class NominalFrames:
    """Reads the frames of claim nouns and prepositional cues; their sources are verb subjects as `verbs` reads them."""

    def __init__(self, lex: CueLexicon, verbs: VerbFrames) -> None:
        self.lex = lex
        self.verbs = verbs

    def noun_frame(self, noun: Token, frames: dict[int, Frame]) -> Frame | None:
        lex = self.lex
        clause = clause_of_noun(noun)
        if clause is None or negated(noun):
            return None
        head = noun.head
        author = author_of(noun, lex, depth=1)
        if noun.dep_ == "dobj" and head.i in frames and author is None:
            return None  # "X confirmed reports that ...": X's claim; "X confirmed a report by Y that ...": both
        anchor = noun
        if author is None and noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in lex.noun_governors:
            if negated(head) or modal_blocked(head, lex):
                return None
            author = self.verbs.subject(head)
            anchor = head
        if author is None:
            return None
        return Frame([noun], noun.lemma_.lower(), source_head(author, lex), subtree(clause), anchor)

    # -- prepositional attributions ----------------------------------------------------------------------
    def matches(self, token: Token, prep: PrepositionalCue) -> bool:
        doc = token.doc
        end = token.i + len(prep.words)
        if end > len(doc):
            return False
        return all(doc[token.i + k].lower_ == word for k, word in enumerate(prep.words))

    def prepositional(self, first: Token, prep: PrepositionalCue, frames: dict[int, Frame]) -> None:
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
        subject = self.verbs.subject(head)
        if subject is None or head.lemma_.lower() in self.lex.verbs:
            return
        content = subtree(head) - subtree(verb)
        frames[verb.i] = Frame([verb], "cite", source_head(subject, self.lex), content, verb, cited)

