"""The JSON API over a real server on 127.0.0.1: cursor paging, typed filters, GeoJSON, edits; and security:
the token, the CSRF-safe edits, the refusal to bind beyond loopback without a token."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from urllib.parse import quote

import httpx
import pytest
from markupsafe import escape
from web_support import site, web_store  # noqa: F401

from claimscope.store.filters import ClaimQuery
from claimscope.web.background import BackgroundServer
from claimscope.web.security import BindError, check_bind, is_loopback
from claimscope.web.views.claims import safe_cell


@pytest.fixture(scope="module")
def client(site):
    with httpx.Client(base_url=site, timeout=60) as c:
        yield c


def pages(client, path: str, size: int, **filters: str) -> list[dict]:
    """Every row of a paged list, following `next`."""
    rows, cursor = [], None
    while True:
        params = {**filters, "_size": size, **({"_next": cursor} if cursor else {})}
        body = client.get(path, params=params).json()
        rows += body["rows"]
        cursor = body["next"]
        if cursor is None:
            return rows
        assert body["next_url"].startswith("http://127.0.0.1")


@pytest.mark.parametrize("size", [1, 3, 7, 1000])
def test_claim_paging_returns_every_row_exactly_once(client, web_store, size):
    rows = pages(client, "/api/v1/claims", size)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) == web_store.counts()["claims"]
    assert ids == [c["id"] for c in web_store.claims_page(size=10_000)[0]]


def test_document_paging_returns_every_row_exactly_once(client, web_store):
    ids = [d["id"] for d in pages(client, "/api/v1/documents", 2)]
    assert sorted(ids) == ids and len(set(ids)) == web_store.counts()["documents"]


@pytest.mark.parametrize("size", [1, 4, 1000])
def test_topic_paging_returns_every_topic_once_in_listing_order(client, web_store, size):
    rows = pages(client, "/api/v1/topics", size)
    assert [t["id"] for t in rows] == [t["id"] for t in web_store.topics()] and len(rows) > 4
    big = pages(client, "/api/v1/topics", 2, min_claims="3")
    assert big and all(t["claims"] >= 3 for t in big) and len(big) < len(rows)
    flagged = pages(client, "/api/v1/topics", 2, flag="growth")
    assert [t["id"] for t in flagged] == [t["id"] for t in web_store.topics() if "growth" in t["flags"]]
    assert client.get("/api/v1/topics?flag=nonsense").status_code == 422
    assert client.get("/api/v1/topics?_next=not-a-cursor").status_code == 422
    page = client.get("/", params={"min_claims": 3}).text  # the topics page reads the same pages
    assert all(f'data-topic="{t["id"]}"' in page for t in big) and page.count('class="topic-row"') == len(big)
    assert client.get("/?_next=not-a-cursor").status_code == 422


def test_filtered_paging_keeps_the_filter(client, web_store):
    rows = pages(client, "/api/v1/claims", 2, modality="asserted", since="2024-10")
    assert rows and all(r["modality"] == "asserted" for r in rows)
    expected = web_store.claims_page(ClaimQuery(modality="asserted", since=date(2024, 10, 1)), size=1000)[0]
    assert [r["id"] for r in rows] == [c["id"] for c in expected]


@pytest.mark.parametrize("query, name", [("modality=certain", "modality"), ("since=yesterday", "since"),
                                         ("until=2024-13-40", "until"), ("_size=0", "_size"),
                                         ("_size=big", "_size"), ("_next=not-a-cursor", "_next")])
def test_bad_filters_are_422_naming_the_parameter(client, query, name):
    response = client.get("/api/v1/claims?" + query)
    assert response.status_code == 422
    assert any(name in err["loc"] for err in response.json()["detail"]), response.json()


def test_unknown_things_are_404(client):
    assert client.get("/api/v1/documents/ffffffffffff").status_code == 404
    assert client.get("/api/v1/claims/nope").status_code == 404
    assert client.get("/api/v1/topics/ffffffffff").status_code == 404
    assert client.get("/api/v1/actors/Nobody%20At%20All").status_code == 404


def test_documents_claims_and_topics_agree(client):
    topic = client.get("/api/v1/topics").json()["rows"][0]
    timeline = client.get(f"/api/v1/topics/{topic['id']}/timeline").json()["rows"]
    windows = client.get(f"/api/v1/topics/{topic['id']}/consensus").json()["rows"]
    assert len(timeline) == topic["claims"] and windows
    claim = client.get(f"/api/v1/claims/{timeline[0]['claim_id']}").json()
    assert topic["id"] in [t["id"] for t in claim["topics"]]
    document = client.get(f"/api/v1/documents/{claim['document']['id'][:8]}").json()
    assert claim["content"]["text"] in document["text"]


def test_places_are_geojson_filtered_by_topic(client):
    everything = client.get("/api/v1/places").json()
    assert everything["type"] == "FeatureCollection" and everything["features"]
    for feature in everything["features"]:
        assert feature["type"] == "Feature" and feature["properties"]["claims"]
        assert feature["properties"]["precision"] in ("point", "city", "admin1", "country")
    topic = client.get("/api/v1/topics").json()["rows"][0]
    members = {r["claim_id"] for r in client.get(f"/api/v1/topics/{topic['id']}/timeline").json()["rows"]}
    scoped = client.get("/api/v1/places", params={"topic": topic["id"]}).json()
    claims = {c["claim_id"] for f in scoped["features"] for c in f["properties"]["claims"]}
    claims |= {c["claim_id"] for v in scoped["vague"] for c in v["claims"]}
    assert claims and claims <= members
    assert client.get("/api/v1/places", params={"topic": "ffffffffff"}).status_code == 404


def test_search_finds_documents_topics_and_actors(client):
    found = client.get("/api/v1/search", params={"q": "Kursk"}).json()
    assert found["documents"]
    assert client.get("/api/v1/search", params={"q": '"'}).status_code == 422


def test_edits_through_the_api(client):
    topics = client.get("/api/v1/topics").json()["rows"]
    a, b = topics[-1], topics[-2]
    as_form = client.post(f"/api/v1/topics/{a['id']}/rename", data={"label": "x"})
    assert as_form.status_code == 415  # a cross-site form cannot post JSON
    foreign = client.post(f"/api/v1/topics/{a['id']}/rename", json={"label": "x"},
                          headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 403
    assert client.post(f"/api/v1/topics/{a['id']}/rename", json={"label": ""}).status_code == 422
    assert client.post(f"/api/v1/topics/{a['id']}/rename", json={"label": "Mine"}).status_code == 200
    assert client.get(f"/api/v1/topics/{a['id']}").json()["label"] == "Mine"
    claim = client.get(f"/api/v1/topics/{b['id']}/timeline").json()["rows"][0]["claim_id"]
    moved = client.post(f"/api/v1/topics/{b['id']}/split", json={"claims": [claim], "label": "Split off"})
    assert moved.status_code == 200, moved.text
    assert "Split off" in [t["label"] for t in client.get("/api/v1/topics").json()["rows"]]
    assert client.post(f"/api/v1/topics/{a['id']}/merge", json={"target": a["id"]}).status_code == 422
    actor = client.get("/api/v1/actors").json()["rows"][0]["name"]
    assert client.post("/api/v1/grades", json={"actor": actor, "letter": "Q"}).status_code == 422
    assert client.post("/api/v1/grades", json={"actor": actor, "letter": "c"}).status_code == 200
    assert client.get(f"/api/v1/actors/{actor}").json()["reliability"] == "C"


def test_openapi_documents_the_api(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/claims", "/api/v1/topics/{topic_id}/timeline", "/api/v1/places"} <= set(spec["paths"])
    assert not any(p.startswith(("/map", "/documents")) for p in spec["paths"])
    docs = client.get("/api/v1/docs").text
    assert "/static/swagger-ui-dist-" in docs and "cdn" not in docs.lower()


def test_pages_send_a_strict_content_security_policy(client):
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_source_links_quote_and_escape_hostile_names(client):
    """The claims and topic pages link a source by its name, URL-quoted in the link and escaped as text."""
    name = client.get("/api/v1/actors", params={"q": "Evil"}).json()["rows"][0]["name"]
    assert "<script>" in name
    link = f'<a href="/source?name={quote(name, safe="/")}">{escape(name)}</a>'
    assert "&lt;script&gt;" in link and "<script>" not in link
    page = client.get("/claims", params={"actor": name}).text
    assert link in page and "<script>window" not in page
    claim = client.get("/api/v1/claims", params={"actor": name}).json()["rows"][0]
    topic = client.get(f"/api/v1/claims/{claim['id']}").json()["topics"][0]["id"]
    assert link in client.get(f"/topics/{topic}").text


def test_csv_download_is_safe_for_spreadsheets(client, web_store):
    csv_text = client.get("/claims.csv").text
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("id,date,source")
    assert len(lines) >= web_store.counts()["claims"] + 1
    assert safe_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")" and safe_cell("@SUM") == "'@SUM"


def test_a_token_is_required_when_set(web_store):
    with BackgroundServer(web_store, token="s3cret-token") as served:
        with httpx.Client(base_url=served.url, timeout=60) as c:
            assert c.get("/api/v1/topics").status_code == 401
            assert c.get("/static/claimscope/app.css").status_code == 401
            assert c.get("/api/v1/topics", headers={"Authorization": "Bearer wrong"}).status_code == 401
            assert c.get("/api/v1/topics", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
            login = c.get("/claims?token=s3cret-token&modality=asserted")
            assert login.status_code == 303 and login.headers["location"] == "/claims?modality=asserted"
            assert c.get("/claims?modality=asserted").status_code == 200  # the cookie set by the login
        assert httpx.get(served.url + "/?token=wrong", timeout=60).status_code == 401


def test_binding_beyond_loopback_needs_a_token():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    check_bind("127.0.0.1", None)
    check_bind("0.0.0.0", "a-token")
    with pytest.raises(BindError):
        check_bind("0.0.0.0", None)
    env = {k: v for k, v in os.environ.items() if k != "CLAIMSCOPE_API_TOKEN"}
    refused = subprocess.run([sys.executable, "-m", "claimscope", "serve", "--host", "0.0.0.0", "--port", "1"],
                             capture_output=True, text=True, timeout=120, env=env)
    assert refused.returncode == 1
    assert "refusing to listen on 0.0.0.0" in refused.stderr and "CLAIMSCOPE_API_TOKEN" in refused.stderr


def test_exports_stream_each_format(client):
    topic = client.get("/api/v1/topics").json()["rows"][0]
    for fmt, content_type in (("stix", "application/stix+json"), ("geojson", "application/geo+json"),
                              ("csv", "text/csv"), ("jsonl", "application/jsonl")):
        response = client.get("/api/v1/export", params={"format": fmt, "topic": topic["id"]})
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith(content_type)
        assert response.content
    assert client.get("/api/v1/export", params={"format": "xml"}).status_code == 422
    assert client.get("/api/v1/export", params={"format": "csv", "topic": "ffffffffff"}).status_code == 404
    assert client.get("/api/v1/schema").json()["type"] == "object"
