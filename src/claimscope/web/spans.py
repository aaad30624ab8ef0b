"""A document's text cut into segments, each knowing which claims' spans (source, cue, content, quantities,
places, dates) cover it: the page highlights them without nesting tags, however the spans overlap."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from claimscope.store.records import figures

KINDS = ("source", "cue", "content", "quantity", "place", "date")


@dataclass(frozen=True)
class Segment:
    """A run of text with the same covering spans."""

    text: str
    kinds: tuple[str, ...]  # which kinds of span cover it, in KINDS order
    claims: tuple[str, ...]  # the ids of the claims whose spans cover it


def claim_spans(data: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, claim id) of every span of every claim in a claims JSON."""
    times = data.get("times") or []
    spans = []
    for claim in data["claims"]:
        cid = claim["id"]
        content = claim["content"]
        pieces = content.get("parts") or [[content["start"], content["end"]]]
        spans += [(start, end, "content", cid) for start, end in pieces]
        for kind, item in (("source", claim.get("source")), ("cue", claim.get("cue_span"))):
            if item and item.get("start") is not None:
                spans.append((item["start"], item["end"], kind, cid))
        spans += [(q["start"], q["end"], "quantity", cid) for q in figures(claim)]
        spans += [(p["start"], p["end"], "place", cid) for p in claim.get("places") or []]
        for t in claim.get("times") or []:  # a claim's times carry no offsets: the document's mention inside it
            for mention in times:
                if (mention["text"], mention.get("value")) == (t["text"], t.get("value")) and any(
                        s <= mention["start"] and mention["end"] <= e for s, e in pieces):
                    spans.append((mention["start"], mention["end"], "date", cid))
                    break
    return spans


def segments(text: str, spans: list[tuple[int, int, str, str]]) -> list[Segment]:
    """The text cut at every span boundary; each piece with the kinds and claims covering it."""
    spans = [(max(0, s), min(len(text), e), k, c) for s, e, k, c in spans if s < e]
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    starting: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for s, e, k, c in spans:
        starting[s].append((e, k, c))
    active: list[tuple[int, str, str]] = []
    found = []
    for left, right in zip(cuts, cuts[1:]):
        active = [a for a in active if a[0] > left] + starting.get(left, [])
        kinds = tuple(k for k in KINDS if any(a[1] == k for a in active))
        claims = tuple(dict.fromkeys(a[2] for a in active))
        found.append(Segment(text[left:right], kinds, claims))
    return found
