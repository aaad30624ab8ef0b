"""A light HTTP/1.1 load client for the serve benchmark: asyncio streams, keep-alive, GET only.

Fifty httpx clients took most of one of the machine's two cores themselves (parsing, pooling, per-request
objects), so the server was measured with a core less. This one writes a fixed request and reads the status
line, the headers and a Content-Length body (or a chunked one) off each connection: a few microseconds a
request. It is a benchmark tool for our own server on loopback, not a general client.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections import Counter
from typing import Any
from urllib.parse import urlsplit


class ProtocolError(Exception):
    """The server's answer was not the HTTP/1.1 this client reads."""


def request_bytes(host: str, path: str, cookie: str | None = None) -> bytes:
    """The fixed GET request sent for every measured request."""
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Accept: */*"]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    """One response off a keep-alive connection: status, headers (lower-cased names), body."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
        raise ProtocolError(f"not an HTTP/1.1 status line: {lines[0]!r}")
    headers = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunks.append(await reader.readexactly(size + 2))
            if size == 0:
                break
        body = b"".join(c[:-2] for c in chunks)
    else:
        raise ProtocolError("a response without Content-Length or chunked body")
    return int(parts[1]), headers, body


async def fetch(url: str, cookie: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """One GET on a connection of its own (for setting up and checking)."""
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    try:
        writer.write(request_bytes(parts.netloc, parts.path + (f"?{parts.query}" if parts.query else ""), cookie))
        await writer.drain()
        return await read_response(reader)
    finally:
        writer.close()


async def measure(base: str, paths: list[str], clients: int, requests: int, seconds: float,
                  cookie: str | None = None) -> dict[str, Any]:
    """p50 / p95 / max latency (ms) and throughput of `clients` keep-alive connections each sending GETs,
    round-robin over `paths`, until `requests` answers or `seconds` have passed. A connection the server
    closes is reopened; errors and non-200 answers are counted by kind."""
    parts = urlsplit(base)
    encoded = [request_bytes(parts.netloc, p, cookie) for p in paths]
    latencies: list[float] = []
    kinds: Counter[str] = Counter()
    hits = 0
    sent = 0
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        nonlocal sent, hits
        reader = writer = None
        while sent < requests and time.perf_counter() < deadline:
            request = encoded[sent % len(encoded)]
            sent += 1
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
                started = time.perf_counter()
                writer.write(request)
                status, headers, _ = await read_response(reader)
                elapsed = time.perf_counter() - started
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ProtocolError) as exc:
                kinds[type(exc).__name__] += 1
                if writer is not None:
                    writer.close()
                reader = writer = None
                continue
            if status != 200:
                kinds[f"HTTP {status}"] += 1
            else:
                latencies.append(elapsed)
                hits += headers.get("x-claimscope-cache") == "hit"
            if headers.get("connection", "").lower() == "close":
                writer.close()
                reader = writer = None
        if writer is not None:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - began
    found: dict[str, Any] = {"requests": len(latencies), "errors": sum(kinds.values())}
    if kinds:
        found["error kinds"] = ", ".join(f"{kind} ×{n}" for kind, n in kinds.most_common())
    if not latencies:
        return found
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    return {**found, "p50 ms": cuts[49] * 1000, "p95 ms": cuts[94] * 1000, "max ms": max(latencies) * 1000,
            "req/s": len(latencies) / elapsed, "cache hits": hits / len(latencies)}
