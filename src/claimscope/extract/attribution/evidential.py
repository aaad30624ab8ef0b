"""Sourceless attributions: of appearance ("the plan seems to be stalling", "Trump appeared eager to move on")
and agentless passives of cue verbs ("the vote is expected to be close", "he was accused of fraud").
PolNeAR annotates "seem" and "appear" as cues without a source where they take a complement (in its train split
about half of those with an xcomp are cues, almost none of "appeared on television"), and about half the
agentless passives of cue verbs with a complement in a main or complement clause; the content is the subject with
the complement. They are attributions of their class (data/cues.yml `evidential`; a passive takes its verb's
class, `passive_claim_class` for a claim verb), never claims: no one is said to make them.
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimscope.extract.attribution.contents import subtree, temporal
from claimscope.extract.attribution.frames import Frame
from claimscope.extract.attribution.lexicon import CueLexicon

# The complements that make "seem"/"appear" evidential: "to be ...", "unlikely", "that ...".
COMPLEMENTS = frozenset({"xcomp", "oprd", "acomp", "ccomp"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
# Complements of a passive cue: "is expected to", "was accused of", "is considered a threat", "was told that".
PASSIVE_COMPLEMENTS = frozenset({"xcomp", "ccomp", "prep", "oprd"})
# Where an agentless passive cue reports (not in a relative clause or a modifier: "the man named in the suit").
PASSIVE_CLAUSES = frozenset({"ROOT", "conj", "ccomp", "advcl"})


def evidential_frames(doc: Doc, lex: CueLexicon) -> list[Frame]:
    """A sourceless frame per evidential verb with a complement: its subject and complement are the content."""
    frames = []
    for verb in doc:
        kind = lex.evidential.get(verb.lemma_.lower()) if verb.pos_ in ("VERB", "AUX") else None
        if kind is None:
            continue
        parts = [c for c in verb.children if c.dep_ in COMPLEMENTS and c.i > verb.i]
        if not parts:
            continue
        parts += [c for c in verb.children if c.dep_ in SUBJECTS and c.lower_ != "it"]
        content = set().union(*(subtree(c) for c in parts))
        frames.append(Frame([verb], verb.lemma_.lower(), None, content, verb, kind=kind))
    return frames


def passive_frames(doc: Doc, lex: CueLexicon) -> list[Frame]:
    """A sourceless frame per agentless passive of a cue verb with a complement ("is expected to ...")."""
    frames = []
    for verb in doc:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or verb.dep_ not in PASSIVE_CLAUSES:
            continue
        kind = lex.non_claims.get(lemma) or (lex.passive_claim_class if lemma in lex.verbs else None)
        deps = {c.dep_ for c in verb.children}
        if kind is None or "auxpass" not in deps or "agent" in deps:
            continue
        parts = [c for c in verb.children if c.dep_ in PASSIVE_COMPLEMENTS and c.i > verb.i and not temporal(c)]
        if not parts:
            continue
        parts += [c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ != "it"]
        content = set().union(*(subtree(c) for c in parts))
        frames.append(Frame([verb], lemma, None, content, verb, kind=kind))
    return frames
