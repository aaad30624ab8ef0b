"""Lexicon phrases matched on tokens by their first or last word (the places component's heads and directions)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc


class Phrases:
    """Lexicon phrases as lower-case token tuples, looked up by their first and last words, longest first."""

    def __init__(self, words: Iterable[str]) -> None:
        phrases = sorted({tuple(w.lower().replace("-", " - ").split()) for w in words}, key=lambda p: (-len(p), p))
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self.by_last: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            self.by_first.setdefault(phrase[0], []).append(phrase)
            self.by_last.setdefault(phrase[-1], []).append(phrase)

    def end_of(self, doc: Doc, i: int) -> int | None:
        """The end of the longest phrase starting at token i, or None."""
        if i >= len(doc):
            return None
        for phrase in self.by_first.get(doc[i].lower_, ()):
            n = len(phrase)
            if i + n <= len(doc) and all(doc[i + k].lower_ == phrase[k] for k in range(1, n)):
                return i + n
        return None

    def starts_of(self, doc: Doc, end: int) -> Iterable[int]:
        """The starts of the phrases ending right before token `end`, longest first."""
        if end < 1:
            return
        for phrase in self.by_last.get(doc[end - 1].lower_, ()):
            n = len(phrase)
            if end - n >= 0 and all(doc[end - n + k].lower_ == phrase[k] for k in range(n - 1)):
                yield end - n

    def start_of(self, doc: Doc, end: int) -> int | None:
        """The start of the longest phrase ending right before token `end`, or None."""
        return next(iter(self.starts_of(doc, end)), None)
