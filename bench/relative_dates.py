"""Relative and anchored dates from dateparser's own test tables: `normalise_date` against plain dateparser.

The tables (`numbers/dateparser/*.cases.jsonl`, with the settings of each test in `*.test_bodies.json`) encode
dateparser's conventions, so the baseline is expected near 100%; they still test our rules on many phrasings.
Scored: English cases only (every word in dateparser's English vocabulary), in three subsets:
  relative  "2 days ago", "yesterday", "in 3 weeks", "last decade" (freshness tests, relative base
            2014-09-01; also the tests with relative base 2010-06-04). Not scored: offsets in hours, minutes
            or seconds (we give dates, not times); bare amounts with no relation word ("3 days",
            "1 decade 2 years"), which dateparser reads as "ago" and we, by design, as durations; and
            "2 days later", "4 days before", "after 4 days", which we read as relative to another time.
  past      year-less dates with PREFER_DATES_FROM='past' (relative base 2015-02-15), our own convention.
            Not scored: tests with the 'current_period' or 'future' preference, which we do not follow.
  absolute  full and partial calendar dates (relative base 2012-11-13); strings with a clock time only are
            not scored.
A value is right when its period (a day, an ISO week, a month, a year ...) contains the expected date and is
no coarser than the expected period: "a week ago" may be 2014-08-25 or 2014-W35, not 2014-08.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import Result, skipped

GRANULARITY = {"day": 0, "time": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 4, "decade": 5,
               "century": 6}
RELATION_WORDS = {"ago", "in", "from", "yesterday", "today", "tomorrow", "last", "next", "this", "now", "till",
                  "tonight"}
ANAPHORIC = {"before", "after", "later"}  # "4 days before": relative to another time for us, not to publication
TIME_UNITS = {"hours", "minutes", "seconds", "microseconds"}
CLOCK_PART = re.compile(r"\d{1,2}(?::\d\d)+")
DAY_NUMBER = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
WEEKDAY = re.compile(r"\b(?:mon|tue|wed|thu|fri|sat|sun)")
MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
CLOCK = re.compile(r"^\s*\d{1,2}(?::\d\d)+\s*(?:[ap]\.?m\.?)?\s*$|^\s*\d{1,2}\s*[ap]\.?m\.?\s*$", re.I)


@dataclass(frozen=True)
class Case:
    """One expression, the date it should name relative to `base`, and the precision that date has."""

    subset: str
    text: str
    base: datetime
    expected: date
    granularity: str
    dateparser_settings: tuple[tuple[str, Any], ...]


def run(root: Path) -> Result:
    """Accuracy of `normalise_date` and of dateparser on the English in-scope cases, per subset."""
    folder = root / "numbers" / "dateparser"
    if not folder.is_dir():
        return skipped("relative-dates", folder)
    cases, excluded = load(folder)
    result = Result(task="relative-dates")
    systems: dict[str, Callable[[Case], tuple[str | None, str | None]]] = {
        "claimscope": _claimscope,
        "dateparser": _dateparser,
    }
    for subset in ("relative", "past", "absolute"):
        chosen = [c for c in cases if c.subset == subset]
        for name, system in systems.items():
            right = sum(correct(c, *system(c)) for c in chosen)
            result.rows.append({"subset": subset, "system": name, "cases": len(chosen), "right": right,
                                "accuracy": right / len(chosen) if chosen else 0.0})
    result.notes.append("not scored: " + ", ".join(f"{reason} {n}" for reason, n in sorted(excluded.items())))
    return result


def load(folder: Path) -> tuple[list[Case], Counter[str]]:
    """The in-scope English cases and a count of the others by reason."""
    english = _english_words()
    cases: list[Case] = []
    excluded: Counter[str] = Counter()
    seen: set[tuple[str, str, date]] = set()
    for row in _rows(folder / "test_freshness_date_parser.cases.jsonl"):
        case, reason = _freshness_case(row)
        _keep(case, reason, english, cases, excluded, seen)
    for row in _rows(folder / "test_date_parser.cases.jsonl"):
        case, reason = _date_parser_case(row)
        _keep(case, reason, english, cases, excluded, seen)
    return cases, excluded


def _keep(case: Case | None, reason: str | None, english: set[str], cases: list[Case], excluded: Counter[str],
          seen: set[tuple[str, str, date]]) -> None:
    if case is None:
        excluded[reason or "other test"] += 1
    elif not _latin(case.text) or not set(re.findall(r"[a-z]+", case.text.lower())) <= english:
        excluded["not English"] += 1
    elif (case.subset, case.text.lower(), case.expected) not in seen:
        seen.add((case.subset, case.text.lower(), case.expected))
        cases.append(case)


def _latin(text: str) -> bool:
    return all(ch.isascii() for ch in text if ch.isalpha())


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _freshness_case(row: dict[str, Any]) -> tuple[Case | None, str | None]:
    test, args, kwargs = row["test"], row["args"], row["kwargs"]
    text = args[0]
    if test in ("test_relative_past_dates", "test_relative_future_dates", "test_normalized_relative_dates"):
        delta = kwargs.get("ago") or kwargs.get("in_future")
        if not isinstance(delta, dict):
            return None, "other test"
        if set(delta) & TIME_UNITS:
            return None, "offset in hours/minutes/seconds"
        reason = _out_of_scope(text)
        if reason:
            return None, reason
        now = datetime.fromisoformat(row["class_now"])
        sign = -1 if "ago" in kwargs else 1
        expected = _shift(now, delta, sign).date()
        period = kwargs.get("period", "day")
        return Case("relative", text, now, expected, period, ()), None
    if test in ("test_freshness_date_with_relative_base", "test_freshness_date_with_relative_base_past"):
        base = datetime(2010, 6, 4, 13, 15)
        settings = (("PREFER_DATES_FROM", "past"),) if test.endswith("_past") else ()
        if re.search(r"\b(?:hours?|hrs?|minutes?|mins?|seconds?|secs?)\b", text, re.I):
            return None, "offset in hours/minutes/seconds"
        reason = _out_of_scope(text)
        if reason:
            return None, reason
        return Case("relative", text, base, date.fromisoformat(args[1]), _named_period(text), settings), None
    return None, "other test"


def _out_of_scope(text: str) -> str | None:
    """Why a relative expression is not scored, if it is not."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    if words & ANAPHORIC:
        return "later/before/after (relative to another time for us)"
    if not words & RELATION_WORDS:
        return "bare amount (a duration for us)"
    return None


def _named_period(text: str) -> str:
    """The finest period a relative expression counts in ("1 week ago at 12:00 am" -> week)."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    for period, names in (("day", {"day", "days", "d", "yesterday", "today", "tomorrow", "tonight", "now"}),
                          ("week", {"week", "weeks", "w", "fortnight"}), ("month", {"month", "months", "mo"})):
        if words & names:
            return period
    return "year"


def _date_parser_case(row: dict[str, Any]) -> tuple[Case | None, str | None]:
    test, args = row["test"], row["args"]
    if test == "test_preferably_past_dates":
        base, subset, settings = datetime(2015, 2, 15, 15, 30), "past", (("PREFER_DATES_FROM", "past"),)
    elif test in ("test_dates_parsing", "test_dates_parsing_with_normalization"):
        base, subset, settings = datetime(2012, 11, 13), "absolute", ()
    elif test in ("test_extracted_period", "test_dates_without_preference", "test_preferably_future_dates"):
        return None, "current_period/future preference"
    else:
        return None, "other test"
    text = args[0]
    if CLOCK.match(text):
        return None, "clock time only"
    return Case(subset, text, base, datetime.fromisoformat(args[1]).date(), _implied(text), settings), None


def _implied(text: str) -> str:
    """The precision a calendar string states: a day number or weekday gives a day, else a month name a month."""
    lowered = CLOCK_PART.sub(" ", text.lower())
    if DAY_NUMBER.search(lowered) or WEEKDAY.search(lowered):
        return "day"
    return "month" if MONTH.search(lowered) else "year"


def _shift(now: datetime, delta: dict[str, float], sign: int) -> datetime:
    """`now` moved by a relativedelta-like dict: years and months by calendar, the rest by timedelta."""
    from dateutil.relativedelta import relativedelta

    months = int(delta.get("years", 0)) * 12 + int(delta.get("months", 0))
    rest = timedelta(weeks=delta.get("weeks", 0), days=delta.get("days", 0))
    return now + sign * relativedelta(months=months) + sign * rest


def correct(case: Case, value: str | None, precision: str | None) -> bool:
    """Whether the value's period holds the expected date and is no coarser than the expected period."""
    if value is None or precision not in GRANULARITY:
        return False
    span = period_bounds(value, precision)
    if span is None:
        return False
    return span[0] <= case.expected <= span[1] and GRANULARITY[precision] <= GRANULARITY[case.granularity]


def period_bounds(value: str, precision: str) -> tuple[date, date] | None:
    """First and last day of a TimeML/ISO value."""
    try:
        if precision == "day":
            d = date.fromisoformat(value)
            return d, d
        year = int(value[:4])
        if precision == "week":
            monday = date.fromisocalendar(year, int(value[6:8]), 1)
            return monday, monday + timedelta(days=6)
        if precision == "month":
            month = int(value[5:7])
            following = date(year + month // 12, month % 12 + 1, 1)
            return date(year, month, 1), following - timedelta(days=1)
        if precision == "year":
            return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None
    return None


def _claimscope(case: Case) -> tuple[str | None, str | None]:
    from claimscope.extract.dates import normalise_date

    return normalise_date(case.text, case.base.date())


def _dateparser(case: Case) -> tuple[str | None, str | None]:
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": case.base, **dict(case.dateparser_settings)}
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(case.text)
    if data.date_obj is None:
        return None, None
    found = data.date_obj.date()
    period = data.period or "day"
    if period == "week":
        year, week, _ = found.isocalendar()
        return f"{year}-W{week:02d}", "week"
    if period == "month":
        return f"{found.year:04d}-{found.month:02d}", "month"
    if period == "year":
        return f"{found.year:04d}", "year"
    return found.isoformat(), "day"


def _english_words() -> set[str]:
    """Every word of dateparser's English locale data: the neutral test of "is this case English"."""
    from dateparser.data.date_translation_data import en

    return set(re.findall(r"[a-z]+", json.dumps(en.info).lower()))
