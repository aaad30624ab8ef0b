"""Amounts of time ("three days", "two years and three months"): durations, and dates counted from
publication ("three days ago", "in two weeks", "a few years ago", "the eighth day" of an event under way)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from claimscope.extract.timexes import calendar as cal
from claimscope.extract.timexes.calendar import Prefer
from claimscope.extract.timexes.grammar import grammar
from claimscope.extract.timexes.values import UNRESOLVED, Groups, Timex, match_groups


def unit_of(g: Groups) -> tuple[str, int, bool]:
    """The unit's ISO designator, how many of it one unit counts, and whether it is a time-of-day unit."""
    designator, multiplier, is_time = grammar().lexicon["units"][g["unit"]]
    return designator, multiplier, is_time


def count_of(g: Groups) -> float | None:
    """The count before a unit; None when vague ("several"), 1 for a bare singular unit."""
    if "count" not in g:
        return None if g["unit"].endswith("s") else 1
    text = g["count"]
    half = 0.5 if "half" in g else 0.0
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) + half
    if text.endswith(" 1/2"):
        return float(text[:-4]) + 0.5
    count = grammar().lexicon["counts"][text]
    return None if count is None else count + half


def act_ago(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """"Three days ago" -> that day; "two weeks ago" -> that ISO week; "a year ago" -> that year; "a few years
    ago" -> PAST_REF (a vague count names no period)."""
    return _vague(g, "PAST_REF") or _offset(g, published, -1)


def act_later(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """"In three days", "two weeks from now": counted forwards from publication; "in a few days" -> FUTURE_REF."""
    return _vague(g, "FUTURE_REF") or _offset(g, published, 1)


def act_nth_day(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """"It is the eighth day of the blockade": told in the present, the day counted is the publication day; in
    another tense it is some day of the event, which the text does not date."""
    if published is None or prefer != "nearest":
        return UNRESOLVED
    return Timex(cal.day_value(published), "day")


def _vague(g: Groups, reference: str) -> Timex | None:
    """The reference value for an amount with a vague count ("several years"), else None."""
    if any(count is None for count, _ in parts_of(g)):
        return Timex(reference, "ref")
    return None


def act_duration(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """"Three days" -> P3D, "several weeks" -> PXW, "a decade" -> P10Y, "five hours" -> PT5H,
    "two years and three months" -> P2Y3M."""
    parts = parts_of(g)
    if len(parts) == 1 and parts[0][0] is None:
        designator, _, is_time = parts[0][1]
        return Timex(f"P{'T' if is_time else ''}X{designator}", "duration")
    if any(count is None for count, _ in parts):
        return Timex(None, "duration")
    components: dict[tuple[str, bool], float] = {}
    for count, (designator, multiplier, is_time) in parts:
        for key, amount in _components(float(count or 0) * multiplier, designator, is_time):
            components[key] = components.get(key, 0.0) + amount
    return Timex(_iso_duration(components), "duration")


def parts_of(g: Groups) -> list[tuple[float | None, tuple[str, int, bool]]]:
    """(count, unit) of each amount in an expression ("two years and three months" has two)."""
    if "amount" not in g:
        return [(count_of(g), unit_of(g))]
    return [(count_of(match_groups(m)), unit_of(match_groups(m))) for m in grammar().amount_part.finditer(g["amount"])]


# A fraction of a unit in the next smaller one: half a year is P6M, an hour and a half PT1H30M.
SMALLER = {("Y", False): (12, "M", False), ("W", False): (7, "D", False), ("D", False): (24, "H", True),
           ("H", True): (60, "M", True), ("M", True): (60, "S", True)}


ORDER = (("Y", False), ("M", False), ("W", False), ("D", False), ("H", True), ("M", True), ("S", True))


def _components(amount: float, designator: str, is_time: bool) -> list[tuple[tuple[str, bool], float]]:
    """`amount` units as ISO components, a fraction carried into the next smaller unit where there is one."""
    whole, fraction = divmod(amount, 1)
    smaller = SMALLER.get((designator, is_time))
    if not fraction or smaller is None:
        return [((designator, is_time), amount)]
    factor, small, small_time = smaller
    head = [((designator, is_time), whole)] if whole else []
    return [*head, ((small, small_time), fraction * factor)]


def _iso_duration(components: dict[tuple[str, bool], float]) -> str:
    """P1Y2M, PT1H30M, P2W; weeks become days beside other date units (ISO 8601 keeps weeks alone)."""
    if ("W", False) in components and len(components) > 1:
        components[("D", False)] = components.get(("D", False), 0.0) + 7 * components.pop(("W", False))
    date_part = "".join(f"{_number(components[k])}{k[0]}" for k in ORDER if k in components and not k[1])
    time_part = "".join(f"{_number(components[k])}{k[0]}" for k in ORDER if k in components and k[1])
    return f"P{date_part}{'T' + time_part if time_part else ''}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# Precision of a date counted in each kind of unit: "three days ago" is a day, "two weeks ago" a week.
COUNTED = {"D": "day", "W": "week", "M": "month", "Y": "year", "H": "day", "S": "day"}


FINENESS = ("day", "week", "month", "year")


def _offset(g: Groups, published: date | None, sign: int) -> Timex:
    """The date `sign` x the amount away from publication, at the precision of its finest unit."""
    parts = parts_of(g)
    if published is None or any(c is None or not float(c).is_integer() for c, _ in parts):
        return UNRESOLVED
    months = days = seconds = 0
    finest = "year"
    for count, (designator, multiplier, is_time) in parts:
        n = int(count or 0) * multiplier
        if is_time:
            seconds += n * {"H": 3600, "M": 60, "S": 1}[designator]
        elif designator in ("D", "W"):
            days += n * (7 if designator == "W" else 1)
        elif designator in ("M", "Y"):
            months += n * (12 if designator == "Y" else 1)
        else:  # weekends are not counted from a day
            return UNRESOLVED
        kind = "day" if is_time else COUNTED[designator]
        finest = min(finest, kind, key=FINENESS.index)
    try:
        found = cal.shift_date(published, sign * months) + sign * timedelta(days=days + seconds // 86400)
    except (ValueError, OverflowError):  # before year 1
        return UNRESOLVED
    return timex_at(found, finest)


def timex_at(day: date, precision: str) -> Timex:
    """The value of `day` at `precision` (day, week, month, quarter, else year)."""
    if precision == "day":
        return Timex(cal.day_value(day), "day")
    if precision == "week":
        return Timex(cal.week_value(day), "week")
    if precision == "month":
        return Timex(cal.month_value(day.year, day.month), "month")
    if precision == "quarter":
        return Timex(f"{day.year:04d}-Q{cal.quarter(day.month)}", "quarter")
    return Timex(f"{day.year:04d}", "year")
