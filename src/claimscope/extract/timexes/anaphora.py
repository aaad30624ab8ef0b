"""Times said of another time ("a year earlier", "two days later", "the following year", "the year-ago
quarter"), resolved against the focus: the latest dated mention before them in the document.

Rules live under `anaphors` in `data/dates.yml`. "A year earlier" than the third quarter of 1989 is the third
quarter of 1988: a shift keeps the focus's granularity where the focus is at least as fine as the unit; "the
following year" after 1995-03-02 is 1996: the unit's granularity. Without a focus as fine as the unit, no value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from claimscope.extract.timexes import calendar as cal
from claimscope.extract.timexes.amounts import count_of, timex_at, unit_of
from claimscope.extract.timexes.fiscal import quarter_end_month
from claimscope.extract.timexes.grammar import expand, grammar
from claimscope.extract.timexes.normalise import CACHE_SIZE, clean
from claimscope.extract.timexes.values import UNRESOLVED, Timex, match_groups

# Precisions a focus may have, finest first; a shift needs a focus no coarser than its unit.
FOCUS = ("day", "week", "month", "quarter", "season", "half", "year")
UNIT_PRECISION = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
WEEK = re.compile(r"(\d{4})-W(\d\d)")
MONTH = re.compile(r"(\d{4})-(\d\d)")
QUARTER = re.compile(r"(\d{4})-Q([1-4])")
SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
YEAR = re.compile(r"(\d{4})")


@dataclass(frozen=True)
class Anaphor:
    """One rule: the pattern; the direction of its shift (-1, 0, 1); whose granularity the value takes ("focus"
    or "unit"); the precisions the focus must have one of (empty: any); the precision whose latest mention is the focus
    instead of the latest mention of all (None: the latest of all); the unit of a pattern naming none; whether,
    with no focus, it names the publication's period ("a high for the year": the year of publication)."""

    regex: re.Pattern[str]
    direction: int
    scale: str
    needs: tuple[str, ...]
    of: str | None
    unit: str | None
    current: bool


@cache
def anaphors() -> tuple[Anaphor, ...]:
    """The compiled rules of `anaphors` in data/dates.yml."""
    lex = grammar().lexicon
    return tuple(
        Anaphor(re.compile(expand(r["pattern"], lex), re.IGNORECASE), int(r["direction"]), r["scale"],
                tuple(r["needs"]) if isinstance(r.get("needs"), list) else tuple(filter(None, [r.get("needs")])),
                r.get("of"), r.get("unit"), bool(r.get("current")))
        for r in lex["anaphors"]
    )


def resolve_anaphor(
    text: str, focus: Timex | None, latest: Mapping[str, Timex], published: date | None = None
) -> Timex | None:
    """The value of an expression said of the focus (the latest dated mention; `latest`: the latest of each
    precision); None when the expression is no such anaphor (or, for those needing a focus of some precision,
    when the focus has another), UNRESOLVED when no focus serves (a `current` rule then counts from the
    publication day)."""
    found = _matching(text)
    if found is None:
        return None
    rule, groups = anaphors()[found[0]], dict(found[1])
    if rule.unit:
        groups.setdefault("unit", rule.unit)
    if rule.of:
        focus = latest.get(rule.of)
    if rule.needs and (focus is None or focus.precision not in rule.needs):
        return None
    if rule.current and focus is None and published is not None:
        focus = Timex(cal.day_value(published), "day")
    return _shift(groups, rule, focus)


@lru_cache(maxsize=CACHE_SIZE)
def _matching(text: str) -> tuple[int, tuple[tuple[str, str], ...]] | None:
    """The first rule matching the whole cleaned expression (leading words dropped one by one) and its groups."""
    cleaned = clean(text)
    lead = grammar().leading
    while cleaned:
        for index, rule in enumerate(anaphors()):
            match = rule.regex.fullmatch(cleaned)
            if match:
                return index, tuple(match_groups(match).items())
        found = lead.match(cleaned)
        if not found:
            break
        cleaned = cleaned[found.end() :]
    return None


def is_focus(timex: Timex, published: date | None = None, fiscal_end: int | None = None) -> bool:
    """Whether a resolved mention can be the focus of later anaphors: a dated period, not a duration, and for
    the periods of company results (`reported_periods`: quarters, halves) one ended by publication; a quarter
    still to come is a forecast, not the quarter reported ("a fourth-quarter charge" in November), as is a year
    after the publication's ("by 1992"). Quarters end as the company's fiscal calendar says (`fiscal_end`: the
    month its fiscal year ends in)."""
    if timex.value is None or timex.precision not in FOCUS:
        return False
    if published is not None and timex.precision == "year" and int(timex.value[:4]) > published.year:
        return False
    if published is None or timex.precision not in grammar().lexicon["reported_periods"]:
        return True
    return _period_end(timex, fiscal_end) < published


def _period_end(timex: Timex, fiscal_end: int | None) -> date:
    """The last day of a quarter (2024-Q3) or half (2024-H1), of the fiscal year ending in month `fiscal_end`."""
    year, part = int((timex.value or "")[:4]), int((timex.value or "")[-1])
    last_month = quarter_end_month(part if timex.precision == "quarter" else 2 * part, fiscal_end)
    return cal.shift_date(date(year, last_month, 1), 1) - timedelta(days=1)


def _shift(g: dict[str, str], rule: Anaphor, focus: Timex | None) -> Timex:
    """The focus moved as the rule and its groups say, at the focus's or the unit's granularity."""
    if focus is None or focus.value is None:
        return UNRESOLVED
    if "weekday" in g:
        return _weekday(g, rule.direction, focus)
    if "year" in g and focus.precision in ("quarter", "year"):  # "the 1988 quarter", "the 1988 period"
        return Timex(f"{int(g['year']):04d}{(focus.value or '')[4:]}", focus.precision)
    if "unit" not in g:  # "the latest quarter", "the period": the focus itself
        return focus
    count = count_of(g)
    designator, multiplier, is_time = unit_of(g)
    if count is None or is_time or not float(count).is_integer() or designator not in ("D", "W", "M", "Y"):
        return UNRESOLVED
    if designator == "M" and multiplier == 3:
        designator, multiplier = "Q", 1
    if rule.scale == "unit" and designator == "Y" and multiplier > 1:
        return UNRESOLVED  # "the following decade": no decade value is counted from a focus
    steps = rule.direction * int(count) * multiplier
    unit = UNIT_PRECISION[designator]
    if FOCUS.index(focus.precision or "year") > FOCUS.index(unit):
        return UNRESOLVED  # "two days later" than a month
    precision = unit if rule.scale == "unit" else focus.precision
    return _moved(focus, designator, steps, precision or "year")


def _weekday(g: dict[str, str], direction: int, focus: Timex) -> Timex:
    """"The previous Friday": the nearest Friday before the focus day (after it, for "the following")."""
    match = DAY.fullmatch(focus.value or "")
    if focus.precision != "day" or match is None or direction == 0:
        return UNRESOLVED
    day = date(*map(int, match.groups()))
    target = grammar().lexicon["weekdays"][g["weekday"]]
    return Timex(cal.day_value(cal.weekday(target, day, "past" if direction < 0 else "future", strict=True)), "day")


def _moved(focus: Timex, designator: str, steps: int, precision: str) -> Timex:
    """The focus moved `steps` units of `designator`, given at `precision`."""
    value = focus.value or ""
    if focus.precision == "day":
        y, m, d = map(int, DAY.fullmatch(value).groups())  # type: ignore[union-attr]
        start = date(y, m, d)
    elif focus.precision == "week":
        y, w = map(int, WEEK.match(value).groups())  # type: ignore[union-attr]
        start = date.fromisocalendar(y, w, 1)
    elif focus.precision == "month":
        y, m = map(int, MONTH.fullmatch(value).groups())  # type: ignore[union-attr]
        start = date(y, m, 1)
    elif focus.precision == "quarter":
        y, q = map(int, QUARTER.fullmatch(value).groups())  # type: ignore[union-attr]
        start = date(y, 3 * q - 2, 1)
    elif focus.precision == "half":  # only years are counted from a half (see _shift)
        y, h = value.split("-H")
        if precision == "half":
            return Timex(f"{int(y) + steps:04d}-H{h}", "half")
        start = date(int(y), 1, 1)
    elif focus.precision == "season":  # only years are counted from a season (see _shift)
        y, code = SEASON.fullmatch(value).groups()  # type: ignore[union-attr]
        if precision == "season":
            return Timex(f"{int(y) + steps:04d}-{code}", "season")
        start = date(int(y), 1, 1)
    else:
        start = date(int(YEAR.match(value).group(1)), 1, 1)  # type: ignore[union-attr]
    try:
        if designator in ("D", "W"):
            moved = start + timedelta(days=steps * (7 if designator == "W" else 1))
        else:
            moved = cal.shift_date(start, steps * {"M": 1, "Q": 3, "Y": 12}[designator])
    except (ValueError, OverflowError):
        return UNRESOLVED
    return timex_at(moved, precision)
