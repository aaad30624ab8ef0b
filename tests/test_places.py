"""The claimscope_places component: one or more sentences per construction, and the seed article's places."""

from __future__ import annotations

import math

from claimscope.extract.types import PlaceMention
from claimscope.ingest.text import read_text

from conftest import SEED_ARTICLE as SEED


def places(nlp, text: str) -> dict[str, PlaceMention]:
    doc = nlp(text)
    found = {p.text: p for p in doc._.places}
    for p in doc._.places:
        assert text[p.start:p.end] == p.text
    return found


def km(place: PlaceMention, lat: float, lon: float) -> float:
    p = math.pi / 180
    h = (math.sin((lat - place.lat) * p / 2) ** 2
         + math.cos(lat * p) * math.cos(place.lat * p) * math.sin((lon - place.lon) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(h))


def test_cities(places_nlp):
    found = places(places_nlp, "South Korea's spy agency said the troops went to Vladivostok, Ussuriysk, Khabarovsk "
                               "and Blagoveshchensk, and Lloyd Austin spoke in Rome before Zelensky went to Budapest.")
    for name, lat, lon in (("Vladivostok", 43.1, 131.9), ("Ussuriysk", 43.8, 131.95), ("Khabarovsk", 48.5, 135.1),
                           ("Blagoveshchensk", 50.3, 127.5), ("Rome", 41.9, 12.5), ("Budapest", 47.5, 19.0)):
        assert found[name].precision == "city" and km(found[name], lat, lon) < 30, name
    assert found["South Korea"].country == "KR" and found["South Korea"].precision == "country"
    assert "Austin" not in found


def test_alternate_spelling(places_nlp):
    found = places(places_nlp, "Officials in Kyiv, which some outlets still spell Kiev, confirmed the report.")
    assert found["Kyiv"].geonames_id == found["Kiev"].geonames_id and found["Kiev"].name == "Kyiv"


def test_admin_region_named_after_a_city(places_nlp):
    for text, span in (("North Korean troops were seen in the Kursk region on Wednesday.", "Kursk region"),
                       ("Fighting continued in Kursk Oblast overnight.", "Kursk Oblast"),
                       ("Drones struck a depot in Kursk oblast.", "Kursk oblast")):
        place = places(places_nlp, text)[span]
        assert (place.name, place.feature, place.precision) == ("Kursk Oblast", "ADM1", "admin1")
        assert place.admin1 == "RU-KRS"
    found = places(places_nlp, "The units trained in Primorsky Krai, also called Primorye, and the Belgorod region.")
    assert found["Primorsky Krai"].admin1 == found["Primorye"].admin1 == "RU-PRI"
    assert found["Belgorod region"].admin1 == "RU-BEL"


def test_military_site_resolves_to_its_settlement(places_nlp):
    found = places(places_nlp, "CNN's geolocation of videos showed troops arriving at the Sergeevka training ground, "
                               "located near Russia's border with China.")
    site = found["Sergeevka training ground"]
    assert (site.precision, site.country, site.admin1) == ("point", "RU", "RU-PRI")
    assert km(site, 43.6, 132.5) < 250
    found = places(places_nlp, "Satellite images show bombers at the Engels air base.")
    assert found["Engels air base"].country == "RU" and found["Engels air base"].precision == "point"


def test_vague_regions(places_nlp):
    found = places(places_nlp, "After training in Russia's far eastern regions, some troops moved to western Russia, "
                               "while others stayed in the east.")
    for span, country in (("Russia's far eastern regions", "RU"), ("western Russia", "RU"), ("the east", None)):
        place = found[span]
        assert (place.precision, place.lat, place.lon) == ("region", None, None)
        assert (place.country, place.name) == (country, span)
    assert "Russia" not in found


def test_seas_and_straits_are_named_regions_of_no_country(places_nlp):
    """"The Red Sea" is the sea, not the Sudanese or Egyptian state of that name; "the South China Sea" is no
    part of South China."""
    found = places(places_nlp, "Drones were shot down over the Red Sea, the Gulf of Aden and the Strait of Hormuz, "
                               "and a ship was rammed in the South China Sea.")
    for span in ("Red Sea", "Gulf of Aden", "Strait of Hormuz", "South China Sea"):
        assert (found[span].feature, found[span].country, found[span].lat) == ("RGN", None, None)


def test_a_town_the_tagger_took_for_a_person_is_a_place_after_in(places_nlp):
    found = places(places_nlp, "Israel's military said it had killed a commander in an airstrike in Khan Younis.")
    assert found["Khan Younis"].country == "PS"


def test_an_article_of_a_name_is_no_place_alone(places_nlp):
    found = places(places_nlp, "Fighters attacked a village in El Gezira state on Friday.")
    assert "El" not in found and found["Gezira state"].country == "SD"


def test_direction_on_a_city_keeps_the_city(places_nlp):
    found = places(places_nlp, "Shelling hit north Kharkiv and eastern Ukraine on Monday.")
    assert found["Kharkiv"].precision == "city" and found["Kharkiv"].country == "UA"
    assert found["eastern Ukraine"].precision == "region"


def test_country_against_same_named_places(places_nlp):
    found = places(places_nlp, "Moscow sent troops into Georgia in 2008, and Tbilisi protested.")
    assert (found["Georgia"].feature, found["Georgia"].country) == ("PCLI", "GE")
    found = places(places_nlp, "A storm hit Georgia on Monday, flooding streets in Atlanta and Savannah.")
    assert (found["Georgia"].feature, found["Georgia"].admin1) == ("ADM1", "US-GA")
    found = places(places_nlp, "Russia denied the report.")
    assert found["Russia"].precision == "country" and found["Russia"].country == "RU"


def test_qualifiers(places_nlp):
    doc = places_nlp("He was born in Paris, Texas, not in Paris, France.")
    assert [(p.text, p.country) for p in doc._.places] == [("Paris", "US"), ("Texas", "US"), ("Paris", "FR"),
                                                           ("France", "FR")]
    found = places(places_nlp, "A fire broke out in Alexandria, La., on Tuesday.")
    assert found["Alexandria"].admin1 == "US-LA" and found["La."].feature == "ADM1"
    found = places(places_nlp, "Putin told the press conference in Kazan, Russia, that talks went on.")
    assert km(found["Kazan"], 55.79, 49.12) < 60


def test_state_abbreviations_and_postal_codes(places_nlp):
    found = places(places_nlp, "CHARLESTON, W.Va. (AP) -- Volunteers from Tampa, Fla. and Austin, TX moved to Fla.")
    for span, code in (("W.Va.", "US-WV"), ("Fla.", "US-FL"), ("TX", "US-TX")):
        assert (found[span].feature, found[span].admin1) == ("ADM1", code), span
    assert found["CHARLESTON"].admin1 == "US-WV" and found["Austin"].admin1 == "US-TX"


def test_capitalised_and_of_directions_are_vague_regions(places_nlp):
    found = places(places_nlp, "Troops moved to Eastern Russia, and others stayed in the east of Ukraine.")
    for span, country in (("Eastern Russia", "RU"), ("east of Ukraine", "UA")):
        assert (found[span].precision, found[span].lat, found[span].country) == ("region", None, country), span
    found = places(places_nlp, "Officials from North Korea and South Africa met in East Timor.")
    assert {found[n].feature for n in ("North Korea", "South Africa", "East Timor")} == {"PCLI"}


def test_neighbouring_countries_pull_the_homonym(places_nlp):
    found = places(places_nlp, "Israel said its jets struck Gaza overnight.")
    assert found["Gaza"].country == "PS" and km(found["Gaza"], 31.5, 34.47) < 30


def test_counties_resolve_to_a_point(places_nlp):
    found = places(places_nlp, "A fire in Laurel County, Ky., burned two homes near London.")
    county = found["Laurel County"]
    assert (county.feature, county.admin1, county.precision) == ("ADM2", "US-KY", "city")
    assert km(county, 37.11, -84.12) < 60
    assert found["London"].admin1 == "US-KY"


def test_upper_case_dateline_names(places_nlp):
    found = places(places_nlp, "Group criticizes budget. COLUMBUS, Ohio (AP) -- The governor's budget fell short.")
    assert found["COLUMBUS"].admin1 == "US-OH" and found["COLUMBUS"].precision == "city"
    found = places(places_nlp, "NATO, the EU and the UN met on Monday.")
    assert found == {}


def test_one_place_per_name_in_a_document(places_nlp):
    doc = places_nlp("A rally was held in London, Ont., on Saturday. London police said 200 people came, and the "
                     "mayor of London thanked them.")
    assert {(p.name, p.admin1) for p in doc._.places if p.text == "London"} == {("London", "CA-ON")}


def test_a_word_the_tagger_left_out_of_the_name(places_nlp):
    found = places(places_nlp, "He moved from Boulder City to Douglas County, Ga., and then to Phenix City.")
    assert found["Boulder City"].admin1 == "US-NV" and found["Phenix City"].admin1 == "US-AL"
    assert (found["Douglas County"].feature, found["Douglas County"].admin1) == ("ADM2", "US-GA")


def test_a_small_town_after_a_preposition_in_a_region_the_document_names(places_nlp):
    found = places(places_nlp, "South Carolina troopers closed the road in Greer after the storm.")
    assert (found["Greer"].admin1, found["Greer"].feature[:3]) == ("US-SC", "PPL")
    found = places(places_nlp, "Michigan police said a man from Battle Creek was arrested.")
    assert found["Battle Creek"].admin1 == "US-MI"
    assert "Greer" not in places(places_nlp, "Troopers closed the road in Greer after the storm.")  # no region named
    assert "Dell" not in places(places_nlp, "Texas officials said the contract went to Dell in May.")  # no preposition


def test_organisation_names_are_not_places(places_nlp):
    found = places(places_nlp, "The Kyiv Independent reported the strike, citing the Korea Central News Agency "
                               "and the Bank of Russia.")
    assert not {"Kyiv", "Korea", "Russia"} & set(found)


def test_demonyms_are_not_places(places_nlp):
    found = places(places_nlp, "North Korean soldiers and Ukrainian officials met Russian generals.")
    assert found == {}


def test_seed_article(places_nlp):
    document = next(read_text(SEED.read_bytes(), str(SEED)))
    doc = places_nlp(document.text)
    points = [p for p in doc._.places if p.lat is not None]

    def near(text: str, lat: float, lon: float, tolerance: float) -> bool:
        return any(text in p.text and km(p, lat, lon) <= tolerance for p in points)

    assert near("Kursk", 51.73, 36.19, 150)
    assert near("Sergeevka", 43.6, 132.5, 250)
    assert near("Kazan", 55.79, 49.12, 60)
    assert any(p.text == "Pyongyang" and p.country == "KP" for p in points)
    vague = {p.text for p in doc._.places if p.precision == "region" and p.lat is None}
    assert {"the east", "western Russia", "eastern Russia", "Russia's far eastern regions"} <= vague
    assert not any(p.text in ("North Korean", "Ukrainian", "Telegram", "CNN") for p in doc._.places)
