"""upkeep from the registry's rule: each upkeep record keeps its year, when it was recorded and the day the year's
upkeep was complete as the registry said with it (records already applied get none: `python -m reporting rebuild`
replays them with it)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 23:40:00
"""

import sqlalchemy as sa
from alembic import op

from kit.db import UtcDateTime

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('maintenance_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('year', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('recorded_at', UtcDateTime(), nullable=True))
        batch_op.add_column(sa.Column('upkeep_completed_on', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_maintenance_records_year'), ['year'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('maintenance_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_maintenance_records_year'))
        batch_op.drop_column('upkeep_completed_on')
        batch_op.drop_column('recorded_at')
        batch_op.drop_column('year')
