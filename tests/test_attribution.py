"""The attribution component on one sentence per construction: who claims what, through which channel, when."""

from __future__ import annotations

import pytest

from claimscope.extract.attribution.quotes import quote_spans
from claimscope.extract.types import Claim


def only(claims: list[Claim]) -> Claim:
    assert len(claims) == 1, [(c.source.text if c.source else None, c.content.text) for c in claims]
    return claims[0]


def test_clause_complement_with_apposition(extract):
    claim = only(extract("Jane Doe, the navy's press officer, said that two frigates left Sevastopol."))
    assert claim.source.text == "Jane Doe"
    assert claim.cue == "say" and claim.cue_span.text == "said"
    assert claim.content.text == "two frigates left Sevastopol"


def test_pluperfect_keeps_the_verb_lemma(extract):
    claim = only(extract("The mayor had stated that the bridge was closed to traffic."))
    assert claim.cue == "state" and claim.source.text == "The mayor"


def test_noun_complement(extract):
    claim = only(extract("The border guard reported the capture of two saboteurs near Sumy."))
    assert claim.cue == "report"
    assert claim.content.text == "the capture of two saboteurs near Sumy"


@pytest.mark.parametrize(
    "text",
    [
        "The convoy reached Kherson late at night, said the regional governor.",
        "The convoy reached Kherson late at night, the regional governor said.",
    ],
)
def test_inverted_attribution(extract, text):
    claim = only(extract(text))
    assert claim.source.text == "the regional governor"
    assert claim.content.text == "The convoy reached Kherson late at night"


def test_passive_as_reported_by(extract):
    claim = only(extract("A new commander has been put in charge of the brigade, as reported by the general staff."))
    assert claim.source.text == "the general staff" and claim.cue == "report"
    assert claim.content.text == "A new commander has been put in charge of the brigade"


def test_as_x_has_warned_makes_a_discontinuous_content(extract):
    claim = only(extract("The ceasefire, as the monitors have warned, could collapse within days."))
    assert claim.source.text == "the monitors" and claim.cue == "warn"
    assert len(claim.parts) == 2
    assert claim.content.text.startswith("The ceasefire") and claim.content.text.endswith("within days")


def test_according_to(extract):
    claim = only(extract("According to the Institute for the Study of War, Russian units advanced near Kupiansk."))
    assert claim.cue == "according to" and claim.cue_span.text == "According to"
    assert claim.source.text == "the Institute for the Study of War"
    assert claim.content.text == "Russian units advanced near Kupiansk"


def test_as_per_a_post_names_the_channel_and_the_poster(extract):
    claim = only(extract("As per a post on the governor's Telegram channel, the drone struck a fuel depot."))
    assert claim.channel == "Telegram"
    assert claim.source.text == "the governor"
    assert claim.content.text == "the drone struck a fuel depot"


def test_channel_folds_into_the_reporting_verb(extract):
    claim = only(extract("As per a post on its Telegram channel, the navy reported the loss of a patrol boat."))
    assert claim.source.text == "the navy" and claim.channel == "Telegram"


def test_citing(extract):
    claim = only(extract("Reuters said, citing two officials, that the talks had stalled."))
    assert claim.source.text == "Reuters"
    assert [a.text for a in claim.cites] == ["two officials"]
    assert claim.content.text == "the talks had stalled"


def test_possessor_of_evidence_noun_is_the_source(extract):
    text = "The BBC's analysis of satellite images, which showed tanks massing near Belgorod, was published."
    claim = only(extract(text))
    assert claim.source.text in ("The BBC", "BBC")
    assert claim.cue == "show"
    assert claim.content.text == "tanks massing near Belgorod"


def test_documented(extract):
    claim = only(extract("Earlier, Amnesty International had documented soldiers looting shops in Izium."))
    assert claim.source.text == "Amnesty International" and claim.cue == "document"


def test_told_a_press_conference_is_the_channel(extract):
    claim = only(extract("The minister told a press conference in Vienna that the talks would resume."))
    assert claim.channel == "press conference"
    assert claim.content.text == "the talks would resume"


def test_told_reporters_keeps_the_addressee_out(extract):
    claim = only(extract("The spokesman told reporters on Monday that the airport was reopened."))
    assert claim.content.text == "the airport was reopened"
    assert claim.asserted_on == "2024-10-21"


def test_metonymy_picks_the_place_name(extract):
    claim = only(extract("Seoul said North Korean officers had been seen in Donetsk."))
    assert claim.source.text == "Seoul"


def test_nested_attribution_is_two_claims_with_a_relay(extract):
    claims = extract("CNN reported that the SBU said a captured soldier had surrendered.")
    outer = next(c for c in claims if c.source.text == "CNN")
    inner = next(c for c in claims if c.source.text == "the SBU")
    assert outer.content.text == "the SBU said a captured soldier had surrendered"
    assert inner.content.text == "a captured soldier had surrendered"
    assert [a.text for a in inner.relayed_by] == ["CNN"]
    assert outer.relayed_by == []


def test_adding_starts_a_claim_of_the_same_source(extract):
    claims = extract("The governor said the shelling had stopped, adding that power was restored.")
    assert [c.source.text for c in claims] == ["The governor", "The governor"]
    assert [c.content.text for c in claims] == ["the shelling had stopped", "power was restored"]
    assert [c.cue for c in claims] == ["say", "add"]


def test_asserted_on_is_the_date_of_the_cue_not_of_the_content(extract):
    claim = only(extract("The army remarked on Tuesday that the offensive had begun on Sunday."))
    assert claim.asserted_on == "2024-10-22"
    assert claim.content.text == "the offensive had begun on Sunday"


def test_no_date_gives_null(extract):
    assert only(extract("The army said the offensive had begun.")).asserted_on is None


@pytest.mark.parametrize(
    "text",
    [
        "The president vowed that the city would be rebuilt.",
        "The commander threatened to shell the bridge.",
        "The ministry urged residents to leave the area.",
        "The ministry refused to confirm the deployment.",
        "The Kremlin did not comment on the reports.",
        "The Kremlin did not say whether troops had moved.",
        "Troops moved towards the border on Monday.",
    ],
)
def test_not_claims(extract, text):
    assert extract(text) == []


def test_quotation_closed_by_one_attribution_is_one_claim(extract):
    claim = only(extract("“We hold the line. The enemy has lost two tanks,” the commander said."))
    assert claim.source.text == "the commander"
    assert claim.content.text == "We hold the line. The enemy has lost two tanks"


def test_quotation_after_its_speaker(extract):
    claim = only(extract("The minister said: “The troops arrived in Kursk on Monday.”"))
    assert claim.source.text == "The minister"
    assert claim.content.text == "The troops arrived in Kursk on Monday"


def test_interrupted_quotation_is_one_claim_in_parts(extract):
    claim = only(extract("“The convoy,” he said, “was hit near Pokrovsk.”"))
    assert claim.source.text == "he"
    assert claim.content.text == "The convoy … was hit near Pokrovsk"
    assert len(claim.parts) == 2


def test_continued_quotation_keeps_the_speaker_without_a_cue(extract):
    claims = extract("“Our units are ready,” the general told state media. “But we will not attack first.”")
    assert len(claims) == 2
    first, second = claims
    assert first.channel == "state media" and first.cue == "tell"
    assert second.source.text == "the general"
    assert second.cue is None and second.cue_span is None
    assert second.content.text == "But we will not attack first"


def test_straight_quotes():
    text = 'He said "yes" and she said "no".'
    assert [text[s:e] for s, e in quote_spans(text)] == ['"yes"', '"no"']


def test_headline_colon_and_dash(extract):
    claims = extract("Budanov: North Korean troops are already in Kursk\n\nTroops moved to the border – Pentagon\n")
    assert [c.source.text for c in claims] == ["Budanov", "Pentagon"]
    assert claims[0].content.text == "North Korean troops are already in Kursk"
    assert claims[1].content.text == "Troops moved to the border"


def test_channel_interview(extract):
    claim = only(extract("In an interview with the BBC, the foreign minister said sanctions were working."))
    assert claim.channel == "interview" and claim.source.text == "the foreign minister"


def test_claim_noun_with_a_that_clause(extract):
    claim = only(extract("The general's claim that the bridge was destroyed was met with doubt."))
    assert claim.cue == "claim" and claim.source.text == "The general"
    assert claim.content.text == "the bridge was destroyed"


def test_phrasal_cue_keeps_its_particle(extract):
    claim = only(extract("The analyst pointed out that the shells were made in 2023."))
    assert claim.cue == "point out" and claim.cue_span.text == "pointed out"


def test_predicative_claim(extract):
    claim = only(extract("The Kremlin called the reports fake news."))
    assert claim.cue == "call" and claim.content.text == "the reports fake news"
    assert extract("The mayor called for calm.") == []


def test_according_to_a_named_source_relays_a_reported_statement(extract):
    # ANNOTATION.md: "B said X, according to A" is one claim of B, A an acceptable actor (it cites A).
    claims = extract("According to the Kyiv Independent, the spokesman said the bridge was hit.")
    claim = only(claims)
    assert claim.cue == "say"
    assert claim.content.text == "the bridge was hit"
    assert [a.text for a in claim.cites] == ["the Kyiv Independent"]


def test_a_negation_inside_the_quotation_does_not_negate_the_cue(extract):
    claim = only(extract('"Is the front stable? Probably not," the colonel said.'))
    assert claim.source.text == "the colonel"
    assert claim.content.text == "Is the front stable? Probably not"


def test_closing_attribution_reports_the_whole_sentence(extract):
    claim = only(extract("The bridge held at first, but the dam gave way on Sunday night, the engineer added."))
    assert claim.content.text == "The bridge held at first, but the dam gave way on Sunday night"
    assert claim.asserted_on is None


def test_a_clause_between_the_content_and_a_closing_source_is_content(extract):
    text = ("Of those, 300 are believed to have been killed, with some 2,700 others wounded, "
            "South Korea's spy agency has told lawmakers.")
    claim = only(extract(text))
    assert claim.content.text == "Of those, 300 are believed to have been killed, with some 2,700 others wounded"


def test_a_with_phrase_that_reports_on_its_own_is_another_claim(extract):
    text = ("North Korea confirmed on Monday that it had deployed troops to Russia, with state news agency KCNA "
            "reporting its soldiers helped Moscow.")
    contents = {c.source.text: c.content.text for c in extract(text)}
    assert contents["North Korea"] == "it had deployed troops to Russia"


def test_a_report_joined_by_while_is_a_claim_of_its_own(extract):
    """The second report leaves the first one's content: the figure is the health officials', not the army's."""
    claims = extract("Israel's military said it had killed a senior commander in Khan Younis, while Palestinian "
                     "health officials said at least 40,005 people have been killed in the war.")
    assert [(c.source.text, c.content.text) for c in claims] == [
        ("Israel's military", "it had killed a senior commander in Khan Younis"),
        ("Palestinian health officials", "at least 40,005 people have been killed in the war")]


@pytest.mark.parametrize(
    "text, source",
    [
        ("JERUSALEM (AP) - Israel's military said Friday it had killed a commander.", "Israel's military"),
        ("Sudan's war: RSF kills 124 in village attack, activists say", "activists"),
    ],
)
def test_of_two_subjects_the_parse_gives_the_cue_the_nearest_speaks(extract, text, source):
    assert only(extract(text)).source.text == source
