"""Long texts in paragraph-bounded chunks: the pipeline runs on each piece, and the pieces' claims JSON is
joined back with every offset in the original text.

spaCy's memory grows with the length of a Doc (and it refuses one past `max_length`), and attribution
compares each claim with the others of its Doc: pieces of at most 20,000 characters (a long article; 16 of
them in a batch, as for articles) keep time linear and memory bounded whatever the size of the document. A
piece ends at a blank line when there is one in the second half of its window, else at a line break, a
sentence end, a space, and only as a last resort at the window's edge. Each piece is dated by the document's
publication; a pronoun at the head of a piece does not see the sources of the piece before.
"""

from __future__ import annotations

import re
from typing import Any

CHUNK_CHARS = 20_000

# Where a piece may end, best first: the end of each match (searched in the window's second half).
BOUNDARIES = (
    re.compile(r"\n[ \t]*\n"),
    re.compile(r"\n"),
    re.compile(r"[.!?][\"'”’)\]]*\s"),
    re.compile(r"\s"),
)


def split(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering `text` in order, each piece at most `size` characters."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > size:
        end = _cut(text, start + size // 2, start + size)
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


def _cut(text: str, low: int, high: int) -> int:
    """The best boundary in text[low:high], as the offset where the next piece starts."""
    for pattern in BOUNDARIES:
        last = None
        for last in pattern.finditer(text, low, high):
            pass
        if last is not None:
            return last.end()
    return high


def join(pieces: list[tuple[int, dict[str, Any]]], claim_id: Any) -> dict[str, Any]:
    """One document's claims JSON from its pieces' (offset, claims JSON): lists concatenated in order, offsets
    moved into the whole text, claim ids recomputed from the moved offsets by `claim_id(claim JSON)`."""
    whole = pieces[0][1]
    for offset, data in pieces[1:]:
        for key, items in data.items():
            if isinstance(items, list):
                whole[key].extend(_moved(item, offset) for item in items)
    for claim in whole["claims"]:
        claim["id"] = claim_id(claim)
    return whole


def _moved(value: Any, offset: int) -> Any:
    """A copy of a JSON value with every `start`/`end` and every `parts` pair moved by `offset`."""
    if isinstance(value, list):
        return [_moved(v, offset) for v in value]
    if not isinstance(value, dict):
        return value
    moved = {key: _moved(v, offset) for key, v in value.items()}
    for key in ("start", "end"):
        if isinstance(value.get(key), int):
            moved[key] = value[key] + offset
    if "parts" in value:
        moved["parts"] = [[a + offset, b + offset] for a, b in value["parts"]]
    return moved
