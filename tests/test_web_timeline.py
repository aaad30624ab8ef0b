"""The topic page's timeline groups as HTML (web/timeline.py): every value escaped once, the group's size,
denial and undated markers, and the link its claims load from."""

from __future__ import annotations

from markupsafe import escape

from claimscope.web.timeline import groups_html

HOSTILE = "<img src=x onerror=alert(1)> & \"quoted\" 'single'"
TEXT_FIELDS = ("source", "origin", "stated", "scope_place", "interval", "modality", "consistency", "credibility",
               "credibility_reason", "reliability", "reliability_reason", "content")


def row(**changes) -> dict:
    base = {k: f"{k} {HOSTILE}" for k in TEXT_FIELDS}
    return {**base, "claim_id": "c1", "date": "2024-10-28", "date_is_publication": False, "actor": None,
            "denied": False, **changes}


def test_every_value_is_escaped_once():
    html = groups_html("t1", [{"first": row(), "rows": [row()]}])
    assert "<img" not in html and "&amp;lt;" not in html
    for field in TEXT_FIELDS:
        assert str(escape(f"{field} {HOSTILE}")) in html, field
    assert "<a " not in html.split('<div class="group-claims">')[0]  # no source link without an actor


def test_a_group_shows_its_size_its_markers_and_where_its_claims_load_from():
    first = row(claim_id="c 1/x", denied=True, date_is_publication=True, actor="Defence Intelligence of Ukraine")
    html = groups_html("topic one", [{"first": first, "rows": [first, row(), row()]}])
    assert 'class="group denied"' in html and " (denied)</td>" in html
    assert 'title="not dated in the text: the publication date stands in"' in html
    assert 'class="group-details repeats"' in html and "<summary>3 claims: " in html
    assert html.count('"/topics/topic%20one/group/c%201/x"') == 2  # the details' fragment and its fallback link
    assert '<a href="/source?name=Defence%20Intelligence%20of%20Ukraine">Defence Intelligence of Ukraine</a>' in html
    single = groups_html("t1", [{"first": row(), "rows": [row()]}])
    assert "repeats" not in single and "claims: " not in single and "denied" not in single
