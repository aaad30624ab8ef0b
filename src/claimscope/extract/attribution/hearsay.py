"""Claims marked only by a hearsay adverb ("Another 300 were reportedly wounded.") whose source is named in
the sentence before: the source of the last reporting clause there ("X said ..."; not "X's declared goal"), in
the same paragraph, claims the hearsay sentence too, without a cue of its own. A hearsay sentence that is already content of an attribution, or that
follows no attributed sentence, is left alone (the modality component still marks it hedged).
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimscope.extract.attribution.contents import subtree
from claimscope.extract.attribution.frames import Frame, clause_head

FINITE = frozenset({"VBD", "VBZ", "VBP"})  # tags of a finite verb


def hearsay_frames(doc: Doc, frames: list[Frame], adverbs: frozenset[str]) -> list[Frame]:
    """Frames for the clauses of hearsay adverbs (`adverbs`) outside every frame, spoken by the source of the
    last frame whose cue is in the sentence before (same line)."""
    claimed: set[int] = set()
    for frame in frames:
        claimed |= frame.content
        claimed.update(t.i for t in frame.cue)
    found = []
    for token in doc:
        if token.lower_ not in adverbs or token.i in claimed or token.dep_ != "advmod":
            continue
        clause = clause_head(token.head)
        sentence = token.sent
        if sentence.start == 0 or clause.dep_ not in ("ROOT", "conj"):
            continue
        before = doc[sentence.start - 1].sent
        if "\n" in doc.text[before.start_char : sentence.start_char].strip(" "):
            continue  # another paragraph
        speakers = [f for f in frames if f.cue and f.source is not None and _reports(f, before.start, before.end)]
        if not speakers:
            continue
        content = (subtree(clause) & set(range(sentence.start, sentence.end))) - claimed
        speaker = max(speakers, key=lambda f: f.cue_token.i)
        found.append(Frame([], "", speaker.source, content, clause, source_tokens=speaker.source_tokens))
        claimed |= content
    return found


def _reports(frame: Frame, start: int, end: int) -> bool:
    """Whether a frame's cue heads a reporting clause of the sentence [start, end): its finite main verb, or
    one set beside it ("..., he said"); not a participle ("Israel's declared goal")."""
    cue = frame.cue_token
    finite = cue.tag_ in FINITE or any(c.dep_ in ("aux", "auxpass") for c in cue.children)
    return start <= cue.i < end and finite and cue.dep_ in ("ROOT", "parataxis", "conj")
