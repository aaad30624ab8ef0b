"""The attribution frame (cue, source and content as token indices) and the parse tests every kind of frame
shares: the clause a word belongs to, negation, a blocking modal, the that-clause of a claim noun.

The frames themselves are read off the parse by `verbs` (reporting verbs), `nominal` (claim nouns and
"according to X"), `quotes`, `marks`, `phrases` and `hearsay`; `finder` walks a document once for the first two.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from claimscope.extract.attribution.lexicon import CueLexicon

VERBAL = frozenset({"VERB", "AUX"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
# The kind of a frame that makes a claim (ANNOTATION.md); other kinds are the non-claim cue classes of
# data/cues.yml ("commissive", "directive", ...).
CLAIM = "claim"


@dataclass
class Frame:
    """One attribution on the parse: cue tokens, source head, content tokens and where its clause is."""

    cue: list[Token]
    lemma: str
    source: Token | None
    content: set[int]
    anchor: Token  # the token whose clause carries the frame's channel and date
    cites: list[Token] = field(default_factory=list)
    source_tokens: tuple[int, int] | None = None  # the source's token span where it is not read off the parse
    earlier: bool = False  # the content is the sentence before the cue's ("This was reported by X")
    across_lines: bool = False  # the content is a quotation opening on the next paragraph ("He said:\n\n“...”")
    kind: str = CLAIM  # CLAIM, or the class of a cue that makes no claim (an attribution all the same)
    continues: Frame | None = None  # the quoted frame a cueless quotation carries on

    @property
    def cue_token(self) -> Token:
        """The head word of the cue (a continued quotation, which has none, uses its first word)."""
        return self.cue[0] if self.cue else self.anchor.doc[min(self.content)]



def clause_head(token: Token) -> Token:
    """The verb heading the clause a token belongs to (a noun subject climbs to its verb)."""
    while token.pos_ not in VERBAL and token.dep_ != "ROOT" and token.head is not token:
        token = token.head
    return token



def negated(token: Token) -> bool:
    """Negated by its own "not"/"never" (one inside a preceding quotation, "“Probably not,” she said",
    is the quotation's)."""
    doc = token.doc
    for child in token.children:
        if child.dep_ == "neg" or child.lower_ == "never":
            low, high = sorted((child.i, token.i))
            if not any(t.is_quote for t in doc[low:high]):
                return True
    return False


def modal_blocked(token: Token, lex: CueLexicon) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in lex.blocking_modals for c in token.children)


def has_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in clause.children)


def clause_of_noun(noun: Token) -> Token | None:
    """The that-clause complementing a claim noun ("reports that ..."); a "relative clause" with "that" as its
    mark is one too (a relative "that" is the clause's subject or object)."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "appos", "relcl") and child.pos_ in VERBAL and has_that(child):
            return child
    return None

