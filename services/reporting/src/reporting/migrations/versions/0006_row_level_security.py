"""row-level security (ADR 10): every tenant table answers only the transaction's province

Revision ID: 0006
Revises: 0005
"""

from alembic import op

from kit import rls

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The reporting tables that belong to one province at this revision (tests/security/test_rls.py checks none is missing).
TABLES = (
    "agencies", "announcements", "budget_lines", "certificates", "inspection_plans", "inspections",
    "maintenance_records", "officers", "quality_system_statuses", "recommendations", "reports", "training_classes",
)  # kit's own tables are protected by kit's branch (kit_0001)


def upgrade() -> None:
    rls.protect(op.get_bind(), TABLES)


def downgrade() -> None:
    rls.unprotect(op.get_bind(), TABLES)
