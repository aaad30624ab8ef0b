"""Claims that speak of what another claim of their document counted: "the estimated number is very high and
may reach one million", "the exact scale is still being assessed", "the reports were groundless rumours". Such
a claim names nothing a topic could be keyed on; it takes the topics of the nearest claim of its document
before it (else after it) that has any, with its own figure where it gives one."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from claimscope.reconcile import counting, lexicon
from claimscope.reconcile.keys import SOME_PRESENT, Membership, TopicKey
from claimscope.reconcile.records import ClaimRecord

DETERMINER_REACH = 3  # words from the determiner to the anaphoric noun ("the exact estimated number")


def document_memberships(records: list[ClaimRecord],
                         memberships: Callable[[ClaimRecord], list[Membership]]) -> dict[str, list[Membership]]:
    """`memberships` of each claim of one document (in text order); anaphoric claims without any take their
    neighbour's topics."""
    found = {r.claim_id: memberships(r) for r in records}
    for i, record in enumerate(records):
        if found[record.claim_id] or not anaphoric(record.content):
            continue
        order = [*reversed(records[:i]), *records[i + 1:]]
        neighbour = next((found[r.claim_id] for r in order if _stated(found[r.claim_id])), None)
        if neighbour:
            found[record.claim_id] = _taken(record, neighbour)
    return found


def anaphoric(content: str) -> bool:
    """The claim refers back with a determiner and a noun of the lexicon ("the estimated number", "such
    reports")."""
    spec = lexicon.load("topics")["anaphora"]
    determiners, nouns = set(spec["determiners"]), set(spec["nouns"])
    tokens = counting.words(content)
    return any(token in determiners and nouns.intersection(tokens[i + 1:i + 1 + DETERMINER_REACH])
               for i, token in enumerate(tokens))


def _stated(ms: list[Membership]) -> list[Membership]:
    return [m for m in ms if not m.derived]


def _taken(record: ClaimRecord, neighbour: list[Membership]) -> list[Membership]:
    """The neighbour's topics, with this claim's own figure (its first) where it gives one, else presence; a
    denial denies them."""
    count = record.counts[0] if record.counts else None
    denied = record.modality == "denied"
    interval = count.interval if count is not None else SOME_PRESENT
    how = f"{count.text or count.value}" if count is not None else "no figure: at least one"
    derivation = f"{how}, of what the claim beside it counts" + (" (denied)" if denied else "")
    first: dict[TopicKey, Membership] = {}
    for m in _stated(neighbour):
        first.setdefault(m.key, m)
    return [dataclasses.replace(m, claim=record, interval=interval, stated=interval,
                                value=count.value if count else None, denied=denied, derivation=derivation)
            for m in first.values()]
