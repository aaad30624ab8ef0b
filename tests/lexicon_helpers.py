"""Helpers of the extraction and lexicon tests."""

from __future__ import annotations


def content_of(doc, item) -> str:
    """An attribution's content as its parts read, joined by an ellipsis."""
    return " … ".join(doc.text[s:e] for s, e in item.parts)


def booleans_in(data) -> list:
    """The lists of a loaded YAML lexicon that hold a boolean: YAML reads bare on / no / true / false so, and such
    a word never matches."""
    found, stack = [], [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            if any(isinstance(v, bool) for v in item):
                found.append(item)
            stack.extend(item)
    return found
