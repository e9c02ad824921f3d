"""import_jobs: an agency import answered at once and run by a worker (issue 22, docs/adr/0025-imports-as-jobs.md),
under row-level security like every province's table.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kit import rls
from kit.db import UtcDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TABLE = "import_jobs"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("partial", sa.Boolean(), nullable=False),
        sa.Column("workbook", sa.LargeBinary(), nullable=True),
        sa.Column("total_rows", sa.Integer(), nullable=False),
        sa.Column("rows_done", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=True),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("claimed_at", UtcDateTime(), nullable=True),
        sa.Column("finished_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_jobs")),
    )
    op.create_index(op.f("ix_import_jobs_tenant_id"), TABLE, ["tenant_id"], unique=False)
    op.create_index("ix_import_jobs_status_claimed_at", TABLE, ["status", "claimed_at"], unique=False)
    rls.protect(op.get_bind(), [TABLE])


def downgrade() -> None:
    rls.unprotect(op.get_bind(), [TABLE])
    op.drop_table(TABLE)
