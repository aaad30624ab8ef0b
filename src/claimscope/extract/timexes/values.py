"""The values the normaliser gives: a Timex (value and precision) and a Piece (a Timex with offsets)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Timex:
    """A normalised value (None when it cannot be resolved) and its precision."""

    value: str | None
    precision: str | None


@dataclass(frozen=True)
class Piece:
    """One date of an expression, with character offsets into the expression ("28" in "October 27 and 28")."""

    start: int
    end: int
    value: str | None
    precision: str | None


UNRESOLVED = Timex(None, None)


Groups = dict[str, str]


def match_groups(match: re.Match[str]) -> dict[str, str]:
    """The matched groups, a second alternative's group (year2) standing in for a missing first (year)."""
    found = {k: v for k, v in match.groupdict().items() if v is not None}
    for key, value in list(found.items()):
        if key[-1].isdigit():
            found.setdefault(key[:-1], value)
    return found
