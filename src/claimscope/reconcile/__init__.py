"""Reconciliation across sources: topics, estimate intervals over time, independence, Admiralty grades.

`reconcile(claims, texts, edits, grades)` is pure: it reads claim records and returns topics with their
timelines; `claimscope.reconcile.storage` loads the records and keeps the user's edits and grades.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from claimscope.reconcile.consistency import Relations, Window, relate, rising, windows
from claimscope.reconcile.grading import Grade, credibility, reliability
from claimscope.reconcile.independence import Origin, near_duplicate_groups, origin_groups, same_wording
from claimscope.reconcile.records import ClaimRecord
from claimscope.reconcile.topics import Membership, document_affiliations, memberships


@dataclass(frozen=True)
class Edit:
    """A user's change to the computed topics: rename, merge (topic into target) or split (claim out)."""

    action: str
    topic: str
    target: str | None = None
    claim: str | None = None
    label: str | None = None


@dataclass
class Row:
    """One claim on a topic's timeline."""

    membership: Membership
    origin: Origin
    relations: Relations
    credibility: Grade
    reliability: Grade

    def to_json(self) -> dict[str, Any]:
        m, c = self.membership, self.membership.claim
        return {
            "claim_id": c.claim_id, "document_id": c.document_id, "outlet": c.outlet,
            "date": c.when.isoformat() if c.when else None, "date_is_publication": c.date_is_publication,
            "source": c.source_text, "actor": c.actor, "origin": self.origin.label,
            "stated": str(m.stated), "scope_place": m.scope_place, "value": m.value,
            "low": m.interval.low, "high": m.interval.high, "interval": str(m.interval),
            "derivation": m.derivation, "modality": c.modality, "denied": m.denied,
            "consistency": self.relations.label(),
            "relations": {k: sorted(v) for k, v in vars(self.relations).items() if v},
            "credibility": self.credibility.code, "credibility_reason": self.credibility.reason,
            "reliability": self.reliability.code, "reliability_reason": self.reliability.reason,
            "content": c.content,
        }


@dataclass
class Topic:
    """Claims that measure the same thing, their timeline and the consensus per window."""

    id: str
    label: str
    rows: list[Row] = field(default_factory=list)
    windows: list[Window] = field(default_factory=list)
    growth: bool = False

    @property
    def origin_count(self) -> int:
        return len({r.origin.key for r in self.rows})

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "label": self.label, "claims": len(self.rows), "origins": self.origin_count,
            "growth": self.growth,
            "timeline": [r.to_json() for r in self.rows],
            "windows": [{
                "start": w.start.isoformat(), "end": w.end.isoformat(), "origins": len(w.origins),
                "consensus": None if w.consensus is None else {"low": w.consensus.low, "high": w.consensus.high},
                "disagreement": w.disagreement, "low": w.low, "best": w.best, "high": w.high,
            } for w in self.windows],
        }


def reconcile(claims: Iterable[ClaimRecord], texts: dict[str, str], edits: Iterable[Edit] = (),
              grades: dict[str, str] | None = None, window_days: int = 7) -> list[Topic]:
    """Group claims into topics, relate them, grade them; topics with the most claims first."""
    claims = list(claims)
    fallback = document_affiliations(claims)
    members: dict[str, list[Membership]] = defaultdict(list)
    labels: dict[str, str] = {}
    for claim in claims:
        for m in memberships(claim, fallback.get(claim.document_id)):
            members[m.key.id].append(m)
            labels[m.key.id] = m.key.label()
    members, labels = _apply_edits(members, labels, list(edits))
    stated: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for topic_id, ms in members.items():
        for m in ms:
            stated[m.claim.claim_id].add((topic_id, str(m.stated)))

    def copies(a: ClaimRecord, b: ClaimRecord) -> bool:
        """The same figure on the same topic in the same words: one claim copied."""
        return bool(stated[a.claim_id] & stated[b.claim_id]) and same_wording(a, b)

    origins = origin_groups(claims, near_duplicate_groups(texts), copies)
    topics = [_topic(tid, labels[tid], ms, origins, grades or {}, window_days) for tid, ms in members.items()]
    return sorted(topics, key=lambda t: (-len(t.rows), t.label))


def _topic(topic_id: str, label: str, ms: list[Membership], origins: dict[str, Origin],
           grades: dict[str, str], window_days: int) -> Topic:
    ms = sorted(ms, key=lambda m: (m.claim.when or date.min, m.claim.claim_id))
    relations = relate(ms, origins, window_days)
    rows = [Row(m, origins[m.claim.claim_id], relations[m.claim.claim_id],
                credibility(relations[m.claim.claim_id], origins), reliability(m.claim.actor, grades)) for m in ms]
    series = windows(ms, origins, window_days)
    return Topic(topic_id, label, rows, series, rising(series))


def _apply_edits(members: dict[str, list[Membership]], labels: dict[str, str],
                 edits: list[Edit]) -> tuple[dict[str, list[Membership]], dict[str, str]]:
    """Merges, splits and renames in the order the user made them; edits of vanished topics are ignored."""
    members = {k: list(v) for k, v in members.items()}
    for edit in edits:
        if edit.action == "merge" and edit.topic in members and edit.target in members and edit.topic != edit.target:
            members[edit.target].extend(members.pop(edit.topic))
        elif edit.action == "split" and edit.topic in members:
            new_id = split_topic_id(edit.topic, edit.label or "")
            moved = [m for m in members[edit.topic] if m.claim.claim_id == edit.claim]
            if moved:
                members[edit.topic] = [m for m in members[edit.topic] if m.claim.claim_id != edit.claim]
                members.setdefault(new_id, []).extend(moved)
                labels.setdefault(new_id, edit.label or f"{labels[edit.topic]} (split)")
                if not members[edit.topic]:
                    del members[edit.topic]
        elif edit.action == "rename" and edit.topic in members and edit.label:
            labels[edit.topic] = edit.label
    return members, labels


def split_topic_id(topic_id: str, label: str) -> str:
    """The id of the topic a split creates: stable for the same topic and label."""
    return hashlib.sha256(f"{topic_id}|split|{label}".encode()).hexdigest()[:10]

