"""versions of what a province changes: plans, inspections (their checklist), its criteria weights and settings;
raised on every change, answered as the ETag, named by a PATCH or PUT in If-Match (issue 20). Existing rows start
at 1.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 16:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

TABLES = ('plans', 'inspections', 'criterion_settings', 'province_settings')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
