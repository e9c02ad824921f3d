"""kit's province lineage: `tenant_lineage`, and the `lineage_read` policy on every table under row-level security

A successor province reads its predecessors' rows, read only (ADR 16). The table is platform-wide (no tenant
column, no row-level security), like the inbox. Tables protected later get the policy from `rls.protect`; this
revision gives it to the ones protected already (found in pg_class, so it needs no list of any service's tables).
Where the table is there already (kit's branch replayed), it is kept.

Revision ID: kit_0002
Revises: kit_0001
"""

import sqlalchemy as sa
from alembic import op

from kit import rls

revision = "kit_0002"
down_revision = "kit_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "tenant_lineage" not in sa.inspect(op.get_bind()).get_table_names():
        create_lineage()
    for table in rls.protected_tables(op.get_bind()):
        rls.add_lineage_read(op.get_bind(), table)


def downgrade() -> None:
    for table in rls.protected_tables(op.get_bind()):
        rls.drop_lineage_read(op.get_bind(), table)
    op.drop_index(op.f("ix_tenant_lineage_successor"), table_name="tenant_lineage")
    op.drop_table("tenant_lineage")


def create_lineage() -> None:
    op.create_table(
        "tenant_lineage",
        sa.Column("predecessor", sa.String(length=64), nullable=False),
        sa.Column("predecessor_name", sa.String(length=200), nullable=False),
        sa.Column("successor", sa.String(length=64), nullable=False),
        sa.Column("successor_name", sa.String(length=200), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column("succession_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("predecessor", name=op.f("pk_tenant_lineage")),
    )
    op.create_index(op.f("ix_tenant_lineage_successor"), "tenant_lineage", ["successor"], unique=False)
