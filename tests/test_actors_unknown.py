"""Actors the base does not know: their countries from their descriptions, their names and the document."""

from __future__ import annotations

from datetime import date

import pytest
from actor_helpers import make_actor_nlp, run_pipeline, source

DAY = date(2024, 11, 5)


@pytest.fixture(scope="module")
def actor_nlp():
    return make_actor_nlp()


def test_a_description_names_an_unknown_office_holder_by_his_title(actor_nlp):
    text = (
        "Chilean Interior Minister Carolina Tohá Morales told reporters that 40 people had died. "
        "\"Search teams are still at work,\" the minister said. He added that 200 were missing."
    )
    doc = run_pipeline(actor_nlp, text, DAY)
    assert source(doc, "Chilean Interior Minister Carolina Tohá Morales").country == "CL"
    minister = source(doc, "the minister")
    assert (minister.actor, minister.country) == ("Carolina Tohá Morales", "CL")
    assert source(doc, "He").country == "CL"


def test_a_title_word_in_a_description_is_no_kind(actor_nlp):
    # "an army spokesman" is a person, not the army.
    text = (
        "Sudan's army said the talks had failed. An army spokesman, Colonel Nabil Abdallah, said 20 had died. "
        "The army did not give a figure."
    )
    doc = run_pipeline(actor_nlp, text, DAY)
    army = source(doc, "The army")
    assert army.kind != "person"


def test_an_office_of_a_known_body_gives_its_holder_the_body_s_country(actor_nlp):
    text = "\"The drills will go ahead,\" said Maria Delgado, a spokeswoman for the Pentagon, on Monday."
    doc = run_pipeline(actor_nlp, text, DAY)
    found = {m.text: m.country for m in doc._.actors}
    assert found.get("Maria Delgado") == "US"


def test_a_surname_alone_takes_the_country_of_the_name_given_before(actor_nlp):
    text = (
        "A Russian soldier captured in Kharkiv, identified only by his surname Volkov, spoke to reporters. "
        "A conscript from Tula, Volkov said he had not been told where he was going."
    )
    doc = run_pipeline(actor_nlp, text, DAY)
    assert [m.country for m in doc._.actors if m.text == "Volkov"] == ["RU", "RU"]


def test_an_armed_group_takes_its_country_from_its_description(actor_nlp):
    doc = run_pipeline(actor_nlp, "Al-Shabaab, the Somali militant group, said it had attacked the base.", DAY)
    group = source(doc, "Al-Shabaab")
    assert (group.kind, group.country) == ("military unit", "SO")


def test_mentions_of_one_unknown_name_share_its_description(actor_nlp):
    text = (
        "Nigeria's Lakurawa attacked two villages on Sunday. The group said 30 soldiers were killed. "
        "Lakurawa said more attacks would follow."
    )
    doc = run_pipeline(actor_nlp, text, DAY)
    assert [m.country for m in doc._.actors if m.text == "Lakurawa"] == ["NG", "NG"]
    group = source(doc, "The group")
    assert (group.actor, group.country) == ("Lakurawa", "NG")
    assert source(doc, "Lakurawa", 1).country == "NG"


def test_an_acronym_of_a_body_named_before_is_that_body(actor_nlp):
    text = (
        "Sudan's paramilitary National Resistance Forces stormed the village on Friday, activists said. "
        "The NRF did not respond to a request for comment. It has previously denied targeting civilians."
    )
    doc = run_pipeline(actor_nlp, text, DAY)
    assert [(m.kind, m.country) for m in doc._.actors if m.text == "NRF"] == [("military unit", "SD")]
    assert (source(doc, "It").kind, source(doc, "It").country) == ("military unit", "SD")



def test_an_unknown_name_loses_its_capitalised_title(actor_nlp):
    """One person across documents whatever title goes before the name."""
    doc = run_pipeline(actor_nlp, "Finance Minister Jean Boivert said police had been ordered to act.", DAY)
    assert source(doc, "Finance Minister Jean Boivert").actor == "Jean Boivert"


def test_a_body_named_with_a_country_after_it_is_its_national_section(extract):
    (claim,) = extract("Amnesty International Kenya said on Thursday that 24 people had been killed.")
    assert claim.source.actor == "Amnesty International"  # the known body, not the Government of Kenya
    (claim,) = extract("Civic Freedoms Forum Kenya said on Thursday that 24 people had been killed.")
    assert (claim.source.actor, claim.source.country) == ("Civic Freedoms Forum Kenya", "KE")


def test_rights_groups_and_aid_agencies_are_known(extract):
    (claim,) = extract("Human Rights Watch said 24 people had been killed.")
    assert (claim.source.actor, claim.source.kind) == ("Human Rights Watch", "non-governmental organisation")
    (claim,) = extract("A local rights group said 24 people had been killed.")
    assert claim.source.kind == "non-governmental organisation"


def test_a_name_with_its_abbreviation_in_brackets(extract):
    text = "The Kenya National Commission on Human Rights (KNCHR) put the death toll at 22."
    (claim,) = extract(text)
    assert claim.source.text == "The Kenya National Commission on Human Rights (KNCHR)"
    assert claim.source.actor == "Kenya National Commission on Human Rights"


def test_an_abbreviation_refers_to_the_source_spelled_out_with_it(extract):
    text = ("At least 23 people were killed, the Kenya Medical Association (KMA) said. Police denied it. "
            "KMA said later that 300 had been injured. The KMA added that 50 were missing.")
    claims = [c for c in extract(text) if c.cue != "deny"]
    assert [c.source.actor for c in claims] == ["Kenya Medical Association"] * 3
    assert claims[1].content.text == "300 had been injured"  # "later" dates the saying
