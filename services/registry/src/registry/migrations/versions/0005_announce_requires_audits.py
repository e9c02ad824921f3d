"""a provincial setting `announce_requires_audits` (default 1): whether announcing needs an internal audit and a
management review of the cycle on record, a rule DOMAIN.md could not verify, so a setting rather than a hard rule

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 23:55:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

BASIS = "PRACTICE-AUDIT-BEFORE-ANNOUNCE"


def upgrade() -> None:
    bases = sa.table("legal_bases", *(sa.column(c) for c in (
        "code", "document", "article", "clause", "summary", "verification")))
    settings = sa.table("default_settings", *(sa.column(c) for c in ("key", "value", "legal_basis_code")))
    op.bulk_insert(bases, [{
        "code": BASIS, "document": "TCVN ISO 9001:2015 (thực tiễn của các Sở KH&CN)", "article": None,
        "clause": None, "verification": "UNVERIFIED",
        "summary": "Công bố HTQLCL sau khi đã đánh giá nội bộ và xem xét của lãnh đạo trong chu kỳ; chưa tìm thấy "
                   "quy định bắt buộc trong QĐ 19/2014/QĐ-TTg"}])
    op.bulk_insert(settings, [{"key": "announce_requires_audits", "value": "1", "legal_basis_code": BASIS}])


def downgrade() -> None:
    op.execute("DELETE FROM tenant_settings WHERE key = 'announce_requires_audits'")
    op.execute("DELETE FROM default_settings WHERE key = 'announce_requires_audits'")
    op.execute("DELETE FROM legal_bases WHERE code = 'PRACTICE-AUDIT-BEFORE-ANNOUNCE'")
