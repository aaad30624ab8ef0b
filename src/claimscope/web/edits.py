"""The analyst's edits, shared by the pages' forms and the API: checked, kept in the store, and the topics
they touch recomputed (as `claimscope rename-topic`, `merge-topics`, `split-topic` and `grade` do)."""

from __future__ import annotations

from claimscope.reconcile import materialise
from claimscope.reconcile.edits import split_topic_id
from claimscope.reconcile.grading import RELIABILITY, check_letter, lineage
from claimscope.store import Store
from claimscope.web import topicdata

MAX_LABEL = 200


class EditError(ValueError):
    """An edit that cannot be made, with the reason to show."""


def rename(store: Store, topic_id: str, label: str) -> str:
    """Give a topic a label of the analyst's own."""
    found = _topic(store, topic_id)
    new_label = _label(label)
    store.add_topic_edit("rename", found["id"], label=new_label)
    materialise.refresh(store, {found["id"]})
    return f"renamed {found['id']} to {new_label!r}"


def merge(store: Store, topic_id: str, target_id: str) -> str:
    """Merge a topic into another."""
    a, b = _topic(store, topic_id), _topic(store, target_id)
    if a["id"] == b["id"]:
        raise EditError("a topic cannot be merged into itself")
    store.add_topic_edit("merge", a["id"], target_id=b["id"])
    store.reroute_members(a["id"], b["id"])
    materialise.refresh(store, {a["id"], b["id"]})
    return f"merged {a['id']} ({a['label']}) into {b['id']} ({b['label']})"


def split(store: Store, topic_id: str, claims: list[str], label: str) -> tuple[str, str]:
    """Move claims out of a topic into a new one with its own label: (message, the new topic's id)."""
    found = _topic(store, topic_id)
    held = {row["claim_id"] for row in found["timeline"]}
    if not claims:
        raise EditError("choose at least one claim to move")
    missing = [c for c in claims if c not in held]
    if missing:
        raise EditError(f"topic {found['id']} holds no claim {', '.join(missing)}")
    new_label = _label(label)
    new_id = split_topic_id(found["id"], new_label)
    for claim_id in claims:
        store.add_topic_edit("split", found["id"], claim_id=claim_id, label=new_label)
        store.reroute_members(found["id"], new_id, claim_id)
    materialise.refresh(store, {found["id"], new_id})
    return f"moved {len(claims)} claim(s) from {found['id']} to a new topic {new_id} {new_label!r}", new_id


def grade(store: Store, actor: str, letter: str) -> str:
    """Set an actor's Admiralty reliability letter (A–F); the topics of its claims (and of the bodies it
    speaks for) are regraded."""
    name = actor.strip()
    if not name or len(name) > 300:
        raise EditError("name the actor to grade")
    try:
        letter = check_letter(letter)
    except ValueError as exc:
        raise EditError(str(exc)) from exc
    store.set_grade(name, letter)
    below = [a for a in store.recon_actors() if name in lineage(a)]
    materialise.refresh(store, store.topic_ids_of_actors(below))
    return f"{name}: {letter} ({RELIABILITY[letter]})"


def _topic(store: Store, topic_id: str) -> dict:
    try:
        return topicdata.topic(store, topic_id)
    except LookupError as exc:
        raise EditError(str(exc)) from exc


def _label(label: str) -> str:
    label = " ".join(label.split())
    if not label or len(label) > MAX_LABEL:
        raise EditError(f"give a label of 1 to {MAX_LABEL} characters")
    return label
