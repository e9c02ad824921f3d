"""the cost caps start on TT 116/2015's effective date; training and inspection per diem get rows that say there
is no cap in the data and why; a line keeps the reason it has no cap (issue 18, item 5)

DOMAIN.md gives only the day TT 116/2015/TT-BTC was signed (11/8/2015, [C2]); its effective date was not read.
A circular takes effect no earlier than 45 days after signing (Luật Ban hành VBQPPL 2008, Điều 78 [U]): the
seeded rows start on that earliest lawful day, 25/9/2015, recorded as unverified. Rows an admin recorded are kept.

Revision ID: 0005
Revises: 0004
"""

import uuid
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SIGNED, EFFECTIVE = date(2015, 8, 11), date(2015, 9, 25)
BASES = [
    {"code": "TT116-2015-HIEU-LUC", "document": "116/2015/TT-BTC", "article": None, "clause": None,
     "verification": "UNVERIFIED",
     "summary": "Ký ngày 11/8/2015; ngày có hiệu lực chưa đọc được trong văn bản gốc. Các mức chi bắt đầu từ "
                "25/9/2015 (45 ngày sau ngày ký, thời điểm sớm nhất theo Luật Ban hành VBQPPL 2008): cần đối chiếu"},
    {"code": "TT116-2015-DAO-TAO", "document": "116/2015/TT-BTC", "article": "Điều 4", "clause": None,
     "verification": "UNVERIFIED",
     "summary": "Chi đào tạo, tập huấn về HTQLCL: theo chế độ chi đào tạo, bồi dưỡng cán bộ, công chức mà Thông tư "
                "dẫn chiếu (có thể là TT 139/2010/TT-BTC, sau là TT 36/2018/TT-BTC); văn bản và mức chi chưa đọc được"},
    {"code": "TT116-2015-CONG-TAC-PHI", "document": "116/2015/TT-BTC", "article": "Điều 4", "clause": None,
     "verification": "UNVERIFIED",
     "summary": "Công tác phí của đoàn kiểm tra: theo chế độ công tác phí mà Thông tư dẫn chiếu (có thể là "
                "TT 97/2010/TT-BTC, sau là TT 40/2017/TT-BTC); văn bản và mức chi chưa đọc được"},
]
NO_CAP = [
    {"code": "TT116-DAO-TAO", "item": "DAO_TAO", "legal_basis_code": "TT116-2015-DAO-TAO",
     "note": "Không có mức trần trong dữ liệu: mức chi đào tạo, tập huấn (văn bản được dẫn chiếu) chưa đọc được / "
             "no cap in the data: the training rates of the cited circular were not read"},
    {"code": "TT116-KIEM-TRA-CONG-TAC-PHI", "item": "KIEM_TRA", "legal_basis_code": "TT116-2015-CONG-TAC-PHI",
     "note": "Không có mức trần trong dữ liệu: mức công tác phí (văn bản được dẫn chiếu) chưa đọc được / "
             "no cap in the data: the per diem rates of the cited circular were not read"},
]


def upgrade() -> None:
    op.add_column("budget_lines", sa.Column("cap_note", sa.String(length=500), nullable=True))
    op.bulk_insert(sa.table("legal_bases", *(sa.column(c) for c in (
        "code", "document", "article", "clause", "summary", "verification"))), BASES)
    typed = {"id": sa.Uuid(), "version": sa.Integer(), "value": sa.BigInteger(), "effective_from": sa.Date(),
             "recorded_at": sa.DateTime(timezone=True)}  # typed, so SQLite (the embedded mode) gets bound values
    norms = sa.table("cost_norms", *(sa.column(c, typed.get(c, sa.String())) for c in (
        "id", "version", "code", "item", "unit", "value", "effective_from", "verification", "legal_basis_code",
        "note", "recorded_at")))
    op.bulk_insert(norms, [{**row, "id": uuid.uuid4(), "version": 1, "unit": "PER_AGENCY", "value": None,
                            "effective_from": EFFECTIVE, "verification": "NOT_FOUND",
                            "recorded_at": datetime.now(UTC)} for row in NO_CAP])
    op.execute(sa.text("UPDATE cost_norms SET effective_from = :effective WHERE effective_from = :signed "
                       "AND recorded_by IS NULL").bindparams(effective=EFFECTIVE, signed=SIGNED))


def downgrade() -> None:
    op.execute(sa.text("UPDATE cost_norms SET effective_from = :signed WHERE effective_from = :effective "
                       "AND recorded_by IS NULL").bindparams(effective=EFFECTIVE, signed=SIGNED))
    op.execute(sa.text("DELETE FROM cost_norms WHERE code IN :codes").bindparams(
        sa.bindparam("codes", [row["code"] for row in NO_CAP], expanding=True)))
    op.execute(sa.text("DELETE FROM legal_bases WHERE code IN :codes").bindparams(
        sa.bindparam("codes", [row["code"] for row in BASES], expanding=True)))
    op.drop_column("budget_lines", "cap_note")
