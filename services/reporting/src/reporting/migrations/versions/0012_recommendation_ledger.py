"""recommendation ledger: the open and overdue recommendations' changes per province, day, month and year, kept by
the recommendations' projection; filled here from the read model, so an existing deployment's figures stay right
(ADR 24)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 15:00:00
"""

import sqlalchemy as sa
from alembic import op

from kit import rls

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'recommendation_ledger',
        sa.Column('tenant_id', sa.String(length=64), nullable=False),
        sa.Column('grain', sa.String(length=1), nullable=False),
        sa.Column('period', sa.Date(), nullable=False),
        sa.Column('open', sa.Integer(), nullable=False),
        sa.Column('overdue', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('tenant_id', 'grain', 'period', name=op.f('pk_recommendation_ledger')),
    )
    op.create_index('ix_recommendation_ledger_grain_period', 'recommendation_ledger', ['grain', 'period'],
                    unique=False)
    op.create_index(op.f('ix_recommendation_ledger_tenant_id'), 'recommendation_ledger', ['tenant_id'],
                    unique=False)
    connection = op.get_bind()
    rls.protect(connection, ["recommendation_ledger"])
    # The backfill reads and writes every province: this transaction only is opened across them.
    from reporting import ledger  # the projection's own rules, so the backfill counts as it does

    rls.set_tenant(connection, None, True)
    ledger.backfill_recommendations(connection)
    rls.set_tenant(connection, None, False)


def downgrade() -> None:
    rls.unprotect(op.get_bind(), ["recommendation_ledger"])
    op.drop_index(op.f('ix_recommendation_ledger_tenant_id'), table_name='recommendation_ledger')
    op.drop_index('ix_recommendation_ledger_grain_period', table_name='recommendation_ledger')
    op.drop_table('recommendation_ledger')
