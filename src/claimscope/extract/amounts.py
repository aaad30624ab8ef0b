"""Numbers and their hedges read from words: the number reading under the `claimscope_quantities` component.

| qualifier | written as (data/quantities.yml) | interval |
| --- | --- | --- |
| exact | a plain number | [v, v] |
| approx | about, around, approximately, some, roughly, nearly, almost, an estimated ... | [0.9 v, 1.1 v] |
| at_least | at least, no fewer than, "or more", "-plus" | [v, None], closed at v |
| more_than | more than, over, upwards of, topped, exceeded, in excess of | [v, None], open at v |
| at_most | up to, as many as, at most, no more than | [None, v], closed at v |
| less_than | fewer than, less than, under | [None, v], open at v |
| range | A to B, A-B, between A and B, from A to B, A or B | [A, B], value = A |
| approx (vague) | several, a few, a handful, dozens, hundreds, tens of thousands | lexicon bounds, value = low |

None is unbounded. Vague amounts: a quantifier's bounds times the magnitudes after it ("several hundred" =
300..900); a plural magnitude is 2 to 10 of it ("thousands" = 2,000..10,000). Spelled numbers go through
text2num's `find_numbers`, on runs of number words only, so offsets stay those of the words given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from text_to_num import find_numbers

DATA = Path(__file__).parent / "data" / "quantities.yml"

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
DIGITS = re.compile(rf"({_NUMBER})([a-z]*)")
DIGIT_RANGE = re.compile(rf"({_NUMBER})[-–—]({_NUMBER})")
# A number written with spaces between its thousands ("3 000"): a head of one to three digits, then groups of
# three.
SPACED_HEAD = re.compile(r"\d{1,3}")
THOUSANDS_GROUP = re.compile(r"\d{3}")
WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\S")
DASHES = frozenset({"-", "–", "—"})


@dataclass(frozen=True)
class Lexicon:
    """The data file, indexed for lookups: phrases are tuples of lower-case words."""

    intervals: dict[str, tuple[float | None, float | None]]
    qualifiers: dict[tuple[str, ...], str]
    postfix_qualifiers: dict[tuple[str, ...], str]
    range_openers: dict[str, frozenset[str]]
    range_links: frozenset[str]
    number_words: frozenset[str]
    number_links: frozenset[str]
    magnitudes: dict[str, float]
    suffixes: dict[str, float]
    vague_quantifiers: dict[tuple[str, ...], tuple[float, float]]
    vague_plurals: dict[str, tuple[float, bool]]
    vague_qualifier: str
    measures: frozenset[str]  # lemmas and words of units of measure, money, time and fractions
    currency_signs: frozenset[str]
    age_markers: frozenset[tuple[str, ...]]
    identifier_markers: frozenset[tuple[str, ...]]
    pronoun_one_before: frozenset[str]
    aggregate_heads: frozenset[str]
    invariant_nouns: frozenset[str]
    hyphen_counts: frozenset[str]
    anaphoric_units: frozenset[str]
    elision_links: frozenset[tuple[str, ...]]
    elision_skip: frozenset[str]
    elision_reach: int
    elision_gap: int
    person_units: frozenset[str]
    ratio_links: frozenset[tuple[str, ...]]
    unitless_roles: frozenset[str]
    nominal_adjectives: frozenset[str]
    people_verbs: frozenset[str]
    year_like: tuple[int, int]
    longest: int = field(init=False)
    starters: frozenset[str] = field(init=False)  # words that may begin a spelled or vague amount

    def __post_init__(self) -> None:
        phrases = [*self.qualifiers, *self.postfix_qualifiers, *self.vague_quantifiers, *self.age_markers]
        object.__setattr__(self, "longest", max(len(p) for p in phrases))
        starters = {"a", "an", "half", *self.number_words, *self.vague_plurals, *(q[0] for q in self.vague_quantifiers)}
        object.__setattr__(self, "starters", frozenset(starters))


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The quantities lexicon from `path` (default: the packaged data/quantities.yml)."""
    return _load_lexicon(str(path or DATA))


@lru_cache(maxsize=4)
def _load_lexicon(path: str) -> Lexicon:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))

    def by_phrase(table: dict[str, list[list[str]]]) -> dict[tuple[str, ...], str]:
        return {tuple(str(w) for w in phrase): name for name, phrases in table.items() for phrase in phrases}

    return Lexicon(
        intervals={name: (low, high) for name, (low, high) in raw["intervals"].items()},
        qualifiers=by_phrase(raw["qualifiers"]),
        postfix_qualifiers=by_phrase(raw["postfix_qualifiers"]),
        range_openers={opener: frozenset(links) for opener, links in raw["range_openers"].items()},
        range_links=frozenset(raw["range_links"]),
        number_words=frozenset(raw["number_words"]),
        number_links=frozenset(raw["number_links"]),
        magnitudes={w: float(v) for w, v in raw["magnitudes"].items()},
        suffixes={w: float(v) for w, v in raw["suffixes"].items()},
        vague_quantifiers={
            tuple(p.split()): (float(lo), float(hi)) for p, (lo, hi) in raw["vague_quantifiers"].items()
        },
        vague_plurals={w: (float(v["base"]), bool(v.get("needs_of"))) for w, v in raw["vague_plurals"].items()},
        vague_qualifier=raw["vague_qualifier"],
        measures=_measures(raw),
        currency_signs=frozenset(raw["currency_signs"]),
        age_markers=frozenset(tuple(p) for p in raw["age_markers"]),
        identifier_markers=frozenset(tuple(str(w) for w in p) for p in raw["identifier_markers"]),
        pronoun_one_before=frozenset(str(w) for w in raw["pronoun_one_before"]),
        aggregate_heads=frozenset(raw["aggregate_heads"]),
        invariant_nouns=frozenset(raw["invariant_nouns"]),
        hyphen_counts=frozenset(raw["hyphen_counts"]),
        anaphoric_units=frozenset(raw["elision"]["anaphoric_units"]),
        elision_links=frozenset(tuple(str(w) for w in link) for link in raw["elision"]["links"]),
        elision_skip=frozenset(raw["elision"]["skip"]),
        elision_reach=int(raw["elision"]["reach"]),
        elision_gap=int(raw["elision"]["gap"]),
        person_units=frozenset(raw["elision"]["person_units"]),
        ratio_links=frozenset(tuple(str(w) for w in link) for link in raw["ratio_links"]),
        unitless_roles=frozenset(raw["unitless_roles"]),
        nominal_adjectives=frozenset(raw["nominal_adjectives"]),
        people_verbs=frozenset(raw.get("people_verbs") or ()),
        year_like=(int(raw["year_like"][0]), int(raw["year_like"][1])),
    )


def _measures(raw: dict) -> frozenset[str]:
    """The listed measures, the units, and every prefix + unit ("mg", "kilometre")."""
    prefixes, units = raw["measure_prefixes"], raw["measure_units"]
    built = {p + u for kind in ("symbols", "names") for p in prefixes[kind] for u in units[kind]}
    return frozenset({str(w) for w in raw["measures"]} | set(units["symbols"]) | set(units["names"]) | built)


@dataclass
class Amount:
    """One number read from words[start:end]: plain (low/high None) or vague (low/high its bounds)."""

    start: int
    end: int
    value: float
    low: float | None = None
    high: float | None = None
    scale: float = 1.0  # product of the magnitude words read ("12 thousand" -> 1000)
    fraction: bool = False  # digits with a decimal fraction and no magnitude ("1.5", "6.0"): a measure

    @property
    def vague(self) -> bool:
        return self.low is not None


@dataclass
class Reading:
    """A qualified number or range over words[start:end]; the number itself is words[number_start:number_end]."""

    start: int
    end: int
    number_start: int
    number_end: int
    value: float
    low: float | None
    high: float | None
    qualifier: str
    vague: bool = False
    fraction: bool = False
    dashed: bool = False  # a range written A-B: without a counted noun a score or a tally ("won 216-146")


class _Word:
    """A word as text2num's `find_numbers` reads it."""

    __slots__ = ("word",)

    def __init__(self, word: str) -> None:
        self.word = word

    def text(self) -> str:
        return self.word

    def nt_separated(self, previous: _Word) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


def words_of(text: str) -> tuple[list[str], list[bool]]:
    """Lower-case words of a plain string and whether each is glued to the next (for "10m")."""
    matches = list(WORD.finditer(text))
    words = [m.group().lower() for m in matches]
    glued = [a.end() == b.start() for a, b in zip(matches, matches[1:])] + [False]
    return words, glued


def read_amounts(words: Sequence[str], glued: Sequence[bool], lexicon: Lexicon) -> list[Amount]:
    """Every number in `words`, left to right: digits, spelled numbers (text2num) and vague amounts.

    A digit range in one word ("10,000–12,000") gives two amounts on that word.
    """
    amounts: list[Amount] = []
    i, n = 0, len(words)
    while i < n:
        word = words[i]
        found = None
        if word[:1].isdigit():
            found = _digits_at(words, glued, i, lexicon)
        elif word in lexicon.starters:
            found = _vague_at(words, i, lexicon) or _spelled_at(words, i, lexicon)
        if found:
            amounts.extend(found)
            i = found[-1].end
        else:
            i += 1
    return amounts


def parse_number(text: str, lexicon: Lexicon | None = None) -> float | None:
    """The value of a text that is exactly one number ("twelve thousand", "1.5 million", "10k"), else None."""
    lexicon = lexicon or load_lexicon()
    words, glued = words_of(text)
    amounts = read_amounts(words, glued, lexicon)
    if len(amounts) != 1 or amounts[0].vague or (amounts[0].start, amounts[0].end) != (0, len(words)):
        return None
    return amounts[0].value


def numbers_in(text: str, lexicon: Lexicon | None = None) -> list[float]:
    """The value of every number in a plain string, in order (vague amounts give their low bound)."""
    lexicon = lexicon or load_lexicon()
    return [a.value for a in read_amounts(*words_of(text), lexicon)]


def read_quantities(words: Sequence[str], glued: Sequence[bool], lexicon: Lexicon) -> list[Reading]:
    """The amounts in `words` joined into ranges and given their qualifiers and intervals."""
    amounts = read_amounts(words, glued, lexicon)
    readings: list[Reading] = []
    k = 0
    while k < len(amounts):
        first = amounts[k]
        second = amounts[k + 1] if k + 1 < len(amounts) else None
        opener = _range_opener(words, first, second, lexicon) if second else None
        if second is not None and opener is not None:
            readings.append(_range(words, first, second, opener))
            k += 2
        else:
            readings.append(_qualified(words, first, lexicon))
            k += 1
    return readings


def interval(value: float, qualifier: str, lexicon: Lexicon) -> tuple[float | None, float | None]:
    """The [low, high] a qualifier gives a plain number (None = unbounded)."""
    low_factor, high_factor = lexicon.intervals[qualifier]
    low = None if low_factor is None else _tidy(value * low_factor)
    high = None if high_factor is None else _tidy(value * high_factor)
    return low, high


def _tidy(x: float) -> float:
    return float(round(x, 6))


def _vague_at(words: Sequence[str], i: int, lexicon: Lexicon) -> list[Amount]:
    """'several hundred', 'a few', 'dozens', 'tens of thousands' starting at words[i]."""
    for length in range(min(lexicon.longest, len(words) - i), 0, -1):
        bounds = lexicon.vague_quantifiers.get(tuple(words[i:i + length]))
        if bounds:
            low, high = bounds
            end, scale = _magnitudes(words, i + length, lexicon)
            return [Amount(i, end, low * scale, low * scale, high * scale, scale)]
    plural = lexicon.vague_plurals.get(words[i])
    if not plural:
        return []
    base, needs_of = plural
    following = words[i + 1] if i + 1 < len(words) else ""
    if needs_of and following != "of":
        return []
    end, scale = i + 1, base
    while end + 1 < len(words) and words[end] == "of" and words[end + 1] in lexicon.vague_plurals:
        scale *= lexicon.vague_plurals[words[end + 1]][0]
        end += 2
    return [Amount(i, end, 2 * scale, 2 * scale, 10 * scale, scale)]


def _magnitudes(words: Sequence[str], j: int, lexicon: Lexicon) -> tuple[int, float]:
    """Read magnitude words from words[j]: where they end and their product."""
    scale = 1.0
    while j < len(words) and words[j] in lexicon.magnitudes:
        scale *= lexicon.magnitudes[words[j]]
        j += 1
    return j, scale


def _digits_at(words: Sequence[str], glued: Sequence[bool], i: int, lexicon: Lexicon) -> list[Amount]:
    """'3,000', '1.5 million', '10k', '3m' (glued suffix) and the one-word range '10,000-12,000'."""
    word = words[i]
    pair = DIGIT_RANGE.fullmatch(word)
    if pair:
        return [Amount(i, i + 1, _float(n), fraction="." in n) for n in pair.groups()]
    match = DIGITS.fullmatch(word)
    if not match:
        return []
    number, suffix = match.groups()
    value, end = _float(number), i + 1
    if not suffix and SPACED_HEAD.fullmatch(number):  # "3 000", "12 500 000": a space between thousands
        while end < len(words) and THOUSANDS_GROUP.fullmatch(words[end]) and not glued[end - 1]:
            value = value * 1000 + float(words[end])
            end += 1
    if suffix:
        if suffix not in lexicon.suffixes:
            return []
        value *= lexicon.suffixes[suffix]
    elif end < len(words) and glued[i] and words[end] in lexicon.suffixes:
        value *= lexicon.suffixes[words[end]]
        end += 1
    amount = _scaled(words, Amount(i, end, value), lexicon)
    amount.fraction = "." in number and amount.scale == 1 and not suffix
    return [amount]


def _float(number: str) -> float:
    return float(number.replace(",", ""))


def _spelled_at(words: Sequence[str], i: int, lexicon: Lexicon) -> list[Amount]:
    """Spelled numbers from words[i]: 'twenty-five thousand', 'a hundred', 'two dozen', 'half a million'."""
    word = words[i]
    if word in ("a", "an") and i + 1 < len(words) and words[i + 1] in lexicon.magnitudes:
        spelled = _spelled_at(words, i + 1, lexicon)
        if spelled and spelled[0].start == i + 1:
            spelled[0].start = i
            return spelled
        end, scale = _magnitudes(words, i + 1, lexicon)
        return [_scaled(words, Amount(i, end, scale, scale=scale), lexicon)]
    if word == "half" and i + 1 < len(words) and words[i + 1] in ("a", "an"):
        whole = _spelled_at(words, i + 1, lexicon)
        if whole and whole[0].start == i + 1 and whole[0].scale > 1:
            amount = whole[0]
            return [Amount(i, amount.end, amount.value / 2, scale=amount.scale)]
        return []
    if word not in lexicon.number_words:
        return []
    end = i
    while end < len(words) and (words[end] in lexicon.number_words or words[end] in lexicon.number_links):
        end += 1
    while words[end - 1] in lexicon.number_links:
        end -= 1
    amounts = []
    for found in find_numbers([_Word(w) for w in words[i:end]], "en", 0.0):
        last = words[i + found.end - 1]
        scale = lexicon.magnitudes.get(last, 1.0)
        amounts.append(Amount(i + found.start, i + found.end, float(found.value), scale=scale))
    if amounts:
        amounts[-1] = _scaled(words, amounts[-1], lexicon)
    return amounts


def _scaled(words: Sequence[str], amount: Amount, lexicon: Lexicon) -> Amount:
    """Extend an amount over 'and a half' (half its last magnitude: 'a million and a half') and magnitudes."""
    j = amount.end
    if tuple(words[j:j + 3]) == ("and", "a", "half"):
        amount.value += 0.5 * (amount.scale if amount.scale > 1 else 1.0)
        j += 3
    end, scale = _magnitudes(words, j, lexicon)
    amount.value, amount.end, amount.scale = _tidy(amount.value * scale), end, amount.scale * scale
    return amount


def _range_opener(words: Sequence[str], first: Amount, second: Amount, lexicon: Lexicon) -> str | None:
    """'' for 'A to B', the opener ('between', 'from') for 'between A and B', None when no range."""
    if first.vague or second.vague:
        return None
    if second.start == first.start:
        return ""
    if second.start != first.end + 1:
        return None
    link = words[first.end]
    before = words[first.start - 1] if first.start else ""
    if before in lexicon.range_openers and link in lexicon.range_openers[before]:
        return before
    return "" if link in lexicon.range_links else None


def _range(words: Sequence[str], first: Amount, second: Amount, opener: str) -> Reading:
    """Two amounts as one range; a bare first number takes the second's magnitude ("10 to 12 thousand")."""
    a, b = first.value, second.value
    if first.scale == 1 and second.scale > 1 and a * second.scale <= b:
        a *= second.scale
    start = first.start - 1 if opener else first.start
    low, high = min(a, b), max(a, b)
    dashed = second.start == first.start or words[first.end] in DASHES
    return Reading(start, second.end, first.start, second.end, low, low, high, "range",
                   fraction=first.fraction or second.fraction, dashed=dashed)


def _qualified(words: Sequence[str], amount: Amount, lexicon: Lexicon) -> Reading:
    """An amount with the qualifier written before or after it, and the interval that gives."""
    start, end, qualifier = amount.start, amount.end, ""
    for length in range(min(lexicon.longest, amount.start), 0, -1):
        name = lexicon.qualifiers.get(tuple(words[amount.start - length:amount.start]))
        if name:
            start, qualifier = amount.start - length, name
            break
    for length in range(min(lexicon.longest, len(words) - amount.end), 0, -1):
        name = lexicon.postfix_qualifiers.get(tuple(words[amount.end:amount.end + length]))
        if name:
            end, qualifier = amount.end + length, qualifier or name
            break
    if amount.vague:
        low, high, value = amount.low, amount.high, amount.value
        if qualifier in ("at_least", "more_than"):
            high = None
        elif qualifier in ("at_most", "less_than"):
            low, value = None, high
        else:
            qualifier = lexicon.vague_qualifier
        return Reading(start, end, amount.start, amount.end, value, low, high, qualifier, vague=True)
    qualifier = qualifier or "exact"
    low, high = interval(amount.value, qualifier, lexicon)
    return Reading(start, end, amount.start, amount.end, amount.value, low, high, qualifier,
                   fraction=amount.fraction)
