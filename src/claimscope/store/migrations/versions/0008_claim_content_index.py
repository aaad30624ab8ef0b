"""A trigram index of claims' content, so `claims --q` (a part of the content) reads an index instead of every
claim: an FTS5 table with the trigram tokenizer on SQLite, a pg_trgm GIN index on PostgreSQL.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

from claimscope.store import postgres, sqlite

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    backend = postgres if op.get_bind().dialect.name == "postgresql" else sqlite
    backend.create_content_index(op.get_bind())


def downgrade() -> None:
    backend = postgres if op.get_bind().dialect.name == "postgresql" else sqlite
    backend.drop_content_index(op.get_bind())
