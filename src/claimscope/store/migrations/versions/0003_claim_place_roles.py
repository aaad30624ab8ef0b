"""A claim's places carry their role: inside the content, or the setting where the claim was made.

Revision ID: 0003
Revises: 0002
Create Date: 2024-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claim_places") as batch:
        batch.add_column(sa.Column("role", sa.String(10), nullable=False, server_default="content"))


def downgrade() -> None:
    with op.batch_alter_table("claim_places") as batch:
        batch.drop_column("role")
