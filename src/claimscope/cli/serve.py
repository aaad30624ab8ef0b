"""`claimscope serve`: the web workspace and the JSON API over the store, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from claimscope.cli.app import app, console
from claimscope.cli.db import as_url, db_url, open_store
from claimscope.cli.output import fail, plain


@app.command()
def serve(
    db: Annotated[str | None, typer.Option("--db", metavar="PATH|URL", help="The database (as the global --db).")] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; other than loopback needs "
                                      "CLAIMSCOPE_API_TOKEN.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Server processes (each with its own "
                                         "connections and response cache).")] = 1,
    catch_up: Annotated[bool, typer.Option("--catch-up/--no-catch-up", help="First reconcile the documents "
                                           "stored before reconciliation was materialised (an older "
                                           "database); --no-catch-up serves at once.")] = True,
) -> None:
    """Serve the workspace (topics, a topic's chart and timeline, map, claims, documents, sources) and the API
    at /api/v1 (docs at /api/v1/docs). With CLAIMSCOPE_API_TOKEN set, every request must carry the token."""
    import uvicorn

    from claimscope.web import create_app, topicdata
    from claimscope.web.app import DB_ENV
    from claimscope.web.security import TOKEN_ENV, BindError, check_bind

    token = os.environ.get(TOKEN_ENV) or None
    try:
        check_bind(host, token)
    except BindError as exc:
        fail(str(exc))
    with open_store(as_url(db) if db else db_url()) as store:
        shown = f"[{host}]" if ":" in host else host
        console.print(plain(f"claimscope serving {store.url} at http://{shown}:{port}"
                            + (" (token required)" if token else "")))
        if workers == 1:
            uvicorn.run(create_app(store, token=token, catch_up=catch_up), host=host, port=port,
                        log_level="warning")
            return
        if catch_up:
            topicdata.catch_up(store)
        os.environ[DB_ENV] = store.url
    # Each worker process opens the store itself (`from_environment`); the token reaches it by environment.
    uvicorn.run("claimscope.web.app:from_environment", factory=True, workers=workers, host=host, port=port,
                log_level="warning")
