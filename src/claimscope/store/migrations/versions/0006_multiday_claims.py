"""An index of the claims whose date spans more than one day, so a `since` filter finds the few that started
before `since` and still overlap it, instead of reading every claim of the year before.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

MULTIDAY = sa.text("dated_to > dated_from")


def upgrade() -> None:
    op.create_index("ix_claims_multiday", "claims", [sa.text("(dated_from IS NULL)"), "dated_from"],
                    sqlite_where=MULTIDAY, postgresql_where=MULTIDAY)


def downgrade() -> None:
    op.drop_index("ix_claims_multiday", "claims")
