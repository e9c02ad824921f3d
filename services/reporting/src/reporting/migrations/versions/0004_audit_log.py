"""audit log (kit): who changed what, before and after, append-only; now created by kit's own branch

Revision ID: 0004
Revises: 0003
"""

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # the audit log is kit's table now: kit's branch (kit_0001) creates it


def downgrade() -> None:
    pass
