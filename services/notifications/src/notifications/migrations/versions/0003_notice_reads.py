"""notice_reads: who read which notice in the app (issue 24's bell), under row-level security like every
province's table

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kit import rls
from kit.db import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLE = "notice_reads"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("notice_id", sa.Uuid(), nullable=False),
        sa.Column("subject", sa.String(length=120), nullable=False),
        sa.Column("read_at", UtcDateTime(), nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["notice_id"], ["notices.id"], name=op.f("fk_notice_reads_notice_id_notices")),
        sa.PrimaryKeyConstraint("notice_id", "subject", name=op.f("pk_notice_reads")),
    )
    op.create_index(op.f("ix_notice_reads_tenant_id"), TABLE, ["tenant_id"], unique=False)
    rls.protect(op.get_bind(), [TABLE])


def downgrade() -> None:
    rls.unprotect(op.get_bind(), [TABLE])
    op.drop_table(TABLE)
