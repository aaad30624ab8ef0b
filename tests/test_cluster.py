"""Ingest on a Dask LocalCluster of two workers into PostgreSQL stores exactly what a single-process ingest does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimscope.batch import ingest
from claimscope.store import Store

pytest.importorskip("distributed")

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
TARGETS = [str(FIXTURES / "corpus"), str(FIXTURES / "bad")]


def stored(url: str) -> dict[str, object]:
    """Everything a store holds, as the commands print it (less the ingestion time)."""
    with Store(url) as store:
        documents = [{k: v for k, v in d.items() if k != "ingested_at"} for d in store.documents(limit=None)]
        return {
            "documents": sorted(documents, key=lambda d: d["id"]),
            "claims_json": {d["id"]: store.claims_json(d["id"]) for d in documents},
            "counts": store.counts(),
            "search": [d["id"] for d in store.documents(q='"North Korean" troop*', limit=None)],
        }


def test_two_dask_workers_store_what_one_process_stores(postgres, extractor, tmp_path):
    from claimscope.cluster import Cluster

    single, clustered = f"sqlite:///{tmp_path / 'single.db'}", postgres.create()
    errors: dict[str, list[str]] = {"single": [], "cluster": []}
    with Store(single) as store:
        expected = ingest(TARGETS, store, extractor, errors["single"].append)
    with Store(clustered) as store, Cluster(clustered, workers=2, processes=False, batch_size=2) as cluster:
        counts = ingest(TARGETS, store, None, errors["cluster"].append, stage=cluster.stage)
        assert len(cluster.client.nthreads()) == 2
    assert counts == expected and str(counts) == "new 6, duplicate 1, failed 2"
    assert errors["cluster"] == errors["single"] and len(errors["single"]) == 2
    assert stored(clustered) == stored(single)
    postgres.drop(clustered)


def test_a_cluster_over_sqlite_is_refused(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "claimscope", "--db", str(tmp_path / "x.db"), "ingest", "--scheduler",
         "tcp://127.0.0.1:8786", str(FIXTURES / "corpus")],
        capture_output=True, text=True, timeout=120, env={**os.environ, "CLAIMSCOPE_HOME": str(tmp_path)},
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "error: a Dask cluster needs a database every worker reaches: give --db postgresql+psycopg://..."
    ]
