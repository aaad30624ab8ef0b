"""Reconciliation across sources: topics, estimate intervals over time, independence, Admiralty grades.

`reconcile(claims, texts, edits, grades)` is pure: it reads claim records and returns topics with their
timelines; `claimscope.reconcile.storage` loads the records and keeps the user's edits and grades.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from claimscope.reconcile.anaphora import document_memberships
from claimscope.reconcile.consistency import Relations, Window, relate, rising, windows
from claimscope.reconcile.grading import Grade, credibility, reliability
from claimscope.reconcile.derived import shown
from claimscope.reconcile.edits import Edit, route, split_topic_id, topic_label
from claimscope.reconcile.independence import Origin, copy_groups, document_origins, document_signature
from claimscope.reconcile.records import ClaimRecord
from claimscope.reconcile.keys import Membership, added_membership, membership_kind, raw_labels
from claimscope.reconcile.parties import document_affiliations
from claimscope.reconcile.topics import memberships
from claimscope.reconcile.views import SHORT_ID, topic_view

NAMED_RELATIONS = ("agree", "corroborate", "contradict", "denied_by")

__all__ = ["Edit", "Row", "Topic", "build_topic", "reconcile", "split_topic_id", "window_json"]


@dataclass
class Row:
    """One claim on a topic's timeline."""

    membership: Membership
    origin: Origin
    relations: Relations
    credibility: Grade
    reliability: Grade

    def to_json(self, origin_labels: dict[str, str] | None = None) -> dict[str, Any]:
        """The row as JSON; with `origin_labels` (claim id -> origin), its relations also by origin name."""
        m, c = self.membership, self.membership.claim
        named = {k: sorted({origin_labels[i] for i in v if i in origin_labels})
                 for k, v in vars(self.relations).items() if v and k in NAMED_RELATIONS} if origin_labels else {}
        return {
            "claim_id": c.claim_id, "short_id": c.claim_id[:SHORT_ID], "kind": membership_kind(m), "document_id": c.document_id, "outlet": c.outlet,
            "date": c.when.isoformat() if c.when else None, "date_is_publication": c.date_is_publication,
            "source": c.source_text, "actor": c.actor, "origin": self.origin.label,
            "stated": str(m.stated), "scope_place": m.scope_place, "value": m.value,
            "low": m.interval.low, "high": m.interval.high, "interval": str(m.interval),
            "derivation": m.derivation, "modality": c.modality, "denied": m.denied,
            "consistency": self.relations.label(),
            "relations": {k: sorted(v) for k, v in vars(self.relations).items() if v},
            "origins_by_relation": named,
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

    def flags(self) -> list[str]:
        """What a listing should warn of: growth, disagreement in the latest window, a standing denial."""
        last = self.windows[-1] if self.windows else None
        found = [("growth", self.growth), ("disagreement", bool(last and last.disagreement)),
                 ("denied", bool(last and last.denied_by))]
        return [name for name, on in found if on]

    def to_json(self) -> dict[str, Any]:
        """The whole topic: every claim on the timeline, the collapsed rows, the denial track, the windows."""
        labels = {r.membership.claim.claim_id: r.origin.label for r in self.rows}
        timeline = [r.to_json(labels) for r in self.rows]
        return topic_view({
            "id": self.id, "label": self.label, "claims": len(self.rows), "origins": self.origin_count,
            "growth": self.growth, "flags": self.flags(),
            "timeline": timeline,
            "windows": [window_json(w) for w in self.windows],
        })

    def latest(self) -> dict[str, Any] | None:
        """The latest window's low / best / high and its dates, for listings."""
        last = self.windows[-1] if self.windows else None
        return None if last is None else {"low": last.low, "best": last.best, "high": last.high,
                                          "start": _day_iso(last.start), "end": _day_iso(last.end)}


def window_json(w: Window) -> dict[str, Any]:
    """One window of the consensus as JSON."""
    return {
        "start": _day_iso(w.start), "end": _day_iso(w.end), "origins": len(w.origins),
        "consensus": None if w.consensus is None else {"low": w.consensus.low, "high": w.consensus.high},
        "disagreement": w.disagreement, "low": w.low, "best": w.best, "high": w.high,
        "dissent": sorted(w.dissent), "denied_by": sorted(w.denied_by),
    }


def _day_iso(day: date) -> str | None:
    """A window's bound as ISO, None for the window of undated claims (a document without a date)."""
    return None if day.year == date.min.year else day.isoformat()


def reconcile(claims: Iterable[ClaimRecord], texts: dict[str, str], edits: Iterable[Edit] = (),
              grades: dict[str, str] | None = None, window_days: int = 7) -> list[Topic]:
    """Group claims into topics, relate them, grade them; topics with the most claims first. The same rules
    as the materialised reconciliation (`claimscope.reconcile.materialise`), on claims held in memory."""
    claims, edits = list(claims), list(edits)
    fallback = document_affiliations(claims)
    by_document: dict[str, list[ClaimRecord]] = defaultdict(list)
    for claim in claims:
        by_document[claim.document_id].append(claim)
    origins: dict[str, Origin] = {}
    for records in by_document.values():
        origins.update(document_origins(records))
    members: dict[str, list[Membership]] = defaultdict(list)
    for records in by_document.values():
        found = document_memberships(records, lambda r: memberships(r, fallback.get(r.document_id)))
        for claim in records:
            for m in found[claim.claim_id]:
                members[route(m.key.id, claim.claim_id, edits)].append(m)
    by_id = {c.claim_id: c for c in claims}
    for edit in edits:
        if edit.action == "add" and edit.claim in by_id and members.get(edit.topic):
            members[edit.topic].append(added_membership(by_id[edit.claim], members[edit.topic][0].key))
    signatures = {doc: sig for doc, text in texts.items() if (sig := document_signature(text))}
    topics = [build_topic(tid, topic_label(tid, raw_labels((m.key.id, m.key, m.noun) for m in ms), edits), ms,
                          copy_groups(ms, origins, signatures), grades or {}, window_days)
              for tid, ms in members.items() if shown(ms)]
    return sorted(topics, key=lambda t: (-len(t.rows), t.label))


def build_topic(topic_id: str, label: str, ms: list[Membership], origins: dict[str, Origin],
                grades: dict[str, str], window_days: int = 7) -> Topic:
    """One topic from its memberships and their claims' origins: timeline rows, relations, grades, windows."""
    ms = sorted(ms, key=lambda m: (m.claim.when or date.min, m.claim.claim_id))
    relations = relate(ms, origins, window_days)
    rows = [Row(m, origins[m.claim.claim_id], relations[m.claim.claim_id],
                credibility(relations[m.claim.claim_id], origins), reliability(m.claim.actor, grades)) for m in ms]
    series = windows(ms, origins, window_days)
    return Topic(topic_id, label, rows, series, rising(series))
