"""audit log (kit): who changed what, before and after, append-only

Revision ID: 0003
Revises: 0002
"""

from alembic import op

from kit.db import create_kit_tables

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_kit_tables(op.get_bind())


def downgrade() -> None:
    op.drop_table("audit_log")
