"""Cross-document reconciliation scored by the shared scorer (`../shared/tools/score_recon.py`): topic B-cubed
F1, origin pair F1, interval agreement and coverage, on the real development set (`claims-real-dev`) and on the
bundled corpus (its cross-document gold, `bench/gold/recon-samples/`, drawn from the corpus's MANIFEST).

Each corpus is ingested into a fresh SQLite store (extraction, then the reconciliation increment per document,
exactly as `claimscope ingest`); the prediction is read through the store API the CLI reads (`documents`,
`claims`, `topics`, `topic ID`) and handed to the scorer's own `score`.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.common import Result, skipped

HERE = Path(__file__).resolve().parent
SAMPLES_GOLD = HERE / "gold" / "recon-samples" / "recon-gold.json"
FIGURES = (("topic F1", "topic_b3_f1"), ("origin F1", "origin_pair_f1"), ("intervals", "interval_agreement"),
           ("in topic", "coverage_in_topic"), ("topics", "predicted_topics"))


def scorer(root: Path) -> ModuleType | None:
    """The shared scorer, imported from `tools/` beside the benchmark root (standard library only)."""
    path = root.parent / "tools" / "score_recon.py"
    if not path.is_file():
        return None
    sys.path.insert(0, str(path.parent))  # it imports score_claims from its own folder
    spec = importlib.util.spec_from_file_location("score_recon", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prediction(store: Any, gold: dict[str, Any], score_recon: ModuleType) -> dict[str, Any]:
    """What `score_recon.fetch_prediction` reads through the CLI, read in this process through the store."""
    known = {ref.split(":")[0] for ref in gold["claims"]}
    by_title = {v: k for k, v in gold["first_lines"].items()}
    doc_of = {}
    for d in store.documents(limit=None):
        name = score_recon.doc_name(d.get("origin"), known)
        if name:
            doc_of[d["id"]] = name
        elif (d.get("title") or "").strip() in by_title:
            doc_of[d["id"]] = by_title[d["title"].strip()]
    claims = [{"id": c["id"], "doc": doc_of.get(c["document"]["id"]), "document_id": c["document"]["id"],
               "content": c["content"]["text"], "source": c.get("source"),
               "quantities": [{"low": q.get("low"), "high": q.get("high"), "text": q.get("text")}
                              for q in c.get("quantities") or []]}
              for c in store.claims()]
    topics = []
    for t in store.topics():
        detail = store.topic(t["id"])
        topics.append({"id": t["id"], "label": detail["label"], "rows": [
            {k: r.get(k) for k in ("claim_id", "document_id", "origin", "low", "high", "content")}
            for r in detail["timeline"]]})
    return {"claims": claims, "topics": topics}


def corpora(root: Path) -> list[tuple[str, Path, Path]]:
    """(name, documents to ingest, recon gold) of each corpus."""
    from claimscope.samples import corpus_dir

    dev = root / "claims-real-dev"
    return [("real dev set", dev / "docs", dev / "recon-gold.json"),
            ("bundled corpus", corpus_dir(), SAMPLES_GOLD)]


def score_corpus(docs: Path, gold_path: Path, score_recon: ModuleType, extractor: Any,
                 db: Path | None = None) -> dict[str, Any]:
    """Ingest `docs` into a fresh store (or reconcile an existing `db` again) and score it."""
    from claimscope import batch
    from claimscope.reconcile import materialise
    from claimscope.store import Store

    gold = score_recon.load_gold(str(gold_path), str(docs) if docs.name == "docs" else None)
    with tempfile.TemporaryDirectory() as tmp:
        path = db or Path(tmp) / "recon.db"
        with Store(f"sqlite:///{path}") as store:
            if db is None:
                errors: list[str] = []
                batch.ingest([str(docs)], store, extractor, on_error=errors.append)
            else:
                materialise.rebuild(store)
            return score_recon.score(gold, prediction(store, gold, score_recon))


def run(root: Path) -> Result:
    score_recon = scorer(root)
    if score_recon is None:
        return skipped("reconcile", root.parent / "tools" / "score_recon.py")
    from claimscope.extract import Extractor

    extractor = Extractor()
    result = Result(task="reconcile")
    for name, docs, gold in corpora(root):
        if not docs.is_dir() or not gold.is_file():
            result.notes.append(f"{name}: data not found: {docs if not docs.is_dir() else gold}")
            continue
        figures = score_corpus(docs, gold, score_recon, extractor)
        result.rows.append({"system": name, **{label: figures.get(key) for label, key in FIGURES}})
    result.notes.append("the same figures as `python ../shared/tools/score_recon.py DB --gold GOLD` on a store "
                        "built by `claimscope --db DB ingest DOCS`")
    return result
