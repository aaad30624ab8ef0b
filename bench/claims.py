"""Claim extraction against gold files: the seed article, the development set in `bench/gold/` and the real
development articles of the benchmark root (`claims-real-dev/`).

The development set (ten documents written for the project, annotated to ANNOTATION.md) is the check on
over-fitting to the seed: a large gap between the "seed" and "dev set" rows means rules that learnt the seed's
sentences rather than the phenomena. The "real dev" row (real news articles from several conflicts) is the
closest to the held-out sets. Every document is extracted with one pipeline load and scored with
`claimscope.evaluate.score`, the package's port of the shared reference scorer.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.common import Result, skipped

if TYPE_CHECKING:
    from claimscope.ingest import Document

GOLD = Path(__file__).resolve().parent / "gold"
REAL_DEV = "claims-real-dev"  # real articles with claim gold, under the benchmark root

# (column, figure of claimscope.evaluate.Report.figures())
COLUMNS = (
    ("docs", "documents"),
    ("gold", "gold_claims"),
    ("pred", "predicted_claims"),
    ("P", "claim_precision"),
    ("R", "claim_recall"),
    ("F1", "claim_f1"),
    ("F1 lenient", "claim_f1_lenient_names"),
    ("span R", "span_recall"),
    ("country", "source_country_acc"),
    ("cue", "cue_acc"),
    ("asserted_on", "asserted_on_acc"),
    ("modality", "modality_acc"),
    ("event", "event_acc"),
    ("qty R", "quantity_recall"),
    ("qty P", "quantity_precision"),
    ("place R", "place_recall"),
)


def gold_sets(root: Path) -> dict[str, list[Path]]:
    """The gold files of each row: the seed (when the shared spec is beside the benchmark root) and the dev set.

    `CLAIMSCOPE_BENCH_LIMIT` caps the number of dev-set files (a quick run).
    """
    sets: dict[str, list[Path]] = {}
    seed = root.parent / "spec" / "seed-gold.json"
    if seed.is_file():
        sets["seed"] = [seed]
    dev = sorted(GOLD.glob("*-gold.json"))
    limit = int(os.environ.get("CLAIMSCOPE_BENCH_LIMIT") or 0)
    if dev:
        sets["dev set"] = dev[:limit] if limit else dev
    real = sorted((root / REAL_DEV / "gold").glob("*-gold.json"))
    if real:
        sets["real dev"] = real[:limit] if limit else real
    return sets


def run(root: Path) -> Result:
    """Extract every gold file's document (one pipeline load) and score the seed and the dev set as two rows."""
    sets = gold_sets(root)
    if "dev set" not in sets:
        return skipped("claims", GOLD / "*-gold.json")
    from claimscope.evaluate import score
    from claimscope.extract import Extractor

    golds = {name: [json.loads(path.read_text(encoding="utf-8")) for path in paths] for name, paths in sets.items()}
    documents = [_document(path, gold) for name, paths in sets.items() for path, gold in zip(paths, golds[name])]
    predictions = iter([claims for _, claims in Extractor().extract_many(documents)])  # one pipeline load

    result = Result(task="claims")
    for name, paths in sets.items():
        pairs = [(gold, next(predictions)) for gold in golds[name]]
        report = score(pairs)
        figures = report.figures()
        result.rows.append({"system": name, **{column: figures[key] for column, key in COLUMNS}})
        misses = Counter(miss.field for miss in report.misses)
        if misses:
            result.notes.append(f"{name} misses: " + ", ".join(f"{field} {n}" for field, n in misses.most_common()))
        if len(pairs) > 1:
            per_doc = [f"{gold['doc'].split('-')[0]} {score([(gold, pred)]).figures()['claim_f1']:.2f}"
                       for gold, pred in pairs]
            result.notes.append(f"{name} F1 by document: " + ", ".join(per_doc))
    rows = {row["system"]: row for row in result.rows}
    if "seed" in rows:
        gap = rows["seed"]["F1"] - rows["dev set"]["F1"]
        result.notes.append(f"seed F1 - dev set F1 = {gap:+.3f} (a large positive gap means over-fitting to the seed)")
    result.notes.append("scored with claimscope.evaluate.score (port of shared/tools/score_claims.py); "
                        "details: claimscope eval bench/gold/*-gold.json")
    return result


def _document(gold_path: Path, gold: dict[str, Any]) -> Document:
    """The document a gold file names (relative to the gold file), read as `claimscope extract` reads it."""
    from claimscope.ingest import IngestError, read

    target = gold_path.parent / gold["doc"]
    if not target.is_file():  # claims-real-dev keeps its documents in docs/ beside gold/
        target = gold_path.parent.parent / "docs" / gold["doc"]
    found = next(read(str(target)), None)
    if found is None or isinstance(found, IngestError):
        raise RuntimeError(f"{gold_path}: document {target} unreadable: {found}")
    return found
