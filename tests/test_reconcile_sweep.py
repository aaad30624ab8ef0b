"""The sweeps that relate a topic's claims and summarise its windows give what comparing every pair and
scanning every claim per window give, on random topics (several origins, repeats, denials, open bounds)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from claimscope.reconcile import consistency
from claimscope.reconcile.consistency import Relations, _relate_pair, _summarise, holding_periods
from claimscope.reconcile.independence import Origin
from claimscope.reconcile.keys import Membership, TopicKey
from claimscope.reconcile.records import ClaimRecord, Interval

KEY = TopicKey("personnel", "present", "KP", "RU", None)


def pairwise_relate(members, origins, days=7):
    """The definition: every pair of claims compared; of one origin, a claim and those of the origin's next day."""
    periods = holding_periods(members, origins)
    relations = {m.claim.claim_id: Relations() for m in members}
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            ida, idb = a.claim.claim_id, b.claim.claim_id
            if origins[ida].key != origins[idb].key:
                _relate_pair(a, b, origins, periods, relations, days)
            elif a.claim.when == b.claim.when:
                relations[ida].repeats.add(idb)
                relations[idb].repeats.add(ida)
            elif b.claim.when == periods[ida][1]:  # b is of the origin's next day after a
                relations[ida].superseded_by.add(idb)
                if b.value > a.value:
                    relations[idb].growth_from.add(ida)
    return relations


def scanned_windows(members, origins, days=7):
    """The definition: per window, every claim in date order, the latest holding one per origin kept."""
    periods = holding_periods(members, origins)
    first = min(m.claim.when for m in members)
    last = max(m.claim.when for m in members)
    start = first - timedelta(days=first.weekday())
    result = []
    while start <= last:
        end = start + timedelta(days=days)
        latest = {}
        for m in sorted(members, key=lambda m: m.claim.when):
            since, until = periods[m.claim.claim_id]
            if since < end and until > start:
                latest[origins[m.claim.claim_id].key] = m
        if latest:
            result.append(_summarise(start, end, latest))
        start = end
    return result


def random_topic(rng, n):
    members, origins = [], {}
    for i in range(n):
        cid = f"c{i:04d}"
        day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 60))
        value = float(rng.choice([100, 250, 1000, 3000, 3000, 12000]))
        low, high = rng.choice([(value, value), (value, None), (None, value), (value * 0.9, value * 1.1)])
        record = ClaimRecord(cid, f"d{i % 7}", day, "Wire", "src", "src", None, None, day, "text", "asserted", None)
        members.append(Membership(record, KEY, Interval(low, high), Interval(low, high), value, None,
                                  rng.random() < 0.1, ""))
        key = f"o{rng.randint(0, 5)}"
        origins[cid] = Origin(key, key)
    members.sort(key=lambda m: (m.claim.when, m.claim.claim_id))
    return members, origins


def test_sweeps_match_the_pairwise_and_scanned_definitions():
    rng = random.Random(3)
    for n in (1, 2, 5, 30, 120):
        for _ in range(8):
            members, origins = random_topic(rng, n)
            assert consistency.relate(members, origins) == pairwise_relate(members, origins)
            assert consistency.windows(members, origins) == scanned_windows(members, origins)
