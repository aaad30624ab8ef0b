"""A materialised topic updated from the claims an ingest adds, reading and rewriting only what they can change.

Claims new to a topic begin on day d or later. They can change only the rows still holding on the Monday
of d's week (an origin's claim holds until its next): two claims relate only while both hold, a claim's
successor is the next one of its origin, and the windows before that Monday count only claims begun before
it. Those rows are recomputed with the new ones (their relations to rows outside kept as stored), then the
windows from that Monday on; the rest of the topic is not read. Copies are looked for among the rows dated
within `COPY_DAYS` of the new claims; when one changes the origin of a stored row, or the topic holds one
claim twice, the topic is recomputed whole instead (`None`). The result equals the whole computation:
tests/test_reconcile_increment.py checks it on random topics.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from claimscope.reconcile import Row, Topic, window_json
from claimscope.reconcile.consistency import holding_periods, relate, rising_bests, window_start, windows
from claimscope.reconcile.grading import credibility, reliability
from claimscope.reconcile.independence import COPY_DAYS, Origin, copy_groups
from claimscope.reconcile.keys import Membership, membership_from
from claimscope.reconcile.records import record_from
from claimscope.store import Store

WEEKLY = 7  # windows start on Mondays only when weekly: the increment needs their starts fixed in advance


def increment(store: Store, topic_id: str, label: str, pending: list[dict[str, Any]], grades: dict[str, str],
              window_days: int) -> dict[str, Any] | None:
    """The write (`Store.save_increments`) that adds these pending memberships to a stored topic; None when
    the topic must be recomputed whole."""
    if window_days != WEEKLY or not pending:
        return None
    new = [_membership(r) for r in pending]
    first = min(_day(m) for m in new)
    since = window_start(first, window_days)
    copies_from = first - timedelta(days=COPY_DAYS) if first > date.min + timedelta(days=COPY_DAYS) else date.min
    context = store.timeline_context(topic_id, _iso(since), _iso(copies_from))
    old = [_membership(r) for r in context]
    ids = [m.claim.claim_id for m in old + new]
    if len(set(ids)) != len(ids):
        return None
    stored = {r["claim_id"]: Origin(r["effective_key"], r["effective_label"]) for r in context}
    given = {**stored, **{r["claim_id"]: Origin(r["origin_key"], r["origin_label"]) for r in pending}}
    signatures = store.signatures({m.claim.document_id for m in old + new})
    origins = copy_groups(old + new, given, signatures, COPY_DAYS)
    if any(origins[c] != o for c, o in stored.items()):
        return None
    held_rows = [r for r in context if r["holds_until"] >= _iso(since)]
    held = [m for m, r in zip(old, context) if r["holds_until"] >= _iso(since)] + new
    held_ids = {m.claim.claim_id for m in held}
    relations = relate(held, origins, window_days)
    for r in held_rows:  # relations to rows that no longer hold are as stored
        for kind, partners in r["row"]["relations"].items():
            getattr(relations[r["claim_id"]], kind).update(p for p in partners if p not in held_ids)
    outside = {p for rel in relations.values() for ps in vars(rel).values() for p in ps} - set(origins)
    named = {**origins, **{c: Origin(*o) for c, o in store.timeline_origins(topic_id, outside).items()}}
    rows = [Row(m, origins[m.claim.claim_id], relations[m.claim.claim_id],
                credibility(relations[m.claim.claim_id], named), reliability(m.claim.actor, grades)) for m in held]
    series = windows(held, origins, window_days, since=since)
    growth = rising_bests(store.window_bests(topic_id, _iso(since)) + [w.best for w in series])
    topic = Topic(topic_id, label, rows, series, growth)
    return {"id": topic_id, "since": _iso(since),
            "head": {"growth": growth, "latest": topic.latest(), "flags": topic.flags()},
            "timeline": timeline_rows(rows, holding_periods(held, origins), {c: o.label for c, o in named.items()}),
            "windows": windows_rows(series)}


def timeline_rows(rows: list[Row], periods: dict[str, tuple[date, date]],
                  labels: dict[str, str]) -> list[dict[str, Any]]:
    """Timeline rows as the store keeps them: the row's JSON with its days and origin."""
    return [{"claim_id": r.membership.claim.claim_id, "day": _iso(_day(r.membership)),
             "holds_until": _iso(periods[r.membership.claim.claim_id][1]), "origin_key": r.origin.key,
             "origin_label": r.origin.label, "data": r.to_json(labels)} for r in rows]


def windows_rows(series: list[Any]) -> list[dict[str, Any]]:
    """Windows as the store keeps them."""
    return [{"start": _iso(w.start), "best": w.best, "data": window_json(w)} for w in series]


def _membership(row: dict[str, Any]) -> Membership:
    return membership_from(row["membership"], record_from(row["record"]))


def _day(m: Membership) -> date:
    return m.claim.when or date.min


def _iso(day: date) -> str:
    return day.isoformat()
