"""Long documents: words/s and peak memory of extracting one text of 0.1, 1, 2 and 20 MB, next to the same
articles extracted one by one (the baseline), each size in its own subprocess so its peak RSS is its own.

The long texts are PolNeAR articles (train, then dev) joined by blank lines, repeated as needed to reach the
size. `CLAIMSCOPE_LONG_DOCS_MB` (e.g. "0.1,1") chooses the sizes; `CLAIMSCOPE_BENCH_LIMIT` is not used.
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
from bench.throughput import corpus

TASK = "long-docs"
SIZES_MB = (0.1, 1.0, 2.0, 20.0)
BASELINE_MB = 0.5  # of separate articles
MB = 1_000_000


def run(root: Path) -> Result:
    articles = corpus(root, 10_000)
    if not articles:
        return skipped(TASK, root / "polnear" / "train" / "text")
    sizes = [float(s) for s in os.environ.get("CLAIMSCOPE_LONG_DOCS_MB", "").split(",") if s] or SIZES_MB
    result = Result(task=TASK)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "articles.json"
        source.write_text(json.dumps(articles))
        baseline = None
        for label, size in (("articles (baseline)", BASELINE_MB), *((f"one {s:g} MB text", s) for s in sizes)):
            mode = "articles" if baseline is None else "one"
            try:
                figures = _measure(mode, size, source)
            except subprocess.CalledProcessError as err:
                reason = (err.stderr or "").strip().splitlines()[-1:] or ["no output"]
                result.notes.append(f"{label} failed: {reason[0]}")
                continue
            baseline = baseline or figures["words_per_s"]
            result.rows.append({
                "text": label, "characters": figures["characters"], "documents": figures["documents"],
                "words": figures["words"], "seconds": figures["seconds"], "words/s": figures["words_per_s"],
                "ratio to articles": figures["words_per_s"] / baseline, "peak RSS MB": figures["peak_rss_mb"],
                "claims": figures["claims"],
            })
    result.notes.append(f"baseline: {BASELINE_MB:g} MB of PolNeAR articles extracted as separate documents; "
                        "goal: ratio >= 0.8, peak RSS < 1500 MB at 20 MB")
    return result


def _measure(mode: str, size: float, source: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bench.long_docs", mode, str(size), str(source)],
        capture_output=True, text=True, check=True, cwd=REPO,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def texts_of(articles: list[str], size: float, joined: bool) -> list[str]:
    """Articles (cycled) up to `size` MB of characters: as they are, or joined into one text."""
    taken: list[str] = []
    total = 0
    while total < size * MB:
        article = articles[len(taken) % len(articles)]
        taken.append(article)
        total += len(article) + 2
    return ["\n\n".join(taken)[: int(size * MB)]] if joined else taken


def _worker(mode: str, size: float, source: Path) -> None:
    """Extract the texts of one configuration and print its figures as one JSON line."""
    from datetime import datetime

    from claimscope.extract import Extractor
    from claimscope.ingest.document import Document

    texts = texts_of(json.loads(source.read_text()), size, joined=mode == "one")
    extractor = Extractor()
    extractor.nlp  # noqa: B018  (load before timing)
    documents = [Document(text=t, published=datetime(2016, 10, 1), published_precision="day") for t in texts]
    started = time.perf_counter()
    claims = sum(len(data["claims"]) for _, data in extractor.extract_many(documents))
    seconds = time.perf_counter() - started
    words = sum(len(t.split()) for t in texts)
    print(json.dumps({"characters": sum(map(len, texts)), "documents": len(texts), "words": words,
                      "seconds": seconds, "words_per_s": words / seconds, "claims": claims,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    _worker(sys.argv[1], float(sys.argv[2]), Path(sys.argv[3]))
