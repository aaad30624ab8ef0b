"""The response cache and the server processes, over a real server on 127.0.0.1, on SQLite and PostgreSQL: a
repeated GET is answered from the cache; any write (an edit posted to the server, a document stored by
another connection, as an ingest in another process does) makes the next GET fresh; `serve --workers` serves."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import datetime

import httpx
from web_support import hostile_document

from claimscope.ingest.document import Document
from claimscope.store import Store
from claimscope.store.stamp import ChangeStamp
from claimscope.web.background import BackgroundServer
from claimscope.web.security import CSRF_COOKIE

COOKIES = {CSRF_COOKIE: "test-browser"}  # a browser holds its CSRF cookie after the first page


def report(n: int) -> tuple[Document, dict]:
    """A one-claim document: 'Officials said that about {n},000 soldiers were in Kursk.'"""
    quantity = f"about {n},000 soldiers"
    text = f"Officials said that {quantity} were in Kursk."
    start = text.index(quantity)
    q = {"text": quantity, "start": start, "end": start + len(quantity), "value": n * 1000, "low": n * 900,
         "high": n * 1100, "qualifier": "approx", "unit": "soldier", "subject": "soldiers"}
    claim = {"id": f"cache{n:012d}", "source": {"text": "Officials", "start": 0, "end": 9, "actor": None,
                                                "kind": "government", "country": None},
             "cue": "say", "cue_span": {"text": "said", "start": 10, "end": 14}, "channel": None,
             "asserted_on": "2024-11-0%d" % (1 + n % 9),
             "content": {"text": text[start:-1], "start": start, "end": len(text) - 1}, "modality": "asserted",
             "event": "deployment", "quantities": [q], "places": [], "times": [], "relayed_by": [], "cites": []}
    document = Document(text=text, title=f"Report {n}", outlet="Wire", kind="article",
                        published=datetime(2024, 11, 1 + n % 9))
    return document, {"document": {"id": document.id}, "claims": [claim], "times": [], "places": [],
                      "actors": [], "quantities": [q]}


def test_stamp_moves_on_every_commit_of_any_connection(db_url):
    with Store(db_url) as store, Store(db_url) as other:
        stamp = ChangeStamp(store.engine)
        before = stamp.read()
        assert before is not None and stamp.read() == before
        other.add(*report(1))
        after = stamp.read()
        assert after != before
        store.add(*report(2))  # a write through the stamp's own engine counts as well
        assert stamp.read() != after
        stamp.close()


def test_repeats_come_from_the_cache_and_an_ingest_makes_them_fresh(db_url):
    with Store(db_url) as store, Store(db_url) as ingesting:
        store.add(*report(1))
        with BackgroundServer(store) as served, httpx.Client(base_url=served.url, cookies=COOKIES,
                                                             timeout=60) as client:
            for path in ("/api/v1/claims", "/claims"):
                first, second = client.get(path), client.get(path)
                assert first.headers["x-claimscope-cache"] == "miss"
                assert second.headers["x-claimscope-cache"] == "hit" and second.text == first.text
                assert "content-security-policy" in second.headers  # the security headers on hits too
                assert "cache000000000002" not in second.text
            ingesting.add(*report(2))
            for path in ("/api/v1/claims", "/claims"):
                fresh = client.get(path)
                assert fresh.headers["x-claimscope-cache"] == "miss" and "cache000000000002" in fresh.text
            without_cookie = httpx.get(served.url + "/claims", timeout=60)  # a new browser gets its cookie
            assert "set-cookie" in without_cookie.headers
            assert httpx.get(served.url + "/claims", timeout=60).headers["x-claimscope-cache"] == "miss"


def test_an_edit_post_makes_the_pages_fresh(db_url):
    with Store(db_url) as store:
        store.add(*hostile_document())
        store.add(*report(3))
        with BackgroundServer(store) as served, httpx.Client(base_url=served.url, cookies=COOKIES,
                                                             timeout=60) as client:
            topic = client.get("/api/v1/topics").json()["rows"][0]["id"]
            for path in (f"/topics/{topic}", f"/api/v1/topics/{topic}", "/"):
                client.get(path)
                assert client.get(path).headers["x-claimscope-cache"] == "hit"
            page = client.get(f"/topics/{topic}").text
            assert "<script>window.__pwned" not in page  # cached or not, the payloads stay escaped
            form = {"csrf": "test-browser", "action": "rename", "label": "Renamed <b>here</b>"}
            assert client.post(f"/topics/{topic}/edit", data=form, follow_redirects=False).status_code == 303
            for path in (f"/topics/{topic}", "/"):
                fresh = client.get(path)
                assert fresh.headers["x-claimscope-cache"] == "miss"
                assert "Renamed &lt;b&gt;here&lt;/b&gt;" in fresh.text
            assert client.get(f"/api/v1/topics/{topic}").json()["label"] == "Renamed <b>here</b>"


def test_serve_with_workers_starts_and_serves(tmp_path):
    db = tmp_path / "served.db"
    with Store(f"sqlite:///{db}") as store:
        store.add(*report(4))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    env = {k: v for k, v in os.environ.items() if k != "CLAIMSCOPE_API_TOKEN"}
    server = subprocess.Popen([sys.executable, "-m", "claimscope", "--db", str(db), "serve", "--port", str(port),
                               "--workers", "2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 240  # each worker imports the app (altair): slow on a loaded machine
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/v1/claims", timeout=10)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
        assert response.status_code == 200
        assert [r["id"] for r in response.json()["rows"]] == ["cache000000000004"]
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            raise
