"""Which claims share an origin: the same actor or government, a relay of another, or a near-copy document.

Corroboration counts independent origins only: ten outlets repeating one Telegram post are one origin.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from claimscope.reconcile.records import ClaimRecord

GOVERNMENT_KINDS = {"state", "government", "agency", "military unit"}
SHINGLE_WORDS = 3
# Word 3-shingle Jaccard of two documents from which they count as near-copies. On the sample corpus,
# syndicated copies score 0.53-0.79, a synonym-spun rewrite 0.17-0.24, distinct articles on the same story at
# most 0.084; claims inside near-copies merge only when they are one claim copied (same figure, same words).
NEAR_DUPLICATE_JACCARD = 0.15
NUM_PERM = 128
COPY_JACCARD = 0.4  # content words two copies of one claim share, at least


@dataclass(frozen=True)
class Origin:
    """An origin group: a key and a readable label ("Ukraine (state)", "CNN")."""

    key: str
    label: str


def origin_of(claim: ClaimRecord) -> Origin:
    """Whom a claim ultimately comes from: the cited source for relays, the state for state actors."""
    if claim.cites:
        return _named_origin(claim.cites[0], claim)
    if claim.actor:
        return _named_origin(claim.actor, claim)
    if claim.source_country and claim.source_kind in GOVERNMENT_KINDS:
        return state_origin(claim.source_country)
    text = re.sub(r"\W+", " ", (claim.source_text or "unknown").lower()).strip()
    return Origin(f"unknown:{claim.document_id}:{text}", f"{claim.source_text or 'unknown'} (unresolved)")


def state_origin(country: str) -> Origin:
    """The origin group of a state's government, agencies and officials, keyed by its ISO code."""
    from claimscope.reconcile.topics import country_name

    return Origin(f"state:{country}", f"{country_name(country)} (state)")


def _named_origin(name: str, claim: ClaimRecord) -> Origin:
    from claimscope.extract.actors import ActorBase

    base = ActorBase.default()
    actor = base.get(name) or base.resolve(name)
    canonical = actor.name if actor else name
    state = base.state_of(canonical)
    country = (base.get(state).country if state and base.get(state) else None) or (actor.country if actor else None)
    if state and country:
        return state_origin(country)
    if actor is not None:
        return Origin(f"actor:{actor.name}", actor.name)
    if claim.source_country and name == claim.actor and claim.source_kind in GOVERNMENT_KINDS:
        return state_origin(claim.source_country)
    return Origin(f"actor:{name}", name)


class UnionFind:
    """Disjoint sets of strings."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def near_duplicate_groups(texts: dict[str, str], threshold: float = NEAR_DUPLICATE_JACCARD) -> list[set[str]]:
    """Groups of documents whose word-shingle sets are near-duplicates (MinHash LSH, Jaccard >= threshold)."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes: dict[str, MinHash] = {}
    for doc_id, text in texts.items():
        shingles = _shingles(text)
        if not shingles:
            continue
        mh = MinHash(num_perm=NUM_PERM)
        mh.update_batch([s.encode() for s in shingles])
        hashes[doc_id] = mh
        lsh.insert(doc_id, mh)
    groups = UnionFind()
    for doc_id, mh in hashes.items():
        for other in lsh.query(mh):
            if other != doc_id and mh.jaccard(hashes[other]) >= threshold:
                groups.union(doc_id, other)
    members: dict[str, set[str]] = {}
    for doc_id in hashes:
        members.setdefault(groups.find(doc_id), set()).add(doc_id)
    return [g for g in members.values() if len(g) > 1]


def _shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(0, len(words) - SHINGLE_WORDS + 1))}


def origin_groups(claims: Iterable[ClaimRecord], duplicate_docs: list[set[str]],
                  copies: Callable[[ClaimRecord, ClaimRecord], bool]) -> dict[str, Origin]:
    """Claim id -> origin group. In near-duplicate documents, claims that `copies` says are the same claim
    (re-worded, re-attributed or left unattributed by the copy) share one group."""
    claims = list(claims)
    union = UnionFind()
    origins = {c.claim_id: origin_of(c) for c in claims}
    for claim_id, origin in origins.items():
        union.union(f"claim:{claim_id}", origin.key)
    doc_group = {doc: i for i, group in enumerate(duplicate_docs) for doc in group}
    by_group: dict[int, list[ClaimRecord]] = {}
    for claim in claims:
        if claim.document_id in doc_group:
            by_group.setdefault(doc_group[claim.document_id], []).append(claim)
    for group in by_group.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.document_id != b.document_id and copies(a, b):
                    union.union(f"claim:{a.claim_id}", f"claim:{b.claim_id}")
    # Name each group by the origin its smallest key belongs to, so the label is stable.
    labels = {origin.key: origin for origin in origins.values()}
    root_origin: dict[str, Origin] = {}
    for origin in sorted(labels.values(), key=lambda o: o.key):
        root_origin.setdefault(union.find(origin.key), origin)
    return {cid: root_origin[union.find(f"claim:{cid}")] for cid in origins}


def same_wording(a: ClaimRecord, b: ClaimRecord, threshold: float = COPY_JACCARD) -> bool:
    """Two claims' contents share most of their words (a copy, perhaps lightly re-worded)."""
    wa, wb = set(re.findall(r"\w+", a.content.lower())), set(re.findall(r"\w+", b.content.lower()))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= threshold
