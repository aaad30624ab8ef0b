"""The modality component: asserted, hedged, rumored, speculative, denied, from the lexicon in data/."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def modality(nlp):
    """The modality of each claim of a text."""

    def run(text: str) -> list[str]:
        return [c.modality for c in nlp(text)._.claims]

    return run


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The ministry said the convoy reached Kherson.", "asserted"),
        ("The ministry said the convoy will reach Kherson.", "asserted"),
        ("The ministry said the convoy reportedly reached Kherson.", "hedged"),
        ("The ministry said the troops are believed to be in Kherson.", "hedged"),
        ("The mayor said the figures potentially include 300 people.", "hedged"),
        ("The ministry estimated that 300 people had fled.", "hedged"),
        ("It's rumored that the general was dismissed, as reported by the local press.", "rumored"),
        ("The blogger cited unconfirmed reports that the general was dismissed.", "rumored"),
        ("Analysts warned that the dam could collapse.", "speculative"),
        ("Analysts said the dam might collapse.", "speculative"),
        ("Officials said the convoy is expected to reach Kherson.", "speculative"),
        ("The general said he expected the toll to exceed 3,000.", "speculative"),
        ("The Kremlin denied that its troops had crossed the border.", "denied"),
        ("The Kremlin dismissed reports that its troops had crossed the border.", "denied"),
        ("The Kremlin rejected the claims that troops had crossed the border as groundless.", "denied"),
    ],
)
def test_modality(modality, text, expected):
    assert modality(text) == [expected]


def test_negated_denial_is_not_a_denial(modality):
    assert modality("Officials did not deny it, saying that troops had crossed the border.") == ["asserted"]


def test_called_fake_news_is_a_denial(modality):
    assert modality("The Kremlin called the reports of troop movements fake news.") == ["denied"]


def test_a_relayed_denial_is_asserted_by_the_relay(nlp):
    claims = nlp("TASS reported that Peskov denied that the troops had crossed the border.")._.claims
    assert [(c.source.text, c.modality) for c in claims] == [("TASS", "asserted"), ("Peskov", "denied")]


@pytest.mark.parametrize("name", ["modality", "actor_words", "channels", "cues", "events", "quantities"])
def test_extraction_lexicon_words_are_strings(name):
    """Every list of an extraction lexicon holds words, numbers or lists of them, never a boolean."""
    from importlib import resources

    import yaml
    from lexicon_helpers import booleans_in

    data = yaml.safe_load(resources.files("claimscope.extract").joinpath("data", f"{name}.yml").read_text())
    assert booleans_in(data) == []
