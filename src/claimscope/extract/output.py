"""Turn a processed Doc into the claims JSON contract (../shared/spec/OUTPUT.md)."""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from typing import Any

from spacy.tokens import Doc, Span, Token

from claimscope.extract.attribution.datelines import dateline_tokens, load_datelines
from claimscope.extract.types import ActorMention, Claim, PlaceMention, Quantity, TimeMention
from claimscope.ingest.document import Document


def document_json(document: Document, doc: Doc) -> dict[str, Any]:
    """One object per document: its header, its claims, and every time, place and actor mention."""
    times = doc._.times or []
    places = doc._.places or []
    quantities = doc._.quantities or []
    dateline = dateline_tokens(doc, load_datelines())
    return {
        "document": {
            "id": document.id,
            "title": document.title,
            "published": document.published_iso(),
            "url": document.url,
            "language": document.language,
            "outlet": document.outlet,
            "kind": document.kind,
        },
        "claims": [
            claim_json(document.id, claim, times, places, quantities, settings(doc, claim, places, dateline))
            for claim in (doc._.claims or [])
        ],
        "times": [asdict(t) for t in times],
        "places": document_places(doc, places, dateline),
        "actors": [actor_json(a) for a in (doc._.actors or [])],
        **quantity_lists(quantities),
    }


def document_places(doc: Doc, places: list[PlaceMention], dateline: set[int]) -> list[dict[str, Any]]:
    """Every place mention; one inside a dateline (its tokens: "CAIRO, Aug 15 (Reuters) -") has `role`
    "dateline": where the report was filed, not what it is about."""
    starts = {doc[i].idx for i in dateline}
    return [{**place_json(p), "role": "dateline"} if p.start in starts else place_json(p) for p in places]


def claim_json(
    doc_id: str,
    claim: Claim,
    times: list[TimeMention],
    places: list[PlaceMention],
    quantities: list[Quantity],
    setting: list[PlaceMention] | None = None,
) -> dict[str, Any]:
    """A claim with the quantities, places and times that lie inside its content, and the places where it was
    made (`role` "setting": "told the press conference in Kazan") after those of its content."""
    pieces = claim.parts or [(claim.content.start, claim.content.end)]

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in pieces)

    content: dict[str, Any] = asdict(claim.content)
    if claim.parts:
        content["parts"] = [list(p) for p in claim.parts]
    return {
        "id": claim_id(doc_id, claim),
        "source": actor_json(claim.source) if claim.source else None,
        "cue": claim.cue,
        "cue_span": asdict(claim.cue_span) if claim.cue_span else None,
        "channel": claim.channel,
        "asserted_on": claim.asserted_on,
        "content": content,
        "modality": claim.modality,
        "event": claim.event,
        **quantity_lists([q for q in quantities if inside(q.start, q.end)]),
        "places": [
            *({**place_json(p), "role": "content"} for p in places if inside(p.start, p.end) and p.lat is not None),
            *({**place_json(p), "role": "setting"} for p in setting or []),
        ],
        "times": [{"text": t.text, "value": t.value} for t in times if inside(t.start, t.end)],
        "relayed_by": [actor_json(a) for a in claim.relayed_by],
        "cites": [actor_json(a) for a in claim.cites],
    }


def settings(doc: Doc, claim: Claim, places: list[PlaceMention], dateline: set[int]) -> list[PlaceMention]:
    """Places the claim's cue governs, outside its content and its source: where it was said ("told the press
    conference in Kazan"). A dateline ("SEOUL, Feb. 4 (Yonhap) --") and a place reached through the source or a
    subject ("an analyst at a Seoul institute said") are not where it was said; `dateline`: the document's
    dateline tokens."""
    if claim.cue_span is None:
        return []
    cue = doc.char_span(claim.cue_span.start, claim.cue_span.end, alignment_mode="expand")
    if cue is None:
        return []
    sentence = cue.sent
    pieces = claim.parts or [(claim.content.start, claim.content.end)]
    taken = [*pieces, *([(claim.source.start, claim.source.end)] if claim.source else [])]
    found = []
    for p in places:
        if p.lat is None or not (sentence.start_char <= p.start and p.end <= sentence.end_char):
            continue
        if any(s < p.end and p.start < e for s, e in taken):
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is not None and not any(t.i in dateline for t in span) and _governed(span.root, cue, taken):
            found.append(p)
    return found


def _governed(token: Token, cue: Span, taken: list[tuple[int, int]]) -> bool:
    """Whether the cue governs a token through neither a subject nor the source or content."""
    cue_tokens = set(range(cue.start, cue.end))
    while True:
        if token.i in cue_tokens:
            return True
        if token.dep_ in _SUBJECTS or token.head.i == token.i:
            return False
        if any(s <= token.idx < e for s, e in taken):
            return False
        token = token.head


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def claim_id(doc_id: str, claim: Claim) -> str:
    """Stable across runs: the document and the claim's content and cue offsets."""
    cue = claim.cue_span.start if claim.cue_span else None
    return offsets_id(doc_id, claim.content.start, claim.content.end, cue)


def json_claim_id(doc_id: str, claim: dict[str, Any]) -> str:
    """`claim_id` of a claim already in JSON (a long document's piece, its offsets moved into the whole)."""
    cue = claim["cue_span"]["start"] if claim.get("cue_span") else None
    return offsets_id(doc_id, claim["content"]["start"], claim["content"]["end"], cue)


def offsets_id(doc_id: str, start: int, end: int, cue: int | None) -> str:
    """The id of a claim from its document, content offsets and cue start."""
    key = f"{doc_id}:{start}:{end}:{'-' if cue is None else cue}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def actor_json(actor: ActorMention) -> dict[str, Any]:
    return asdict(actor)


def place_json(place: PlaceMention) -> dict[str, Any]:
    """A literal place as OUTPUT.md has it (its `role` is implied: the document's places are the literal ones)."""
    data = asdict(place)
    del data["role"]
    return data


def quantity_lists(quantities: list[Quantity]) -> dict[str, list[dict[str, Any]]]:
    """`quantities` (the guideline's counted things) and `vague_quantities` ("hundreds", "several": intervals
    from the lexicon, which the guideline leaves out but reconciliation still compares)."""
    return {"quantities": [quantity_json(q) for q in quantities if not q.vague],
            "vague_quantities": [quantity_json(q) for q in quantities if q.vague]}


def quantity_json(quantity: Quantity) -> dict[str, Any]:
    data = asdict(quantity)
    del data["vague"]
    value = data["value"]
    data["value"] = int(value) if float(value).is_integer() else value
    return data
