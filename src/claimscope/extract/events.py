"""`claimscope_events`: the type of event each claim's content reports (sighting, arrival, training ...).

Triggers come from `data/events.yml`. Several may fit; the one nearest the root of the content's parse wins
(its main predicate before what that governs); at equal depth the predicate side before the subject side ("attacks
forced thousands to flee": the flight, not the attacks), then the type listed first in the lexicon. Weak
triggers ("reached", "recorded", a nested "said") count only where no other fits: "the toll has reached 1,640"
is a casualty. A trigger that only modifies a following noun ("training ground") does not count, nor a raising
verb with a clause ("appears to have sent"), nor a combat verb of a natural hazard ("the quake struck"). No
trigger -> None.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token

from claimscope.extract.types import Claim

DATA = Path(__file__).resolve().parent / "data"
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


@dataclass(frozen=True)
class EventLexicon:
    """Trigger lemma or phrase -> (priority rank, event type); weak triggers rank after every other."""

    lemmas: dict[str, tuple[int, str]]
    phrases: dict[tuple[str, ...], tuple[int, str]]
    max_words: int
    types: int  # ranks from here on are weak triggers
    raising: frozenset[str] = frozenset()
    hazards: frozenset[str] = frozenset()


@lru_cache(maxsize=8)
def load_events(path: str | None = None) -> EventLexicon:
    """Read the event lexicon (default `data/events.yml`); a trigger listed twice keeps its first type."""
    raw = yaml.safe_load(Path(path or DATA / "events.yml").read_text(encoding="utf-8"))
    lemmas: dict[str, tuple[int, str]] = {}
    phrases: dict[tuple[str, ...], tuple[int, str]] = {}
    entries = raw["events"]
    for rank, entry in enumerate(entries):
        for lemma in entry.get("lemmas") or []:
            lemmas.setdefault(str(lemma).lower(), (rank, entry["type"]))
        for phrase in entry.get("phrases") or []:
            phrases.setdefault(tuple(str(w).lower() for w in phrase), (rank, entry["type"]))
    for rank, entry in enumerate(entries):  # weak triggers rank after every type's strong ones
        for lemma in entry.get("weak") or []:
            lemmas.setdefault(str(lemma).lower(), (len(entries) + rank, entry["type"]))
    raising = frozenset(str(w).lower() for w in raw.get("raising") or [])
    hazards = frozenset(str(w).lower() for w in raw.get("hazards") or [])
    return EventLexicon(lemmas, phrases, max((len(p) for p in phrases), default=1), len(entries), raising, hazards)


@Language.factory("claimscope_events", default_config={"lexicon_path": None})
def make_events(nlp: Language, name: str, lexicon_path: str | None) -> Events:
    """The event component; the lexicon defaults to `data/events.yml`."""
    return Events(load_events(lexicon_path))


class Events:
    """Sets `Claim.event` on each of `doc._.claims`."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        for claim in doc._.claims or []:
            claim.event = self.event(doc, claim)
        return doc

    def event(self, doc: Doc, claim: Claim) -> str | None:
        """The event type of a claim's content, or None where no trigger fits."""
        content: set[int] = set()
        for start, end in claim.parts or [(claim.content.start, claim.content.end)]:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                content.update(range(span.start, span.end))
        best: tuple[bool, int, bool, int, str] | None = None
        lex = self.lexicon
        for i in sorted(content):
            token = doc[i]
            hit = self._phrase(doc, i, content)
            if hit is None and not self._modifier(token, content) and not self._raising(token):
                hit = lex.lemmas.get(token.lemma_.lower()) or lex.lemmas.get(token.lower_)
            if hit is not None and hit[1] == "combat" and self._by_hazard(token):
                hit = None
            if hit is not None:
                depth, subject_side = _depth(doc, i, content)
                weak = hit[0] >= lex.types
                candidate = (weak, depth, subject_side, hit[0], hit[1])
                if best is None or candidate < best:
                    best = candidate
        return best[4] if best else None

    def _modifier(self, token: Token, content: set[int]) -> bool:
        """A word modifying a noun after it ("training ground"); one after its noun ("47 civilians dead") is
        the predicate."""
        head = token.head
        return token.dep_ in MODIFIER_DEPS and head.i in content and head.pos_ == "NOUN" and token.i < head.i

    def _raising(self, token: Token) -> bool:
        """A raising verb with a clause ("appears to have sent", "it appears that") reports no event itself."""
        return token.lemma_.lower() in self.lexicon.raising and any(
            c.dep_ in ("xcomp", "ccomp") for c in token.children
        )

    def _by_hazard(self, token: Token) -> bool:
        """A natural hazard ("the storm", not "stormed the building") or a verb whose subject is one ("the quake
        struck"): no fighting."""
        hazards = self.lexicon.hazards
        if token.pos_ == "NOUN" and token.lemma_.lower() in hazards:
            return True
        return any(c.dep_ in SUBJECT_DEPS and c.lemma_.lower() in hazards for c in token.children)

    def _phrase(self, doc: Doc, i: int, content: set[int]) -> tuple[int, str] | None:
        words: list[str] = []
        for j in range(i, min(i + self.lexicon.max_words, len(doc))):
            if j not in content:
                break
            words.append(doc[j].lower_)
            hit = self.lexicon.phrases.get(tuple(words))
            if hit is not None:
                return hit
        return None


def _depth(doc: Doc, i: int, content: set[int]) -> tuple[int, bool]:
    """Steps from a token up to the root of the content it lies in, and whether the way passes through a
    subject (the agent or cause of the main predicate rather than the predicate)."""
    depth = 0
    subject_side = False
    token = doc[i]
    while token.head.i in content and token.head.i != token.i:
        subject_side = subject_side or token.dep_ in SUBJECT_DEPS
        token = token.head
        depth += 1
    return depth, subject_side
