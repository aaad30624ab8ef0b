"""`doc._.attributions`: every attribution, claim or not, with its kind; `doc._.claims` stays the claims alone."""

from __future__ import annotations

import pytest
from lexicon_helpers import content_of


@pytest.mark.parametrize(
    ("text", "kind", "source", "content"),
    [
        ("The mayor urged residents to leave the valley before the storm.", "directive",
         "The mayor", "residents to leave the valley before the storm"),
        ("The governor vowed to rebuild the bridge by spring.", "commissive", "The governor", "rebuild the bridge"),
        ("The union called for a strike at the port.", "directive", "The union", "a strike at the port"),
        ("The senator criticized the plan for its cost.", "evaluation", "The senator", "the plan"),
        ("The minister declined to give a date for the vote.", "refusal", "The minister", "give a date"),
    ],
)
def test_a_cue_of_another_kind_is_an_attribution_and_no_claim(parse, text, kind, source, content):
    doc = parse(text)
    assert doc._.claims == []
    (item,) = doc._.attributions
    assert item.kind == kind and item.claim is None
    assert item.source.text == source
    assert content in content_of(doc, item)


def test_a_claim_is_an_attribution_of_kind_claim(parse):
    doc = parse("The ministry said that two bridges were closed. The governor urged drivers to stay home.")
    (claim,) = doc._.claims
    kinds = [(a.kind, a.source.text) for a in doc._.attributions]
    assert kinds == [("claim", "The ministry"), ("directive", "The governor")]
    assert doc._.attributions[0].claim is claim


def test_a_continued_quotation_is_one_attribution_with_its_cue(parse):
    doc = parse('"The dam held overnight," the engineer said. "The water is falling now."')
    assert len(doc._.claims) == 2  # the continuation is a claim of its own
    (item,) = doc._.attributions
    assert item.cue_span.text == "said"
    assert len(item.parts) == 2 and "The water is falling now" in content_of(doc, item)


def test_the_other_kinds_change_no_claim(nlp, parse):
    text = ("The council refused to say whether the school would reopen, but its chair said that repairs had begun. "
            "She urged parents to be patient and promised that classes would resume.")
    doc = parse(text)
    assert [(c.source.text if c.source else None, c.cue) for c in doc._.claims] == [("its chair", "say")]
    assert {a.kind for a in doc._.attributions} >= {"claim", "refusal", "directive"}
