"""Coreference of sources: what a pronoun, a definite description or a lone surname refers back to."""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from spacy.tokens import Doc, Span

from claimscope.extract.actorbase import Actor, ActorBase, ActorWords
from claimscope.extract.actors.context import SOURCES_KEY, SUBJECT_DEPS, _context_country
from claimscope.extract.actors.names import _appositions
from claimscope.extract.types import ActorMention


class _Source(NamedTuple):
    """A source resolved earlier in the document; `name` is the name of an actor the base does not know."""

    start: int
    end: int
    actor: str | None
    kind: str | None
    country: str | None
    name: str | None


def _position(source: tuple) -> tuple[int, int]:
    """Sources order by their offsets alone: their other fields may be None, which does not compare with text
    (a stable sort keeps equal spans in the order they were found)."""
    return source[0], source[1]


def _sources_before(doc: Doc, start: int) -> list[_Source]:
    return [_Source(*s) for s in doc.user_data.get(SOURCES_KEY) or () if s[1] <= start]


def _antecedent(
    base: ActorBase, doc: Doc, text: str, start: int, on: date | None, mentions: list[ActorMention]
) -> _Source | None:
    """The actor a pronoun ("he", "it") or a definite description ("the intelligence service", "the Ukrainian
    agency", "the president") refers back to: the last compatible source or mention before `start`. A
    description with nothing before it to refer to names the known actor that fits it in the next sentence
    ("..., the spy agency said. The National Intelligence Service disclosed ...")."""
    words = base.words
    article, rest = words.strip_determiner(words.words(text))
    before = [m for m in mentions if m.end <= start]
    sources = _sources_before(doc, start)
    if article is None and len(rest) == 1 and rest[0] in words.person_pronouns:
        gender = words.person_pronouns[rest[0]]

        def fits(kind: str | None, actor: str | None) -> bool:
            found = base.get(actor) if actor else None
            return kind == "person" and (found is None or found.gender in (None, gender))

        return _prefer(doc, [s for s in sources if fits(s.kind, s.actor)], [m for m in before if fits(m.kind, m.actor)])
    if article is None and len(rest) == 1 and rest[0] in words.organisation_pronouns:
        return _prefer(doc, [s for s in sources if s.kind != "person"], [m for m in before if m.kind != "person"])
    if article not in words.definite:
        return None
    owner, rest = base.owner_prefix(rest)
    head = words.head(rest) or _group_head(words, rest)
    if head is None:
        return None
    cue, kinds, modifiers = head
    group = cue in words.group_words
    role = cue.split()[-1] if cue.split()[-1] in base.role_words else None
    owner_country = base.get(owner).country if owner else None

    def armed_group(actor: str) -> bool:
        """A group the base knows that belongs to no state ("the group" after "the RSF")."""
        found = base.get(actor)
        return found is not None and found.kind == "military unit" and not base.state_of(actor)

    def compatible(actor: str | None, kind: str | None, country: str | None, name: str, described: str) -> bool:
        vocabulary = base.vocabulary(actor) if actor else frozenset(words.words(name))
        if group and (kind == "person" or actor and cue not in vocabulary and not armed_group(actor)):
            return False
        if not group and kind not in kinds and not set(cue.split()) <= vocabulary:
            return False
        if cue in words.state_forces and actor and armed_group(actor):
            return False  # an armed group the base knows is no state's military
        if owner and not (base.root(actor) == owner if actor else country == owner_country):
            return False
        # An actor the base does not know has the roles and modifiers of the words describing it too ("the
        # minister" after "Lebanese Health Minister Firass Abiad"), not their kind ("an army spokesman").
        vocabulary = vocabulary | frozenset(words.words(described))
        if role and kind == "person" and not (base.has_role(actor, role, on) if actor else role in vocabulary):
            return False
        return set(modifiers) <= vocabulary

    def named_so(actor: str | None, name: str) -> bool:
        """Called by the description's word: by its names, or an unknown actor by the words describing it too
        ("Indonesia's search and rescue agency ... The agency said": not the news agency of the dateline)."""
        return set(cue.split()) <= (base.vocabulary(actor) if actor else frozenset(words.words(name)))

    fitting = [
        s for s in sources if compatible(s.actor, s.kind, s.country, s.name or "", _described(doc, s))
    ]
    fitting_mentions = [m for m in before if compatible(m.actor, m.kind, m.country, m.text, _described(doc, m))]
    # An actor called by the description's word beats one of the same kind only ("the army": Sudan's army,
    # not the Rapid Support Forces).
    called = [s for s in fitting if named_so(s.actor, f"{s.name or ''} {_described(doc, s)}")]
    called_mentions = [m for m in fitting_mentions if named_so(m.actor, m.text)]
    if called or called_mentions:
        fitting, fitting_mentions = called, called_mentions
    if not fitting and not fitting_mentions:
        limit = _next_sentence_end(doc, start)
        ahead = (m for m in mentions if start < m.start < limit and m.actor is not None)
        later = next((m for m in ahead if compatible(m.actor, m.kind, m.country, m.text, "")), None)
        return _from_mention(later) if later is not None else None
    return _prefer(doc, fitting, fitting_mentions, subjects_only=False)


def _next_sentence_end(doc: Doc, start: int) -> int:
    """The character offset where the sentence after the one at `start` ends."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return start
    sentence = span[0].sent
    return doc[sentence.end].sent.end_char if sentence.end < len(doc) else sentence.end_char


def _group_head(words: ActorWords, rest: list[str]) -> tuple[str, tuple[str, ...], list[str]] | None:
    """A description headed by a group word ("the Lebanese group", "the movement"): (cue, no kinds, words
    before it), or None."""
    found = words.head_phrase(" ".join(rest))
    if found and found[-1] in words.group_words:
        return found[-1], (), found[:-1]
    return None


def _described(doc: Doc, actor: _Source | ActorMention) -> str:
    """The words describing an actor the base does not know at its span: the words before it in its noun phrase
    and what stands in apposition to it ("Lebanese Health Minister", "Hezbollah's new secretary-general")."""
    if actor.actor is not None:
        return ""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return ""
    root = span.root
    parts = [doc[min(root.left_edge.i, span.start) : span.end].text, *(d.text for d in _appositions(span))]
    return " ".join(parts)


def _prefer(
    doc: Doc, sources: list[_Source], mentions: list[ActorMention], subjects_only: bool = True
) -> _Source | None:
    """The last compatible source, unless a compatible mention that is the subject of a sentence comes after it
    (not one inside a clause: "aimed at forcing Prime Minister Henry to resign. '...,' he said" is still the
    speaker); without a source, the last mention (for pronouns the last subject of its sentence: "Zelensky met
    Rutte. He said")."""
    if sources:
        last = sources[-1]
        later = [m for m in mentions if m.start >= last.end and _is_main_subject(doc, m)]
        return _from_mention(later[-1]) if later else last
    if not mentions:
        return None
    return _from_mention(_last_subject(doc, mentions) if subjects_only else mentions[-1])


def _from_mention(mention: ActorMention) -> _Source:
    name = re.sub(r"^(?:the|The)\s+", "", mention.text)
    return _Source(mention.start, mention.end, mention.actor, mention.kind, mention.country, name)


def _is_subject(doc: Doc, mention: ActorMention) -> bool:
    return _span_of(doc, mention).root.dep_ in SUBJECT_DEPS


def _is_main_subject(doc: Doc, mention: ActorMention) -> bool:
    root = _span_of(doc, mention).root
    verb = root.head.head if root.head.dep_ == "conj" else root.head
    return root.dep_ in SUBJECT_DEPS and verb.dep_ == "ROOT"


def _span_of(doc: Doc, mention: ActorMention) -> Span:
    return doc.char_span(mention.start, mention.end, alignment_mode="expand")


def _last_subject(doc: Doc, candidates: list[ActorMention]) -> ActorMention:
    """The last candidate, or, in the same sentence, the last one that is a subject (pronouns continue the
    topic: "Zelensky met Rutte. He said ...")."""
    last = candidates[-1]
    sentence = _span_of(doc, last).sent
    for mention in reversed(candidates):
        if mention.start < sentence.start_char:
            break
        if _is_subject(doc, mention):
            return mention
    return last


def _named_body(base: ActorBase, doc: Doc, span: Span, mentions: list[ActorMention]) -> _Source | None:
    """For unnamed members of a body named by a proper noun ("Treasury officials", "a Hamas spokesman"): the
    last mention before whose name has that word ("the Treasury Department")."""
    if span.root.pos_ == "PROPN" or base.words.head(base.words.words(span.root.text)) is None:
        return None
    names = {
        base.words.key(t.text)
        for t in span[: span.root.i - span.start]
        if (t.pos_ == "PROPN" or t.ent_type_ == "ORG") and t.dep_ in ("compound", "nmod", "amod")
    }
    names = {n for n in names if n and not base.is_owner_form(n)}
    if not names:
        return None
    earlier = [_from_mention(m) for m in mentions if m.end <= span.start_char and m.kind != "person"]
    earlier += [s for s in _sources_before(doc, span.start_char) if s.name and s.kind != "person"]
    earlier.sort(key=_position)
    return next((s for s in reversed(earlier) if names & set(base.words.words(s.name or ""))), None)


def _named_in_full(base: ActorBase, doc: Doc, span: Span | None, mentions: list[ActorMention]) -> _Source | None:
    """For a lone name word ("Lee", "Abiad"), the person named in full before it whose name begins or ends
    with that word (a surname comes first in "Lee Seong-kweun", last in "Firass Abiad"), or named by that word
    alone with a country ("identified as Ri"); one such person only. For an abbreviation, the source spelled
    out with it."""
    if span is None:
        return None
    words = [t for t in span if t.lower_ not in base.words.definite]
    if len(words) == 1 and words[0].is_upper and len(words[0]) > 1:
        return _spelled_out(doc, words[0].text, span.start_char)
    if len(words) != 1 or words[0].pos_ != "PROPN" or not words[0].is_title:
        return None
    key = base.words.key(words[0].text)
    found: dict[str, ActorMention] = {}
    for mention in mentions:
        if mention.end > span.start_char or mention.kind != "person":
            continue
        name = base.words.words(mention.actor or mention.text)
        if len(name) > 1 and key in (name[0], name[-1]) or name == [key] and mention.country:
            found[mention.actor or mention.text] = mention
    if len(found) != 1:
        return None
    return _from_mention(found.popitem()[1])


def _spelled_out(doc: Doc, abbreviation: str, start: int) -> _Source | None:
    """For an abbreviation ("KNCHR said"), the source spelled out with it in brackets earlier in the document
    ("the Kenya National Commission on Human Rights (KNCHR) said"), the latest such one."""
    bracket = re.compile(rf"\s*\(\s*{re.escape(abbreviation)}\s*\)")
    found = [s for s in _sources_before(doc, start)
             if bracket.match(doc.text, s.end) or re.search(bracket.pattern + "$", doc.text[s.start:s.end])]
    return found[-1] if found else None


def _by_context(base: ActorBase, doc: Doc, text: str, start: int, on: date | None) -> Actor | None:
    """A definite description with no owner and no antecedent ("the interior ministry") as that body of the
    state the text is about there (`_context_country`), when the base knows it."""
    article, rest = base.words.strip_determiner(base.words.words(text))
    if article not in base.words.definite or base.owner_prefix(rest)[0] is not None:
        return None
    country = _context_country(doc, start)
    state = base.state_for(country) if country else None
    actors = base.owned(state, " ".join(base.words.head_phrase(text)), on) if state else []
    actor = base.one_of(actors) if actors else None
    return base.speaker(actor) if actor is not None else None
