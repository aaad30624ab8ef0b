"""`claimscope_events`: the type of event each claim's content reports (sighting, arrival, training ...).

Triggers come from `data/events.yml`. Several may fit; the one nearest the root of the content's parse wins
(its main predicate before what that governs), and at equal depth the type listed first in the lexicon.
A trigger that only modifies a noun ("training ground") does not count. No trigger -> None.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Doc

from claimscope.extract.types import Claim

DATA = Path(__file__).resolve().parent / "data"
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})


@dataclass(frozen=True)
class EventLexicon:
    """Trigger lemma or phrase -> (priority rank, event type)."""

    lemmas: dict[str, tuple[int, str]]
    phrases: dict[tuple[str, ...], tuple[int, str]]
    max_words: int


@lru_cache(maxsize=8)
def load_events(path: str | None = None) -> EventLexicon:
    """Read the event lexicon (default `data/events.yml`); a trigger listed twice keeps its first type."""
    raw = yaml.safe_load(Path(path or DATA / "events.yml").read_text(encoding="utf-8"))
    lemmas: dict[str, tuple[int, str]] = {}
    phrases: dict[tuple[str, ...], tuple[int, str]] = {}
    for rank, entry in enumerate(raw["events"]):
        for lemma in entry.get("lemmas") or []:
            lemmas.setdefault(str(lemma).lower(), (rank, entry["type"]))
        for phrase in entry.get("phrases") or []:
            phrases.setdefault(tuple(str(w).lower() for w in phrase), (rank, entry["type"]))
    return EventLexicon(lemmas, phrases, max((len(p) for p in phrases), default=1))


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
        best: tuple[int, int, str] | None = None
        lex = self.lexicon
        for i in sorted(content):
            token = doc[i]
            if token.dep_ in MODIFIER_DEPS and token.head.i in content and token.head.pos_ == "NOUN":
                continue
            hit = lex.lemmas.get(token.lemma_.lower()) or lex.lemmas.get(token.lower_)
            if hit is None:
                hit = self._phrase(doc, i, content)
            if hit is not None:
                candidate = (_depth(doc, i, content), hit[0], hit[1])
                if best is None or candidate < best:
                    best = candidate
        return best[2] if best else None

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


def _depth(doc: Doc, i: int, content: set[int]) -> int:
    """Steps from a token up to the root of the content it lies in."""
    depth = 0
    token = doc[i]
    while token.head.i in content and token.head.i != token.i:
        token = token.head
        depth += 1
    return depth
