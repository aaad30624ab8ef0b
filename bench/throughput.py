"""Throughput and memory of the full ingest path next to bare `nlp.pipe`, on the same texts in the same run.

Each configuration runs in its own subprocess so that its peak resident memory is its own (children included,
for the multi-process runs: the largest child times the number of children, an upper bound). Texts: PolNeAR articles (train, then dev)
from the benchmark data, at least 500 documents.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import REPO, Result, skipped

MIN_DOCUMENTS = 500
CONFIGS = ("bare nlp.pipe", "extract", "ingest (extract + store)")
DASK = "ingest on Dask workers"  # one worker process per `n_process`


def corpus(root: Path, limit: int) -> list[str]:
    """Up to `limit` article texts from PolNeAR."""
    texts: list[str] = []
    for split in ("train", "dev"):
        folder = root / "polnear" / split / "text"
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            texts.append(path.read_text(encoding="utf-8"))
            if len(texts) >= limit:
                return texts
    return texts


def run(root: Path) -> Result:
    limit = max(MIN_DOCUMENTS, int(os.environ.get("CLAIMSCOPE_BENCH_LIMIT") or MIN_DOCUMENTS))
    texts = corpus(root, limit)
    if len(texts) < MIN_DOCUMENTS:
        return skipped("throughput", root / "polnear" / "train" / "text")
    result = Result(task="throughput")
    with tempfile.TemporaryDirectory() as tmp:
        corpus_file = Path(tmp) / "texts.json"
        corpus_file.write_text(json.dumps(texts))
        cores = os.cpu_count() or 1
        for n_process in sorted({1, cores}):
            baseline = None
            for config in CONFIGS:
                figures = run_worker(config, n_process, corpus_file, Path(tmp), result.notes)
                if figures is None:
                    continue
                baseline = baseline or figures["words_per_s"]
                result.rows.append({
                    "system": config, "processes": n_process, "documents": figures["documents"],
                    "words": figures["words"], "seconds": figures["seconds"],
                    "words/s": figures["words_per_s"], "docs/s": figures["documents"] / figures["seconds"],
                    "ratio to bare": figures["words_per_s"] / baseline, "peak RSS MB": figures["peak_rss_mb"],
                })
    result.notes.append("ratio to bare: words/s of the row over bare nlp.pipe with the same number of processes")
    return result


def run_worker(config: str, n_process: int, corpus_file: Path, tmp: Path, notes: list[str]) -> dict | None:
    """Time one configuration in a subprocess of its own: its figures, or None with a note if it failed."""
    try:
        out = subprocess.run(
            [sys.executable, "-m", "bench.throughput", config, str(n_process), str(corpus_file), str(tmp)],
            capture_output=True, text=True, check=True, cwd=REPO,
        ).stdout
    except subprocess.CalledProcessError as err:
        reason = (err.stderr or "").strip().splitlines()[-1:] or ["no output"]
        notes.append(f"{config} with {n_process} process(es) failed: {reason[0]}")
        return None
    return json.loads(out.strip().splitlines()[-1])


def _worker(config: str, n_process: int, corpus_file: Path, tmp: Path) -> None:
    """Time one configuration over the texts and print its figures as one JSON line."""
    from datetime import datetime

    from claimscope.ingest.document import Document

    texts = json.loads(corpus_file.read_text())
    words = sum(len(t.split()) for t in texts)
    if config == "bare nlp.pipe":
        from claimscope.extract.pipeline import load_model

        nlp = load_model()
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16, n_process=n_process):
            pass
    elif config == DASK:
        from claimscope.cluster import Cluster

        documents = [Document(text=t, published=datetime(2016, 10, 1), published_precision="day") for t in texts]
        url = f"sqlite:///{tmp / f'bench-dask-{n_process}.db'}"
        with Cluster(url, workers=n_process) as cluster:  # the workers have loaded the pipeline when it returns
            started = time.perf_counter()
            errors: list[str] = []
            assert all(outcome == "new" for _, (outcome, _) in cluster.stage(documents, errors.append)), errors
    else:
        from claimscope.extract import Extractor

        extractor = Extractor()
        extractor.nlp  # load before timing, as the bare run does
        documents = [Document(text=t, published=datetime(2016, 10, 1), published_precision="day") for t in texts]
        started = time.perf_counter()
        if config == "extract":
            for _ in extractor.extract_many(documents, n_process=n_process):
                pass
        else:
            from claimscope.store import Store

            store = Store(f"sqlite:///{tmp / f'bench-{n_process}.db'}")
            for document, claims in extractor.extract_many(documents, n_process=n_process):
                store.add(document, claims)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if n_process > 1 or config == DASK else 0
    print(json.dumps({"documents": len(texts), "words": words, "seconds": seconds, "words_per_s": words / seconds,
                      "peak_rss_mb": (own + children * n_process) / 1024}))


if __name__ == "__main__":
    _worker(sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
