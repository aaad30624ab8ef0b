"""One walk over a parsed document for the frames of reporting verbs, claim nouns and prepositional cues."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimscope.extract.attribution.frames import Frame
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
        """All frames of the document, one per cue, in text order."""
        frames: dict[int, Frame] = {}
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
                if lemma in lex.verbs:
                    frame = self.verbs.frame(token, lemma)
                    if frame is not None:
                        frames[token.i] = frame
            elif token.pos_ == "NOUN" and token.lemma_.lower() in lex.nouns:
                nouns.append(token)
        for noun in nouns:
            frame = self.nominal.noun_frame(noun, frames)
            if frame is not None:
                frames.setdefault(frame.cue_token.i, frame)
        for token, prep in preps:
            self.nominal.prepositional(token, prep, frames)
        return sorted(frames.values(), key=lambda f: f.cue_token.i)
