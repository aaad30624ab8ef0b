"""The `claimscope` command as a subprocess, on a database filled through the store (no spaCy needed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from claimscope.ingest.document import Document
from claimscope.store import Store

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "cli" / "seed-claims.json").read_text())
SEED_ID = FIXTURE["claims_json"]["document"]["id"]
HOSTILE = "[bold red]pwned[/] :smile: [link=https://evil.example]x[/link] \x1b[2J\x1b[31mred"


def run(home: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m claimscope ARGS` with its own data home, wide tables, and a deadline."""
    return subprocess.run(
        [sys.executable, "-m", "claimscope", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "CLAIMSCOPE_HOME": str(home), "COLUMNS": "200", **(env or {})},
    )


@pytest.fixture()
def db(tmp_path) -> Path:
    """A database holding the seed article with its hand-made claims and a document full of markup."""
    path = tmp_path / "cli.db"
    fields = FIXTURE["document"]
    with Store(f"sqlite:///{path}") as store:
        store.add(Document(**{**fields, "published": datetime.fromisoformat(fields["published"])}), FIXTURE["claims_json"])
        hostile = Document(text=f"Rain over Kazan. {HOSTILE}", title=HOSTILE, outlet="[i]Outlet[/i]")
        store.add(hostile, {"claims": [], "times": [], "places": [], "actors": [], "quantities": []})
    return path


def test_documents_table_and_json(tmp_path, db):
    table = run(tmp_path, "--db", str(db), "documents")
    assert table.returncode == 0, table.stderr
    assert SEED_ID[:12] in table.stdout and "Example Wire" in table.stdout
    listed = json.loads(run(tmp_path, "--db", str(db), "documents", "--format", "json").stdout)
    assert [d["id"] for d in listed] == [SEED_ID, Document(text=f"Rain over Kazan. {HOSTILE}").id]
    assert listed[0] == {**listed[0], "published": "2024-10-25", "claims": 10, "kind": "article"}
    assert len(json.loads(run(tmp_path, "--db", str(db), "documents", "-f", "json", "--limit", "1").stdout)) == 1


def test_documents_full_text_search(tmp_path, db):
    found = json.loads(run(tmp_path, "--db", str(db), "documents", "--q", "Sergeevka", "-f", "json").stdout)
    assert [d["id"] for d in found] == [SEED_ID]
    both = json.loads(run(tmp_path, "--db", str(db), "documents", "--q", "kazan", "-f", "json").stdout)
    assert len(both) == 2
    for hostile in ['NEAR(', 'kazan"', 'AND OR', 'title:kazan', "'; DROP TABLE documents; --"]:
        result = run(tmp_path, "--db", str(db), "documents", "--q", hostile, "-f", "json")
        assert result.returncode == 0, result.stderr
        assert isinstance(json.loads(result.stdout), list)
    quote = run(tmp_path, "--db", str(db), "documents", "--q", '"')
    assert quote.returncode == 1 and quote.stdout == ""
    assert quote.stderr.strip().splitlines() == ["error: nothing to search for in '\"': give at least one word"]


def test_db_option_overrides_the_environment(tmp_path, db):
    elsewhere = tmp_path / "other.db"
    from_env = run(tmp_path, "documents", "-f", "json", env={"CLAIMSCOPE_DB": str(elsewhere)})
    assert from_env.stderr.startswith(f"error: no database at {elsewhere}") and not elsewhere.exists()
    from_option = run(tmp_path, "--db", str(db), "documents", "-f", "json", env={"CLAIMSCOPE_DB": str(elsewhere)})
    assert len(json.loads(from_option.stdout)) == 2
    default = run(tmp_path, "documents", "-f", "json")
    assert default.stderr.startswith(f"error: no database at {tmp_path / 'claimscope.db'}")
    url = run(tmp_path, "--db", f"sqlite:///{db}", "documents", "-f", "json")
    assert len(json.loads(url.stdout)) == 2


def test_unusable_database_is_one_error_line(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    result = run(tmp_path, "--db", str(junk), "documents")
    assert result.returncode == 1
    assert result.stderr.startswith("error: cannot open database") and len(result.stderr.strip().splitlines()) == 1


def test_show(tmp_path, db):
    shown = run(tmp_path, "--db", str(db), "show", SEED_ID[:6])
    assert shown.returncode == 0, shown.stderr
    assert "Kyiv reports observing North Korean military personnel" in shown.stdout
    assert "10 claims" in shown.stdout and "Defence Intelligence of Ukraine" in shown.stdout
    assert "≥3,000 soldier" in shown.stdout
    as_json = json.loads(run(tmp_path, "--db", str(db), "show", SEED_ID, "--format", "json").stdout)
    assert as_json == {**FIXTURE["claims_json"], "document": {**FIXTURE["claims_json"]["document"], "published": "2024-10-25"}}
    missing = run(tmp_path, "--db", str(db), "show", "ffffffff")
    assert missing.returncode == 1 and missing.stderr.strip() == "error: no document with id 'ffffffff'"


def test_markup_in_documents_is_printed_as_is(tmp_path, db):
    hostile_id = Document(text=f"Rain over Kazan. {HOSTILE}").id
    shown = run(tmp_path, "--db", str(db), "show", hostile_id, env={"FORCE_COLOR": "1", "TERM": "xterm"})
    assert "[bold red]pwned[/]" in shown.stdout and ":smile:" in shown.stdout
    assert "[link=https://evil.example]x[/link]" in shown.stdout and "[i]Outlet[/i]" in shown.stdout
    assert "\x1b[2J" not in shown.stdout and "\x1b]8;" not in shown.stdout  # no injected escapes, no hyperlink
    listed = run(tmp_path, "--db", str(db), "documents")
    assert "[i]Outlet[/i]" in listed.stdout


def test_claims_filters(tmp_path, db):
    def claim_ids(*args: str) -> list[str]:
        result = run(tmp_path, "--db", str(db), "claims", "--format", "jsonl", *args)
        assert result.returncode == 0, result.stderr
        return [json.loads(line)["id"][-2:] for line in result.stdout.splitlines()]

    assert len(claim_ids()) == 10
    assert claim_ids("--modality", "hedged") == ["06"]
    assert claim_ids("--event", "arrival") == ["05", "04"]
    assert claim_ids("--source", "Kirby") == ["05"]
    assert claim_ids("--actor", "CNN") == ["04", "09"]
    assert claim_ids("--since", "2024-10-24", "--until", "2024-10-24") == ["05", "07", "08"]
    assert claim_ids("--until", "2024-10-22") == ["05", "06"]
    assert claim_ids("--since", "2024-11") == []
    assert claim_ids("--q", "brigades") == ["06"]
    assert claim_ids("--doc", SEED_ID[:8], "--limit", "2") == ["05", "06"]
    listed = json.loads(run(tmp_path, "--db", str(db), "claims", "--modality", "rumored", "-f", "json").stdout)
    assert listed[0]["document"]["outlet"] == "Example Wire" and listed[0]["relayed_by"][0]["actor"] == "CNN"
    table = run(tmp_path, "--db", str(db), "claims", "--source", "kirby")
    assert "John Kirby" in table.stdout and "≥3,000 soldier" in table.stdout and "2024-10" in table.stdout
    bad_date = run(tmp_path, "--db", str(db), "claims", "--since", "yesterday")
    assert bad_date.returncode == 2 and "not a date" in bad_date.stderr
    unknown = run(tmp_path, "--db", str(db), "claims", "--doc", "zzzz")
    assert unknown.returncode == 1 and unknown.stderr.startswith("error: no document")


def test_report(tmp_path, db):
    result = run(tmp_path, "--db", str(db), "report")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "2 documents, 10 claims" in out
    for heading in ("Documents by kind and outlet", "Claims by modality", "Top 10 sources", "Head counts claimed"):
        assert heading in out
    assert "10,800–13,200" in out and "≥3,000" in out
    assert out.index("John Kirby", out.index("Head counts")) < out.index("Volodymyr Zelensky", out.index("Head counts"))


def test_python_m_and_console_script_agree(tmp_path, db):
    script = Path(sys.executable).with_name("claimscope")
    result = subprocess.run(
        [str(script), "--db", str(db), "documents", "-f", "json"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0 and len(json.loads(result.stdout)) == 2
