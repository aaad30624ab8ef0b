"""Clear words for every mistake: one error line each, through the real `claimscope` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from claimscope.config import cache_dir, data_home
from claimscope.ingest import Document, IngestError, expand, read
from claimscope.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
SEED = json.loads((FIXTURES / "cli" / "seed-claims.json").read_text(encoding="utf-8"))
CHANNEL = FIXTURES / "ingest" / "telegram" / "channel" / "result.json"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "claimscope", *args], capture_output=True, text=True,
                          timeout=900, env={**os.environ, "COLUMNS": "200", **(env or {})})


@pytest.fixture()
def db(tmp_path) -> Path:
    """A database holding the seed article with its hand-made claims."""
    path = tmp_path / "seed.db"
    fields = SEED["document"]
    with Store(f"sqlite:///{path}") as store:
        store.add(Document(**{**fields, "published": datetime.fromisoformat(fields["published"])}), SEED["claims_json"])
    return path


def cut_export(tmp_path: Path) -> Path:
    """The channel export cut off inside its fourth message (after messages 1-3: a service message and two posts)."""
    text = CHANNEL.read_text(encoding="utf-8")
    path = tmp_path / "cut" / "result.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text[: text.index('"id": 4') + 20], encoding="utf-8")
    return path


def test_a_cut_off_telegram_export_keeps_the_messages_before_the_cut(tmp_path):
    path = cut_export(tmp_path)
    *documents, error = list(read(str(path)))
    assert [d.meta["message_id"] for d in documents] == [2, 3]
    assert isinstance(error, IngestError) and all(isinstance(d, Document) for d in documents)
    lines = path.read_text(encoding="utf-8").count("\n") + 1
    assert str(error) == (f"{path}: cut off at line {lines} (the file ends inside the JSON); kept the 3 complete "
                          "messages before it, the last chat 1723456789 message 3")


def test_ingest_names_what_it_skips_and_keeps_a_cut_export(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.txt").write_text("Kyiv said on Monday that 3,000 troops had arrived.", encoding="utf-8")
    for name in ("report.pdf", "table.csv", "scan.PDF"):
        (folder / name).write_bytes(b"%PDF-1.4 not for us")
    export = cut_export(folder)
    skipped: list[str] = []
    assert len(expand([str(folder)], skipped)) == 2 and len(skipped) == 3

    result = run("--db", str(tmp_path / "new" / "ingest.db"), "ingest", str(folder))
    assert result.stdout.strip() == "new 3, duplicate 0, failed 1, skipped 3 (no reader for .pdf, .csv)"
    assert result.stderr.strip().splitlines() == [
        f"error: {export}: cut off at line {export.read_text().count(chr(10)) + 1} (the file ends inside the JSON); "
        "kept the 3 complete messages before it, the last chat 1723456789 message 3"]


def test_a_bad_max_bytes_setting_is_one_line_and_creates_nothing(tmp_path):
    db = tmp_path / "never.db"
    for command in (["ingest", str(CHANNEL)], ["extract", str(CHANNEL)]):
        result = run("--db", str(db), *command, env={"CLAIMSCOPE_MAX_BYTES": "abc"})
        assert result.returncode == 1 and result.stdout == ""
        assert result.stderr.strip().splitlines() == [
            "error: CLAIMSCOPE_MAX_BYTES='abc': expected a whole number of bytes above 0, e.g. 20971520 for 20 MB"]
    assert not db.exists()


def test_a_database_driver_not_installed_names_the_package(tmp_path):
    result = run("--db", "postgresql+pg8000://analyst:secret@127.0.0.1:5432/claims", "documents")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: cannot open database postgresql+pg8000://analyst:***@127.0.0.1:5432/claims")
    assert "pip install pg8000" in line and "secret" not in line


@pytest.mark.parametrize("command", [["claims"], ["topics"], ["report"], ["documents"], ["show", "abc"],
                                     ["grade", "CNN", "B"]])
def test_a_read_command_on_a_missing_database_refuses_and_creates_nothing(tmp_path, command):
    mistyped = tmp_path / "typo" / "claimscoep.db"
    result = run("--db", str(mistyped), *command)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"error: no database at {mistyped} (`claimscope ingest` creates one; check --db or CLAIMSCOPE_DB)"]
    assert not mistyped.parent.exists()


def test_grading_an_unknown_actor_names_the_close_ones(tmp_path, db):
    nobody = run("--db", str(db), "grade", "Nobody Atall", "B")
    assert nobody.returncode == 1
    assert nobody.stderr.strip().splitlines()[0].startswith("error: no stored actor is named 'Nobody Atall'")
    typo = run("--db", str(db), "grade", "John Kirbi", "B")
    assert typo.returncode == 1 and "close: John Kirby" in typo.stderr
    assert len(typo.stderr.strip().splitlines()) == 1
    assert run("--db", str(db), "grade").returncode == 0
    known = run("--db", str(db), "grade", "John Kirby", "B")
    assert known.returncode == 0 and known.stdout.startswith("John Kirby: B"), known.stderr


def test_the_tests_write_into_a_temporary_data_folder():
    home = Path(os.path.expanduser("~")).resolve()
    for folder in (data_home(), cache_dir()):
        assert home not in folder.resolve().parents and folder.resolve() != home
