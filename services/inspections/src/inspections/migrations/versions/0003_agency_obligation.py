"""registry obligation in the agency replica, a longer coverage basis (rows already replicated get it with their next change)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 10:50:10.423947
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('obligation', sa.String(length=32), nullable=True))
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.alter_column('coverage_basis', existing_type=sa.String(length=16), type_=sa.String(length=32),
                              existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.alter_column('coverage_basis', existing_type=sa.String(length=32), type_=sa.String(length=16),
                              existing_nullable=False)
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.drop_column('obligation')
