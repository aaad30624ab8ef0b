"""Reconciliation at scale: synthetic claim records stored through the store API (no spaCy), reconciled at
ingest exactly as `claimscope ingest` does (the increment per document, the touched topics recomputed every
200 documents), then `topics` and `topic ID` read back.

Prints, per store size, the ingest-time cost per claim (storing plus the reconciliation increment) of the
documents added to reach that size, and p50 / p95 of `Store.topics(limit=50)`, `Store.topics()` (every topic)
and `Store.topic(ID)`. Sizes: 10^4 and 10^5 claims; `CLAIMSCOPE_BENCH_SCALE=1000000` adds 10^6 (an hour or
more on two cores). The synthetic stories are drawn so that topics keep a realistic size as the store grows:
standing counts per affiliation, state and country, and one strike's dead per place and day.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import Result

CLAIMS_PER_DOCUMENT = 10
REFRESH_EVERY = 200
READS = 200
AFFILIATIONS = ["North Korean", "Russian", "Ukrainian", "Iranian", "Chinese", "Belarusian", "Israeli", "Syrian"]
COUNTRIES = ["RU", "UA", "BY", "SY", "LB", "IL", "IR", "KP", "KR", "PL", "GE", "AM", "AZ", "KZ", "MD", "RO",
             "TR", "IQ", "JO", "EG", "SD", "LY", "ML", "NE", "YE", "SO", "ET", "ER", "AF", "PK"]
STATES = ["had been sent to", "were killed in", "were wounded in", "are fighting in", "were captured in"]
SOURCES = [("Ministry of Defence of Ukraine", "government", "UA"), ("Pentagon", "government", "US"),
           ("National Intelligence Service", "agency", "KR"), ("Kremlin", "government", "RU"),
           ("Reuters", "media outlet", "GB"), ("an analyst", "person", None)]


def synthetic_document(n: int, rng: random.Random) -> tuple[Any, dict[str, Any]]:
    """Document `n` and its claims JSON (OUTPUT.md): ten attributed claims with a figure and a place."""
    from claimscope.ingest import Document

    day = date(2024, 1, 1) + timedelta(days=n // 40)
    sentences, claims, quantities, places, offset = [], [], [], [], 0
    for i in range(CLAIMS_PER_DOCUMENT):
        source, kind, country = rng.choice(SOURCES)
        figure = rng.choice([100, 250, 1500, 3000, 10000, 12000]) * rng.randint(1, 3)
        if rng.random() < 0.8:  # standing counts
            who, how, where = rng.choice(AFFILIATIONS), rng.choice(STATES), rng.choice(COUNTRIES)
            place_name, precision = where, "country"
            content = f"{figure:,} {who} soldiers {how} {place_name}"
        else:  # one strike's dead, per place and day
            where = rng.choice(COUNTRIES)
            place_name, precision = f"Town {n % 997}", "city"
            content = f"a strike killed {figure:,} people in {place_name}"
        head = f"{source} said that "
        sentence = head + content + ". "
        start = offset + len(head)
        q_at = start + content.index(f"{figure:,}")
        p_at = start + content.rindex(place_name)
        quantity = {"text": f"{figure:,}", "start": q_at, "end": q_at + len(f"{figure:,}"), "value": figure,
                    "low": figure, "high": figure, "qualifier": "exact", "unit": None, "subject": None}
        place = {"text": place_name, "start": p_at, "end": p_at + len(place_name), "name": place_name,
                 "country": where, "precision": precision, "admin1": None}
        quantities.append(quantity)
        places.append(place)
        claims.append({
            "id": f"{n:08x}{i:08x}", "source": {"text": source, "start": offset, "end": offset + len(source),
                                                "actor": source, "kind": kind, "country": country},
            "cue": "say", "cue_span": {"text": "said", "start": offset + len(source) + 1,
                                       "end": offset + len(source) + 5},
            "channel": None, "asserted_on": day.isoformat(),
            "content": {"text": content, "start": start, "end": start + len(content)},
            "modality": "asserted", "event": "deployment", "quantities": [quantity],
            "places": [{**place, "role": "content"}], "times": [], "relayed_by": [], "cites": []})
        sentences.append(sentence)
        offset += len(sentence)
    text = "".join(sentences) + f"(synthetic report {n})"
    document = Document(text=text, title=f"synthetic {n}", outlet=f"Wire {n % 50}",
                        published=datetime(day.year, day.month, day.day), published_precision="day")
    data = {"document": {"id": document.id, "title": document.title, "published": day.isoformat(),
                         "language": "en", "outlet": document.outlet, "kind": "article"},
            "claims": claims, "quantities": quantities, "places": places, "times": [], "actors": []}
    return document, data


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000


def run(root: Path) -> Result:
    from claimscope.reconcile import materialise
    from claimscope.store import Store

    sizes = [10_000, 100_000] + ([1_000_000] if int(os.environ.get("CLAIMSCOPE_BENCH_SCALE") or 0) >= 10**6
                                 else [])
    limit = int(os.environ.get("CLAIMSCOPE_BENCH_LIMIT") or 0)
    if limit:  # a quick run: N documents, measured at a fifth of the way and at the end
        sizes = [limit * CLAIMS_PER_DOCUMENT // 5, limit * CLAIMS_PER_DOCUMENT]
    rng = random.Random(7)
    result = Result(task="reconcile-scale")
    with tempfile.TemporaryDirectory() as tmp, Store(f"sqlite:///{Path(tmp) / 'scale.db'}") as store:
        edits, touched, n, claims = materialise.edits_of(store), set(), 0, 0
        for size in sizes:
            started = time.perf_counter()
            added, storing = 0, 0.0
            while claims < size:
                document, data = synthetic_document(n, rng)
                stored = time.perf_counter()
                store.add(document, data)
                storing += time.perf_counter() - stored
                touched |= materialise.add_document(store, data, document.text, edits, refresh_topics=False)
                n, claims, added = n + 1, claims + CLAIMS_PER_DOCUMENT, added + CLAIMS_PER_DOCUMENT
                if n % REFRESH_EVERY == 0:
                    materialise.refresh(store, touched, edits, incremental=True)
                    touched = set()
            materialise.refresh(store, touched, edits, incremental=True)
            touched = set()
            per_claim = (time.perf_counter() - started) / added * 1000
            result.rows.append({"system": f"{size:,} claims", "topics": store.topic_count(),
                                "ingest ms/claim": round(per_claim, 3),
                                "of which store": round(storing / added * 1000, 3), **_reads(store, rng)})
    result.notes.append("ingest ms/claim: storing and reconciling the claims added since the previous size (of "
                        "which store: `Store.add` alone); flat cost per claim means the increment does not grow "
                        "with the store")
    return result


def _reads(store: Any, rng: random.Random) -> dict[str, float]:
    """p50 / p95 (ms) of the three reads, READS times each on topics picked at random."""
    ids = [t["id"] for t in store.topics()]
    timings: dict[str, list[float]] = {"topics(50)": [], "topics()": [], "topic(ID)": []}
    for i in range(READS):
        for name, call in (("topics(50)", lambda: store.topics(limit=50)),
                           ("topics()", (lambda: store.topics()) if i < READS // 10 else None),
                           ("topic(ID)", lambda: store.topic(rng.choice(ids)[:8]))):
            if call is None:
                continue
            started = time.perf_counter()
            call()
            timings[name].append(time.perf_counter() - started)
    figures = {}
    for name, samples in timings.items():
        p50, p95 = percentiles(samples)
        figures[f"{name} p50 ms"], figures[f"{name} p95 ms"] = round(p50, 1), round(p95, 1)
    return figures
