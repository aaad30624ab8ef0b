"""What a claim's clauses without a figure assert: people present, in combat, killed ... (or none, or
denied); weapons supplied; hospitals out of service. Each is a membership without a value."""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from claimscope.reconcile import counting, lexicon, nouns, parties
from claimscope.reconcile.keys import NONE_PRESENT, PRESENCE, SOME_PRESENT, Membership, TopicKey
from claimscope.reconcile.records import ClaimRecord

NEGATION_REACH = 8  # words before the state word within which a negation governs it
REGION_REACH = 60  # characters before a region's name within which the people said to be there are named


def figure_less(claim: ClaimRecord, found: list[Membership], counted_clauses: set[tuple[int, int]],
                fallback_affiliation: str | None) -> list[Membership]:
    """The memberships of the clauses of `claim` that no figure of it (`found`, in `counted_clauses`) speaks
    for: of people, then of the other measures the clauses name (data/topics.yml `figure_less`)."""
    made = _of_people(claim, found, counted_clauses, fallback_affiliation)
    for measure, spec in lexicon.load("topics")["figure_less"].items():
        made += _of_things(claim, measure, spec, found, counted_clauses, fallback_affiliation)
    return made


def _of_people(claim: ClaimRecord, found: list[Membership], counted_clauses: set[tuple[int, int]],
               fallback_affiliation: str | None) -> list[Membership]:
    """A claim without a figure joins a topic of people when it names whose people it speaks of, or what
    befell them."""
    words = lexicon.words_of(claim.content)
    adjective = parties.affiliation(claim.content, claim.context_country, None, names=False)
    affiliation = (adjective or parties.own_group(claim)
                   or (fallback_affiliation if words & parties.military_units() else None))
    whole = counting.clause_state(claim.content)
    if adjective is None and not words & parties.personnel_words() and whole in (PRESENCE, "combat"):
        return []
    if affiliation is None and whole == PRESENCE:
        return []
    scope, narrower = parties.scope(claim, affiliation)
    states_found = {m.key.state for m in found if m.key.measure == "personnel"}
    made: list[Membership] = []
    presence_events = lexicon.load("topics")["presence_events"]
    for clause in counting.clause_spans(claim.content):
        if clause in counted_clauses:
            continue
        text = claim.content[clause[0]:clause[1]]
        states = counting.clause_states(text)
        if _withdrawn(text, states, claim):
            states = ["combat", *states]  # "these soldiers were withdrawn after ...": none are in combat
        if not states and _names_people(text, claim) and (claim.event in presence_events or claim.modality == "denied"
                                                          or _takes_part(text)):
            states = [PRESENCE]  # "North Korean soldiers remain in the Kursk region, but ..."
        for state in states:
            if state not in states_found:
                states_found.add(state)
                key = _unquantified(TopicKey(_people(text), state, affiliation, scope), claim, text)
                made.append(_membership(claim, _at_region(key, claim, narrower, text), text, narrower))
    if not found and not made and (whole != PRESENCE or claim.modality == "denied"
                                   or claim.event in presence_events or _takes_part(claim.content)):
        key = _unquantified(TopicKey(_people(claim.content), whole, affiliation, scope), claim, claim.content)
        made.append(_membership(claim, _at_region(key, claim, narrower, claim.content), claim.content, narrower))
    return made


def _people(text: str) -> str:
    """The people measure a clause without a figure speaks of: a trade its words name ("aid workers killed in
    a strike"), else people."""
    return lexicon.measure_of(None, text) or "personnel"


def _withdrawn(text: str, states: list[str], claim: ClaimRecord) -> bool:
    """The clause says people were withdrawn, and names neither combat nor a state that stands for it (their
    return: "the withdrawal may be temporary")."""
    spec = lexicon.load("topics")["states"]
    if any(s == "combat" or spec[s].get("replaces") == "combat" for s in states):
        return False
    return bool(set(counting.words(text)) & set(lexicon.load("topics")["withdrawals"])) and _names_people(text, claim)


def _takes_part(text: str) -> bool:
    """The clause says people took part in the war ("fought alongside", "had taken part in")."""
    return bool(set(counting.words(text)) & set(lexicon.load("topics")["participation"]))


def _names_people(text: str, claim: ClaimRecord) -> bool:
    """The clause names people, by a noun or an affiliation that stands for them."""
    return bool(lexicon.words_of(text) & parties.personnel_words()
                or parties.affiliation(text, claim.context_country, None, names=False))


def _at_region(key: TopicKey, claim: ClaimRecord, narrower: str | None, clause: str) -> TopicKey:
    """People said to be at a place inside the scope, without a figure ("troops remain in the Kursk region"),
    speak to that region's count; that they took part in the fighting there is not a count of who is there."""
    if key.state != PRESENCE or narrower is None or claim.modality == "denied" or key.period == "increment" \
            or _takes_part(clause):
        return key
    place = next((p for p in claim.places if p.name == narrower and p.start is not None), None)
    if place is None or not _names_people(claim.content[max(0, place.start - REGION_REACH):place.start], claim):
        return key  # "deployed troops to Russia to recapture territory ... in the Kursk region": not where they are
    return dataclasses.replace(key, period=None, region=parties.region_key(claim, narrower))


def _of_things(claim: ClaimRecord, measure: str, spec: dict[str, list[str]], found: list[Membership],
               counted_clauses: set[tuple[int, int]], fallback_affiliation: str | None) -> list[Membership]:
    """Weapons, hospitals ... named without a figure: in the states the clause gives them ("no hospital has
    been rendered inoperative"), or there at all where the clause says they were sent ("could supply more
    weapons")."""
    if any(m.key.measure == measure for m in found):
        return []
    words = _names_of(measure, tuple(spec["names"]))
    needs = set(spec.get("needs") or ())
    affiliation = None
    if needs:  # whose weapons: an adjective before them, the subject, else the document's
        affiliation = (parties.owner(claim.content, words) or parties.subject_country(claim.content)
                       or fallback_affiliation)
    scope, narrower = parties.scope(claim, affiliation)
    made: list[Membership] = []
    seen: set[str] = set()
    for clause in counting.clause_spans(claim.content):
        text = claim.content[clause[0]:clause[1]]
        clause_words = set(re.findall(r"[a-z]+(?:-[a-z]+)*", text.lower()))  # "British-supplied" supplies nothing
        if clause in counted_clauses or not clause_words & words or (needs and not clause_words & needs):
            continue
        states = _states_near(text, measure, words) or ([PRESENCE] if needs else [])
        for state in states:
            if state not in seen:
                seen.add(state)
                made.append(_membership(claim, TopicKey(measure, state, affiliation, scope), text, narrower))
    return made


STATE_REACH = (3, 6)  # words before and after a noun within which a state word is the noun's


def _states_near(text: str, measure: str, nouns: frozenset[str]) -> list[str]:
    """The states of `measure` told of its nouns in `text`: "no hospital has yet been rendered inoperative",
    not "the burden on hospitals in targeted areas"."""
    tokens = re.findall(r"n't|[a-z]+(?:-[a-z]+)?", text.lower())
    found: list[str] = []
    for i, token in enumerate(tokens):
        if token in nouns:
            near = " ".join(tokens[max(0, i - STATE_REACH[0]):i] + tokens[i + 1:i + 1 + STATE_REACH[1]])
            found += [s for s in counting.clause_states(near, measure) if s not in found]
    return found


@lru_cache(maxsize=None)
def _names_of(measure: str, names: tuple[str, ...]) -> frozenset[str]:
    units = lexicon.load("topics")["measures"][measure]["units"]
    return frozenset([*names, *units, *(u + "s" for u in units)])


def _unquantified(key: TopicKey, claim: ClaimRecord, clause: str) -> TopicKey:
    """Losses named without a figure ("heavy losses", "victims still under the rubble") and people said to be
    somewhere without a figure ("it deployed troops to Russia") are propositions of their own, not counts:
    their own topics. "More troops were sent" speaks of the increment; a denial stands beside the counts."""
    spec = lexicon.load("topics")
    if spec["states"].get(key.state, {}).get("casualty"):
        return dataclasses.replace(key, period="unquantified")
    if key.state != PRESENCE or claim.modality == "denied":
        return key
    if lexicon.words_of(clause) & set(spec["increments"]):
        return dataclasses.replace(key, period="increment")
    return dataclasses.replace(key, period="unquantified")


def _membership(claim: ClaimRecord, key: TopicKey, clause: str, narrower: str | None) -> Membership:
    """Some are there, none are (a negated state: "have not been seen in combat"), or it is denied; of the
    kind of people the clause names ("miners remain trapped"), else the claim."""
    noun = nouns.of_text(key.measure, clause) or nouns.of_text(key.measure, claim.content)
    if claim.modality == "denied":
        return Membership(claim, key, SOME_PRESENT, SOME_PRESENT, None, narrower, True, "denies any are there",
                          noun=noun)
    if key.state != PRESENCE and _negated_state(clause, key.state):
        return Membership(claim, key, NONE_PRESENT, NONE_PRESENT, None, narrower, False, "negated: none", noun=noun)
    return Membership(claim, key, SOME_PRESENT, SOME_PRESENT, None, narrower, False, "no figure: at least one",
                      noun=noun)


def _negated_state(clause: str, state: str) -> bool:
    """A negation shortly before the state's word ("have not yet been seen in direct combat"); for combat, a
    word of withdrawal anywhere in the clause ("pulled from the front lines", "were withdrawn")."""
    spec = lexicon.load("topics")
    tokens = counting.words(clause)
    if state == "combat" and set(tokens) & set(spec["withdrawals"]):
        return True
    state_words = set(spec["states"][state]["words"])
    negations = set(spec["negations"])
    for i, token in enumerate(tokens):
        if token in state_words and negations & set(tokens[max(0, i - NEGATION_REACH) : i]):
            return True
    return False
