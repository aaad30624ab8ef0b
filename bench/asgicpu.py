"""The CPU time one request costs the workspace, the ASGI app called in this process with nothing else running.

Under 50 concurrent clients on a loaded machine latencies move by a factor of two between runs; the CPU time
of one request (no sockets, no HTTP parsing, no queueing) moves by a few per cent, so it is the figure to
compare two versions by. Each request is a direct ASGI call (a GET with the bench's cookie); the sync
endpoints still run in the app's worker thread, which `time.process_time` counts.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message

WARM_UP = 3  # requests first, not counted: templates compile, the chart's altair template is built


async def _get(app: ASGIApp, path: str, cookie: str | None) -> tuple[int, int]:
    """One GET through the app: its status and body size."""
    parts = urlsplit(path)
    headers = [(b"host", b"bench"), (b"accept", b"*/*")] + ([(b"cookie", cookie.encode())] if cookie else [])
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": parts.path, "raw_path": parts.path.encode(), "root_path": "",
             "query_string": parts.query.encode(), "headers": headers,
             "client": ("127.0.0.1", 1), "server": ("bench", 80)}
    status, size = 0, 0

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status, size
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            size += len(message.get("body", b""))

    await app(scope, receive, send)
    return status, size


def cpu_ms(app: ASGIApp, paths: list[str], cookie: str | None = None, seconds: float = 20.0) -> dict[str, Any]:
    """p10 and p50 of the CPU milliseconds of one request, over `paths` in turn (after WARM_UP requests),
    until they are all sent or `seconds` have passed; a non-200 answer raises RuntimeError."""

    async def run() -> list[float]:
        times: list[float] = []
        for path in paths[:WARM_UP]:
            await _get(app, path, cookie)
        deadline = time.perf_counter() + seconds
        for path in paths[WARM_UP:]:
            started = time.process_time()
            status, _ = await _get(app, path, cookie)
            times.append((time.process_time() - started) * 1000)
            if status != 200:
                raise RuntimeError(f"{path}: HTTP {status}")
            if time.perf_counter() > deadline:
                break
        return times

    times = asyncio.run(run())
    cuts = statistics.quantiles(times, n=10) if len(times) > 1 else [times[0]] * 9
    return {"CPU ms p10": cuts[0], "CPU ms p50": statistics.median(times), "CPU requests": len(times)}
