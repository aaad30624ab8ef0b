"""The analyst's judgements the store keeps: topic edits (replayed in order over the computed topics) and
reliability grades of actors. Reconciliation reads them; the store only keeps them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from claimscope.store.schema import SourceGradeRow, TopicEditRow


class Judgements:
    """Write and read methods of the analyst's edits and grades (mixed into `Store`)."""

    _sessions: sessionmaker[Session]

    def add_topic_edit(self, action: str, topic_id: str, target_id: str | None = None,
                       claim_id: str | None = None, label: str | None = None) -> None:
        """Record an analyst's topic edit (rename, merge or split); edits are replayed in order."""
        with self._sessions.begin() as session:
            session.add(TopicEditRow(action=action, topic_id=topic_id, target_id=target_id, claim_id=claim_id,
                                     label=label, created_at=datetime.now(UTC).replace(tzinfo=None)))

    def topic_edits(self) -> list[dict[str, Any]]:
        """Every topic edit, oldest first."""
        with self._sessions() as session:
            rows = session.scalars(select(TopicEditRow).order_by(TopicEditRow.id))
            return [{"action": r.action, "topic": r.topic_id, "target": r.target_id, "claim": r.claim_id,
                     "label": r.label} for r in rows]

    def set_grade(self, actor: str, letter: str) -> None:
        """Set (or replace) an actor's reliability letter."""
        with self._sessions.begin() as session:
            row = session.get(SourceGradeRow, actor)
            now = datetime.now(UTC).replace(tzinfo=None)
            if row is None:
                session.add(SourceGradeRow(actor=actor, letter=letter, updated_at=now))
            else:
                row.letter, row.updated_at = letter, now

    def grades(self) -> dict[str, str]:
        """Actor -> reliability letter, as set in this database."""
        with self._sessions() as session:
            return {r.actor: r.letter for r in session.scalars(select(SourceGradeRow))}
