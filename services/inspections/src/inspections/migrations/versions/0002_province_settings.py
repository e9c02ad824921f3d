"""province settings: a province's own criterion weights and reference values

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 10:41:46.763140
"""

import sqlalchemy as sa
from alembic import op

from kit.db import UtcDateTime

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('criterion_settings',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=True),
    sa.Column('updated_by', sa.String(length=200), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['code'], ['criteria.code'], name=op.f('fk_criterion_settings_code_criteria')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_criterion_settings')),
    sa.UniqueConstraint('tenant_id', 'code', name=op.f('uq_criterion_settings_tenant_id'))
    )
    with op.batch_alter_table('criterion_settings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_criterion_settings_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('province_settings',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Integer(), nullable=True),
    sa.Column('updated_by', sa.String(length=200), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['key'], ['reference_values.key'], name=op.f('fk_province_settings_key_reference_values')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_province_settings')),
    sa.UniqueConstraint('tenant_id', 'key', name=op.f('uq_province_settings_tenant_id'))
    )
    with op.batch_alter_table('province_settings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_province_settings_tenant_id'), ['tenant_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('province_settings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_province_settings_tenant_id'))

    op.drop_table('province_settings')
    with op.batch_alter_table('criterion_settings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_criterion_settings_tenant_id'))

    op.drop_table('criterion_settings')
