"""How the claims of one topic relate, and what they say together per time window.

Rules (each claim compared with the others of its topic):
- A claim *holds* from its date until the next, later claim of the same origin group (or indefinitely).
  Two claims of independent origins are *concurrent* when both hold at once and their dates lie within the
  window (default 7 days) of each other.
- agree: concurrent claims whose intervals intersect; corroborate: they agree and each one's stated figure
  lies in the other's interval (an open "at least 3,000" agrees with "about 12,000" but does not corroborate it).
- contradict: concurrent claims with disjoint intervals; or, further apart, a later figure below an earlier one
  that still holds (the counts we track, of people sent, deployed, fighting or lost, accumulate: a later higher
  figure from another origin is growth, a later lower one is a reversal); a denial contradicts every claim of
  another origin that asserts what it denies while the denial holds; the claims it denies are *denied_by* it
  (the denial track, shown beside the consensus), which never makes them contradicted.
- superseded_by: the claims of the same origin group on the next later day it spoke (each claim names only its
  successors, so a topic's relations grow with its size, not its square); growth: a claim states a higher figure
  than the one of its origin it supersedes, or than another origin's beyond the window. Same origin and same
  day: a repeat, counted once.
- Per window (default 7 days, from Monday): for each origin the latest claim holding in the window. Denials
  stand apart (`denied_by`). The consensus is the common part of the intervals of the largest set of origins
  whose intervals meet, when that set holds more than half of them; the others are the `dissent`; with no such
  majority the window is a flagged disagreement. Low / best / high in the manner of UCDP: low and high are the
  lowest and highest figures stated by the asserting origins, best their median, moved into the consensus.
"""

from __future__ import annotations

import bisect
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from claimscope.reconcile.independence import Origin
from claimscope.reconcile.records import Interval
from claimscope.reconcile.keys import NONE_PRESENT, Membership

FOREVER = date.max
WINDOW_DAYS = 7


@dataclass
class Relations:
    """A claim's relations to the other claims of its topic, by kind, naming the other claims."""

    agree: set[str] = field(default_factory=set)
    corroborate: set[str] = field(default_factory=set)
    contradict: set[str] = field(default_factory=set)
    superseded_by: set[str] = field(default_factory=set)
    growth_from: set[str] = field(default_factory=set)
    repeats: set[str] = field(default_factory=set)  # same origin, same day: a copy, counted once
    denied_by: set[str] = field(default_factory=set)  # denials by other origins, while they hold

    def label(self) -> str:
        """The one word a timeline shows, worst news first."""
        for name, ids in (("contradict", self.contradict), ("superseded", self.superseded_by),
                          ("growth", self.growth_from), ("agree", self.agree)):
            if ids:
                return name
        return "unconfirmed"


@dataclass
class Window:
    """What independent origins said in one time window."""

    start: date
    end: date  # exclusive
    origins: dict[str, str]  # origin key -> claim id counted for it
    consensus: Interval | None
    disagreement: bool
    low: float | None
    best: float | None
    high: float | None
    dissent: set[str] = field(default_factory=set)  # origin keys outside the consensus
    denied_by: set[str] = field(default_factory=set)  # origin keys that deny the proposition


def holding_periods(members: list[Membership], origins: dict[str, Origin]) -> dict[str, tuple[date, date]]:
    """Claim id -> [from, until): until the next later claim of the same origin group."""
    days_by_origin: dict[str, list[date]] = defaultdict(list)
    for m in members:
        days_by_origin[origins[m.claim.claim_id].key].append(_day(m))
    for days in days_by_origin.values():
        days.sort()
    periods = {}
    for m in members:
        start = _day(m)
        days = days_by_origin[origins[m.claim.claim_id].key]
        later = bisect.bisect_right(days, start)
        periods[m.claim.claim_id] = (start, days[later] if later < len(days) else FOREVER)
    return periods


def relate(members: list[Membership], origins: dict[str, Origin], days: int = WINDOW_DAYS) -> dict[str, Relations]:
    """Pairwise relations between the claims of one topic. One origin group's claims relate to the next day's
    of the group; of two origins, only pairs whose holding periods meet (no other pair relates), found by a sweep over the
    claims in order of their dates, so a topic costs its size times the claims holding at once, not its
    size squared."""
    periods = holding_periods(members, origins)
    relations = {m.claim.claim_id: Relations() for m in members}
    by_origin: dict[str, list[Membership]] = defaultdict(list)
    for m in members:
        by_origin[origins[m.claim.claim_id].key].append(m)
    for group in by_origin.values():
        _relate_one_origin(sorted(group, key=_day), relations)
    ordered = sorted(members, key=_day)
    starts = [_day(m) for m in ordered]
    for i, a in enumerate(ordered):
        key, until = origins[a.claim.claim_id].key, periods[a.claim.claim_id][1]
        # the later claims that start while a holds (or on its day): for those alone the periods meet
        for b in ordered[i + 1 : bisect.bisect_left(starts, until, lo=i + 1) if until != FOREVER else None]:
            if origins[b.claim.claim_id].key != key:
                _relate_pair(a, b, origins, periods, relations, days)
    return relations


def _relate_one_origin(group: list[Membership], relations: dict[str, Relations]) -> None:
    """One origin group's claims, in date order, by the day they were made: the claims of one day repeat each
    other; each is superseded by those of the next day, which are growth from it when their figure is higher."""
    days: list[list[Membership]] = []
    for m in group:
        if days and _day(days[-1][0]) == _day(m):
            days[-1].append(m)
        else:
            days.append([m])
    for i, same in enumerate(days):
        for a in same:
            relations[a.claim.claim_id].repeats.update(b.claim.claim_id for b in same if b is not a)
            for late in days[i + 1] if i + 1 < len(days) else ():
                relations[a.claim.claim_id].superseded_by.add(late.claim.claim_id)
                if a.value is not None and late.value is not None and late.value > a.value:
                    relations[late.claim.claim_id].growth_from.add(a.claim.claim_id)


def _relate_pair(a: Membership, b: Membership, origins: dict[str, Origin],
                 periods: dict[str, tuple[date, date]], relations: dict[str, Relations], days: int) -> None:
    """Two claims of different origin groups whose holding periods may meet."""
    ida, idb = a.claim.claim_id, b.claim.claim_id
    (sa, ea), (sb, eb) = periods[ida], periods[idb]
    if not (sa < eb and sb < ea or sa == sb):
        return
    common = a.interval.intersect(b.interval)
    if a.denied or b.denied:
        if a.denied != b.denied and common is not None:
            denial, denied = (ida, idb) if a.denied else (idb, ida)
            relations[denial].contradict.add(denied)
            relations[denied].denied_by.add(denial)
        return
    if abs((_day(a) - _day(b)).days) > days:
        early, late = (a, b) if _day(a) < _day(b) else (b, a)
        if common is None and _below(late.interval, early.interval):
            _contradict(relations, ida, idb)
        elif common is None:
            relations[late.claim.claim_id].growth_from.add(early.claim.claim_id)
        return
    if common is None:
        _contradict(relations, ida, idb)
        return
    relations[ida].agree.add(idb)
    relations[idb].agree.add(ida)
    if _stated_inside(a, b) and _stated_inside(b, a):
        relations[ida].corroborate.add(idb)
        relations[idb].corroborate.add(ida)


def _contradict(relations: dict[str, Relations], ida: str, idb: str) -> None:
    relations[ida].contradict.add(idb)
    relations[idb].contradict.add(ida)


def _below(late: Interval, early: Interval) -> bool:
    """The later interval lies wholly under the earlier one: a reversal."""
    return late.high is not None and early.low is not None and late.high < early.low


def _stated_inside(a: Membership, b: Membership) -> bool:
    """a's stated figure lies in b's interval (a figure-less claim corroborates nothing)."""
    return a.value is not None and b.interval.contains(a.value)


def windows(members: list[Membership], origins: dict[str, Origin], days: int = WINDOW_DAYS,
            since: date | None = None) -> list[Window]:
    """Consensus per window of `days` days, from the Monday of the first claim (or from `since`, a window start
    after it: the members must then hold every claim holding at `since`) to the last claim. Claims without a
    date (a document that has none) make one window of their own before the others, with no dates."""
    undated = [m for m in members if m.claim.when is None]
    result = [_undated(undated, origins)] if undated and (since is None or since == date.min) else []
    members = [m for m in members if m.claim.when is not None]
    if not members:
        return result
    periods = holding_periods(members, origins)
    ordered = sorted(members, key=_day)
    starts = [_day(m) for m in ordered]
    first, last = starts[0], starts[-1]
    start = window_start(first, days)
    start = since if since is not None and since > start else start
    # per origin, its claims in date order: a later one holds no shorter, so the latest claim holding in a
    # window is the origin's last claim begun before the window ends, when that one still holds at its start
    by_origin: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(ordered):
        by_origin[origins[m.claim.claim_id].key].append(i)
    while start <= last:
        end = start + timedelta(days=days)
        begun = bisect.bisect_left(starts, end)
        latest: dict[str, Membership] = {}
        for key, indexes in by_origin.items():
            j = bisect.bisect_left(indexes, begun) - 1
            if j >= 0 and periods[ordered[indexes[j]].claim.claim_id][1] > start:
                latest[key] = ordered[indexes[j]]
        if latest:
            result.append(_summarise(start, end, latest))
        start = end
    return result


def _undated(members: list[Membership], origins: dict[str, Origin]) -> Window:
    """The window of claims without a date: each origin's claim with the greatest id stands for it."""
    latest = {origins[m.claim.claim_id].key: m for m in sorted(members, key=lambda m: m.claim.claim_id)}
    return _summarise(date.min, date.min, latest)


def window_start(day: date, days: int = WINDOW_DAYS) -> date:
    """The start of the window a day falls in: its Monday for weekly windows (else the day itself)."""
    return day - timedelta(days=day.weekday()) if days == 7 else day


def _summarise(start: date, end: date, latest: dict[str, Membership]) -> Window:
    asserting = {k: m for k, m in latest.items() if not m.denied}
    denied_by = {k for k, m in latest.items() if m.denied}
    members, consensus = majority(asserting)
    figures = sorted(f for f in (_figure(m) for m in asserting.values()) if f is not None)
    low = figures[0] if figures else None
    high = figures[-1] if figures else None
    best = statistics.median(figures) if figures else None
    if best is not None and consensus is not None:
        best = min(max(best, consensus.low or best), consensus.high if consensus.high is not None else best)
    return Window(start, end, {k: m.claim.claim_id for k, m in latest.items()}, consensus,
                  consensus is None and len(asserting) > 1, low, best, high,
                  set(asserting) - members if consensus is not None else set(), denied_by)


def majority(latest: dict[str, Membership]) -> tuple[set[str], Interval | None]:
    """The largest set of origins whose intervals share a point, and that common part, when the set holds
    more than half of the origins (all of them, for two); else (empty set, None)."""
    if not latest:
        return set(), None
    best: tuple[set[str], Interval | None] = (set(), None)
    for point in _candidate_points(latest.values()):
        inside = {k for k, m in latest.items() if m.interval.contains(point)}
        if len(inside) > len(best[0]):
            common: Interval | None = Interval(None, None)
            for k in inside:
                common = common.intersect(latest[k].interval) if common else None
            best = (inside, common)
    if len(best[0]) * 2 <= len(latest) and len(best[0]) != len(latest):
        return set(), None
    return best


def _candidate_points(members: Iterable[Membership]) -> list[float]:
    """The bounds of the intervals: the largest overlap always contains one of them."""
    points = {b for m in members for b in (m.interval.low, m.interval.high) if b is not None}
    return sorted(points) or [0.0]


def _figure(m: Membership) -> float | None:
    """The figure a claim states; "none" (a denial or negation without a figure) is 0."""
    if m.value is not None:
        return None if m.denied else m.value
    return 0.0 if m.denied or m.interval == NONE_PRESENT else None


def rising(series: list[Window]) -> bool:
    """Growth over the topic: best estimates that never fall and rise at least once."""
    return rising_bests([w.best for w in series])


def rising_bests(bests: list[float | None]) -> bool:
    """Best estimates, window by window (None where a window has none), that never fall and rise at least once."""
    bests = [b for b in bests if b is not None]
    return len(bests) >= 2 and all(a <= b for a, b in zip(bests, bests[1:])) and bests[-1] > bests[0]


def _day(m: Membership) -> date:
    return m.claim.when or date.min
