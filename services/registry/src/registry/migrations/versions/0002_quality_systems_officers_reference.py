"""quality systems, officers and reference data

Revision ID: 0002
Revises: 0001
"""

import json
import uuid
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from kit.db import UtcDateTime

DATA = Path(__file__).resolve().parent.parent / "data" / "reference_2025.json"
DATES = ("new_builds_until", "transition_deadline", "valid_from", "valid_to", "effective_date")


revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    tables = {}
    tables['legal_bases'] = op.create_table('legal_bases',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('document', sa.String(length=100), nullable=False),
    sa.Column('article', sa.String(length=40), nullable=True),
    sa.Column('clause', sa.String(length=40), nullable=True),
    sa.Column('summary', sa.String(length=500), nullable=False),
    sa.Column('verification', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_legal_bases'))
    )
    tables['administrative_units'] = op.create_table('administrative_units',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('scheme', sa.String(length=16), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('level', sa.String(length=8), nullable=False),
    sa.Column('unit_type', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('parent_code', sa.String(length=8), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=True),
    sa.Column('legal_basis_code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['legal_basis_code'], ['legal_bases.code'], name=op.f('fk_administrative_units_legal_basis_code_legal_bases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_administrative_units'))
    )
    with op.batch_alter_table('administrative_units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_administrative_units_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_administrative_units_tenant_id'), ['tenant_id'], unique=False)

    tables['default_settings'] = op.create_table('default_settings',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.Column('legal_basis_code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['legal_basis_code'], ['legal_bases.code'], name=op.f('fk_default_settings_legal_basis_code_legal_bases')),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_default_settings'))
    )
    tables['maintenance_activity_types'] = op.create_table('maintenance_activity_types',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name_vi', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('required_yearly', sa.Boolean(), nullable=False),
    sa.Column('legal_basis_code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['legal_basis_code'], ['legal_bases.code'], name=op.f('fk_maintenance_activity_types_legal_basis_code_legal_bases')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_maintenance_activity_types'))
    )
    tables['obligation_rules'] = op.create_table('obligation_rules',
    sa.Column('agency_type', sa.String(length=32), nullable=False),
    sa.Column('obligation', sa.String(length=32), nullable=False),
    sa.Column('legal_basis_code', sa.String(length=40), nullable=False),
    sa.Column('verification', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['legal_basis_code'], ['legal_bases.code'], name=op.f('fk_obligation_rules_legal_basis_code_legal_bases')),
    sa.PrimaryKeyConstraint('agency_type', name=op.f('pk_obligation_rules'))
    )
    tables['standard_versions'] = op.create_table('standard_versions',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('new_builds_until', sa.Date(), nullable=True),
    sa.Column('transition_deadline', sa.Date(), nullable=True),
    sa.Column('legal_basis_code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['legal_basis_code'], ['legal_bases.code'], name=op.f('fk_standard_versions_legal_basis_code_legal_bases')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_standard_versions'))
    )
    tables['unit_successions'] = op.create_table('unit_successions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('from_scheme', sa.String(length=16), nullable=False),
    sa.Column('from_code', sa.String(length=8), nullable=False),
    sa.Column('to_scheme', sa.String(length=16), nullable=False),
    sa.Column('to_code', sa.String(length=8), nullable=False),
    sa.Column('event_type', sa.String(length=16), nullable=False),
    sa.Column('effective_date', sa.Date(), nullable=False),
    sa.Column('legal_basis_code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['legal_basis_code'], ['legal_bases.code'], name=op.f('fk_unit_successions_legal_basis_code_legal_bases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_successions'))
    )
    tables['agency_officers'] = op.create_table('agency_officers',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('full_name', sa.String(length=120), nullable=False),
    sa.Column('position', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=30), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('appointed_on', sa.Date(), nullable=False),
    sa.Column('appointment_decision', sa.String(length=200), nullable=True),
    sa.Column('removed_on', sa.Date(), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_agency_officers_agency_id_agencies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency_officers'))
    )
    with op.batch_alter_table('agency_officers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agency_officers_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agency_officers_tenant_id'), ['tenant_id'], unique=False)

    tables['agency_successions'] = op.create_table('agency_successions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('predecessor_id', sa.Uuid(), nullable=False),
    sa.Column('successor_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('effective_date', sa.Date(), nullable=False),
    sa.Column('decision', sa.String(length=200), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['predecessor_id'], ['agencies.id'], name=op.f('fk_agency_successions_predecessor_id_agencies')),
    sa.ForeignKeyConstraint(['successor_id'], ['agencies.id'], name=op.f('fk_agency_successions_successor_id_agencies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency_successions'))
    )
    with op.batch_alter_table('agency_successions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agency_successions_predecessor_id'), ['predecessor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agency_successions_successor_id'), ['successor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agency_successions_tenant_id'), ['tenant_id'], unique=False)

    tables['quality_systems'] = op.create_table('quality_systems',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('standard_version', sa.String(length=40), nullable=False),
    sa.Column('built_with', sa.String(length=32), nullable=True),
    sa.Column('consultant_name', sa.String(length=200), nullable=True),
    sa.Column('uses_framework_model', sa.Boolean(), nullable=False),
    sa.Column('scope_description', sa.Text(), nullable=True),
    sa.Column('scope_tthc_count', sa.Integer(), nullable=True),
    sa.Column('internal_process_count', sa.Integer(), nullable=True),
    sa.Column('first_applied_on', sa.Date(), nullable=True),
    sa.Column('transition_completed_on', sa.Date(), nullable=True),
    sa.Column('status_since', sa.Date(), nullable=False),
    sa.Column('stop_reason', sa.String(length=300), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_quality_systems_agency_id_agencies')),
    sa.ForeignKeyConstraint(['standard_version'], ['standard_versions.code'], name=op.f('fk_quality_systems_standard_version_standard_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quality_systems'))
    )
    with op.batch_alter_table('quality_systems', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quality_systems_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quality_systems_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_quality_systems_tenant_id'), ['tenant_id'], unique=False)

    tables['tenant_settings'] = op.create_table('tenant_settings',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['key'], ['default_settings.key'], name=op.f('fk_tenant_settings_key_default_settings')),
    sa.PrimaryKeyConstraint('key', 'tenant_id', name=op.f('pk_tenant_settings'))
    )
    tables['announcements'] = op.create_table('announcements',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('quality_system_id', sa.Uuid(), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=True),
    sa.Column('decision_no', sa.String(length=100), nullable=False),
    sa.Column('decision_date', sa.Date(), nullable=False),
    sa.Column('signed_by', sa.String(length=120), nullable=True),
    sa.Column('standard_version', sa.String(length=40), nullable=False),
    sa.Column('scope_tthc_count', sa.Integer(), nullable=True),
    sa.Column('scope_description', sa.Text(), nullable=True),
    sa.Column('notified_on', sa.Date(), nullable=True),
    sa.Column('notification_doc_no', sa.String(length=100), nullable=True),
    sa.Column('posted_on_website_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('received_by', sa.String(length=120), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_announcements_agency_id_agencies')),
    sa.ForeignKeyConstraint(['quality_system_id'], ['quality_systems.id'], name=op.f('fk_announcements_quality_system_id_quality_systems')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_announcements'))
    )
    with op.batch_alter_table('announcements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_announcements_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_announcements_quality_system_id'), ['quality_system_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_announcements_tenant_id'), ['tenant_id'], unique=False)

    tables['maintenance_records'] = op.create_table('maintenance_records',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('quality_system_id', sa.Uuid(), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('activity_type', sa.String(length=40), nullable=False),
    sa.Column('activity_date', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('nonconformities_found', sa.Integer(), nullable=True),
    sa.Column('evidence_refs', sa.JSON(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['activity_type'], ['maintenance_activity_types.code'], name=op.f('fk_maintenance_records_activity_type_maintenance_activity_types')),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_maintenance_records_agency_id_agencies')),
    sa.ForeignKeyConstraint(['quality_system_id'], ['quality_systems.id'], name=op.f('fk_maintenance_records_quality_system_id_quality_systems')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maintenance_records'))
    )
    with op.batch_alter_table('maintenance_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_maintenance_records_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_maintenance_records_quality_system_id'), ['quality_system_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_maintenance_records_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_maintenance_records_year'), ['year'], unique=False)

    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ma_dinh_danh', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('head_name', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('website_url', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('tthc_count', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('obligation_override', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('obligation_decision_no', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('obligation_decision_date', sa.Date(), nullable=True))

    with op.batch_alter_table('tenants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=16), nullable=False))
        batch_op.add_column(sa.Column('merged_into', sa.String(length=64), nullable=True))
    load_reference_data(tables)


def load_reference_data(tables: dict) -> None:
    """Seed law-as-data reference rows (DOMAIN.md 6.2-6.4) from the frozen JSON beside the migrations."""
    data = json.loads(DATA.read_text())
    for row in data["unit_successions"]:
        row.update(from_scheme="QD124_2004", to_scheme="QD19_2025", effective_date="2025-07-01",
                   legal_basis_code="NQ202-2025")
    for name in ("legal_bases", "obligation_rules", "standard_versions", "maintenance_activity_types",
                 "default_settings", "administrative_units", "unit_successions"):
        nullable = [column.name for column in tables[name].columns if column.nullable]
        op.bulk_insert(tables[name], [dict.fromkeys(nullable) | _typed(name, row) for row in data[name]])


def _typed(table: str, row: dict) -> dict:
    typed = {key: date.fromisoformat(value) if key in DATES and value else value for key, value in row.items()}
    if table in ("administrative_units", "unit_successions"):
        typed["id"] = uuid.uuid4()
    return typed


def downgrade() -> None:
    with op.batch_alter_table('tenants', schema=None) as batch_op:
        batch_op.drop_column('merged_into')
        batch_op.drop_column('status')

    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.drop_column('obligation_decision_date')
        batch_op.drop_column('obligation_decision_no')
        batch_op.drop_column('obligation_override')
        batch_op.drop_column('tthc_count')
        batch_op.drop_column('website_url')
        batch_op.drop_column('head_name')
        batch_op.drop_column('ma_dinh_danh')

    with op.batch_alter_table('maintenance_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_maintenance_records_year'))
        batch_op.drop_index(batch_op.f('ix_maintenance_records_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_maintenance_records_quality_system_id'))
        batch_op.drop_index(batch_op.f('ix_maintenance_records_agency_id'))

    op.drop_table('maintenance_records')
    with op.batch_alter_table('announcements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_announcements_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_announcements_quality_system_id'))
        batch_op.drop_index(batch_op.f('ix_announcements_agency_id'))

    op.drop_table('announcements')
    op.drop_table('tenant_settings')
    with op.batch_alter_table('quality_systems', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quality_systems_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_quality_systems_status'))
        batch_op.drop_index(batch_op.f('ix_quality_systems_agency_id'))

    op.drop_table('quality_systems')
    with op.batch_alter_table('agency_successions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agency_successions_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_agency_successions_successor_id'))
        batch_op.drop_index(batch_op.f('ix_agency_successions_predecessor_id'))

    op.drop_table('agency_successions')
    with op.batch_alter_table('agency_officers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agency_officers_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_agency_officers_agency_id'))

    op.drop_table('agency_officers')
    op.drop_table('unit_successions')
    op.drop_table('standard_versions')
    op.drop_table('obligation_rules')
    op.drop_table('maintenance_activity_types')
    op.drop_table('default_settings')
    with op.batch_alter_table('administrative_units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_administrative_units_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_administrative_units_code'))

    op.drop_table('administrative_units')
    op.drop_table('legal_bases')
