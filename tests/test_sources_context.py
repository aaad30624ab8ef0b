"""Sources resolved through the document on the full pipeline: UN agencies, a body named after a place, a
description that refers back to an unknown body rather than to the dateline's news agency."""

from __future__ import annotations


def test_un_agencies_are_of_no_country(extract):
    text = "BEIRUT (Reuters) - UNICEF said 200 children had been killed in Lebanon. The IOM said 1.2 million fled."
    assert [(c.source.actor, c.source.country) for c in extract(text)] == [
        ("UNICEF", None), ("International Organization for Migration", None)]


def test_a_body_named_after_a_place_is_that_states(extract):
    (claim,) = extract("Three people were hurt in the shelling of the city, Kharkiv police said on Monday.")
    assert (claim.source.actor, claim.source.country) == ("Police of Ukraine", "UA")


def test_the_agency_is_the_unknown_agency_named_before_not_the_dateline(extract):
    text = ("JAKARTA, June 2 (Reuters) - Four people died after a ferry sank overnight, Indonesia's search and rescue "
            "agency said on Tuesday.\n\nThe agency said 23 passengers had been rescued.")
    claims = extract(text)
    assert [c.source.country for c in claims] == ["ID", "ID"]
    assert claims[1].source.actor != "Reuters"


def test_activists_and_an_authority_of_the_scene(extract):
    text = ("Floods in Pakistan have killed more than 1,200 people since June, the National Disaster Management "
            "Authority said. Activists said 30 more had died in Sindh province.")
    claims = extract(text)
    assert [(c.source.kind, c.source.country) for c in claims] == [("agency", "PK"), (None, "PK")]


def test_a_coast_guard_is_a_body_of_its_state(extract):
    (claim,) = extract("Italy's coast guard said 60 people had been rescued off Lampedusa.")
    assert (claim.source.kind, claim.source.country) == ("agency", "IT")
