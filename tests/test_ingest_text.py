"""Plain-text and Markdown reports: the date header, YAML front matter, and text kept byte for byte."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from claimscope.ingest import Document, IngestError, read

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def only_document(target: Path | str) -> Document:
    items = list(read(str(target)))
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def only_error(target: Path | str) -> IngestError:
    items = list(read(str(target)))
    assert len(items) == 1 and isinstance(items[0], IngestError), items
    return items[0]


def test_date_header_is_taken_off_and_the_headline_stays():
    path = FIXTURES / "seoul-briefing.txt"
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith(" date 2024-11-04 Seoul says")  # the seed article's layout
    doc = only_document(path)
    assert doc.published == datetime(2024, 11, 4) and doc.published_precision == "day"
    assert doc.text == raw[len(" date 2024-11-04 "):]
    assert doc.title == "Seoul says North Korean troops have entered combat in Kursk region."
    assert doc.kind == "article" and doc.origin == str(path) and doc.url is None


def test_offsets_in_the_stored_text_map_back_to_the_file():
    path = FIXTURES / "seoul-briefing.txt"
    raw = path.read_text(encoding="utf-8")
    doc = only_document(path)
    shift = len(raw) - len(doc.text)
    start = doc.text.index("roughly 11,000")
    assert raw[start + shift:start + shift + len("roughly 11,000")] == "roughly 11,000"


def test_front_matter_fields_and_the_text_after_it():
    path = FIXTURES / "ceasefire-talks.md"
    raw = path.read_text(encoding="utf-8")
    doc = only_document(path)
    assert doc.text == raw[raw.index("# Mediators"):]  # front matter and the blank line after it are gone
    assert doc.title == "Mediators report progress in Red Sea shipping talks"
    assert doc.outlet == "Gulf Wire"
    assert doc.url == "https://gulfwire.example/2024/10/28/red-sea-talks"
    assert doc.published == datetime(2024, 10, 28, 11, 30)  # 14:30+03:00 as naive UTC
    assert doc.published_precision == "second"
    assert doc.language == "en" and doc.kind == "article"
    assert doc.meta == {"author": "Samira Haddad", "section": "Middle East", "tags": ["shipping", "Yemen", "Red Sea"]}
    assert "  A maritime insurer" in doc.text  # no whitespace folding


def test_text_without_header_is_stored_whole_and_titled_by_its_first_line(tmp_path):
    path = tmp_path / "wire.md"
    raw = "\n## Moldova votes on EU path\r\n\r\nMoldova's electoral commission said the referendum passed.\r\n"
    path.write_bytes(raw.encode("utf-8"))
    doc = only_document(path)
    assert doc.text == raw and doc.title == "Moldova votes on EU path"
    assert doc.published is None and doc.published_precision is None


def test_front_matter_with_date_only_and_post_kind(tmp_path):
    path = tmp_path / "statement.markdown"
    path.write_text("---\ndate: 2024-10-30\nkind: statement\nspeaker: Foreign ministry\n---\n"
                    "The ministry denies the report.\n", encoding="utf-8")
    doc = only_document(path)
    assert doc.published == datetime(2024, 10, 30) and doc.published_precision == "day"
    assert doc.kind == "statement" and doc.meta == {"speaker": "Foreign ministry"}
    assert doc.text == "The ministry denies the report.\n"


def test_utf8_and_utf16_with_bom_are_read(tmp_path):
    text = " date 2024-10-25 Kyiv reports troops near Kursk.\n"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8-sig"))
    (tmp_path / "b.txt").write_bytes(text.encode("utf-16"))
    first, second = only_document(tmp_path / "a.txt"), only_document(tmp_path / "b.txt")
    assert first.text == second.text == "Kyiv reports troops near Kursk.\n"
    assert first.published == second.published == datetime(2024, 10, 25)


def test_bad_front_matter_is_reported(tmp_path):
    cases = {
        "unclosed.md": ("---\ntitle: Open\n\nText.\n", "front matter not closed"),
        "broken.md": ("---\ntitle: Budanov: 12,000 troops\n---\nText.\n",
                      "malformed front matter at line 2 column 15: mapping values"),
        "list.md": ("---\n- a\n- b\n---\nText.\n", "front matter is not a mapping"),
        "kind.md": ("---\nkind: tweet\n---\nText.\n", "bad 'kind': 'tweet'"),
        "date.md": ("---\ndate: last Tuesday\n---\nText.\n", "bad 'date': not an ISO date"),
        "bare.txt": (" date 2024-10-25 \n\n", "no text after the header"),
    }
    for name, (content, reason) in cases.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
        error = only_error(tmp_path / name)
        assert error.origin == str(tmp_path / name)
        assert error.reason.startswith(reason), error
