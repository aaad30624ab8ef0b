"""The API's documentation page: Swagger UI from the vendored swagger-ui-dist, reading /api/v1/openapi.json."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from claimscope.web.pages import render

router = APIRouter(include_in_schema=False)


@router.get("/api/v1/docs")
def api_docs(request: Request) -> Response:
    return render(request, "apidocs.html")
