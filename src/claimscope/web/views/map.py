"""The map: the places of the claims (filters: topic, source, date range, modality), each drawn by its
precision, with a popup of the claims there; the basemap is Natural Earth, vendored (no tile server)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from claimscope.web import api, topicdata
from claimscope.web.pages import render, store_of

router = APIRouter(include_in_schema=False)


@router.get("/map")
def map_page(request: Request, filters: api.Filters,
             topic: Annotated[str | None, Query(max_length=20)] = None) -> Response:
    places = api.places(store_of(request), filters, topic)
    return render(request, "map.html", places=places, topics=topicdata.choices(store_of(request), topic),
                  params=dict(request.query_params), topic=topic or "", modalities=[m.value for m in api.Modality])
