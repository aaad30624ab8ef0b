"""JSON Lines: one document per line; a bad line is reported and the others go on."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from claimscope.ingest import Document, IngestError, read

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_records_around_a_malformed_line():
    path = FIXTURES / "posts.jsonl"
    items = list(read(str(path)))
    assert [type(item).__name__ for item in items] == ["Document", "Document", "IngestError", "Document", "Document"]
    first, post, error, statement, last = items
    assert error.origin == f"{path}:line 3"
    assert error.reason.startswith("malformed JSON at column ")
    assert first.title == "Islamabad summons Afghan envoy" and first.outlet == "South Asia Desk"
    assert first.url == "https://southasiadesk.example/pakistan-summons-envoy"
    assert first.published == datetime(2024, 10, 29) and first.published_precision == "day"
    assert first.meta == {"author": "Imran Qureshi", "section": "Asia"}
    assert post.kind == "post" and post.title is None
    assert post.published == datetime(2024, 10, 30, 5, 12, 44) and post.published_precision == "second"
    assert post.meta == {"platform": "X", "post_id": "1851532209912345678"}
    assert statement.kind == "statement" and statement.language == "es"
    assert statement.published == datetime(2024, 10, 31, 7, 0)  # 02:00-05:00 as naive UTC
    assert last.origin == str(path) and last.kind == "article" and last.language == "en"


def test_bad_records_are_named_by_line(tmp_path):
    path = tmp_path / "feed.ndjson"
    lines = [
        '{"text": "Kenya and Haiti agreed on a second police contingent, officials said."}',
        '["not", "an", "object"]',
        '{"title": "no text"}',
        '{"text": "   "}',
        '{"text": "Officials said so.", "published": "yesterday"}',
        '{"text": "Officials said so.", "kind": "tweet"}',
        '{"text": "Officials said so.", "title": {"en": "x"}}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read(str(path)))
    assert isinstance(items[0], Document)
    assert [str(item) for item in items[1:]] == [
        f"{path}:line 2: expected a JSON object, got list",
        f"{path}:line 3: missing 'text'",
        f"{path}:line 4: 'text' must be a non-empty string",
        f"{path}:line 5: bad 'published': not an ISO date or datetime: 'yesterday'",
        f"{path}:line 6: bad 'kind': 'tweet' (expected article, post, statement)",
        f"{path}:line 7: bad 'title': expected text, got dict",
    ]
