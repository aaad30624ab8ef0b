"""`claimscope topics`, `topic`, the topic edits and `grade`, as subprocesses on a real database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from claimscope.config import cache_dir

WIRE = """---
title: "Pentagon: about 10,000 North Korean soldiers in Russia"
date: 2024-10-28
outlet: Test Wire
---
Pentagon spokeswoman Sabrina Singh said on Monday that about 10,000 North Korean soldiers had been sent to
train in eastern Russia.
"""
LATER = """---
title: "Seoul: North Korean officers in Russia"
date: 2024-11-13
outlet: Test Ledger
---
South Korea's National Intelligence Service said on Wednesday that 500 North Korean officers had been sent to
Russia.
"""


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLAIMSCOPE_HOME": str(home), "CLAIMSCOPE_CACHE": str(cache_dir()), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "claimscope", *args], capture_output=True, text=True,
                          timeout=900, env=env)


def topics(home: Path) -> dict[str, dict]:
    done = run(home, "topics", "--format", "json")
    assert done.returncode == 0, done.stderr
    return {t["label"]: t for t in json.loads(done.stdout)}


def test_topic_edits_survive_reingestion_and_grades_show(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "wire.md").write_text(WIRE)
    assert run(tmp_path, "ingest", str(tmp_path / "docs")).returncode == 0
    (personnel,) = [t for label, t in topics(tmp_path).items() if "personnel" in label]
    assert run(tmp_path, "rename-topic", personnel["id"][:6], "NK troops in Russia").returncode == 0
    assert run(tmp_path, "grade", "Pentagon", "b").returncode == 0

    (tmp_path / "docs" / "later.md").write_text(LATER)
    assert run(tmp_path, "ingest", str(tmp_path / "docs")).stdout.strip().endswith("new 1, duplicate 1, failed 0")
    found = topics(tmp_path)
    assert "NK troops in Russia" in found  # the rename still applies after re-ingestion
    officers = next(t for label, t in found.items() if "officers" in label)
    assert run(tmp_path, "merge-topics", officers["id"], personnel["id"]).returncode == 0
    merged = topics(tmp_path)
    assert set(merged) == {"NK troops in Russia"} and merged["NK troops in Russia"]["claims"] == 2

    timeline = json.loads(run(tmp_path, "topic", personnel["id"], "--format", "json").stdout)
    singh = next(r for r in timeline["timeline"] if r["value"] == 10000)
    assert singh["reliability"] == "B" and singh["date"] == "2024-10-28"
    assert run(tmp_path, "grade", "Pentagon", "Q").returncode == 1  # not an Admiralty letter
    assert "US Department of Defense" in run(tmp_path, "grade").stdout


def test_grades_file_is_read(tmp_path):
    grades = tmp_path / "grades.yml"
    grades.write_text("CNN: C\n")
    env_home = tmp_path / "home"
    done = subprocess.run([sys.executable, "-m", "claimscope", "grade"], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "CLAIMSCOPE_HOME": str(env_home),
                                            "CLAIMSCOPE_GRADES": str(grades), "COLUMNS": "200"})
    assert done.returncode == 0, done.stderr
    assert "CNN" in done.stdout and "fairly reliable" in done.stdout


def test_unknown_topic_is_one_error_line(tmp_path):
    done = run(tmp_path, "topic", "zzzz")
    assert done.returncode == 1
    assert done.stderr.strip().startswith("error:") and len(done.stderr.strip().splitlines()) == 1


UNCOUNTED = """---
title: "Kyiv: drone intercepted"
date: 2024-11-14
outlet: Test Post
---
Ukraine's air force said on Thursday that the North Korean battalion had withdrawn from the village.
"""


def test_short_claim_ids_add_to_topic_and_split(tmp_path):
    (tmp_path / "docs").mkdir()
    for name, text in (("wire.md", WIRE), ("later.md", LATER), ("uncounted.md", UNCOUNTED)):
        (tmp_path / "docs" / name).write_text(text)
    assert run(tmp_path, "ingest", str(tmp_path / "docs")).returncode == 0
    claims = json.loads(run(tmp_path, "claims", "--format", "json").stdout)
    in_topics = {r["claim_id"] for t in topics(tmp_path).values()
                 for r in json.loads(run(tmp_path, "topic", t["id"], "--format", "json").stdout)["timeline"]}
    loose = next(c["id"] for c in claims if c["id"] not in in_topics and c.get("source"))
    (personnel,) = [t for label, t in topics(tmp_path).items() if label.endswith("personnel in Russia")]

    table = run(tmp_path, "topic", personnel["id"][:6]).stdout
    shown = json.loads(run(tmp_path, "topic", personnel["id"], "--format", "json").stdout)
    assert all(r["short_id"] in table for r in shown["timeline"])  # short ids are shown in the table

    added = run(tmp_path, "add-to-topic", personnel["id"][:6], loose[:6])
    assert added.returncode == 0, added.stderr
    after = json.loads(run(tmp_path, "topic", personnel["id"], "--format", "json").stdout)
    assert loose in {r["claim_id"] for r in after["timeline"]} and after["claims"] == shown["claims"] + 1

    split = run(tmp_path, "split-topic", personnel["id"], loose[:6], "--label", "Withdrawal")
    assert split.returncode == 0, split.stderr
    found = topics(tmp_path)
    assert found["Withdrawal"]["claims"] == 1 and found[personnel["label"]]["claims"] == shown["claims"]
    assert run(tmp_path, "add-to-topic", personnel["id"], "zz").returncode == 1
