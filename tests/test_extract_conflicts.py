"""Extraction on reports from conflicts outside the actor base's theatre: sources resolved from the mention and
the document's context, surnames after full names, cues and datelines of wire copy. Sentences written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

DAY = date(2025, 3, 12)


@pytest.fixture(scope="module")
def claims(nlp):
    """The claims of a text published on DAY."""

    def run(text: str):
        doc = nlp.make_doc(text)
        doc._.published = DAY
        return nlp(doc)._.claims

    return run


def sources(found) -> list[tuple[str | None, str | None]]:
    return [(c.source.actor, c.source.country) for c in found]


def test_surname_after_full_name_is_that_person(claims):
    found = claims(
        "Opposition MP Park Ji-hoon said 300 soldiers had crossed the border. Park said more would follow."
    )
    assert [c.source.actor for c in found] == ["Park Ji-hoon", "Park Ji-hoon"]


def test_surname_last_after_full_name(claims):
    found = claims(
        "Sudanese Interior Minister Khalid Osman said the bridge was closed. Osman said 40 people were hurt."
    )
    assert sources(found) == [("Khalid Osman", "SD"), ("Khalid Osman", "SD")]


def test_person_named_by_a_participle_keeps_the_descriptions_country(claims):
    found = claims(
        "A Malian officer, identified only as Traore, said the convoy was ambushed near Gao. "
        "Traore said 12 soldiers died."
    )
    assert found[-1].source.country == "ML"


def test_unnamed_state_body_is_of_the_country_the_text_is_about(claims):
    found = claims(
        "Shelling hit Aleppo and Idlib overnight.\n\n"
        "Eleven people were killed in Aleppo, the Ministry of Public Health said."
    )
    assert found[0].source.country == "SY"


def test_international_body_gets_no_country_from_context(claims):
    found = claims("Shelling hit Aleppo and Idlib overnight.\n\nU.N. agencies said 5,000 people had fled.")
    assert found[0].source.country is None


def contents(found) -> list[str]:
    return [c.content.text for c in found]


def test_headline_closed_by_its_source(claims):
    found = claims("Dozens of boats seized off the coast in a week, Manila says\n\nThe coast guard stepped up patrols.")
    assert [(c.source.text, c.content.text) for c in found] == [
        ("Manila", "Dozens of boats seized off the coast in a week")
    ]


@pytest.mark.parametrize(
    "text, content",
    [
        ("The opposition accused the junta of shelling three villages.", "the junta of shelling three villages"),
        ("Villagers blamed the militia for the fire at the market.", "the militia for the fire at the market"),
        ("The general attributed the losses to poor training.", "the losses to poor training"),
        ("The governor clarified that the curfew would end at dawn.", "the curfew would end at dawn"),
        ("The foreign ministry condemned the seizure of the tanker.", "the seizure of the tanker"),
    ],
)
def test_more_cues(claims, text, content):
    assert contents(claims(text)) == [content]


def test_noun_content_keeps_what_completes_it(claims):
    found = claims("The minister announced the transfer of two brigades to the northern front to relieve the garrison.")
    assert contents(found) == ["the transfer of two brigades to the northern front to relieve the garrison"]


def test_learning_is_no_claim(claims):
    assert claims("The agency learned that the talks had stalled.") == []


@pytest.mark.parametrize(
    "text",
    [
        "HAVANA: Two ferries sank in the storm, a port official said on Monday.",
        "Lagos [Nigeria], March 3 (ANI): Two ferries sank in the storm, a port official said on Monday.",
        "HAVANA, Cuba — Two ferries sank in the storm, a port official said on Monday.",
        "HAVANA, March 3 (Reuters) -- Two ferries sank in the storm, a port official said on Monday.",
    ],
)
def test_dateline_is_no_speaker_and_no_content(claims, text):
    found = claims(text)
    assert [(c.source.text, c.content.text) for c in found] == [("a port official", "Two ferries sank in the storm")]


def test_upper_case_speaker_label_is_no_dateline(claims):
    found = claims("MORALES: The ferries sank because nobody inspected them.")
    assert [c.source.text for c in found] == ["MORALES"]


def test_lede_attributed_by_the_next_paragraph(claims):
    found = claims("Rebels have shot down a cargo plane over the northern hills.\n\nThis was reported by Radio Dabanga.")
    assert [(c.source.text, c.content.text) for c in found] == [
        ("Radio Dabanga", "Rebels have shot down a cargo plane over the northern hills")
    ]


def test_rejected_reports_claim_their_own_content(claims):
    found = claims("The colonel rejected media reports claiming that the garrison had not been resupplied.")
    inner = next(c for c in found if c.cue == "claim")
    outer = next(c for c in found if c.cue == "reject")
    assert inner.source.text == "media reports"
    assert inner.modality == "asserted"
    assert outer.source.text == "The colonel" and outer.modality == "denied"


def test_space_as_thousands_separator(nlp):
    doc = nlp("The agency said about 3 000 soldiers and 12 500 civilians had left.")
    assert [(q.value, q.unit) for q in doc._.quantities] == [(3000, "soldier"), (12500, "civilian")]


def test_headline_does_not_run_into_the_lede(claims):
    found = claims(
        "Floods leave 30 dead in the delta, Dhaka says\n\n"
        "Thirty people have died in floods in the delta, the disaster ministry said on Tuesday."
    )
    assert [(c.source.text, c.content.text) for c in found] == [
        ("Dhaka", "Floods leave 30 dead in the delta"),
        ("the disaster ministry", "Thirty people have died in floods in the delta"),
    ]


def test_hard_wrapped_sentence_stays_one(nlp):
    doc = nlp("The ministry said on Tuesday that thirty people\nhad died in the floods.")
    assert len(list(doc.sents)) == 1


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The raid showed the weakness of the border defences.", []),
        ("The flooding highlighted the lack of shelters in the camps.", []),
        ("The ministry's figures show a sharp rise in admissions.", ["show"]),
        ("Investigators recorded 40 violations at the crossing.", ["record"]),
    ],
)
def test_sometimes_reporting_verbs_need_a_source(claims, text, expected):
    assert [c.cue for c in claims(text)] == expected


def test_headline_closed_by_a_colon_and_an_office(claims):
    found = claims(
        "Nepal may face its worst floods in decades: PM\n"
        "Kathmandu, (Xinhua) Heavy rain has cut roads across Nepal, officials in Kathmandu said."
    )
    headline = found[0]
    assert (headline.source.text, headline.content.text) == ("PM", "Nepal may face its worst floods in decades")
    assert headline.source.country == "NP"


def test_condemnation_with_its_predicate_is_one_claim(claims):
    found = claims("The foreign ministry condemned the missile launch on Sunday, calling it a reckless provocation.")
    assert [(c.cue, c.content.text) for c in found] == [
        ("condemn", "the missile launch … calling it a reckless provocation")
    ]
    assert found[0].asserted_on is not None


def test_confirmed_report_of_another_source_is_two_claims(claims):
    found = claims("The army confirmed a report by Al Jazeera that the airport had been shelled.")
    assert sorted((c.source.text, c.content.text) for c in found) == [
        ("Al Jazeera", "the airport had been shelled"),
        ("The army", "the airport had been shelled"),
    ]


def test_roundup_items_keep_their_own_places(nlp):
    text = (
        "Overnight:\n"
        "- Russian shelling killed two people in Kharkiv, the governor said\n"
        "- Two drones were downed over Odesa, the navy said\n"
    )
    doc = nlp(text)
    bullets = [s.text for s in doc.sents if "said" in s.text]
    assert len(bullets) == 2
    assert [(c.content.text, c.event) for c in doc._.claims] == [
        ("Russian shelling killed two people in Kharkiv", "casualty"),
        ("Two drones were downed over Odesa", "combat"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The lawmaker said it is understood that the bodies were buried near the border.",
        "Rebels presumed to have seized the depot, the army says",
    ],
)
def test_understood_and_presumed_are_hedges(claims, text):
    assert [c.modality for c in claims(text)] == ["hedged"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The health office put the death toll at 212.", [("put", "the death toll at 212")]),
        ("The crew put the crates at the gate.", []),
        ("Reporters saw columns of trucks leaving the camp.", [("see", "columns of trucks leaving the camp")]),
        ("The valley saw heavy fighting.", []),
        ("A statement read that the truce had collapsed.", [("read", "the truce had collapsed")]),
        ("The envoy echoed claims that the harbour had been mined.", [("echo", "the harbour had been mined")]),
    ],
)
def test_cues_of_wire_copy(claims, text, expected):
    assert [(c.cue, c.content.text) for c in claims(text)] == expected


def test_an_event_says_nothing(claims):
    found = claims("The airstrikes, which hit two villages, killed nine people, the ministry added.")
    assert [c.source.text for c in found] == ["the ministry"]
    assert claims("The shelling continued, adding to the toll.") == []


def test_document_noun_speaks_for_the_owner_before_it(claims):
    found = claims("Earlier Nigerian government figures said 4,000 people had been displaced.")
    assert [(c.source.actor, c.source.country) for c in found] == [("Government of Nigeria", "NG")]
