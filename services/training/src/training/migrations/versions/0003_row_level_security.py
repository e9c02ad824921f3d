"""row-level security (ADR 10): every tenant table answers only the transaction's province

Revision ID: 0003
Revises: 0002
"""

from alembic import op

from kit import rls

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The training tables that belong to one province at this revision (tests/security/test_rls.py checks none is missing).
TABLES = (
    "agencies", "attendance", "certificate_counters", "certificates", "class_sessions", "classes", "officers",
    "onsite_requests", "registrations", "tenant_settings",
)  # kit's own tables are protected by kit's branch (kit_0001)


def upgrade() -> None:
    rls.protect(op.get_bind(), TABLES)


def downgrade() -> None:
    rls.unprotect(op.get_bind(), TABLES)
