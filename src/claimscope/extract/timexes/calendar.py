"""Calendar arithmetic for relative dates: which day, week, month, quarter or season an expression names."""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta
from typing import Literal

# Where a year-less date falls: on or before publication, on or after it, or whichever is nearer.
Prefer = Literal["past", "future", "nearest"]


def day_value(d: date) -> str:
    """2024-10-23."""
    return d.isoformat()


def week_value(d: date) -> str:
    """The ISO week holding `d`: 2024-W43."""
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    """2024-10."""
    return f"{year:04d}-{month:02d}"


def quarter(month: int) -> int:
    """The calendar quarter (1-4) of a month."""
    return (month - 1) // 3 + 1


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    """The month `by` months after (year, month)."""
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def shift_date(d: date, months: int) -> date:
    """`d` moved by whole months, the day clamped to the target month's length."""
    year, month = shift_month(d.year, d.month, months)
    return date(year, month, min(d.day, _calendar.monthrange(year, month)[1]))


def valid_day(year: int, month: int, day: int) -> date | None:
    """The date, or None when the day does not exist in that month."""
    if 1 <= month <= 12 and 1 <= day <= _calendar.monthrange(year, month)[1]:
        return date(year, month, day)
    return None


def year_of_day(month: int, day: int, published: date, prefer: Prefer, ahead: int = 5) -> int:
    """The year of a year-less date: the latest such date on or before publication, the first on or after it,
    or under "nearest" the first after it when it lies at most `ahead` months ahead (news tells more of what
    has been than of what will be), else the latest before it."""
    if prefer == "nearest":
        following = published.year + ((month, day) < (published.month, published.day))
        if valid_day(following, month, day) and shift_date(published, ahead) >= date(following, month, day):
            return following
        prefer = "past"
    if prefer == "future":
        return published.year + ((month, day) < (published.month, published.day))
    return published.year - ((month, day) > (published.month, published.day))


def year_of_month(month: int, published: date, prefer: Prefer, ahead: int = 5) -> int:
    """The year of a year-less month: the publication month or the latest before it, the first after it, or
    under "nearest" the first after it when at most `ahead` months ahead, else the latest before it."""
    if prefer == "nearest":
        return published.year + (month < published.month) if 0 < (month - published.month) % 12 <= ahead else (
            published.year - (month > published.month))
    if prefer == "future":
        return published.year + (month < published.month)
    return published.year - (month > published.month)


def day_of_month(day: int, published: date, prefer: Prefer) -> date | None:
    """"The 24th": that day of the publication month, or of the month before when it is still to come."""
    step = 1 if prefer == "future" else -1
    year, month = published.year, published.month
    if (prefer == "future" and day < published.day) or (prefer == "past" and day > published.day):
        year, month = shift_month(year, month, step)
    for _ in range(2):  # the 31st of a 30-day month: one month further
        found = valid_day(year, month, day)
        if found:
            return found
        year, month = shift_month(year, month, step)
    return None


def weekday(target: int, published: date, prefer: Prefer, strict: bool = False) -> date:
    """The nearest such weekday on or before publication (or on or after); `strict` excludes the day itself."""
    if prefer == "future":
        ahead = (target - published.weekday()) % 7 or (7 if strict else 0)
        return published + timedelta(days=ahead)
    back = (published.weekday() - target) % 7 or (7 if strict else 0)
    return published - timedelta(days=back)


def quarter_year(number: int, published: date, prefer: Prefer) -> int:
    """The year of a year-less quarter: the current one or the latest before it (or the first after it)."""
    current = quarter(published.month)
    if prefer == "future":
        return published.year + (number < current)
    return published.year - (number > current)


def season_start(code: str, year: int, start_months: dict[str, int]) -> date:
    """The first day of a season; a season's year is that of its first month."""
    return date(year, start_months[code], 1)


def season_year(code: str, published: date, start_months: dict[str, int], relation: int | None, prefer: Prefer) -> int:
    """The year of a year-less season: "last" the one before the season under way, "next" the one after it,
    "this" the one under way or else the publication year's; bare, the one under way or last begun (or next,
    or the nearer)."""
    start = start_months[code]
    started = published.year if season_start(code, published.year, start_months) <= published else published.year - 1
    current = shift_month(started, start, 3) > (published.year, published.month)
    if relation == -1:
        return started - 1 if current else started
    if relation == 1:
        return started + 1
    if relation == 0:
        return started if current else published.year
    if current or prefer == "past":
        return started
    if prefer == "future":
        return started + 1
    middle = (start + 1 - published.month) % 12  # months from now to the middle of the next one
    return started + 1 if middle < 12 - middle else started


def holiday(spec: dict[str, int], year: int) -> date:
    """The day of a holiday in `year`: a fixed day ({month, day}), the nth weekday of a month ({month, weekday,
    nth}: Thanksgiving is the 4th Thursday of November; `after` days later), or a day counted from Easter
    Sunday ({easter: days})."""
    if "easter" in spec:
        return easter(year) + timedelta(days=spec["easter"])
    if "nth" in spec:
        first = date(year, spec["month"], 1)
        nth = first + timedelta(days=(spec["weekday"] - first.weekday()) % 7 + 7 * (spec["nth"] - 1))
        return nth + timedelta(days=spec.get("after", 0))
    return date(year, spec["month"], spec["day"])


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * leap) // 433
    month, day = divmod(h + leap - 7 * m + 90, 25)
    return date(year, month, (h + leap - 7 * m + 33 * month + 19) % 32)


def year_of_holiday(spec: dict[str, int], published: date, prefer: Prefer, ahead: int = 5) -> int:
    """The year of a year-less holiday: as `year_of_day`, with the holiday's day in each year."""
    last = published.year if holiday(spec, published.year) <= published else published.year - 1
    following = published.year if holiday(spec, published.year) >= published else published.year + 1
    if prefer == "future":
        return following
    if prefer == "nearest" and holiday(spec, following) <= shift_date(published, ahead):
        return following
    return last


def weekend_week(published: date, prefer: Prefer) -> date:
    """A day in the week of "the weekend": the weekend under way or last past (or next)."""
    if prefer == "future" or published.weekday() >= 5:
        return published
    return published - timedelta(days=7)


def calendar_value(value: str | None, precision: str | None) -> str | None:
    """`value` as YYYY-MM-DD, YYYY-MM or YYYY (the claims JSON `asserted_on`), coarsened where it must be.

    A week becomes its month when its seven days lie in one month, else its year; a quarter, half or season
    becomes its year; decades, centuries, durations, reference values (PRESENT_REF) and unresolved values give None.
    """
    if value is None or precision in (None, "duration", "decade", "century", "ref"):
        return None
    if precision in ("day", "month", "year"):
        return value
    year = value[:4]
    if precision == "week":
        monday = date.fromisocalendar(int(year), int(value[6:8]), 1)
        sunday = monday + timedelta(days=6)
        if monday.month == sunday.month:
            return month_value(monday.year, monday.month)
        return str(monday.year) if monday.year == sunday.year else None
    if precision == "season" and value.endswith("WI"):
        return None  # December to February straddles two years
    return year
