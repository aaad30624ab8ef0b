"""Each row of a materialised topic's timeline keeps its brief, the fields a topic page shows, so the page
decodes those instead of the whole rows. Stored rows get theirs from their data.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from claimscope.store.timelines import brief_of

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

BATCH = 2_000  # rows read and updated at a time


def upgrade() -> None:
    # a plain ADD COLUMN: SQLite takes it as is, and a batch copy would reflect the tables it refers to
    op.add_column("topic_timeline", sa.Column("brief", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    timeline = sa.table("topic_timeline", sa.column("id", sa.Integer()), sa.column("data", sa.JSON()),
                        sa.column("brief", sa.JSON()))
    fill = timeline.update().where(timeline.c.id == sa.bindparam("row")).values(brief=sa.bindparam("new_brief"))
    connection = op.get_bind()
    last = -1
    while rows := connection.execute(sa.select(timeline.c.id, timeline.c.data).where(timeline.c.id > last)
                                     .order_by(timeline.c.id).limit(BATCH)).all():
        connection.execute(fill, [{"row": r.id, "new_brief": brief_of(r.data)} for r in rows])
        last = rows[-1].id


def downgrade() -> None:
    # a plain DROP COLUMN (SQLite >= 3.35): a batch copy would reflect the claims table's expression indexes
    op.drop_column("topic_timeline", "brief")
