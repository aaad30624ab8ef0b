"""What one figure of a claim counts, read from the words beside it: the state of the counted (killed, wounded,
killed and wounded together, displaced, in combat, present), whether it is an increment or bound to one period
or event, and where it is counted (places after a locative preposition only).

A figure's window is the text from the end of the figure before it (or its clause's start) to the start of the
next figure (or its clause's end), so "300 killed, with some 2,700 others wounded" gives each figure its own
words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claimscope.reconcile import lexicon
from claimscope.reconcile.records import ClaimRecord, Count, Place

PRESENCE = "presence"
CONJUNCTIONS = {"and", "or"}
_WORD = re.compile(r"n't|[a-z]+(?:-[a-z]+)*")


CLAUSE_BREAK = re.compile(r";|\.\s|,?\s+but\s|,?\s+while\s|,?\s+whereas\s|,\s+and\s|,\s+with\s")


_PREFIX = re.compile(r"\s*([^:\n]{1,80}):\s+")


def section_prefix(text: str) -> int:
    """The end of a headline's section prefix opening a claim's content ("Sudan's war: RSF kills 124"), else
    0: at most a few words without a figure before a colon, a clause after it (data/topics.yml)."""
    spec = lexicon.load("topics")["section_prefix"]
    match = _PREFIX.match(text)
    if match is None or any(ch.isdigit() for ch in match.group(1)):
        return 0
    if len(words(match.group(1))) > spec["max_words"] or len(words(text[match.end():])) < spec["rest_words"]:
        return 0
    return match.end()


def clause_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a claim's content, split at semicolons, sentence ends and contrasts."""
    spans, start = [], 0
    for match in CLAUSE_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [s for s in spans if s[1] > s[0]]


def clause_at(spans: list[tuple[int, int]], offset: int | None) -> tuple[int, int]:
    """The clause holding `offset`; the whole text when it is unknown."""
    if offset is not None:
        for span in spans:
            if span[0] <= offset < span[1]:
                return span
    return (spans[0][0], spans[-1][1]) if spans else (0, 0)


@dataclass(frozen=True)
class Window:
    """The words of a figure, and those just before and after it within its clause."""

    own: list[str]
    before: list[str]
    after: list[str]
    text: str  # the whole window, lower-case
    span: tuple[int, int]  # its offsets in the content


def window(content: str, count: Count, counts: tuple[Count, ...], clause: tuple[int, int]) -> Window:
    """The window of `count` in a claim's content (see the module's docstring)."""
    start = count.start if count.start is not None else clause[0]
    end = start + len(count.text or "")
    starts = sorted(c.start for c in counts if c.start is not None)
    earlier = [c for c in counts if c.start is not None and c.start < start]
    left = max([clause[0], *((c.start + len(c.text or "")) for c in earlier)])
    right = min([clause[1], *(s for s in starts if s > start)])
    before, own, after = content[left:start], content[start:end], content[end:right]
    after_words = words(after)
    if set(after_words) <= CONJUNCTIONS and right < clause[1]:
        # "316 children and 790 women were among the dead": coordinated figures share the words after the last
        following = [c for c in counts if c.start is not None and c.start >= right]
        nxt = window(content, min(following, key=lambda c: c.start or 0), counts, clause) if following else None
        if nxt is not None:
            after_words = after_words + nxt.after
    return Window(words(own), words(before), after_words, content[left:right].lower(), (left, right))


def run_text(content: str, count: Count, counts: tuple[Count, ...], clause: tuple[int, int]) -> str:
    """The words of a figure's window and of the figures coordinated after it ("300 killed and 2,700 wounded
    in the past two months"), lower-case: what bounds the last of a run of figures bounds each of them."""
    w = window(content, count, counts, clause)
    text = w.text
    while w.after and w.after[-1] in CONJUNCTIONS and w.span[1] < clause[1]:
        nxt = min((c for c in counts if c.start is not None and c.start >= w.span[1]), key=lambda c: c.start or 0,
                  default=None)
        if nxt is None:
            break
        w = window(content, nxt, counts, clause)
        text += w.text
    return text


def state(w: Window, measure: str = "personnel") -> str:
    """The state of what a figure of `measure` counts: its own words first ("4,000 casualties"), then the words
    after it, then those before it; casualty states before others; killed and wounded together are casualties."""
    spec = lexicon.load("topics")
    reach = spec["state_reach"]
    context = set(w.own + w.after + w.before)
    for word in w.before[-1:] + w.after[:1]:  # "a ferry carrying 65 people", "95 migrants aboard"
        governing = _governing(measure).get(word)
        if governing:
            return governing
    for part in (w.own, w.after[:reach], list(reversed(w.before))[:2 * reach]):
        found = _states_in(part, measure, context)
        if {"killed", "wounded"} <= set(found):
            return "casualties"
        casualty = [s for s in found if spec["states"][s].get("casualty")]
        if casualty:
            return casualty[0]
        if found:
            return _promoted(found[0], context, measure)
    return _promoted(PRESENCE, context, measure)


def clause_state(text: str, measure: str = "personnel") -> str:
    """The state of a clause without a figure: casualty states first, killed and wounded together casualties."""
    found = clause_states(text, measure)
    casualty = [s for s in found if lexicon.load("topics")["states"][s].get("casualty")]
    return casualty[0] if casualty else (found[0] if found else PRESENCE)


def clause_states(text: str, measure: str = "personnel") -> list[str]:
    """Every state a clause without a figure speaks of, in order ("withdrawn after heavy losses": combat and
    casualties); killed and wounded together are casualties."""
    tokens = words(text)
    found = _states_in(tokens, measure, set(tokens))
    if {"killed", "wounded"} <= set(found):
        found = ["casualties" if s == "killed" else s for s in found if s != "wounded"]
    return found


def _states_in(words: list[str], measure: str, context: set[str]) -> list[str]:
    """The states of `measure` whose words occur, in the order of their first word; a state that needs words
    of its context ("redeployed" needs the front) counts only with them, and then stands for the state it
    replaces."""
    by_word = _state_words(measure)
    seen: list[str] = []
    for word in words:
        s = by_word.get(word)
        if s and s not in seen and _context_ok(s, context):
            seen.append(s)
    for s in list(seen):
        replaced = lexicon.load("topics")["states"][s].get("replaces")
        if replaced in seen:
            seen.remove(replaced)
    return seen


def _promoted(found: str, context: set[str], measure: str) -> str:
    """`found`, or the state that replaces it where the window has that state's words ("redeployed ... to the
    front lines": back in combat, not in combat)."""
    for name, spec in lexicon.load("topics")["states"].items():
        replaced = spec.get("replaces")
        if replaced and found in (replaced, PRESENCE) and name in lexicon.states_of(measure) \
                and context & set(spec["words"]) and _context_ok(name, context):
            return name
    return found


def _context_ok(name: str, context: set[str]) -> bool:
    required = lexicon.load("topics")["states"][name].get("requires")
    return not required or bool(context & set(required))


@lru_cache(maxsize=None)
def _state_words(measure: str) -> dict[str, str]:
    """Word -> state of `measure`, for the states read anywhere in a figure's window."""
    states = lexicon.load("topics")["states"]
    return {word: name for name in lexicon.states_of(measure) if not states[name].get("governs")
            for word in states[name]["words"]}


@lru_cache(maxsize=None)
def _governing(measure: str) -> dict[str, str]:
    """Word -> state of `measure`, for the states read only right beside a figure, which then govern it."""
    states = lexicon.load("topics")["states"]
    return {word: name for name in lexicon.states_of(measure) if states[name].get("governs")
            for word in states[name]["words"]}


def subcount(w: Window) -> bool:
    """The figure is part of the figure before it ("1,640 people, including 104 children")."""
    before = " " + " ".join(w.before[-3:]) + " "
    return any(f" {marker} " in before for marker in lexicon.load("topics")["subcounts"])


def reference(w: Window) -> bool:
    """The figure is cited as another source's or as an earlier one the claim compares with ("than the 2,053
    given by the government", "up from 1,000"): no figure of the claim's own (data/topics.yml `references`)."""
    spec = lexicon.load("topics")["references"]
    before, after = " ".join(w.before[-3:]), " ".join(w.after[:4])
    return (any(before == p or before.endswith(" " + p) for p in spec["before"])
            or any(after == p or after.startswith(p + " ") for p in spec["after"]))


def partitive(w: Window) -> bool:
    """The figure counts part of what the figure before it counts ("15 of them")."""
    return " ".join(w.after[:2]) in lexicon.load("topics")["partitives"]


def coordinated(w: Window) -> bool:
    """Only a conjunction stands between the figure and the one before it ("104 children and 194 women"), or
    the place of the one before and a conjunction ("126 over the Kursk region and 91 over the Moscow region")."""
    if not w.before or w.before[-1] not in CONJUNCTIONS:
        return False
    rest = w.before[:-1]
    return set(rest) <= CONJUNCTIONS or rest[0] in lexicon.load("topics")["locatives"]


def period(w: Window, clause_text: str, claim: ClaimRecord, casualty: bool, run: str | None = None) -> str | None:
    """"increment" ("another 1,500", "3,000 more troops"), "period" (a bounded period: "in the past two
    months") or "event:DAY" (one strike's dead, for a `casualty` count) when the figure is not a standing or
    cumulative count; None for those. Periods and events are read from `run` (`run_text`) when given."""
    spec = lexicon.load("topics")
    near = (w.before[-4:] + [word for i, word in enumerate(w.own) if w.own[i + 1 : i + 2] != ["than"]]
            + [word for word in w.after[:3] if word != "more"])
    if set(near) & set(spec["increments"]):
        return "increment"
    clause = clause_text.lower()
    if has_any(clause, spec["cumulative"]):
        return None
    text = w.text if run is None else run
    if _bounded(text, spec["periods"]):
        return "period"
    if casualty and _one_event(text, spec):
        return f"event:{claim.when.isoformat() if claim.when else '?'}"
    return None


def _one_event(text: str, spec: dict) -> bool:
    """An event word names one event of a larger story ("an Israeli strike killed 16"); with a definite
    determiner shortly before it ("killed in the attack", "the gang attack on ..."), it refers back to the
    event the report is about, whose toll it then is."""
    tokens = words(text)
    definite = set(spec["definite"])
    return any(t in spec["events"] and not definite & set(tokens[max(0, i - 3):i]) for i, t in enumerate(tokens))


def _bounded(text: str, phrases: list[str]) -> bool:
    """A period phrase stands in the text, not as a possessive: "in the past week" bounds a period, "last
    week's earthquake" dates an event."""
    joined = " " + " ".join(words(text)) + " "
    return any(re.search(rf" {re.escape(p)} (?!s )", joined) for p in phrases)


def phased(content: str, count: Count) -> bool:
    """The figure is summed over phases: "18,000 troops in two phases", "across both rotations"."""
    if count.start is None:
        return False
    spec = lexicon.load("topics")
    after = words(content[count.start + len(count.text or ""):])[:3]
    return bool(after) and after[0] in spec["phase_openers"] and bool(set(after[1:3]) & set(spec["phases"]))


def has_any(text: str, phrases: list[str]) -> bool:
    """Any of the phrases stands in the text, as whole words."""
    joined = " " + " ".join(words(text)) + " "
    return any(f" {p} " in joined for p in phrases)


def located(claim: ClaimRecord, place: Place) -> bool:
    """The place is where something is counted: reading back from its mention over determiners, names and
    place modifiers ("in Russia's Kursk region", "to the eastern Kursk"), the first other word is a locative
    preposition ("to Russia"; not "in battle against Ukraine", "troops to aid Moscow"). Without a known mention
    offset it is taken as located."""
    if place.start is None:
        return True
    spec = lexicon.load("topics")
    skippable = set(spec["place_modifiers"])
    for word in reversed(re.findall(r"[\w'’-]+", claim.content[max(0, place.start - 40):place.start])[-4:]):
        lower = word.lower()
        if lower in spec["locatives"]:
            return True
        if lower in spec["prepositions"]:
            return False
        if lower not in skippable and not word[:1].isupper():
            return False
    return False


def adversative(claim: ClaimRecord, place: Place) -> bool:
    """The place names a party, not a location: "the war against Ukraine", "between Israel and Hezbollah"."""
    if place.start is None:
        return False
    before = words(claim.content[max(0, place.start - 20):place.start])[-1:]
    return bool(set(before) & set(lexicon.load("topics")["adversatives"]))


def possessive(claim: ClaimRecord, place: Place) -> bool:
    """The place names an actor: "Israel's ground invasion", "Moscow's alliance"."""
    if place.start is None or not place.text:
        return False
    end = place.start + len(place.text)
    return claim.content[end:end + 2] in ("'s", "’s")


def words(text: str) -> list[str]:
    """The lower-case words of `text`, the lexicon's phrases joined by hyphens ("took-part")."""
    return _WORD.findall(_phrases().sub(lambda m: m.group(0).replace(" ", "-"), text.lower().replace("’", "'")))


@lru_cache(maxsize=1)
def _phrases() -> re.Pattern[str]:
    """The lexicon's phrases, to be read as one hyphenated word."""
    phrases = sorted(lexicon.load("topics")["phrases"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")
