"""Feed and article URLs, fetched from a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from claimscope.ingest import Document, IngestError, expand, read

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
MOSCOW_PAGE = ("<html><head><title>Песков: сообщения о войсках КНДР — «очередная утка»</title></head><body><article>"
               "<p>Пресс-секретарь Кремля заявил в пятницу, что сообщения о северокорейских военных в Курской "
               "области являются очередной уткой.</p></article></body></html>").encode("cp1251")
FEED = (FIXTURES / "world-feed.xml").read_bytes()
ARTICLE = (FIXTURES / "article.html").read_bytes()
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/world/rss": (200, {"Content-Type": "application/rss+xml; charset=utf-8"}, FEED),
    "/download?id=7": (200, {"Content-Type": "application/octet-stream"}, (FIXTURES / "sahel.atom").read_bytes()),
    "/world/2024/10/24/pentagon": (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE),
    "/s/pntgn": (301, {"Location": "/world/2024/10/24/pentagon"}, b""),
    "/ru/peskov": (200, {"Content-Type": "text/html; charset=windows-1251"}, MOSCOW_PAGE),
    "/gone": (404, {"Content-Type": "text/plain"}, b"Not found"),
    "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
    "/blank": (200, {"Content-Type": "text/html"}, b" \n "),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/stream":  # no Content-Length: the body runs until the connection closes
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>" + b"Troops were seen near the border. " * 200 + b"</p>")
            return
        status, headers, body = ROUTES.get(self.path, (404, {}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_feed_url(base):
    url = f"{base}/world/rss"
    items = list(read(url))
    assert [type(item) for item in items] == [Document, Document, IngestError]
    nato = items[0]
    assert nato.origin == url and nato.outlet == "Meridian News – World"
    assert nato.url == "https://meridian.example/world/2024/10/28/nato-north-korea-russia"
    assert nato.published == datetime(2024, 10, 28, 10, 5)


def test_feed_recognised_by_its_body(base):
    [doc] = list(read(f"{base}/download?id=7"))
    assert doc.title == "Mali junta says drone strike hit rebel convoy near Kidal"


def test_article_url_after_a_redirect(base):
    [doc] = list(read(f"{base}/s/pntgn"))
    assert doc.url == f"{base}/world/2024/10/24/pentagon"
    canonical = "https://harbourherald.example/world/2024/10/24/pentagon-north-korean-troops-russia"
    assert doc.meta["canonical_url"] == canonical
    assert doc.title == "Pentagon: at least 3,000 North Korean troops now in Russia"
    assert doc.outlet == "Harbour Herald" and doc.published == datetime(2024, 10, 24)
    assert "cookies" not in doc.text and "at least 3,000 North Korean soldiers" in doc.text


def test_http_charset_is_respected(base):
    [doc] = list(read(f"{base}/ru/peskov"))
    assert "Пресс-секретарь Кремля заявил в пятницу" in doc.text


def test_url_failures(base):
    cases = {
        "/gone": "HTTP 404 Not Found",
        "/report.pdf": "unsupported content type 'application/pdf'",
        "/blank": "empty response",
    }
    for path, reason in cases.items():
        [error] = list(read(base + path))
        assert isinstance(error, IngestError) and error.origin == base + path
        assert error.reason == reason


def test_size_cap_declared_and_streamed(base):
    [declared] = list(read(f"{base}/world/2024/10/24/pentagon", max_bytes=2048))
    assert declared.reason == f"too large: {len(ARTICLE) / 1024:.1f} KB > 2.0 KB limit"
    [streamed] = list(read(f"{base}/stream", max_bytes=2048))
    assert streamed.reason == "too large: over 2.0 KB limit"


def test_timeout_with_a_given_client(base):
    with httpx.Client(timeout=0.3) as client:
        [error] = list(read(f"{base}/slow", client=client))
    assert str(error) == f"{base}/slow: timed out"


def test_connection_refused():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    [error] = list(read(f"http://127.0.0.1:{port}/feed"))
    assert error.reason.startswith("cannot fetch: ")


def test_urls_pass_through_expand(base):
    assert expand([f"{base}/world/rss", "https://example.org/a"]) == [f"{base}/world/rss", "https://example.org/a"]
