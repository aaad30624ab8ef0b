"""A small response cache for GET pages and API reads, keyed on the request and the store's change stamp.

A page of 10^5 claims or a 300-claim topic costs tens of milliseconds to read and render; the same request
against an unchanged store gives the same bytes. The key is (path and query, the browser's CSRF cookie: pages
embed its token in their forms, the store's change stamp read *before* the response is computed), so any
committed write (an edit posted here, an ingest by another process) makes every older entry unreachable:
a response is never older than the data it was asked for. Only complete 200 responses that set no cookie
are kept, up to MAX_ENTRY bytes each and MAX_BYTES in all (least recently used go first). Static files are
left to StaticFiles. ASGI middleware, inside the token guard: only authorised requests reach it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from starlette.datastructures import Headers
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimscope.store.stamp import ChangeStamp
from claimscope.web.security import CSRF_COOKIE

MAX_BYTES = 64 * 1024 * 1024
MAX_ENTRY = 4 * 1024 * 1024
CACHE_HEADER = b"x-claimscope-cache"

Entry = tuple[int, list[tuple[bytes, bytes]], bytes]


class ResponseCache:
    """Least-recently-used responses by key, bounded in bytes; safe across the server's threads."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Entry | None:
        """The entry under this key (now the most recently used), or None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: tuple, entry: Entry) -> None:
        """Keep an entry, dropping the least recently used ones beyond the bound."""
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= len(old[2])
            self._entries[key] = entry
            self.size += len(entry[2])
            while self.size > self.max_bytes and self._entries:
                _, dropped = self._entries.popitem(last=False)
                self.size -= len(dropped[2])


class CacheMiddleware:
    """Serve a GET from the cache when the store has not changed since it was computed; else compute it
    and keep it. Responses carry `x-claimscope-cache: hit` or `miss`."""

    def __init__(self, app: ASGIApp, stamp: ChangeStamp, cache: ResponseCache | None = None) -> None:
        self.app, self.stamp = app, stamp
        self.cache = cache or ResponseCache()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        stamp = self.stamp.read()
        if stamp is None:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        csrf = cookie_parser(headers.get("cookie", "")).get(CSRF_COOKIE, "")  # as `request.cookies` reads it
        key = (scope["path"], scope.get("query_string", b""), csrf, stamp)
        entry = self.cache.get(key)
        if entry is not None:
            status, response_headers, body = entry
            await send({"type": "http.response.start", "status": status,
                        "headers": response_headers + [(CACHE_HEADER, b"hit")]})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, _Recorder(send, lambda e: self.cache.put(key, e)))


class _Recorder:
    """Passes a response on while recording it; hands a complete, cacheable one to `keep`."""

    def __init__(self, send: Send, keep: Any) -> None:
        self.send, self.keep = send, keep
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.parts: list[bytes] = []
        self.size = 0
        self.cacheable = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = list(message.get("headers", []))
            self.cacheable = self.status == 200 and not any(k.lower() == b"set-cookie" for k, _ in self.headers)
            message = {**message, "headers": self.headers + [(CACHE_HEADER, b"miss")]}
        elif message["type"] == "http.response.body" and self.cacheable:
            body = message.get("body", b"")
            self.size += len(body)
            if self.size > MAX_ENTRY:
                self.cacheable, self.parts = False, []
            else:
                self.parts.append(body)
                if not message.get("more_body", False):
                    self.keep((self.status, self.headers, b"".join(self.parts)))
        await self.send(message)
