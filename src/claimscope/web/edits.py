"""The analyst's edits, shared by the pages' forms and the API: checked, then kept in the store."""

from __future__ import annotations

from claimscope.reconcile.grading import RELIABILITY, check_letter
from claimscope.store import Store
from claimscope.web import topicdata

MAX_LABEL = 200


class EditError(ValueError):
    """An edit that cannot be made, with the reason to show."""


def rename(store: Store, topic_id: str, label: str) -> str:
    """Give a topic a label of the analyst's own."""
    found = _topic(store, topic_id)
    store.add_topic_edit("rename", found["id"], label=_label(label))
    topicdata.refresh(store)
    return f"renamed {found['id']} to {label.strip()!r}"


def merge(store: Store, topic_id: str, target_id: str) -> str:
    """Merge a topic into another."""
    a, b = _topic(store, topic_id), _topic(store, target_id)
    if a["id"] == b["id"]:
        raise EditError("a topic cannot be merged into itself")
    store.add_topic_edit("merge", a["id"], target_id=b["id"])
    topicdata.refresh(store)
    return f"merged {a['id']} ({a['label']}) into {b['id']} ({b['label']})"


def split(store: Store, topic_id: str, claims: list[str], label: str) -> str:
    """Move claims out of a topic into a new one with its own label."""
    found = _topic(store, topic_id)
    held = {row["claim_id"] for row in found["timeline"]}
    if not claims:
        raise EditError("choose at least one claim to move")
    missing = [c for c in claims if c not in held]
    if missing:
        raise EditError(f"topic {found['id']} holds no claim {', '.join(missing)}")
    new_label = _label(label)
    for claim_id in claims:
        store.add_topic_edit("split", found["id"], claim_id=claim_id, label=new_label)
    topicdata.refresh(store)
    return f"moved {len(claims)} claim(s) from {found['id']} to a new topic {new_label!r}"


def grade(store: Store, actor: str, letter: str) -> str:
    """Set an actor's Admiralty reliability letter (A–F)."""
    name = actor.strip()
    if not name or len(name) > 300:
        raise EditError("name the actor to grade")
    try:
        letter = check_letter(letter)
    except ValueError as exc:
        raise EditError(str(exc)) from exc
    store.set_grade(name, letter)
    topicdata.refresh(store)
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
