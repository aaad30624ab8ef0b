"""Which claims share an origin: the same actor or government, a relay of another, or a near-copy document.

Corroboration counts independent origins only: ten outlets repeating one Telegram post are one origin.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from claimscope.reconcile import lexicon
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
COPY_DAYS = 7  # a copy re-publishes its original within a week of it


@dataclass(frozen=True)
class Origin:
    """An origin group: a key and a readable label ("Ukraine (state)", "CNN")."""

    key: str
    label: str


def origin_of(claim: ClaimRecord) -> Origin:
    """Whom a claim ultimately comes from: the cited source for relays; the organisation its source's words
    name (a UN agency is the United Nations); the state for state actors, state media and offices of a state;
    else the actor, or an unresolved mention (which `document_origins` resolves within its document)."""
    if claim.cites and claim.source_kind in REPORTING_KINDS and claim.actor and unnamed(
            claim.cite_texts[0] if claim.cite_texts else claim.cites[0]):
        # a report's unnamed officials stay with the report, wherever it is relayed
        return _named_origin(claim.actor, claim)
    if claim.cites:
        return organisation_origin(claim.cites[0]) or _named_origin(claim.cites[0], claim)
    found = organisation_origin(claim.source_text) or organisation_origin(claim.actor)
    if found:
        return found
    if claim.actor:
        return _named_origin(claim.actor, claim)
    if claim.source_country and (claim.source_kind in GOVERNMENT_KINDS or is_office(claim.source_text)):
        return state_origin(claim.source_country)
    text = re.sub(r"\W+", " ", (claim.source_text or "unknown").lower()).strip()
    return Origin(f"unknown:{claim.document_id}:{text}", f"{claim.source_text or 'unknown'} (unresolved)")


REPORTING_KINDS = {"media outlet"}
FIRST_PERSON = {"i", "we"}
_UNNAMED = re.compile(r"\b(officials?|sources?|diplomats?|people familiar)\b", re.IGNORECASE)


def unnamed(text: str) -> bool:
    """Whom a report cites is unnamed ("US officials", "a Ukrainian official", "sources"): no capitalised word
    but nationalities and country names."""
    if not _UNNAMED.search(text):
        return False
    pattern, _ = lexicon.demonym_pattern()
    rest = pattern.sub("", text)
    return not re.search(r"\b[A-Z][a-z]+\b", rest.replace("U.S.", "").replace("US", ""))


def state_origin(country: str) -> Origin:
    """The origin group of a state's government, agencies and officials, keyed by its ISO code."""
    from claimscope.reconcile.keys import country_name

    return Origin(f"state:{country}", f"{country_name(country)} (state)")


def organisation_origin(text: str | None) -> Origin | None:
    """The organisation a source's words name ("UNICEF spokesperson James Elder" -> United Nations)."""
    if not text:
        return None
    pattern, names = _organisation_pattern()
    match = pattern.search(text)
    if match is None:
        return None
    name = names[match.group(1).lower()]
    return Origin(f"org:{name}", name)


@lru_cache(maxsize=1)
def _organisation_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    names = {word.lower(): org for org, words in lexicon.load("origins")["organisations"].items() for word in words}
    alternatives = "|".join(re.escape(w) for w in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])({alternatives})(?![\w])", re.IGNORECASE), names


def is_office(text: str | None) -> bool:
    """The source's words name an office of a state ("Health Minister", "local authorities", "official data")."""
    words = set(re.findall(r"[a-z]+", (text or "").lower()))
    return bool(words & _office_words())


@lru_cache(maxsize=1)
def _office_words() -> frozenset[str]:
    return frozenset(w for w in lexicon.load("origins")["office_words"] if " " not in w)


@lru_cache(maxsize=1)
def _state_media() -> frozenset[str]:
    return frozenset(name.lower() for name in lexicon.load("origins")["state_media"])


def _named_origin(name: str, claim: ClaimRecord) -> Origin:
    return _named(name, claim.source_country, claim.source_kind, claim.source_text)


@lru_cache(maxsize=65536)
def _named(name: str, source_country: str | None, source_kind: str | None, source_text: str | None) -> Origin:
    """The origin of a named source (cached: the actor base lookup is the slow part)."""
    from claimscope.extract.actors import ActorBase

    base = ActorBase.default()
    actor = base.get(name) or base.resolve(name)
    canonical = actor.name if actor else name
    state = base.state_of(canonical)
    country = (base.get(state).country if state and base.get(state) else None) or (actor.country if actor else None)
    if state and country:
        return state_origin(country)
    if actor is not None and country and canonical.lower() in _state_media():
        return state_origin(country)
    if actor is not None:
        root = base.root(actor.name) or actor.name
        return Origin(f"actor:{root}", root)
    if source_country and (source_kind in GOVERNMENT_KINDS or is_office(source_text)):
        return state_origin(source_country)
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
    return _similar_words(_words(a.content), _words(b.content), threshold)


@lru_cache(maxsize=65536)
def _words(content: str) -> frozenset[str]:
    """The words of a claim's content, lower-cased (cached: a topic compares each claim with many)."""
    return frozenset(re.findall(r"\w+", content.lower()))


def _similar_words(wa: frozenset[str], wb: frozenset[str], threshold: float) -> bool:
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= threshold


def document_origins(claims: list[ClaimRecord]) -> dict[str, Origin]:
    """Claim id -> origin for the claims of one document, in order. Within a document a surname or first name
    alone ("Abiad", "Lee") is the person named in full elsewhere in it; an office of no named country ("local
    authorities", "the Health Minister", or one whose country extraction only guessed from the text around it)
    is the state the document quotes most (else the one it is about); and a source the actor base
    cannot resolve ("the report", "preliminary data", "he") is not an origin of its own: it takes the origin
    of the nearest resolved claim before it (else after it), the source the text is following."""
    origins = {c.claim_id: origin_of(c) for c in claims}
    # one person is one origin in a document: "Lebanese Health Minister Firass Abiad" makes every claim of
    # Firass Abiad the state's, titled or not
    by_actor = {c.actor: origins[c.claim_id] for c in claims
                if c.actor and origins[c.claim_id].key.startswith(("state:", "org:"))}
    for claim in claims:
        if claim.actor in by_actor and origins[claim.claim_id].key == f"actor:{claim.actor}":
            origins[claim.claim_id] = by_actor[claim.actor]
    by_name_part: dict[str, Origin] = {}
    for claim in claims:
        origin = origins[claim.claim_id]
        parts = (claim.actor or "").split()
        if len(parts) > 1:
            for part in parts:
                by_name_part.setdefault(part.lower(), origin)
    guessed = {c.claim_id for c in claims if _context_state(c)}
    states = Counter(o.key for cid, o in origins.items() if o.key.startswith("state:") and cid not in guessed)
    dominant = next((o for o in origins.values() if states and o.key == states.most_common(1)[0][0]), None)
    for claim in claims:
        origin = origins[claim.claim_id]
        name = (claim.actor or "").strip()
        if origin.key == f"actor:{name}" and " " not in name and name.lower() in by_name_part:
            origins[claim.claim_id] = by_name_part[name.lower()]
        elif claim.claim_id in guessed and dominant is not None:
            origins[claim.claim_id] = dominant
        elif (_unresolved(origin) or origin.key == f"actor:{name}") and not claim.source_country \
                and (claim.source_kind in GOVERNMENT_KINDS or is_office(claim.source_text)):
            # an office of no named country: the state the document quotes most, else the one it is about
            fallback = dominant or (state_origin(claim.context_country) if claim.context_country else None)
            origins[claim.claim_id] = fallback or origin
    resolved = [(i, origins[c.claim_id]) for i, c in enumerate(claims) if not _unresolved(origins[c.claim_id])]
    for i, claim in enumerate(claims):
        if _unresolved(origins[claim.claim_id]):
            before = [o for j, o in resolved if j < i]
            if before:
                origins[claim.claim_id] = before[-1]
            elif _first_person(claim):
                # "I can confirm that ..." before anyone else speaks: a statement's speaker is its publisher
                origins[claim.claim_id] = organisation_origin(claim.outlet) or _named_origin(claim.outlet, claim)
            elif resolved:
                origins[claim.claim_id] = resolved[0][1]
    return origins


def _first_person(claim: ClaimRecord) -> bool:
    return bool(claim.outlet) and (claim.source_text or "").strip().lower() in FIRST_PERSON


def _context_state(claim: ClaimRecord) -> bool:
    """True when a claim's state is only the one extraction guessed from the text around an unnamed office
    ("authorities", "the spy agency", "he"): no actor, no cited source, and no country or name in its words."""
    text, country = claim.source_text or "", claim.source_country
    if claim.actor or claim.cites or not country or re.search(rf"\b{re.escape(country)}\b", text):
        return False
    if not (claim.source_kind in GOVERNMENT_KINDS or is_office(text)):
        return False
    pattern, _ = lexicon.demonym_pattern()
    return not pattern.search(text) and not re.search(r"(?<=\W)[A-Z]", text)


def _unresolved(origin: Origin) -> bool:
    return origin.key.startswith("unknown:")


def document_signature(text: str) -> list[int] | None:
    """The MinHash signature of a document's word 3-shingles (None for a text too short to have any)."""
    from datasketch import MinHash

    shingles = _shingles(text)
    if not shingles:
        return None
    mh = MinHash(num_perm=NUM_PERM, scheme=MINHASH_SCHEME, permutations=_permutations())
    mh.update_batch([s.encode() for s in shingles])
    return [int(v) for v in mh.hashvalues]


@lru_cache(maxsize=1)
def _permutations() -> Any:
    """The MinHash permutations (seeded, so the same in every run): made once, not per document."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, scheme=MINHASH_SCHEME).permutations


@lru_cache(maxsize=None)
def _lsh_params(threshold: float) -> tuple[int, int]:
    """The LSH bands and rows for a threshold (datasketch integrates for them: costly, so once)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def signature_groups(signatures: dict[str, list[int]], threshold: float = NEAR_DUPLICATE_JACCARD) -> list[set[str]]:
    """Groups of documents whose stored signatures are near-duplicates (Jaccard >= threshold): the candidates
    of MinHash LSH (a band of the signature in common, bands as datasketch sizes them for the threshold), each
    checked by its estimated Jaccard. Buckets in a dict, so a handful of documents costs a handful of steps."""
    if len(signatures) < 2:
        return []
    bands, rows = _lsh_params(threshold)
    buckets: dict[tuple[int, tuple[int, ...]], list[str]] = defaultdict(list)
    for doc, values in signatures.items():
        for band in range(bands):
            buckets[band, tuple(values[band * rows : (band + 1) * rows])].append(doc)
    groups = UnionFind()
    for docs in buckets.values():
        for i, doc in enumerate(docs):
            for other in docs[i + 1 :]:
                # a pair already in one group changes no group: its Jaccard is not needed
                if groups.find(doc) != groups.find(other) and _jaccard(signatures[doc], signatures[other]) >= threshold:
                    groups.union(doc, other)
    members: dict[str, set[str]] = {}
    for doc in signatures:
        members.setdefault(groups.find(doc), set()).add(doc)
    return [g for g in members.values() if len(g) > 1]


def _jaccard(a: list[int], b: list[int]) -> float:
    """The Jaccard similarity two MinHash signatures estimate: the share of equal hash values."""
    return sum(x == y for x, y in zip(a, b)) / len(a)


def copy_groups(members: list[Any], origins: dict[str, Origin], signatures: dict[str, list[int]],
                days: int = COPY_DAYS) -> dict[str, Origin]:
    """Within one topic, a claim copied into a near-copy document (same figure, same words, dated within `days`
    of it: a re-publication, not a later report) is the original's claim: both take one origin, the resolved one
    (then the smallest key), so a copy corroborates nothing."""
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
        by_stated: dict[Any, list[Any]] = defaultdict(list)
        for m in group:
            by_stated[m.stated].append(m)
        for same in by_stated.values():  # copies state the same figure: only those pairs are compared
            for i, a in enumerate(same):
                for b in same[i + 1 :]:
                    ida, idb = a.claim.claim_id, b.claim.claim_id
                    if (a.claim.document_id != b.claim.document_id and union.find(ida) != union.find(idb)
                            and _days_apart(a, b) <= days
                            and _similar_words(_words(a.claim.content), _words(b.claim.content), COPY_JACCARD)):
                        union.union(ida, idb)
    chosen: dict[str, Origin] = {}
    for claim_id in sorted(origins, key=lambda c: (_unresolved(origins[c]), origins[c].key)):
        chosen.setdefault(union.find(claim_id), origins[claim_id])
    return {c: chosen[union.find(c)] for c in origins}


def _days_apart(a: Any, b: Any) -> int:
    """Days between two memberships' claims (undated ones count as dated alike)."""
    return abs(((a.claim.when or date.min) - (b.claim.when or date.min)).days)
