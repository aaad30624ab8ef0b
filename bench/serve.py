"""`python -m bench serve`: latency of the workspace under 50 concurrent clients on loopback.

A store of 10^5 synthetic claims (10^4 documents of 10 claims, written through `Store.add`, cached in the
claimscope cache folder) is served by uvicorn in processes of its own (WORKERS workers of the app factory,
as `claimscope serve --workers` runs them, without the reconciliation catch-up); 50 keep-alive clients of
`bench/httpload.py` (raw HTTP/1.1 on asyncio: httpx clients took a core themselves) request the claims page
and /api/v1/claims, each for at most REQUESTS requests or SECONDS seconds. The topic page is measured on a
smaller synthetic store whose reconciliation is materialised (TOPIC_DOCUMENTS documents: materialising 10^5
claims takes longer than a benchmark run). Each endpoint is measured as a browser repeating it sees it (the
response cache answers while the store is unchanged) and uncached (every request a distinct query parameter
the server ignores). Baseline, in the same run: a static file from the same server (the framework's floor).
Each is first requested by one client alone (ALONE requests: the time a request takes, without queueing).
The uncached rows also give the CPU time of one request with the app called in this process (`bench/asgicpu.py`,
p10 and p50 of CPU_REQUESTS requests): the steadiest figure on a loaded machine, the one to compare versions by.
CLAIMSCOPE_BENCH_LIMIT=N builds N documents instead (a quick run). Goal: p95 < 200 ms.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
import os
import random
import socket
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import asgicpu, httpload
from bench.common import Result
from claimscope.config import cache_dir
from claimscope.ingest.document import Document
from claimscope.reconcile import materialise
from claimscope.store import Store
from claimscope.web.app import DB_ENV, create_app
from claimscope.web.security import CSRF_COOKIE

DOCUMENTS = 10_000
TOPIC_DOCUMENTS = 30  # 300 claims, all in one topic: a large realistic topic (the demo's largest has 70)
CLAIMS_PER_DOCUMENT = 10
CLIENTS = 50
REQUESTS = 1_000  # per endpoint
SECONDS = 60.0  # per endpoint
ALONE = 30  # requests of one client alone per endpoint: the time a request takes without queueing
CPU_REQUESTS = 150  # uncached requests per endpoint of the in-process CPU figure (at most CPU_SECONDS)
CPU_SECONDS = 20.0
WORKERS = 2  # server processes (CLAIMSCOPE_BENCH_WORKERS): one per core
# A browser holds the CSRF cookie after its first page; the pages' responses are cached per cookie.
COOKIE = f"{CSRF_COOKIE}=bench-client"
SOURCES = [("Defence Intelligence of Ukraine", "agency", "UA"), ("John Kirby", "person", "US"),
           ("Government of Russia", "government", "RU"), ("National Intelligence Service", "agency", "KR"),
           ("Volodymyr Zelensky", "person", "UA"), ("NATO", "organization", None)]
PLACES = [("Kursk", 51.73, 36.19, 538560, "city"), ("Kursk Oblast", 51.5, 36.0, 538555, "admin1"),
          ("Russia", 60.0, 100.0, 2017370, "country"), ("the border area", None, None, None, "region")]
MODALITIES = ["asserted", "asserted", "hedged", "rumored", "denied"]


def synthetic(i: int, rng: random.Random) -> tuple[Document, dict[str, Any]]:
    """Document i of the synthetic corpus: ten claims of head counts by known sources at known places."""
    published = date(2024, 9, 1) + timedelta(days=i % 180)
    parts, claims, quantities, places = [], [], [], []
    offset = 0
    for k in range(CLAIMS_PER_DOCUMENT):
        name, kind, country = SOURCES[rng.randrange(len(SOURCES))]
        place = PLACES[rng.randrange(len(PLACES))]
        figure = rng.randrange(1, 15) * 1000
        quantity = f"about {figure:,} North Korean soldiers"
        content = f"{quantity} were in {place[0]}"
        sentence = f"{name} said that {content}. "
        c_start = offset + len(name) + len(" said that ")
        q = {"text": quantity, "start": c_start, "end": c_start + len(quantity), "value": figure,
             "low": figure * 0.9, "high": figure * 1.1, "qualifier": "approx", "unit": "soldier",
             "subject": "North Korean soldiers"}
        p_start = c_start + len(quantity) + len(" were in ")
        p = {"text": place[0], "start": p_start, "end": p_start + len(place[0]), "name": place[0],
             "lat": place[1], "lon": place[2], "geonames_id": place[3], "country": "RU", "feature": None,
             "precision": place[4], "admin1": None}
        claims.append({
            "id": f"b{i:07d}{k:02d}", "source": {"text": name, "start": offset, "end": offset + len(name),
                                                 "actor": name, "kind": kind, "country": country},
            "cue": "say", "cue_span": {"text": "said", "start": offset + len(name) + 1,
                                       "end": offset + len(name) + 5},
            "channel": None, "asserted_on": (published - timedelta(days=k % 3)).isoformat(),
            "content": {"text": content, "start": c_start, "end": c_start + len(content)},
            "modality": MODALITIES[rng.randrange(len(MODALITIES))], "event": "deployment",
            "quantities": [q], "places": [p], "times": [], "relayed_by": [], "cites": [],
        })
        quantities.append(q)
        places.append(p)
        parts.append(sentence)
        offset += len(sentence)
    document = Document(text="".join(parts), title=f"Synthetic report {i}", outlet=f"Outlet {i % 40}",
                        published=datetime.combine(published, datetime.min.time()), kind="article")
    return document, {"document": {"id": document.id}, "claims": claims, "times": [], "places": places,
                      "actors": [], "quantities": quantities}


def build(documents: int, reconciled: bool = False) -> Path:
    """The cached synthetic database of this many documents (built once), its topics materialised if asked."""
    path = cache_dir() / f"bench-serve-{documents}.db"
    if path.exists():
        with Store(f"sqlite:///{path}") as store:
            if store.counts()["documents"] == documents:
                if reconciled:
                    materialise.catch_up(store)
                return path
        path.unlink()
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    rng = random.Random(7)
    with Store(f"sqlite:///{partial}") as store:
        for i in range(documents):
            store.add(*synthetic(i, rng))
        if reconciled:
            materialise.catch_up(store)
    partial.rename(path)
    return path


def run(root: Path) -> Result:
    """Serve the synthetic stores and measure each endpoint."""
    limit = os.environ.get("CLAIMSCOPE_BENCH_LIMIT")
    documents = int(limit) if limit else DOCUMENTS
    topic_documents = min(documents, TOPIC_DOCUMENTS)
    workers = int(os.environ.get("CLAIMSCOPE_BENCH_WORKERS", WORKERS))
    result = Result(task="serve")
    started = time.perf_counter()
    db = build(documents)
    result.notes.append(f"claims store: {documents * CLAIMS_PER_DOCUMENT:,} claims in {documents:,} documents "
                        f"({db}, ready in {time.perf_counter() - started:.0f} s)")
    with _server(db, workers) as base:
        baseline = _measure_all(result, base, [("static file (baseline)", "/static/claimscope/app.css"),
                                               ("claims page", "/claims"), ("/api/v1/claims", "/api/v1/claims")])
    _cpu_all(result, db, [("claims page", "/claims"), ("/api/v1/claims", "/api/v1/claims")])
    started = time.perf_counter()
    db = build(topic_documents, reconciled=True)
    with Store(f"sqlite:///{db}") as store:
        topic = store.topics(limit=1)[0]
    result.notes.append(f"topic store: {topic_documents * CLAIMS_PER_DOCUMENT:,} claims, reconciled "
                        f"({db}, ready in {time.perf_counter() - started:.0f} s); the topic page shows the "
                        f"latest 400 of its largest topic's {topic['claims']:,} claims")
    with _server(db, workers) as base:
        size = len(asyncio.run(httpload.fetch(base + f"/topics/{topic['id']}", COOKIE))[2])
        result.notes.append(f"topic page: {size / 1024:.0f} KB of HTML")
        _measure_all(result, base, [("topic page", f"/topics/{topic['id']}")], baseline)
    _cpu_all(result, db, [("topic page", f"/topics/{topic['id']}")])
    result.notes.append(f"{CLIENTS} concurrent keep-alive clients (bench/httpload.py), at most {REQUESTS} "
                        f"requests or {SECONDS:.0f} s per endpoint, {workers} server worker process(es); "
                        f"'uncached': every request a distinct (ignored) query parameter, so the response "
                        f"cache never answers; goal p95 < 200 ms")
    result.notes.append(f"CPU ms: one uncached request with the app called in this process (bench/asgicpu.py), "
                        f"p10 and p50 of {CPU_REQUESTS} requests or {CPU_SECONDS:.0f} s per endpoint")
    return result


@contextmanager
def _server(db: Path, workers: int) -> Iterator[str]:
    """uvicorn serving the workspace over this database in its own processes (the app factory, as
    `claimscope serve --workers` runs it; no reconciliation catch-up), on a free port: its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    env = {**os.environ, DB_ENV: f"sqlite:///{db}"}
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "claimscope.web.app:from_environment",
                               "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
                               "--log-level", "warning"], env=env, stdout=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(base)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _measure_all(result: Result, base: str, endpoints: list[tuple[str, str]],
                 baseline: float | None = None) -> float | None:
    """Measure each endpoint into the result (cached, then uncached for all but static files); the first
    one's p95 is the baseline unless one is given."""
    for name, path in endpoints:
        variants = [(name, [path])]
        if not path.startswith("/static/"):
            joiner = "&" if "?" in path else "?"
            variants.append((f"{name}, uncached", [f"{path}{joiner}_bench={i}" for i in range(REQUESTS + ALONE)]))
        for label, paths in variants:
            alone = asyncio.run(httpload.measure(base, paths[::-1], 1, ALONE, SECONDS, COOKIE))
            figures = asyncio.run(httpload.measure(base, paths, CLIENTS, REQUESTS, SECONDS, COOKIE))
            if kinds := figures.pop("error kinds", None):
                result.notes.append(f"{label}: errors {kinds}")
            figures["1 client p50 ms"] = alone.get("p50 ms")
            if baseline is None:
                baseline = figures.get("p95 ms")
            if baseline and figures.get("p95 ms"):
                figures["p95 / baseline"] = figures["p95 ms"] / baseline
            result.rows.append({"system": label, **figures})
    return baseline


def _cpu_all(result: Result, db: Path, endpoints: list[tuple[str, str]]) -> None:
    """Add to each endpoint's uncached row the CPU time of one uncached request, the app in this process."""
    rows = {row["system"]: row for row in result.rows}
    with Store(f"sqlite:///{db}") as store:
        app = create_app(store, catch_up=False)
        for name, path in endpoints:
            joiner = "&" if "?" in path else "?"
            paths = [f"{path}{joiner}_cpu={i}" for i in range(asgicpu.WARM_UP + CPU_REQUESTS)]
            rows[f"{name}, uncached"].update(asgicpu.cpu_ms(app, paths, COOKIE, CPU_SECONDS))


def _wait_for(base: str) -> None:
    """Until the server answers (a minute at most)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            asyncio.run(httpload.fetch(base + "/static/claimscope/app.css"))
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
