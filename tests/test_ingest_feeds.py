"""RSS and Atom files: each entry a document, HTML stripped; malformed feeds reported."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from claimscope.ingest import Document, IngestError, read

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_rss_entries():
    path = FIXTURES / "world-feed.xml"
    nato, floods, live = list(read(str(path)))
    assert isinstance(nato, Document) and isinstance(floods, Document)
    assert nato.title == "NATO confirms North Korean units deployed to Russia"
    assert nato.url == "https://meridian.example/world/2024/10/28/nato-north-korea-russia"
    assert nato.outlet == "Meridian News – World" and nato.language == "en"
    assert nato.published == datetime(2024, 10, 28, 10, 5) and nato.published_precision == "second"
    assert nato.meta == {"author": "Jonas Berg", "guid": "meridian-2024-10-28-0412"}
    assert nato.text == ("NATO Secretary General Mark Rutte said on Monday that North Korean troops had been sent to "
                         "Russia and that military units had been deployed to the Kursk region.\n\nHe called the "
                         "deployment \"a significant escalation\" and said the alliance was in contact with Kyiv.")
    assert floods.text == ("Regional authorities in Valencia said at least 158 people had died after flash floods, "
                           "with dozens still missing.")
    assert isinstance(live, IngestError)
    assert live.origin == f"{path}:entry 3" and "has no text" in live.reason


def test_atom_entry_with_date_only_published():
    [doc] = list(read(str(FIXTURES / "sahel.atom")))
    assert doc.title == "Mali junta says drone strike hit rebel convoy near Kidal"
    assert doc.outlet == "Sahel Observer" and doc.language == "fr"
    assert doc.published == datetime(2024, 11, 2) and doc.published_precision == "day"
    assert doc.meta["author"] == "Awa Traoré"
    assert doc.url == "https://sahelobserver.example/2024/11/02/kidal-strike"


def test_a_feed_with_an_html_extension_is_sniffed(tmp_path):
    path = tmp_path / "latest.html"
    path.write_bytes((FIXTURES / "sahel.atom").read_bytes())
    [doc] = list(read(str(path)))
    assert doc.outlet == "Sahel Observer"


def test_malformed_and_non_feeds(tmp_path):
    cases = {
        "broken.rss": ("World headlines, copied from the website\nby hand", "malformed feed: line 2 column 1: "),
        "sitemap.xml": ('<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>',
                        "not an RSS or Atom feed"),
    }
    for name, (content, reason) in cases.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
        [error] = list(read(str(tmp_path / name)))
        assert isinstance(error, IngestError) and error.reason.startswith(reason), error
