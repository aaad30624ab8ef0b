"""What kind of people a figure counts ("civilians", "migrants", "personnel"), for topic labels: read from the
counted noun (the quantity's unit), or for a clause without a figure from its first people noun. A topic's
kind is the one its members name when they agree (or the broader kind of those they name); where none names
one, or they differ, the label says the generic word (data/topics.yml: a measure's `label` and its `kinds`).
The kind never splits a topic."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from claimscope.reconcile import lexicon

MIXED = "*"  # the members name different kinds: the label says the generic word


@lru_cache(maxsize=None)
def _kinds(measure: str) -> dict[str, str]:
    """Unit lemma (and its plural) -> the label of the kind of `measure` it names."""
    spec = lexicon.load("topics")["measures"][measure]
    return {form: kind for kind, units in (spec.get("kinds") or {}).items() for unit in units
            for form in (unit, unit + "s")}


def of_unit(measure: str, unit: str | None) -> str | None:
    """The kind a counted noun names ("civilian" -> "civilians"); None for a generic one ("people", "deaths")."""
    return _kinds(measure).get((unit or "").lower())


def of_text(measure: str, text: str, last: bool = False) -> str | None:
    """The kind of `measure` the first (or `last`) noun of a text names ("miners remain trapped")."""
    kinds = _kinds(measure)
    found = [kind for word in re.findall(r"[a-z]+(?:-[a-z]+)*", text.lower()) if (kind := kinds.get(word))]
    return (found[-1] if last else found[0]) if found else None


def of_figure(measure: str, content: str, unit: str | None, start: int | None,
              clause: tuple[int, int]) -> str | None:
    """The kind a figure of `measure` counts: its noun's; for a figure without one or with one that refers
    back ("200 killed", "1,000 others"), the noun of its clause, else the nearest before it ("Eritrean troops
    lost 200 killed, with some 1,000 others wounded": personnel)."""
    if unit and unit.lower() not in lexicon.load("topics")["refer_back"]:
        return of_unit(measure, unit)
    before = content[:start] if start is not None else ""
    return of_text(measure, content[clause[0]:clause[1]]) or of_text(measure, before, last=True)


def joined(nouns: Iterable[str | None]) -> str | None:
    """The kind of a topic from its members': the one they name when they agree, MIXED when they differ, None
    when none names one."""
    named = {n for n in nouns if n}
    if len(named) > 1:  # "fighters" and "personnel" are both personnel
        broader = lexicon.load("topics")["broader_kinds"]
        named = {broader.get(n, n) for n in named}
    if not named:
        return None
    return named.pop() if len(named) == 1 else MIXED


def word(measure: str, noun: str | None) -> str:
    """The label's word for what is counted: the kind, else the measure's generic label."""
    spec = lexicon.load("topics")["measures"][measure]
    return noun if noun and noun != MIXED and noun in (spec.get("kinds") or {}) else spec["label"]
