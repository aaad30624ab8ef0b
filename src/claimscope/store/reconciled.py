"""The materialised reconciliation in the store: claim records with origins, topic memberships and topics.

Reconciliation (`claimscope.reconcile.materialise`) writes these when a document is stored and when an analyst
edits a topic or a grade; `topics`, `topic` and `claim_topics` only read them. The store knows nothing of how
they are computed: records, memberships and topics are plain JSON dicts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, Text, and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from claimscope.store import paging
from claimscope.store.schema import (
    ClaimRow,
    ReconClaimRow,
    ReconDocumentRow,
    TopicMemberRow,
    TopicRow,
    TopicTimelineRow,
    TopicWindowRow,
)
from claimscope.store.timelines import Timelines, drop_materialised, write_timeline

# Shortest topic or claim id prefix accepted.
MIN_ID_PREFIX = 4
_TOPICS, _TIMELINE, _WINDOWS = TopicRow.__table__, TopicTimelineRow.__table__, TopicWindowRow.__table__


def _timeline_read(column: Any) -> Select[Any]:
    """A topic's timeline rows (`data` or `brief`), in date order."""
    return (select(column).where(_TIMELINE.c.topic_id == bindparam("topic"))
            .order_by(_TIMELINE.c.day, _TIMELINE.c.claim_id, _TIMELINE.c.id))


# A topic's reads, built once and run on the session's Core connection: building them and loading through
# the ORM cost a fifth of a topic page's read.
_HEAD_READ = select(_TOPICS.c.data).where(_TOPICS.c.id == bindparam("topic"))
_ROWS_READ, _BRIEFS_READ = _timeline_read(_TIMELINE.c.data), _timeline_read(_TIMELINE.c.brief)
_WINDOWS_READ = select(_WINDOWS.c.data).where(_WINDOWS.c.topic_id == bindparam("topic")).order_by(_WINDOWS.c.start)
_SUMMARY = (TopicRow.id, TopicRow.label, TopicRow.claims, TopicRow.origins, TopicRow.growth, TopicRow.latest,
            TopicRow.flags)


class NotFound(LookupError):
    """No topic or claim, or more than one, has the id or prefix asked for."""


class Reconciled(Timelines):
    """Read and write methods of the materialised reconciliation (mixed into `Store`)."""

    _sessions: sessionmaker[Session]

    def save_recon_document(self, document_id: str, signature: list[int] | None, claims: list[dict[str, Any]],
                            members: list[dict[str, Any]]) -> set[str]:
        """Store one document's claim records (claim_id, origin_key, origin_label, actor, record) and topic
        memberships (topic_id, raw_topic_id, claim_id, kind, membership), replacing earlier ones, at once.
        Returns the topics that held replaced memberships: their materialised rows are dropped, to be
        recomputed whole."""
        with self._sessions.begin() as session:
            ids = [c["claim_id"] for c in claims]
            replaced = set(session.scalars(select(TopicMemberRow.topic_id).distinct()
                                           .where(TopicMemberRow.claim_id.in_(ids))))
            drop_materialised(session, replaced)
            session.execute(delete(TopicMemberRow).where(TopicMemberRow.claim_id.in_(ids)))
            session.execute(delete(ReconClaimRow).where(ReconClaimRow.document_id == document_id))
            session.execute(delete(ReconDocumentRow).where(ReconDocumentRow.document_id == document_id))
            # Multi-row inserts of plain values: ORM objects through the unit of work cost several times more.
            session.execute(insert(ReconDocumentRow.__table__), [{"document_id": document_id, "signature": signature}])
            if claims:
                session.execute(insert(ReconClaimRow.__table__), [{"document_id": document_id, **c} for c in claims])
            if members:
                session.execute(insert(TopicMemberRow.__table__), members)
        return replaced

    def add_topic_member(self, member: dict[str, Any]) -> None:
        """Add one membership (an analyst's add-to-topic)."""
        with self._sessions.begin() as session:
            session.add(TopicMemberRow(**member))

    def reroute_members(self, topic_id: str, new_topic_id: str, claim_id: str | None = None) -> int:
        """Move a topic's memberships (or one claim's) to another topic id; returns how many moved."""
        stmt = update(TopicMemberRow).where(TopicMemberRow.topic_id == topic_id)
        if claim_id is not None:
            stmt = stmt.where(TopicMemberRow.claim_id == claim_id)
        with self._sessions.begin() as session:
            return session.execute(stmt.values(topic_id=new_topic_id)).rowcount or 0

    def unreconciled_documents(self) -> list[str]:
        """Documents stored without a reconciliation increment (a database from before materialisation)."""
        from claimscope.store.schema import DocumentRow

        stmt = select(DocumentRow.id).where(~DocumentRow.id.in_(select(ReconDocumentRow.document_id)))
        with self._sessions() as session:
            return list(session.scalars(stmt.order_by(DocumentRow.id)))

    def recon_members(self, topic_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The memberships of these topics with their claim records and origins."""
        ids = list(set(topic_ids))
        stmt = (select(TopicMemberRow, ReconClaimRow)
                .join(ReconClaimRow, ReconClaimRow.claim_id == TopicMemberRow.claim_id)
                .where(TopicMemberRow.topic_id.in_(ids)).order_by(TopicMemberRow.id))
        with self._sessions() as session:
            return [{"topic_id": m.topic_id, "raw_topic_id": m.raw_topic_id, "claim_id": m.claim_id,
                     "kind": m.kind, "membership": m.membership, "record": c.record,
                     "origin_key": c.origin_key, "origin_label": c.origin_label}
                    for m, c in session.execute(stmt)]

    def recon_claim(self, claim_id: str) -> dict[str, Any] | None:
        """One claim's record and origin as reconciliation stored it."""
        with self._sessions() as session:
            row = session.get(ReconClaimRow, claim_id)
            return None if row is None else {"record": row.record, "origin_key": row.origin_key,
                                             "origin_label": row.origin_label}

    def signatures(self, document_ids: Iterable[str]) -> dict[str, list[int]]:
        """Document id -> MinHash signature, for those that have one."""
        stmt = select(ReconDocumentRow).where(ReconDocumentRow.document_id.in_(list(set(document_ids))))
        with self._sessions() as session:
            return {r.document_id: r.signature for r in session.scalars(stmt) if r.signature}

    def topic_ids_of_actors(self, actors: Iterable[str]) -> set[str]:
        """Topics holding a claim whose source is one of these actors."""
        stmt = (select(TopicMemberRow.topic_id).distinct()
                .join(ReconClaimRow, ReconClaimRow.claim_id == TopicMemberRow.claim_id)
                .where(ReconClaimRow.actor.in_(list(actors))))
        with self._sessions() as session:
            return set(session.scalars(stmt))

    def recon_actors(self) -> list[str]:
        """The distinct source actors of the reconciled claims."""
        stmt = select(ReconClaimRow.actor).distinct().where(ReconClaimRow.actor.is_not(None))
        with self._sessions() as session:
            return list(session.scalars(stmt))

    def all_topic_ids(self) -> set[str]:
        """Every topic id that has members."""
        with self._sessions() as session:
            return set(session.scalars(select(TopicMemberRow.topic_id).distinct()))

    def save_topics(self, topics: list[dict[str, Any]], removed: Iterable[str] = ()) -> None:
        """Replace these materialised topics and drop the `removed` ones, in one transaction. A topic is its
        summary (id, label, claims, origins, growth, latest, flags, data: its head), its `timeline` rows
        (claim_id, day, holds_until, origin_key, origin_label, data) and its `windows` (start, best, data);
        its memberships are then no longer pending."""
        now = datetime.now(UTC).replace(tzinfo=None)
        ids = [t["id"] for t in topics] + list(removed)
        with self._sessions.begin() as session:
            drop_materialised(session, ids)
            for topic in topics:
                head = {k: v for k, v in topic.items() if k not in ("timeline", "windows")}
                session.add(TopicRow(**head, updated_at=now))
                write_timeline(session, topic["id"], topic["timeline"], topic["windows"])
            if topics:
                session.execute(update(TopicMemberRow).where(TopicMemberRow.topic_id.in_([t["id"] for t in topics]))
                                .where(TopicMemberRow.pending).values(pending=False))

    def clear_reconciliation(self) -> None:
        """Drop every materialised record, membership and topic (before a rebuild); edits and grades stay."""
        with self._sessions.begin() as session:
            for model in (TopicRow, TopicTimelineRow, TopicWindowRow, TopicMemberRow, ReconClaimRow,
                          ReconDocumentRow):
                session.execute(delete(model))

    def topics(self, q: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Topic summaries (id, label, claims, origins, growth, latest window's low/best/high, flags), the topics
        with most claims first; `q` keeps those whose label contains it."""
        stmt = _listing(q).limit(limit)
        with self._sessions() as session:
            return [_summary(r) for r in session.execute(stmt)]

    def topics_page(self, q: str | None = None, flag: str | None = None, min_claims: int = 0,
                    after: str | None = None, size: int = 100) -> tuple[list[dict[str, Any]], str | None]:
        """One page of `topics` (most claims first; `q` in the label, `flag` among its flags, at least
        `min_claims`) and the cursor of the next page (None at the end): keyset paging over the listing index,
        so a page costs the same in a store of a hundred topics or a million. ValueError for a bad cursor."""
        stmt = _listing(q).where(TopicRow.claims >= min_claims)
        if flag:
            stmt = stmt.where(TopicRow.flags.cast(Text).contains(f'"{flag}"', autoescape=True))
        if after:
            claims, label, topic_id = paging.decode_key(after, (int, str, str))
            stmt = stmt.where(TopicRow.claims <= claims, or_(
                TopicRow.claims < claims, TopicRow.label > label, and_(TopicRow.label == label, TopicRow.id > topic_id)))
        stmt = stmt.limit(size + 1)
        with self._sessions() as session:
            rows = [_summary(r) for r in session.execute(stmt)]
        more = len(rows) > size
        rows = rows[:size]
        return rows, paging.encode_key([rows[-1]["claims"], rows[-1]["label"], rows[-1]["id"]]) if more else None

    def topic(self, id_or_prefix: str, brief: bool = False) -> dict[str, Any]:
        """One materialised topic (by id or unique prefix): its head with its `timeline` (one row per claim, in
        date order; with `brief`, each row's brief, the fields a topic page shows) and its `windows`.
        `claimscope.reconcile.materialise.topic` adds the collapsed views."""
        topic_id = self.resolve_topic(id_or_prefix)
        with self._sessions() as session:
            connection, given = session.connection(), {"topic": topic_id}
            head = dict(connection.execute(_HEAD_READ, given).scalar_one())
            timeline = connection.execute(_BRIEFS_READ if brief else _ROWS_READ, given).scalars().all()
            windows = connection.execute(_WINDOWS_READ, given).scalars().all()
            return {**head, "timeline": timeline, "windows": windows}

    def resolve_topic(self, id_or_prefix: str) -> str:
        """The full id of the one topic whose id starts with this; NotFound if none or several."""
        return self._resolve(column=TopicRow.id, what="topic", given=id_or_prefix)

    def resolve_claim(self, id_or_prefix: str) -> str:
        """The full id of the one claim whose id starts with this; NotFound if none or several."""
        return self._resolve(column=ClaimRow.id, what="claim", given=id_or_prefix)

    def _resolve(self, column: Any, what: str, given: str) -> str:
        """The one id of `column` equal to or starting with `given` (reading the id column only)."""
        prefix = given.strip().lower()
        with self._sessions() as session:
            if prefix and session.scalar(select(column).where(column == prefix)) is not None:
                return prefix
            if len(prefix) < MIN_ID_PREFIX:
                raise NotFound(f"{what} id {given!r} is too short: give at least {MIN_ID_PREFIX} characters")
            ids = session.scalars(select(column).where(column.startswith(prefix, autoescape=True)).limit(2)).all()
        if not ids:
            raise NotFound(f"no {what} with id {given!r}")
        if len(ids) > 1:
            raise NotFound(f"{what} id {given!r} is ambiguous: give more characters")
        return ids[0]

    def claim_topics(self, claim_id: str) -> list[dict[str, Any]]:
        """The topics a claim (id or unique prefix) belongs to: id, label and kind of membership."""
        full = self.resolve_claim(claim_id)
        stmt = (select(TopicRow.id, TopicRow.label, TopicMemberRow.kind)
                .join(TopicMemberRow, TopicMemberRow.topic_id == TopicRow.id)
                .where(TopicMemberRow.claim_id == full).order_by(TopicRow.claims.desc(), TopicRow.id))
        with self._sessions() as session:
            seen: dict[tuple[str, str], dict[str, Any]] = {}
            for r in session.execute(stmt):
                seen.setdefault((r.id, r.kind), {"id": r.id, "label": r.label, "kind": r.kind})
            return list(seen.values())

    def topic_count(self) -> int:
        """How many materialised topics there are."""
        with self._sessions() as session:
            return session.scalar(select(func.count()).select_from(TopicRow)) or 0


def _listing(q: str | None) -> Select[Any]:
    """Topic summaries in listing order (most claims first, the order of `ix_topics_listing`); `q` in the label."""
    stmt = select(*_SUMMARY)
    if q:
        stmt = stmt.where(TopicRow.label.icontains(q, autoescape=True))
    return stmt.order_by(TopicRow.claims.desc(), TopicRow.label, TopicRow.id)


def _summary(r: Any) -> dict[str, Any]:
    return {"id": r.id, "label": r.label, "claims": r.claims, "origins": r.origins, "growth": r.growth,
            "latest": r.latest, "flags": list(r.flags or [])}
