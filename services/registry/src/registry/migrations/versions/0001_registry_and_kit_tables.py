"""registry and kit tables

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from kit.db import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agency_history',
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('event_type', sa.String(length=100), nullable=False),
    sa.Column('occurred_at', UtcDateTime(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('recorded_at', UtcDateTime(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('agency_id', 'version', name=op.f('pk_agency_history'))
    )
    with op.batch_alter_table('agency_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agency_history_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('tenants',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('official_code', sa.String(length=8), nullable=True),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tenants'))
    )
    op.create_table('agencies',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('short_name', sa.String(length=100), nullable=True),
    sa.Column('agency_type', sa.String(length=32), nullable=False),
    sa.Column('admin_level', sa.String(length=32), nullable=True),
    sa.Column('parent_agency_id', sa.Uuid(), nullable=True),
    sa.Column('location_unit_code', sa.String(length=8), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('dissolution_decision', sa.String(length=200), nullable=True),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['parent_agency_id'], ['agencies.id'], name=op.f('fk_agencies_parent_agency_id_agencies')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_agencies_tenant_id_tenants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agencies'))
    )
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agencies_agency_type'), ['agency_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_agencies_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_agencies_tenant_id'), ['tenant_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agencies_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_agencies_status'))
        batch_op.drop_index(batch_op.f('ix_agencies_agency_type'))

    op.drop_table('agencies')
    op.drop_table('tenants')
    with op.batch_alter_table('agency_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agency_history_tenant_id'))

    op.drop_table('agency_history')
