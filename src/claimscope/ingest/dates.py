"""Publication dates as every reader stores them: naive UTC datetimes with a precision.

Timezone choice: an aware datetime is converted to UTC and stored naive (`tzinfo=None`), so every stored
`published` compares and sorts alike. A datetime with no zone is kept as given. A date-only value is that
calendar day at 00:00 with precision "day" (it is the local date of the source, not shifted).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

from claimscope.ingest.document import Precision


def utc_naive(moment: datetime) -> datetime:
    """`moment` in UTC without tzinfo; a naive value is taken as already UTC."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def parse_published(value: object) -> tuple[datetime | None, Precision | None]:
    """A publication value (ISO `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, ISO datetime, date or datetime) with its precision.

    Raises ValueError for anything else: readers report it rather than guess.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, datetime):
        return utc_naive(value), "second"
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day), "day"
    if not isinstance(value, str):
        raise ValueError(f"not an ISO date or datetime: {value!r}")
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return datetime(int(text), 1, 1), "year"
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return datetime.strptime(text, "%Y-%m"), "month"
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.combine(date.fromisoformat(text), datetime.min.time()), "day"
        return utc_naive(datetime.fromisoformat(text)), "second"
    except ValueError:
        raise ValueError(f"not an ISO date or datetime: {value!r}") from None
