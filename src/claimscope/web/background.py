"""The workspace served from a thread on a free loopback port: for tests, screenshots and benchmarks."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

from claimscope.store import Store
from claimscope.web.app import create_app

START_SECONDS = 30


class BackgroundServer:
    """uvicorn in a daemon thread on 127.0.0.1 (a port the OS picks); `url` once started; `stop()` ends it."""

    def __init__(self, store: Store, token: str | None = None) -> None:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(store, token=token), log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + START_SECONDS
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        """Shut the server down and wait for its thread."""
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def __enter__(self) -> BackgroundServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
