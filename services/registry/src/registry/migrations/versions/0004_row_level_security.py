"""row-level security (ADR 10): every tenant table answers only the transaction's province

Revision ID: 0004
Revises: 0003
"""

from alembic import op

from kit import rls

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The registry tables that belong to one province at this revision (tests/security/test_rls.py checks none is missing).
TABLES = (
    "agencies", "agency_history", "agency_officers", "agency_successions", "announcements", "maintenance_records",
    "quality_systems", "tenant_settings",
)  # kit's own tables are protected by kit's branch (kit_0001)


def upgrade() -> None:
    rls.protect(op.get_bind(), TABLES)


def downgrade() -> None:
    rls.unprotect(op.get_bind(), TABLES)
