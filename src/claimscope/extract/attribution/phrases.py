"""Attributions by a prepositional phrase around a noun of speech: "In his words, the offensive failed", "the
talks, in the words of one negotiator, are dead", "In Kyiv's view, ...". The possessor of the noun, or the
object of its "of", is the source; the clause the phrase belongs to, without the phrase, is the content. The
phrases are data (`phrases` in data/cues.yml).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimscope.extract.attribution.contents import subtree
from claimscope.extract.attribution.frames import Frame, clause_head
from claimscope.extract.attribution.sources import source_head
from claimscope.extract.attribution.lexicon import CueLexicon


def phrase_frames(doc: Doc, lex: CueLexicon) -> list[Frame]:
    """The frames of "in X's words" and "in the words of X" (the prepositions and nouns of `lex.phrases`)."""
    frames = []
    for noun in doc:
        lemma = lex.phrases.get((noun.head.lower_, noun.lower_)) if noun.dep_ == "pobj" else None
        if lemma is None:
            continue
        source = _speaker(noun)
        if source is None:
            continue
        prep = noun.head
        clause = clause_head(prep.head)
        if clause is prep.head and clause.pos_ not in ("VERB", "AUX"):
            continue
        phrase = subtree(prep)
        content = subtree(clause) - phrase
        if not content:
            continue
        cue = [t for t in doc[prep.i : noun.i + 1] if t.i in phrase and not t.is_punct]
        frames.append(Frame(cue, lemma, source_head(source, lex), content, prep))
    return frames


def _speaker(noun: Token) -> Token | None:
    """Whose words they are: the possessor ("his words", "Kyiv's view") or the object of "of" ("the words
    of one negotiator")."""
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is not None:
        return possessor
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
