"""figure ledger: the agency counters' changes per province, day, month and year, agency type and level, kept by
the projections; filled here from the detailed read models, so an existing deployment's figures stay right
(ADR 24)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 01:00:00
"""

import sqlalchemy as sa
from alembic import op

from kit import rls

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

COUNTERS = ("total", "obliged", "obliged_applying", "applying", "announced", "on_2015", "were_2008",
            "transition_done", "upkeep_done", "with_secretary", "trained_secretary")


def upgrade() -> None:
    op.create_table(
        'figure_ledger',
        sa.Column('tenant_id', sa.String(length=64), nullable=False),
        sa.Column('grain', sa.String(length=1), nullable=False),
        sa.Column('period', sa.Date(), nullable=False),
        sa.Column('agency_type', sa.String(length=32), nullable=False),
        sa.Column('admin_level', sa.String(length=32), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in COUNTERS),
        sa.PrimaryKeyConstraint('tenant_id', 'grain', 'period', 'agency_type', 'admin_level',
                                name=op.f('pk_figure_ledger')),
    )
    op.create_index('ix_figure_ledger_grain_period', 'figure_ledger', ['grain', 'period'], unique=False)
    op.create_index(op.f('ix_figure_ledger_tenant_id'), 'figure_ledger', ['tenant_id'], unique=False)
    # The flows of a period are counted in SQL by their dates (and a year's plan by plan): the indexes they use.
    op.create_index('ix_inspections_tenant_scheduled_on', 'inspections', ['tenant_id', 'scheduled_on'])
    op.create_index('ix_inspections_tenant_concluded_on', 'inspections', ['tenant_id', 'concluded_on'])
    op.create_index('ix_inspections_plan_id', 'inspections', ['plan_id'])
    op.create_index('ix_announcements_tenant_decision_date', 'announcements', ['tenant_id', 'decision_date'])
    connection = op.get_bind()
    rls.protect(connection, ["figure_ledger"])
    # The backfill reads and writes every province: this transaction only is opened across them.
    from reporting import ledger  # the projections' own rules, so the backfill counts as they do

    rls.set_tenant(connection, None, True)
    ledger.backfill(connection)
    rls.set_tenant(connection, None, False)


def downgrade() -> None:
    rls.unprotect(op.get_bind(), ["figure_ledger"])
    op.drop_index(op.f('ix_figure_ledger_tenant_id'), table_name='figure_ledger')
    op.drop_index('ix_figure_ledger_grain_period', table_name='figure_ledger')
    op.drop_table('figure_ledger')
    op.drop_index('ix_announcements_tenant_decision_date', table_name='announcements')
    op.drop_index('ix_inspections_plan_id', table_name='inspections')
    op.drop_index('ix_inspections_tenant_concluded_on', table_name='inspections')
    op.drop_index('ix_inspections_tenant_scheduled_on', table_name='inspections')
