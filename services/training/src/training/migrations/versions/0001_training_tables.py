"""training and kit tables

Revision ID: 0001
Revises:

"""

import sqlalchemy as sa
from alembic import op

from kit.db import UtcDateTime

# The reference rows as they were at this revision (a migration never reads today's code).
THU_KY_ISO, DAI_DIEN_LANH_DAO = "THU_KY_ISO", "DAI_DIEN_LANH_DAO"
COURSE_TYPES = [
    {"code": "NHAN_THUC_CHUNG", "position": 1, "qualifies_roles": [],
     "name_vi": "Nhận thức chung về TCVN ISO 9001:2015", "name_en": "General awareness of ISO 9001:2015"},
    {"code": "CHUYEN_GIA_DANH_GIA_NOI_BO", "position": 2, "qualifies_roles": [THU_KY_ISO],
     "name_vi": "Chuyên gia đánh giá nội bộ", "name_en": "Internal auditor"},
    {"code": "CHUYEN_DOI_ISO_2015", "position": 3, "qualifies_roles": [],
     "name_vi": "Chuyển đổi sang TCVN ISO 9001:2015", "name_en": "Transition to ISO 9001:2015"},
    {"code": "DAI_DIEN_LANH_DAO_THU_KY_ISO", "position": 4, "qualifies_roles": [THU_KY_ISO, DAI_DIEN_LANH_DAO],
     "name_vi": "Đại diện lãnh đạo và thư ký ISO", "name_en": "Management representative and ISO secretary"},
    {"code": "NGHIEP_VU_KIEM_TRA", "position": 5, "qualifies_roles": [],
     "name_vi": "Nghiệp vụ kiểm tra việc áp dụng HTQLCL", "name_en": "Inspection skills"},
    {"code": "XAY_DUNG_HTQLCL", "position": 6, "qualifies_roles": [THU_KY_ISO],
     "name_vi": "Xây dựng, áp dụng hệ thống quản lý chất lượng", "name_en": "Building a QMS"},
]
DEFAULT_SETTINGS = {"id": 1, "completion_percent": 80, "season_start_month": 5, "season_end_month": 10,
                    "certificate_format": "{seq:04d}/{year}/GCN-ISO"}

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agencies',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agencies'))
    )
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agencies_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('certificate_counters',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', 'tenant_id', name=op.f('pk_certificate_counters'))
    )
    op.create_table('course_types',
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name_vi', sa.String(length=300), nullable=False),
    sa.Column('name_en', sa.String(length=300), nullable=False),
    sa.Column('qualifies_roles', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_course_types'))
    )
    op.create_table('default_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('completion_percent', sa.Integer(), nullable=False),
    sa.Column('season_start_month', sa.Integer(), nullable=False),
    sa.Column('season_end_month', sa.Integer(), nullable=False),
    sa.Column('certificate_format', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_default_settings'))
    )
    op.create_table('officers',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('appointed_on', sa.Date(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_officers'))
    )
    with op.batch_alter_table('officers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_officers_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_officers_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('tenant_settings',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('completion_percent', sa.Integer(), nullable=False),
    sa.Column('season_start_month', sa.Integer(), nullable=False),
    sa.Column('season_end_month', sa.Integer(), nullable=False),
    sa.Column('certificate_format', sa.String(length=100), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tenant_settings')),
    sa.UniqueConstraint('tenant_id', name=op.f('uq_tenant_settings_tenant_id'))
    )
    with op.batch_alter_table('tenant_settings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tenant_settings_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('classes',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('course_type', sa.String(length=64), nullable=False),
    sa.Column('audience', sa.JSON(), nullable=False),
    sa.Column('venue', sa.String(length=300), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('provider', sa.String(length=300), nullable=False),
    sa.Column('trainers', sa.JSON(), nullable=False),
    sa.Column('cost_estimate', sa.Integer(), nullable=False),
    sa.Column('cost_actual', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('status_reason', sa.Text(), nullable=True),
    sa.Column('on_site_agency_id', sa.Uuid(), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['course_type'], ['course_types.code'], name=op.f('fk_classes_course_type_course_types')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_classes'))
    )
    with op.batch_alter_table('classes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_classes_course_type'), ['course_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_classes_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_classes_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_classes_year'), ['year'], unique=False)

    op.create_table('onsite_requests',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('course_type', sa.String(length=64), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=False),
    sa.Column('preferred_from', sa.Date(), nullable=True),
    sa.Column('preferred_to', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('class_id', sa.Uuid(), nullable=True),
    sa.Column('decline_reason', sa.Text(), nullable=True),
    sa.Column('requested_by', sa.String(length=200), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['course_type'], ['course_types.code'], name=op.f('fk_onsite_requests_course_type_course_types')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_onsite_requests'))
    )
    with op.batch_alter_table('onsite_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_onsite_requests_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_onsite_requests_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_onsite_requests_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('class_sessions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('class_id', sa.Uuid(), nullable=False),
    sa.Column('starts_at', UtcDateTime(), nullable=False),
    sa.Column('ends_at', UtcDateTime(), nullable=False),
    sa.Column('topic', sa.String(length=300), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_class_sessions_class_id_classes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_class_sessions'))
    )
    with op.batch_alter_table('class_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_sessions_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_class_sessions_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('registrations',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('class_id', sa.Uuid(), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.String(length=64), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('position', sa.String(length=200), nullable=True),
    sa.Column('qms_role', sa.String(length=32), nullable=False),
    sa.Column('officer_id', sa.Uuid(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('queue_no', sa.Integer(), nullable=False),
    sa.Column('nominated_by', sa.String(length=200), nullable=False),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('completed', sa.Boolean(), nullable=True),
    sa.Column('certificate_no', sa.String(length=100), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_registrations_class_id_classes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registrations'))
    )
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registrations_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_officer_id'), ['officer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_registrations_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('attendance',
    sa.Column('registration_id', sa.Uuid(), nullable=False),
    sa.Column('session_id', sa.Uuid(), nullable=False),
    sa.Column('present', sa.Boolean(), nullable=False),
    sa.Column('recorded_at', UtcDateTime(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_attendance_registration_id_registrations')),
    sa.ForeignKeyConstraint(['session_id'], ['class_sessions.id'], name=op.f('fk_attendance_session_id_class_sessions')),
    sa.PrimaryKeyConstraint('registration_id', 'session_id', name=op.f('pk_attendance'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('certificates',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('registration_id', sa.Uuid(), nullable=False),
    sa.Column('class_id', sa.Uuid(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=False),
    sa.Column('issued_at', UtcDateTime(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_certificates_registration_id_registrations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificates')),
    sa.UniqueConstraint('registration_id', name=op.f('uq_certificates_registration_id')),
    sa.UniqueConstraint('tenant_id', 'number', name='uq_certificates_number'),
    sa.UniqueConstraint('tenant_id', 'year', 'seq', name='uq_certificates_year_seq')
    )
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificates_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificates_tenant_id'), ['tenant_id'], unique=False)

    seed_reference_data()


def downgrade() -> None:
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificates_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_certificates_class_id'))

    op.drop_table('certificates')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_tenant_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registrations_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_registrations_status'))
        batch_op.drop_index(batch_op.f('ix_registrations_person_id'))
        batch_op.drop_index(batch_op.f('ix_registrations_officer_id'))
        batch_op.drop_index(batch_op.f('ix_registrations_class_id'))
        batch_op.drop_index(batch_op.f('ix_registrations_agency_id'))

    op.drop_table('registrations')
    with op.batch_alter_table('class_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_sessions_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_class_sessions_class_id'))

    op.drop_table('class_sessions')
    with op.batch_alter_table('onsite_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_onsite_requests_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_onsite_requests_status'))
        batch_op.drop_index(batch_op.f('ix_onsite_requests_agency_id'))

    op.drop_table('onsite_requests')
    with op.batch_alter_table('classes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_classes_year'))
        batch_op.drop_index(batch_op.f('ix_classes_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_classes_status'))
        batch_op.drop_index(batch_op.f('ix_classes_course_type'))

    op.drop_table('classes')
    with op.batch_alter_table('tenant_settings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tenant_settings_tenant_id'))

    op.drop_table('tenant_settings')
    with op.batch_alter_table('officers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_officers_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_officers_agency_id'))

    op.drop_table('officers')
    op.drop_table('default_settings')
    op.drop_table('course_types')
    op.drop_table('certificate_counters')
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agencies_tenant_id'))

    op.drop_table('agencies')


def seed_reference_data() -> None:
    course_types = sa.table("course_types", sa.column("code"), sa.column("name_vi"), sa.column("name_en"),
                            sa.column("qualifies_roles", sa.JSON), sa.column("position"))
    op.bulk_insert(course_types, COURSE_TYPES)
    defaults = sa.table("default_settings", sa.column("id"), sa.column("completion_percent"),
                        sa.column("season_start_month"), sa.column("season_end_month"),
                        sa.column("certificate_format"))
    op.bulk_insert(defaults, [DEFAULT_SETTINGS])
