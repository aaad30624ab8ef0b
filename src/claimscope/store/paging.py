"""Keyset paging of claims in date order: an opaque cursor naming the last claim shown, never an offset.

Claims are ordered by (date, document id, position): the dated ones first, then those without a date. A cursor
holds the key of the last claim of a page, so the next page starts right after it however many rows were
added or removed meanwhile, and on every backend the query reads an index range instead of skipping rows.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, or_

from claimscope.store.schema import ClaimRow


@dataclass(frozen=True)
class ClaimKey:
    """Where a claim stands in date order."""

    dated_from: date | None
    document_id: str
    position: int

    def encode(self) -> str:
        """The opaque cursor for this key (URL-safe)."""
        return encode_key([self.dated_from.isoformat() if self.dated_from else None, self.document_id,
                           self.position])

    @classmethod
    def decode(cls, cursor: str) -> ClaimKey:
        """The key a cursor holds; ValueError for anything this module did not write."""
        day, document_id, position = decode_key(cursor, ((str, type(None)), str, int))
        try:
            return cls(date.fromisoformat(day) if day is not None else None, document_id, position)
        except ValueError as exc:
            raise ValueError(f"not a paging cursor: {cursor!r}") from exc

    @classmethod
    def of(cls, row: Any) -> ClaimKey:
        """The key of a stored claim (a mapped row or a result row of the claims table)."""
        return cls(row.dated_from, row.document_id, row.position)


def dated_order() -> list[ColumnElement]:
    """ORDER BY for the dated claims (phase one)."""
    return [ClaimRow.dated_from, ClaimRow.document_id, ClaimRow.position]


def undated_order() -> list[ColumnElement]:
    """ORDER BY for the claims without a date (phase two)."""
    return [ClaimRow.document_id, ClaimRow.position]


def dated_after(key: ClaimKey | None) -> ColumnElement[bool]:
    """Dated claims after the key (all of them without a key); none when the key is already undated."""
    dated = ClaimRow.dated_from.is_not(None)
    if key is None:
        return dated
    if key.dated_from is None:
        return and_(dated, ClaimRow.dated_from.is_(None))  # always false: phase one is over
    return and_(
        ClaimRow.dated_from >= key.dated_from,  # lets the planner read the date index from the key on
        or_(
            ClaimRow.dated_from > key.dated_from,
            ClaimRow.document_id > key.document_id,
            and_(ClaimRow.document_id == key.document_id, ClaimRow.position > key.position),
        ),
    )


def undated_after(key: ClaimKey | None) -> ColumnElement[bool]:
    """Claims without a date after the key (all of them when the key is dated or absent)."""
    undated = ClaimRow.dated_from.is_(None)
    if key is None or key.dated_from is not None:
        return undated
    return and_(
        undated,
        or_(
            ClaimRow.document_id > key.document_id,
            and_(ClaimRow.document_id == key.document_id, ClaimRow.position > key.position),
        ),
    )


def encode_key(values: list[Any]) -> str:
    """An opaque, URL-safe cursor holding a key of JSON values."""
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_key(cursor: str, types: tuple[type | tuple[type, ...], ...]) -> list[Any]:
    """The key `encode_key` wrote, checked against the types its values must have (a type or a tuple of them,
    as `isinstance` takes); ValueError for anything else."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except ValueError as exc:
        raise ValueError(f"not a paging cursor: {cursor!r}") from exc
    if (not isinstance(values, list) or len(values) != len(types)
            or not all(isinstance(v, t) and not isinstance(v, bool) for v, t in zip(values, types))):
        raise ValueError(f"not a paging cursor: {cursor!r}")
    return values
