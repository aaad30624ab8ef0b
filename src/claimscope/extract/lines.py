"""`claimscope_line_breaks`, before the parser: a blank line ends a sentence, and so does a line break after
sentence-final punctuation, before a list item's bullet, or after the first line when the next starts with a
capital (a headline). Otherwise the parser runs a headline into the
lede under it ("..., UNICEF says\\n\\nMore than 200 children ..." read as what UNICEF says). A single line break
inside a sentence (hard-wrapped text) is left to the parser.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

FINAL = frozenset('.!?"”’)')
# Marks that open the items of a roundup's list: each item is a sentence of its own.
BULLETS = frozenset({"•", "-", "*", "·", "–", "—", "▪", "◦"})


@Language.factory("claimscope_line_breaks")
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    """The sentence-boundary component for line breaks."""
    return LineBreaks()


class LineBreaks:
    """Marks a sentence start after blank lines, after final punctuation at a line's end, at bullets and after a
    headline."""

    def __call__(self, doc: Doc) -> Doc:
        first_line = True
        for token in doc[:-1]:
            breaks = token.text.count("\n") if token.is_space else token.whitespace_.count("\n")
            if not breaks:
                continue
            following = doc[token.i + 1]
            if following.is_space:
                continue
            before = token if not token.is_space else doc[token.i - 1] if token.i else None
            blank = breaks > 1 or (token.is_space and "\n" in token.whitespace_)
            final = before is not None and before.text[-1:] in FINAL
            headline = first_line and following.text[:1].isupper()
            if blank or final or headline or following.text in BULLETS:
                following.is_sent_start = True
            first_line = False
        return doc
