"""Materialised reconciliation: claim records with their origins, document signatures, topic memberships and
topics, written at ingest and on the analyst's edits, read by `topics`, `topic ID` and the API.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _fk(name: str, table: str, primary_key: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(64), sa.ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False,
                     primary_key=primary_key, index=not primary_key)


def upgrade() -> None:
    op.create_table(
        "recon_claims",
        _fk("claim_id", "claims", primary_key=True),
        _fk("document_id", "documents"),
        sa.Column("origin_key", sa.String(300), nullable=False, index=True),
        sa.Column("origin_label", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(300), index=True),
        sa.Column("record", sa.JSON(), nullable=False),
    )
    op.create_table(
        "recon_documents",
        _fk("document_id", "documents", primary_key=True),
        sa.Column("signature", sa.JSON()),
    )
    op.create_table(
        "topic_members",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("topic_id", sa.String(20), nullable=False, index=True),
        sa.Column("raw_topic_id", sa.String(20), nullable=False, index=True),
        _fk("claim_id", "claims"),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("membership", sa.JSON(), nullable=False),
    )
    op.create_table(
        "topics",
        sa.Column("id", sa.String(20), primary_key=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False, index=True),
        sa.Column("origins", sa.Integer(), nullable=False),
        sa.Column("growth", sa.Boolean(), nullable=False),
        sa.Column("latest", sa.JSON()),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("topics")
    op.drop_table("topic_members")
    op.drop_table("recon_documents")
    op.drop_table("recon_claims")
