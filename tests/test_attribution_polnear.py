"""The attributions of issue 13's PolNeAR work: cues derived from PolNeAR train, negated cues, quotations with an
adjacent cue (counted once, the outermost kept), "in X's view", sourceless appearance verbs and passives."""

from __future__ import annotations

import pytest
import yaml
from lexicon_helpers import content_of

from claimscope.extract.attribution.lexicon import DATA, load_cues


def _kinds(doc) -> list[tuple[str, str | None, str]]:
    return [(a.kind, a.source.text if a.source else None, a.cue_span.text) for a in doc._.attributions]


def test_a_lemma_derived_from_train_is_a_cue_of_its_class():
    rates = yaml.safe_load((DATA / "cue_rates.yml").read_text(encoding="utf-8"))
    tokens, cues = rates["verbs"]["oppose"]
    assert cues / tokens >= 0.25  # selected by its share of PolNeAR cue tokens
    lex = load_cues()
    assert lex.non_claims["oppose"] == "evaluation" and "oppose" not in lex.verbs
    assert "remember" in lex.verbs  # a derived lemma of the claim class
    assert "accord" not in lex.non_claims and "accord" not in lex.verbs  # selected, but given no class


def test_a_derived_cue_makes_an_attribution_not_a_claim(parse):
    doc = parse("The union opposes the new pension rules.")
    assert doc._.claims == []
    (item,) = doc._.attributions
    assert (item.kind, item.source.text, item.cue) == ("evaluation", "The union", "oppose")
    assert content_of(doc, item) == "the new pension rules"


def test_a_derived_claim_cue_makes_a_claim(parse):
    doc = parse("The driver remembered that the gate was open.")
    (claim,) = doc._.claims
    assert claim.cue == "remember" and claim.content.text == "the gate was open"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The ministry did not say how many soldiers died.", "say", "how many soldiers died"),
        ("Officials wouldn't confirm that the troops had left.", "confirm", "the troops had left"),
        ("The mayor never denied that the plant had closed.", "denied", "the plant had closed"),
    ],
)
def test_a_negated_cue_is_a_refusal_not_a_claim(parse, text, cue, content):
    doc = parse(text)
    assert doc._.claims == []
    (item,) = doc._.attributions
    assert item.kind == "refusal" and item.cue_span.text == cue
    assert content_of(doc, item) == content


def test_a_call_on_is_a_directive(parse):
    doc = parse("The senator called on the agency to release the videos.")
    assert doc._.claims == []
    (item,) = doc._.attributions
    assert item.kind == "directive" and "release the videos" in content_of(doc, item)


def test_a_quotation_after_said_colon_is_the_content(parse):
    doc = parse("In one post on Friday, the mayor said: “The bridge will reopen next week.”")
    (claim,) = doc._.claims
    assert claim.source.text == "the mayor" and claim.content.text == "The bridge will reopen next week"


def test_a_quotation_on_the_next_paragraph_after_said_colon_is_the_content(parse):
    doc = parse("The mayor spoke at noon.\n\nHe said:\n\n“The bridge will reopen next week.”\n\nThen he left.")
    (claim,) = doc._.claims
    assert claim.cue == "say" and claim.content.text == "The bridge will reopen next week"


def test_a_quotation_ending_the_sentence_before_its_speaker_is_the_content(parse):
    doc = parse("“Is the bank too big to regulate?” the senator demanded.\n\nThe hearing went on.")
    (item,) = doc._.attributions
    assert item.kind == "directive" and item.source.text == "the senator"
    assert content_of(doc, item) == "Is the bank too big to regulate"


def test_a_signed_quotation_has_the_signature_as_source(parse):
    doc = parse("“The bridge must reopen before the winter.”―\u00a0Beck Pimentel\nThe council met on Monday.")
    (item,) = doc._.attributions
    assert item.cue_span.text == "―" and item.source.text == "Beck Pimentel"
    assert content_of(doc, item) == "The bridge must reopen before the winter"


def test_a_cue_inside_a_quoted_content_is_counted_once_the_outermost_kept(parse):
    doc = parse("“Maybe he is not as rich as he says he is,” she said on Monday.")
    assert [c.cue for c in doc._.claims] == ["say", "say"]  # both layers stay claims (ANNOTATION.md relays)
    assert _kinds(doc) == [("claim", "she", "said")]
    assert content_of(doc, doc._.attributions[0]) == "Maybe he is not as rich as he says he is"


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("In Kyiv's view, the talks are dead.", "Kyiv", "the talks are dead"),
        ("The offensive, in the view of most analysts, has stalled.", "most analysts", "The offensive … has stalled"),
    ],
)
def test_a_view_frame_is_a_claim_of_its_holder(parse, text, source, content):
    doc = parse(text)
    (claim,) = doc._.claims
    assert claim.cue == "view" and claim.source.text == source
    assert (" … ".join(doc.text[s:e] for s, e in claim.parts) or claim.content.text) == content


def test_a_view_of_the_sea_is_no_attribution(parse):
    assert parse("She had a view of the sea.")._.attributions == []


@pytest.mark.parametrize(
    ("text", "kind", "cue", "content"),
    [
        ("The plan seems to be stalling.", "evidential", "seems", "The plan … to be stalling"),
        ("The vote is expected to be close.", "intention", "expected", "The vote … to be close"),
        ("It was announced that the talks had failed.", "evidential", "announced", "the talks had failed"),
    ],
)
def test_a_sourceless_cue_is_an_attribution_without_a_source(parse, text, kind, cue, content):
    doc = parse(text)
    assert doc._.claims == []
    (item,) = doc._.attributions
    assert item.source is None and (item.kind, item.cue_span.text) == (kind, cue)
    assert content_of(doc, item) == content


def test_appearing_somewhere_is_no_attribution(parse):
    assert parse("She appeared on television on Monday.")._.attributions == []


def test_cue_rates_selects_lemmas_by_share_and_support():
    from collections import Counter

    from bench.cue_rates import selected

    seen = Counter({("VERB", "oppose"): 100, ("VERB", "go"): 1000, ("VERB", "rare"): 4, ("NOUN", "doubt"): 40})
    cued = Counter({("VERB", "oppose"): 40, ("VERB", "go"): 30, ("VERB", "rare"): 4, ("NOUN", "doubt"): 18})
    assert selected(seen, cued) == {"verbs": {"oppose": [100, 40]}, "nouns": {"doubt": [40, 18]}}
