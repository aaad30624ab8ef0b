"""Reconciliation materialised in the store: the increment after a document is stored, and the re-computation
of the topics an ingest or an analyst's edit touches.

Data flows store -> reconcile -> store: a document's claim records, origins and topic memberships are written
once, when it is stored (pending in their topics). An ingest's refresh updates a stored topic from its pending
memberships and the rows they can change (`claimscope.reconcile.increment`), so its cost follows what it adds,
not the size of the topic or the store; a new topic, an analyst's edit or a replaced document recomputes the
topics concerned from their stored memberships alone (their relations, consensus and grades depend on nothing
else).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from claimscope.reconcile import Topic, build_topic
from claimscope.reconcile.anaphora import document_memberships
from claimscope.reconcile.consistency import holding_periods
from claimscope.reconcile.derived import shown_json
from claimscope.reconcile.edits import Edit, route, topic_label
from claimscope.reconcile.grading import file_grades
from claimscope.reconcile.increment import increment, timeline_rows, windows_rows
from claimscope.reconcile.independence import (
    Origin,
    copy_groups,
    document_signature,
    document_origins,
)
from claimscope.reconcile.loading import records_of
from claimscope.reconcile.records import record_from, record_json
from claimscope.reconcile.keys import (
    TopicKey,
    added_membership,
    membership_from,
    membership_json,
    membership_kind,
    raw_labels,
)
from claimscope.reconcile.parties import document_affiliations
from claimscope.reconcile.topics import memberships
from claimscope.reconcile.views import topic_view
from claimscope.store import Store

WINDOW_DAYS = 7


def edits_of(store: Store) -> list[Edit]:
    """The analyst's topic edits, oldest first."""
    return [Edit(e["action"], e["topic"], e["target"], e["claim"], e["label"]) for e in store.topic_edits()]


def add_document(store: Store, claims_json: dict[str, Any], text: str, edits: list[Edit] | None = None,
                 refresh_topics: bool = True) -> set[str]:
    """The reconciliation increment of one stored document: its claim records, their origins and topic
    memberships; then (unless told not to) the topics they join are recomputed. Returns those topic ids."""
    edits = edits_of(store) if edits is None else edits
    records = records_of(claims_json)
    fallback = document_affiliations(records)
    origins = document_origins(records)
    claims, members = [], []
    found = document_memberships(records, lambda r: memberships(r, fallback.get(r.document_id)))
    for record in records:
        origin = origins[record.claim_id]
        claims.append({"claim_id": record.claim_id, "origin_key": origin.key, "origin_label": origin.label,
                       "actor": record.actor, "record": record_json(record)})
        for m in found[record.claim_id]:
            members.append({"topic_id": route(m.key.id, record.claim_id, edits), "raw_topic_id": m.key.id,
                            "claim_id": record.claim_id, "kind": membership_kind(m), "membership": membership_json(m)})
    replaced = store.save_recon_document(claims_json["document"]["id"], document_signature(text), claims, members)
    touched = {m["topic_id"] for m in members} | replaced
    if refresh_topics:
        refresh(store, touched, edits, incremental=True)
    return touched


def catch_up(store: Store) -> int:
    """Reconcile the stored documents that have no increment yet (a database from before materialisation);
    returns how many there were."""
    missing = store.unreconciled_documents()
    if not missing:
        return 0
    edits = edits_of(store)
    touched: set[str] = set()
    for doc_id in missing:
        touched |= add_document(store, store.claims_json(doc_id), store.document(doc_id)["text"], edits,
                                refresh_topics=False)
    touched |= _replay_additions(store, edits)
    refresh(store, touched, edits)
    return len(missing)


def rebuild(store: Store) -> int:
    """Recompute the whole reconciliation from the stored claims (after a change of rules); returns the number
    of topics."""
    store.clear_reconciliation()
    catch_up(store)
    return store.topic_count()


def _replay_additions(store: Store, edits: list[Edit]) -> set[str]:
    """The analyst's add-to-topic edits, as memberships."""
    touched = set()
    for edit in edits:
        if edit.action == "add" and edit.claim:
            member = added_member(store, edit.topic, edit.claim)
            if member is not None:
                store.add_topic_member(member)
                touched.add(edit.topic)
    return touched


def added_member(store: Store, topic_id: str, claim_id: str) -> dict[str, Any] | None:
    """The membership an analyst's add-to-topic makes: the claim's first figure, else presence, measured as
    the topic's other members are; None when the claim has no record (no source) or the topic no members."""
    recon = store.recon_claim(claim_id)
    others = store.recon_members([topic_id])
    if recon is None or not others:
        return None
    m = added_membership(record_from(recon["record"]), TopicKey(**others[0]["membership"]["key"]))
    data = {**membership_json(m), "label": ""}
    return {"topic_id": topic_id, "raw_topic_id": topic_id, "claim_id": claim_id, "kind": membership_kind(m),
            "membership": data}


def refresh(store: Store, topic_ids: Iterable[str], edits: list[Edit] | None = None,
            window_days: int = WINDOW_DAYS, incremental: bool = False) -> None:
    """Recompute these topics from their stored memberships and store them; topics left empty are dropped.
    `incremental` (an ingest's refresh): a stored topic that only gained members is updated from them and the
    rows they can change (`claimscope.reconcile.increment`), not recomputed whole."""
    topic_ids = set(topic_ids)
    if not topic_ids:
        return
    edits = edits_of(store) if edits is None else edits
    grades = {**file_grades(), **store.grades()}
    increments, whole = [], set(topic_ids)
    if incremental:
        heads = store.topic_heads(topic_ids)
        pending: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in store.pending_members(heads):
            pending[row["topic_id"]].append(row)
        for topic_id, head in heads.items():
            if not same_nouns(head, pending[topic_id]):
                continue  # a new member names another kind of people: the label changes, recomputed whole
            done = increment(store, topic_id, head["label"], pending[topic_id], grades, window_days)
            if done is not None or not pending[topic_id]:
                whole.discard(topic_id)
            if done is not None:
                increments.append(done)
    built = [topic_summary(t) for t in compute(store, whole, edits, grades, window_days)] if whole else []
    store.save_topics(built, removed=whole - {t["id"] for t in built})
    store.save_increments(increments)


def same_nouns(head: dict[str, Any], pending: list[dict[str, Any]]) -> bool:
    """The pending memberships leave the kind of people the topic's stored label names as it is: each names
    none, or the one that label already names (`nouns.joined` then keeps it)."""
    return all(not (noun := row["membership"].get("noun"))
               or TopicKey(**row["membership"]["key"]).label(noun) == head["label"] for row in pending)


def compute(store: Store, topic_ids: Iterable[str], edits: list[Edit], grades: dict[str, str],
            window_days: int = WINDOW_DAYS) -> list[tuple[Topic, dict[str, Origin]]]:
    """These topics, computed from their stored memberships (not stored), each with its claims' origins."""
    rows = store.recon_members(topic_ids)
    by_topic: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_topic[row["topic_id"]].append(row)
    signatures = store.signatures({r["record"]["document_id"] for r in rows})
    topics = []
    for topic_id, members in by_topic.items():
        if not shown_json(r["membership"] for r in members):
            continue  # only derived figures: nothing states what it measures
        ms = [membership_from(r["membership"], record_from(r["record"])) for r in members]
        origins = {r["claim_id"]: Origin(r["origin_key"], r["origin_label"]) for r in members}
        origins = copy_groups(ms, origins, signatures)
        label = topic_label(topic_id, raw_labels((r["raw_topic_id"], r["membership"]["key"], r["membership"].get("noun"))
                                                 for r in members), edits)
        topics.append((build_topic(topic_id, label, ms, origins, grades, window_days), origins))
    return topics


def topic_summary(computed: tuple[Topic, dict[str, Origin]]) -> dict[str, Any]:
    """The rows the store keeps for a topic: summary columns for listings, its head, timeline and windows."""
    topic, origins = computed
    head = {"id": topic.id, "label": topic.label, "claims": len(topic.rows), "origins": topic.origin_count,
            "growth": topic.growth, "flags": topic.flags()}
    periods = holding_periods([r.membership for r in topic.rows], origins)
    labels = {r.membership.claim.claim_id: r.origin.label for r in topic.rows}
    return {**head, "latest": topic.latest(), "data": head,
            "timeline": timeline_rows(topic.rows, periods, labels), "windows": windows_rows(topic.windows)}


def topic(store: Store, id_or_prefix: str) -> dict[str, Any]:
    """One materialised topic (id or unique prefix) as `topic ID` and the API show it: head, timeline, collapsed
    rows, denial track and windows."""
    return topic_view(store.topic(id_or_prefix))
