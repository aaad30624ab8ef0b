"""Where a claim's content lies when the parse gives the cue no complement, or only part of one: the object's
completions ("announced the transfer of two brigades to the front"), a closing attribution ("..., UNICEF
says"), the sentence before ("This was reported by X") and a clause the parser lost after "said that".
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

# Entity types of a time: a prepositional phrase with one is the claim's date, not its content.
TIMES = frozenset({"DATE", "TIME"})
# Pronouns pointing back at what was said before: "This was reported by X".
DEMONSTRATIVES = frozenset({"this", "that"})
# Punctuation before a closing attribution ("..., UNICEF says").
CLOSING_MARKS = frozenset({",", "—", "–"})
# Dependencies of a verb's adjuncts ("said on Monday", "reported at the time", "said publicly").
ADJUNCTS = frozenset({"prep", "npadvmod", "advmod"})
ADJUNCT_WORDS = 6  # at most this many words of adjuncts between the verb and the "that"


def subtree(token: Token) -> set[int]:
    """Token indices of a subtree (the parse is projective, so it is the span between its edges)."""
    return set(range(token.left_edge.i, token.right_edge.i + 1))


def temporal(prep: Token) -> bool:
    """A prepositional phrase of time ("Trump in 2008"), which is no part of a name."""
    return any(c.ent_type_ in TIMES for c in prep.children)


def cue_time(verb: Token, clause: Token) -> set[int]:
    """ "said on Wednesday it had struck nine sites", "said Tuesday the toll rose": a time right after the cue
    and before the subject of a clause without "that" dates the saying; the parse hangs it on the clause. With
    a "that", the words the parse hung on the clause before it are the saying's ("said later that")."""
    if clause.i < verb.i:
        return set()
    mark = next((c for c in clause.children if c.dep_ == "mark"), None)
    if mark is not None:
        if mark.lower_ != "that" or mark.i < verb.i:
            return set()
        return {i for i in subtree(clause) if verb.i < i < mark.i}
    found: set[int] = set()
    position = verb.i + 1
    for child in clause.lefts:
        if child.left_edge.i < position:
            continue
        if child.left_edge.i != position:
            break
        if not (child.dep_ == "prep" and temporal(child)
                or child.dep_ in ("npadvmod", "advmod") and child.ent_type_ in TIMES):
            break
        found |= subtree(child)
        position = child.right_edge.i + 1
    return found


def object_complements(verb: Token, obj: Token, predicative: frozenset[str] = frozenset()) -> set[int]:
    """What completes a noun content after its object: "announced the deployment of warships to the Gulf to
    deter Iran" (the destination and purpose hang on the verb); no time, no attribution. After a comma, only
    a predicating participle: "condemned the launch, calling it a provocation"."""
    found: set[int] = set()
    comma = False
    for child in verb.rights:
        if child.i <= obj.i:
            continue
        if child.is_punct and child.text == ",":
            comma = True
            continue
        if temporal(child):
            continue  # the date of the claim, not its content
        if comma and not (child.dep_ == "advcl" and child.lemma_.lower() in predicative):
            break
        if child.dep_ not in ("prep", "advcl", "xcomp") or child.lower_ in ("according", "as"):
            break
        found |= subtree(child)
    return found


def closing_attribution(verb: Token, source: Token) -> set[int]:
    """ "Over 200 children killed in two months, UNICEF says": a root cue with no complement that closes its
    sentence after a comma reports what precedes the comma (a headline the parser left without a clause)."""
    doc = verb.doc
    start = min(verb.i, source.left_edge.i)
    sent = verb.sent
    if start - 1 <= sent.start or doc[start - 1].text not in CLOSING_MARKS:
        return set()
    dated = set().union(*(subtree(c) for c in verb.rights if temporal(c) or c.ent_type_ in TIMES))
    if any(not (t.is_punct or t.is_space or t.i in dated) for t in doc[verb.i + 1 : sent.end]):
        return set()  # only the time of the saying may follow it ("..., the IOM said on Saturday.")
    return set(range(sent.start, start - 1))


def closing_clauses(verb: Token, clauses: list[Token]) -> set[int]:
    """ "300 are believed to have been killed, with some 2,700 others wounded, the agency said": a clause the
    parse hangs on a closing cue, between its content and its source, belongs to the content."""
    last = max(c.right_edge.i for c in clauses)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i < last:
        return set()
    found: set[int] = set()
    for child in verb.children:
        if child.dep_ == "advcl" and last < child.i < subject.left_edge.i:
            found |= subtree(child)
    return found


def without_coordinate_reports(content: set[int], doc: Doc, verbs: frozenset[str]) -> set[int]:
    """ "it had deployed troops to Russia, with state news agency KCNA reporting ...", "it had killed a
    commander, while health officials said 40,005 people have been killed": a "with" phrase or an adverbial
    or coordinate clause whose verb reports, with a subject of its own (or the speaker's: `coordinate_cue`), is
    another claim; it and what follows leave the content."""
    for i in sorted(content):
        token = doc[i]
        if token.lower_ == "with" and token.dep_ == "prep" and any(
                c.dep_ == "pcomp" and _reports(c, verbs) for c in token.children):
            end = i
        elif token.dep_ in ("advcl", "conj") and _reports(token, verbs) and token.left_edge.i in content \
                and token.left_edge.i > min(content):
            end = token.left_edge.i
        elif coordinate_cue(token, verbs) and token.i > min(content):
            end = token.i
            while end and doc[end - 1].dep_ == "cc":
                end -= 1
        else:
            continue
        while end and doc[end - 1].is_punct:
            end -= 1
        return {j for j in content if j < end}
    return content


def _reports(verb: Token, verbs: frozenset[str]) -> bool:
    """A reporting verb with a subject of its own; one after "that" is reported, not reporting ("said A, and
    that the search was continuing"), and a bare participle is passive ("with 600 wounded admitted")."""
    return (
        verb.lemma_.lower() in verbs
        and any(c.dep_ == "nsubj" for c in verb.children)
        and not any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
        and not (verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children))
    )


def coordinate_cue(verb: Token, verbs: frozenset[str]) -> bool:
    """ "told reporters that the army held the city, and accused Rwanda of ...": a subjectless, active,
    unnegated reporting verb that the parse coordinated with the reported clause is a second act of the speaker
    of that clause's cue ("remain in Kursk but have not been seen" stays in the clause)."""
    clause = verb.head
    return (
        verb.dep_ == "conj"
        and verb.lemma_.lower() in verbs
        and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "neg") for c in verb.children)
        and clause.dep_ == "ccomp"
        and clause.head.lemma_.lower() in verbs
    )


def refers_back(verb: Token) -> bool:
    """ "This was reported by X", "That was stated by X": a passive cue whose subject points at what was said
    before."""
    return any(c.dep_ == "nsubjpass" and c.lower_ in DEMONSTRATIVES for c in verb.children) and any(
        c.dep_ == "agent" for c in verb.children
    )


def sentence_before(verb: Token) -> set[int]:
    """The tokens of the sentence before a cue's, across blank lines (a lede and "This was stated by X")."""
    doc = verb.doc
    end = verb.sent.start
    while end > 0 and (doc[end - 1].is_space or doc[end - 1].is_punct):
        end -= 1
    if end == 0:
        return set()
    start = doc[end - 1].sent.start
    return {i for i in range(start, end) if not doc[i].is_space}


def after_that(verb: Token) -> set[int]:
    """ "officials said that ..." where the parser lost the clause (a "that" taken as object, or hung on a word
    of the clause after an adjunct of the verb: "reported at the time that ..."): the rest of the sentence
    after the "that"."""
    that = next((c for c in verb.children if c.lower_ == "that" and c.i == verb.i + 1 and c.dep_ != "mark"), None)
    if that is None:
        that = _that_after_adjuncts(verb)
    if that is None:
        return set()
    end = verb.sent.end
    while end > that.i + 1 and (verb.doc[end - 1].is_punct or verb.doc[end - 1].is_space):
        end -= 1
    return set(range(that.i + 1, end))


def _that_after_adjuncts(verb: Token) -> Token | None:
    """A "that" the parser hung elsewhere right after the verb's adjuncts of time, place or manner ("at the
    time", "on Monday", "in Kyiv"), within a few words of the verb."""
    adjuncts = [c for c in verb.rights if c.dep_ in ADJUNCTS]
    doc = verb.doc
    for i in range(verb.i + 1, min(verb.i + 1 + ADJUNCT_WORDS, verb.sent.end - 1)):
        if doc[i].lower_ == "that":
            return doc[i] if i > verb.i + 1 and doc[i].head.i != verb.i else None
        if not any(a.left_edge.i <= i <= a.right_edge.i for a in adjuncts):
            return None
    return None
