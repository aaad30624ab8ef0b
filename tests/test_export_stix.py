"""The STIX 2.1 export on the sample corpus: valid for stix2-validator, every reference inside the bundle,
parsed back by stix2 unchanged, deterministic ids, the claim's details in a declared property extension."""

from __future__ import annotations

import json
from typing import Any

import pytest
import stix2
from stix2validator import validate_instance, validate_string

from claimscope.export import stix as stix_export
from claimscope.export import stream
from claimscope.store import Store
from export_helpers import export, sample_store


@pytest.fixture(scope="module")
def url(tmp_path_factory, extractor) -> str:
    return sample_store(tmp_path_factory, extractor)


@pytest.fixture(scope="module")
def text(url) -> str:
    return export(url, "stix")


@pytest.fixture(scope="module")
def bundle(text) -> dict[str, Any]:
    return json.loads(text)


def by_type(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [o for o in bundle["objects"] if o["type"] == kind]


def references(value: Any, key: str = "") -> list[str]:
    """Every id an object refers to: *_ref and *_refs properties, at any depth, and extension keys."""
    found: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "extensions":
                found += [name for name in v if name.startswith("extension-definition--")]
            found += references(v, k)
    elif isinstance(value, list):
        for v in value:
            found += references(v, key)
    elif isinstance(value, str) and (key.endswith("_ref") or key.endswith("_refs")):
        found.append(value)
    return found


def test_validator_reports_the_bundle_valid_with_no_error(text, bundle):
    results = validate_string(text)
    assert results.is_valid, results.errors
    assert results.errors == []
    assert validate_instance(bundle).is_valid


def test_every_reference_resolves_inside_the_bundle(bundle):
    ids = {o["id"] for o in bundle["objects"]}
    assert len(ids) == len(bundle["objects"]), "an object is written twice"
    dangling = {(o["id"], ref) for o in bundle["objects"] for ref in references(o) if ref not in ids}
    assert not dangling


def test_stix2_parses_it_back_unchanged(text, bundle):
    parsed = stix2.parse(text, allow_custom=True)
    assert json.loads(parsed.serialize()) == bundle


def test_reexporting_the_same_store_gives_the_same_bundle(url, text):
    assert export(url, "stix") == text


def test_a_report_per_document_with_its_outlet_and_url(url, bundle):
    with Store(url) as store:
        headers = {d["id"]: d for d in store.documents(limit=None) if d["claims"]}
    reports = by_type(bundle, "report")
    assert len(reports) == len(headers)
    identities = {o["id"]: o for o in by_type(bundle, "identity")}
    notes = {o["id"] for o in by_type(bundle, "note")}
    for report in reports:
        reference = report["external_references"][0]
        header = headers[reference["external_id"]]
        assert report["published"].startswith(header["published"][:10])
        if header["outlet"]:
            assert identities[report["created_by_ref"]]["name"] == header["outlet"]
            assert reference["source_name"] == header["outlet"]
        if header["url"]:
            assert reference["url"] == header["url"]
        assert report["object_refs"] and set(report["object_refs"]) <= notes


def test_a_note_per_claim_by_its_claimant_about_its_places(url, bundle):
    with Store(url) as store:
        claims = {c["id"]: c for c in store.claims(limit=None)}
    notes = by_type(bundle, "note")
    assert len(notes) == len(claims)
    objects = {o["id"]: o for o in bundle["objects"]}
    kirby = 0
    for note in notes:
        details = note["extensions"][stix_export.EXTENSION_ID]
        claim = claims[details["claim_id"]]
        assert note["id"] == stix_export.stix_id("note", claim["id"])
        assert note["content"] == claim["content"]["text"]
        assert details["modality"] == claim["modality"]
        referred = [objects[ref] for ref in note["object_refs"]]
        assert [o["type"] for o in referred].count("report") == 1
        if claim["source"]:
            claimant = claim["source"]["actor"] or claim["source"]["text"]
            assert note["authors"] == [claimant]
            assert any(o["type"] == "identity" and o["name"] == claimant for o in referred)
            kirby += claimant == "John Kirby"
        located = [p for p in claim["places"] if p["lat"] is not None or p["country"]]
        assert len([o for o in referred if o["type"] == "location"]) == len({(p["geonames_id"], p["name"])
                                                                             for p in located})
        assert not any(key.startswith("x_") for key in note)
    assert kirby


def test_confidence_follows_the_admiralty_credibility_mapping(bundle):
    expected = {"1": 90, "2": 70, "3": 50, "4": 30, "5": 10}  # STIX 2.1 Appendix A; 6 has no value
    graded = 0
    for note in by_type(bundle, "note"):
        credibility = note["extensions"][stix_export.EXTENSION_ID].get("credibility")
        if credibility is None or credibility == "6":
            assert "confidence" not in note
        else:
            assert note["confidence"] == expected[credibility]
            assert note["extensions"][stix_export.EXTENSION_ID]["credibility_reason"]
            graded += 1
    assert graded


def test_locations_carry_their_precision_in_metres(bundle):
    locations = by_type(bundle, "location")
    assert locations
    kursk = [o for o in locations if o["name"] == "Kursk"]
    assert kursk and kursk[0]["precision"] == 10000.0 and kursk[0]["country"] == "RU"
    assert abs(kursk[0]["longitude"] - 36.19) < 0.1 and abs(kursk[0]["latitude"] - 51.73) < 0.1
    for location in locations:
        assert ("latitude" in location) == ("precision" in location)


def test_a_grouping_per_topic_of_its_notes(url, bundle):
    from claimscope.export.reconciled import reconciliation

    with Store(url) as store:
        found = reconciliation(store)
    groupings = by_type(bundle, "grouping")
    assert len(groupings) == len(found.topics)
    for grouping in groupings:
        topic_id = grouping["extensions"][stix_export.EXTENSION_ID]["topic_id"]
        assert grouping["name"] == found.topics[topic_id]["label"]
        notes = {stix_export.stix_id("note", claim_id) for claim_id in found.claim_ids(topic_id)}
        assert sorted(grouping["object_refs"]) == sorted(notes)


def test_the_extension_is_declared_as_a_property_extension(bundle):
    (definition,) = by_type(bundle, "extension-definition")
    assert definition["id"] == stix_export.EXTENSION_ID
    assert definition["extension_types"] == ["property-extension"]
    assert definition["schema"] and definition["version"]
    for obj in bundle["objects"]:
        for extension in obj.get("extensions", {}).values():
            assert extension["extension_type"] == "property-extension"


def test_filters_narrow_the_bundle_and_it_stays_valid(url):
    text = export(url, "stix", source="Kirby")
    bundle = json.loads(text)
    notes = by_type(bundle, "note")
    assert notes and all(n["authors"] == ["John Kirby"] for n in notes)
    assert validate_string(text).is_valid
    ids = {o["id"] for o in bundle["objects"]}
    assert all(ref in ids for o in bundle["objects"] for ref in references(o))


def test_the_bundle_is_written_in_chunks(url):
    with Store(url) as store:
        chunks = stream(store, "stix")
        assert not isinstance(chunks, (list, str))
        pieces = list(chunks)
    assert len(pieces) > 3 and pieces[0].startswith('{"type": "bundle"')


def test_extension_members_follow_the_shipped_extension_schema(bundle):
    from importlib.resources import files

    from jsonschema import Draft202012Validator

    schema = json.loads(files("claimscope.export").joinpath("data", "stix-extension.schema.json").read_text())
    validator = Draft202012Validator(schema)
    bodies = [o["extensions"][stix_export.EXTENSION_ID] for o in bundle["objects"] if "extensions" in o]
    assert bodies
    assert [e.message for body in bodies for e in validator.iter_errors(body)] == []
