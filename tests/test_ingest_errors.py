"""Bad input gives one clear IngestError naming the input and the reason; expand; document ids."""

from __future__ import annotations

import json
import os
import pickle
import tempfile
from pathlib import Path

import pytest

from claimscope.ingest import Document, IngestError, expand, read

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def reason(target: Path | str, **options: object) -> str:
    items = list(read(str(target), **options))
    assert len(items) == 1 and isinstance(items[0], IngestError), items
    assert items[0].origin == str(target)
    return items[0].reason


def test_missing_file_and_directory(tmp_path):
    assert reason(tmp_path / "absent.txt") == "no such file"
    assert reason(tmp_path / "absent.txt" / "below.txt") == "no such file"
    assert reason(tmp_path) == "is a directory, not a file"


def test_special_file(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    assert reason(tmp_path / "pipe.txt") == "not a regular file"


def test_unreadable_file():
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o755)  # reachable, so that the file itself is what cannot be read
        path = Path(folder, "embargoed.txt")
        path.write_text("The ministry will publish the figures on Monday.", encoding="utf-8")
        path.chmod(0)
        if os.geteuid() != 0:
            assert reason(path) == "permission denied"
            return
        os.seteuid(65534)  # root reads everything: check as an ordinary user
        try:
            assert reason(path) == "permission denied"
        finally:
            os.seteuid(0)


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", "\ufeff \n".encode("utf-8"), "\u00a0\n".encode("utf-8")])
def test_empty_and_whitespace_only(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    assert reason(path) == "empty file"


def test_binary_file(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"Kyiv reports\x00\x00\x01\x02 observing troops")
    assert reason(path) == "binary file (NUL bytes)"


def test_oversize_against_the_default_limit(tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMSCOPE_MAX_BYTES", raising=False)
    path = tmp_path / "dump.jsonl"
    with open(path, "wb") as handle:  # sparse: the size is checked before anything is read
        handle.truncate(int(25.3 * 1024 * 1024))
    assert reason(path) == "too large: 25.3 MB > 20.0 MB limit"
    monkeypatch.setenv("CLAIMSCOPE_MAX_BYTES", str(1024 * 1024))
    assert reason(path) == "too large: 25.3 MB > 1.0 MB limit"
    assert reason(path, max_bytes=30 * 1024 * 1024) == "binary file (NUL bytes)"  # under the limit: read, then refused


def test_wrong_encoding_is_not_guessed(tmp_path):
    path = tmp_path / "depeche.txt"
    path.write_bytes(b"a" * 1201 + "é à Paris, le ministère a déclaré".encode("latin-1"))
    assert reason(path) == "not UTF-8 text: invalid byte 0xe9 at offset 1201"
    bom_path = tmp_path / "bom.txt"
    bom_path.write_bytes(b"\xef\xbb\xbf" + b"ok " + b"\xff")
    assert reason(bom_path) == "not UTF-8 text: invalid byte 0xff at offset 6"


def test_unsupported_and_sniffed_types(tmp_path):
    (tmp_path / "briefing.pdf").write_bytes(b"%PDF-1.7\n\x00\x01binary")
    assert reason(tmp_path / "briefing.pdf") == "unsupported extension '.pdf'"
    (tmp_path / "NOTES").write_text("Kyiv reports troops near Kursk.", encoding="utf-8")
    assert reason(tmp_path / "NOTES") == "unsupported file type (no extension)"
    (tmp_path / "saved-page").write_bytes((FIXTURES / "article.html").read_bytes())
    [doc] = list(read(str(tmp_path / "saved-page")))
    assert isinstance(doc, Document) and doc.outlet == "Harbour Herald"


def test_a_parser_failure_is_reported_not_raised(tmp_path):
    path = tmp_path / "result.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert reason(path) == "JSON nested deeper than 64 levels: not a Telegram export"


def test_error_shape_and_pickling():
    error = IngestError("posts.jsonl:line 3", "malformed JSON at column 5:\n Expecting value")
    assert str(error) == "posts.jsonl:line 3: malformed JSON at column 5: Expecting value"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.origin, copy.reason, str(copy)) == (error.origin, error.reason, str(error))


def test_expand_walks_directories_sorted_skipping_hidden_and_unknown(tmp_path):
    for name in ["b/2.md", "b/1.txt", "a.jsonl", "c/d/feed.rss", "c/notes.docx", ".git/config.json",
                 "b/.draft.txt", "c/result.json", "z.HTML"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    root = str(tmp_path)
    assert expand([root]) == [os.path.join(root, name) for name in
                              ["a.jsonl", "b/1.txt", "b/2.md", "c/d/feed.rss", "c/result.json", "z.HTML"]]
    given = [str(tmp_path / "c/notes.docx"), str(tmp_path / "missing.txt"), "https://example.org/feed"]
    assert expand(given) == given


def test_same_text_same_id_across_formats_and_whitespace(tmp_path):
    text = "Kyiv reports observing North Korean troops\nin a border area shared with Russia."
    (tmp_path / "a.txt").write_text(" date 2024-10-25 " + text + "\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: Another title\n---\n" + text.replace(" ", "  ").replace("\n", "\r\n"),
                                   encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": "  " + text.replace("\n", " ")}) + "\n", encoding="utf-8")
    docs = [doc for name in ("a.txt", "b.md", "c.jsonl") for doc in read(str(tmp_path / name))]
    assert len({doc.id for doc in docs}) == 1
    again = next(read(str(tmp_path / "a.txt")))
    assert again.id == docs[0].id and len(again.id) == 20
    different = Document(text=text.replace("North Korean", "Chinese"))
    assert different.id != docs[0].id
