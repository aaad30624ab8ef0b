"""Web pages: main text without navigation, cookie banner or footer; metadata; declared charsets."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from claimscope.ingest import Document, IngestError, read

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def items(path: Path) -> list[Document | IngestError]:
    return list(read(str(path)))


def test_article_text_and_metadata():
    [doc] = items(FIXTURES / "article.html")
    assert isinstance(doc, Document)
    assert doc.title == "Pentagon: at least 3,000 North Korean troops now in Russia"
    assert doc.meta["author"] == "Mara Lindqvist"
    assert doc.published == datetime(2024, 10, 24) and doc.published_precision == "day"
    assert doc.outlet == "Harbour Herald"
    assert doc.url == "https://harbourherald.example/world/2024/10/24/pentagon-north-korean-troops-russia"
    assert doc.language == "en" and doc.kind == "article"
    assert "at least 3,000 North Korean soldiers" in doc.text
    assert "one former defence official said" in doc.text


def test_navigation_cookie_banner_and_footer_are_left_out():
    [doc] = items(FIXTURES / "article.html")
    for chrome in ("Subscribe", "Politics", "cookies", "Accept all", "All rights reserved", "Privacy policy",
                   "Read more", "Seoul summons Russian ambassador", "dataLayer"):
        assert chrome not in doc.text, chrome


def test_declared_charset_is_respected(tmp_path):
    page = ('<html lang="ru"><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
            "<title>Минобороны: два судна поражены</title></head><body><article>"
            "<p>Министерство обороны заявило в пятницу, что два судна были поражены в Черном море.</p>"
            "</article></body></html>")
    path = tmp_path / "statement.htm"
    path.write_bytes(page.encode("cp1251"))
    [doc] = items(path)
    assert doc.title == "Минобороны: два судна поражены"
    assert "Министерство обороны заявило в пятницу" in doc.text and doc.language == "ru"


def test_undeclared_non_utf8_page_is_refused(tmp_path):
    path = tmp_path / "legacy.html"
    page = "<html><body><p>Le ministère a déclaré vendredi que deux navires ont été touchés.</p></body></html>"
    path.write_bytes(page.encode("latin-1"))
    [error] = items(path)
    assert isinstance(error, IngestError)
    assert error.reason == "not UTF-8 text: invalid byte 0xe8 at offset 24"


def test_page_without_article_text(tmp_path):
    path = tmp_path / "home.html"
    path.write_text('<html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a>'
                    '</nav><div class="cookie-banner">We use cookies. Accept all</div><footer>(c) 2024</footer>'
                    "</body></html>", encoding="utf-8")
    [error] = items(path)
    assert str(error) == f"{path}: no extractable text in HTML"


def test_unknown_declared_charset(tmp_path):
    path = tmp_path / "odd.html"
    path.write_text('<html><head><meta charset="x-klingon"></head><body><p>Text.</p></body></html>', encoding="utf-8")
    [error] = items(path)
    assert error.reason == "unknown charset 'x-klingon'"
