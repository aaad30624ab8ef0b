"""Name keys: the one normalisation shared by the index builder and every lookup."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"['’‘`ʹʼ]")
_SEPARATORS = re.compile(r"[-‐‑‒–—_/,()]+")
_DROP = re.compile(r"[.\"“”]")
_SPACES = re.compile(r"\s+")
_LEADING = ("the ",)
_ABBREVIATIONS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}


def fold(text: str) -> str:
    """The text without accents (NFKD, combining marks dropped), other characters kept."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(text: str) -> str:
    """The lookup key of a place name: accent-free, case-folded, punctuation-free, a leading "the" dropped."""
    key = fold(text).casefold()
    key = _APOSTROPHES.sub("", key)
    key = _DROP.sub("", key)
    key = _SEPARATORS.sub(" ", key)
    key = _SPACES.sub(" ", key).strip()
    for leading in _LEADING:
        if key.startswith(leading):
            key = key[len(leading):]
    words = key.split(" ")
    if words and words[0] in _ABBREVIATIONS:
        words[0] = _ABBREVIATIONS[words[0]]
    return " ".join(words)


def is_latin(text: str) -> bool:
    """Whether a name is written in Latin letters (after folding accents), so English text can contain it."""
    folded = fold(text)
    return folded.isascii() and any(ch.isalpha() for ch in folded)
