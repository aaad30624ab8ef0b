"""Toponym roles: demonyms and toponyms inside names are toponyms (`doc._.toponyms`) but no places of the content
(`doc._.places`); the demonym table; the admin-1 coverage vote of the resolver."""

from __future__ import annotations

import json
from importlib import resources

from claimscope.extract.output import place_json
from claimscope.geo import resolve
from claimscope.geo.demonyms import build, demonyms, plural, suffix_forms
from claimscope.geo.gazetteer import gazetteer


def roles(nlp, text: str):
    doc = nlp(text)
    for p in doc._.toponyms:
        assert text[p.start:p.end] == p.text
    return doc, {p.text: p for p in doc._.toponyms}


def test_demonyms_stand_for_their_place_but_are_no_places(places_nlp):
    doc, found = roles(places_nlp, "Iraqi officials met Texans and European diplomats on Tuesday.")
    assert (found["Iraqi"].role, found["Iraqi"].country, found["Iraqi"].feature) == ("demonym", "IQ", "PCLI")
    assert (found["Texans"].role, found["Texans"].admin1, found["Texans"].feature) == ("demonym", "US-TX", "ADM1")
    assert (found["European"].role, found["European"].name) == ("demonym", "Europe")
    assert all(p.lat is not None for p in found.values())
    assert doc._.places == []


def test_a_country_modifying_a_noun_is_whose_not_where(places_nlp):
    """ "a U.S. destroyer" reads like "an American destroyer": a toponym, no place of the content."""
    doc, found = roles(places_nlp, "A missile was fired at a U.S. destroyer in the Red Sea, far from the U.S.")
    assert [(p.text, p.role) for p in doc._.toponyms if p.text == "U.S."] == [("U.S.", "demonym"), ("U.S.", "literal")]
    assert [p.text for p in doc._.places] == ["Red Sea", "U.S."]


def test_toponyms_inside_names(places_nlp):
    doc, found = roles(places_nlp, "She studied at Ohio State University and now works for the Laurel County Fiscal "
                                   "Court.")
    assert (found["Ohio"].role, found["Ohio"].admin1) == ("in-name", "US-OH")
    assert (found["Laurel County"].role, found["Laurel County"].feature) == ("in-name", "ADM2")
    assert doc._.places == []


def test_literal_places_stay_literal(places_nlp):
    doc, found = roles(places_nlp, "Russian troops entered Kursk, the Bank of Russia said.")
    assert [p.text for p in doc._.places] == ["Kursk"]
    assert found["Kursk"].role == "literal"
    assert found["Russian"].role == "demonym" and found["Russia"].role == "in-name"
    assert [p.text for p in doc._.toponyms] == ["Russian", "Kursk", "Russia"]


def test_a_small_town_named_like_a_word_is_no_toponym_inside_a_name(places_nlp):
    _, found = roles(places_nlp, "A Liberal Party spokesman said the vote was close.")
    assert "Liberal" not in found


def test_document_places_carry_no_role_in_the_output(places_nlp):
    doc = places_nlp("Iraqi officials met in Kursk.")
    assert [p.text for p in doc._.places] == ["Kursk"]
    assert set(place_json(doc._.places[0])) == {"text", "start", "end", "name", "lat", "lon", "geonames_id",
                                                "country", "feature", "precision", "admin1"}


def test_demonym_rules():
    assert {"Texan", "Ohioan", "Canadian", "Iraqi", "European", "Floridian"} & {
        *suffix_forms("Texas"), *suffix_forms("Ohio"), *suffix_forms("Canada"), *suffix_forms("Iraq"),
        *suffix_forms("Europe"), *suffix_forms("Florida")} == {"Texan", "Ohioan", "Canadian", "Iraqi", "European",
                                                              "Floridian"}
    assert plural("Texan") == "Texans" and plural("Chinese") is None and plural("British") is None


def test_demonym_table_is_the_generated_one():
    """The committed table is what `python -m claimscope.geo.demonyms` makes from the state table and gazetteer."""
    committed = json.loads(resources.files("claimscope.geo").joinpath("data/demonyms.json").read_text("utf-8"))
    assert committed == build()
    table = demonyms()
    assert table["Georgian"] == "GE"  # a country's demonym wins over the US state's derived one
    assert table["Texan"] == "US-TX" and table["Kentuckian"] == "US-KY" and table["African"] == "Africa"


def test_coverage_picks_the_region_the_names_share():
    """Albany, Decatur and Gainesville each have a bigger namesake elsewhere, but Georgia has all three."""
    resolver = resolve.Resolver(gazetteer())
    names = ["Albany", "Decatur", "Gainesville"]
    entries = resolver.resolve([resolve.Mention(name, i) for i, name in enumerate(names)])
    assert [e.admin1 for e in entries] == ["US-GA"] * 3
    alone = resolver.resolve([resolve.Mention("Albany", 0)])
    assert alone[0].admin1 == "US-NY"
