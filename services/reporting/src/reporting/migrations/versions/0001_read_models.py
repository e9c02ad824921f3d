"""read models

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agencies',
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('agency_type', sa.String(length=32), nullable=False),
    sa.Column('admin_level', sa.String(length=32), nullable=True),
    sa.Column('obligation', sa.String(length=32), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('agency_id', name=op.f('pk_agencies'))
    )
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agencies_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('announcements',
    sa.Column('announcement_id', sa.Uuid(), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=True),
    sa.Column('decision_date', sa.Date(), nullable=False),
    sa.Column('standard_version', sa.String(length=40), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('announcement_id', name=op.f('pk_announcements'))
    )
    with op.batch_alter_table('announcements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_announcements_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_announcements_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('inspections',
    sa.Column('inspection_id', sa.Uuid(), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('plan_id', sa.Uuid(), nullable=True),
    sa.Column('form', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('scheduled_on', sa.Date(), nullable=True),
    sa.Column('concluded_on', sa.Date(), nullable=True),
    sa.Column('overall_result', sa.String(length=32), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('inspection_id', name=op.f('pk_inspections'))
    )
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspections_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspections_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('officers',
    sa.Column('officer_id', sa.Uuid(), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('appointed_on', sa.Date(), nullable=False),
    sa.Column('removed_on', sa.Date(), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('officer_id', name=op.f('pk_officers'))
    )
    with op.batch_alter_table('officers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_officers_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_officers_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('quality_system_statuses',
    sa.Column('quality_system_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('standard_version', sa.String(length=40), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('quality_system_id', 'version', name=op.f('pk_quality_system_statuses'))
    )
    with op.batch_alter_table('quality_system_statuses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quality_system_statuses_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quality_system_statuses_tenant_id'), ['tenant_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('quality_system_statuses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quality_system_statuses_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_quality_system_statuses_agency_id'))

    op.drop_table('quality_system_statuses')
    with op.batch_alter_table('officers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_officers_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_officers_agency_id'))

    op.drop_table('officers')
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspections_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_inspections_agency_id'))

    op.drop_table('inspections')
    with op.batch_alter_table('announcements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_announcements_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_announcements_agency_id'))

    op.drop_table('announcements')
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agencies_tenant_id'))

    op.drop_table('agencies')
