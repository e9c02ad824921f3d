"""province_successions: a province succession (predecessors merged into a successor from an effective date) with
the steps executed for their agencies (issue 19, docs/adr/0017-province-successions.md). Platform-wide, like the
tenants: no row-level security.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kit.db import UtcDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "province_successions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("successor", sa.String(length=64), nullable=False),
        sa.Column("predecessors", sa.JSON(), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column("legal_basis", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("steps", sa.JSON(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("executed_by", sa.String(length=200), nullable=True),
        sa.Column("started_at", UtcDateTime(), nullable=False),
        sa.Column("finished_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["successor"], ["tenants.id"], name=op.f("fk_province_successions_successor_tenants")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_province_successions")),
    )
    with op.batch_alter_table("province_successions") as batch_op:
        batch_op.create_index(batch_op.f("ix_province_successions_successor"), ["successor"], unique=False)


def downgrade() -> None:
    op.drop_table("province_successions")
