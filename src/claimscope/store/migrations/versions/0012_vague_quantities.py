"""A quantity says whether it is vague ("hundreds", "several"): the claims JSON lists those apart, as
`vague_quantities`, since the guideline's quantities leave them out while reconciliation compares them.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN, as 0010; stored vague amounts stay in `quantities` until their documents are re-read
    op.add_column("quantities", sa.Column("vague", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("quantities") as batch:
        batch.drop_column("vague")
