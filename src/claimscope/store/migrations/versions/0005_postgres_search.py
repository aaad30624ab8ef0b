"""PostgreSQL full-text search: a generated tsvector column over title and text, a GIN index, accents folded.

SQLite keeps its FTS5 index (0001); on SQLite this revision does nothing.
Chained on 0003 while 0004 (materialised reconciliation) is under way; re-chained on 0004 at merge.

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

from claimscope.store import postgres

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        postgres.create_search(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        postgres.drop_search(op.get_bind())
