"""row-level security (ADR 10): every tenant table answers only the transaction's province

Revision ID: 0005
Revises: 0004
"""

from alembic import op

from kit import rls

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The inspections tables that belong to one province at this revision (tests/security/test_rls.py checks none is missing).
TABLES = (
    "agencies", "checklist_results", "criterion_settings", "findings", "inspections", "plan_targets", "plans",
    "province_settings", "recommendations", "team_members", "teams",
)  # kit's own tables are protected by kit's branch (kit_0001)


def upgrade() -> None:
    rls.protect(op.get_bind(), TABLES)


def downgrade() -> None:
    rls.unprotect(op.get_bind(), TABLES)
