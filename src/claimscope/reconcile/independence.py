"""Which claims share an origin: the same actor or government, a relay of another, or a near-copy document.

Corroboration counts independent origins only: ten outlets repeating one Telegram post are one origin.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from claimscope.reconcile.records import ClaimRecord

GOVERNMENT_KINDS = {"state", "government", "agency", "military unit"}
SHINGLE_WORDS = 3
# Word 3-shingle Jaccard of two documents from which they count as near-copies. On the sample corpus,
# syndicated copies score 0.53-0.79, a synonym-spun rewrite 0.17-0.24, distinct articles on the same story at
# most 0.084; claims inside near-copies merge only when they are one claim copied (same figure, same words).
NEAR_DUPLICATE_JACCARD = 0.15
NUM_PERM = 128
MINHASH_SCHEME = "affine32"  # stored signatures name the scheme they were made with
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
    return signature_groups({doc: sig for doc, text in texts.items() if (sig := document_signature(text))},
                            threshold)


def _shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(0, len(words) - SHINGLE_WORDS + 1))}


def same_wording(a: ClaimRecord, b: ClaimRecord, threshold: float = COPY_JACCARD) -> bool:
    """Two claims' contents share most of their words (a copy, perhaps lightly re-worded)."""
    wa, wb = set(re.findall(r"\w+", a.content.lower())), set(re.findall(r"\w+", b.content.lower()))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= threshold


def document_origins(claims: list[ClaimRecord]) -> dict[str, Origin]:
    """Claim id -> origin for the claims of one document, in order. A source the actor base cannot resolve
    ("the report", "preliminary data", "a lawmaker") is not an origin of its own: it takes the origin of the
    nearest resolved claim before it in the document (else after it), the source the text is following."""
    origins = {c.claim_id: origin_of(c) for c in claims}
    resolved = [(i, origins[c.claim_id]) for i, c in enumerate(claims) if not _unresolved(origins[c.claim_id])]
    if not resolved:
        return origins
    for i, claim in enumerate(claims):
        if _unresolved(origins[claim.claim_id]):
            before = [o for j, o in resolved if j < i]
            origins[claim.claim_id] = before[-1] if before else resolved[0][1]
    return origins


def _unresolved(origin: Origin) -> bool:
    return origin.key.startswith("unknown:")


def document_signature(text: str) -> list[int] | None:
    """The MinHash signature of a document's word 3-shingles (None for a text too short to have any)."""
    from datasketch import MinHash

    shingles = _shingles(text)
    if not shingles:
        return None
    mh = MinHash(num_perm=NUM_PERM, scheme=MINHASH_SCHEME)
    mh.update_batch([s.encode() for s in shingles])
    return [int(v) for v in mh.hashvalues]


def signature_groups(signatures: dict[str, list[int]], threshold: float = NEAR_DUPLICATE_JACCARD) -> list[set[str]]:
    """Groups of documents whose stored signatures are near-duplicates (MinHash LSH, Jaccard >= threshold)."""
    from datasketch import MinHash, MinHashLSH

    if len(signatures) < 2:
        return []
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes = {doc: MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=MINHASH_SCHEME)
              for doc, values in signatures.items()}
    for doc, mh in hashes.items():
        lsh.insert(doc, mh)
    groups = UnionFind()
    for doc, mh in hashes.items():
        for other in lsh.query(mh):
            if other != doc and mh.jaccard(hashes[other]) >= threshold:
                groups.union(doc, other)
    members: dict[str, set[str]] = {}
    for doc in hashes:
        members.setdefault(groups.find(doc), set()).add(doc)
    return [g for g in members.values() if len(g) > 1]


def copy_groups(members: list[Any], origins: dict[str, Origin], signatures: dict[str, list[int]]) -> dict[str, Origin]:
    """Within one topic, a claim copied into a near-copy document (same figure, same words) is the original's
    claim: both take one origin, the resolved one (then the smallest key), so a copy corroborates nothing."""
    docs = {m.claim.document_id for m in members}
    groups = signature_groups({d: s for d, s in signatures.items() if d in docs})
    if not groups:
        return origins
    doc_group = {doc: i for i, group in enumerate(groups) for doc in group}
    union = UnionFind()
    by_group: dict[int, list[Any]] = defaultdict(list)
    for m in members:
        if m.claim.document_id in doc_group:
            by_group[doc_group[m.claim.document_id]].append(m)
    for group in by_group.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if (a.claim.document_id != b.claim.document_id and a.stated == b.stated
                        and same_wording(a.claim, b.claim)):
                    union.union(a.claim.claim_id, b.claim.claim_id)
    chosen: dict[str, Origin] = {}
    for claim_id in sorted(origins, key=lambda c: (_unresolved(origins[c]), origins[c].key)):
        chosen.setdefault(union.find(claim_id), origins[claim_id])
    return {c: chosen[union.find(c)] for c in origins}
