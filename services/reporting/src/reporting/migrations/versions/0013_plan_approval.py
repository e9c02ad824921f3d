"""plan approval: the inspection plans' projection keeps the approval it applied, so a re-approval after an
adjustment replaces the plan's year, targets and on-site target, and an older approval delivered late does not
(the year's on-site target is the plan's, ADR 35)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 21:40:00
"""

import sqlalchemy as sa
from alembic import op

from kit.db import UtcDateTime

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('inspection_plans', sa.Column('approved_at', UtcDateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column('inspection_plans', 'approved_at')
