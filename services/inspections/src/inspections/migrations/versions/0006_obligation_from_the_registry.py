"""obligation from the registry only: drop this service's copy of the obligation rules; plans that counted the
agency types it marked obliged count the registry's derived obligation instead (issue 18, one owner per rule)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 23:55:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# As 0001 seeded them, to give them back on a downgrade.
OBLIGATION_RULES = [
    ("UBND_TINH", True, "secondary"), ("SO", True, "secondary"), ("UBND_HUYEN", True, "secondary"),
    ("PHONG_CM_HUYEN", True, "secondary"), ("CHI_CUC", False, "unverified"), ("BAN_QL", False, "unverified"),
    ("VP_DDBQH_HDND", False, "unverified"), ("NGANH_DOC", False, "unverified"), ("UBND_XA", False, "secondary"),
    ("TT_PVHCC", False, "unverified"), ("DVSN", False, "secondary"),
]


def upgrade() -> None:
    op.execute("UPDATE plans SET coverage_basis = 'REGISTRY_OBLIGATION' WHERE coverage_basis = 'OBLIGED_TYPES'")
    op.drop_table('obligation_rules')


def downgrade() -> None:
    rules = op.create_table(
        'obligation_rules',
        sa.Column('agency_type', sa.String(length=32), nullable=False),
        sa.Column('obliged', sa.Boolean(), nullable=False),
        sa.Column('legal_basis', sa.String(length=300), nullable=False),
        sa.Column('verification_status', sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint('agency_type', name=op.f('pk_obligation_rules')))
    op.bulk_insert(rules, [{"agency_type": kind, "obliged": obliged, "legal_basis": "QĐ 19/2014/QĐ-TTg Điều 2",
                            "verification_status": status} for kind, obliged, status in OBLIGATION_RULES])
