"""The topic page's timeline table body as HTML, made in Python rather than Jinja: for a 300-claim topic the
template's lookup, escape and yield per cell cost more than the rest of the page. One f-string per group
(origin × figure × date), every value escaped with markupsafe as the templates escape it; the values many
rows share (origins, figures, grades and their reasons) are escaped once per process.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2.utils import url_quote
from markupsafe import Markup, escape

from claimscope.web.pages import source_link

UNDATED = '<span title="not dated in the text: the publication date stands in">≤</span>'


@lru_cache(maxsize=4096)
def _shared(value: Any) -> Markup:
    """A value many rows share, escaped (a page holds few distinct ones, hence the cache)."""
    return escape(value)


def groups_html(topic_id: str, groups: list[dict[str, Any]]) -> Markup:
    """The `<tbody>` of each timeline group (`views.topic.timeline_groups`): its first claim's row, and the
    details that load the group's claims from `/topics/{id}/group/{claim}` when opened."""
    topic_url = "/topics/" + url_quote(topic_id)
    return Markup("".join(_group(topic_url, g["first"], len(g["rows"])) for g in groups))


def _group(topic_url: str, r: dict[str, Any], size: int) -> str:
    """One group's `<tbody>` (an f-string: str.format with named fields took twice as long)."""
    fragment = escape(f"{topic_url}/group/{url_quote(r['claim_id'])}")
    source = source_link(r["actor"]) if r["actor"] else _shared(r["source"])
    place = f" in {_shared(r['scope_place'])}" if r["scope_place"] else ""
    return (
        f'\n<tbody class="group{" denied" if r["denied"] else ""}">\n'
        f'<tr class="timeline-row" data-claim="{escape(r["claim_id"])}">\n'
        f'  <td>{UNDATED if r["date_is_publication"] else ""}{_shared(r["date"] or "?")}</td>\n'
        f'  <td>{source}</td>\n'
        f'  <td>{_shared(r["origin"])}</td>\n'
        f'  <td>{_shared(r["stated"])}{place}{" (denied)" if r["denied"] else ""}</td>\n'
        f'  <td>{_shared(r["interval"])}</td>\n'
        f'  <td>{_shared(r["modality"])}</td>\n'
        f'  <td><span title="{_shared(r["reliability_reason"])}">{_shared(r["reliability"])}</span>'
        f'<span title="{_shared(r["credibility_reason"])}">{_shared(r["credibility"])}</span></td>\n'
        f'  <td>{_shared(r["consistency"])}</td>\n'
        '</tr>\n'
        '<tr class="detail-row"><td colspan="8">\n'
        f'  <details class="group-details{" repeats" if size > 1 else ""}" data-fragment="{fragment}">\n'
        f'    <summary>{f"{size} claims: " if size > 1 else ""}{escape(r["content"])}</summary>\n'
        f'    <div class="group-claims"><a href="{fragment}">the claims, their reasons and the split boxes</a></div>\n'
        '  </details>\n'
        '</tbody>\n'
    )
