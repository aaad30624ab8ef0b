"""Analysts' judgements: topic edits (rename, merge, split) and source reliability grades.

Revision ID: 0002
Revises: 0001
Create Date: 2024-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "topic_edits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("topic_id", sa.String(20), nullable=False, index=True),
        sa.Column("target_id", sa.String(20)),
        sa.Column("claim_id", sa.String(64)),
        sa.Column("label", sa.Text()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "source_grades",
        sa.Column("actor", sa.String(300), primary_key=True),
        sa.Column("letter", sa.String(1), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("source_grades")
    op.drop_table("topic_edits")
