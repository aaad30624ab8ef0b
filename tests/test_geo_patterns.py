"""Entity-ruler patterns for toponyms: what they tag, what they never tag, and that they are cheap to add."""

from __future__ import annotations


import pytest

from claimscope.extract.pipeline import load_model
from claimscope.geo.patterns import ruler_patterns


@pytest.fixture(scope="module")
def patterns() -> list[dict]:
    return ruler_patterns()


@pytest.fixture(scope="module")
def tagger(patterns):
    """The bare model with only the place patterns in a ruler before `ner`."""
    nlp = load_model()
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"validate": False})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)
    return nlp


def _names(patterns: list[dict]) -> set[str]:
    names = set()
    for p in patterns:
        if isinstance(p["pattern"], str):
            names.add(p["pattern"])
        elif len(p["pattern"]) == 1:
            names.update(p["pattern"][0]["ORTH"]["IN"])
    return names


def test_labels_and_contents(patterns):
    assert {p["label"] for p in patterns} == {"GPE", "LOC", "FAC"}
    names = _names(patterns)
    for place in ("Kursk", "Kazan", "Vladivostok", "Ussuriysk", "Khabarovsk", "Blagoveshchensk", "Pyongyang",
                  "Kyiv", "Kiev", "Russia", "North Korea", "United States", "Kursk Oblast", "Primorsky Krai",
                  "Primorye", "Europe", "Middle East"):
        assert place in names, place


def test_never_common_words_person_names_or_directions(patterns):
    names = _names(patterns)
    for word in ("March", "Mobile", "Reading", "Nice", "Split", "Kirby", "Austin", "Putin", "North", "Eastern",
                 "Ukrainian", "North Korean", "us"):
        assert word not in names, word


def test_ruler_tags_toponyms_the_model_gets_wrong(tagger):
    doc = tagger("Ukrainian intelligence reported the sighting of these troops in Kursk on Wednesday.")
    assert [(e.text, e.label_) for e in doc.ents if e.text == "Kursk"] == [("Kursk", "GPE")]
    doc = tagger("John Kirby said that troops arrived at the Sergeevka training ground and in the Kursk region.")
    ents = {e.text: e.label_ for e in doc.ents}
    assert ents.get("John Kirby") == "PERSON"
    assert ents.get("Sergeevka training ground") == "FAC"
    assert ents.get("Kursk region") == "GPE"
    text = "North Korean soldiers were seen near Nice, and March was cold. Reading Mobile news is nice."
    assert ("North Korean", "NORP") in [(e.text, e.label_) for e in tagger(text).ents]
    with tagger.select_pipes(disable=["ner"]):
        assert [e.text for e in tagger(text).ents] == []  # the ruler alone tags none of these


def test_patterns_are_cached_and_added_with_the_tokenizer_only(patterns):
    """The patterns come back equal from their cache, and adding them with every pipe disabled (the fast path
    the pipeline uses; its time is measured by `python -m bench startup`) still tags places."""
    assert ruler_patterns() == patterns
    nlp = load_model()
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"validate": False})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)
    assert "Kursk" in [e.text for e in nlp("Soldiers were seen in Kursk.").ents]
