"""Export speed (claims/s) and peak memory of every format, next to plain JSON dumping of the same claims.

A synthetic store of 10^5 claims (10 per document; `CLAIMSCOPE_BENCH_LIMIT` sets the number of claims) is
built through the store API, and one tenth of it in a second store, so that memory growth with size shows;
then the smaller store is reconciled (as ingest does) and measured again, with its topics.
Each configuration runs in its own subprocess, so its peak resident memory is its own. The baseline is what
`claimscope claims --format json` does: `Store.claims()` (a list of every claim) dumped with `json.dumps`.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import REPO, Result

DEFAULT_CLAIMS = 100_000
CLAIMS_PER_DOCUMENT = 10
BASELINE = "json.dumps(Store.claims())"
CONFIGS = (BASELINE, "jsonl", "csv", "geojson", "stix")

# Pools the synthetic claims draw from: who speaks, whose people are counted, where.
ACTORS = [(f"Spokesperson {i}", "person", c) for i, c in enumerate(["UA", "US", "KR", "RU", "GB"] * 6)] + [
    ("Defence Intelligence of Ukraine", "agency", "UA"), ("Government of the United States", "government", "US"),
    ("National Intelligence Service", "agency", "KR"), ("Dmitry Peskov", "person", "RU"),
]
AFFILIATIONS = ["North Korean", "Russian", "Ukrainian", "Chinese", "Belarusian", "Iranian"]
UNITS = ["soldier", "troop", "officer", "tank", "brigade", "drone", "base"]
PLACES = [  # name, lat, lon, geonames id, country, feature, precision
    ("Kursk", 51.73, 36.19, 538560, "RU", "PPLA", "city"), ("Kursk Oblast", 51.7, 36.2, 538555, "RU", "ADM1", "admin1"),
    ("Vladivostok", 43.11, 131.87, 2013348, "RU", "PPLA", "city"), ("Russia", 60.0, 100.0, 2017370, "RU", "PCLI",
                                                                    "country"),
    ("Khabarovsk", 48.48, 135.08, 2022890, "RU", "PPLA", "city"), ("Pyongyang", 39.03, 125.75, 1871859, "KP",
                                                                   "PPLC", "city"),
    ("Kyiv", 50.45, 30.52, 703448, "UA", "PPLC", "city"), ("Sergeevka training ground", 43.35, 132.0, 9000001, "RU",
                                                           "MILB", "point"),
]


def build_store(url: str, claims: int, seed: int = 7) -> None:
    """A store of `claims` synthetic claims, 10 per document, each with a source, a figure and a place."""
    from claimscope.ingest.document import Document
    from claimscope.store import Store

    rng = random.Random(seed)
    with Store(url) as store:
        for n in range(claims // CLAIMS_PER_DOCUMENT):
            published = datetime(2024, 1, 1) + timedelta(days=rng.randrange(365))
            document, data = _document(Document, n, published, rng)
            store.add(document, data)


def _document(document_type: Any, n: int, published: datetime, rng: random.Random) -> tuple[Any, dict[str, Any]]:
    sentences, claims, quantities, places = [], [], [], []
    text = ""
    for i in range(CLAIMS_PER_DOCUMENT):
        actor, kind, country = rng.choice(ACTORS)
        value = rng.randrange(1, 200) * 100
        unit, affiliation = rng.choice(UNITS), rng.choice(AFFILIATIONS)
        place = rng.choice(PLACES)
        figure = f"about {value:,} {affiliation} {unit}s"
        sentence = f"{actor} said on day {n}.{i} that {figure} were seen in {place[0]}. "
        base = len(text)
        source = {"text": actor, "start": base, "end": base + len(actor), "actor": actor, "kind": kind,
                  "country": country}
        said = base + len(actor) + 1
        content_start = text_start = base + sentence.index(" that ") + 6
        q_start = base + sentence.index(figure)
        p_start = base + sentence.index(place[0], sentence.index(" in "))
        quantity = {"text": figure, "start": q_start, "end": q_start + len(figure), "value": value,
                    "low": value * 0.9, "high": value * 1.1, "qualifier": "approx", "unit": unit,
                    "subject": f"{affiliation} {unit}s"}
        mention = {"text": place[0], "start": p_start, "end": p_start + len(place[0]), "name": place[0],
                   "lat": place[1], "lon": place[2], "geonames_id": place[3], "country": place[4],
                   "feature": place[5], "precision": place[6]}
        content_end = base + len(sentence) - 2
        claims.append({
            "id": f"c{n:07d}{i}", "source": source, "cue": "say",
            "cue_span": {"text": "said", "start": said, "end": said + 4}, "channel": None, "asserted_on": None,
            "content": {"text": sentence[text_start - base:len(sentence) - 2], "start": content_start,
                        "end": content_end},
            "modality": rng.choice(["asserted", "hedged", "asserted", "denied"]), "event": "sighting",
            "quantities": [quantity], "places": [mention], "times": [],
        })
        quantities.append(quantity)
        places.append(mention)
        sentences.append(sentence)
        text += sentence
    document = document_type(text=text, title=f"Report {n}", outlet=f"Outlet {n % 40}",
                             url=f"https://news.example/{n}", published=published, published_precision="day")
    data = {"document": {"id": document.id}, "claims": claims, "times": [], "places": places, "actors": [],
            "quantities": quantities}
    return document, data


def run(root: Path) -> Result:
    del root  # synthetic data: no benchmark corpus needed
    total = int(os.environ.get("CLAIMSCOPE_BENCH_LIMIT") or DEFAULT_CLAIMS)
    result = Result(task="export")
    with tempfile.TemporaryDirectory() as tmp:
        small = f"sqlite:///{Path(tmp) / 'small.db'}"
        for url, claims in ((small, total // 10), (f"sqlite:///{Path(tmp) / 'large.db'}", total)):
            started = time.perf_counter()
            build_store(url, claims)
            result.notes.append(f"{claims:,} claims stored through Store.add in {time.perf_counter() - started:.0f} s")
            _measure(result, url, claims, "no", Path(tmp))
        # Reconciliation at ingest costs far more than an export: it is measured on the smaller store only.
        from claimscope.reconcile import materialise
        from claimscope.store import Store

        started = time.perf_counter()
        with Store(small) as store:
            materialise.catch_up(store)
        result.notes.append(f"{total // 10:,} claims reconciled in {time.perf_counter() - started:.0f} s")
        _measure(result, small, total // 10, "yes", Path(tmp))
    result.notes.append(f"ratios: over {BASELINE} on the same store in the same run; seconds include the lookup")
    result.notes.append("lookup s: reading the claim -> topics, origin and grades lookup from the stored topics")
    return result


def _measure(result: Result, url: str, claims: int, reconciled: str, tmp: Path) -> None:
    """One row per configuration on one store, with ratios over the baseline's row."""
    baseline: dict[str, float] = {}
    for config in CONFIGS:
        try:
            figures = _run_worker(config, url, tmp)
        except subprocess.CalledProcessError as err:
            reason = (err.stderr or "").strip().splitlines()[-1:] or ["no output"]
            result.notes.append(f"{config} on {claims:,} claims failed: {reason[0]}")
            continue
        baseline = baseline or figures
        speed = figures["claims"] / figures["seconds"]
        result.rows.append({
            "system": config, "claims": figures["claims"], "topics": reconciled, "MB out": figures["bytes"] / 1e6,
            "lookup s": figures["lookup_s"], "seconds": figures["seconds"], "claims/s": speed,
            "speed ratio": speed / (baseline["claims"] / baseline["seconds"]), "peak RSS MB": figures["peak_rss_mb"],
            "memory ratio": figures["peak_rss_mb"] / baseline["peak_rss_mb"],
        })


def _run_worker(config: str, url: str, tmp: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "bench.export", config, url, str(tmp / "out")],
                         capture_output=True, text=True, check=True, cwd=REPO).stdout
    return json.loads(out.strip().splitlines()[-1])


def _worker(config: str, url: str, out_path: Path) -> None:
    """Export the store in one configuration to a file and print its figures as one JSON line."""
    from claimscope.export import stream
    from claimscope.store import Store

    with Store(url) as store:
        claims = store.counts()["claims"]
        started = time.perf_counter()
        with out_path.open("w", encoding="utf-8") as out:
            if config == BASELINE:
                lookup = 0.0
                out.write(json.dumps(store.claims(limit=None), ensure_ascii=False))
            else:
                chunks = stream(store, config)  # builds the lookup before the first chunk
                lookup = time.perf_counter() - started
                for chunk in chunks:
                    out.write(chunk)
        seconds = time.perf_counter() - started
    print(json.dumps({"claims": claims, "seconds": seconds, "lookup_s": lookup, "bytes": out_path.stat().st_size,
                      "peak_rss_mb": _peak_rss_mb()}))


def _peak_rss_mb() -> float:
    """This process's peak resident memory: VmHWM (reset by exec, unlike ru_maxrss, which a child inherits
    from the parent it was forked from), else ru_maxrss."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    _worker(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
