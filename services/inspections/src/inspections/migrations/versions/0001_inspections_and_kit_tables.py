"""inspections and kit tables

Revision ID: 0001
Revises:
Create Date: 2026-11-26 10:32:00.639677
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
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('agency_type', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('successor_agency_id', sa.Uuid(), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agencies'))
    )
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agencies_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('criteria',
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('legal_basis', sa.String(length=300), nullable=False),
    sa.Column('verification_status', sa.String(length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_criteria'))
    )
    op.create_table('obligation_rules',
    sa.Column('agency_type', sa.String(length=32), nullable=False),
    sa.Column('obliged', sa.Boolean(), nullable=False),
    sa.Column('legal_basis', sa.String(length=300), nullable=False),
    sa.Column('verification_status', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('agency_type', name=op.f('pk_obligation_rules'))
    )
    op.create_table('plans',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.Column('approving_doc', sa.String(length=200), nullable=True),
    sa.Column('proposing_doc', sa.String(length=200), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('onsite_min_percent', sa.Integer(), nullable=True),
    sa.Column('coverage_basis', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('adjustment_note', sa.Text(), nullable=True),
    sa.Column('approved_at', UtcDateTime(), nullable=True),
    sa.Column('carried_from_plan_id', sa.Uuid(), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plans'))
    )
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plans_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_plans_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plans_year'), ['year'], unique=False)

    op.create_table('reference_values',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('legal_basis', sa.String(length=300), nullable=False),
    sa.Column('verification_status', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_reference_values'))
    )
    op.create_table('plan_targets',
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('planned_form', sa.String(length=32), nullable=False),
    sa.Column('planned_month', sa.Integer(), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_plan_targets_plan_id_plans')),
    sa.PrimaryKeyConstraint('plan_id', 'agency_id', name=op.f('pk_plan_targets'))
    )
    with op.batch_alter_table('plan_targets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_targets_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('teams',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('plan_id', sa.Uuid(), nullable=True),
    sa.Column('decision_no', sa.String(length=200), nullable=False),
    sa.Column('decision_date', sa.Date(), nullable=False),
    sa.Column('issuer', sa.String(length=200), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_teams_plan_id_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teams'))
    )
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_teams_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_teams_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('inspections',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('plan_id', sa.Uuid(), nullable=True),
    sa.Column('team_id', sa.Uuid(), nullable=True),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('form', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('scheduled_date', sa.Date(), nullable=True),
    sa.Column('notice_doc', sa.String(length=200), nullable=True),
    sa.Column('conducted_date', sa.Date(), nullable=True),
    sa.Column('record_doc', sa.String(length=200), nullable=True),
    sa.Column('record_date', sa.Date(), nullable=True),
    sa.Column('conclusion_doc', sa.String(length=200), nullable=True),
    sa.Column('conclusion_date', sa.Date(), nullable=True),
    sa.Column('overall_result', sa.String(length=32), nullable=True),
    sa.Column('status_note', sa.Text(), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_inspections_plan_id_plans')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_inspections_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspections'))
    )
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspections_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspections_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspections_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspections_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('team_members',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('team_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('organization', sa.String(length=200), nullable=True),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('user_subject', sa.String(length=200), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_team_members_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_members'))
    )
    with op.batch_alter_table('team_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_members_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_members_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_members_user_subject'), ['user_subject'], unique=False)

    op.create_table('checklist_results',
    sa.Column('inspection_id', sa.Uuid(), nullable=False),
    sa.Column('criterion_code', sa.String(length=16), nullable=False),
    sa.Column('result', sa.String(length=16), nullable=False),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['criterion_code'], ['criteria.code'], name=op.f('fk_checklist_results_criterion_code_criteria')),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_checklist_results_inspection_id_inspections')),
    sa.PrimaryKeyConstraint('inspection_id', 'criterion_code', name=op.f('pk_checklist_results'))
    )
    with op.batch_alter_table('checklist_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checklist_results_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('findings',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('inspection_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('iso_clause', sa.String(length=32), nullable=True),
    sa.Column('qd19_clause', sa.String(length=64), nullable=True),
    sa.Column('severity', sa.String(length=16), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_findings_inspection_id_inspections')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_findings'))
    )
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_findings_inspection_id'), ['inspection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_findings_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('recommendations',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('inspection_id', sa.Uuid(), nullable=False),
    sa.Column('agency_id', sa.Uuid(), nullable=False),
    sa.Column('finding_id', sa.Uuid(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('submitted_by', sa.String(length=200), nullable=True),
    sa.Column('submitted_at', UtcDateTime(), nullable=True),
    sa.Column('review_note', sa.Text(), nullable=True),
    sa.Column('closed_at', UtcDateTime(), nullable=True),
    sa.Column('overdue_flagged_at', UtcDateTime(), nullable=True),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('updated_at', UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['finding_id'], ['findings.id'], name=op.f('fk_recommendations_finding_id_findings')),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_recommendations_inspection_id_inspections')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendations'))
    )
    with op.batch_alter_table('recommendations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendations_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendations_inspection_id'), ['inspection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendations_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendations_tenant_id'), ['tenant_id'], unique=False)

    seed_reference_data()


def downgrade() -> None:
    with op.batch_alter_table('recommendations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendations_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_recommendations_status'))
        batch_op.drop_index(batch_op.f('ix_recommendations_inspection_id'))
        batch_op.drop_index(batch_op.f('ix_recommendations_agency_id'))

    op.drop_table('recommendations')
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_findings_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_findings_inspection_id'))

    op.drop_table('findings')
    with op.batch_alter_table('checklist_results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checklist_results_tenant_id'))

    op.drop_table('checklist_results')
    with op.batch_alter_table('team_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_members_user_subject'))
        batch_op.drop_index(batch_op.f('ix_team_members_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_team_members_team_id'))

    op.drop_table('team_members')
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspections_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_inspections_status'))
        batch_op.drop_index(batch_op.f('ix_inspections_plan_id'))
        batch_op.drop_index(batch_op.f('ix_inspections_agency_id'))

    op.drop_table('inspections')
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teams_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_teams_plan_id'))

    op.drop_table('teams')
    with op.batch_alter_table('plan_targets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_targets_tenant_id'))

    op.drop_table('plan_targets')
    op.drop_table('reference_values')
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plans_year'))
        batch_op.drop_index(batch_op.f('ix_plans_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_plans_status'))

    op.drop_table('plans')
    op.drop_table('obligation_rules')
    op.drop_table('criteria')
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agencies_tenant_id'))

    op.drop_table('agencies')


QD19 = "QĐ 19/2014/QĐ-TTg"
TT26 = "TT 26/2014/TT-BKHCN"
CRITERIA = [
    # code, title, weight, legal basis, verification status. Weights are an unverified default an admin can change.
    ("TC01", "Đã xây dựng HTQLCL / the QMS has been built", 10, f"{QD19} Điều 4 khoản 1", "secondary"),
    ("TC02", "Có quyết định công bố / công bố lại còn hiệu lực / a current announcement exists", 10,
     f"{QD19} Điều 4 khoản 2, 3", "secondary"),
    ("TC03", "Phạm vi bao quát toàn bộ TTHC của cơ quan / the scope covers all administrative procedures", 10,
     f"{QD19} Điều 4 khoản 1", "unverified"),
    ("TC04", "Tài liệu được cập nhật khi VBQPPL, TTHC thay đổi / documents follow legal and TTHC changes", 10,
     f"{QD19} Điều 4 khoản 4", "unverified"),
    ("TC05", "Có chính sách và mục tiêu chất lượng / quality policy and objectives exist", 8,
     "TCVN ISO 9001:2015 mục 5.2, 6.2", "secondary"),
    ("TC06", "Đã đánh giá nội bộ trong năm / an internal audit was held this year", 10,
     f"{QD19} Điều 4 khoản 4; TCVN ISO 9001:2015 mục 9.2", "unverified"),
    ("TC07", "Đã xem xét của lãnh đạo trong năm / a management review was held this year", 10,
     f"{QD19} Điều 4 khoản 4; TCVN ISO 9001:2015 mục 9.3", "unverified"),
    ("TC08", "Hành động khắc phục đã hoàn thành / corrective actions are closed", 8,
     "TCVN ISO 9001:2015 mục 10.2", "unverified"),
    ("TC09", "Áp dụng TCVN ISO 9001:2015 / the standard is TCVN ISO 9001:2015", 10,
     "CV 419/BKHCN-TĐC ngày 21/02/2018", "secondary"),
    ("TC10", "Đã phân công Ban chỉ đạo, thư ký ISO / steering committee and ISO secretary assigned", 7,
     f"{QD19} Điều 4", "unverified"),
    ("TC11", "Công bố được niêm yết tại trụ sở và trên trang web / the announcement is posted at the office and "
     "on the website", 7, f"{QD19} Điều 4 khoản 2; {TT26}", "unverified"),
]
# Agency types obliged to apply the QMS (DOMAIN.md 6.4): the coverage denominator by default. Types absent here
# (or marked not obliged) count only when a plan uses its own target list.
OBLIGATION_RULES = [
    ("UBND_TINH", True, "secondary"), ("SO", True, "secondary"), ("UBND_HUYEN", True, "secondary"),
    ("PHONG_CM_HUYEN", True, "secondary"), ("CHI_CUC", False, "unverified"), ("BAN_QL", False, "unverified"),
    ("VP_DDBQH_HDND", False, "unverified"), ("NGANH_DOC", False, "unverified"), ("UBND_XA", False, "secondary"),
    ("TT_PVHCC", False, "unverified"), ("DVSN", False, "secondary"),
]


def seed_reference_data() -> None:
    criteria = sa.table("criteria", *(sa.column(c) for c in (
        "code", "ordinal", "title", "weight", "legal_basis", "verification_status", "active")))
    op.bulk_insert(criteria, [
        {"code": code, "ordinal": i, "title": title, "weight": weight, "legal_basis": basis,
         "verification_status": status, "active": True}
        for i, (code, title, weight, basis, status) in enumerate(CRITERIA, 1)])
    rules = sa.table("obligation_rules", *(sa.column(c) for c in (
        "agency_type", "obliged", "legal_basis", "verification_status")))
    op.bulk_insert(rules, [{"agency_type": kind, "obliged": obliged, "legal_basis": f"{QD19} Điều 2",
                            "verification_status": status} for kind, obliged, status in OBLIGATION_RULES])
    values = sa.table("reference_values", *(sa.column(c) for c in (
        "key", "value", "legal_basis", "verification_status")))
    # No source confirms a 30% on-site minimum (DOMAIN.md 1.5, [NF]): a default target, warning only.
    op.bulk_insert(values, [{"key": "onsite_min_percent", "value": 30, "legal_basis": "không tìm thấy nguồn / "
                             "no source found (provincial practice)", "verification_status": "unverified"}])
