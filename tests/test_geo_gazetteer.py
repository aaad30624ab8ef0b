"""The offline gazetteer index: names, alternate names, admin-1 regions with ISO codes, ranking, the cache."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest

from claimscope.geo import build_index, gazetteer
from claimscope.geo.build import index_path
from claimscope.geo.gazetteer import STEM, Gazetteer
from claimscope.geo.names import name_key
from claimscope.geo.resolve import Mention, Resolver


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


def best(gaz: Gazetteer, name: str, **qualifiers: str):
    return Resolver(gaz).resolve([Mention(name=name, sentence=0, **qualifiers)])[0]


def test_name_keys_fold_case_accents_and_punctuation():
    assert name_key("St. Petersburg") == name_key("Saint Petersburg") == "st petersburg"
    assert name_key("Zaporiz'ka") == "zaporizka"
    assert name_key("Kraków") == "krakow"
    assert name_key("the Hague") == "hague"


def test_alternate_names_reach_the_city(gaz):
    kiev = best(gaz, "Kiev")
    assert (kiev.name, kiev.country, kiev.feature) == ("Kyiv", "UA", "PPLC")
    assert best(gaz, "Kyiv").geonames_id == kiev.geonames_id


def test_country_beats_a_town_of_the_same_name(gaz):
    assert any(e.is_settlement for e in gaz.lookup("Russia"))  # Russia, Ohio exists ...
    russia = best(gaz, "Russia")
    assert (russia.feature, russia.country, russia.precision) == ("PCLI", "RU", "country")
    assert best(gaz, "Georgia").country == "GE"  # ... and the country wins over the US state without context


def test_a_country_stands_at_the_middle_of_its_main_landmass(gaz):
    """Not among far islands or settlements crowded along one border: Portugal on the mainland, not towards the
    Azores; the United States near the contiguous states' geographic centre (Lebanon, Kansas), not Alaska's
    pull; Russia east of the Urals."""
    portugal, usa, russia = best(gaz, "Portugal"), best(gaz, "United States"), best(gaz, "Russia")
    assert 38 < portugal.lat < 41 and -9.5 < portugal.lon < -6.5
    assert abs(usa.lat - 39.8) < 1.5 and abs(usa.lon + 98.6) < 1.5
    assert 55 < russia.lat < 65 and 80 < russia.lon < 110


def test_an_admin1_region_stands_at_the_middle_of_its_territory(gaz):
    """Not among its settlements crowded along one border: Ontario and Queensland near the middle of their land
    (the settlements sit by the Great Lakes and on the coast); a region filled with towns stays put."""
    ontario, queensland, kentucky = (best(gaz, n, mode="admin1") for n in ("Ontario", "Queensland", "Kentucky"))
    assert 48 < ontario.lat < 52 and -88 < ontario.lon < -82
    assert -24 < queensland.lat < -19 and 142 < queensland.lon < 146
    assert abs(kentucky.lat - 37.5) < 1 and abs(kentucky.lon + 85.3) < 1.5


def test_entries_by_code(gaz):
    ukraine = gaz.country("UA")
    assert (ukraine.name, ukraine.geonames_id, ukraine.precision) == ("Ukraine", 690791, "country")
    assert 44 < ukraine.lat < 53 and 22 < ukraine.lon < 41
    assert gaz.admin1("US-GA").name == "Georgia" and gaz.country("XX") is None


def test_admin1_regions_carry_iso_codes_and_english_names(gaz):
    kursk = gaz.admin1("RU-KRS")
    assert (kursk.name, kursk.feature, kursk.precision) == ("Kursk Oblast", "ADM1", "admin1")
    assert 50 < kursk.lat < 53 and 34 < kursk.lon < 39
    for variant in ("Kursk Oblast", "Kursk oblast", "Kurskaya oblast'"):
        assert any(e.admin1 == "RU-KRS" for e in gaz.lookup(variant)), variant
    for variant in ("Primorsky Krai", "Primorye", "Primorskiy kray"):
        assert any(e.admin1 == "RU-PRI" and e.is_admin1 for e in gaz.lookup(variant)), variant


def test_region_named_after_a_city(gaz):
    # "Kursk" alone is the city; as a stem it names the oblast only in "the Kursk region".
    kinds = {e.feature: e.kind for e in gaz.lookup("Kursk")}
    assert kinds["ADM1"] == STEM and kinds["PPLA"] != STEM
    assert best(gaz, "Kursk").feature == "PPLA"
    region = best(gaz, "Kursk", mode="admin1")
    assert (region.admin1, region.feature) == ("RU-KRS", "ADM1")
    assert best(gaz, "Belgorod", mode="admin1").admin1 == "RU-BEL"
    assert best(gaz, "Kyiv", mode="admin1").admin1 == "UA-32"  # Kyiv Oblast, not the city region of Kyiv


def test_qualifier_restricts_candidates(gaz):
    paris = best(gaz, "Paris", admin1="US-TX", country="US")
    assert (paris.country, paris.admin1) == ("US", "US-TX")
    assert best(gaz, "Paris").country == "FR"
    assert best(gaz, "Kazan", country="RU").admin1 == "RU-TA"


def test_site_resolves_to_a_settlement_in_context(gaz):
    resolver = Resolver(gaz)
    site, russia, china = resolver.resolve([
        Mention(name="Sergeevka", sentence=0, mode="site"),
        Mention(name="Russia", sentence=0),
        Mention(name="China", sentence=0),
    ])
    assert (site.country, site.admin1, site.feature) == ("RU", "RU-PRI", "PPL")
    assert abs(site.lat - 43.6) < 2 and abs(site.lon - 132.5) < 2
    assert (russia.country, china.country) == ("RU", "CN")


def test_context_of_the_document_decides(gaz):
    georgia, atlanta = Resolver(gaz).resolve([Mention(name="Georgia", sentence=0), Mention(name="Atlanta", sentence=1)])
    assert (georgia.country, georgia.admin1, atlanta.country) == ("US", "US-GA", "US")
    georgia, tbilisi = Resolver(gaz).resolve([Mention(name="Georgia", sentence=0), Mention(name="Tbilisi", sentence=1)])
    assert (georgia.country, georgia.feature) == ("GE", "PCLI")


def test_named_regions_and_continents(gaz):
    europe = best(gaz, "Europe")
    assert (europe.feature, europe.precision) == ("CONT", "region") and europe.lat is not None
    far_east = best(gaz, "Russian Far East")
    assert (far_east.feature, far_east.country, far_east.lat) == ("RGN", "RU", None)
    assert best(gaz, "Middle East").feature == "RGN"  # not the hamlet in Maryland


def test_named_region_without_a_point_yields_to_the_admin1_region(gaz):
    west_bank = best(gaz, "West Bank")
    assert (west_bank.feature, west_bank.country) == ("ADM1", "PS") and west_bank.lat is not None


def test_neighbours(gaz):
    assert "PS" in gaz.neighbours("IL") and "UA" in gaz.neighbours("RU") and gaz.neighbours("XX") == frozenset()


def test_index_loads_from_its_cached_file(gaz):
    """A second Gazetteer reads the built index file as it is (its load time is measured by `python -m bench startup`)."""
    fresh = Gazetteer(gaz.path)
    assert fresh.lookup("Vladivostok")[0].country == "RU"


def test_cache_rebuild_is_deterministic(tmp_path, monkeypatch, gaz):
    """An up-to-date index is reused; a forced rebuild gives the same content."""
    monkeypatch.setenv("CLAIMSCOPE_CACHE", str(tmp_path))
    path = index_path()
    assert path.parent == tmp_path and path.name == gaz.path.name  # same sources, same version
    shutil.copyfile(gaz.path, path)
    stamp = path.stat().st_mtime_ns
    assert build_index() == path and path.stat().st_mtime_ns == stamp  # up to date: not rebuilt
    assert build_index(force=True) == path and path.stat().st_mtime_ns != stamp
    assert _content(path) == _content(gaz.path)
    assert not list(tmp_path.glob(".gazetteer-*"))  # no temporary file left behind


def _content(path) -> str:
    digest = hashlib.sha256()
    db = sqlite3.connect(path)
    try:
        for table in ("place", "name", "meta"):
            for row in db.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
                digest.update(repr(row).encode())
    finally:
        db.close()
    return digest.hexdigest()
