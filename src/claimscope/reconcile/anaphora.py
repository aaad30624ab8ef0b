"""Claims that speak of what another claim of their document counted: "the estimated number is very high and
may reach one million", "the exact scale is still being assessed", "the reports were groundless rumours". Such
a claim names nothing a topic could be keyed on; it takes the topics of the nearest claim of its document
before it (else after it) that has any, with its own figure where it gives one."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from claimscope.reconcile import counting, lexicon
from claimscope.reconcile.keys import SOME_PRESENT, Membership, TopicKey
from claimscope.reconcile.records import ClaimRecord, Count

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
    for i, record in enumerate(records):
        found[record.claim_id] = _partitives(record, found[record.claim_id], records[:i], found)
    return found


def _partitives(record: ClaimRecord, own: list[Membership], before: list[ClaimRecord],
                found: dict[str, list[Membership]]) -> list[Membership]:
    """A figure that counts part of what an earlier claim counted ("Russia launched 126 drones at Ukraine."
    then "its air defences shot down 79 of the drones") counts that claim's things: whose they are, and where
    when the claim names no place of its own; so do the claim's later figures of the same unit ("while 35
    others were lost")."""
    result = []
    taken: tuple[str | None, Membership] | None = None  # (unit, antecedent) of a partitive before
    for m in own:
        count = next((c for c in record.counts if c.value == m.value), None)
        antecedent = None
        if count is not None and not m.derived:
            if _definite_partitive(count):
                antecedent = _antecedent(count, before, found)
                taken = (count.unit, antecedent) if antecedent is not None else taken
            elif taken is not None and taken[0] == count.unit:
                antecedent = taken[1]
        if antecedent is None:
            result.append(m)
            continue
        scope = m.key.scope if record.places else antecedent.key.scope
        key = dataclasses.replace(m.key, affiliation=antecedent.key.affiliation, scope=scope,
                                  region=m.key.region if record.places else None)
        result.append(dataclasses.replace(m, key=key))
    return result


def _definite_partitive(count: Count) -> bool:
    """The count's words take part of a group named before: "79 of the drones", "15 of them"."""
    words = counting.words(count.text or "")
    return any(a == "of" and b in lexicon.load("topics")["partitive_determiners"] for a, b in zip(words, words[1:]))


def _antecedent(count: Count, before: list[ClaimRecord], found: dict[str, list[Membership]]) -> Membership | None:
    """The nearest earlier figure of the document that counts the same unit, as stated (not a sum)."""
    for record in reversed(before):
        for m in _stated(found[record.claim_id]):
            stated = next((c for c in record.counts if c.value == m.value), None)
            if stated is not None and stated.unit and stated.unit == count.unit and not _definite_partitive(stated):
                return m
    return None


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
