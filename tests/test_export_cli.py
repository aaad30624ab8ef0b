"""`claimscope export` as a subprocess on a store filled through the store API (no spaCy): formats, filters,
`--out` written whole or not at all, one error line for bad requests."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from claimscope.ingest.document import Document
from claimscope.store import Store
from export_helpers import add_hostile

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "cli" / "seed-claims.json").read_text())
SEED_ID = FIXTURE["claims_json"]["document"]["id"]


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "claimscope", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "CLAIMSCOPE_HOME": str(home), "CLAIMSCOPE_GRADES": str(home / "none")})


@pytest.fixture()
def db(tmp_path) -> Path:
    path = tmp_path / "export.db"
    fields = FIXTURE["document"]
    with Store(f"sqlite:///{path}") as store:
        store.add(Document(**{**fields, "published": datetime.fromisoformat(fields["published"])}),
                  FIXTURE["claims_json"])
    add_hostile(f"sqlite:///{path}")
    return path


def test_every_format_to_stdout(tmp_path, db):
    for fmt in ("stix", "geojson", "jsonl"):
        result = run(tmp_path, "--db", str(db), "export", "--format", fmt)
        assert result.returncode == 0, result.stderr
        if fmt == "jsonl":
            assert len([json.loads(line) for line in result.stdout.splitlines()]) == 2
        else:
            assert json.loads(result.stdout)["type"] in ("bundle", "FeatureCollection")
    rows = list(csv.DictReader(io.StringIO(run(tmp_path, "--db", str(db), "export", "-f", "csv").stdout)))
    assert len({r["document_id"] for r in rows}) == 2 and SEED_ID in {r["document_id"] for r in rows}
    assert "hostile-claim-1" in {r["claim_id"] for r in rows}


def test_filters_of_claims_apply(tmp_path, db):
    result = run(tmp_path, "--db", str(db), "export", "-f", "jsonl", "--doc", SEED_ID[:8], "--source", "kirby")
    assert result.returncode == 0, result.stderr
    (data,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert data["document"]["id"] == SEED_ID and data["claims"]
    assert all("Kirby" in c["source"]["actor"] for c in data["claims"])
    later = run(tmp_path, "--db", str(db), "export", "-f", "jsonl", "--since", "2024-11")
    assert [json.loads(line)["claims"][0]["id"] for line in later.stdout.splitlines()] == ["hostile-claim-1"]


def test_out_writes_the_whole_file(tmp_path, db):
    out = tmp_path / "claims.geojson"
    result = run(tmp_path, "--db", str(db), "export", "-f", "geojson", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and str(out) in result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    assert out.stat().st_mode & 0o044  # readable as an ordinary file, not the owner-only temporary
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".claims")) == []


@pytest.mark.parametrize("args, message", [
    (["--since", "2024-13"], "since: '2024-13' is not a date"),
    (["--topic", "zzzz"], "no topic with id 'zzzz'"),
    (["--doc", "ffffffff"], "no document with id 'ffffffff'"),
])
def test_a_bad_request_is_one_error_line_and_no_file(tmp_path, db, args, message):
    out = tmp_path / "never.csv"
    result = run(tmp_path, "--db", str(db), "export", "-f", "csv", "--out", str(out), *args)
    assert result.returncode == 1 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
    assert not out.exists()


def test_an_unwritable_out_is_one_error_line(tmp_path, db):
    result = run(tmp_path, "--db", str(db), "export", "-f", "csv", "--out", str(tmp_path / "missing" / "x.csv"))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "cannot write" in result.stderr
