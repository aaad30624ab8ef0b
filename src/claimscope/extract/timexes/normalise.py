"""Normalise one date expression against the publication date: rules first, dateparser as a fallback.

Rules and lexicon live in `data/dates.yml`. Results are cached per (expression, publication date, tense).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from text_to_num import alpha2digit

from claimscope.extract.timexes import calendar as cal
from claimscope.extract.timexes.amounts import act_ago, act_duration, act_later, act_nth_day, unit_of
from claimscope.extract.timexes.calendar import Prefer
from claimscope.extract.timexes.grammar import grammar
from claimscope.extract.timexes.values import UNRESOLVED, Groups, Piece, Timex, match_groups

CACHE_SIZE = 16384
PLAIN = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "\u00a0": " "})
TRAILING = re.compile(r"(?:'s)?[\s.,;:!?\"')]*$")
WORD_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z0-9])|(?<=\d)-(?=[a-z])")
SPACES = re.compile(r"\s+")
DATE_NUMBERS = re.compile(r"\b\d{1,4}[/.]\d{1,2}(?:[/.]\d{2,4})?\b|\b[12]\d{3}\b")
EXPLICIT_YEAR = re.compile(r"\b[12]\d{3}\b")
DIGIT = re.compile(r"\d")
SPOKEN_YEAR = re.compile(r"\b(1\d|20) (\d\d)\b")  # "nineteen ninety-six" reads as "19 96"
WORDS = re.compile(r"[a-z]+")
UNIT_SUFFIX = re.compile(r"(?<=\d)(?=(?:d|w|wks?|mos?|y|yrs?|h|hrs?|mins?)\b)")  # "2d ago", "24h"


def normalise_date(text: str, published: date | None, *, prefer: Prefer = "past") -> tuple[str | None, str | None]:
    """(ISO value, precision) of a date or duration expression, relative dates resolved against `published`.

    A pair or range of dates ("October 27 and 28") gives its first date; ages and frequencies give (None, None).
    """
    pieces = normalise_expression(text, published, prefer)
    return (pieces[0].value, pieces[0].precision) if pieces else (None, None)


def normalise_expression(text: str, published: date | None, prefer: Prefer = "past") -> tuple[Piece, ...]:
    """Each date an expression names, with offsets into `text`; empty when it is no time (an age, a frequency).

    `prefer` says where a year-less date or a weekday falls: "past" (on or before publication), "future" (on or
    after it) or "nearest" (year-less months and dates to the nearer occurrence, weekdays back).
    """
    return _expression(text, publication_date(published), prefer)


def publication_date(value: date | datetime | None) -> date | None:
    """The publication day of a date or datetime (None stays None)."""
    return value.date() if isinstance(value, datetime) else value


@lru_cache(maxsize=CACHE_SIZE)
def _expression(text: str, published: date | None, prefer: Prefer) -> tuple[Piece, ...]:
    ranged = _split_range(text, published, prefer)
    if ranged:
        return ranged
    timex, ruled = _normalise_whole(clean(text), published, prefer)
    if timex is None:
        return ()
    if not ruled:
        parts = _split_composite(text, published, prefer)
        if any(part.value for part in parts):
            return parts
    return (Piece(0, len(text), timex.value, timex.precision),)


def _split_composite(text: str, published: date | None, prefer: Prefer) -> tuple[Piece, ...]:
    """The times inside an unresolved expression joined by a connector: "the quarter ended Sept. 30" ->
    "the quarter" (2024-Q3, the quarter that day closes), "Sept. 30"; "the first nine months of 1997" -> "the
    first nine months", "1997"."""
    pieces: list[Piece] = []
    start = 0
    closing = False  # the connector before this part closes the period before it ("ended", "ending")
    for cut in [*grammar().connectors.finditer(text), None]:
        end = cut.start() if cut else len(text)
        part = text[start:end]
        body = part.strip(" ,")
        if body:
            offset = start + part.index(body)
            found = _split_range(body, published, prefer) or _whole_piece(body, published, prefer)
            if closing and pieces and found:
                pieces[-1] = _closed(pieces[-1], text, found[0])
            for piece in found:
                pieces.append(Piece(offset + piece.start, offset + piece.end, piece.value, piece.precision))
        closing = cut is not None and cut.group().strip().lower() in grammar().lexicon["closing_connectors"]
        start = cut.end() if cut else len(text)
    return tuple(pieces)


def _closed(period: Piece, text: str, end: Piece) -> Piece:
    """A period closed by a day: "the quarter ended Sept. 30" is the quarter holding it, "the year ended Sept.
    30" a duration of a year (`closed_periods`)."""
    kind = grammar().lexicon["closed_periods"].get(clean(text[period.start : period.end]))
    if kind is None or end.precision != "day" or end.value is None:
        return period
    if kind != "quarter":
        return Piece(period.start, period.end, kind, "duration")
    if period.value is not None:
        return period
    return Piece(period.start, period.end, f"{end.value[:4]}-Q{cal.quarter(int(end.value[5:7]))}", "quarter")


def _whole_piece(text: str, published: date | None, prefer: Prefer) -> tuple[Piece, ...]:
    timex, _ = _normalise_whole(clean(text), published, prefer)
    return () if timex is None else (Piece(0, len(text), timex.value, timex.precision),)


def clean(text: str) -> str:
    """Lower case, plain quotes and dashes, spelled numbers as digits ("nineteen ninety-six" -> 1996), units
    apart from their numbers ("2d" -> "2 d"), no trailing possessive or stop."""
    lowered = SPACES.sub(" ", text.translate(PLAIN).strip().lower())
    lowered = UNIT_SUFFIX.sub(" ", WORD_HYPHEN.sub(" ", TRAILING.sub("", lowered)))
    if not lowered:
        return lowered
    digits = alpha2digit(lowered, "en", threshold=0)
    return digits if DIGIT.search(lowered) else SPOKEN_YEAR.sub(r"\1\2", digits)


def _backwards(prefer: Prefer) -> Prefer:
    """Weekdays, "the 24th" and "the weekend" look back unless the tense looks forward."""
    return "future" if prefer == "future" else "past"


def _normalise_whole(text: str, published: date | None, prefer: Prefer) -> tuple[Timex | None, bool]:
    """Try every rule on the whole text, then again with its first word dropped, then dateparser; also say
    whether a rule read it."""
    g = grammar()
    while text:
        for rule in g.rules:
            match = rule.regex.fullmatch(text)
            if match:
                return ACTIONS[rule.action](match_groups(match), published, prefer), True
        lead = g.leading.match(text)
        if not lead:
            break
        text = text[lead.end() :]
    return _fallback(text, published), False


def _fallback(text: str, published: date | None) -> Timex | None:
    """dateparser for what no rule read, when it is made of date words and digits only; no time at all when
    nothing in it is temporal (an age, a bare number)."""
    g = grammar()
    dated = g.name_words.search(text) or DATE_NUMBERS.search(text)
    if not dated:
        return UNRESOLVED if g.temporal_words.search(text) else None
    if set(WORDS.findall(text)) - g.fallback_words or (published is None and not EXPLICIT_YEAR.search(text)):
        return UNRESOLVED
    return _dateparser(text, published)


@lru_cache(maxsize=CACHE_SIZE)
def _dateparser(text: str, published: date | None) -> Timex:
    data = _parser(published).get_date_data(text)
    if data.date_obj is None:
        return UNRESOLVED
    found = data.date_obj.date()
    if data.period == "year":
        return Timex(str(found.year), "year")
    if data.period == "month":
        return Timex(cal.month_value(found.year, found.month), "month")
    return Timex(cal.day_value(found), "day")


@lru_cache(maxsize=64)
def _parser(published: date | None) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime.combine(published, time())
    return DateDataParser(languages=["en"], settings=settings)


# ---------------------------------------------------------------------------------------------- ranges


def _split_range(text: str, published: date | None, prefer: Prefer) -> tuple[Piece, ...]:
    """"October 27 and 28", "between October 8 and 13", "2020-2022": one piece per date, gaps filled."""
    stripped = text.rstrip(" .,;:")
    body = stripped.lstrip()
    offset = len(stripped) - len(body)
    for pattern in grammar().ranges:
        match = pattern.fullmatch(body)
        if match:
            return _range_pieces(match, offset, published, prefer)
    return ()


def _range_pieces(match: re.Match[str], offset: int, published: date | None, prefer: Prefer) -> tuple[Piece, ...]:
    g = {k: v for k, v in match.groupdict().items() if v is not None}
    lex = grammar().lexicon
    months = lex["months"]
    month1 = months[(g.get("month") or g.get("month2", "")).lower()] if ("month" in g or "month2" in g) else None
    month2 = months[(g.get("month2") or g.get("month", "")).lower()] if month1 else None
    day1, day2 = _day(g.get("day")), _day(g.get("day2"))
    year1 = int(g["year"]) if "year" in g else (int(g["year2"]) if "year2" in g else None)
    year2 = int(g["year2"]) if "year2" in g else year1
    if month1 is None:  # "2020-2022"
        first, second = Timex(str(year1), "year"), Timex(str(year2), "year")
    elif day1 is None:  # "October and November 2024"
        year1 = year1 or (cal.year_of_month(month1, published, prefer, _ahead()) if published else None)
        year2 = year2 or (year1 + (month2 < month1) if year1 else None)
        first = Timex(cal.month_value(year1, month1), "month") if year1 else UNRESOLVED
        second = Timex(cal.month_value(year2, month2), "month") if year2 else UNRESOLVED
    else:
        year1 = year1 or (cal.year_of_day(month1, day1, published, prefer, _ahead()) if published else None)
        year2 = year2 if "year2" in g else (year1 + ((month2, day2) < (month1, day1)) if year1 else None)
        first, second = _day_timex(year1, month1, day1), _day_timex(year2, month2, day2)
    return (
        _piece(match, ("weekday", "month", "day", "year"), offset, first),
        _piece(match, ("weekday2", "month2", "day2", "year2"), offset, second),
    )


def _piece(match: re.Match[str], groups: tuple[str, ...], offset: int, timex: Timex) -> Piece:
    spans = [match.span(name) for name in groups if name in match.re.groupindex and match.group(name) is not None]
    return Piece(offset + min(s for s, _ in spans), offset + max(e for _, e in spans), timex.value, timex.precision)


def _day(text: str | None) -> int | None:
    return int(re.sub(r"\D", "", text)) if text else None


def _day_timex(year: int | None, month: int, day: int | None) -> Timex:
    found = cal.valid_day(year, month, day) if year and day else None
    return Timex(cal.day_value(found), "day") if found else UNRESOLVED


# ---------------------------------------------------------------------------------------------- actions

Action = Callable[[Groups, "date | None", Prefer], "Timex | None"]


def _year(g: Groups, published: date | None) -> int | None:
    """A written year: 2024; '94 is the latest such year up to ten years after publication (without one,
    00-49 are 20xx and 50-99 19xx)."""
    if "year" in g:
        return int(g["year"])
    if "yy" not in g:
        return None
    yy = int(g["yy"])
    if published is None:
        return (2000 if yy < 50 else 1900) + yy
    year = published.year // 100 * 100 + yy
    return year - 100 if year > published.year + 10 else year


def _ahead() -> int:
    """How many months ahead a year-less date may lie and still be read forwards under "nearest"."""
    return int(grammar().lexicon["nearest_ahead_months"])


def _month(g: Groups) -> int:
    return grammar().lexicon["months"][g["month"].lower()]


def _relation(g: Groups) -> int | None:
    return grammar().lexicon["relations"].get(g["rel"]) if "rel" in g else None


def act_exclude(g: Groups, published: date | None, prefer: Prefer) -> Timex | None:
    """Ages and frequencies are not times."""
    return None


def act_unresolved(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """A time said of another time ("two days later", "now"): kept, without a value."""
    return UNRESOLVED


def act_reference(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """"Now", "recently", "the future": PRESENT_REF, PAST_REF, FUTURE_REF (no date, but a side of the present)."""
    return Timex(grammar().lexicon["references"][g["reference"]], "ref")


def act_iso(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    year, month = int(g["year"]), int(g["month"])
    if "day" in g:
        return _day_timex(year, month, int(g["day"]))
    return Timex(cal.month_value(year, month), "month") if 1 <= month <= 12 else UNRESOLVED


def act_calendar(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """"October 23", "Oct. 23, 2024", "23 October", "Tuesday, 10/22/24"; "the week of March 6": its week."""
    month = int(g["month"]) if g["month"].isdigit() else _month(g)
    day = _day(g["day"])
    if month > 12 and day and day <= 12:  # 23/10/2024: day first
        month, day = day, month
    year = _year(g, published)
    relation = _relation(g)
    if relation:
        prefer = "past" if relation < 0 else "future"
    if year is None and published is not None and day:
        year = cal.year_of_day(month, day, published, prefer, _ahead())
    found = _day_timex(year, month, day)
    if "week_of" in g and found.value:
        return Timex(cal.week_value(date.fromisoformat(found.value)), "week")
    return found


def act_month(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """"August", "early October", "last March", "November 2024"."""
    month = _month(g)
    year = _year(g, published)
    if "yearrel" in g and published is not None:
        year = published.year + grammar().lexicon["relations"][g["yearrel"]]
    if year is None and published is not None:
        relation = _relation(g)
        if relation == -1:
            year = published.year - (month >= published.month)
        elif relation == 1:
            year = published.year + (month <= published.month)
        elif relation == 0:
            year = published.year
        else:
            year = cal.year_of_month(month, published, prefer, _ahead())
    return Timex(cal.month_value(year, month), "month") if year else UNRESOLVED


def act_day_of_month(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """"The 24th": that day of the publication month, or the month before when still to come."""
    if published is None:
        return UNRESOLVED
    found = cal.day_of_month(_day(g["day"]) or 0, published, _backwards(prefer))
    return Timex(cal.day_value(found), "day") if found else UNRESOLVED


def act_year(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    year = _year(g, published)
    return Timex(str(year), "year") if year else UNRESOLVED


def act_decade(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """"The 1990s" -> 199; "the '90s" and "the nineties" -> the latest such decade begun by publication."""
    if "decade" in g:
        return Timex(g["decade"], "decade")
    digit = int(g["decade_yy"]) if "decade_yy" in g else grammar().lexicon["decade_words"][g["decadeword"]]
    if published is None:
        return UNRESOLVED
    century = published.year // 100
    if century * 100 + digit * 10 > published.year:
        century -= 1
    return Timex(f"{century}{digit}", "decade")


def act_century(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """"The 20th century" -> 19 (the years 19xx)."""
    return Timex(f"{int(g['century']) - 1:02d}", "century")


def act_deictic(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """today, yesterday, tonight, last night, the day before yesterday."""
    if published is None:
        return UNRESOLVED
    shift = grammar().lexicon["deictic_days"][g["deictic"]]
    return Timex(cal.day_value(published + timedelta(days=shift)), "day")


def act_holiday(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """"Christmas", "last Thanksgiving", "Easter week", "New Year's Day 2025": that day (or its ISO week)."""
    spec = grammar().lexicon["holidays"][g["holiday"]]
    year = _year(g, published)
    if year is None:
        if published is None:
            return UNRESOLVED
        relation = _relation(g)
        if relation:
            prefer = "past" if relation < 0 else "future"
        year = cal.year_of_holiday(spec, published, prefer, _ahead())
    found = cal.holiday(spec, year)
    return Timex(cal.week_value(found), "week") if "week" in g else Timex(cal.day_value(found), "day")


def act_weekday(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """"Wednesday": the latest Wednesday on or before publication (the next on or after, in future tense)."""
    if published is None:
        return UNRESOLVED
    target = grammar().lexicon["weekdays"][g["weekday"]]
    relation = _relation(g)
    if relation == -1:
        found = cal.weekday(target, published, "past", strict=True)
    elif relation == 1:
        found = cal.weekday(target, published, "future", strict=True)
    else:
        found = cal.weekday(target, published, _backwards(prefer))
    return Timex(cal.day_value(found), "day")


def act_quarter(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """"The third quarter": the current one or the latest before it, whatever the tense (results are reported
    after a quarter ends)."""
    number = int(g["quarter"])
    year = _year(g, published)
    if "yearrel" in g and published is not None:
        year = published.year + grammar().lexicon["relations"][g["yearrel"]]
    if year is None and published is not None:
        year = cal.quarter_year(number, published, "past")
    return Timex(f"{year}-Q{number}", "quarter") if year else UNRESOLVED


def act_half(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """"The first half of 2024" -> 2024-H1; without a year, the publication year's (the latest begun, for
    the second half before July)."""
    number = 1 if g["half"] == "1st" else 2
    year = _year(g, published)
    if year is None and published is not None:
        year = published.year - (number == 2 and published.month < 7)
    return Timex(f"{year:04d}-H{number}", "half") if year else UNRESOLVED


def act_season(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    lex = grammar().lexicon
    code = lex["seasons"][g["season"]]
    year = _year(g, published)
    if year is None and published is not None:
        year = cal.season_year(code, published, lex["season_start_month"], _relation(g), prefer)
    return Timex(f"{year}-{code}", "season") if year else UNRESOLVED


def act_relative(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """"this month", "last week", "next year", "earlier this week": the period a relation word points to."""
    relation = _relation(g)
    if published is None or relation is None:
        return UNRESOLVED
    designator, multiplier, is_time = unit_of(g)
    if is_time or designator == "D":
        return UNRESOLVED
    return _shifted(published, designator, multiplier, relation)


def act_current(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """"Year-end", "the end of the year": a part of the publication's period, given as that period."""
    if published is None:
        return UNRESOLVED
    designator, multiplier, _ = unit_of(g)
    return _shifted(published, designator, multiplier, 0)


def act_weekend(g: Groups, published: date | None, prefer: Prefer) -> Timex:
    """"The weekend": the weekend under way or last past (the next one, in future tense)."""
    if published is None:
        return UNRESOLVED
    return Timex(cal.week_value(cal.weekend_week(published, _backwards(prefer))) + "-WE", "week")


def _shifted(published: date, designator: str, multiplier: int, steps: int) -> Timex:
    """The period of kind `designator` lying `steps` periods from the publication's."""
    if designator == "W":
        return Timex(cal.week_value(published + timedelta(weeks=steps)), "week")
    if designator == "WE":
        return Timex(cal.week_value(published + timedelta(weeks=steps)) + "-WE", "week")
    if designator == "M" and multiplier == 3:  # a quarter
        year, month = cal.shift_month(published.year, published.month, 3 * steps)
        return Timex(f"{year}-Q{cal.quarter(month)}", "quarter")
    if designator == "M":
        return Timex(cal.month_value(*cal.shift_month(published.year, published.month, steps)), "month")
    if multiplier == 10:
        return Timex(str(published.year // 10 + steps), "decade")
    if multiplier == 100:
        return Timex(f"{published.year // 100 + steps:02d}", "century")
    return Timex(f"{published.year + steps:04d}", "year")


ACTIONS: dict[str, Action] = {
    "exclude": act_exclude,
    "unresolved": act_unresolved,
    "reference": act_reference,
    "iso": act_iso,
    "calendar": act_calendar,
    "month": act_month,
    "day_of_month": act_day_of_month,
    "year": act_year,
    "decade": act_decade,
    "century": act_century,
    "deictic": act_deictic,
    "weekday": act_weekday,
    "holiday": act_holiday,
    "quarter": act_quarter,
    "season": act_season,
    "half": act_half,
    "relative": act_relative,
    "current": act_current,
    "weekend": act_weekend,
    "ago": act_ago,
    "later": act_later,
    "duration": act_duration,
    "nth_day": act_nth_day,
}
