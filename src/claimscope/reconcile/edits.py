"""An analyst's topic edits (rename, merge, split, add) and how a computed membership is routed through them.

Edits name topics by their stable ids and are replayed in the order made, so they survive re-ingestion: a
claim stored later that computes to a merged topic lands in the topic it was merged into.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """A user's change to the computed topics: rename, merge (topic into target), split (claim out) or add
    (claim into topic)."""

    action: str
    topic: str
    target: str | None = None
    claim: str | None = None
    label: str | None = None


def route(topic_id: str, claim_id: str, edits: Iterable[Edit]) -> str:
    """The topic a computed membership ends in after the analyst's merges and splits, in the order made."""
    for edit in edits:
        if edit.action == "merge" and edit.topic == topic_id and edit.target and edit.target != topic_id:
            topic_id = edit.target
        elif edit.action == "split" and edit.topic == topic_id and edit.claim == claim_id:
            topic_id = split_topic_id(edit.topic, edit.label or "")
    return topic_id


def split_topic_id(topic_id: str, label: str) -> str:
    """The id of the topic a split creates: stable for the same topic and label."""
    return hashlib.sha256(f"{topic_id}|split|{label}".encode()).hexdigest()[:10]


def topic_label(topic_id: str, computed: Iterable[tuple[str, str]], edits: list[Edit]) -> str:
    """The analyst's last name for the topic, else the label of the computed topic it is (or the label it was
    split off with), else the label most of its memberships (computed topic id, label) carry."""
    computed = list(computed)
    for edit in reversed(edits):
        if edit.action == "rename" and edit.topic == topic_id and edit.label:
            return edit.label
    for raw_id, label in computed:
        if raw_id == topic_id and label:
            return label
    for edit in edits:
        if edit.action == "split" and split_topic_id(edit.topic, edit.label or "") == topic_id:
            return edit.label or "split"
    labels = Counter(label for _, label in computed if label)
    return labels.most_common(1)[0][0] if labels else topic_id
