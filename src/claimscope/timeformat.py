"""Dates as claimscope writes them: ISO text at the precision they are known to."""

from __future__ import annotations

from datetime import datetime


def iso_at_precision(moment: datetime | None, precision: str | None) -> str | None:
    """`2024-10-25`, `2024-10` or `2024` for a day, month or year (finer precisions give the day)."""
    if moment is None:
        return None
    if precision == "year":
        return f"{moment.year:04d}"
    if precision == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    return moment.date().isoformat()
