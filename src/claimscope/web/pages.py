"""What every page shares: the Jinja2 environment (autoescape on), rendering with the CSRF token, reading
posted forms, and HTML error pages (the API keeps JSON errors)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

import jinja2
from jinja2.utils import url_quote
from markupsafe import Markup
from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import RedirectResponse, Response

from claimscope import __version__
from claimscope.store import Store
from claimscope.web.security import CSRF_FIELD, csrf_ok, csrf_token, remember_csrf

HERE = Path(__file__).parent
MAX_FORM_BYTES = 64 * 1024

# Vendored assets, each in a folder named by its version (static/<name>-<version>/, with its licence).
ASSETS = {
    "leaflet": "leaflet-1.9.4",
    "topojson": "topojson-client-3.1.0",
    "world_atlas": "world-atlas-2.0.2",
    "vega": "vega-6.4.0",
    "vega_lite": "vega-lite-6.4.3",
    "vega_embed": "vega-embed-7.3.0",
    "swagger": "swagger-ui-dist-5.35.0",
}

@lru_cache(maxsize=4096)
def source_link(name: str | None) -> Markup:
    """The link to a source's page, escaped as the templates escape (a function, not a macro: a macro call
    per table row cost more than the rest of the row; a page names few sources, hence the cache)."""
    if not name:
        return Markup("")
    return Markup('<a href="/source?name={}">{}</a>').format(url_quote(name), name)


# Templates are package files: compiled once, never checked for changes on a request (auto_reload off).
_env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, auto_reload=False)
_env.globals.update(assets=ASSETS, version=__version__, csrf_field=CSRF_FIELD, source_link=source_link)
templates = Jinja2Templates(env=_env)


def store_of(request: Request) -> Store:
    """The store the application serves."""
    return request.app.state.store


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    """A page from its template, with the browser's CSRF token for its forms."""
    response = templates.TemplateResponse(request, name, {"csrf": csrf_token(request), **context},
                                          status_code=status_code)
    remember_csrf(request, response)
    return response


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """A query string of the non-empty parameters, with some changed (for paging and download links)."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


async def posted_form(request: Request) -> dict[str, list[str]]:
    """A URL-encoded form post, checked against CSRF: 403 when forged, 413 when too large."""
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, "form too large")
    form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    if not csrf_ok(request, {k: v[0] for k, v in form.items()}):
        raise HTTPException(403, "this form was not posted from this workspace (CSRF check failed): reload the page")
    return form


def back(url: str, message: str | None = None, error: str | None = None) -> RedirectResponse:
    """Redirect (303, after a post) to a page of this site, with a message or an error to show."""
    query = query_string({"message": message, "error": error})
    return RedirectResponse(url + (("&" if "?" in url else "?") + query if query else ""), status_code=303)


def install_errors(app: FastAPI) -> None:
    """HTML error pages for the pages; JSON for the API."""

    @app.exception_handler(StarletteHTTPException)
    async def _error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return await http_exception_handler(request, exc)
        return render(request, "error.html", status_code=exc.status_code, status=exc.status_code,
                      detail=str(exc.detail))
