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
