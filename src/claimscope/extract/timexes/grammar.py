"""The date lexicon and rules of `data/dates.yml`, compiled once: placeholders become regular expressions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "dates.yml"

PLACEHOLDER = re.compile(r"\{([A-Z]+?)(\d?)\}")


@dataclass(frozen=True)
class Rule:
    """One normalisation rule: a pattern matched on a whole cleaned expression and the action it names."""

    action: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Grammar:
    """The lexicon and the compiled rules, range patterns and span finders."""

    lexicon: dict[str, Any]
    rules: tuple[Rule, ...]
    ranges: tuple[re.Pattern[str], ...]
    finders: tuple[re.Pattern[str], ...]
    leading: re.Pattern[str]
    name_words: re.Pattern[str]
    temporal_words: re.Pattern[str]
    fallback_words: frozenset[str]
    connectors: re.Pattern[str]
    amount_part: re.Pattern[str]


def _alternation(words: list[str] | Any) -> str:
    """A regex alternation of literal words, longest first so that "this past" wins over "this"."""
    return "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))


def _cased(words: list[str]) -> str:
    """Names as they are written in running text (Title or UPPER case), matched case-sensitively."""
    forms = {form for w in words for form in (w.title(), w.upper())}
    return f"(?-i:{_alternation(forms)})"


def _placeholders(lex: dict[str, Any], find: bool) -> dict[str, str]:
    """The regex body of each placeholder; names are case-sensitive when finding spans in running text."""
    units = list(lex["units"])
    counts = [str(c) for c in lex["counts"]]
    if find:
        months, weekdays = _cased(lex["finder_months"]), _cased(lex["finder_weekdays"])
        count = _alternation(lex["count_words"])
    else:
        months, weekdays = _alternation(lex["months"]), _alternation(lex["weekdays"])
        count = rf"\d+(?:\.\d+| 1/2)?|{_alternation(counts)}"
    bodies = {
        "MONTH": months,
        "WEEKDAY": weekdays,
        "DAY": r"[0-3]?\d(?:st|nd|rd|th)?(?!\d)",
        "ORDDAY": r"[0-3]?\d(?:st|nd|rd|th)",
        "YEAR": r"[12]\d{3}(?!\d)",
        "SEASON": _alternation(lex["seasons"]),
        "REL": _alternation(lex["relations"]),
        "PART": _alternation(lex["parts"]),
        "UNIT": _alternation(units),
        "UNITS": _alternation([u for u in units if u.endswith("s")]),
        "COUNT": count,
        "COUNTWORD": _alternation(lex["count_words"]),
        "TOD": _alternation(lex["times_of_day"]),
        "DEICTIC": _alternation(lex["deictic_days"]),
        "DECADEWORD": _alternation(lex["decade_words"]),
        "REFERENCE": _alternation(lex["references"]),
        "HOLIDAY": _alternation(lex["holidays"]),
        "CLOCK": CLOCK,
    }
    one = PLACEHOLDER.sub(lambda m: f"(?:{bodies[m.group(1)]})", re.sub(r"\(\?P<\w+>", "(?:", lex["amount"]))
    bodies["AMOUNT"] = f"{one}(?:(?:, ?| )(?:and )?{one})*"
    return bodies


# Placeholders whose group name differs from their own lower-cased name; None: no group.
GROUP_NAMES = {"ORDDAY": "day", "COUNTWORD": "count", "UNITS": "unit", "CLOCK": None}

# A clock time beside a date ("10:17 pm", "9 a.m. EDT", "noon"): read over, not kept.
CLOCK = (
    r"(?:\d{1,2}(?:[:.]\d\d){1,2}(?:\.\d+)?(?: ?[ap]\.?m\.?)?|\d{1,2} ?[ap]\.?m\.?|noon|midnight)"
    r"(?: (?:est|edt|cst|cdt|mst|mdt|pst|pdt|gmt|utc|bst|cet|cest|eet|eest|msk))?"
)


def expand(template: str, lex: dict[str, Any], find: bool = False) -> str:
    """Replace {PLACEHOLDER} and {PLACEHOLDER2} by named groups (normalising) or plain groups (finding)."""
    bodies = _placeholders(lex, find)

    def replace(match: re.Match[str]) -> str:
        name, suffix = match.group(1), match.group(2)
        body = bodies[name]
        group = GROUP_NAMES.get(name, name.lower())
        if find or group is None:
            return f"(?:{body})"
        return f"(?P<{group}{suffix}>{body})"

    return PLACEHOLDER.sub(replace, template)


@cache
def grammar() -> Grammar:
    """The grammar, loaded and compiled on first use."""
    lex = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    rules = tuple(
        Rule(rule["action"], re.compile(expand(rule["pattern"], lex), re.IGNORECASE)) for rule in lex["rules"]
    )
    ranges = tuple(re.compile(expand(p, lex), re.IGNORECASE) for p in lex["ranges"])
    finders = tuple(
        re.compile(rf"(?<![\w.]){expand(p, lex, find=True)}(?!\w)", re.IGNORECASE) for p in lex["finders"]
    )
    leading = re.compile(rf"(?:{_alternation(lex['leading_words'])})\s+", re.IGNORECASE)
    names = re.compile(rf"\b(?:{_alternation([*lex['months'], *lex['weekdays']])})\b", re.IGNORECASE)
    temporal = [*lex["units"], *lex["seasons"], *lex["deictic_days"], *lex["decade_words"], *lex["times_of_day"],
                *lex["temporal_words"]]
    temporal_words = re.compile(rf"\b(?:{_alternation(temporal)})\b", re.IGNORECASE)
    fallback = frozenset(map(str, lex["fallback_words"])) | {m.lower() for m in (*lex["months"], *lex["weekdays"])}
    connectors = re.compile(rf"\s+(?:{_alternation(lex['connectors'])})\s+", re.IGNORECASE)
    amount_part = re.compile(expand(lex["amount"], lex), re.IGNORECASE)
    return Grammar(lex, rules, ranges, finders, leading, names, temporal_words, fallback, connectors, amount_part)
