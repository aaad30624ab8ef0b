"""How a topic's timeline reads: one row per origin x figure x asserted date, with its reports and documents."""

from __future__ import annotations

from typing import Any

SHORT_ID = 8  # characters of a claim id shown in tables; any unique prefix of 4 or more is accepted
_WORST_FIRST = ("contradict", "superseded", "growth", "agree", "unconfirmed")


def collapse(timeline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Timeline rows (dicts of `Row.to_json`) collapsed per origin, figure said, kind and date, in date order:
    the number of reports, their documents, sources and short claim ids, the worst consistency and the best
    credibility among them."""
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in timeline:
        key = (row["origin"], row["stated"], row["scope_place"], row["kind"], row["date"])
        groups.setdefault(key, []).append(row)
    rows = []
    for (origin, stated, place, kind, day), members in groups.items():
        first = min(members, key=lambda r: r["credibility"])
        rows.append({
            "date": day, "date_is_publication": all(r["date_is_publication"] for r in members),
            "origin": origin, "sources": sorted({r["actor"] or r["source"] or "?" for r in members}),
            "said": stated + (f" in {place}" if place else ""), "kind": kind,
            "low": first["low"], "high": first["high"], "interval": first["interval"],
            "reports": len(members), "documents": sorted({r["document_id"] for r in members}),
            "claim_ids": [r["short_id"] for r in members],
            "consistency": min((r["consistency"] for r in members), key=_WORST_FIRST.index),
            "credibility": first["credibility"], "credibility_reason": first["credibility_reason"],
            "reliability": first["reliability"],
        })
    return rows


def topic_view(stored: dict[str, Any]) -> dict[str, Any]:
    """A stored topic (head, `timeline`, `windows`) as `topic ID` and the API show it: with its timeline
    collapsed (`rows`) and its denial track (`denials`)."""
    timeline = stored["timeline"]
    return {**stored, "rows": collapse(timeline), "denials": [r for r in timeline if r["kind"] == "denial"]}
