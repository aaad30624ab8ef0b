"""PostgreSQL full-text search (a generated tsvector column over title and text, a GIN index, accents folded), and
on every backend indexes giving claims and documents in their listing order, so a listing with a limit reads
about that many rows.

SQLite keeps its FTS5 index (0001).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from claimscope.store import postgres

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        postgres.create_search(op.get_bind())
    op.create_index("ix_claims_date_order", "claims", [sa.text("(dated_from IS NULL)"), "dated_from"])
    op.create_index("ix_documents_newest", "documents",
                    [sa.text("(published IS NULL)"), sa.text("published DESC"), sa.text("ingested_at DESC")])


def downgrade() -> None:
    op.drop_index("ix_documents_newest", "documents")
    op.drop_index("ix_claims_date_order", "claims")
    if op.get_bind().dialect.name == "postgresql":
        postgres.drop_search(op.get_bind())
