"""Who a frame's source is: the token naming it (the author of an evidence noun, a named apposition) and the
token span of its name."""

from __future__ import annotations

from spacy.tokens import Token

from claimscope.extract.attribution.contents import temporal
from claimscope.extract.attribution.frames import NOMINAL
from claimscope.extract.attribution.lexicon import CueLexicon

# Dependents that are not part of a source's name: "John Kirby, the spokesperson, who ..." -> "John Kirby".
SOURCE_DROP = frozenset({"appos", "relcl", "acl", "punct", "advmod", "npadvmod", "parataxis", "case"})
# Prepositions after an evidence noun that name its author: "a report by CNN", "data from the ministry".
AUTHOR_PREPS = frozenset({"by", "from", "of", "on", "in"})
# Entity types that cannot say anything: a time parsed as subject ("12:15 p.m. X says").
NOT_SOURCES = frozenset({"DATE", "TIME"})


def source_head(token: Token, lex: CueLexicon) -> Token:
    """The token naming the source: the author of an evidence noun, a named apposition of a common noun."""
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in NOMINAL:
        if token.head.head.lemma_.lower() not in lex.evidence_nouns:
            break
        token = token.head.head
    if token.lemma_.lower() in lex.evidence_nouns:
        author = author_of(token, lex, depth=3)
        if author is not None:
            return author
    if token.pos_ == "NOUN":
        named = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if named is not None:
            return named
    return token


def author_of(token: Token, lex: CueLexicon, depth: int) -> Token | None:
    """The possessor or by/from-object of an evidence noun, looking through "a post on its channel"."""
    for child in token.children:
        if child.dep_ == "poss":
            return child
    if depth == 0:
        return None
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in AUTHOR_PREPS:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            if obj.lemma_.lower() in lex.evidence_nouns:
                found = author_of(obj, lex, depth - 1)
                if found is not None:
                    return found
            elif child.lower_ in ("by", "from") and obj.pos_ in NOMINAL:
                return obj
    return None


def _title_of(title: Token, name: Token) -> bool:
    """Whether a common noun before a name in apposition is its title: right before it ("spokesman Patrick
    Muyaya") or set off by one comma ("the head of the military government, Min Aung Hlaing")."""
    end = max([title.i, *(c.right_edge.i for c in title.children if c.i < name.left_edge.i and not c.is_punct)])
    between = title.doc[end + 1 : name.left_edge.i]
    return not any(t.is_punct for t in title.doc[title.i + 1 : name.i]) or [t.text for t in between] == [","]


def source_span(head: Token, max_tokens: int) -> tuple[int, int]:
    """Token span [start, end) of a source's name: the head with its modifiers, prepositional complements
    ("the Commission on Presidential Debates") and conjuncts ("Grassley and Leahy"), up to an apposition or
    a relative clause; a name in apposition after its title keeps the title; no possessive marker, no time
    ("10:40 a.m. Donald Trump")."""
    left = head.i
    described = head.head if head.dep_ == "appos" and head.head.pos_ == "NOUN" else None
    if described is not None and described.i < head.i and _title_of(described, head):
        left = described.left_edge.i  # "Congo's government spokesman Patrick Muyaya": the title with the name
    for child in head.lefts:
        if child.dep_ not in SOURCE_DROP and child.ent_type_ not in NOT_SOURCES:
            left = min(left, child.left_edge.i)
    right = head.i
    for child in head.rights:
        if child.dep_ in SOURCE_DROP or child.dep_ == "prep" and temporal(child):
            break
        right = max(right, child.right_edge.i)
    if right - left + 1 > max_tokens:
        left, right = max(left, head.i - max_tokens + 1), head.i
    doc = head.doc
    while left < head.i and (doc[left].is_punct or doc[left].is_space or doc[left].ent_type_ in NOT_SOURCES):
        left += 1
    while right > head.i and (doc[right].is_punct or doc[right].is_space or doc[right].dep_ == "cc"):
        right -= 1
    opened = [t.i for t in doc[left : right + 1] if t.text in "()"]
    if opened and doc[opened[-1]].text == "(" and right + 1 < len(doc) and doc[right + 1].text == ")":
        right += 1  # "the Kenya National Commission on Human Rights (KNCHR)": the bracket closed
    return left, right + 1

