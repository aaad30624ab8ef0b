"""Figures a claim gives only as the sum or difference of two it states: killed and wounded make casualties
("300 killed, with some 2,700 others wounded"), casualties less the killed are the wounded ("4,700 casualties,
including 600 deaths"), a first contingent and the troops added since make the total of both ("of the 11,000
dispatched ..., 3,000 more"). Each bound is summed (or subtracted) from the stated bounds, so the derived
interval is as wide as its parts make it.

A derived figure makes claims comparable with those that state that figure: a topic whose members are all
derived is kept out of the listings (`shown`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from claimscope.reconcile import nouns
from claimscope.reconcile.keys import PRESENCE, Membership, TopicKey
from claimscope.reconcile.records import Interval

VAGUE_RATIO = 3  # a figure whose high is this many times its low ("thousands": 2,000-10,000) sums to nothing


def derived(found: list[Membership]) -> list[Membership]:
    """The figures `found` (one claim's memberships) imply but do not state, one per topic none of them is in."""
    figures = [m for m in found if m.value is not None and not m.denied and not m.derived and _precise(m.stated)]
    have = {m.key for m in found}
    made: list[Membership] = []
    for a, b, key, combine, how in _pairs(figures):
        if key in have:
            continue
        interval = combine(a.interval, b.interval)
        value = combine(Interval(a.value, a.value), Interval(b.value, b.value))
        if interval is None or value is None:
            continue
        have.add(key)
        derivation = f"derived: {how(a, b)} = {interval}"
        made.append(Membership(a.claim, key, interval, interval, value.low, a.scope_place, False, derivation, True,
                               nouns.joined([a.noun, b.noun])))
    return made


def shown(members: Iterable[Membership]) -> bool:
    """A topic is listed when at least one of its members states what it measures."""
    return any(not m.derived for m in members)


def shown_json(members: Iterable[dict]) -> bool:
    """`shown` for stored memberships (their JSON)."""
    return any(not m.get("derived") for m in members)


Pair = tuple[Membership, Membership, TopicKey, Callable[[Interval, Interval], Interval | None],
             Callable[[Membership, Membership], str]]


def _pairs(figures: list[Membership]) -> Iterable[Pair]:
    """(first, second, key of what they make, how their intervals combine, how to say it)."""
    by_state: dict[tuple[TopicKey, str], Membership] = {}
    for m in figures:
        by_state.setdefault((_stateless(m.key), m.key.state), m)
    for (base, state), m in by_state.items():
        other = by_state.get((base, "wounded"))
        if state == "killed" and other is not None:
            yield m, other, _with(base, "casualties"), _sum, lambda a, b: f"{a.stated} killed + {b.stated} wounded"
        whole = by_state.get((base, "casualties"))
        if state in ("killed", "wounded") and whole is not None:
            rest = "wounded" if state == "killed" else "killed"
            yield whole, m, _with(base, rest), _difference, \
                lambda a, b, s=state: f"{a.stated} casualties - {b.stated} {s}"
        if state == PRESENCE and base.period is None:
            added = by_state.get((dataclasses.replace(base, period="increment"), PRESENCE))
            if added is not None:
                yield m, added, _with(dataclasses.replace(base, period="total"), PRESENCE), _sum, \
                    lambda a, b: f"{a.stated} + {b.stated} more"


def _stateless(key: TopicKey) -> TopicKey:
    return dataclasses.replace(key, state="")


def _with(key: TopicKey, state: str) -> TopicKey:
    return dataclasses.replace(key, state=state)


def _precise(interval: Interval) -> bool:
    return not (interval.low and interval.high and interval.high >= VAGUE_RATIO * interval.low)


def _sum(a: Interval, b: Interval) -> Interval:
    low = None if a.low is None or b.low is None else a.low + b.low
    high = None if a.high is None or b.high is None else a.high + b.high
    return Interval(low, high)


def _difference(whole: Interval, part: Interval) -> Interval | None:
    """The rest of `whole` once `part` is taken out; None when the bounds do not allow a positive rest."""
    low = None if whole.low is None or part.high is None else whole.low - part.high
    high = None if whole.high is None or part.low is None else whole.high - part.low
    if (low is not None and low < 0) or (high is not None and high <= 0) or (low is None and high is None):
        return None
    return Interval(low, high)
