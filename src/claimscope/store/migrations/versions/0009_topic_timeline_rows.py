"""A materialised topic's timeline and windows as rows of their own, and a pending flag on memberships, so an
ingest updates a topic from the claims it adds and the rows they touch instead of rewriting the whole topic;
and an index of the topics' listing order, for keyset paging.

The materialised reconciliation of earlier revisions is cleared (edits and grades stay): the next command that
reads topics reconciles the stored documents again (`catch_up`).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("topics", "topic_members", "recon_claims", "recon_documents"):
        op.execute(sa.table(table).delete())
    # a plain ADD COLUMN (SQLite takes one with a default): a batch copy would reflect, and warn about, the
    # expression indexes of the tables it refers to
    op.add_column("topic_members", sa.Column("pending", sa.Boolean(), nullable=False, server_default=sa.true()))
    op.create_table(
        "topic_timeline",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("topic_id", sa.String(20), nullable=False),
        sa.Column("claim_id", sa.String(64), sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("holds_until", sa.String(10), nullable=False),
        sa.Column("origin_key", sa.String(300), nullable=False),
        sa.Column("origin_label", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index("ix_topic_timeline_order", "topic_timeline", ["topic_id", "day", "claim_id"])
    op.create_index("ix_topic_timeline_holding", "topic_timeline", ["topic_id", "holds_until"])
    op.create_index("ix_topic_timeline_origins", "topic_timeline", ["topic_id", "origin_key"])
    op.create_index("ix_topics_listing", "topics", [sa.text("claims DESC"), "label", "id"])
    op.create_table(
        "topic_windows",
        sa.Column("topic_id", sa.String(20), primary_key=True),
        sa.Column("start", sa.String(10), primary_key=True),
        sa.Column("best", sa.Float()),
        sa.Column("data", sa.JSON(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("topic_windows")
    op.drop_index("ix_topics_listing", "topics")
    op.drop_table("topic_timeline")
    op.drop_column("topic_members", "pending")
    op.execute(sa.table("topics").delete())
