"""Which claims a page or the API asks for: the filters of `Store.claims` plus a full-text search of the
documents and a set of claim ids (a topic's)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimscope.store.conditions import ClaimFilters


@dataclass(frozen=True)
class ClaimFields:
    """The claim filters of `claimscope claims`, shared by pages, the API and exports (see `Store.claims`)."""

    source: str | None = None
    actor: str | None = None
    modality: str | None = None
    event: str | None = None
    document: str | None = None
    since: date | None = None
    until: date | None = None
    q: str | None = None


@dataclass(frozen=True)
class ClaimQuery(ClaimFields):
    """The claim filters plus `units` as in `Store.claims`; `text` a full-text search (words, "phrases",
    prefix*) of the documents' titles and texts; `ids` keeps only these claims, `topic` (an id or unique
    prefix) only the claims of this topic."""

    units: Iterable[str] | None = None
    text: str | None = None
    ids: Iterable[str] | None = None
    topic: str | None = None

    def filters(self) -> ClaimFilters:
        """The filters `Store.claims` applies (those given)."""
        chosen = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("text", "ids", "topic")}
        return {k: v for k, v in chosen.items() if v is not None}  # type: ignore[return-value]
