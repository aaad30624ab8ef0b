"""The claim as reconciliation sees it: one stored claim with its document's context."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Interval:
    """A closed interval of counts; None is unbounded on that side."""

    low: float | None
    high: float | None

    def intersect(self, other: "Interval") -> "Interval | None":
        """The common part, or None when the intervals are disjoint."""
        low = _max(self.low, other.low)
        high = _min(self.high, other.high)
        if low is not None and high is not None and low > high:
            return None
        return Interval(low, high)

    def contains(self, value: float) -> bool:
        return (self.low is None or self.low <= value) and (self.high is None or value <= self.high)

    def __str__(self) -> str:
        """"10,800–13,200", "≥3,000" (no upper bound), "≤8,000", "12,000"."""
        if self.low is None and self.high is None:
            return "?"
        if self.high is None:
            return f"≥{self.low:,.0f}"
        if self.low is None:
            return f"≤{self.high:,.0f}"
        return f"{self.low:,.0f}" if self.low == self.high else f"{self.low:,.0f}–{self.high:,.0f}"


@dataclass(frozen=True)
class Place:
    """Where a claim locates what it counts, for the topic's scope."""

    name: str | None
    country: str | None
    admin1: str | None
    precision: str | None


@dataclass(frozen=True)
class Count:
    """A quantity as stated in a claim."""

    value: float
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    subject: str | None
    start: int | None = None  # offset of the figure in the claim's content, to find the clause it stands in

    @property
    def interval(self) -> Interval:
        return Interval(self.low, self.high)


@dataclass(frozen=True)
class ClaimRecord:
    """A stored claim with what reconciliation needs of its document and source."""

    claim_id: str
    document_id: str
    published: date | None
    outlet: str | None
    source_text: str | None
    actor: str | None  # canonical name, None when the source is unknown
    source_kind: str | None
    source_country: str | None
    asserted_on: date | None  # the day the claim was made, when the text says (month/year -> first day)
    content: str
    modality: str
    event: str | None
    counts: tuple[Count, ...] = ()
    places: tuple[Place, ...] = ()
    cites: tuple[str, ...] = ()  # canonical names (or texts) of whom the source cites or relays
    context_country: str | None = None  # the country the document is mostly about, for claims with no place

    @property
    def when(self) -> date | None:
        """The date the claim stands at: when asserted, else the publication date."""
        return self.asserted_on or self.published

    @property
    def date_is_publication(self) -> bool:
        """True when the text gives no date for the claim and the publication date stands in."""
        return self.asserted_on is None


def _max(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else max(a, b)


def _min(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)


def record_json(record: ClaimRecord) -> dict[str, Any]:
    """A claim record as plain JSON, as the store keeps it."""
    data = dataclasses.asdict(record)
    for name in ("published", "asserted_on"):
        data[name] = data[name].isoformat() if data[name] else None
    return data


def record_from(data: dict[str, Any]) -> ClaimRecord:
    """The claim record `record_json` wrote."""
    fields = dict(data)
    for name in ("published", "asserted_on"):
        fields[name] = date.fromisoformat(fields[name]) if fields[name] else None
    fields["counts"] = tuple(Count(**c) for c in fields["counts"])
    fields["places"] = tuple(Place(**p) for p in fields["places"])
    fields["cites"] = tuple(fields["cites"])
    return ClaimRecord(**fields)
