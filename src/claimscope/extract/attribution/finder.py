"""One walk over a parsed document for the frames of reporting verbs, claim nouns and prepositional cues."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimscope.extract.attribution.frames import Frame, negated
from claimscope.extract.attribution.lexicon import CueLexicon, PrepositionalCue
from claimscope.extract.attribution.nominal import NominalFrames
from claimscope.extract.attribution.verbs import VerbFrames


class FrameFinder:
    """Finds attribution frames in a parsed document with one walk over its tokens."""

    def __init__(self, lex: CueLexicon) -> None:
        self.lex = lex
        self.verbs = VerbFrames(lex)
        self.nominal = NominalFrames(lex, self.verbs)
        self.first_words = {p.words[0]: p for p in lex.prepositional}

    def find(self, doc: Doc) -> list[Frame]:
        """All frames of the document, one per cue, in text order: the claims, and the verb cues of other kinds
        (which take no part in finding the claims)."""
        frames: dict[int, Frame] = {}
        others: list[Frame] = []
        nouns: list[Token] = []
        preps: list[tuple[Token, PrepositionalCue]] = []
        lex = self.lex
        for token in doc:
            lower = token.lower_
            prep = self.first_words.get(lower)
            if prep is not None and self.nominal.matches(token, prep):
                preps.append((token, prep))
            elif token.pos_ == "VERB":
                lemma = token.lemma_.lower()
                frame = self.verbs.frame(token, lemma) if lemma in lex.verbs else None
                if frame is not None:
                    frames[token.i] = frame
                    if frame.content:  # a claim frame with no content ("called for a strike") is no claim
                        continue
                kind = self._non_claim_kind(token, lemma)
                other = self.verbs.frame(token, lemma, kind) if kind is not None else None
                if other is not None:
                    others.append(other)
            elif token.pos_ == "NOUN" and token.lemma_.lower() in lex.nouns:
                nouns.append(token)
        for noun in nouns:
            frame = self.nominal.noun_frame(noun, frames)
            if frame is not None:
                frames.setdefault(frame.cue_token.i, frame)
        for token, prep in preps:
            self.nominal.prepositional(token, prep, frames)
        return sorted([*frames.values(), *others], key=lambda f: f.cue_token.i)

    def _non_claim_kind(self, verb: Token, lemma: str) -> str | None:
        """The class of a verb cue that makes no claim, by its lemma or particle, or a negated claim verb's
        (data/cues.yml); None for a verb that is no such cue."""
        lex = self.lex
        particles = lex.non_claim_particles.get(lemma, {})
        particle = next((c.lower_ for c in verb.children if c.dep_ in ("prt", "prep") and c.lower_ in particles), None)
        if particle is not None:
            return particles[particle]
        if lemma in lex.verbs and negated(verb):  # "did not say", "wouldn't confirm": a non-statement
            return lex.negated_class
        return lex.non_claims.get(lemma)
