"""Document context shared by mention finding and source resolution: the user-data keys, the country
cues of a document and the country a text is about at an offset."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from spacy.tokens import Doc

from claimscope.extract.actorbase import ActorBase
from claimscope.extract.types import ActorMention, PlaceMention

# Doc.user_data keys: the actor file a doc was processed with (when not the packaged one), the owners whose
# ambiguous names the doc does not mean, the (offset, country, acting) of every name of a state in it, the
# offsets of its line breaks, and the sources resolved so far.
ACTORS_FILE_KEY = "claimscope_actors_file"
SKIP_KEY = "claimscope_actors_skip"
CUES_KEY = "claimscope_country_cues"
PARAGRAPHS_KEY = "claimscope_line_breaks"
SOURCES_KEY = "claimscope_sources"
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Kinds whose country sets the context of an unknown office holder (not outlets, persons or organisations).
STATE_KINDS = frozenset({"state", "government", "agency", "military unit"})
QUOTATION = re.compile(r'"[^"\n]*"|\u201c[^\u201d\n]*\u201d')


def _country_cues(
    doc: Doc,
    text: str,
    base: ActorBase,
    matches: list[tuple[str, int, int]],
    known: list[ActorMention],
    places: list[PlaceMention],
) -> list[tuple[int, str, bool]]:
    """(offset, country, acting) of every mention of a state or its bodies and every place that sets a sentence's
    scene ("In Bangkok, ..."), which are acting, and of every other name, demonym or capital of a state and
    every other place, in text order, quotations left out: where an unknown office holder's country is looked
    for."""
    cues = {(p.start, p.country, _sets_scene(doc, p)) for p in places if p.country}
    # An armed group the base knows is no state: its mention does not set whose office holders follow.
    cues.update((m.start, m.country, True) for m in known
                if m.kind in STATE_KINDS and m.country and not (base.get(m.actor or "") and not base.state_of(m.actor)))
    for key, start, end in matches:
        if base.is_owner_form(key):
            country = base.country_in(doc[start:end].text)
            if country:
                cues.add((doc[start].idx, country, False))
    # Names inside a quotation are what a speaker talks about, not where the text is.
    quoted = [(m.start(), m.end()) for m in QUOTATION.finditer(text)]
    return sorted(c for c in cues if not any(a <= c[0] < b for a, b in quoted))


def _sets_scene(doc: Doc, place: PlaceMention) -> bool:
    """True when a place opens its sentence as the scene of what follows ("In Moscow, the ministry said")."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    prep = span.root.head if span is not None and span.root.dep_ == "pobj" else None
    return (
        prep is not None
        and prep.lower_ in ("in", "from")
        and (prep.i == 0 or bool(prep.is_sent_start))
        and span.end < len(doc)
        and doc[span.end].text == ","
    )


def _context_country(doc: Doc, start: int, scene: bool = False) -> str | None:
    """The state a text is about at a character offset: the nearest mention of a state or its bodies, or scene,
    before it in its paragraph ("Kigali denied ... government spokeswoman X said", "In Bangkok, Prime Minister X
    said"), else the country that most of the document's names of states and places before it are of (none
    when no country has most). With `scene`, the fallback is the country most of the document's places are in
    (towns and regions count twice): where an unnamed body ("the health ministry", "authorities") works."""
    cues = doc.user_data.get(CUES_KEY) or []
    before = cues[: bisect.bisect_left(cues, (start, "", False))]
    breaks = doc.user_data.get(PARAGRAPHS_KEY) or []
    paragraph = breaks[bisect.bisect_left(breaks, start) - 1] if breaks and breaks[0] < start else -1
    acting = [country for offset, country, mention in before if mention and offset > paragraph]
    if acting:
        return acting[-1]
    if scene:
        return _scene_country(doc)
    counts: dict[str, int] = defaultdict(int)
    for _, country, _ in before:
        counts[country] += 1
    best = max(counts, key=counts.__getitem__, default=None)
    return best if best is not None and 2 * counts[best] > len(before) else None


def _scene_country(doc: Doc) -> str | None:
    """The country most of a document's places are in, towns and regions counting twice (none on a tie)."""
    counts: dict[str, int] = defaultdict(int)
    for place in doc._.places or ():
        if place.country:
            counts[place.country] += 1 if place.precision == "country" else 2
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def _base_of(doc: Doc) -> ActorBase:
    """The base a document was processed with, in the view its ambiguous names call for."""
    path = doc.user_data.get(ACTORS_FILE_KEY)
    base = ActorBase.from_file(path) if path else ActorBase.default()
    skip = doc.user_data.get(SKIP_KEY)
    if skip is None:
        skip = sorted(base.unsupported(doc.text, {p.country for p in doc._.places or () if p.country}))
    return base.without(frozenset(skip))
