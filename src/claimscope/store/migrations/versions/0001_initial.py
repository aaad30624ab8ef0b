"""Initial schema: documents, claims, times, quantities, places, actors, their links; FTS5 on SQLite.

Revision ID: 0001
Revises:
Create Date: 2024-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from claimscope.store import sqlite

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _mention_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "document_id",
            sa.String(64),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
    ]


def _claim_fk() -> sa.Column:
    return sa.Column(
        "claim_id", sa.String(64), sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("title", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("outlet", sa.String(200), index=True),
        sa.Column("published", sa.String(40), index=True),
        sa.Column("published_precision", sa.String(8)),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False, index=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text()),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False, index=True),
    )
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False, unique=True),
        sa.Column("kind", sa.String(40)),
        sa.Column("country", sa.String(2), index=True),
    )
    op.create_table(
        "places",
        sa.Column("geonames_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("name", sa.String(300)),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("country", sa.String(2), index=True),
        sa.Column("feature", sa.String(10)),
        sa.Column("admin1", sa.String(10)),
    )
    op.create_table(
        "times",
        *_mention_columns(),
        sa.Column("value", sa.String(40)),
        sa.Column("precision", sa.String(10)),
    )
    op.create_table(
        "quantities",
        *_mention_columns(),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("low", sa.Float()),
        sa.Column("high", sa.Float()),
        sa.Column("qualifier", sa.String(20), nullable=False),
        sa.Column("unit", sa.String(100), index=True),
        sa.Column("subject", sa.Text()),
    )
    op.create_table(
        "place_mentions",
        *_mention_columns(),
        sa.Column("geonames_id", sa.Integer(), sa.ForeignKey("places.geonames_id"), index=True),
        sa.Column("name", sa.String(300)),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("country", sa.String(2)),
        sa.Column("feature", sa.String(10)),
        sa.Column("precision", sa.String(10), nullable=False),
        sa.Column("admin1", sa.String(10)),
    )
    op.create_table(
        "actor_mentions",
        *_mention_columns(),
        sa.Column("actor_id", sa.Integer(), sa.ForeignKey("actors.id"), index=True),
        sa.Column("kind", sa.String(40)),
        sa.Column("country", sa.String(2)),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column(
            "document_id",
            sa.String(64),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source_text", sa.Text()),
        sa.Column("source_start", sa.Integer()),
        sa.Column("source_end", sa.Integer()),
        sa.Column("source_actor_id", sa.Integer(), sa.ForeignKey("actors.id"), index=True),
        sa.Column("source_kind", sa.String(40)),
        sa.Column("source_country", sa.String(2), index=True),
        sa.Column("cue", sa.String(100), index=True),
        sa.Column("cue_text", sa.Text()),
        sa.Column("cue_start", sa.Integer()),
        sa.Column("cue_end", sa.Integer()),
        sa.Column("channel", sa.String(100)),
        sa.Column("asserted_on", sa.String(10)),
        sa.Column("dated_from", sa.Date(), index=True),
        sa.Column("dated_to", sa.Date(), index=True),
        sa.Column("content_text", sa.Text(), nullable=False),
        sa.Column("content_start", sa.Integer(), nullable=False),
        sa.Column("content_end", sa.Integer(), nullable=False),
        sa.Column("content_parts", sa.JSON()),
        sa.Column("modality", sa.String(20), nullable=False, index=True),
        sa.Column("event", sa.String(40), index=True),
    )
    op.create_table(
        "claim_actors",
        _claim_fk(),
        sa.Column("role", sa.String(20), primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), sa.ForeignKey("actors.id"), index=True),
        sa.Column("kind", sa.String(40)),
        sa.Column("country", sa.String(2)),
    )
    op.create_table(
        "claim_quantities",
        _claim_fk(),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column(
            "quantity_id",
            sa.Integer(),
            sa.ForeignKey("quantities.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
    )
    op.create_table(
        "claim_places",
        _claim_fk(),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column(
            "place_mention_id",
            sa.Integer(),
            sa.ForeignKey("place_mentions.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
    )
    op.create_table(
        "claim_times",
        _claim_fk(),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column(
            "time_id", sa.Integer(), sa.ForeignKey("times.id", ondelete="CASCADE"), nullable=False, index=True
        ),
    )
    if op.get_bind().dialect.name == "sqlite":
        sqlite.create_fts(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        sqlite.drop_fts(op.get_bind())
    for name in (
        "claim_times",
        "claim_places",
        "claim_quantities",
        "claim_actors",
        "claims",
        "actor_mentions",
        "place_mentions",
        "quantities",
        "times",
        "places",
        "actors",
        "documents",
    ):
        op.drop_table(name)
