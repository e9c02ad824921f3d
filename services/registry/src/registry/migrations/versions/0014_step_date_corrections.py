"""quality_system_corrections: a step's date corrected on an agency's quality system (old and new date, reason, who,
when; docs/adr/0036-step-date-corrections.md), under row-level security like every province's table.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kit import rls
from kit.db import UtcDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

TABLE = "quality_system_corrections"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("quality_system_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("step", sa.String(length=32), nullable=False),
        sa.Column("old_date", sa.Date(), nullable=False),
        sa.Column("new_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("corrected_by", sa.String(length=200), nullable=False),
        sa.Column("corrected_at", UtcDateTime(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], name=op.f("fk_quality_system_corrections_agency_id_agencies")),
        sa.ForeignKeyConstraint(["quality_system_id"], ["quality_systems.id"],
                                name=op.f("fk_quality_system_corrections_quality_system_id_quality_systems")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_system_corrections")),
    )
    for column in ("tenant_id", "agency_id", "quality_system_id"):
        op.create_index(op.f(f"ix_{TABLE}_{column}"), TABLE, [column], unique=False)
    rls.protect(op.get_bind(), [TABLE])


def downgrade() -> None:
    rls.unprotect(op.get_bind(), [TABLE])
    op.drop_table(TABLE)
