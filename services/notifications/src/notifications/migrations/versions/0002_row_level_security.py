"""row-level security (ADR 10): every tenant table answers only the transaction's province

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from kit import rls

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The notifications tables that belong to one province at this revision (tests/security/test_rls.py checks none is
# missing). `provinces` is the service's own list of slugs, under no province.
TABLES = (
    "agencies", "calendar_tokens", "deliveries", "notices", "officers", "province_settings", "quality_systems",
    "send_log", "upkeep_records",
)  # kit's own tables are protected by kit's branch (kit_0001)


def upgrade() -> None:
    rls.protect(op.get_bind(), TABLES)


def downgrade() -> None:
    rls.unprotect(op.get_bind(), TABLES)
