"""The FastAPI application: pages (views/), the JSON API (/api/v1), vendored static files, security."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
import os
from pathlib import Path

import anyio

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from claimscope import __version__
from claimscope.store import Store
from claimscope.store.stamp import ChangeStamp
from claimscope.web import api, topicdata
from claimscope.web.cache import CacheMiddleware
from claimscope.web.pages import install_errors
from claimscope.web.security import TOKEN_ENV, SecurityHeaders, TokenGuard
from claimscope.web.views import PAGES

HERE = Path(__file__).parent
# Sync endpoints run in worker threads, each holding a database connection: no more threads than the
# connection pool holds (SQLAlchemy's default 5 + 10 overflow), so a burst waits in the queue instead of
# timing out on the pool.
WORKER_THREADS = 15
DB_ENV = "CLAIMSCOPE_SERVE_DB"  # the database `from_environment` serves (set by `claimscope serve --workers`)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
    yield


def create_app(store: Store, token: str | None = None, catch_up: bool = True) -> FastAPI:
    """The workspace over a store; with `token`, every request must carry it (see `security`). Documents
    stored before reconciliation was materialised are reconciled first (unless `catch_up` is False)."""
    if catch_up:
        topicdata.catch_up(store)
    app = FastAPI(
        lifespan=_lifespan,
        title="claimscope API",
        version=__version__,
        description="Who claims what: documents, claims, topics, places and actors of a claimscope store.",
        openapi_url=f"{api.PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.include_router(api.router)
    for page in PAGES:
        app.include_router(page.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    install_errors(app)
    app.add_middleware(CacheMiddleware, stamp=ChangeStamp(store.engine))
    app.add_middleware(SecurityHeaders)
    app.add_middleware(TokenGuard, token=token)
    return app


def from_environment() -> FastAPI:
    """The application factory of a server process (`uvicorn --factory`, one per worker): the store named
    by CLAIMSCOPE_SERVE_DB, the token from CLAIMSCOPE_API_TOKEN; no catch-up (the parent did it once)."""
    return create_app(Store(os.environ[DB_ENV]), token=os.environ.get(TOKEN_ENV) or None, catch_up=False)
