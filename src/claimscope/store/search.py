"""What a user's search text means, independent of the database: phrases of words, ANDed."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A quoted phrase (closing quote optional) or a bare run of non-space, non-quote characters.
_PIECE = re.compile(r'"([^"]*)"?|([^\s"]+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Phrase:
    """Words that must appear together; `prefix` when the last one may continue (`korea*`)."""

    words: tuple[str, ...]
    prefix: bool = False


def parse(text: str) -> list[Phrase]:
    """Phrases from search text: `"quoted words"` stay together, other words stand alone; punctuation is dropped.

    Raises ValueError when nothing searchable is left (the text was only punctuation).
    """
    phrases: list[Phrase] = []
    for quoted, bare in _PIECE.findall(text):
        if quoted:
            words = tuple(_WORD.findall(quoted))
            if words:
                phrases.append(Phrase(words))
            continue
        for word in _WORD.findall(bare):
            phrases.append(Phrase((word,)))
        if bare.endswith("*") and phrases and _WORD.findall(bare):
            phrases[-1] = Phrase(phrases[-1].words, prefix=True)
    if not phrases:
        raise ValueError(f"nothing to search for in {text!r}: give at least one word")
    return phrases
