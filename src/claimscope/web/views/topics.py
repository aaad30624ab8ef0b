"""The topics list (the home page): label, claims, independent origins, latest low / best / high, flags."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from claimscope.web import topicdata
from claimscope.web.pages import render, store_of

router = APIRouter(include_in_schema=False)
FLAGS = ("growth", "disagreement")


@router.get("/")
def topics_page(request: Request, q: Annotated[str | None, Query(max_length=300)] = None,
                flag: Annotated[str | None, Query(max_length=20)] = None,
                min_claims: Annotated[int, Query(ge=0)] = 0) -> Response:
    """Every topic, searchable by label, filtered by flag and size."""
    found = [t for t in topicdata.topics(store_of(request), q=q)
             if t["claims"] >= min_claims and (not flag or flag in t["flags"])]
    return render(request, "topics.html", topics=found, q=q or "", flag=flag or "", flags=FLAGS,
                  min_claims=min_claims)
