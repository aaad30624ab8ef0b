"""Vega-Lite specs (built with altair) for the pages: a topic's figures over time, a source's claims over time.

The specs carry their data inline (the topic chart its claims once, a dataset several layers read); the page
renders them with the vendored vega-embed (SVG renderer).
"""

from __future__ import annotations

import copy
from bisect import bisect_right
from collections import defaultdict
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import altair as alt

HEADROOM = 1.15  # open intervals ("at least 3,000") reach this far above the largest figure shown
WIDTH = "container"
CLAIMS = "claims"  # the topic chart's shared dataset: a row per dated claim
POINT_LAYERS = {"figures": "figure", "denials": "denial", "presence": "presence"}  # layer -> the kind it marks


def topic_chart(topic: dict[str, Any]) -> dict[str, Any]:
    """A topic's chart: one band per origin (each claim's interval from its date until that origin's next
    claim), the stated figures, denials (crosses) and figure-less presence claims (triangles), and the weekly
    consensus band. The claims are one shared dataset that the bands and the three kinds of points read (a
    kind's points filter it): the page carries each claim once."""
    rows = [r for r in topic["timeline"] if r["date"]]
    if not rows:
        return {}
    finite = [v for r in rows for v in (r["low"], r["high"], r["value"]) if v is not None]
    finite += [v for w in topic["windows"] for v in (w["low"], w["high"]) if v is not None]
    top = max(finite or [1]) * HEADROOM
    last_day = max([date.fromisoformat(r["date"]) for r in rows]
                   + [date.fromisoformat(w["end"]) for w in topic["windows"] if w["end"]])
    bands = _bands(rows, top, last_day + timedelta(days=1))
    kinds = {b["kind"] for b in bands}
    consensus = [{"start": w["start"], "end": w["end"], "low": w["consensus"]["low"] or 0,
                  "high": w["consensus"]["high"] if w["consensus"]["high"] is not None else top,
                  "best": w["best"], "origins": w["origins"]}
                 for w in topic["windows"] if w["consensus"] and w["start"]]
    values = {"consensus": consensus, "bands": bands, "best": [c for c in consensus if c["best"] is not None],
              **{layer: kind in kinds for layer, kind in POINT_LAYERS.items()}}
    return _filled(_topic_template(), values, top, {CLAIMS: bands})


def _filled(template: dict[str, Any], values: dict[str, Any], top: float | None,
            datasets: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """The altair-made template with each layer's data: its rows under its name in `values`, or, for a layer
    reading one of the shared `datasets`, whether it draws anything. Layers without data are left out (an
    empty layer makes Vega warn of an infinite extent)."""
    spec = copy.deepcopy(template)
    layers = []
    for layer in spec.get("layer", [spec]):
        if values.get(layer["name"]):
            if "name" not in layer.get("data", {}):
                layer["data"] = {"values": values[layer["name"]]}
            if top is not None and "y" in layer.get("encoding", {}):
                layer["encoding"]["y"]["scale"] = {"domain": [0, top], "clamp": True}
            layers.append(layer)
    if datasets:
        spec["datasets"] = datasets
    if "layer" not in spec:
        return spec if layers else {}
    spec["layer"] = layers
    return spec


@lru_cache(maxsize=1)
def _topic_template() -> dict[str, Any]:
    """The topic chart's spec without data, made by altair once (altair takes ~1 s to build it)."""
    none = alt.Data(values=[])
    claims = alt.NamedData(CLAIMS)
    x = alt.X("start:T", title="date")
    y = alt.Y("low:Q", title="figure")
    origin = alt.Color("origin:N", title="origin")
    tooltip = ["origin:N", "source:N", "stated:N", "date:N", "modality:N", "credibility:N"]

    def points(layer: str) -> alt.Chart:
        """A kind's points: the claims of that kind at their figure (else their interval's low end)."""
        return (alt.Chart(claims, name=layer).transform_filter(f"datum.kind === '{POINT_LAYERS[layer]}'")
                .transform_calculate(y="datum.value != null ? datum.value : datum.low"))

    layers = [
        alt.Chart(none, name="consensus").mark_rect(color="#888", opacity=0.18)
        .encode(x=x, x2="end:T", y=y, y2="high:Q", tooltip=["start:N", "end:N", "low:Q", "high:Q", "best:Q"]),
        alt.Chart(claims, name="bands").mark_rect(opacity=0.28, strokeWidth=1)
        .encode(x=alt.X("date:T", title="date"), x2="until:T", y=y, y2="high:Q", color=origin, stroke=origin,
                tooltip=tooltip),
        points("figures").mark_point(filled=True, size=60).encode(x="date:T", y="y:Q", color=origin, tooltip=tooltip),
        points("denials").mark_point(shape="cross", size=140, color="#c00", filled=True)
        .encode(x="date:T", y="y:Q", tooltip=tooltip),
        points("presence").mark_point(shape="triangle-up", size=90, filled=True)
        .encode(x="date:T", y="y:Q", color=origin, tooltip=tooltip),
        alt.Chart(none, name="best").mark_rule(color="#444", strokeDash=[4, 3])
        .encode(x=x, x2="end:T", y="best:Q"),
    ]
    return alt.layer(*layers).properties(width=WIDTH, height=320).to_dict(validate=False)


def _bands(rows: list[dict[str, Any]], top: float, end: date) -> list[dict[str, Any]]:
    """One band per claim: from its date until the next later claim of its origin (else the chart's end)."""
    dates: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        dates[r["origin"]].append(r["date"])
    for days in dates.values():
        days.sort()
    bands = []
    for r in rows:
        days = dates[r["origin"]]
        later = bisect_right(days, r["date"])  # the first of the origin's dates after this one
        kind = "denial" if r["denied"] else ("figure" if r["value"] is not None else "presence")
        bands.append({
            "date": r["date"], "until": days[later] if later < len(days) else end.isoformat(),
            "low": r["low"] or 0, "high": r["high"] if r["high"] is not None else top, "value": r["value"],
            "origin": r["origin"], "source": r["actor"] or r["source"], "stated": r["stated"],
            "modality": r["modality"], "credibility": f"{r['reliability']}{r['credibility']}", "kind": kind,
        })
    return bands


def source_chart(claims: list[dict[str, Any]]) -> dict[str, Any]:
    """A source's claims over time: a mark per claim by date, coloured by modality."""
    values = [{"date": c["date"], "modality": c["modality"], "content": c["content"][:120]}
              for c in claims if c["date"]]
    return _filled(_source_template(), {"claims": values}, None)


@lru_cache(maxsize=1)
def _source_template() -> dict[str, Any]:
    """The source chart's spec without data, made by altair once."""
    chart = (alt.Chart(alt.Data(values=[]), name="claims").mark_tick(thickness=3, size=28)
             .encode(x=alt.X("date:T", title="date"), y=alt.Y("modality:N", title=None),
                     color=alt.Color("modality:N", legend=None), tooltip=["date:N", "modality:N", "content:N"])
             .properties(width=WIDTH, height=140))
    return chart.to_dict(validate=False)
