"""A company's fiscal calendar, read from the document: the month its fiscal year ends in ("the year ended
Sept. 30", "its fourth quarter ended June 30"). Its quarters are numbered from that month, not from January:
"the quarter ended Sept. 29" of a company whose year ends in June is its first quarter, and its fourth quarter
is over by October. Patterns live under `fiscal_year_ends` in `data/dates.yml`.
"""

from __future__ import annotations

import re
from functools import cache

from claimscope.extract.timexes.grammar import expand, grammar


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    lex = grammar().lexicon
    return tuple(re.compile(expand(p, lex), re.IGNORECASE) for p in lex["fiscal_year_ends"])


def fiscal_year_end(text: str) -> int | None:
    """The month (1-12) the fiscal year of the company a text reports on ends in, from the first period it says
    ended on a day; None when it says none (or says a calendar year's: December)."""
    lex = grammar().lexicon
    for pattern in _patterns():
        match = pattern.search(text)
        if match:
            month = lex["months"][match.group("month").lower()]
            number = lex["quarter_numbers"].get((match.groupdict().get("quarter") or "").lower(), 4)
            end = (month - 3 * number - 1) % 12 + 1
            return None if end == 12 else end
    return None


def quarter_end_month(number: int, fiscal_end: int | None) -> int:
    """The calendar month quarter `number` ends in: March for the first of a calendar year, September for the
    first of a fiscal year ended in June."""
    return 3 * number if fiscal_end is None else (fiscal_end + 3 * number - 1) % 12 + 1


def quarter_of_month(month: int, fiscal_end: int | None) -> int:
    """The number of the (fiscal) quarter a calendar month lies in."""
    return (month - (fiscal_end or 12) - 1) % 12 // 3 + 1
