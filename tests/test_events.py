"""The events component: the event type of a claim's content, by the lexicon in data/ and its priority."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def events(nlp):
    """The event of each claim of a text."""

    def run(text: str) -> list[str | None]:
        return [c.event for c in nlp(text)._.claims]

    return run


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Villagers said they had spotted armoured vehicles near the river.", "sighting"),
        ("The governor said 200 soldiers arrived in Belgorod.", "arrival"),
        ("The ministry said a battalion was deployed to the border.", "deployment"),
        ("Officials said the unit relocated to Crimea.", "relocation"),
        ("Officials said the recruits are undergoing training at two bases.", "training"),
        ("The army said it was coordinating the two brigades.", "coordination"),
        ("The ministry said the troops were provided with winter clothing.", "supply"),
        ("The agency reported that a new commander was appointed.", "appointment"),
        ("The governor said three civilians were killed.", "casualty"),
        ("The brigade said heavy fighting continued near Bakhmut.", "combat"),
        ("The army said it captured 40 soldiers.", "capture"),
        ("The mayor said the school would reopen.", None),
    ],
)
def test_event_types(events, text, expected):
    assert events(text) == [expected]


def test_main_predicate_wins_over_what_it_governs(events):
    assert events("The agency said a general was appointed to oversee the training.") == ["appointment"]


def test_noun_modifier_is_no_trigger(events):
    assert events("The agency said the soldiers arrived at a training ground.") == ["arrival"]


def test_nested_report_is_a_statement(events):
    assert events("CNN reported that the ministry said the school would reopen.")[0] == "statement"


@pytest.mark.parametrize(
    "text, expected",
    [
        # A generic verb is weak: the toll it governs makes the casualty.
        ("The ministry said the death toll from the raids had reached 312.", "casualty"),
        ("The agency said the convoy reached the river at dawn.", "arrival"),
        ("The health office said 57 dead had been recorded since Monday.", "casualty"),
        # Strikes, shelling, drone and missile attacks are combat; a raising verb reports nothing itself.
        ("The army said its jets carried out airstrikes on two depots.", "combat"),
        ("Officials said the town was shelled overnight.", "combat"),
        ("The governor said drone attacks hit the port.", "combat"),
        ("The navy said it intercepted four missiles over the bay.", "combat"),
        ("The minister said the rebels appear to have seized the bridge.", "capture"),
        # Displacement: the flight the attacks caused, not the attacks.
        ("The agency said the bombardment forced 20,000 residents to flee.", "relocation"),
        ("The office said the fighting has displaced half a million people.", "relocation"),
        # A predicate after its noun is no modifier: "40 civilians dead".
        ("The monitor said the clashes left 12 fighters and 40 civilians dead.", "casualty"),
    ],
)
def test_conflict_events(events, text, expected):
    assert events(text) == [expected]


@pytest.mark.parametrize(
    "text",
    ["The survey said the magnitude 7.7 quake struck near the city on Friday.",
     "Officials said the storm hit the coast overnight."],
)
def test_a_natural_hazard_that_strikes_is_no_combat(events, text):
    assert events(text) == [None]


def test_a_strike_by_an_army_is_combat(events):
    assert events("Officials said the army struck the village overnight.") == ["combat"]
