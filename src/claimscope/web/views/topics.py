"""The topics list (the home page): label, claims, independent origins, latest low / best / high, flags."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from starlette.responses import Response

from claimscope.web import api, topicdata
from claimscope.web.pages import query_string, render, store_of

router = APIRouter(include_in_schema=False)
FLAGS = tuple(f.value for f in api.TopicFlag)
PAGE_SIZE = 100


@router.get("/")
def topics_page(request: Request, q: Annotated[str | None, Query(max_length=300)] = None,
                flag: Annotated[str | None, Query(max_length=20)] = None,
                min_claims: Annotated[int, Query(ge=0)] = 0,
                after: Annotated[str | None, Query(alias="_next", max_length=400)] = None) -> Response:
    """The topics, most claims first, a page at a time; searchable by label, filtered by flag and size."""
    flag = flag if flag in FLAGS else None
    try:
        found, cursor = topicdata.topics_page(store_of(request), q or None, flag, min_claims, after, PAGE_SIZE)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    next_url = str(request.url.replace(query=query_string(dict(request.query_params), _next=cursor))) if cursor else None
    return render(request, "topics.html", topics=found, q=q or "", flag=flag or "", flags=FLAGS,
                  min_claims=min_claims, next_url=next_url, first_page=after is None)
