"""notifications and kit tables

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
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agencies'))
    )
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agencies_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('calendar_tokens',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('subject', sa.String(length=120), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('revoked_at', UtcDateTime(), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_tokens_token_hash'))
    )
    with op.batch_alter_table('calendar_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_tokens_subject'), ['subject'], unique=False)
        batch_op.create_index(batch_op.f('ix_calendar_tokens_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('notices',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('agency_name', sa.String(length=300), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('lead_days', sa.Integer(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('due_at', UtcDateTime(), nullable=False),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notices')),
    sa.UniqueConstraint('tenant_id', 'kind', 'agency_id', 'year', 'lead_days', name=op.f('uq_notices_tenant_id'))
    )
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notices_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notices_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('officers',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('appointed_on', sa.Date(), nullable=True),
    sa.Column('removed_on', sa.Date(), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_officers'))
    )
    with op.batch_alter_table('officers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_officers_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_officers_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('province_settings',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deadline_month', sa.Integer(), nullable=False),
    sa.Column('deadline_day', sa.Integer(), nullable=False),
    sa.Column('lead_days', sa.String(length=100), nullable=False),
    sa.Column('send_hour', sa.Integer(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=True),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_province_settings')),
    sa.UniqueConstraint('tenant_id', name=op.f('uq_province_settings_tenant_id'))
    )
    with op.batch_alter_table('province_settings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_province_settings_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('provinces',
    sa.Column('tenant', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('first_seen', UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('tenant', name=op.f('pk_provinces'))
    )
    op.create_table('quality_systems',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quality_systems'))
    )
    with op.batch_alter_table('quality_systems', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quality_systems_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quality_systems_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('upkeep_records',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('activity_type', sa.String(length=40), nullable=False),
    sa.Column('activity_date', sa.Date(), nullable=False),
    sa.Column('upkeep_completed_on', sa.Date(), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_upkeep_records'))
    )
    with op.batch_alter_table('upkeep_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_upkeep_records_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_upkeep_records_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('deliveries',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('notice_id', sa.Uuid(), nullable=False),
    sa.Column('recipient', sa.String(length=200), nullable=False),
    sa.Column('recipient_name', sa.String(length=200), nullable=True),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', UtcDateTime(), nullable=False),
    sa.Column('claimed_at', UtcDateTime(), nullable=True),
    sa.Column('sent_at', UtcDateTime(), nullable=True),
    sa.Column('last_error', sa.String(length=500), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['notice_id'], ['notices.id'], name=op.f('fk_deliveries_notice_id_notices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliveries')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_deliveries_idempotency_key')),
    sa.UniqueConstraint('notice_id', 'recipient', name=op.f('uq_deliveries_notice_id'))
    )
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deliveries_notice_id'), ['notice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliveries_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliveries_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('send_log',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('delivery_id', sa.Uuid(), nullable=False),
    sa.Column('attempt', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=20), nullable=False),
    sa.Column('smtp_code', sa.Integer(), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('at', UtcDateTime(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['delivery_id'], ['deliveries.id'], name=op.f('fk_send_log_delivery_id_deliveries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_send_log'))
    )
    with op.batch_alter_table('send_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_send_log_delivery_id'), ['delivery_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_send_log_tenant_id'), ['tenant_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('send_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_send_log_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_send_log_delivery_id'))

    op.drop_table('send_log')
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deliveries_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_deliveries_status'))
        batch_op.drop_index(batch_op.f('ix_deliveries_notice_id'))

    op.drop_table('deliveries')
    with op.batch_alter_table('upkeep_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_upkeep_records_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_upkeep_records_agency_id'))

    op.drop_table('upkeep_records')
    with op.batch_alter_table('quality_systems', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quality_systems_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_quality_systems_agency_id'))

    op.drop_table('quality_systems')
    op.drop_table('provinces')
    with op.batch_alter_table('province_settings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_province_settings_tenant_id'))

    op.drop_table('province_settings')
    with op.batch_alter_table('officers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_officers_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_officers_agency_id'))

    op.drop_table('officers')
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notices_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_notices_agency_id'))

    op.drop_table('notices')
    with op.batch_alter_table('calendar_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_tokens_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_calendar_tokens_subject'))

    op.drop_table('calendar_tokens')
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agencies_tenant_id'))

    op.drop_table('agencies')
