"""budget and kit tables

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from kit.db import UtcDateTime

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agencies',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('agency_type', sa.String(length=32), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agencies'))
    )
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agencies_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('budget_lines',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('owner', sa.String(length=16), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=True),
    sa.Column('agency_name', sa.String(length=300), nullable=True),
    sa.Column('agency_level', sa.String(length=20), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('category', sa.String(length=60), nullable=False),
    sa.Column('extension', sa.Boolean(), nullable=False),
    sa.Column('has_framework_model', sa.Boolean(), nullable=False),
    sa.Column('months', sa.Integer(), nullable=True),
    sa.Column('funding_source', sa.String(length=32), nullable=False),
    sa.Column('estimate', sa.BigInteger(), nullable=False),
    sa.Column('approved', sa.BigInteger(), nullable=True),
    sa.Column('approving_doc', sa.String(length=200), nullable=True),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.Column('settlement_doc', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('cost_norm_id', sa.Uuid(), nullable=True),
    sa.Column('cap_amount', sa.BigInteger(), nullable=True),
    sa.Column('cap_check', sa.String(length=16), nullable=False),
    sa.Column('auto_created', sa.Boolean(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.CheckConstraint('estimate >= 0 AND coalesce(approved, 0) >= 0', name=op.f('ck_budget_lines_amounts_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_lines'))
    )
    with op.batch_alter_table('budget_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_lines_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_budget_lines_fiscal_year'), ['fiscal_year'], unique=False)
        batch_op.create_index(batch_op.f('ix_budget_lines_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('legal_bases',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('document', sa.String(length=100), nullable=False),
    sa.Column('article', sa.String(length=40), nullable=True),
    sa.Column('clause', sa.String(length=40), nullable=True),
    sa.Column('summary', sa.String(length=500), nullable=False),
    sa.Column('verification', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_legal_bases'))
    )
    op.create_table('training_classes',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('cost_estimate', sa.BigInteger(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_classes'))
    )
    with op.batch_alter_table('training_classes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_classes_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('agency_level_rules',
    sa.Column('agency_type', sa.String(length=32), nullable=False),
    sa.Column('agency_level', sa.String(length=20), nullable=False),
    sa.Column('legal_basis_code', sa.String(length=40), nullable=False),
    sa.Column('verification', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['legal_basis_code'], ['legal_bases.code'], name=op.f('fk_agency_level_rules_legal_basis_code_legal_bases')),
    sa.PrimaryKeyConstraint('agency_type', name=op.f('pk_agency_level_rules'))
    )
    op.create_table('cap_overrides',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('line_id', sa.Uuid(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('cap_amount', sa.BigInteger(), nullable=False),
    sa.Column('cost_norm_id', sa.Uuid(), nullable=True),
    sa.Column('reason', sa.String(length=1000), nullable=True),
    sa.Column('document', sa.String(length=200), nullable=True),
    sa.Column('recorded_by', sa.String(length=120), nullable=True),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['line_id'], ['budget_lines.id'], name=op.f('fk_cap_overrides_line_id_budget_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cap_overrides'))
    )
    with op.batch_alter_table('cap_overrides', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cap_overrides_line_id'), ['line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cap_overrides_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('cost_norms',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('legal_basis_code', sa.String(length=40), nullable=False),
    sa.Column('item', sa.String(length=60), nullable=True),
    sa.Column('agency_level', sa.String(length=20), nullable=True),
    sa.Column('has_framework_model', sa.Boolean(), nullable=True),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=True),
    sa.Column('min_value', sa.BigInteger(), nullable=True),
    sa.Column('max_value', sa.BigInteger(), nullable=True),
    sa.Column('percent', sa.Integer(), nullable=True),
    sa.Column('reference_item', sa.String(length=60), nullable=True),
    sa.Column('reference_level', sa.String(length=20), nullable=True),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('effective_to', sa.Date(), nullable=True),
    sa.Column('verification', sa.String(length=16), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('recorded_by', sa.String(length=120), nullable=True),
    sa.Column('recorded_at', UtcDateTime(), nullable=False),
    sa.CheckConstraint('coalesce(value, 0) >= 0 AND coalesce(min_value, 0) >= 0 AND coalesce(max_value, 0) >= 0 AND coalesce(percent, 0) >= 0', name=op.f('ck_cost_norms_not_negative')),
    sa.ForeignKeyConstraint(['legal_basis_code'], ['legal_bases.code'], name=op.f('fk_cost_norms_legal_basis_code_legal_bases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cost_norms')),
    sa.UniqueConstraint('code', 'version', name=op.f('uq_cost_norms_code'))
    )
    with op.batch_alter_table('cost_norms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cost_norms_code'), ['code'], unique=False)

    op.create_table('expenditures',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('line_id', sa.Uuid(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('spent_on', sa.Date(), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('voucher', sa.String(length=120), nullable=True),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('origin_ref', sa.String(length=64), nullable=True),
    sa.Column('recorded_by', sa.String(length=120), nullable=True),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['line_id'], ['budget_lines.id'], name=op.f('fk_expenditures_line_id_budget_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expenditures')),
    sa.UniqueConstraint('tenant_id', 'origin', 'origin_ref', name=op.f('uq_expenditures_tenant_id'))
    )
    with op.batch_alter_table('expenditures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expenditures_line_id'), ['line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_expenditures_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('settlements',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('line_id', sa.Uuid(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('settlement_doc', sa.String(length=200), nullable=False),
    sa.Column('settled_on', sa.Date(), nullable=False),
    sa.Column('final', sa.Boolean(), nullable=False),
    sa.Column('recorded_by', sa.String(length=120), nullable=True),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['line_id'], ['budget_lines.id'], name=op.f('fk_settlements_line_id_budget_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlements'))
    )
    with op.batch_alter_table('settlements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_settlements_line_id'), ['line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_settlements_tenant_id'), ['tenant_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('settlements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_settlements_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_settlements_line_id'))

    op.drop_table('settlements')
    with op.batch_alter_table('expenditures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_expenditures_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_expenditures_line_id'))

    op.drop_table('expenditures')
    with op.batch_alter_table('cost_norms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cost_norms_code'))

    op.drop_table('cost_norms')
    with op.batch_alter_table('cap_overrides', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cap_overrides_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_cap_overrides_line_id'))

    op.drop_table('cap_overrides')
    op.drop_table('agency_level_rules')
    with op.batch_alter_table('training_classes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_classes_tenant_id'))

    op.drop_table('training_classes')
    op.drop_table('legal_bases')
    with op.batch_alter_table('budget_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_lines_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_budget_lines_fiscal_year'))
        batch_op.drop_index(batch_op.f('ix_budget_lines_agency_id'))

    op.drop_table('budget_lines')
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agencies_tenant_id'))

    op.drop_table('agencies')
