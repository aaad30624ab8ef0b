"""Keyset paging of claims and documents, the claim lookups the web uses, on a real SQLite file."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path

import pytest

from claimscope.ingest.document import Document
from claimscope.store import Store, StoreError
from claimscope.store.filters import ClaimQuery
from claimscope.store.paging import ClaimKey

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "cli" / "seed-claims.json").read_text())


@pytest.fixture()
def store(db_url):
    """The seed article, and the same claims again in an undated copy (no publication date)."""
    fields = FIXTURE["document"]
    with Store(db_url) as opened:
        opened.add(Document(**{**fields, "published": datetime.fromisoformat(fields["published"])}),
                   copy.deepcopy(FIXTURE["claims_json"]))
        undated = copy.deepcopy(FIXTURE["claims_json"])
        for claim in undated["claims"]:
            claim["id"] = "u" + claim["id"][1:]
            claim["asserted_on"] = None
        assert opened.add(Document(**{**fields, "text": fields["text"] + "A copy.", "published": None}), undated)
        yield opened


@pytest.mark.parametrize("size", [1, 2, 3, 7, 20, 100])
def test_pages_hold_every_claim_once_dated_first(store, size):
    seen, cursor = [], None
    while True:
        page, cursor = store.claims_page(after=cursor, size=size)
        assert len(page) <= size
        seen += page
        if cursor is None:
            break
    ids = [c["id"] for c in seen]
    assert len(ids) == len(set(ids)) == store.counts()["claims"] == 20
    dated = [c["asserted_on"] or c["document"]["published"] for c in seen]
    assert all(dated[:10]) and not any(dated[10:])


def test_filters_and_bad_cursors(store):
    hedged, _ = store.claims_page(ClaimQuery(modality="hedged"), size=100)
    assert hedged and all(c["modality"] == "hedged" for c in hedged)
    assert [c["id"] for c in store.claims_page(ClaimQuery(text='"Sergeevka training"'), size=100)[0]]
    with pytest.raises(StoreError):
        store.claims_page(ClaimQuery(text='"'), size=10)
    for forged in ["zzz", ClaimKey(None, "x", 0).encode()[:-2], "W10"]:
        with pytest.raises(ValueError):
            store.claims_page(after=forged, size=10)


def test_documents_page_and_lookups(store):
    first, cursor = store.documents_page(size=1)
    second, end = store.documents_page(after=cursor, size=1)
    assert end is None and first[0]["id"] < second[0]["id"]
    claim = store.claim("c0000000000000001")
    assert claim["source"]["actor"] == "Government of Ukraine" and claim["document"]["id"]
    with pytest.raises(StoreError):
        store.claim("nope")
    places = store.claim_places(ClaimQuery(ids=["c0000000000000001", "c0000000000000004"]))
    assert {p["claim_id"] for p in places} <= {"c0000000000000001", "c0000000000000004"}
    actors = store.actors()
    assert actors[0]["claims"] >= actors[-1]["claims"] and store.actor(actors[0]["name"].upper())
    assert store.actor("Nobody") is None
