"""A materialised topic's timeline and windows as rows, and the reads and writes of an ingest's increment: the
memberships not yet in their topic's timeline, the rows they can change (those still holding when they begin,
or dated near them), and the write of the changed rows, the windows from a day on and the topic's new head.

As everywhere in the store, rows are plain JSON dicts: what they mean is `claimscope.reconcile`'s business.
Each row is also kept as its `brief`, the fields a topic page shows (BRIEF): a page of 300 claims decodes
half the JSON of their whole rows, whose relations to other claims fill a third of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from claimscope.store.schema import ReconClaimRow, TopicMemberRow, TopicRow, TopicTimelineRow, TopicWindowRow


# The fields of a timeline row a topic page reads: its chart (dates, figures, origins, grades), its timeline
# table and the grading form. A group's claims, opened on the page, are read from the whole rows.
BRIEF = ("claim_id", "date", "date_is_publication", "source", "actor", "origin", "stated", "scope_place", "value",
         "low", "high", "interval", "modality", "denied", "consistency", "credibility", "credibility_reason",
         "reliability", "reliability_reason", "content")


def brief_of(data: dict[str, Any]) -> dict[str, Any]:
    """A timeline row's brief: its BRIEF fields (None for one it lacks)."""
    return {k: data.get(k) for k in BRIEF}


def drop_materialised(session: Session, topic_ids: Iterable[str]) -> None:
    """Delete these topics' summaries, timelines and windows (their memberships stay)."""
    ids = list(topic_ids)
    if ids:
        for model, column in ((TopicRow, TopicRow.id), (TopicTimelineRow, TopicTimelineRow.topic_id),
                              (TopicWindowRow, TopicWindowRow.topic_id)):
            session.execute(delete(model).where(column.in_(ids)))


def write_timeline(session: Session, topic_id: str, timeline: list[dict[str, Any]],
                   windows: list[dict[str, Any]]) -> None:
    """Insert a topic's timeline rows, each with its brief, and windows (bulk statements: no ORM objects)."""
    if timeline:
        session.execute(insert(TopicTimelineRow), [{"topic_id": topic_id, **row, "brief": brief_of(row["data"])}
                                                   for row in timeline])
    if windows:
        session.execute(insert(TopicWindowRow), [{"topic_id": topic_id, **window} for window in windows])


def _member(m: TopicMemberRow, c: ReconClaimRow) -> dict[str, Any]:
    return {"topic_id": m.topic_id, "raw_topic_id": m.raw_topic_id, "claim_id": m.claim_id, "kind": m.kind,
            "membership": m.membership, "record": c.record, "origin_key": c.origin_key,
            "origin_label": c.origin_label}


class Timelines:
    """The increment's reads and writes of materialised topics (mixed into `Store`)."""

    _sessions: sessionmaker[Session]

    def topic_heads(self, topic_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Topic id -> stored head (`data`), for the materialised topics among these."""
        stmt = select(TopicRow.id, TopicRow.data).where(TopicRow.id.in_(list(set(topic_ids))))
        with self._sessions() as session:
            return {r.id: dict(r.data) for r in session.execute(stmt)}

    def pending_members(self, topic_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The memberships of these topics not yet in their timelines, with their claim records and origins."""
        stmt = (select(TopicMemberRow, ReconClaimRow)
                .join(ReconClaimRow, ReconClaimRow.claim_id == TopicMemberRow.claim_id)
                .where(TopicMemberRow.topic_id.in_(list(set(topic_ids))), TopicMemberRow.pending)
                .order_by(TopicMemberRow.id))
        with self._sessions() as session:
            return [_member(m, c) for m, c in session.execute(stmt)]

    def timeline_context(self, topic_id: str, holding_at: str, dated_from: str) -> list[dict[str, Any]]:
        """The timeline rows of a topic that hold on or after `holding_at` or are dated on or after `dated_from`
        (ISO days), each with its membership, claim record and stored row."""
        stmt = (select(TopicTimelineRow, TopicMemberRow, ReconClaimRow)
                .join(TopicMemberRow, (TopicMemberRow.claim_id == TopicTimelineRow.claim_id)
                      & (TopicMemberRow.topic_id == topic_id))
                .join(ReconClaimRow, ReconClaimRow.claim_id == TopicTimelineRow.claim_id)
                .where(TopicTimelineRow.topic_id == topic_id, ~TopicMemberRow.pending,
                       or_(TopicTimelineRow.holds_until >= holding_at, TopicTimelineRow.day >= dated_from))
                .order_by(TopicTimelineRow.id))
        with self._sessions() as session:
            return [{**_member(m, c), "row": t.data, "holds_until": t.holds_until,
                     "effective_key": t.origin_key, "effective_label": t.origin_label}
                    for t, m, c in session.execute(stmt)]

    def timeline_origins(self, topic_id: str, claim_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Claim id -> (origin key, origin label) of these claims' rows on a topic's timeline."""
        stmt = (select(TopicTimelineRow.claim_id, TopicTimelineRow.origin_key, TopicTimelineRow.origin_label)
                .where(TopicTimelineRow.topic_id == topic_id, TopicTimelineRow.claim_id.in_(list(set(claim_ids)))))
        with self._sessions() as session:
            return {r.claim_id: (r.origin_key, r.origin_label) for r in session.execute(stmt)}

    def window_bests(self, topic_id: str, before: str) -> list[float | None]:
        """The best estimates of a topic's windows that start before `before`, in order."""
        stmt = (select(TopicWindowRow.best).where(TopicWindowRow.topic_id == topic_id, TopicWindowRow.start < before)
                .order_by(TopicWindowRow.start))
        with self._sessions() as session:
            return list(session.scalars(stmt))

    def save_increments(self, increments: list[dict[str, Any]]) -> None:
        """Write increments in one transaction. Each names its topic (`id`), the head's new fields (`head`:
        growth, latest, flags; the counts of claims and origins are taken from the rows), the timeline rows it
        replaces or adds (`timeline`) and the day from which its windows are replaced (`since`, `windows`)."""
        now = datetime.now(UTC).replace(tzinfo=None)
        with self._sessions.begin() as session:
            for inc in increments:
                topic_id, rows = inc["id"], inc["timeline"]
                session.execute(delete(TopicTimelineRow).where(
                    TopicTimelineRow.topic_id == topic_id,
                    TopicTimelineRow.claim_id.in_([r["claim_id"] for r in rows])))
                session.execute(delete(TopicWindowRow).where(TopicWindowRow.topic_id == topic_id,
                                                             TopicWindowRow.start >= inc["since"]))
                write_timeline(session, topic_id, rows, inc["windows"])
                claims, origins = session.execute(
                    select(func.count(), func.count(TopicTimelineRow.origin_key.distinct()))
                    .where(TopicTimelineRow.topic_id == topic_id)).one()
                head = inc["head"]
                data = session.scalar(select(TopicRow.data).where(TopicRow.id == topic_id))
                data = {**data, "growth": head["growth"], "flags": head["flags"], "claims": claims, "origins": origins}
                session.execute(update(TopicRow).where(TopicRow.id == topic_id).values(
                    data=data, claims=claims, origins=origins, growth=head["growth"], latest=head["latest"],
                    flags=head["flags"], updated_at=now))
                session.execute(update(TopicMemberRow).where(TopicMemberRow.topic_id == topic_id)
                                .where(TopicMemberRow.pending).values(pending=False))
