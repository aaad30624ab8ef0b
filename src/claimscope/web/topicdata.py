"""The topics the pages and the API show, as JSON dicts: the one place that knows where they come from.

They are read from the topics the store materialised at ingest (`Store.topics`, `topic`, `claim_topics`);
`catch_up` reconciles, once, documents stored before materialisation existed.
"""

from __future__ import annotations

from typing import Any

from claimscope.reconcile import materialise
from claimscope.store import Store


def catch_up(store: Store) -> None:
    """Reconcile the documents stored without their reconciliation increment (an older database)."""
    materialise.catch_up(store)


CHOICES = 200  # topics a page's choice list offers (the largest), so a page does not grow with the store


def choices(store: Store, keep: str | None = None) -> list[dict[str, Any]]:
    """The topics a choice list offers: the largest, and the one chosen (`keep`) wherever it stands."""
    found = store.topics(limit=CHOICES)
    if keep and all(t["id"] != keep for t in found):
        found += [{"id": tid, **head} for tid, head in store.topic_heads([keep]).items()]
    return found


def topics(store: Store, q: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Topic summaries (id, label, claims, origins, growth, latest low/best/high, flags), most claims first;
    `q` filters labels, `limit` keeps the first."""
    return store.topics(q=q, limit=limit)


def topics_page(store: Store, q: str | None, flag: str | None, min_claims: int, after: str | None,
                size: int) -> tuple[list[dict[str, Any]], str | None]:
    """A page of topic summaries and the cursor of the next; ValueError for a bad cursor."""
    return store.topics_page(q=q, flag=flag, min_claims=min_claims, after=after, size=size)


def topic(store: Store, id_or_prefix: str) -> dict[str, Any]:
    """One topic with its timeline and windows, by id or unique prefix; LookupError if none or several."""
    return materialise.topic(store, id_or_prefix)


def page_topic(store: Store, id_or_prefix: str, whole_rows: bool = False) -> dict[str, Any]:
    """One topic as its page reads it: head, windows and a timeline of the rows' briefs (the fields the page
    shows), or of the whole rows with `whole_rows` (a timeline group's claims show their documents and
    derivations); LookupError if none or several."""
    return store.topic(id_or_prefix, brief=not whole_rows)


def claim_topics(store: Store, claim_id: str) -> list[dict[str, Any]]:
    """The topics a claim belongs to: id, label and kind of membership (none for an unknown claim)."""
    try:
        return store.claim_topics(claim_id)
    except LookupError:
        return []


def actor_topics(store: Store, actor: str) -> list[dict[str, Any]]:
    """The topics holding a claim of this source, each with its timeline."""
    return [materialise.topic(store, topic_id) for topic_id in sorted(store.topic_ids_of_actors([actor]))]
