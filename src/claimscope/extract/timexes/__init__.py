"""Date and duration expressions normalised against a publication date (TimeML/ISO 8601 values).

Precisions: day (2024-10-23), week (2024-W43, weekends 2024-W43-WE), month (2024-10), quarter (2024-Q3),
half (2024-H1), season (2024-SU), year (2024), decade (199), century (19), duration (P3W, PXW, PT5H), ref (PRESENT_REF,
PAST_REF, FUTURE_REF: "now", "recently", "the future").
"""

from claimscope.extract.timexes.calendar import Prefer, calendar_value
from claimscope.extract.timexes.normalise import normalise_date, normalise_expression, publication_date
from claimscope.extract.timexes.values import Piece, Timex

__all__ = [
    "Piece",
    "Prefer",
    "Timex",
    "calendar_value",
    "normalise_date",
    "normalise_expression",
    "publication_date",
]
