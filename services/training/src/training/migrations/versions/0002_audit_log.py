"""audit log (kit): who changed what, before and after, append-only; now created by kit's own branch

Revision ID: 0002
Revises: 0001
"""

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # the audit log is kit's table now: kit's branch (kit_0001) creates it


def downgrade() -> None:
    pass
