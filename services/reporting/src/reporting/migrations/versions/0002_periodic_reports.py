"""periodic reports

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from kit.db import UtcDateTime

# Due dates of the reporting regimes (DOMAIN.md 6.7); unverified defaults an admin may correct.
REGIMES = [
    ("BC_6_THANG", "Báo cáo sáu tháng", 15, 6, "TT 26/2014/TT-BKHCN; NĐ 09/2019/NĐ-CP (thời hạn chưa đối chiếu)", "UNVERIFIED"),
    ("BC_TINH_NAM", "Báo cáo năm của tỉnh gửi Bộ KH&CN", 15, 12, "TT 26/2014/TT-BKHCN; NĐ 09/2019/NĐ-CP (thời hạn chưa đối chiếu)", "UNVERIFIED"),
    ("BC_DOT_XUAT", "Báo cáo đột xuất", None, None, "Theo yêu cầu của cơ quan cấp trên", "CONFIRMED"),
]
COLUMNS = ("report_type", "name_vi", "due_day", "due_month", "legal_basis", "verification")


revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('provinces',
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('official_code', sa.String(length=8), nullable=True),
    sa.PrimaryKeyConstraint('tenant_id', name=op.f('pk_provinces'))
    )
    regimes = op.create_table('reporting_regimes',
    sa.Column('report_type', sa.String(length=32), nullable=False),
    sa.Column('name_vi', sa.String(length=200), nullable=False),
    sa.Column('due_day', sa.Integer(), nullable=True),
    sa.Column('due_month', sa.Integer(), nullable=True),
    sa.Column('legal_basis', sa.String(length=300), nullable=False),
    sa.Column('verification', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('report_type', name=op.f('pk_reporting_regimes'))
    )
    op.create_table('reports',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('report_type', sa.String(length=32), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('cutoff', sa.Date(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.Column('difficulties', sa.Text(), nullable=True),
    sa.Column('proposals', sa.Text(), nullable=True),
    sa.Column('approved_by', sa.String(length=120), nullable=True),
    sa.Column('submitted_at', UtcDateTime(), nullable=True),
    sa.Column('reviewed_by', sa.String(length=120), nullable=True),
    sa.Column('review_comment', sa.Text(), nullable=True),
    sa.Column('created_at', UtcDateTime(), nullable=False),
    sa.Column('tenant_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports'))
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_tenant_id'), ['tenant_id'], unique=False)
    op.bulk_insert(regimes, [dict(zip(COLUMNS, row, strict=True)) for row in REGIMES])


def downgrade() -> None:
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_reports_status'))

    op.drop_table('reports')
    op.drop_table('reporting_regimes')
    op.drop_table('provinces')
