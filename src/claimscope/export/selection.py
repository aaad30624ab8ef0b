"""What an export reads: the claim filters of `claimscope claims` plus a topic, and the stored documents with
the claims that pass them, a page of documents at a time (memory stays flat however large the store)."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, fields
from typing import Any

from claimscope.store import Store
from claimscope.store.filters import ClaimFields
from claimscope.store.records import day_interval

DATES = "YYYY-MM-DD, YYYY-MM or YYYY"
# Past this many claims a topic's claims are picked out while reading rather than in the query (bound
# parameters are limited in number on some databases).
MAX_ID_PARAMETERS = 10_000


@dataclass(frozen=True)
class Filters(ClaimFields):
    """Which claims an export holds: the claim filters and a topic; every filter given must pass."""

    topic: str | None = None

    @classmethod
    def parse(cls, **given: Any) -> Filters:
        """Filters from keyword values as a command line or a query string gives them (dates as text at any
        precision: `since` takes the first day, `until` the last); ValueError names a bad filter or date."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(given) - known)
        if unknown:
            raise ValueError(f"unknown export filter {', '.join(unknown)}: choose from {', '.join(sorted(known))}")
        values = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in given.items()}
        for name, last in (("since", False), ("until", True)):
            if isinstance(values.get(name), str):
                first_day, last_day = day_interval(values[name])
                if first_day is None:
                    raise ValueError(f"{name}: {values[name]!r} is not a date ({DATES})")
                values[name] = last_day if last else first_day
        return cls(**values)

    def store_filters(self) -> dict[str, Any]:
        """The filters `Store.claims_by_document` applies (all but the topic)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "topic"}


def documents(
    store: Store, filters: Filters, claim_ids: Collection[str] | None = None, mentions: bool = False
) -> Iterator[dict[str, Any]]:
    """The claims JSON of each document with claims passing the filters (and among `claim_ids`, when given),
    with those claims only, in document id order; `mentions` adds the document's lists of every mention."""
    in_query = claim_ids is not None and len(claim_ids) <= MAX_ID_PARAMETERS
    pages = store.claims_by_document(
        **filters.store_filters(), ids=claim_ids if in_query else None, mentions=mentions
    )
    for data in pages:
        if claim_ids is not None and not in_query:
            data = {**data, "claims": [c for c in data["claims"] if c["id"] in claim_ids]}
            if not data["claims"]:
                continue
        yield data


def claims(docs: Iterator[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(document header, claim) for every claim of the documents, in order."""
    for data in docs:
        for claim in data["claims"]:
            yield data["document"], claim


def claim_date(document: dict[str, Any], claim: dict[str, Any]) -> tuple[str | None, bool]:
    """The claim's date (ISO at its precision) and whether it is the publication date standing in."""
    if claim.get("asserted_on"):
        return claim["asserted_on"], False
    return document.get("published"), document.get("published") is not None


def source_name(claim: dict[str, Any]) -> str | None:
    """Who makes the claim: the resolved actor's name, else the source's words; None for narration."""
    source = claim.get("source")
    return (source.get("actor") or source.get("text")) if source else None
