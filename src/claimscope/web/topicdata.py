"""The topics the pages and the API show, as JSON dicts: the one place that knows where they come from.

Reconciliation is computed from the store (`reconcile_store`) and kept until the claims, the analyst's edits
or the grades change (looked at every RECHECK_SECONDS; an edit made here refreshes at once); once the store
materialises topics, `_reconciled` reads them instead.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from claimscope.reconcile.loading import reconcile_store
from claimscope.store import Store

RECHECK_SECONDS = 5.0
_lock = threading.Lock()
_cache: dict[str, tuple[float, tuple[Any, ...], list[dict[str, Any]]]] = {}


def _reconciled(store: Store) -> list[dict[str, Any]]:
    """Every topic as `Topic.to_json()`, most claims first, recomputed only when the store changed."""
    with _lock:
        cached = _cache.get(store.url)
        if cached and time.monotonic() - cached[0] < RECHECK_SECONDS:
            return cached[2]
        version = (store.counts()["claims"], len(store.topic_edits()), tuple(sorted(store.grades().items())))
        if cached is None or cached[1] != version:
            cached = (time.monotonic(), version, [t.to_json() for t in reconcile_store(store)])
        _cache[store.url] = (time.monotonic(), cached[1], cached[2])
        return cached[2]


def refresh(store: Store) -> None:
    """Forget the topics after an edit, so the next page shows it."""
    with _lock:
        _cache.pop(store.url, None)


def topics(store: Store, q: str | None = None) -> list[dict[str, Any]]:
    """Topic summaries (id, label, claims, origins, growth, latest low/best/high, flags); `q` filters labels."""
    found = []
    for t in _reconciled(store):
        if q and q.lower() not in t["label"].lower():
            continue
        last = t["windows"][-1] if t["windows"] else None
        flags = [f for f, on in (("growth", t["growth"]), ("disagreement", bool(last and last["disagreement"])))
                 if on]
        latest = {k: last[k] for k in ("low", "best", "high")} if last else {"low": None, "best": None, "high": None}
        found.append({k: t[k] for k in ("id", "label", "claims", "origins", "growth")}
                     | {"latest": latest, "flags": flags})
    return found


def topic(store: Store, id_or_prefix: str) -> dict[str, Any]:
    """One topic with its timeline and windows, by id or unique prefix; LookupError if none or several."""
    prefix = id_or_prefix.strip().lower()
    matches = [t for t in _reconciled(store) if prefix and t["id"].startswith(prefix)]
    if len(matches) != 1:
        raise LookupError(f"{'no' if not matches else 'more than one'} topic with id {id_or_prefix!r}")
    return matches[0]


def claim_topics(store: Store, claim_id: str) -> list[dict[str, Any]]:
    """The topics a claim belongs to: id and label."""
    return [{"id": t["id"], "label": t["label"]} for t in _reconciled(store)
            if any(r["claim_id"] == claim_id for r in t["timeline"])]
