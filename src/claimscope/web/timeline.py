"""The topic page's timeline table body as HTML, made in Python rather than Jinja: for a 300-claim topic the
template's lookup, escape and yield per cell cost more than the rest of the page. One format string per
group (origin × figure × date), every value escaped with markupsafe as the templates escape it; the values
many rows share (origins, figures, grades and their reasons) are escaped once per process.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2.utils import url_quote
from markupsafe import Markup, escape

from claimscope.web.pages import source_link

UNDATED = '<span title="not dated in the text: the publication date stands in">≤</span>'
GROUP = (
    '\n<tbody class="group{denied_class}">\n'
    '<tr class="timeline-row" data-claim="{claim}">\n'
    '  <td>{undated}{date}</td>\n'
    '  <td>{source}</td>\n'
    '  <td>{origin}</td>\n'
    '  <td>{stated}{place}{denied}</td>\n'
    '  <td>{interval}</td>\n'
    '  <td>{modality}</td>\n'
    '  <td><span title="{reliability_reason}">{reliability}</span>'
    '<span title="{credibility_reason}">{credibility}</span></td>\n'
    '  <td>{consistency}</td>\n'
    '</tr>\n'
    '<tr class="detail-row"><td colspan="8">\n'
    '  <details class="group-details{repeats}" data-fragment="{fragment}">\n'
    '    <summary>{count}{content}</summary>\n'
    '    <div class="group-claims"><a href="{fragment}">the claims, their reasons and the split boxes</a></div>\n'
    '  </details>\n'
    '</tbody>\n'
)


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
    fragment = escape(f"{topic_url}/group/{url_quote(r['claim_id'])}")
    return GROUP.format(
        denied_class=" denied" if r["denied"] else "", claim=escape(r["claim_id"]),
        undated=UNDATED if r["date_is_publication"] else "", date=_shared(r["date"] or "?"),
        source=source_link(r["actor"]) if r["actor"] else _shared(r["source"]), origin=_shared(r["origin"]),
        stated=_shared(r["stated"]), place=f" in {_shared(r['scope_place'])}" if r["scope_place"] else "",
        denied=" (denied)" if r["denied"] else "", interval=_shared(r["interval"]), modality=_shared(r["modality"]),
        reliability_reason=_shared(r["reliability_reason"]), reliability=_shared(r["reliability"]),
        credibility_reason=_shared(r["credibility_reason"]), credibility=_shared(r["credibility"]),
        consistency=_shared(r["consistency"]), repeats=" repeats" if size > 1 else "", fragment=fragment,
        count=f"{size} claims: " if size > 1 else "", content=escape(r["content"]),
    )
