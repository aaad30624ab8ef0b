"""Which claims measure the same thing: topic keys from what is counted, whose, where, and in what state.

A claim's figures are read here (one membership per figure); its clauses without a figure are read by
`claimscope.reconcile.propositions`."""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

from claimscope.reconcile import counting, derived, lexicon, nouns, parties, propositions
from claimscope.reconcile.keys import PRESENCE, Membership, TopicKey
from claimscope.reconcile.records import ClaimRecord, Count, Interval


class _Head(NamedTuple):
    """The figure before: a part of it ("including 104 children") counts in its state and period."""

    measure: str
    state: str
    period: str | None
    clause: tuple[int, int]
    inherited: bool


def memberships(claim: ClaimRecord, fallback_affiliation: str | None = None) -> list[Membership]:
    """Every topic a claim speaks to: one per figure, in the state the words beside it give ("300 killed, with
    some 2,700 others wounded") or the figure it is part of gives ("including 104 children"), as an increment
    or a count of one period or event where they say so; then, for the clauses without a figure, the
    propositions they make (present, in combat, killed ... or none, or denied)."""
    context = claim.context_country
    spans = counting.clause_spans(claim.content)
    found: list[Membership] = []
    counted_clauses: set[tuple[int, int]] = set()
    counted_people = any(lexicon.unit_measures().get((c.unit or "").lower()) == "personnel" for c in claim.counts)
    head: _Head | None = None
    for count in claim.counts:
        clause = counting.clause_at(spans, count.start)
        near = counting.window(claim.content, count, claim.counts, clause)
        if counting.reference(near):
            continue  # another source's figure, or the earlier one it is compared with
        measure = lexicon.measure_of(count.unit, f"{count.text or ''} {count.subject or ''}")
        if measure is None and count.unit is None and head is not None and head.clause == clause \
                and counting.partitive(near):
            measure = head.measure  # "17 drones were launched and 15 of them shot down"
        state = counting.state(near, measure or "personnel")
        moved = (state == PRESENCE and claim.event in lexicon.load("topics")["presence_events"]
                 and fallback_affiliation is not None)  # "at least 3,000 had moved to eastern Russia"
        if measure is None and count.unit is None and (state != PRESENCE or counted_people or moved):
            measure = "personnel"  # "8,408 injured", "the death toll has reached 2,011", "3,000 had moved to"
        if measure is None:
            continue
        counted_clauses.add(clause)
        affiliation = (lexicon.affiliation(count.subject)
                       or parties.affiliation(claim.content, context, count.start, names=False)
                       or parties.subject_country(claim.content)
                       or parties.affiliation(claim.content, context, count.start)
                       or parties.own_group(claim)
                       or (fallback_affiliation if (count.unit or "").lower() in parties.military_units()
                           or measure == "equipment" or parties.partitive_anaphor(claim.content)
                           or (moved and count.unit is None) else None))
        scope, narrower = parties.scope(claim, affiliation, near.span, clause, count.start)
        if affiliation == scope and (count.unit or "").lower() not in parties.military_units():
            affiliation = None  # "1.4 million Lebanese displaced in Lebanon" are the people of the place
        spec = lexicon.load("topics")["states"].get(state, {})
        run = counting.run_text(claim.content, count, claim.counts, clause)
        period = None if spec.get("unbounded") else counting.period(near, claim.content[clause[0]:clause[1]],
                                                                    claim, bool(spec.get("casualty")), run)
        if period is None and state == PRESENCE and counting.phased(claim.content, count):
            period = "total"
        inherits = (state == PRESENCE and head is not None and head.clause == clause
                    and (counting.subcount(near) or (head.inherited and counting.coordinated(near))))
        if inherits and head is not None:
            state, period = head.state, head.period
        if state not in lexicon.states_of(measure):
            state = PRESENCE
        head = _Head(measure, state, period, clause, inherits)
        key = TopicKey(measure, state, affiliation, scope, period)
        count = _per_unit_total(claim, count, near)
        noun = nouns.of_figure(measure, claim.content, count.unit, count.start, clause)
        found.append(_count_membership(claim, key, count, narrower, noun))
        if narrower and claim.modality != "denied":
            # a region's figure is its own topic too, where it stands as stated
            region = dataclasses.replace(key, region=parties.region_key(claim, narrower))
            found.append(_count_membership(claim, region, count, None, noun))
    found = _populations(found)
    return found + derived.derived(found) + propositions.figure_less(claim, found, counted_clauses,
                                                                    fallback_affiliation)


def _populations(found: list[Membership]) -> list[Membership]:
    """Figures of one claim that would share a topic but count different kinds of people ("at least 82
    soldiers and 47 civilians dead") count different populations: the first named keeps the topic, each
    other kind is keyed by its kind."""
    kinds: dict[TopicKey, list[str]] = {}
    for m in found:
        if m.noun:
            kinds.setdefault(m.key, []).append(m.noun)
    first = {key: named[0] for key, named in kinds.items() if nouns.joined(named) == nouns.MIXED}
    return [dataclasses.replace(m, key=dataclasses.replace(m.key, population=m.noun))
            if m.key in first and m.noun and nouns.joined([m.noun, first[m.key]]) == nouns.MIXED else m
            for m in found]


def _per_unit_total(claim: ClaimRecord, count: Count, near: counting.Window) -> Count:
    """A per-unit figure as a total: "two brigades of up to 6,000 each" counts up to 12,000, the derivation
    kept in the count's words."""
    if not set(near.after[:2]) & set(lexicon.load("topics")["per_unit"]):
        return count
    units = [c for c in claim.counts if lexicon.unit_measures().get((c.unit or "").lower()) == "formations"]
    if not units:
        return count
    k = units[0].value

    def times(v: float | None) -> float | None:
        return None if v is None else v * k

    return dataclasses.replace(count, value=count.value * k, low=times(count.low), high=times(count.high),
                               text=f"{k:g} × {count.text or count.value} each")


def _count_membership(claim: ClaimRecord, key: TopicKey, count: Count, narrower: str | None,
                      noun: str | None) -> Membership:
    stated = count.interval
    denied = claim.modality == "denied"
    said = f"{count.text}: " if count.text and "×" in count.text else ""
    if narrower and not denied:
        low = stated.low if stated.low is not None else count.value
        interval = Interval(low, None)
        derivation = f"{said}{stated} in {narrower}: at least {low:,.0f} in the whole scope"
    else:
        interval = stated
        derivation = f"{said}{count.qualifier} {count.value:,.0f}" + (" (denied)" if denied else "")
    return Membership(claim, key, interval, stated, count.value, narrower, denied, derivation,
                      noun=noun)
