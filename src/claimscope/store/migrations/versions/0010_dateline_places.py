"""A document's place mentions say whether they stand in a dateline, where a wire report was filed ("CAIRO,
Aug 15 (Reuters) -"), which reconciliation does not take for what the document is about.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN: SQLite takes it as is, and a batch copy would reflect the tables it refers to
    op.add_column("place_mentions", sa.Column("dateline", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("place_mentions") as batch:
        batch.drop_column("dateline")
