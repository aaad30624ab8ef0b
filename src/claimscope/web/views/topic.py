"""A topic: its chart (a band per origin, denials and presence marked, the weekly consensus), its timeline
collapsed per origin × figure × date, and the analyst's edits (rename, merge, split, grade) as posted forms."""

from __future__ import annotations

from itertools import groupby
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request
from starlette.responses import Response

from claimscope import export
from claimscope.reconcile.grading import CREDIBILITY, RELIABILITY
from claimscope.web import charts, edits, timeline, topicdata
from claimscope.web.pages import back, posted_form, render, store_of

router = APIRouter(include_in_schema=False)
# A page shows the latest claims of a very large topic only (the API has them all): a browser cannot use a
# chart of ten thousand bands, and the page stays quick.
MAX_ROWS = 400


def timeline_groups(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Timeline rows collapsed per origin × stated figure × date, in date order: the first row stands for
    the group, the others are its repeats (shown on expanding)."""
    ordered = sorted(rows, key=lambda r: (r["date"] or "", r["origin"], r["stated"]))
    return [{"first": group[0], "rows": group}
            for group in (list(g) for _, g in groupby(ordered, key=lambda r: (r["date"], r["origin"], r["stated"])))]


@router.get("/topics/{topic_id}")
def topic_page(request: Request, topic_id: str, message: Annotated[str | None, Query(max_length=500)] = None,
               error: Annotated[str | None, Query(max_length=500)] = None) -> Response:
    store = store_of(request)
    try:
        found = topicdata.page_topic(store, topic_id)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from exc
    others = [t for t in topicdata.choices(store) if t["id"] != found["id"]]
    shown = {**found, "timeline": found["timeline"][-MAX_ROWS:]}
    actors = sorted({r["actor"] for r in shown["timeline"] if r["actor"]})
    return render(request, "topic.html", topic=shown, chart=charts.topic_chart(shown),
                  timeline=timeline.groups_html(found["id"], timeline_groups(shown["timeline"])), others=others,
                  actors=actors, left_out=len(found["timeline"]) - len(shown["timeline"]),
                  reliability=RELIABILITY, credibility=CREDIBILITY, message=message, error=error,
                  export_formats=export.FORMATS)


@router.get("/topics/{topic_id}/group/{claim_id}")
def topic_group(request: Request, topic_id: str, claim_id: str) -> Response:
    """The claims of one timeline group (the group its first claim `claim_id` stands for), as an HTML
    fragment the topic page loads when the group is opened."""
    try:
        found = topicdata.page_topic(store_of(request), topic_id, whole_rows=True)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from exc
    group = next((g for g in timeline_groups(found["timeline"][-MAX_ROWS:]) if g["first"]["claim_id"] == claim_id),
                 None)
    if group is None:
        raise HTTPException(404, f"topic {found['id']} has no timeline group of claim {claim_id}")
    return render(request, "topic_group.html", rows=group["rows"])


@router.post("/topics/{topic_id}/edit")
async def topic_edit(request: Request, topic_id: str) -> Response:
    """One of the analyst's edits, by the form's `action`; back to the (possibly new) topic page."""
    form = await posted_form(request)
    one = {k: v[0].strip() for k, v in form.items()}
    store = store_of(request)
    action = one.get("action")
    url = f"/topics/{quote(topic_id, safe='')}"
    try:
        if action == "rename":
            message = edits.rename(store, topic_id, one.get("label", ""))
        elif action == "merge":
            message = edits.merge(store, topic_id, one.get("target", ""))
            url = f"/topics/{quote(one.get('target', ''), safe='')}"
        elif action == "split":
            message, new_id = edits.split(store, topic_id, form.get("claim", []), one.get("label", ""))
            url = f"/topics/{quote(new_id, safe='')}"
        elif action == "grade":
            message = edits.grade(store, one.get("actor", ""), one.get("letter", ""))
        else:
            raise edits.EditError(f"unknown edit {action!r}")
    except edits.EditError as exc:
        return back(url, error=str(exc))
    return back(url, message=message)
