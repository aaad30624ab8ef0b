"""Prominence without context: a city that names a territory or region of its name, curated news spellings,
city names with French particles, and the common English name a country is shown by."""

from __future__ import annotations

import pytest

from claimscope.geo import gazetteer
from claimscope.geo.resolve import Mention, Resolver

from test_places import km, places


def test_a_city_that_names_its_territory_beats_a_homonym_province_without_context(places_nlp):
    """"Gaza" is the city of the Gaza Strip, as prominent as the Strip, not Mozambique's smaller province."""
    found = places(places_nlp, "Airstrikes hit Gaza overnight, officials said.")
    assert found["Gaza"].country == "PS" and found["Gaza"].precision == "city"
    assert km(found["Gaza"], 31.5, 34.47) < 30


def test_the_homonym_province_still_wins_in_its_context(places_nlp):
    found = places(places_nlp, "Rains flooded Xai-Xai and Chokwe in Gaza, Mozambique officials said.")
    assert (found["Gaza"].country, found["Gaza"].admin1) == ("MZ", "MZ-G")
    found = places(places_nlp, "Floods in Mozambique's Gaza province displaced thousands.")
    assert found["Gaza province"].admin1 == "MZ-G"


def test_territories_and_their_towns(places_nlp):
    found = places(places_nlp, "Fighting spread across the Gaza Strip and the West Bank as tanks entered Rafah and "
                               "Khan Younis and shelled Deir al-Balah.")
    assert {found[n].name for n in ("Gaza Strip", "West Bank")} == {"Gaza Strip", "West Bank"}
    for name, lat, lon in (("Gaza Strip", 31.4, 34.4), ("West Bank", 31.95, 35.2), ("Rafah", 31.3, 34.25),
                           ("Khan Younis", 31.34, 34.31), ("Deir al-Balah", 31.42, 34.35)):
        assert found[name].country == "PS" and km(found[name], lat, lon) < 30, name


def test_a_news_spelling_the_gazetteer_lacks(places_nlp):
    found = places(places_nlp, "A missile struck the port of Hodeidah on Sunday.")
    assert (found["Hodeidah"].country, found["Hodeidah"].admin1) == ("YE", "YE-HU")
    assert km(found["Hodeidah"], 14.8, 42.95) < 30


def test_city_names_with_french_particles(places_nlp):
    found = places(places_nlp, "Gangs control most of Port-au-Prince, the capital, aid groups said.")
    assert (found["Port-au-Prince"].country, found["Port-au-Prince"].feature) == ("HT", "PPLC")


def test_sudan_region_and_city(places_nlp):
    found = places(places_nlp, "The paramilitary besieged El Fasher, the last army stronghold in Darfur.")
    assert found["El Fasher"].country == found["Darfur"].country == "SD"
    assert km(found["El Fasher"], 13.63, 25.35) < 30


@pytest.mark.parametrize("name", ["Palestine", "Palestinian Territory", "Palestinian territories"])
def test_a_country_is_shown_by_its_common_english_name(name):
    """GeoNames' "Palestinian Territory" stays a name of the country, but it is shown as "Palestinian
    territories"."""
    entry = Resolver(gazetteer()).resolve([Mention(name=name, sentence=0)])[0]
    assert (entry.country, entry.feature, entry.name) == ("PS", "PCLI", "Palestinian territories")
    assert gazetteer().country("PS").name == "Palestinian territories"
