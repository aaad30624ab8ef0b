"""Growth: ingest throughput with 1 and 2 processes and 2 Dask workers next to bare `nlp.pipe`; the cost of storing
a document as the store grows from 10^3 to 10^5 documents; the p95 latency of the commands' queries at 10^5 and
10^6 claims; on SQLite and on PostgreSQL (CLAIMSCOPE_BENCH_PG, an empty database, else a throwaway server).

Texts: PolNeAR articles (`--limit N`, default 200). The store is pre-filled with synthetic rows (bench.synthetic);
CLAIMSCOPE_BENCH_SCALE_DOCS caps the largest store (default 10^5 documents = 10^6 claims);
CLAIMSCOPE_BENCH_SCALE_PARTS picks the parts to run (`throughput`, `growth`; default both), so the store growth
can be measured again without re-running the throughput.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bench import synthetic
from bench.common import Result, skipped
from bench.throughput import DASK, corpus, run_worker

DEFAULT_TEXTS = 200
SIZES = (1_000, 10_000, 100_000)  # documents in the store; 10 claims each
QUERY_SIZES = (10_000, 100_000)  # 10^5 and 10^6 claims
PROBES = 30  # real documents stored at each size
REPEATS = 20
THROUGHPUT = (("bare nlp.pipe", 1), ("ingest (extract + store)", 1), ("bare nlp.pipe", 2),
              ("ingest (extract + store)", 2), (DASK, 2))


def run(root: Path) -> Result:
    limit = int(os.environ.get("CLAIMSCOPE_BENCH_LIMIT") or DEFAULT_TEXTS)
    texts = corpus(root, limit)
    if not texts:
        return skipped("scale", root / "polnear" / "train" / "text")
    result = Result(task="scale")
    largest = int(os.environ.get("CLAIMSCOPE_BENCH_SCALE_DOCS") or SIZES[-1])
    parts = set((os.environ.get("CLAIMSCOPE_BENCH_SCALE_PARTS") or "throughput,growth").split(","))
    if "throughput" in parts:
        throughput(result, texts)
    if "growth" not in parts:
        return result
    probes = extracted(texts[:PROBES])
    with backends(result) as urls:
        for backend, url in urls:
            growth(result, backend, url, probes, [s for s in SIZES if s <= largest])
    result.notes.append("per doc: has() + add() of real extracted documents, mean over the probes; ratio to the "
                        "smallest store. p95 over %d runs of each query, in ms" % REPEATS)
    return result


def throughput(result: Result, texts: list[str]) -> None:
    """Words/s of each configuration, its ratio to bare nlp.pipe with as many processes, and to 1 process."""
    bare: dict[int, float] = {}
    single = None
    with tempfile.TemporaryDirectory() as tmp:
        corpus_file = Path(tmp) / "texts.json"
        corpus_file.write_text(json.dumps(texts))
        for config, processes in THROUGHPUT:
            figures = run_worker(config, processes, corpus_file, Path(tmp), result.notes)
            if figures is None:
                continue
            speed = figures["words_per_s"]
            bare.setdefault(processes, speed)
            if config != "bare nlp.pipe" and single is None:
                single = speed
            result.rows.append({
                "measure": "throughput", "system": config, "processes": processes, "documents": figures["documents"],
                "words/s": speed, "ratio to bare": speed / bare[processes],
                "ratio to 1 process": speed / single if single and config != "bare nlp.pipe" else None,
            })


def extracted(texts: list[str]) -> list[tuple[Any, dict[str, Any]]]:
    """(document, claims JSON) for the probe texts, extracted once."""
    from claimscope.extract import Extractor
    from claimscope.ingest.document import Document

    documents = [Document(text=t, published=datetime(2016, 10, 1), published_precision="day") for t in texts]
    return list(Extractor().extract_many(documents))


@contextmanager
def backends(result: Result) -> Iterator[list[tuple[str, str]]]:
    """(name, URL) of an empty SQLite file and an empty PostgreSQL database (skipped, with a note, if none)."""
    with tempfile.TemporaryDirectory() as tmp:
        urls = [("sqlite", f"sqlite:///{tmp}/scale.db")]
        given = os.environ.get("CLAIMSCOPE_BENCH_PG")
        if given:
            yield [*urls, ("postgresql", given)]
            return
        from tests.pgserver import TempPostgres, missing

        reason = missing()
        if reason:
            result.notes.append(f"PostgreSQL not measured: {reason}")
            yield urls
            return
        with TempPostgres() as server:
            yield [*urls, ("postgresql", server.url())]


def growth(result: Result, backend: str, url: str, probes: list, sizes: list[int]) -> None:
    """Fill the store size by size; at each, time storing the probes and, at the query sizes, the queries."""
    from claimscope.store import Store

    with Store(url) as store:
        synthetic.create_actors(store)
        _store_probes(store, probes)  # warm up: the first stores pay for caches and compiled statements
        _remove_probes(store, probes)
        filled, baseline = 0, None
        for size in sizes:
            started = time.perf_counter()
            synthetic.fill(store, filled, size)
            with store.engine.begin() as connection:  # as autovacuum (PostgreSQL) or PRAGMA optimize (SQLite)
                connection.exec_driver_sql("ANALYZE")
            fill_s, filled = time.perf_counter() - started, size
            per_doc = _store_probes(store, probes)
            baseline = baseline or per_doc
            result.rows.append({"measure": "ingest per doc", "system": backend, "documents": size,
                                "claims": size * synthetic.CLAIMS_PER_DOC, "ms": per_doc * 1000,
                                "ratio to smallest": per_doc / baseline, "fill s": fill_s})
            if size in QUERY_SIZES:
                for name, query in queries(store).items():
                    result.rows.append({"measure": "query p95", "system": backend, "documents": size,
                                        "claims": size * synthetic.CLAIMS_PER_DOC, "query": name,
                                        "ms": _p95(query) * 1000})
            _remove_probes(store, probes)


def queries(store: Any) -> dict[str, Callable[[], object]]:
    """The queries behind `documents --q`, `claims` filters and the topic commands, as the CLI runs them."""
    common, rare = synthetic.VOCABULARY[3], synthetic.VOCABULARY[700]
    week = (date(2024, 3, 1), date(2024, 3, 7))
    found: dict[str, Callable[[], object]] = {
        "documents": lambda: store.documents(limit=50),
        f"documents --q {common}": lambda: store.documents(q=common, limit=50),
        f"documents --q {rare}": lambda: store.documents(q=rare, limit=50),
        "documents --q phrase": lambda: store.documents(q=f'"{common} {synthetic.VOCABULARY[1]}"', limit=50),
        "documents --q prefix*": lambda: store.documents(q=rare[:4] + "*", limit=50),
        "claims": lambda: store.claims(limit=100),
        "claims --modality": lambda: store.claims(modality="denied", limit=100),
        "claims --source": lambda: store.claims(source="Actor 17", limit=100),
        "claims --actor": lambda: store.claims(actor=synthetic.actor_name(17), limit=100),
        "claims --since --until": lambda: store.claims(since=week[0], until=week[1], limit=100),
        "claims --q": lambda: store.claims(q=rare, limit=100),
        "claims --doc": lambda: store.claims(document="s0000000000000000042", limit=100),
        "claims --event --since": lambda: store.claims(event="strike", since=week[0], limit=100),
    }
    if hasattr(store, "topics"):  # materialised reconciliation (issue 9)
        topics = store.topics()
        found["topics"] = store.topics
        if topics:
            first = topics[0]["id"] if isinstance(topics[0], dict) else topics[0].id
            found["topic ID"] = lambda: store.topic(first)
    return found


def _store_probes(store: Any, probes: list) -> float:
    started = time.perf_counter()
    for document, data in probes:
        if not store.has(document.id):
            store.add(document, data)
    return (time.perf_counter() - started) / len(probes)


def _remove_probes(store: Any, probes: list) -> None:
    from sqlalchemy import delete

    from claimscope.store.schema import DocumentRow

    with store.engine.begin() as connection:
        connection.execute(delete(DocumentRow).where(DocumentRow.id.in_([d.id for d, _ in probes])))


def _p95(query: Callable[[], object]) -> float:
    query()  # warm the caches once
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        query()
        times.append(time.perf_counter() - started)
    return statistics.quantiles(times, n=20)[-1]
