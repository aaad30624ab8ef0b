"""The JSON Lines export on the whole bundled corpus: the claims JSON of one document per line, each line valid
against the JSON Schema shipped in the package."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from claimscope.export import MEDIA_TYPES, claims_schema
from claimscope.store import Store
from export_helpers import export, sample_store


@pytest.fixture(scope="module")
def url(tmp_path_factory, extractor) -> str:
    return sample_store(tmp_path_factory, extractor, files=None)


@pytest.fixture(scope="module")
def lines(url) -> list[dict]:
    text = export(url, "jsonl")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_the_shipped_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(claims_schema())
    assert MEDIA_TYPES["jsonl"].extension == "jsonl"


def test_every_line_is_valid_against_the_schema(lines):
    validator = Draft202012Validator(claims_schema())
    assert len(lines) > 30
    for data in lines:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert not errors, (data["document"]["id"], errors[:3])


def test_a_line_per_document_with_claims_as_the_store_gives_them(url, lines):
    with Store(url) as store:
        expected = [d for d in store.documents(limit=None) if d["claims"]]
        assert sorted(d["document"]["id"] for d in lines) == sorted(d["id"] for d in expected)
        for data in lines[:5]:
            stored = store.claims_json(data["document"]["id"])
            assert {**data, "document": stored["document"]} == stored
            assert data["document"]["ingested_at"]


def test_the_schema_rejects_what_breaks_the_contract(lines):
    validator = Draft202012Validator(claims_schema())
    broken = json.loads(json.dumps(lines[0]))
    broken["claims"][0]["modality"] = "certain"
    del broken["claims"][0]["content"]["start"]
    assert len(list(validator.iter_errors(broken))) == 2


def test_filters_keep_only_the_matching_claims(url):
    data = [json.loads(line) for line in export(url, "jsonl", modality="denied").splitlines()]
    assert data and all(c["modality"] == "denied" for d in data for c in d["claims"])
