"""Attributions by a phrase around a noun of speech ("in his words") and contents the parser hung off an
adjunct ("reported at the time that ...")."""

from __future__ import annotations

from datetime import date

import pytest

from claimscope.extract.types import Claim

FRIDAY = date(2024, 10, 25)


@pytest.fixture(scope="module")
def extract(nlp):
    def run(text: str) -> list[Claim]:
        doc = nlp.make_doc(text)
        doc._.published = FRIDAY
        return nlp(doc)._.claims

    return run


def test_in_his_words_after_the_speaker_is_named(extract):
    claims = extract("Budanov spoke to reporters in Kyiv. In his words, 11,000 soldiers are training in Kursk.")
    claim = next(c for c in claims if "11,000" in c.content.text)
    assert claim.source.actor == "Kyrylo Budanov"
    assert claim.cue == "say" and claim.cue_span.text == "In his words"
    assert claim.content.text.startswith("11,000 soldiers are training")


def test_in_the_words_of_a_source(extract):
    claims = extract("The ceasefire, in the words of one Qatari mediator, is holding.")
    found = [(c.source.text, c.content.text) for c in claims]
    assert found == [("one Qatari mediator", "The ceasefire … is holding")]


def test_words_without_a_speaker_are_no_claim(extract):
    assert extract("He chose his words carefully at the summit.") == []


def test_a_that_clause_after_an_adjunct_of_the_verb(extract):
    text = "The agency reported at the time that the convoy, which carried grain, had reached the port."
    claim = next(c for c in extract(text) if c.cue == "report")
    assert claim.content.text == "the convoy, which carried grain, had reached the port"
