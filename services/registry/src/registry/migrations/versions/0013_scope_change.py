"""quality systems: the last change of scope, its reason and day, for the agency's page to say why the system needs
re-announcing.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("quality_systems", sa.Column("scope_change_reason", sa.String(length=32), nullable=True))
    op.add_column("quality_systems", sa.Column("scope_changed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column("quality_systems", "scope_changed_on")
    op.drop_column("quality_systems", "scope_change_reason")
