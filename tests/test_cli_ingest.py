"""`claimscope ingest`, `extract` and `demo` as subprocesses with the full pipeline, against temporary databases."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from claimscope.config import cache_dir
from claimscope.ingest import Document, expand, read
from claimscope.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
CORPUS = FIXTURES / "corpus"
BAD = FIXTURES / "bad"


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimscope", *args]


def environment(home: Path) -> dict[str, str]:
    """A data home of the test's own, sharing the usual cache (the gazetteer index takes a while to build)."""
    return {**os.environ, "CLAIMSCOPE_HOME": str(home), "CLAIMSCOPE_CACHE": str(cache_dir()), "COLUMNS": "200"}


def run(home: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m claimscope ARGS` with its own data home, and a deadline."""
    return subprocess.run(
        command(*args), capture_output=True, text=True, timeout=900, env={**environment(home), **(env or {})}
    )


def documents_in(*targets: Path) -> list[Document]:
    return [d for path in expand(map(str, targets)) for d in read(path) if isinstance(d, Document)]


def test_ingest_counts_failures_and_is_idempotent(tmp_path, db_url):
    db = db_url
    first = run(tmp_path, "--db", str(db), "ingest", str(CORPUS), str(BAD))
    assert first.stdout.strip() == "new 6, duplicate 1, failed 2", first.stderr
    assert first.returncode == 1
    errors = first.stderr.strip().splitlines()
    assert errors == [
        f"error: {BAD / 'half.jsonl'}:line 2: malformed JSON at column 2: Expecting property name enclosed in double quotes",
        f"error: {BAD / 'unclosed.md'}: front matter not closed (no second '---' line)",
    ]
    with Store(db) as store:
        counts = store.counts()
        assert counts["documents"] == 6 and counts["claims"] > 0

    again = run(tmp_path, "--db", str(db), "ingest", str(CORPUS), str(BAD))
    assert again.stdout.strip() == "new 0, duplicate 7, failed 2" and again.returncode == 1
    clean = run(tmp_path, "--db", str(db), "ingest", str(CORPUS))
    assert clean.stdout.strip() == "new 0, duplicate 6, failed 0" and clean.returncode == 0 and clean.stderr == ""
    with Store(db) as store:
        assert store.counts() == counts

    found = json.loads(run(tmp_path, "--db", str(db), "documents", "--q", "Rutte", "-f", "json").stdout)
    assert [d["title"] for d in found] == ["NATO says North Korean units have been deployed to Kursk"]
    shown = run(tmp_path, "--db", str(db), "show", found[0]["id"][:8])
    assert shown.returncode == 0 and "Mark Rutte said on Monday" in shown.stdout
    kirby = json.loads(run(tmp_path, "--db", str(db), "claims", "--q", "3,000", "-f", "json").stdout)
    assert kirby and all("3,000" in c["content"]["text"] for c in kirby)


def test_extract_prints_one_object_or_json_lines_and_matches_the_store(tmp_path):
    one = run(tmp_path, "extract", str(CORPUS / "01-kirby.md"))
    assert one.returncode == 0, one.stderr
    data = json.loads(one.stdout)  # one object, indented
    assert one.stdout.startswith("{\n")
    (document,) = documents_in(CORPUS / "01-kirby.md")
    assert data["document"]["id"] == document.id and data["document"]["published"] == "2024-10-23"
    assert {"document", "claims", "times", "places", "actors"} <= set(data)
    for claim in data["claims"]:
        content = claim["content"]
        assert document.text[content["start"] : content["end"]] == content["text"]
    assert any((c["source"] or {}).get("actor") for c in data["claims"])

    files = [CORPUS / "03-rutte.md", BAD / "unclosed.md", CORPUS / "04-posts.jsonl", CORPUS / "01-kirby.md"]
    several = run(tmp_path, "extract", *map(str, files))
    assert several.returncode == 1
    assert several.stderr.strip().splitlines() == [
        f"error: {BAD / 'unclosed.md'}: front matter not closed (no second '---' line)"
    ]
    lines = [json.loads(line) for line in several.stdout.splitlines()]
    assert [line["document"]["title"] for line in lines] == [
        "NATO says North Korean units have been deployed to Kursk",
        "Peskov: fake news",
        "Pentagon: about 10,000",
        "US says at least 3,000 North Korean soldiers are in eastern Russia",
    ]
    assert lines[3] == data

    db = tmp_path / "same.db"
    assert run(tmp_path, "--db", str(db), "ingest", *map(str, files)).stdout.strip() == "new 4, duplicate 0, failed 1"
    for line in lines:
        stored = run(tmp_path, "--db", str(db), "show", line["document"]["id"], "--format", "json")
        assert json.loads(stored.stdout) == line


def test_demo_builds_a_fresh_database_and_reports(tmp_path):
    demo_db = tmp_path / "demo.db"
    stale = Document(text="A stale document from an earlier demo.", published=datetime(2020, 1, 1))
    with Store(f"sqlite:///{demo_db}") as store:
        store.add(stale, {"claims": []})
    other = tmp_path / "mine.db"
    result = run(tmp_path, "demo", env={"CLAIMSCOPE_DB": str(other)})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"demo database: {demo_db}" in out
    assert "sample corpus: new " in out
    for heading in ("Documents by kind and outlet", "Claims by modality", "Top 10 sources", "Head counts claimed"):
        assert heading in out
    assert "12,000" in out and "Kursk" in out
    assert f"claimscope serve --db {demo_db}" in out
    assert out.strip().splitlines()[-1] == "open http://127.0.0.1:8000"
    assert not other.exists()
    with Store(f"sqlite:///{demo_db}") as store:
        assert not store.has(stale.id)
        assert store.counts()["documents"] >= 30
        dates = [c["asserted_on"] or c["document"]["published"] for c in store.claims(units={"soldier", "troop"})]
        assert dates and len(dates) >= 5


def _stored_ids(db: Path) -> list[str]:
    """Document ids in a database another process is writing; empty until its schema exists."""
    if not db.exists():
        return []
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return [row[0] for row in connection.execute("SELECT id FROM documents")]
    except sqlite3.OperationalError:
        return []


def _interrupt_after_first_document(home: Path, db: Path, target: Path, sig: int) -> subprocess.CompletedProcess[str]:
    """Start an ingest and send `sig` once it has committed its first document."""
    before = len(_stored_ids(db))
    process = subprocess.Popen(
        command("--db", str(db), "ingest", str(target)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(home),
        # A shell without job control starts background jobs with SIGINT ignored; Python then never raises
        # KeyboardInterrupt. Give the child the default, as a terminal's Ctrl-C would find it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 900
    while len(_stored_ids(db)) == before and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(sig)
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


@pytest.fixture()
def many(tmp_path) -> Path:
    """Thirty short reports, one file each."""
    folder = tmp_path / "many"
    folder.mkdir()
    sources = ["Ukraine's military intelligence", "The Pentagon", "South Korea's spy agency", "NATO", "A US official"]
    places = ["Kursk", "Vladivostok", "Khabarovsk", "Ussuriysk", "Blagoveshchensk"]
    for i in range(30):
        (folder / f"report-{i:02d}.txt").write_text(
            f"date 2024-11-{1 + i % 28:02d} Report {i} on North Korean troops\n\n"
            f"{sources[i % 5]} said on Monday that about {1000 + 250 * i:,} North Korean soldiers were in "
            f"{places[i % 5]}. According to the statement, {i + 2} generals were among them.\n"
        )
    return folder


def test_interrupted_ingest_loses_nothing_and_a_rerun_completes_it(tmp_path, many):
    reference = run(tmp_path, "extract", str(many))
    assert reference.returncode == 0, reference.stderr
    expected = {data["document"]["id"]: data for data in map(json.loads, reference.stdout.splitlines())}
    assert len(expected) == 30

    db = tmp_path / "interrupted.db"

    def check_whole(ids: list[str]) -> None:
        with Store(f"sqlite:///{db}") as store:
            for doc_id in ids:
                assert store.claims_json(doc_id) == expected[doc_id]

    ctrl_c = _interrupt_after_first_document(tmp_path, db, many, signal.SIGINT)
    after_ctrl_c = _stored_ids(db)
    assert 1 <= len(after_ctrl_c) < 30
    assert ctrl_c.returncode == 130 and ctrl_c.stderr.startswith("interrupted: new ")
    check_whole(after_ctrl_c)

    killed = _interrupt_after_first_document(tmp_path, db, many, signal.SIGKILL)
    assert killed.returncode == -signal.SIGKILL
    after_kill = _stored_ids(db)
    assert set(after_ctrl_c) < set(after_kill) or len(after_kill) == 30
    check_whole(after_kill)

    rerun = run(tmp_path, "--db", str(db), "ingest", str(many))
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.strip() == f"new {30 - len(after_kill)}, duplicate {len(after_kill)}, failed 0"
    final = _stored_ids(db)
    assert sorted(final) == sorted(expected)  # every document, each once
    check_whole(final)


def test_max_bytes_refuses_large_files(tmp_path):
    result = run(tmp_path, "--db", str(tmp_path / "small.db"), "ingest", "--max-bytes", "100", str(CORPUS))
    assert result.returncode == 1 and result.stdout.strip() == "new 0, duplicate 0, failed 5"
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 5 and all(e.startswith(f"error: {CORPUS}") and "100" in e for e in errors)
