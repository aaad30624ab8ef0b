"""What reconciliation says of each claim (its topics, origin, reliability and credibility), looked up once per
export from the topics the store materialised: a claim id -> gradings map, so no claim costs a query."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from claimscope.store import Store

# Credibility digits from most to least credible: 6 (cannot be judged) says the least.
_CREDIBILITY_ORDER = "123456"


@dataclass(frozen=True)
class Grading:
    """A claim on one topic's timeline: the figure it gives there, its origin and its Admiralty grades."""

    topic_id: str
    topic_label: str
    value: float | None
    low: float | None
    high: float | None
    origin: str | None
    reliability: str | None
    reliability_reason: str | None
    credibility: str | None
    credibility_reason: str | None

    def to_json(self) -> dict[str, Any]:
        return dict(vars(self))


class Reconciliation:
    """Every topic (without its timeline) and, per claim id, its gradings, most credible first."""

    def __init__(self, topics: Iterable[dict[str, Any]]) -> None:
        self.topics: dict[str, dict[str, Any]] = {}
        by_claim: dict[str, list[Grading]] = defaultdict(list)
        for topic in topics:
            self.topics[topic["id"]] = {k: v for k, v in topic.items() if not isinstance(v, list)}
            for row in topic.get("timeline") or []:
                by_claim[row["claim_id"]].append(Grading(
                    topic["id"], topic["label"], row.get("value"), row.get("low"), row.get("high"),
                    row.get("origin"), row.get("reliability"), row.get("reliability_reason"),
                    row.get("credibility"), row.get("credibility_reason"),
                ))
        for gradings in by_claim.values():
            gradings.sort(key=lambda g: _CREDIBILITY_ORDER.find(g.credibility or "6"))
        self._by_claim = dict(by_claim)

    def of(self, claim_id: str) -> list[Grading]:
        """The claim's gradings, most credible first (empty for a claim on no topic)."""
        return self._by_claim.get(claim_id, [])

    def claim_ids(self, topic_id: str) -> set[str]:
        """The ids of the claims on a topic."""
        return {claim_id for claim_id, gs in self._by_claim.items() if any(g.topic_id == topic_id for g in gs)}


def topic_json(store: Store) -> Iterator[dict[str, Any]]:
    """Every materialised topic with its timeline, one at a time (one query per topic, none per claim)."""
    return (store.topic(summary["id"]) for summary in store.topics())


def reconciliation(store: Store) -> Reconciliation:
    """The reconciliation lookup of the store's claims, built once per export."""
    return Reconciliation(topic_json(store))
