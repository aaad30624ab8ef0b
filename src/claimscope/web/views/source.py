"""A source (actor): its claims over time, its origin groups in the topics, its reliability grade."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from starlette.responses import Response

from claimscope.reconcile.grading import RELIABILITY
from claimscope.web import api, charts, edits, topicdata
from claimscope.web.pages import back, posted_form, query_string, render, store_of

router = APIRouter(include_in_schema=False)
MAX_CLAIMS = 1000


@router.get("/sources")
def sources_page(request: Request, q: Annotated[str | None, Query(max_length=300)] = None) -> Response:
    return render(request, "sources.html", actors=store_of(request).actors(q=q, limit=500), q=q or "")


@router.get("/source")
def source_page(request: Request, name: Annotated[str, Query(min_length=1, max_length=300)],
                message: Annotated[str | None, Query(max_length=500)] = None,
                error: Annotated[str | None, Query(max_length=500)] = None) -> Response:
    store = store_of(request)
    actor = store.actor(name)
    if actor is None:
        raise HTTPException(404, f"no actor named {name!r}")
    claims = store.claims(actor=actor["name"], limit=MAX_CLAIMS)
    summary = [{"date": c["asserted_on"] or c["document"]["published"], "modality": c["modality"],
                "content": c["content"]["text"]} for c in claims]
    origins: dict[str, set[str]] = {}
    for found in topicdata.actor_topics(store, actor["name"]):
        for row in found["timeline"]:
            if row["actor"] == actor["name"]:
                origins.setdefault(row["origin"], set()).add(found["label"])
    letter = api.grade_of(store, actor["name"])
    return render(request, "source.html", actor=actor, claims=claims, chart=charts.source_chart(summary),
                  origins={k: sorted(v) for k, v in sorted(origins.items())}, letter=letter,
                  reliability=RELIABILITY, message=message, error=error)


@router.post("/source/grade")
async def source_grade(request: Request) -> Response:
    form = {k: v[0] for k, v in (await posted_form(request)).items()}
    url = "/source?" + query_string({"name": form.get("actor", "")})
    try:
        return back(url, message=edits.grade(store_of(request), form.get("actor", ""), form.get("letter", "")))
    except edits.EditError as exc:
        return back(url, error=str(exc))
