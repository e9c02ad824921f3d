"""attachments: the remediation evidence of a recommendation (photos, scans, minutes), its bytes in the object
store (issue 25, docs/adr/0031-attachments.md), under row-level security like every province's table.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kit import rls
from kit.db import UtcDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLE = "attachments"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("recommendation_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("object_key", sa.String(length=400), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("uploaded_by", sa.String(length=200), nullable=True),
        sa.Column("uploaded_at", UtcDateTime(), nullable=False),
        sa.Column("deleted_at", UtcDateTime(), nullable=True),
        sa.Column("deleted_by", sa.String(length=200), nullable=True),
        sa.Column("purged_at", UtcDateTime(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["recommendation_id"], ["recommendations.id"],
                                name=op.f("fk_attachments_recommendation_id_recommendations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    op.create_index(op.f("ix_attachments_tenant_id"), TABLE, ["tenant_id"], unique=False)
    op.create_index(op.f("ix_attachments_recommendation_id"), TABLE, ["recommendation_id"], unique=False)
    rls.protect(op.get_bind(), [TABLE])


def downgrade() -> None:
    rls.unprotect(op.get_bind(), [TABLE])
    op.drop_table(TABLE)
