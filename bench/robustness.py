"""Robustness: the full extraction over every text of the benchmark corpora, counting failures by exception type
and by the component that raised, and outputs whose spans do not match the text.

Texts: PolNeAR (train and dev), LGL and TR-News (geoparsing), TimeBank and AQUAINT, and the real dev set
(claims-real-dev/docs, read by claimscope's own readers). Goal: 0 failures, 0 bad outputs.
`CLAIMSCOPE_BENCH_LIMIT` caps the documents per corpus.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.common import Result, skipped

TASK = "robustness"
BATCH = 16
PUBLISHED = re.compile(r"_(\d{4}-\d{2}-\d{2})_")  # PolNeAR names carry the publication day
DEFAULT_DAY = datetime(2016, 10, 1)


def corpora(root: Path, limit: int | None) -> Iterator[tuple[str, list[Any]]]:
    """(corpus name, its documents) for every corpus found under `root`, through the other tasks' loaders."""
    from bench.geoparsing import load_corpus
    from bench.timebank import CORPORA, load
    from claimscope.ingest import Document, read

    for split in ("train", "dev"):
        paths = sorted((root / "polnear" / split / "text").glob("*.txt"))[:limit]
        yield f"PolNeAR {split}", [_document(p.read_text(encoding="utf-8"), _day(p.name), p.name) for p in paths]
    for name, file in (("LGL", "lgl.xml"), ("TR-News", "TR-News.xml")):
        path = root / "geoparsing" / file
        articles = load_corpus(path, limit) if path.is_file() else []
        yield name, [_document(a.text, DEFAULT_DAY, f"{file}#{i}") for i, a in enumerate(articles)]
    for corpus in CORPORA:
        paths = sorted((root / "timebank" / corpus).glob("*.tml"))[:limit]
        docs = (load(p) for p in paths)
        yield corpus, [_document(d.text, datetime(d.dct.year, d.dct.month, d.dct.day), d.name) for d in docs]
    paths = sorted((root / "claims-real-dev" / "docs").glob("*"))[:limit]
    yield "claims-real-dev", [d for p in paths for d in read(str(p)) if isinstance(d, Document)]


def _document(text: str, published: datetime, origin: str) -> Any:
    from claimscope.ingest import Document

    return Document(text=text, published=published, published_precision="day", origin=origin)


def _day(name: str) -> datetime:
    found = PUBLISHED.search(name)
    return datetime.fromisoformat(found.group(1)) if found else DEFAULT_DAY


def problems(text: str, data: dict[str, Any]) -> list[str]:
    """What is wrong with a claims JSON against its text: a span outside the text or unequal to the text at
    its offsets, or an interval with low > high."""
    found: list[str] = []

    def visit(value: Any, where: str) -> None:
        if isinstance(value, list):
            for i, item in enumerate(value):
                visit(item, f"{where}[{i}]")
            return
        if not isinstance(value, dict):
            return
        start, end = value.get("start"), value.get("end")
        if isinstance(start, int) and isinstance(end, int):
            if not 0 <= start <= end <= len(text):
                found.append(f"{where}: offsets {start}-{end} outside the text ({len(text)} characters)")
            elif "text" in value and "parts" not in value and text[start:end] != value["text"]:
                found.append(f"{where}: text {value['text'][:40]!r} is not the text at {start}-{end}")
        for a, b in value.get("parts") or ():
            if not 0 <= a <= b <= len(text):
                found.append(f"{where}.parts: {a}-{b} outside the text")
        low, high = value.get("low"), value.get("high")
        if low is not None and high is not None and low > high:
            found.append(f"{where}: interval low {low} > high {high}")
        for key, item in value.items():
            visit(item, f"{where}.{key}")

    visit(data, "")
    return found


def run(root: Path) -> Result:
    if not (root / "polnear").is_dir():
        return skipped(TASK, root / "polnear")
    from claimscope.extract import ExtractionError, Extractor

    limit = int(os.environ.get("CLAIMSCOPE_BENCH_LIMIT") or 0) or None
    extractor = Extractor()
    extractor.nlp  # noqa: B018  (load before timing)
    result = Result(task=TASK)
    failures: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], str] = {}
    for corpus, documents in corpora(root, limit):
        if not documents:
            result.notes.append(f"{corpus}: no documents found")
            continue
        words = sum(len(d.text.split()) for d in documents)
        failed = bad = 0
        started = time.perf_counter()
        for document, data in _extract(extractor, documents):
            if isinstance(data, Exception):
                failed += 1
                key = (data.kind, data.component) if isinstance(data, ExtractionError) else (type(data).__name__, "?")
                failures[key] += 1
                examples.setdefault(key, f"{document.origin}: {data}")
                continue
            wrong = problems(document.text, data)
            if wrong:
                bad += 1
                examples.setdefault(("bad output", corpus), f"{document.origin}: {wrong[0]}")
        seconds = time.perf_counter() - started
        result.rows.append({"corpus": corpus, "documents": len(documents), "failed": failed, "bad output": bad,
                            "words": words, "seconds": seconds, "words/s": words / seconds})
    total = {key: sum(row[key] for row in result.rows) for key in ("documents", "failed", "bad output", "words",
                                                                     "seconds")}
    result.rows.append({"corpus": "all", **total, "words/s": total["words"] / max(total["seconds"], 1e-9)})
    for (kind, component), n in failures.most_common():
        result.notes.append(f"{n} x {kind} in {component}, e.g. {examples[(kind, component)]}")
    result.notes.extend(f"bad output in {corpus}, e.g. {example}" for (kind, corpus), example in examples.items()
                        if kind == "bad output")
    if not failures:
        result.notes.append("no failures")
    return result


def _extract(extractor: Any, documents: list[Any]) -> Iterator[tuple[Any, Any]]:
    """(document, claims JSON or the exception it raised), batch by batch; a failing batch is redone one
    document at a time to find the culprit."""
    for i in range(0, len(documents), BATCH):
        batch = documents[i : i + BATCH]
        try:
            yield from list(extractor.extract_many(batch, batch_size=BATCH))
        except Exception:
            for document in batch:
                try:
                    yield document, extractor.extract(document)
                except Exception as exc:
                    yield document, exc
