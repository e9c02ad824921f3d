"""the agency replica keeps the agency an agency merged into, so its people's training counts there (issue 19,
item 4)

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("successor_agency_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_agencies_successor_agency_id"), ["successor_agency_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agencies_successor_agency_id"))
        batch_op.drop_column("successor_agency_id")
