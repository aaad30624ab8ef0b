"""Attributions by a phrase around a noun of speech ("in his words") and contents the parser hung off an
adjunct ("reported at the time that ...")."""

from __future__ import annotations

import pytest


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


@pytest.mark.parametrize(
    ("text", "speaker", "said"),
    [
        ("“The ministry is in crisis mode. Full crisis mode,” said Amira Haddad, a Beirut-based president of the "
         "Lebanese Nurses Union.", "Amira Haddad", "Full crisis mode"),
        ("“Special levies and exemptions in a broken customs code let smugglers and large traders avoid paying "
         "their share while leaving the burden on farmers,” said Haddad, whose campaign for the presidency was "
         "founded on attacks on the elite.", "Haddad", "Special levies"),
        ("\"If the dam does not hold through the winter, it will fail at some point, probably sooner rather than "
         "later,\" said Omar Khalil, an engineer who is co-director of the Water Program at the Arab Institute for "
         "Planning.", "Omar Khalil", "If the dam does not hold"),
    ],
)
def test_a_quotation_closed_by_said_before_the_speaker(extract, text, speaker, said):
    claim = next(c for c in extract(text) if c.cue == "say")
    assert claim.source.text == speaker
    assert said in claim.content.text


def test_a_hearsay_sentence_after_an_attributed_one_has_its_source(extract):
    text = (
        "Ukraine's General Staff said on Monday that 1,200 Russian soldiers were killed near Pokrovsk. "
        "Another 300 were reportedly wounded."
    )
    claims = extract(text)
    hearsay = next(c for c in claims if "300" in c.content.text)
    assert hearsay.source.actor == "General Staff of the Armed Forces of Ukraine"
    assert hearsay.cue is None and hearsay.content.text == "Another 300 were reportedly wounded"


def test_a_hearsay_sentence_without_an_attributed_one_before_is_no_claim(extract):
    text = "Israel's declared goal is to return residents to the north. Its commander was reportedly killed in May."
    assert not any("commander" in c.content.text for c in extract(text))
