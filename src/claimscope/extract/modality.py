"""`claimscope_modality`: how firmly each claim is put — asserted, hedged, rumored, speculative or denied.

Markers come from `data/modality.yml`. A claim's scope is its content, its cue with the cue's own
modifiers ("reportedly said"), and the clause its content hangs from ("It's rumored that ..."). A marker
under negation ("did not deny") or inside another claim's cue does not count.
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
# Dependents of the governing clause that carry its modality: "It's rumored", "is likely that".
CLAUSE_MODIFIERS = frozenset({"aux", "auxpass", "neg", "advmod", "expl", "nsubjpass", "acomp", "npadvmod"})


@dataclass(frozen=True)
class Markers:
    """The markers of one modality."""

    cue_lemmas: frozenset[str]
    lemmas: frozenset[str]
    modals: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]

    @property
    def phrases_from(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Phrases by their first word."""
        return _by_first_word(self.phrases)


@lru_cache(maxsize=64)
def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        table.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(v) for k, v in table.items()}


@dataclass(frozen=True)
class ModalityLexicon:
    """Modalities in priority order with their markers."""

    order: tuple[tuple[str, Markers], ...]


@lru_cache(maxsize=8)
def load_modality(path: str | None = None) -> ModalityLexicon:
    """Read the modality lexicon (default `data/modality.yml`)."""
    raw = yaml.safe_load(Path(path or DATA / "modality.yml").read_text(encoding="utf-8"))

    def words(values: list | None) -> frozenset[str]:
        return frozenset(str(v).lower() for v in values or [])

    order = []
    for name in raw["priority"]:
        entry = raw.get(name) or {}
        order.append(
            (
                name,
                Markers(
                    cue_lemmas=words(entry.get("cue_lemmas")),
                    lemmas=words(entry.get("lemmas")),
                    modals=words(entry.get("modals")),
                    phrases=tuple(tuple(str(w).lower() for w in p) for p in entry.get("phrases") or []),
                ),
            )
        )
    return ModalityLexicon(tuple(order))


@Language.factory("claimscope_modality", default_config={"lexicon_path": None})
def make_modality(nlp: Language, name: str, lexicon_path: str | None) -> Modality:
    """The modality component; the lexicon defaults to `data/modality.yml`."""
    return Modality(load_modality(lexicon_path))


class Modality:
    """Sets `Claim.modality` on each of `doc._.claims`."""

    def __init__(self, lexicon: ModalityLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        claims = doc._.claims or []
        cues = [_tokens(doc, c.cue_span.start, c.cue_span.end) if c.cue_span else set() for c in claims]
        contents = [_content_tokens(doc, c) for c in claims]
        for k, claim in enumerate(claims):
            # Another claim's cue, and the content of a claim nested in this one, say how *that* source
            # put it: "TASS reported that Peskov called it fake news" is asserted by TASS.
            others: set[int] = set()
            for j, cue in enumerate(cues):
                if j != k:
                    others |= cue
                    if cue & contents[k]:
                        others |= contents[j]
            claim.modality = self.modality(doc, claim, others)
        return doc

    def modality(self, doc: Doc, claim: Claim, others: set[int] | None = None) -> str:
        """The first modality (in lexicon priority) with a marker in the claim's scope, leaving out the
        tokens in `others`, else asserted."""
        own_cue = _tokens(doc, claim.cue_span.start, claim.cue_span.end) if claim.cue_span else set()
        scope = sorted(i for i in scope_tokens(doc, claim, own_cue) if i not in (others or set()))
        cue = (claim.cue or "").lower()
        for name, markers in self.lexicon.order:
            if cue in markers.cue_lemmas or _marked(doc, scope, markers):
                return name
        return "asserted"


def scope_tokens(doc: Doc, claim: Claim, cue: set[int]) -> set[int]:
    """The content, the cue with its modifiers, and the governing clause of the content."""
    content = _content_tokens(doc, claim)
    scope = set(content) | cue
    for i in cue:
        scope.update(c.i for c in doc[i].children if c.dep_ in CLAUSE_MODIFIERS or c.dep_ == "amod")
    for i in content:
        head = doc[i].head
        if head.i in content or head.i == i:
            continue
        for ancestor in [head, *head.ancestors]:
            scope.add(ancestor.i)
            scope.update(c.i for c in ancestor.children if c.dep_ in CLAUSE_MODIFIERS)
    return scope


def _content_tokens(doc: Doc, claim: Claim) -> set[int]:
    found: set[int] = set()
    for start, end in claim.parts or [(claim.content.start, claim.content.end)]:
        found |= _tokens(doc, start, end)
    return found


def _marked(doc: Doc, scope: list[int], markers: Markers) -> bool:
    inside = set(scope)
    for i in scope:
        token = doc[i]
        if _negated(token):
            continue
        if token.lemma_.lower() in markers.lemmas or token.lower_ in markers.lemmas:
            return True
        if token.tag_ == "MD" and token.lower_ in markers.modals:
            return True
        for phrase in markers.phrases_from.get(token.lower_, ()):
            end = i + len(phrase)
            if end <= len(doc) and all(
                j in inside and doc[j].lower_ == w for j, w in zip(range(i, end), phrase, strict=True)
            ):
                return True
    return False


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _tokens(doc: Doc, start: int, end: int) -> set[int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return set(range(span.start, span.end)) if span is not None else set()
