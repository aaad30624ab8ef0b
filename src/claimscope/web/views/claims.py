"""The claims table: every filter of `claimscope claims`, full-text search, cursor paging, CSV download."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response, StreamingResponse

from claimscope import export
from claimscope.store.records import figures
from claimscope.web import api
from claimscope.web.pages import query_string, render, store_of

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
CSV_PAGE = 500
CSV_COLUMNS = ("id", "date", "source", "actor", "cue", "channel", "modality", "event", "content", "quantities",
               "places", "document_id", "document_title", "outlet")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@router.get("/claims")
def claims_page(request: Request, filters: api.Filters, size: api.Size = PAGE_SIZE,
                after: api.Next = None) -> Response:
    rows, cursor = api.claims_page(store_of(request), filters, after, size)
    params = {k: v for k, v in request.query_params.items() if k not in ("_next", "message", "error")}
    return render(request, "claims.html", claims=rows, params=params, modalities=[m.value for m in api.Modality],
                  next_query=query_string(params, _next=cursor) if cursor else None,
                  first_query=query_string(params) if after else None,
                  csv_query=query_string({k: v for k, v in params.items() if k != "_size"}),
                  export_query=query_string({k: v for k, v in params.items() if k not in ("_size", "text")}),
                  export_formats=export.FORMATS)


@router.get("/claims.csv")
def claims_csv(request: Request, filters: api.Filters) -> Response:
    """Every claim the filters keep, as CSV (read page by page, written as it goes)."""
    store = store_of(request)
    api.claims_page(store, filters, None, 1)  # a bad filter fails before the download starts

    def lines() -> Iterator[str]:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        cursor = None
        while True:
            rows, cursor = store.claims_page(filters, after=cursor, size=CSV_PAGE)
            for claim in rows:
                writer.writerow([safe_cell(v) for v in csv_row(claim)])
            yield out.getvalue()
            out.seek(0)
            out.truncate()
            if cursor is None:
                return

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="claims.csv"'})


def csv_row(claim: dict[str, Any]) -> list[Any]:
    """A claim's CSV cells, in CSV_COLUMNS order."""
    source = claim["source"] or {}
    return [claim["id"], claim["asserted_on"] or claim["document"]["published"], source.get("text"),
            source.get("actor"), claim["cue"], claim["channel"], claim["modality"], claim["event"],
            claim["content"]["text"], "; ".join(q["text"] for q in figures(claim)),
            "; ".join(p["name"] or p["text"] for p in claim["places"]), claim["document"]["id"],
            claim["document"]["title"], claim["document"]["outlet"]]


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet will not run as a formula: text starting with = + - @ gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
