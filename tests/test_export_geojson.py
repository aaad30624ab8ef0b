"""The GeoJSON export (RFC 7946) on the sample corpus: a Point per claim place, longitude first, the claim's
fields and the place's uncertainty radius; vague places left out and counted."""

from __future__ import annotations

import json

import pytest

from claimscope.export.mapping import MAPPING
from claimscope.store import Store
from export_helpers import export, sample_store


@pytest.fixture(scope="module")
def url(tmp_path_factory, extractor) -> str:
    return sample_store(tmp_path_factory, extractor)


@pytest.fixture(scope="module")
def collection(url) -> dict:
    return json.loads(export(url, "geojson"))


@pytest.fixture(scope="module")
def claims(url) -> dict[str, dict]:
    with Store(url) as store:
        return {c["id"]: c for c in store.claims(limit=None)}


def test_a_point_feature_per_claim_place_longitude_first(collection, claims):
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    features = collection["features"]
    assert features
    for feature in features:
        assert feature["type"] == "Feature"
        claim_id, position = feature["id"].rsplit(":", 1)
        place = claims[claim_id]["places"][int(position)]
        assert feature["geometry"] == {"type": "Point", "coordinates": [place["lon"], place["lat"]]}
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    kursk = [f for f in features if f["properties"]["place"] == "Kursk"]
    assert kursk and kursk[0]["geometry"]["coordinates"][0] < kursk[0]["geometry"]["coordinates"][1]  # 36 E, 51 N


def test_properties_carry_the_claim_and_an_uncertainty_radius(collection, claims):
    radius = {name: entry["metres"] for name, entry in MAPPING["places"].items()}
    with_topics = 0
    for feature in collection["features"]:
        props = feature["properties"]
        claim = claims[props["claim_id"]]
        assert props["modality"] == claim["modality"]
        assert props["date"] == (claim["asserted_on"] or claim["document"]["published"])
        source = claim["source"]
        assert props["source"] == (source["actor"] or source["text"] if source else None)
        assert props["uncertainty_m"] == radius[props["precision"]]
        if claim["quantities"]:
            assert props["interval"] and props["best"] == claim["quantities"][0]["value"]
        with_topics += bool(props["topic_ids"])
    assert with_topics


def test_vague_places_are_left_out_and_counted(collection, claims):
    places = [p for c in claims.values() for p in c["places"]]
    left_out = collection["claimscope"]["left_out"]
    assert sum(left_out.values()) + len(collection["features"]) == len(places)
    assert collection["claimscope"]["features"] == len(collection["features"])
    vague = set(MAPPING["geojson_left_out"])
    assert left_out.get("region", 0) + left_out.get("country", 0) == sum(
        p["precision"] in vague and p["lat"] is not None for p in places)
    assert not any(f["properties"]["precision"] in vague for f in collection["features"])


def test_filters_apply(url):
    collection = json.loads(export(url, "geojson", modality="denied"))
    assert all(f["properties"]["modality"] == "denied" for f in collection["features"])
